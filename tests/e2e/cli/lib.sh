# Helpers for the aws cli suite; sourced by every cli/test_*.sh.
#
#   step "what comes next"        names the step that a failure message will report
#   ecs ARGS...                   `aws ecs ARGS` against Berth; stdout in $OUT, stderr in $ERR,
#                                 fails the test (printing both) when the command fails
#   ecs_error CODE ARGS...        the command must fail with the AWS error CODE: exit status
#                                 255 (cli v1) or 254 (cli v2) and "An error occurred (CODE)"
#   expect FILTER EXPECTED        jq -r FILTER on $OUT must print EXPECTED exactly
#   expect_true FILTER [JQARG...] jq -e FILTER on $OUT must be true (JQARG: --arg n v, ...)
#   aws_ok SERVICE ARGS...        as ecs, for any service (`aws_ok logs describe-log-groups`)
#   aws_error CODE SERVICE ARGS...  as ecs_error, for any service
#                                 (both run $AWS_CLI, default `aws`: e.g. /usr/bin/aws for v2)
#   ssm ARGS..., ssm_error CODE ARGS...  aws_ok ssm ..., aws_error CODE ssm ...
#   fail MESSAGE                  stops the test, naming the step
set -euo pipefail

: "${BERTH_ENDPOINT:?BERTH_ENDPOINT is not set: run this through tests/e2e/run-suite.sh}"
: "${AWS_ACCESS_KEY_ID:=test}" "${AWS_SECRET_ACCESS_KEY:=test}" "${AWS_DEFAULT_REGION:=us-east-1}"
: "${BERTH_E2E_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${BERTH_RUN_ID:=$(date +%s)}"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION

command -v jq >/dev/null || { echo "jq is missing (bash .ci/setup-deps installs it)" >&2; exit 1; }
command -v aws >/dev/null || { echo "the aws cli is missing" >&2; exit 1; }

ACCOUNT=000000000000
REGION=$AWS_DEFAULT_REGION
STEP="(start)"
OUT=""
ERR=""
RC=0

step() {
    STEP=$*
    echo "  - $STEP"
}

fail() {
    {
        echo "FAIL in ${TEST_NAME:-$0}, step: $STEP"
        echo "  $*"
        [[ -n $OUT ]] && echo "  stdout: $(head -c 4000 <<<"$OUT")"
        [[ -n $ERR ]] && echo "  stderr: $(head -c 4000 <<<"$ERR")"
    } >&2
    exit 1
}

# A resource name no other test uses: unique_name cluster → cluster-<run id>-<pid>-<n>.
# Called as $(unique_name ...), so it runs in a subshell: $BASHPID (that subshell's pid)
# tells the calls apart, where a counter variable would not survive the subshell.
unique_name() {
    echo "$1-$BERTH_RUN_ID-$$-$BASHPID"
}

# `aws SERVICE ARGS` against Berth into $OUT, $ERR and $RC.
_run_aws() {
    local service=$1 errfile
    shift
    errfile=$(mktemp)
    set +e
    OUT=$("${AWS_CLI:-aws}" --endpoint-url "$BERTH_ENDPOINT" --output json "$service" "$@" 2>"$errfile")
    RC=$?
    set -e
    ERR=$(cat "$errfile")
    rm -f "$errfile"
}

# aws_ok SERVICE ARGS... and aws_error CODE SERVICE ARGS...: ecs and ecs_error for any service.
aws_ok() {
    _run_aws "$@"
    if [[ $RC != 0 ]]; then
        fail "aws $* exited with status $RC"
    fi
}

aws_error() {
    local code=$1
    shift
    _run_aws "$@"
    if [[ $RC == 0 ]]; then
        fail "aws $* succeeded; expected the error $code"
    fi
    if [[ $RC != 255 && $RC != 254 ]]; then
        fail "aws $* exited with status $RC; expected 255 (cli v1) or 254 (cli v2) for a service error"
    fi
    if ! grep -q "An error occurred ($code)" <<<"$ERR"; then
        fail "aws $*: expected the error ($code)"
    fi
}

ecs() { aws_ok ecs "$@"; }
ecs_error() {
    local code=$1
    shift
    aws_error "$code" ecs "$@"
}

ssm() { aws_ok ssm "$@"; }
ssm_error() { aws_error "$1" ssm "${@:2}"; }

expect() {
    local filter=$1 expected=$2 actual
    actual=$(jq -r "$filter" <<<"$OUT") || fail "jq could not evaluate $filter"
    if [[ $actual != "$expected" ]]; then
        fail "$filter is '$actual', expected '$expected'"
    fi
}

expect_true() {
    local filter=$1
    shift
    jq -e "$@" "$filter" <<<"$OUT" >/dev/null || fail "expected ($filter) to hold ($*)"
}

# Berth registers its engine into every cluster right after the cluster appears: waits for that
# container instance; $OUT is list-container-instances' answer.
wait_container_instance() {
    for _ in $(seq 1 40); do
        ecs list-container-instances --cluster "$1"
        [[ $(jq '.containerInstanceArns | length' <<<"$OUT") -ge 1 ]] && break
        sleep 0.25
    done
    expect '.containerInstanceArns | length' 1
}

cluster_arn() { echo "arn:aws:ecs:$REGION:$ACCOUNT:cluster/$1"; }
task_definition_arn() { echo "arn:aws:ecs:$REGION:$ACCOUNT:task-definition/$1"; }
