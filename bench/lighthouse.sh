#!/usr/bin/env bash
# Lighthouse benchmark: a first visit on a phone over a slow mobile network.
#
#   bash bench/lighthouse.sh             build the release app and the server, then measure
#   bash bench/lighthouse.sh --no-build  measure the dist/ and server that are there
#   bash bench/lighthouse.sh --https     over HTTPS and HTTP/2, as an office serves it
#                                        (with its own authority, at its address)
#
# Runs Lighthouse 12.2.3 (13 needs Node 22; fetched by npm on first use, not a
# test dependency) in its default mobile mode: a mid-range phone's CPU (4x
# slowdown) on slow 4G (150 ms RTT, 1.6 Mbit/s down), simulated. Each page is
# loaded cold, as a first visit: no service worker, empty caches. For the home
# page and two modules' pages (village rules, the canteen) it prints the
# performance score, the cumulative layout shift, the first contentful
# paint, the largest contentful paint, the speed index, the total blocking
# time and the bytes transferred, the median of LINLI_LIGHTHOUSE_RUNS runs
# (default 3). LINLI_DIST_DIR measures another build (default dist/), e.g. an
# older commit's, built in a git worktree.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

build=yes
https=no
for arg in "$@"; do
  case $arg in
    --no-build) build=no ;;
    --https) https=yes ;;
    *) echo "usage: bash bench/lighthouse.sh [--no-build] [--https]" >&2; exit 2 ;;
  esac
done
if [[ $build == yes ]]; then
  trunk build --release >&2
  cargo build -p linli-server >&2
fi
dist=${LINLI_DIST_DIR:-dist}
[[ -f $dist/index.html ]] || { echo "no $dist/index.html: build the app first" >&2; exit 1; }

port=${LINLI_BENCH_PORT:-8095}
runs=${LINLI_LIGHTHOUSE_RUNS:-3}
work=$(mktemp -d)
tls_flags=()
origin="http://127.0.0.1:$port"
chrome_tls=""
if [[ $https == yes ]]; then
  target/debug/linli-server local-ca --data-dir "$work/data" --address 127.0.0.1 >/dev/null
  tls_flags=(--tls-cert "$work/data/tls/server.crt" --tls-key "$work/data/tls/server.key")
  origin="https://127.0.0.1:$port"
  # Chromium trusts the authority by its key, as a phone that installed it
  # from /ca does.
  spki=$(openssl x509 -in "$work/data/tls/ca.crt" -pubkey -noout | openssl pkey -pubin -outform der |
    openssl dgst -sha256 -binary | base64)
  chrome_tls="--ignore-certificate-errors-spki-list=$spki"
fi
target/debug/linli-server --bind "127.0.0.1:$port" --data-dir "$work/data" --dist-dir "$dist" --demo \
  "${tls_flags[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -sfk "$origin/api/v1/health" >/dev/null && break
  sleep 0.1
done

export CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
for page in / /rules /canteen; do
  for run in $(seq "$runs"); do
    # Headless Chromium now and then leaves the navigation's start out of
    # the trace (NO_NAVSTART, about one run in ten here), and Lighthouse
    # asks to be run again: a run is tried up to three times.
    for attempt in 1 2 3; do
      npm exec --yes --package=lighthouse@12.2.3 -- lighthouse "$origin$page" \
        --quiet --only-categories=performance --output=json --output-path="$work/run-$run.json" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking $chrome_tls" >&2 &&
        break
      echo "lighthouse: run $run of $page failed (attempt $attempt of 3)" >&2
      ((attempt < 3)) || exit 1
    done
  done
  node - "$page" "$work"/run-*.json <<'EOF'
const fs = require("node:fs");
const [page, ...files] = process.argv.slice(2);
const reports = files.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const protocols = new Set(
  reports.flatMap((report) => report.audits["network-requests"].details.items.map((item) => item.protocol)),
);
const audit = (id) => median(reports.map((report) => report.audits[id].numericValue));
const score = median(reports.map((report) => Math.round(report.categories.performance.score * 100)));
console.log(
  `${page.padEnd(8)} score ${score}  CLS ${audit("cumulative-layout-shift").toFixed(3)}  FCP ${(audit("first-contentful-paint") / 1000).toFixed(1)} s` +
    `  LCP ${(audit("largest-contentful-paint") / 1000).toFixed(1)} s` +
    `  speed index ${(audit("speed-index") / 1000).toFixed(1)} s` +
    `  TBT ${Math.round(audit("total-blocking-time"))} ms` +
    `  transferred ${Math.round(audit("total-byte-weight") / 1024)} KiB` +
    `  ${[...protocols].join("+")}` +
    `  (median of ${reports.length}, Lighthouse ${reports[0].lighthouseVersion})`,
);
EOF
  rm -f "$work"/run-*.json
done
