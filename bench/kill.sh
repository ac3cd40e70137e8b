#!/usr/bin/env bash
# Crash safety: clients push and pull while the server is killed with SIGKILL
# at random moments and restarted, on SQLite and on PostgreSQL
# (crates/server/examples/kill_bench.rs). Prints per backend: kills, clients,
# acknowledged mutations, lost, doubled, stuck, diverged; exits non-zero if
# any of the last four is not 0.
#
#   bash bench/kill.sh                 100 kills per backend, release build
#   bash bench/kill.sh --kills 5       fewer
#   bash bench/kill.sh --debug         the debug build (what ./dev.sh test has built)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
source scripts/test-postgres.sh

kills=100
profile=server
while (($#)); do
  case $1 in
    --kills) kills=$2; shift 2 ;;
    --debug) profile=dev; shift ;;
    *) echo "usage: bash bench/kill.sh [--kills N] [--debug]" >&2; exit 2 ;;
  esac
done
dir=$([[ $profile == dev ]] && echo debug || echo server)

cargo build --quiet --profile "$profile" -p linli-server --bin linli-server --example kill_bench
start_postgres
export LINLI_KILLS=$kills LINLI_SERVER_BIN="target/$dir/linli-server"
"target/$dir/examples/kill_bench"
LINLI_KILL_POSTGRES_URL=$LINLI_TEST_POSTGRES_URL "target/$dir/examples/kill_bench"
