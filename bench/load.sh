#!/usr/bin/env bash
# Load: 200 simulated devices on loopback against a real server process, each
# making one to three changes, pushing and pulling, then pausing up to 300 ms,
# for 60 s, spread over ten communities; on SQLite and on PostgreSQL
# (crates/server/examples/load_bench.rs). Prints per backend: rounds,
# pushes/s, pulls/s, mutations/s, p50 and p99 latency of push and pull, and
# errors; exits non-zero if a p99 reaches 200 ms or any request failed.
#
#   bash bench/load.sh                  release build, 60 s per backend
#   bash bench/load.sh --seconds 10     shorter
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
source scripts/test-postgres.sh

seconds=60
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: bash bench/load.sh [--seconds N]" >&2; exit 2 ;;
  esac
done

cargo build --quiet --profile server -p linli-server --bin linli-server --example load_bench
start_postgres
export LINLI_LOAD_SECONDS=$seconds LINLI_SERVER_BIN=target/server/linli-server
target/server/examples/load_bench
LINLI_LOAD_POSTGRES_URL=$LINLI_TEST_POSTGRES_URL target/server/examples/load_bench
