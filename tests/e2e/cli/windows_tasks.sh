#!/usr/bin/env bash
# Windows task definitions (issue 16) on a Linux engine, with the aws cli: an EC2 task is
# refused placement as ECS refuses it (RunTask's ATTRIBUTE failure, the service's "missing an
# attribute" event), and a FARGATE one stops before any container is made. Needs a Docker
# engine that runs Linux containers (docker/engine.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cluster=$(unique_name windows)
family=$(unique_name win)
# Never pulled: no Windows task gets as far as its image.
IMAGE=mcr.microsoft.com/windows/servercore:ltsc2019
containers=$(jq -cn --arg image "$IMAGE" \
    '[{name: "app", image: $image, memory: 512, essential: true}]')
network='awsvpcConfiguration={subnets=[subnet-0123456789abcdef0]}'

step "create a cluster; its one container instance is the local engine, a Linux one"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"
instance=$(jq -r '.containerInstanceArns[0]' <<<"$OUT")
ecs describe-container-instances --cluster "$cluster" --container-instances "$instance"
expect '.containerInstances[0].attributes[] | select(.name == "ecs.os-type") | .value' linux

step "a Windows task definition registers"
ecs register-task-definition --family "$family" --container-definitions "$containers" \
    --runtime-platform operatingSystemFamily=WINDOWS_SERVER_2019_CORE
expect '.taskDefinition.runtimePlatform.operatingSystemFamily' WINDOWS_SERVER_2019_CORE

step "run-task on EC2: no Windows instance, so ATTRIBUTE for the closest one"
ecs run-task --cluster "$cluster" --task-definition "$family" --launch-type EC2
expect '.tasks | length' 0
expect '.failures[0].reason' ATTRIBUTE
expect '.failures[0].arn' "$instance"

step "a service of it cannot place a task, and says why"
ecs create-service --cluster "$cluster" --service-name "$family" --task-definition "$family" \
    --desired-count 1 --launch-type EC2
for _ in $(seq 1 40); do
    ecs describe-services --cluster "$cluster" --services "$family"
    jq -e '.services[0].events | length > 0' <<<"$OUT" >/dev/null && break
    sleep 0.25
done
expect_true '.services[0].events[0].message | contains("was unable to place a task because no container instance met all of its requirements. The closest matching container-instance")'
expect_true '.services[0].events[0].message | contains("is missing an attribute required by your task.")'
expect '.services[0].runningCount' 0
ecs list-tasks --cluster "$cluster" --service-name "$family"
expect '.taskArns | length' 0
ecs delete-service --cluster "$cluster" --service "$family" --force

step "a Linux task definition still runs there (the same cluster, the same instance)"
ecs register-task-definition --family "$family-linux" --container-definitions "$(jq -cn \
    '[{name: "app", image: "berth-test/busybox:latest", memory: 32, essential: true,
       command: ["true"]}]')"
ecs run-task --cluster "$cluster" --task-definition "$family-linux" --launch-type EC2
expect '.failures | length' 0
linux_task=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
ecs wait tasks-stopped --cluster "$cluster" --tasks "$linux_task"

step "a FARGATE Windows task stops before any container, naming the engine's OS"
ecs register-task-definition --family "$family-fargate" --container-definitions "$containers" \
    --requires-compatibilities FARGATE --network-mode awsvpc --cpu 1024 --memory 2048 \
    --runtime-platform operatingSystemFamily=WINDOWS_SERVER_2019_CORE
ecs run-task --cluster "$cluster" --task-definition "$family-fargate" --launch-type FARGATE \
    --network-configuration "$network"
expect '.failures | length' 0
task=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
ecs describe-tasks --cluster "$cluster" --tasks "$task"
expect '.tasks[0].stopCode' TaskFailedToStart
expect_true '.tasks[0].stoppedReason | startswith("ResourceInitializationError: Berth runs FARGATE tasks on its first Docker engine")'
expect_true '.tasks[0].containers[0].runtimeId == null'
