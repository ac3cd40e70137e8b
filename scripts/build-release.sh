#!/usr/bin/env bash
# The one file a committee installs: the app built for release and carried
# inside linli-server (--features embed-dist), at target/server/linli-server.
# Copy that file to the server machine; it needs no dist/ folder beside it.
#
#   bash scripts/build-release.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

trunk build --release
cargo build --profile server -p linli-server --features embed-dist
ls -l target/server/linli-server
