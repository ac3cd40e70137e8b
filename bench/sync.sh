#!/usr/bin/env bash
# Sync benchmarks over HTTP on loopback (crates/server/examples/sync_bench.rs):
# push 1,000 mutations until confirmed, the first pull of 10,000 records, and
# ingest with 50 concurrent clients. SQLite by default; set
# LINLI_BENCH_DATABASE_URL=postgres://… to measure PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --quiet --profile server -p linli-server --example sync_bench
