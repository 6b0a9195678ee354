#!/usr/bin/env bash
# Berth's API benchmark: requests/s and p50/p99 of DescribeClusters and RegisterTaskDefinition
# under keep-alive load (wrk), DescribeClusters against a bare Beast floor server (bench/
# floor_server.cpp) answering the same bytes, RSS at idle and after 10,000 task definitions, cold start to
# first answer; the same for moto_server when it is installed, with ratios. Loopback only,
# bounded (about a minute for Berth, a few more for moto). Writes bench/RESULTS.md.
#
#   bash bench/run.sh [--berth build/berth] [--duration 10] [--connections 32] [--threads 2]
#                     [--floor build/floor_server] [--moto ''] [--fill 10000] ...
#                                                         (python3 bench/bench.py --help)
#
# Builds build/berth and build/floor_server (Release) first when they are not given and missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/.ci/common.sh"

command -v wrk >/dev/null || { echo "wrk is missing: bash .ci/setup-deps installs it" >&2; exit 1; }

targets=()
[[ " $* " != *" --berth "* && ! -x $root/build/berth ]] && targets+=(berth)
[[ " $* " != *" --floor "* && ! -x $root/build/floor_server ]] && targets+=(floor_server)
if [[ ${#targets[@]} -gt 0 ]]; then
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$root/build" --target "${targets[@]}" -j "$BERTH_JOBS"
fi

exec python3 "$root/bench/bench.py" --command "bash bench/run.sh${*:+ $*}" "$@"
