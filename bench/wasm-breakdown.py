#!/usr/bin/env python3
"""Where the app's wasm code goes, by crate: reads the function bodies and the
name section of the release build before wasm-bindgen and wasm-opt
(target/wasm32-unknown-unknown/release/linli.wasm, which trunk leaves there)
and sums body sizes by the first path segment of each demangled-enough name.

    python3 bench/wasm-breakdown.py [path/to/linli.wasm]

Sizes are raw bytes before wasm-opt, so they overstate the shipped sizes;
the shares between crates are what this is for.
"""
import re
import sys
from collections import Counter


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(data):
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        yield kind, data[pos:pos + size]
        pos += size


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
    for kind, body in sections(data):
        if kind == 2:  # imports: imported functions come first in the index space
            count, pos = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    length, pos = leb(body, pos)
                    pos += length
                desc = body[pos]
                pos += 1
                if desc == 0:
                    _, pos = leb(body, pos)
                    imported += 1
                elif desc == 1:
                    pos += 1
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif desc == 2:
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                else:
                    pos += 2
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
