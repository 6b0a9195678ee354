#!/usr/bin/env bash
# e2e.image-js: the Testcontainers test (js/testcontainers.image.mjs), which starts Berth's
# image itself; the image is built first with the documented command from the binary CI built.
#
#   image/js.sh BERTH_BINARY
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BERTH_E2E_DIR" || exit 1
image_build "$1" || exit 1
# Ryuk, Testcontainers' reaper, is an image of its own that no registry here can give.
TESTCONTAINERS_RYUK_DISABLED=true bash js/run.sh testcontainers.image.mjs
