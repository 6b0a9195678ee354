#!/usr/bin/env bash
# Secrets that reach the container (issue 10), with the aws cli: a plain and a JSON Secrets
# Manager secret and a SecureString parameter, named by a task definition's `secrets` (full
# ARN, partial ARN with a JSON key, parameter name and ARN); the busybox container prints them
# and exits; its output is read with `docker logs`. Then: an updated secret reaches the next
# task; a missing secret, a missing JSON key and a missing parameter each stop the task with
# ECS's reason before any container is created. Needs a Docker engine and the test images
# (docker/engine.sh, docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUSYBOX_IMAGE=berth-test/busybox:latest
PREFIX="ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed"
cluster=$(unique_name secrets)

# `aws secretsmanager ARGS`, checked as ecs() and ssm() are (lib.sh).
secrets() { aws_ok secretsmanager "$@"; }
name=$(unique_name db)

# The output of the task's (only) container, found by the ECS agent's task-arn label.
task_output() {
    local id
    id=$(docker ps -aq --filter "label=com.amazonaws.ecs.task-arn=$1")
    [[ -n $id ]] || fail "no container carries the label of task $1"
    docker logs "$id" 2>&1
}

# Containers of the task, as Docker knows them.
task_container_count() {
    docker ps -aq --filter "label=com.amazonaws.ecs.task-arn=$1" | wc -l
}

# register FAMILY SECRETS_JSON: a busybox container that prints each variable named in
# SECRETS_JSON as NAME=value, then exits.
register() {
    local printer
    printer=$(jq -r '[.[] | "echo \"\(.name)=$\(.name)\""] | join("; ")' <<<"$2")
    ecs register-task-definition --family "$1" --container-definitions "$(jq -cn \
        --arg image "$BUSYBOX_IMAGE" --arg cmd "$printer" --argjson secrets "$2" \
        '[{name: "app", image: $image, memory: 32, essential: true,
           command: ["sh", "-c", $cmd], secrets: $secrets}]')"
}

# run_to_stop FAMILY: runs one task and waits until it is STOPPED; the task is in $OUT.
run_to_stop() {
    ecs run-task --cluster "$cluster" --task-definition "$1"
    expect '.failures | length' 0
    TASK=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
    ecs wait tasks-stopped --cluster "$cluster" --tasks "$TASK"
    ecs describe-tasks --cluster "$cluster" --tasks "$TASK"
    expect '.tasks[0].lastStatus' STOPPED
}

expect_output_line() {
    grep -qxF "$2" <<<"$1" || fail "the container did not print '$2'; it printed: $1"
}

step "create a cluster and wait for its container instance"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"

step "create a plain and a JSON secret, and a SecureString parameter"
secrets create-secret --name "$name-plain" --secret-string 'plain value 1'
plain_arn=$(jq -r '.ARN' <<<"$OUT")
secrets create-secret --name "$name-json" \
    --secret-string '{"username":"admin","password":"pw-1","port":5432}'
json_arn=$(jq -r '.ARN' <<<"$OUT")
json_partial=${json_arn%-??????}  # the ARN without Secrets Manager's six characters
ssm put-parameter --name "/$name/token" --type SecureString --value 'token-1'
ssm get-parameter --name "/$name/token"
token_arn=$(jq -r '.Parameter.ARN' <<<"$OUT")

family=$(unique_name secrets-app)
register "$family" "$(jq -cn --arg plain "$plain_arn" --arg json "$json_arn" \
    --arg partial "$json_partial" --arg token "/$name/token" --arg token_arn "$token_arn" \
    '[{name: "PLAIN", valueFrom: $plain},
      {name: "WHOLE", valueFrom: $json},
      {name: "DB_USER", valueFrom: ($json + ":username::")},
      {name: "DB_PASS", valueFrom: ($partial + ":password:AWSCURRENT:")},
      {name: "DB_PORT", valueFrom: ($partial + ":port::")},
      {name: "TOKEN", valueFrom: $token},
      {name: "TOKEN_BY_ARN", valueFrom: $token_arn}]')"

step "run a task: the container's environment holds every value"
run_to_stop "$family"
expect '.tasks[0].stopCode' EssentialContainerExited
expect '.tasks[0].containers[0].exitCode' 0
out=$(task_output "$TASK")
expect_output_line "$out" "PLAIN=plain value 1"
expect_output_line "$out" 'WHOLE={"username":"admin","password":"pw-1","port":5432}'
expect_output_line "$out" "DB_USER=admin"
expect_output_line "$out" "DB_PASS=pw-1"
expect_output_line "$out" "DB_PORT=5432"
expect_output_line "$out" "TOKEN=token-1"
expect_output_line "$out" "TOKEN_BY_ARN=token-1"

step "the secret's value is in the container, not in DescribeTasks or the task definition"
expect_true '[.. | strings | select(contains("pw-1"))] | length == 0'
ecs describe-task-definition --task-definition "$family"
expect_true '[.. | strings | select(contains("pw-1"))] | length == 0'

step "update the secret and the parameter: the next task gets the new values"
secrets put-secret-value --secret-id "$name-json" \
    --secret-string '{"username":"admin","password":"pw-2","port":5432}'
ssm put-parameter --name "/$name/token" --type SecureString --value 'token-2' --overwrite
run_to_stop "$family"
out=$(task_output "$TASK")
expect_output_line "$out" "DB_PASS=pw-2"
expect_output_line "$out" "TOKEN=token-2"

step "a version stage picks the older value"
register "$family-previous" "$(jq -cn --arg json "$json_arn" \
    '[{name: "OLD_PASS", valueFrom: ($json + ":password:AWSPREVIOUS:")}]')"
run_to_stop "$family-previous"
expect_output_line "$(task_output "$TASK")" "OLD_PASS=pw-1"

# expect_failed_to_start FAMILY REASON: the task stops before any container exists.
expect_failed_to_start() {
    run_to_stop "$1"
    expect '.tasks[0].stopCode' TaskFailedToStart
    expect '.tasks[0].stoppedReason' "$2"
    expect_true '.tasks[0].containers[0].runtimeId == null'
    [[ $(task_container_count "$TASK") == 0 ]] || fail "task $TASK has containers"
}

step "a missing secret stops the task with ECS's reason, no container created"
missing_arn="arn:aws:secretsmanager:$REGION:$ACCOUNT:secret:$name-missing-AbCdEf"
register "$family-missing" "$(jq -cn --arg arn "$missing_arn" '[{name: "X", valueFrom: $arn}]')"
expect_failed_to_start "$family-missing" "$PREFIX: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret $missing_arn from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret."

step "a missing JSON key stops the task with ECS's reason"
register "$family-nokey" "$(jq -cn --arg json "$json_arn" \
    '[{name: "X", valueFrom: ($json + ":no_such_key::")}]')"
expect_failed_to_start "$family-nokey" "$PREFIX: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key no_such_key"

step "a missing parameter stops the task with ECS's reason"
register "$family-noparam" "$(jq -cn --arg p "/$name/missing" '[{name: "X", valueFrom: $p}]')"
expect_failed_to_start "$family-noparam" "$PREFIX: unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /$name/missing"

step "clean up"
secrets delete-secret --secret-id "$name-plain" --force-delete-without-recovery
secrets delete-secret --secret-id "$name-json" --force-delete-without-recovery
ssm delete-parameter --name "/$name/token"
ecs delete-cluster --cluster "$cluster"
