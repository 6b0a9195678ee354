#!/usr/bin/env bash
# Task sets (issue 15) with the aws cli v2: an EXTERNAL service, create-task-set at 50% of its
# count, update-task-set to 100%, update-service-primary-task-set shown by describe-services,
# the task set's tasks running on the engine, delete-task-set (force) until describe-task-sets
# says MISSING, and ECS's errors. Needs a Docker engine (docker/engine.sh,
# docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
AWS_CLI=${AWS_CLI_V2:-/usr/bin/aws}

cluster=$(unique_name tasksets)
family=$(unique_name tasksets)

cleanup() {
    "$AWS_CLI" --endpoint-url "$BERTH_ENDPOINT" ecs delete-service --cluster "$cluster" \
        --service web --force >/dev/null 2>&1 || true
    "$AWS_CLI" --endpoint-url "$BERTH_ENDPOINT" ecs wait services-inactive \
        --cluster "$cluster" --services web >/dev/null 2>&1 || true
    "$AWS_CLI" --endpoint-url "$BERTH_ENDPOINT" ecs delete-cluster --cluster "$cluster" \
        >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Polls describe-task-sets until the task set reports STEADY_STATE; $OUT is the last answer.
wait_steady() {
    for _ in $(seq 1 180); do
        ecs describe-task-sets --cluster "$cluster" --service web --task-sets "$1"
        [[ $(jq -r '.taskSets[0].stabilityStatus' <<<"$OUT") == STEADY_STATE ]] && return
        sleep 0.5
    done
    fail "task set $1 never reached a steady state"
}

step "a cluster, a task definition and an EXTERNAL service of 4"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"
ecs register-task-definition --family "$family" --container-definitions \
    '[{"name":"app","image":"berth-test/busybox:latest","memory":16,"essential":true,
       "command":["sh","-c","trap \"exit 0\" TERM; sleep 600 & wait"]}]'
td=$(jq -r '.taskDefinition.taskDefinitionArn' <<<"$OUT")
ecs create-service --cluster "$cluster" --service-name web --desired-count 4 \
    --deployment-controller type=EXTERNAL
expect '.service.deploymentController.type' EXTERNAL
expect '.service.taskSets | length' 0

step "create-task-set at 50%: two tasks"
ecs create-task-set --cluster "$cluster" --service web --task-definition "$td" \
    --external-id deploy-1 --scale value=50,unit=PERCENT
expect '.taskSet.status' ACTIVE
expect '.taskSet.computedDesiredCount' 2
expect '.taskSet.externalId' deploy-1
task_set=$(jq -r '.taskSet.taskSetArn' <<<"$OUT")
id=$(jq -r '.taskSet.id' <<<"$OUT")
[[ $task_set == "arn:aws:ecs:$REGION:$ACCOUNT:task-set/$cluster/web/$id" ]] ||
    fail "task set ARN $task_set"
wait_steady "$task_set"
expect '.taskSets[0].runningCount' 2

step "its tasks are started by the task set and run on the engine"
ecs list-tasks --cluster "$cluster" --service-name web --desired-status RUNNING
expect '.taskArns | length' 2
task=$(jq -r '.taskArns[0]' <<<"$OUT")
ecs describe-tasks --cluster "$cluster" --tasks "$task"
expect '.tasks[0].startedBy' "$id"
expect '.tasks[0].group' "service:web"
[[ -n $(docker ps -q --filter "label=com.amazonaws.ecs.task-arn=$task") ]] ||
    fail "no running container for $task"

step "update-task-set to 100% and make it primary"
ecs update-task-set --cluster "$cluster" --service web --task-set "$id" \
    --scale value=100,unit=PERCENT
expect '.taskSet.computedDesiredCount' 4
ecs update-service-primary-task-set --cluster "$cluster" --service web --primary-task-set "$task_set"
expect '.taskSet.status' PRIMARY
wait_steady "$id"
expect '.taskSets[0].runningCount' 4
ecs describe-services --cluster "$cluster" --services web
expect '.services[0].taskDefinition' "$td"
expect '.services[0].runningCount' 4
expect '.services[0].taskSets[0].status' PRIMARY

step "errors"
ecs_error InvalidParameterException describe-task-sets --cluster "$cluster" --service web
ecs_error TaskSetNotFoundException update-task-set --cluster "$cluster" --service web \
    --task-set ecs-svc/1234567890123456789 --scale value=1,unit=PERCENT
ecs_error InvalidParameterException delete-task-set --cluster "$cluster" --service web \
    --task-set "$id"
ecs_error ServiceNotFoundException create-task-set --cluster "$cluster" --service nope \
    --task-definition "$td"

step "delete-task-set --force drains it until describe-task-sets says MISSING"
ecs delete-task-set --cluster "$cluster" --service web --task-set "$task_set" --force
expect '.taskSet.status' DRAINING
for _ in $(seq 1 120); do
    ecs describe-task-sets --cluster "$cluster" --service web --task-sets "$task_set"
    [[ $(jq '.failures | length' <<<"$OUT") == 1 ]] && break
    sleep 0.5
done
expect '.failures[0].reason' MISSING
ecs list-tasks --cluster "$cluster" --service-name web --desired-status RUNNING
expect '.taskArns | length' 0
