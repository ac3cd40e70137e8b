#!/usr/bin/env bash
# Bundle benchmark: what a first visit downloads, raw and compressed.
#
#   bash bench/bundle-size.sh             build the release app, then measure dist/
#   bash bench/bundle-size.sh --no-build  measure the dist/ that is there
#
# A first visit downloads every file in dist/: the page loads index.html, the
# JS, the wasm, the CSS, the manifest and an icon, and the service worker
# precaches the rest. For each file it prints the raw size, gzip -9 and
# brotli -q 11 (what the server sends precompressed), then the totals, and
# checks the brotli total against the budget (LINLI_BUDGET_KB, default 200:
# the whole app's; the shell alone had 120).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ${1:-} != --no-build ]]; then
  trunk build --release >&2
fi
[[ -f dist/index.html ]] || { echo "no dist/index.html: build the app first" >&2; exit 1; }

budget_kb=${LINLI_BUDGET_KB:-200}
total_raw=0 total_gzip=0 total_brotli=0
printf '%-44s %10s %10s %10s\n' file raw gzip-9 brotli-11
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -n -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '%-44s %10d %10d %10d\n' "${file#dist/}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gzip=$((total_gzip + gz)) total_brotli=$((total_brotli + br))
done < <(find dist -type f ! -name '*.br' ! -name '*.gz' | LC_ALL=C sort)
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gzip" "$total_brotli"

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
echo "total: $(kb "$total_raw") KiB raw, $(kb "$total_gzip") KiB gzip, $(kb "$total_brotli") KiB brotli (budget ${budget_kb} KiB brotli)"
if ((total_brotli > budget_kb * 1024)); then
  echo "OVER BUDGET by $(kb $((total_brotli - budget_kb * 1024))) KiB" >&2
  exit 1
fi
