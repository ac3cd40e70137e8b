#!/usr/bin/env bash
# Structured fuzzing of the real router (crates/server/tests/fuzz.rs): generated
# and mutated push and pull bodies and mutation arguments, from members of
# every role, on SQLite and on PostgreSQL. Prints per backend: cases, cases/s,
# panics, 5xx answers, stuck queues and errors without the JSON shape (all
# must be 0).
#
#   bash bench/fuzz.sh                  1,000,000 cases per backend (release build)
#   bash bench/fuzz.sh --cases 20000    fewer
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
source scripts/test-postgres.sh

cases=1000000
while (($#)); do
  case $1 in
    --cases) cases=$2; shift 2 ;;
    *) echo "usage: bash bench/fuzz.sh [--cases N]" >&2; exit 2 ;;
  esac
done

start_postgres
log=$(mktemp)
status=0
LINLI_FUZZ_CASES=$cases cargo test --quiet --profile server -p linli-server --test fuzz -- --nocapture >"$log" 2>&1 || status=$?
grep -oE 'fuzz (sqlite|postgres): .*' "$log" || true
if ((status)); then
  echo "fuzzing found something; the first findings:" >&2
  grep -vE 'fuzz (sqlite|postgres): ' "$log" | head -n 40 >&2
fi
rm -f "$log"
exit "$status"
