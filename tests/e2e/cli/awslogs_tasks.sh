#!/usr/bin/env bash
# The awslogs log driver on the real engine with the aws cli (issue 9): a task's lines are read
# back with `aws logs get-log-events` (cli v1) from PREFIX/CONTAINER/TASK-ID, in order and to
# the last line written before it exited (its SIGTERM trap's, at stop-task); `aws logs tail
# --follow` (cli v2) prints lines while the task still runs; a missing group without awslogs-create-group stops the task as ECS does.
# Needs a Docker engine and the test images (docker/engine.sh, docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUSYBOX_IMAGE=berth-test/busybox:latest
cluster=$(unique_name awslogs)
group=/ecs/$(unique_name awslogs)

# register FAMILY COMMAND OPTIONS_JSON
register() {
    ecs register-task-definition --family "$1" --container-definitions "$(jq -cn \
        --arg image "$BUSYBOX_IMAGE" --arg cmd "$2" --argjson options "$3" \
        '[{name: "app", image: $image, memory: 32, essential: true,
           command: ["sh", "-c", $cmd],
           logConfiguration: {logDriver: "awslogs", options: $options}}]')"
}

run_one() {
    ecs run-task --cluster "$cluster" --task-definition "$1"
    expect '.failures | length' 0
    TASK=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
    TASK_ID=${TASK##*/}
}

step "create a cluster and wait for the engine's container instance"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"

step "a task that writes until stopped (its TERM trap writes a last line), awslogs with create-group"
family=$(unique_name awslogs-live)
register "$family" \
    'i=1; while [ $i -le 20 ]; do echo line-$i; i=$((i+1)); done; echo oops >&2;
     trap "echo bye; exit 0" TERM; t=1; while true; do echo tick-$t; sleep 1; t=$((t+1)); done' \
    "$(jq -cn --arg g "$group" '{"awslogs-group": $g, "awslogs-region": "us-east-1",
        "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true"}')"
run_one "$family"
ecs wait tasks-running --cluster "$cluster" --tasks "$TASK"

if [[ -x /usr/bin/aws ]]; then
    step "logs tail --follow (cli v2) prints lines while the task runs"
    tail_file=$(mktemp)
    timeout 60 /usr/bin/aws --endpoint-url "$BERTH_ENDPOINT" logs tail "$group" --follow \
        --format short --since 5m >"$tail_file" 2>&1 &
    tail_pid=$!
    started=$(date +%s%3N)
    for _ in $(seq 1 100); do
        grep -q "tick-" "$tail_file" && break
        sleep 0.25
    done
    grep -q "line-20" "$tail_file" || { kill "$tail_pid"; fail "tail printed no line-20: $(cat "$tail_file")"; }
    grep -q "tick-" "$tail_file" || { kill "$tail_pid"; fail "tail printed no tick: $(cat "$tail_file")"; }
    echo "    (tail printed the first tick after $(($(date +%s%3N) - started)) ms)"
    ecs describe-tasks --cluster "$cluster" --tasks "$TASK"
    expect '.tasks[0].lastStatus' RUNNING
    kill "$tail_pid" 2>/dev/null || true
    wait "$tail_pid" 2>/dev/null || true
    rm -f "$tail_file"
fi

step "stop-task, wait tasks-stopped, then get-log-events has every line in order, the last one too"
ecs stop-task --cluster "$cluster" --task "$TASK"
ecs wait tasks-stopped --cluster "$cluster" --tasks "$TASK"
ecs describe-tasks --cluster "$cluster" --tasks "$TASK"
expect '.tasks[0].containers[0].exitCode' 0
aws_ok logs get-log-events --log-group-name "$group" --log-stream-name "ecs/app/$TASK_ID" --start-from-head
# stdout and stderr are pipes the engine reads apart, so only each one's own order is defined.
expect_true '[.events[].message] | map(select(. == "oops")) | length == 1'
OUT=$(jq '.events |= map(select(.message != "oops"))' <<<"$OUT")
expect '[.events[:20][].message] | join(",")' "$(printf 'line-%s,' $(seq 1 20) | sed 's/,$//')"
expect '.events[-1].message' bye
expect_true '[.events[20:-1][].message] == [range(1; (.events | length) - 20) | "tick-\(.)"]'
expect_true '(.events | length) > 22'
expect_true '[.events[].timestamp] == ([.events[].timestamp] | sort)'
expect_true '.events[0].timestamp > 1700000000000'

step "describe-log-streams names the stream PREFIX/CONTAINER/TASK-ID"
aws_ok logs describe-log-streams --log-group-name "$group"
expect '[.logStreams[].logStreamName] | join(",")' "ecs/app/$TASK_ID"

step "a missing group without awslogs-create-group: the task stops, ResourceInitializationError"
family=$(unique_name awslogs-missing)
register "$family" 'echo never' \
    "$(jq -cn --arg g "$group-missing" '{"awslogs-group": $g, "awslogs-region": "us-east-1",
        "awslogs-stream-prefix": "ecs"}')"
run_one "$family"
ecs wait tasks-stopped --cluster "$cluster" --tasks "$TASK"
ecs describe-tasks --cluster "$cluster" --tasks "$TASK"
expect '.tasks[0].stopCode' TaskFailedToStart
expect_true '.tasks[0].stoppedReason | startswith("ResourceInitializationError: failed to validate logger args")'
expect_true '.tasks[0].stoppedReason | contains("The specified log group does not exist.")'
aws_error ResourceNotFoundException logs describe-log-streams --log-group-name "$group-missing"

step "clean up"
aws_ok logs delete-log-group --log-group-name "$group"
ecs delete-cluster --cluster "$cluster"
