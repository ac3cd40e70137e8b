#!/usr/bin/env bash
# Canteen UI benchmark (bench/canteen-ui.mjs): a 300-dish menu and a kitchen of
# 2,000 orders in headless Chromium against a fresh server with the release
# build. Prints render and keystroke times. `--no-build` uses dist/ as it is.
exec bash "$(dirname "${BASH_SOURCE[0]}")/ui-bench.sh" canteen-ui "$@"
