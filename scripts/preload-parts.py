#!/usr/bin/env python3
"""Writes into index.html which wasm files each part of the app needs.

A module opened cold (a villager following a link to /rules) would fetch its
files only once the shell has been fetched, compiled and has routed: one
round trip and a compile later than need be. index.html's preload script
(`__LINLI_PARTS__`) starts them at once, beside the shell, from this table:
each split point's own file and the shared chunks it loads first, read from
the splitter's loader after the files have their final names. The service
worker serves the same requests from its cache, so an offline start gains
the same head start.

Usage: preload-parts.py INDEX_HTML LOADER_JS LOADER_URL
"""

import json
import re
import sys

index_path, loader_path, loader_url = sys.argv[1:]
loader = open(loader_path, encoding="utf-8").read()


def fetched_file(fetcher):
    found = re.search(r'new URL\("\./([^"]+)"', fetcher)
    return "/" + found.group(1) if found else None


chunk_files = {}
for found in re.finditer(r"const (__chunk_\d+) = (.*?);\n", loader, re.S):
    name, definition = found.groups()
    if definition.startswith("__chunk_"):
        chunk_files[name] = chunk_files[definition]  # merged (scripts/merge-chunks.py)
    else:
        chunk_files[name] = fetched_file(definition)

parts = {}
for found in re.finditer(
    r"export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\((.*?), \[([^\]]*)\]\)\);", loader, re.S
):
    name, fetcher, deps = found.groups()
    files = [chunk_files[dep.strip()] for dep in deps.split(",") if dep.strip()]
    files.append(fetched_file(fetcher))
    parts[name] = sorted({file for file in files if file})
if not parts:
    sys.exit("preload-parts: no split point loaders in " + loader_path)

html = open(index_path, encoding="utf-8").read()
if "__LINLI_PARTS__" not in html:
    sys.exit("preload-parts: index.html has no __LINLI_PARTS__ to fill")
html = html.replace("__LINLI_PARTS__", json.dumps(parts, separators=(",", ":"), sort_keys=True))
# The loader itself is imported by the shell's JS: named here, it comes with it.
html = html.replace(
    "</head>", f'<link rel="modulepreload" href="{loader_url}" crossorigin="anonymous" />\n</head>', 1
)
open(index_path, "w", encoding="utf-8").write(html)
print(f"preload-parts: {len(parts)} parts, {sum(len(files) for files in parts.values())} files named")
