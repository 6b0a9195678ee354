#!/usr/bin/env bash
# Runs the aws cli tests: every cli/test_*.sh, or the ones named on the command line.
# Each file stops at its first failure; this runner goes on with the next file and exits
# non-zero when any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ $# -gt 0 ]]; then
    tests=("$@")
else
    tests=(test_*.sh)
fi

aws --version

passed=()
failed=()
for t in "${tests[@]}"; do
    echo "== $t"
    if TEST_NAME=$t bash "$t"; then
        passed+=("$t")
    else
        failed+=("$t")
    fi
done

echo
echo "cli: ${#passed[@]} passed, ${#failed[@]} failed"
for t in "${failed[@]}"; do
    echo "  FAILED: $t"
done
[[ ${#failed[@]} == 0 ]]
