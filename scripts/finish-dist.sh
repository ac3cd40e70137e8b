#!/usr/bin/env bash
# trunk post_build hook: runs in trunk's staging directory after every asset is
# written.
# 1. Splits the wasm into the main module and lazily loaded ones, and
#    optimises them (scripts/split-wasm.sh).
# 2. Writes the top of each module's page into index.html for its first paint
#    (scripts/first-paint.py).
# 3. Writes this build's precache list and version into sw.js.
# 4. Precompresses text files with brotli -q 11 and gzip -9, which the server
#    sends as they are (no compression work per request).
set -euo pipefail
bash "$(dirname "${BASH_SOURCE[0]}")/split-wasm.sh"
python3 "$(dirname "${BASH_SOURCE[0]}")/first-paint.py" "${TRUNK_STAGING_DIR:?}/index.html" "${TRUNK_SOURCE_DIR:-$PWD}"
cd "${TRUNK_STAGING_DIR:?this script is run by trunk as a post_build hook}"

mapfile -t files < <(find . -type f ! -name sw.js ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | LC_ALL=C sort)

precache=$(printf '"/%s",' "${files[@]}")
precache="[${precache%,}]"
build=$(cat "${files[@]}" | sha256sum | cut -c1-16)

sed -i -e "s|__LINLI_BUILD__|${build}|" -e "s|__LINLI_PRECACHE__|${precache}|" sw.js

while IFS= read -r file; do
  brotli -q 11 -f -k -o "$file.br" "$file"
  gzip -9 -n -f -k "$file"
done < <(find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.webmanifest' -o -name '*.svg' \))

echo "finish-dist: service worker build ${build}, ${#files[@]} files precached and compressed"
