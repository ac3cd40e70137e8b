#!/usr/bin/env bash
# trunk post_build step (called by scripts/finish-dist.sh): splits the app's
# wasm so the first load carries only the shell, and each module's screens,
# the settings screen and the notice board (`lazy_view!`, src/lazy.rs) and
# the sync engine (src/sync/engine.rs) arrive when first
# needed or when the service worker precaches them.
#
# trunk 0.21 cannot split a wasm (trunk-rs/trunk#1022), so this redoes its
# last steps the way cargo-leptos does with `--split`:
# 1. wasm-split-cli cuts cargo's wasm (linked with --emit-relocs, see
#    .cargo/config.toml) into the main module, one module per split point
#    and shared chunks, plus a JS file that loads them; scripts/merge-chunks.py
#    merges the chunks into a few larger ones;
# 2. wasm-bindgen runs on the main module, keeping the exports the chunks use;
# 3. wasm-opt -Oz runs on every module (Trunk.toml turns trunk's own off);
# 4. every file is named with a hash of this build's output, and index.html is
#    pointed at the new main module with fresh integrity hashes, so the server
#    can keep sending hashed names as immutable;
# 5. the JS glue is minified with esbuild (wasm-bindgen writes it to be read);
# 6. index.html is given each part's files to preload (scripts/preload-parts.py).
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?this script is run by trunk as a post_build hook}
source_dir=${TRUNK_SOURCE_DIR:-$PWD}
profile=debug
[[ ${TRUNK_PROFILE:-} == release ]] && profile=release
target_dir=${CARGO_TARGET_DIR:-$source_dir/target}
input=$target_dir/wasm32-unknown-unknown/$profile/linli.wasm

# Debian's binaryen (108) writes a wasm that fails at load; npm's 132 works.
if ! wasm-opt --version | grep -q 'version 132'; then
  echo "split-wasm: wasm-opt 132 (npm's binaryen, node_modules/.bin) must come first on PATH" >&2
  exit 1
fi
if ! command -v esbuild >/dev/null; then
  echo "split-wasm: esbuild (npm, node_modules/.bin) must be on PATH" >&2
  exit 1
fi

old_js=$(cd "$staging" && ls linli-*.js)
old_wasm=$(cd "$staging" && ls linli-*_bg.wasm)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/split" "$work/out"

wasm-split-cli --out-name linli "$input" "$work/split" >/dev/null
python3 "$source_dir/scripts/merge-chunks.py" "$work/split"
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-name linli \
  --out-dir "$work/bindgen" "$work/split/linli.wasm"

# The features are the ones rustc 1.95 emits for wasm32-unknown-unknown.
wasm_opt=(wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory
  --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext
  --enable-mutable-globals --enable-multivalue)
"${wasm_opt[@]}" -o "$work/out/linli_bg.wasm" "$work/bindgen/linli_bg.wasm" 2>/dev/null
chunks=()
for chunk in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
  [[ -e $chunk ]] || continue
  name=$(basename "$chunk" .wasm)
  chunks+=("$name")
  "${wasm_opt[@]}" -o "$work/out/$name.wasm" "$chunk" 2>/dev/null
done
cp "$work/bindgen/linli.js" "$work/out/linli.js"
cp "$work/split/__wasm_split.js" "$work/out/__wasm_split.js"

# Of the files as written and the minifier's version (the JS is minified
# after the names are in it): any change to what is served changes the names.
hash=$({ cat "$work"/out/*; esbuild --version; } | sha256sum | cut -c1-16)

# Point the files at each other under their hashed names.
chunk_pattern='\.\/(chunk_[0-9]+|split_[A-Za-z0-9_]+)\.wasm'
sed -i -E -e "s#\"${chunk_pattern}\"#\"./\\1-${hash}.wasm\"#g" \
  -e "s#\"\\./linli\\.js\"#\"./linli-${hash}.js\"#g" "$work/out/__wasm_split.js"
# Only the JS imports: the wasm still names its import module "./__wasm_split.js".
sed -i -e "s#from \"\\./__wasm_split\\.js\"#from \"./linli-split-${hash}.js\"#g" "$work/out/linli.js"
# The loader as it reads, for index.html's table of each part's files.
cp "$work/out/__wasm_split.js" "$work/loader.js"
# Minified last, once the names are final. Only whitespace and local names
# change: the exports and the object keys the wasm imports by stay.
for js in linli.js __wasm_split.js; do
  esbuild "$work/out/$js" --minify --log-level=error --outfile="$work/out/$js" --allow-overwrite
done

rm -f "$staging/$old_js" "$staging/$old_wasm"
cp "$work/out/linli.js" "$staging/linli-$hash.js"
cp "$work/out/linli_bg.wasm" "$staging/linli-${hash}_bg.wasm"
cp "$work/out/__wasm_split.js" "$staging/linli-split-$hash.js"
for name in "${chunks[@]}"; do
  cp "$work/out/$name.wasm" "$staging/$name-$hash.wasm"
done

integrity() { printf 'sha384-%s' "$(openssl dgst -sha384 -binary "$1" | openssl base64 -A)"; }
js_integrity=$(integrity "$staging/linli-$hash.js")
wasm_integrity=$(integrity "$staging/linli-${hash}_bg.wasm")
# trunk wrote the old names (with their integrity) into index.html.
python3 - "$staging/index.html" "$old_js" "linli-$hash.js" "$js_integrity" \
  "$old_wasm" "linli-${hash}_bg.wasm" "$wasm_integrity" <<'EOF'
import re
import sys

path, old_js, new_js, js_sri, old_wasm, new_wasm, wasm_sri = sys.argv[1:]
html = open(path, encoding="utf-8").read()
for old, new, sri in ((old_js, new_js, js_sri), (old_wasm, new_wasm, wasm_sri)):
    if old not in html:
        sys.exit(f"split-wasm: {old} is not in index.html")
    html = re.sub(
        r'(href="/' + re.escape(old) + r'"[^>]*?integrity=")[^"]*(")',
        lambda m: m.group(1) + sri + m.group(2),
        html,
    )
    html = html.replace(old, new)
open(path, "w", encoding="utf-8").write(html)
EOF

python3 "$source_dir/scripts/preload-parts.py" "$staging/index.html" "$work/loader.js" "/linli-split-$hash.js"

echo "split-wasm: main module and ${#chunks[@]} lazily loaded modules, build $hash"
