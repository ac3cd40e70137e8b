#!/usr/bin/env bash
# Grid dashboard benchmark (bench/grid-dashboard.mjs): a grid of 2,000 households
# and 5,000 visit logs in headless Chromium against a fresh server with the
# release build. Prints render and keystroke times.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
[[ ${1:-} == --no-build ]] || trunk build --release >&2
cargo build --quiet -p linli-server
data=$(mktemp -d)
port=${LINLI_BENCH_PORT:-8190}
target/debug/linli-server --bind "127.0.0.1:$port" --data-dir "$data" --dist-dir dist >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
LINLI_BENCH_URL="http://127.0.0.1:$port" node bench/grid-dashboard.mjs
