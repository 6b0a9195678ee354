# shellcheck shell=bash
# Berth's container image for the image suites (sourced): builds it with the documented command
# from the binary CI built, and runs it as README "Berth in a container" says.
#
#   image_build BINARY            bash docker/build.sh --binary BINARY --tag $BERTH_IMAGE
#   berth_container_start NAME    docker run ... $BERTH_IMAGE on a free loopback port, waits until
#                                 Docker calls it healthy (its HEALTHCHECK); sets
#                                 BERTH_CONTAINER_ENDPOINT. Removed when the script exits.
#   wait_healthy NAME             until the HEALTHCHECK says healthy (60 s)
set -uo pipefail

: "${BERTH_SOURCE_DIR:?run this through tests/e2e/run-suite.sh}"
BERTH_IMAGE=${BERTH_IMAGE:-berth:e2e}
export BERTH_IMAGE
image_containers=()

image_say() { echo "[image] $*"; }

image_build() {
    local started=$SECONDS
    bash "$BERTH_SOURCE_DIR/docker/build.sh" --binary "$1" --tag "$BERTH_IMAGE" || return 1
    image_say "built $BERTH_IMAGE in $((SECONDS - started)) s," \
        "$(docker image inspect -f '{{.Size}}' "$BERTH_IMAGE") bytes"
}

wait_healthy() {
    local i status
    for ((i = 0; i < 240; i++)); do
        status=$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)
        [[ $status == healthy ]] && return 0
        [[ $(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null) == true ]] || break
        sleep 0.25
    done
    image_say "container $1 did not become healthy (health: '$status'); its log:"
    docker logs --tail 40 "$1" 2>&1 | sed 's/^/    /'
    return 1
}

_image_cleanup() {
    local name
    for name in "${image_containers[@]}"; do
        # SIGTERM first: Berth stops and removes its tasks before it exits.
        docker stop -t 30 "$name" >/dev/null 2>&1
        docker rm -f "$name" >/dev/null 2>&1
    done
}
trap _image_cleanup EXIT

# The documented command (README "Berth in a container"), on a port of its own.
berth_container_start() {
    local name=$1 port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    docker run -d --name "$name" --network host --pid host --cap-add SYS_ADMIN --cap-add NET_ADMIN \
        -v /var/run/docker.sock:/var/run/docker.sock \
        -e BERTH_LISTEN="127.0.0.1:$port" -e BERTH_STRICT_RESPONSES=true \
        "$BERTH_IMAGE" >/dev/null || return 1
    image_containers+=("$name")
    wait_healthy "$name" || return 1
    BERTH_CONTAINER_ENDPOINT=http://127.0.0.1:$port
    image_say "Berth in container $name at $BERTH_CONTAINER_ENDPOINT"
}
