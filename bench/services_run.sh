#!/usr/bin/env bash
# Berth's services benchmark: CreateService (desiredCount 1, 10, 30) to steady state, and
# `docker kill` of a service's container to its replacement RUNNING, against raw `docker run -d`
# of the same containers in the same run. Needs a Docker engine and the test images
# (docker/engine.sh, docker/test-images.sh). Writes its section of bench/RESULTS.md.
#
#   bash bench/services_run.sh [--berth build/berth] [--counts 1 10 30] [--runs 3] [--kills 5]
#
# Builds build/berth (Release) first when --berth is not given and it is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/.ci/common.sh"

command -v docker >/dev/null || { echo "the docker cli is missing" >&2; exit 1; }
bash "$root/docker/engine.sh"
bash "$root/docker/test-images.sh"

if [[ " $* " != *" --berth "* && ! -x $root/build/berth ]]; then
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$root/build" --target berth -j "$BERTH_JOBS"
fi

exec python3 "$root/bench/services_bench.py" --command "bash bench/services_run.sh${*:+ $*}" "$@"
