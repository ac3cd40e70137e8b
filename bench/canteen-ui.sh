#!/usr/bin/env bash
# Canteen UI benchmark (bench/canteen-ui.mjs): a 300-dish menu and a kitchen of
# 2,000 orders in headless Chromium against a fresh server with the release
# build. Prints render and keystroke times.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
[[ ${1:-} == --no-build ]] || trunk build --release >&2
cargo build --quiet -p linli-server
data=$(mktemp -d)
port=${LINLI_BENCH_PORT:-8189}
target/debug/linli-server --bind "127.0.0.1:$port" --data-dir "$data" --dist-dir dist >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
LINLI_BENCH_URL="http://127.0.0.1:$port" node bench/canteen-ui.mjs
