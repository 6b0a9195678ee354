#!/usr/bin/env bash
# Runs one end-to-end suite against a Berth of its own:
#
#   run-suite.sh BERTH_BINARY SUITE_NAME [--berth-arg ARG]... -- COMMAND [ARG]...
#
# Starts BERTH_BINARY on a free loopback port with --strict-responses (every response is
# checked against the model's output shape by the server itself), waits for GET /health,
# runs COMMAND from tests/e2e with the environment below, then stops Berth with SIGTERM and
# checks that it exited cleanly. Berth is always stopped, whatever happens (trap).
#
# Environment given to COMMAND:
#   BERTH_ENDPOINT         http://127.0.0.1:PORT
#   BERTH_PID, BERTH_LOG   the server's pid and log file
#   BERTH_E2E_DIR          this folder; BERTH_SOURCE_DIR the repository
#   BERTH_RUN_ID           a short id that suites put into resource names
#   AWS_*                  static test credentials, region us-east-1, no config files, one attempt
set -uo pipefail

usage() {
    echo "usage: $0 BERTH_BINARY SUITE_NAME [--berth-arg ARG]... -- COMMAND [ARG]..." >&2
    exit 2
}

[[ $# -ge 4 ]] || usage
berth=$1
suite=$2
shift 2
berth_args=()
while [[ $# -gt 0 && $1 != "--" ]]; do
    case $1 in
        --berth-arg) berth_args+=("$2"); shift 2 ;;
        *) usage ;;
    esac
done
[[ ${1:-} == "--" ]] || usage
shift
[[ $# -gt 0 ]] || usage

e2e_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$e2e_dir/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/berth-e2e-$suite.XXXXXX")
log=$work/berth.log
berth_pid=""

say() { echo "[e2e.$suite] $*"; }

show_log() {
    if [[ -s $log ]]; then
        say "last lines of the Berth log ($log):"
        tail -n 60 "$log" | sed 's/^/    /'
    fi
}

# Sends SIGTERM, waits up to 10 s, then SIGKILL. Sets berth_status to the exit status
# (or "killed") and clears berth_pid. Not for $(...): wait only works in this shell.
stop_berth() {
    local i
    kill -TERM "$berth_pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$berth_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$berth_pid" 2>/dev/null; then
        kill -KILL "$berth_pid" 2>/dev/null || true
        wait "$berth_pid" 2>/dev/null
        berth_status=killed
    else
        wait "$berth_pid" 2>/dev/null
        berth_status=$?
    fi
    berth_pid=""
}

cleanup() {
    if [[ -n $berth_pid ]]; then
        stop_berth
    fi
    if [[ -n ${watchdog_pid:-} ]]; then
        kill "$watchdog_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# If this script is killed outright (a CTest timeout sends SIGKILL), its traps never run;
# a watchdog then stops Berth so that no server outlives its suite.
start_watchdog() {
    if [[ -n ${watchdog_pid:-} ]]; then
        kill "$watchdog_pid" 2>/dev/null || true
    fi
    (
        trap - EXIT INT TERM
        while kill -0 $$ 2>/dev/null; do sleep 1; done
        kill -TERM "$berth_pid" 2>/dev/null || exit 0
        sleep 5
        kill -0 "$berth_pid" 2>/dev/null && kill -KILL "$berth_pid"
    ) </dev/null >/dev/null 2>&1 &
    watchdog_pid=$!
}

# Starts Berth and waits until /health answers 200. Returns 1 when Berth exits early.
start_berth() {
    port=$(free_port)
    endpoint=http://127.0.0.1:$port
    "$berth" --listen "127.0.0.1:$port" --strict-responses "${berth_args[@]}" >"$log" 2>&1 &
    berth_pid=$!
    start_watchdog
    local i
    for ((i = 0; i < 300; i++)); do
        if ! kill -0 "$berth_pid" 2>/dev/null; then
            wait "$berth_pid"
            say "Berth exited with status $? before answering /health"
            berth_pid=""
            return 1
        fi
        if curl -fsS -o /dev/null --max-time 1 "$endpoint/health" 2>/dev/null; then
            return 0
        fi
        sleep 0.05
    done
    say "Berth did not answer GET $endpoint/health within 15 s"
    return 1
}

if [[ ! -x $berth ]]; then
    say "no Berth binary at $berth (build the 'berth' target first)"
    exit 1
fi

started=0
for attempt in 1 2 3; do
    if start_berth; then
        started=1
        break
    fi
    show_log
    cleanup
    # A port picked by free_port can be taken by someone else before Berth binds it; retry.
    [[ $attempt -lt 3 ]] && say "retrying with another port"
done
if [[ $started != 1 ]]; then
    say "FAILED: could not start Berth"
    exit 1
fi
say "Berth pid $berth_pid at $endpoint (log: $log)"

export BERTH_ENDPOINT=$endpoint BERTH_PID=$berth_pid BERTH_LOG=$log
export BERTH_E2E_DIR=$e2e_dir BERTH_SOURCE_DIR=$source_dir
export BERTH_RUN_ID=${BERTH_RUN_ID:-$(printf '%x%04x' "$(date +%s)" "$$" | tail -c 8)}
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_ECS
# Nothing from the user's ~/.aws may leak in; failures must surface at the first attempt.
export AWS_CONFIG_FILE=$work/aws-config AWS_SHARED_CREDENTIALS_FILE=$work/aws-credentials
export AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard AWS_PAGER=""

say "running: $*"
(cd "$e2e_dir" && "$@")
suite_rc=$?

failed=0
if [[ $suite_rc != 0 ]]; then
    say "suite FAILED (exit status $suite_rc)"
    failed=1
fi
if ! kill -0 "$berth_pid" 2>/dev/null; then
    wait "$berth_pid"
    say "Berth died during the suite (exit status $?)"
    berth_pid=""
    failed=1
else
    stop_berth
    if [[ $berth_status != 0 ]]; then
        say "Berth did not exit cleanly on SIGTERM (status: $berth_status)"
        failed=1
    fi
fi

if [[ $failed != 0 ]]; then
    show_log
    say "FAILED (work dir kept: $work)"
    exit 1
fi
rm -rf "$work"
say "passed"
