#!/usr/bin/env bash
# e2e.image-cli: Berth's image, built with the documented command from the binary CI built
# (no second compile), run with the documented command, then the suites that drive every kind
# of task against it, unchanged: bridge tasks' host ports (cli/tasks_run_stop.sh), the Fargate
# tutorial with its awsvpc address (cli/tutorial_fargate.sh), metadata and credentials inside
# tasks (python/tasks_inside.py). Last, a Berth container killed and started again removes
# the task its earlier run left.
#
#   image/cli.sh BERTH_BINARY
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BERTH_E2E_DIR" || exit 1
binary=$1
failed=()

image_build "$binary" || exit 1

expected=$("$binary" --version)
got=$(docker run --rm "$BERTH_IMAGE" --version)
image_say "berth --version in the image: $got"
[[ $got == "$expected" && $got == *"(revision "* ]] ||
    { image_say "FAILED: the image says '$got', the binary '$expected'"; exit 1; }

name=berth-e2e-cli-$BERTH_RUN_ID
berth_container_start "$name" || exit 1
export BERTH_ENDPOINT=$BERTH_CONTAINER_ENDPOINT

bash cli/run.sh tasks_run_stop.sh tutorial_fargate.sh || failed+=(cli)
bash python/run.sh tasks_inside || failed+=(python-tasks-inside)

# Restart: the task is left running by a SIGKILLed Berth; the same container, started again,
# removes it (its instance id is the container's id, the tasks' berth.instance label).
image_say "restart: a killed Berth container's task is removed when it starts again"
restart() {
    local id instance cluster=image-restart-$BERTH_RUN_ID task i left
    id=$(docker inspect -f '{{.Id}}' "$name")
    instance=berth-container-${id:0:12}
    aws --endpoint-url "$BERTH_ENDPOINT" ecs create-cluster --cluster-name "$cluster" >/dev/null || return 1
    aws --endpoint-url "$BERTH_ENDPOINT" ecs register-task-definition --family image-restart \
        --container-definitions '[{"name":"sleep","image":"berth-test/busybox:latest","essential":true,"memory":32,"command":["sleep","300"]}]' \
        >/dev/null || return 1
    task=$(aws --endpoint-url "$BERTH_ENDPOINT" ecs run-task --cluster "$cluster" \
        --task-definition image-restart --query 'tasks[0].taskArn' --output text) || return 1
    aws --endpoint-url "$BERTH_ENDPOINT" ecs wait tasks-running --cluster "$cluster" --tasks "$task" || return 1
    left=$(docker ps -q --filter "label=berth.instance=$instance" --filter "label=com.amazonaws.ecs.task-arn=$task")
    [[ -n $left ]] || { image_say "no container labelled berth.instance=$instance for $task"; return 1; }
    docker kill "$name" >/dev/null || return 1
    [[ -n $(docker ps -q --filter "label=berth.instance=$instance") ]] ||
        { image_say "the task did not outlive the killed Berth: nothing to clean up"; return 1; }
    docker start "$name" >/dev/null || return 1
    wait_healthy "$name" || return 1
    for ((i = 0; i < 120; i++)); do
        [[ -z $(docker ps -aq --filter "label=berth.instance=$instance") ]] && break
        sleep 0.25
    done
    left=$(docker ps -aq --filter "label=berth.instance=$instance")
    [[ -z $left ]] || { image_say "left after the restart: $left"; return 1; }
    image_say "restart: the earlier run's task container is gone"
}
restart || failed+=(restart)

if [[ ${#failed[@]} -gt 0 ]]; then
    image_say "FAILED: ${failed[*]}; the container's log:"
    docker logs --tail 60 "$name" 2>&1 | sed 's/^/    /'
    exit 1
fi
image_say "image-cli passed"
