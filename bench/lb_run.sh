#!/usr/bin/env bash
# The load balancer bench (issue 12): requests/s and p50/p99 through an application load
# balancer's listener (the edge/lb data plane, build/lb_bench) against the same target hit
# directly (build/floor_server, a bare Beast server), in the same run, side by side: the same
# wrk command on both, direct first, then through the listener. Loopback only, bounded (a few
# seconds of warm-up and DURATION seconds of load each). Writes its section of bench/RESULTS.md.
#
#   bash bench/lb_run.sh [--duration 10] [--connections 32] [--threads 2]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=10 connections=32 threads=2
while [[ $# -gt 0 ]]; do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

if ! command -v wrk >/dev/null; then
    if [[ $(id -u) == 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
targets=()
[[ -x $root/build/floor_server ]] || targets+=(floor_server)
[[ -x $root/build/lb_bench ]] || targets+=(lb_bench)
if [[ ${#targets[@]} -gt 0 ]]; then
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build" --target "${targets[@]}" -j 2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
target_port=$(free_port)
listener_port=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo -n "hello from the target" > /tmp/lb-bench-body.$$
"$root/build/floor_server" "$target_port" 2 /tmp/lb-bench-body.$$ >/dev/null 2>&1 &
pids+=($!)
coproc LB { exec "$root/build/lb_bench" "$target_port" "$listener_port" 2>/dev/null; }
pids+=($LB_PID)
read -r -t 20 ready <&"${LB[0]}" || { echo "lb_bench did not get ready" >&2; exit 1; }

run() {  # run URL → "requests/s p50_ms p99_ms"
    wrk -t "$threads" -c "$connections" -d 2s "$1" >/dev/null
    wrk -t "$threads" -c "$connections" -d "${duration}s" --latency "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"50%\s+(\S+)", text).group(1))
p99 = ms(re.search(r"99%\s+(\S+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {p50:.3f} {p99:.3f} {errors.group(1) if errors else 0}")'
}
read -r d_rps d_p50 d_p99 d_err < <(run "http://127.0.0.1:$target_port/")
read -r l_rps l_p50 l_p99 l_err < <(run "http://127.0.0.1:$listener_port/")

revision=$(git -C "$root" rev-parse --short HEAD)
load=$(cut -d' ' -f1-3 /proc/loadavg)
section=$(python3 - "$d_rps" "$d_p50" "$d_p99" "$d_err" "$l_rps" "$l_p50" "$l_p99" "$l_err" <<PY
import sys
d_rps, d_p50, d_p99, d_err, l_rps, l_p50, l_p99, l_err = sys.argv[1:]
share = 100 * float(l_rps) / float(d_rps)
added = float(l_p99) - float(d_p99)
print(f"""<!-- lb-bench:begin -->
## Load balancer: through the listener against the target directly (issue 12)

\`bash bench/lb_run.sh --duration $duration --connections $connections --threads $threads\` — $(date -u '+%Y-%m-%d %H:%M') UTC, revision $revision, $(nproc) cores (load average at the end: $load).

\`wrk -t $threads -c $connections -d ${duration}s --latency\` (after 2 s of warm-up) against build/floor_server (a bare Beast server answering 21 bytes) directly, then through an application load balancer's HTTP listener forwarding to it (build/lb_bench: edge/lb in-process, one ip target, keep-alive to the target, ALB's headers added), in the same run. wrk, the load balancer and the target share the machine's cores.

| | requests/s | p50 | p99 | non-2xx |
|---|---|---|---|---|
| target directly | {float(d_rps):.0f} | {float(d_p50):.2f} ms | {float(d_p99):.2f} ms | {d_err} |
| through the load balancer | {float(l_rps):.0f} | {float(l_p50):.2f} ms | {float(l_p99):.2f} ms | {l_err} |
| ratio / added | {share:.0f} % of direct | | +{added:.2f} ms | |

Targets (issue 12): at least 50 % of direct, under 1 ms added at p99.
<!-- lb-bench:end -->""")
PY
)
python3 - "$root/bench/RESULTS.md" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- lb-bench:begin -->.*?<!-- lb-bench:end -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "$section"
rm -f /tmp/lb-bench-body.$$
