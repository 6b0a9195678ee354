#!/usr/bin/env bash
# Tasks on the real engine with the aws cli (issue 3): run-task of a bridge httpd task with a
# dynamic and with a static host port, `aws ecs wait tasks-running`, curl the port, stop-task,
# `aws ecs wait tasks-stopped`, and the stop as describe-tasks shows it; a GPU task refused with
# RESOURCE:GPU. Needs a Docker engine
# and the test images (docker/engine.sh, docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HTTPD_IMAGE=public.ecr.aws/docker/library/httpd:latest
cluster=$(unique_name tasks)
family=$(unique_name httpd)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# GET http://127.0.0.1:PORT/ must answer with the image's page within a few seconds.
expect_http() {
    local port=$1 body=""
    for _ in $(seq 1 20); do
        body=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null) && break
        sleep 0.25
    done
    grep -q "It works!" <<<"$body" || fail "nothing answered on 127.0.0.1:$port (got '$body')"
}

register() {  # register FAMILY HOST_PORT
    ecs register-task-definition --family "$1" --container-definitions "$(jq -cn \
        --arg image "$HTTPD_IMAGE" --argjson port "$2" \
        '[{name: "web", image: $image, memory: 64, essential: true,
           portMappings: [{containerPort: 80, hostPort: $port}]}]')"
}

# run_and_check FAMILY: runs one task, waits for RUNNING, and prints its host port.
run_until_running() {
    ecs run-task --cluster "$cluster" --task-definition "$1" --started-by e2e-cli
    expect '.failures | length' 0
    expect '.tasks | length' 1
    expect_true '.tasks[0].lastStatus == "PROVISIONING" or .tasks[0].lastStatus == "PENDING"'
    expect '.tasks[0].desiredStatus' RUNNING
    TASK=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
    ecs wait tasks-running --cluster "$cluster" --tasks "$TASK"
    ecs describe-tasks --cluster "$cluster" --tasks "$TASK"
    expect '.tasks[0].lastStatus' RUNNING
    expect '.tasks[0].containers[0].lastStatus' RUNNING
    expect_true '.tasks[0].startedAt > 0'
    expect_true '.tasks[0].containers[0].runtimeId | length > 0'
}

stop_and_check() {
    ecs stop-task --cluster "$cluster" --task "$TASK" --reason "e2e: done"
    expect '.task.desiredStatus' STOPPED
    expect '.task.stopCode' UserInitiated
    ecs wait tasks-stopped --cluster "$cluster" --tasks "$TASK"
    ecs describe-tasks --cluster "$cluster" --tasks "$TASK"
    expect '.tasks[0].lastStatus' STOPPED
    expect '.tasks[0].stopCode' UserInitiated
    expect '.tasks[0].stoppedReason' "e2e: done"
    expect_true '.tasks[0].stoppedAt >= .tasks[0].startedAt'
    expect '.tasks[0].containers[0].lastStatus' STOPPED
}

step "create a cluster"
ecs create-cluster --cluster-name "$cluster"

step "Berth registers the local engine as the cluster's container instance"
wait_container_instance "$cluster"
instance=$(jq -r '.containerInstanceArns[0]' <<<"$OUT")
ecs describe-container-instances --cluster "$cluster" --container-instances "$instance"
expect '.containerInstances[0].agentConnected' true
expect_true '.containerInstances[0].registeredResources[] | select(.name == "MEMORY") | .integerValue > 0'

step "run-task with a dynamic host port, wait tasks-running"
register "$family" 0
run_until_running "$family"
host_port=$(jq -r '.tasks[0].containers[0].networkBindings[0].hostPort' <<<"$OUT")
expect '.tasks[0].containers[0].networkBindings[0].containerPort' 80
[[ $host_port =~ ^[0-9]+$ && $host_port -gt 0 ]] || fail "no dynamic host port: $host_port"

step "the task answers on its dynamic port"
expect_http "$host_port"

step "the task is listed, and reserves memory on the instance"
ecs list-tasks --cluster "$cluster" --family "$family"
expect '.taskArns[0]' "$TASK"
ecs describe-container-instances --cluster "$cluster" --container-instances "$instance"
expect '.containerInstances[0].runningTasksCount' 1

step "stop-task, wait tasks-stopped"
stop_and_check

step "stopped tasks are listed with --desired-status STOPPED only"
ecs list-tasks --cluster "$cluster" --family "$family"
expect '.taskArns | length' 0
ecs list-tasks --cluster "$cluster" --family "$family" --desired-status STOPPED
expect '.taskArns[0]' "$TASK"

step "run-task with a static host port answers on that port"
port=$(free_port)
register "$family-static" "$port"
run_until_running "$family-static"
expect '.tasks[0].containers[0].networkBindings[0].hostPort' "$port"
expect_http "$port"

step "a second task on the same static port does not fit: RESOURCE:PORTS"
ecs run-task --cluster "$cluster" --task-definition "$family-static"
expect '.tasks | length' 0
expect '.failures[0].reason' RESOURCE:PORTS
expect '.failures[0].arn' "$instance"

step "stop the static-port task"
stop_and_check

step "a GPU task where no GPU is registered (Berth runs without --gpus): RESOURCE:GPU"
ecs describe-container-instances --cluster "$cluster" --container-instances "$instance"
expect '[.containerInstances[0].registeredResources[] | select(.name == "GPU")] | length' 0
ecs register-task-definition --family "$family-gpu" --container-definitions "$(jq -cn \
    --arg image "$HTTPD_IMAGE" \
    '[{name: "train", image: $image, memory: 64,
       resourceRequirements: [{type: "GPU", value: "1"}]}]')"
expect '.taskDefinition.containerDefinitions[0].resourceRequirements[0].value' 1
ecs run-task --cluster "$cluster" --task-definition "$family-gpu"
expect '.tasks | length' 0
expect '.failures[0].reason' RESOURCE:GPU
expect '.failures[0].arn' "$instance"

step "stop-task of an unknown task"
ecs_error InvalidParameterException stop-task --cluster "$cluster" --task 0123456789abcdef0123456789abcdef

step "the cluster deletes once its tasks have stopped"
ecs delete-cluster --cluster "$cluster"
expect '.cluster.status' INACTIVE
