#!/usr/bin/env bash
# First-sync benchmark (bench/first-sync.mjs): a new device's first sync of
# 10,000 village-shaped records, unthrottled and on slow 4G, each against a
# fresh server with the release build. Prints time, requests and bytes.
# `--no-build` uses dist/ as it is.
set -euo pipefail
export LINLI_BENCH_SERVER_PROFILE=server
here=$(dirname "${BASH_SOURCE[0]}")
build=${1:-}
for network in none slow4g; do
  FIRST_SYNC_NETWORK=$network bash "$here/ui-bench.sh" first-sync "$build"
  build=--no-build
done
