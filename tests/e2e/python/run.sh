#!/usr/bin/env bash
# Runs the boto3 tests (stdlib unittest): every python/test_*.py, or the modules / test ids
# named on the command line, e.g. `test_clusters` or `test_clusters.ClusterTest.test_...`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# The first Python that has boto3: the machine's (pyenv) one, else Debian's python3-boto3.
python=""
for candidate in python3 "$HOME/.pyenv/shims/python3" /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import boto3' 2>/dev/null; then
        python=$candidate
        break
    fi
done
if [[ -z $python ]]; then
    echo "no python3 with boto3 found (bash .ci/setup-deps installs python3-boto3)" >&2
    exit 1
fi
"$python" -c 'import sys, boto3, botocore; print("python", sys.version.split()[0], "boto3", boto3.__version__, "botocore", botocore.__version__)'

export PYTHONDONTWRITEBYTECODE=1
if [[ $# -gt 0 ]]; then
    exec "$python" -m unittest -v "$@"
fi
exec "$python" -m unittest discover -v -s . -p 'test_*.py'
