#!/usr/bin/env python3
"""Where the app's wasm code goes, by crate: reads the function bodies and the
name section of the release build before wasm-bindgen and wasm-opt
(target/wasm32-unknown-unknown/release/linli.wasm, which trunk leaves there)
and sums body sizes by the first path segment of each demangled-enough name.

    python3 bench/wasm-breakdown.py [path/to/linli.wasm]

Sizes are raw bytes before wasm-opt, so they overstate the shipped sizes;
the shares between crates are what this is for.
"""
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from wasm_binary import IMPORT_SECTION, imports, read_uleb as leb, sections  # noqa: E402


def crate_of(name):
    """The crate a legacy-mangled Rust symbol belongs to: the first path
    segment, or for an impl (`<T as Trait>::f`) the implementing type's."""
    match = re.match(r"_ZN(\d+)", name)
    if not match:
        return name.split("::")[0].lstrip("<") or "?"
    length = int(match.group(1))
    segment = name[match.end():match.end() + length]
    if segment.startswith("_$LT$"):
        segment = segment[len("_$LT$"):]
    for prefix in ("$RF$", "mut$u20$"):
        segment = segment.removeprefix(prefix)
    return re.split(r"\.\.|\$", segment)[0] or "?"


def main(path):
    data = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    for kind, start, end in sections(data):
        body = data[start:end]
        if kind == IMPORT_SECTION:  # imported functions come first in the index space
            imported += sum(1 for _, _, entry_kind, _, _ in imports(data, start) if entry_kind == 0)
        elif kind == 10:
            count, pos = leb(body, 0)
            for _ in range(count):
                size, pos = leb(body, pos)
                bodies.append(size)
                pos += size
        elif kind == 0:
            length, pos = leb(body, 0)
            if body[pos:pos + length] != b"name":
                continue
            pos += length
            while pos < len(body):
                sub = body[pos]
                size, pos = leb(body, pos + 1)
                end = pos + size
                if sub == 1:
                    count, p = leb(body, pos)
                    for _ in range(count):
                        index, p = leb(body, p)
                        length, p = leb(body, p)
                        names[index] = body[p:p + length].decode("utf-8", "replace")
                        p += length
                pos = end
    by_crate = Counter()
    for offset, size in enumerate(bodies):
        name = names.get(imported + offset, "?")
        by_crate[crate_of(name)] += size
    total = sum(bodies)
    print(f"{len(bodies)} functions, {total} bytes of code before wasm-opt")
    for crate, size in by_crate.most_common(25):
        print(f"{crate:40s} {size:10d} {100 * size / total:5.1f}%")


main(sys.argv[1] if len(sys.argv) > 1 else "target/wasm32-unknown-unknown/release/linli.wasm")
