#!/usr/bin/env bash
# Offline cold-start benchmark (bench/offline-start.mjs): the app opened with
# no network and a 4× slower CPU over 10,000 stored records, against a fresh
# server with the release build. `--no-build` uses dist/ as it is.
LINLI_BENCH_SERVER_PROFILE=server exec bash "$(dirname "${BASH_SOURCE[0]}")/ui-bench.sh" offline-start "$@"
