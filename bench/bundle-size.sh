#!/usr/bin/env bash
# Bundle benchmark: what a first visit downloads, raw and compressed.
#
#   bash bench/bundle-size.sh             build the release app, then measure dist/
#   bash bench/bundle-size.sh --no-build  measure the dist/ that is there
#
# Two groups of files:
# - the first load: what the page needs before it works (index.html, the JS,
#   the main wasm module, the split loader, the CSS, the manifest, the icons
#   and the service worker);
# - the lazily loaded modules (scripts/split-wasm.sh): each module's screens,
#   the settings screen and the notice board, fetched when first shown; the
#   sync engine, fetched once a member has joined; all of them also by the
#   service worker in the background after the first load, so the app works
#   offline afterwards.
# For each file it prints the raw size, gzip -9 and brotli -q 11 (what the
# server sends precompressed), then each group's totals and the whole visit's,
# and checks the first load's brotli total against the budget
# (LINLI_BUDGET_KB, default 125).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ${1:-} != --no-build ]]; then
  trunk build --release >&2
fi
[[ -f dist/index.html ]] || { echo "no dist/index.html: build the app first" >&2; exit 1; }

budget_kb=${LINLI_BUDGET_KB:-125}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

# Prints one row per file and leaves the group's totals in raw, gz and br.
measure() {
  raw=0 gz=0 br=0
  local file file_raw file_gz file_br
  while IFS= read -r file; do
    file_raw=$(wc -c <"$file")
    file_gz=$(gzip -9 -n -c "$file" | wc -c)
    file_br=$(brotli -q 11 -c "$file" | wc -c)
    printf '%-44s %10d %10d %10d\n' "${file#dist/}" "$file_raw" "$file_gz" "$file_br"
    raw=$((raw + file_raw)) gz=$((gz + file_gz)) br=$((br + file_br))
  done
}

lazy_module='^dist/(chunk_[0-9]+|split_[A-Za-z0-9_]+)-[0-9a-f]+\.wasm$'
mapfile -t files < <(find dist -type f ! -name '*.br' ! -name '*.gz' | LC_ALL=C sort)

printf '%-44s %10s %10s %10s\n' "first load" raw gzip-9 brotli-11
measure < <(printf '%s\n' "${files[@]}" | grep -Ev "$lazy_module")
printf '%-44s %10d %10d %10d\n' "FIRST LOAD" "$raw" "$gz" "$br"
first_raw=$raw first_gz=$gz first_br=$br

printf '\n%-44s %10s %10s %10s\n' "lazily loaded modules" raw gzip-9 brotli-11
measure < <(printf '%s\n' "${files[@]}" | grep -E "$lazy_module" || true)
printf '%-44s %10d %10d %10d\n' "LAZY MODULES" "$raw" "$gz" "$br"

echo
echo "first load: $(kb "$first_raw") KiB raw, $(kb "$first_gz") KiB gzip, $(kb "$first_br") KiB brotli (budget ${budget_kb} KiB brotli)"
echo "lazily loaded modules: $(kb "$br") KiB brotli; the whole visit with the service worker's precache: $(kb $((first_br + br))) KiB brotli"
if ((first_br > budget_kb * 1024)); then
  echo "OVER BUDGET by $(kb $((first_br - budget_kb * 1024))) KiB" >&2
  exit 1
fi
