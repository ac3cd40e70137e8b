#!/usr/bin/env bash
# Runs one UI benchmark script (bench/<name>.mjs) against a fresh server with
# the release build: `bash bench/ui-bench.sh <name> [--no-build]`. The
# per-benchmark scripts (canteen-ui.sh, grid-dashboard.sh) call it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name=$1
export PATH="$PWD/node_modules/.bin:$PATH"
[[ ${2:-} == --no-build ]] || trunk build --release >&2
# The sync benchmarks time the server too: they ask for its release build
# (LINLI_BENCH_SERVER_PROFILE=server); the UI benchmarks time the page only.
if [[ ${LINLI_BENCH_SERVER_PROFILE:-} == server ]]; then
  cargo build --quiet -p linli-server --profile server
  server_bin=target/server/linli-server
else
  cargo build --quiet -p linli-server
  server_bin=target/debug/linli-server
fi
data=$(mktemp -d)
port=${LINLI_BENCH_PORT:-8189}
"$server_bin" --bind "127.0.0.1:$port" --data-dir "$data" --dist-dir dist --demo >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
LINLI_BENCH_URL="http://127.0.0.1:$port" node "bench/$name.mjs"
