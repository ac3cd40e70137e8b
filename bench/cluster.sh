#!/usr/bin/env bash
# Several instances over one PostgreSQL behind nginx, each restarted in turn
# with SIGTERM while clients push and pull through the proxy
# (crates/server/examples/cluster_bench.rs): the district set-up and its
# upgrade, as docs/DEPLOY.md describes them. Prints instances, restarts,
# acknowledged mutations, lost, doubled, stuck, diverged and failed
# requests; exits non-zero if any of lost, doubled, stuck, diverged is not 0.
#
#   bash bench/cluster.sh               10 rounds of restarts, release build
#   bash bench/cluster.sh --rounds 2    fewer
#   bash bench/cluster.sh --debug       the debug build (what ./dev.sh test has built)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
source scripts/test-postgres.sh

rounds=10
profile=server
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --debug) profile=dev; shift ;;
    *) echo "usage: bash bench/cluster.sh [--rounds N] [--debug]" >&2; exit 2 ;;
  esac
done
dir=$([[ $profile == dev ]] && echo debug || echo server)

cargo build --quiet --profile "$profile" -p linli-server --bin linli-server --example cluster_bench
start_postgres
LINLI_CLUSTER_ROUNDS=$rounds LINLI_SERVER_BIN="target/$dir/linli-server" \
  LINLI_CLUSTER_POSTGRES_URL=$LINLI_TEST_POSTGRES_URL "target/$dir/examples/cluster_bench"
