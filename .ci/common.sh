# Shared by the .ci scripts (sourced). Paths, PATH and small helpers.

BERTH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BERTH_ROOT

# The machine's Python (pyenv) carries the aws cli and boto3; a non-login shell (CI) may not
# have its shims on PATH yet.
if [[ -d $HOME/.pyenv/shims && :$PATH: != *:$HOME/.pyenv/shims:* ]]; then
    export PATH=$HOME/.pyenv/shims:$PATH
fi
export DEBIAN_FRONTEND=noninteractive

ci_say() { echo "[berth-ci] $*"; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ $(id -u) == 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        ci_say "need root for: $* (run as root or install sudo)"
        return 1
    fi
}

# Two cores are shared; never build with more than two jobs.
BERTH_JOBS=${BERTH_JOBS:-2}
