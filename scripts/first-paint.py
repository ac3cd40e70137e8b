#!/usr/bin/env python3
"""Writes into index.html the top of each module's page as a visitor sees it.

A visitor who opens a module's address cold (a link to /rules on a phone on
slow 4G) would see a blank page until the shell and the module's part had
arrived, compiled and rendered: 3.3 s by Lighthouse for /rules. index.html's
scripts (`__LINLI_FIRST_PAINT__`) paint the page's heading and introduction
from this table at once, in the language the settings hold,
with a status bar above them; they stay while the app starts (src/lib.rs),
and the module's page replaces them with the same lines in the same places.

The texts are read from the Rust tables (each module's `i18n.rs`, the shell's
`app_name` and `screen_loading`), so every string still lives in one place; the order of the lines
mirrors each page's component, and tests/e2e/first-paint.spec.ts fails when
the two differ.

Usage: first-paint.py INDEX_HTML SOURCE_DIR
"""

import ast
import json
import re
import sys

index_path, source_dir = sys.argv[1:]

# Each module page's lines above its own content, for a visitor, as its
# component renders them: (CSS class of the line, field of the module's Texts).
PAGES = {
    "/canteen": ("canteen", [("h1", "title"), ("note", "sign_in_hint"), ("lead", "intro")]),
    "/rules": ("rules", [("h1", "title"), ("note", "sign_in_hint"), ("lead", "intro")]),
    "/volunteers": ("volunteers", [("h1", "title"), ("note", "sign_in_hint"), ("lead", "intro")]),
    "/services": ("services", [("h1", "title"), ("lead", "intro"), ("note", "sign_in_hint")]),
    "/village": ("village", [("h1", "title"), ("lead", "intro"), ("note", "sign_in_hint")]),
}
# The value of each `Lang::tag`, and the name of its table in the i18n files.
LANGUAGES = {"zh-CN": "ZH", "en": "EN"}


def table(path, name):
    """The fields of the `Texts` table `name` in `path` that are plain string literals."""
    source = open(path, encoding="utf-8").read()
    found = re.search(rf"^(?:pub )?(?:const|static) {name}: Texts = Texts \{{\n(.*?)^\}};", source, re.S | re.M)
    if not found:
        sys.exit(f"first-paint: no table {name} in {path}")
    fields = {}
    for field, literal in re.findall(r'^    (\w+): ("(?:[^"\\]|\\.)*"),$', found.group(1), re.M):
        fields[field] = ast.literal_eval(literal)
    return fields


def text(path, name, field):
    fields = table(path, name)
    if field not in fields:
        sys.exit(f"first-paint: {field} in {name} of {path} is not a plain string")
    return fields[field]


shell = f"{source_dir}/src/i18n.rs"
paint = {
    "app": {tag: text(shell, name, "app_name") for tag, name in LANGUAGES.items()},
    "loading": {tag: text(shell, name, "screen_loading") for tag, name in LANGUAGES.items()},
    "pages": {
        path: {
            tag: [[line, text(f"{source_dir}/src/{module}/i18n.rs", name, field)] for line, field in lines]
            for tag, name in LANGUAGES.items()
        }
        for path, (module, lines) in PAGES.items()
    },
}

html = open(index_path, encoding="utf-8").read()
if "__LINLI_FIRST_PAINT__" not in html:
    sys.exit("first-paint: index.html has no __LINLI_FIRST_PAINT__ to fill")
html = html.replace("__LINLI_FIRST_PAINT__", json.dumps(paint, ensure_ascii=False, separators=(",", ":")))
open(index_path, "w", encoding="utf-8").write(html)
print(f"first-paint: {len(PAGES)} pages in {len(LANGUAGES)} languages")
