#!/usr/bin/env bash
# Grid dashboard benchmark (bench/grid-dashboard.mjs): a grid of 2,000
# households and 5,000 visit logs in headless Chromium against a fresh server
# with the release build. Prints render and keystroke times. `--no-build`
# uses dist/ as it is.
exec bash "$(dirname "${BASH_SOURCE[0]}")/ui-bench.sh" grid-dashboard "$@"
