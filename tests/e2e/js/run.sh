#!/usr/bin/env bash
# Runs the AWS SDK for JavaScript v3 tests with node's built-in runner: every *.test.mjs here,
# or the files named on the command line. Installs the locked packages first if needed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v node >/dev/null || { echo "node is missing" >&2; exit 1; }
if [[ ! -d node_modules/@aws-sdk/client-ecs ]]; then
    echo "installing the locked npm packages (npm ci)"
    npm ci --no-audit --no-fund || exit 1
fi
# The Testcontainers suite (testcontainers.image.mjs) needs a package the others do not.
if [[ " $* " == *".image.mjs "* && ! -d node_modules/testcontainers ]]; then
    npm ci --no-audit --no-fund || exit 1
fi
echo "node $(node --version), @aws-sdk/client-ecs $(node -p 'require("@aws-sdk/client-ecs/package.json").version')"

if [[ $# -gt 0 ]]; then
    tests=("$@")
else
    tests=(*.test.mjs)
fi
exec node --test --test-reporter=spec "${tests[@]}"
