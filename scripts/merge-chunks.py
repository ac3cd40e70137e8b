#!/usr/bin/env python3
"""Merges the splitter's shared chunks into a few larger ones.

wasm-split-cli gives every set of split points that shares code a chunk of
its own: with eleven split points it cuts some two hundred, most of them a
few functions long, and a module opened cold then fetches dozens of them,
six at a time over HTTP/1.1, a round trip each wave. A chunk may move into
a larger chunk needed by more split points without breaking anything (every
split point that needed it still loads it first); each such move costs the
bytes the other split points then fetch without needing them. This script
merges, cheapest first, until no more than MAX_CHUNKS are left, with
binaryen's wasm-merge, and points the loader at the merged files.

The chunks import only the shared memory, table and globals, and write their
functions into the shared table and their data into the shared memory at
places of their own, so merged they instantiate against the same imports.
wasm-merge would keep each chunk's import of the one memory as a memory of
its own, though: so each chunk imports from a hub module instead, which
imports them once and exports them, and the hub is merged in with them.

Usage: merge-chunks.py SPLIT_DIR   (wasm-split-cli's output, before wasm-opt)
"""

import os
import re
import subprocess
import sys

from wasm_binary import IMPORT_SECTION, imports, sections, uleb

# Few enough that a module opened cold fetches its chunks in about two waves
# of HTTP/1.1's six connections; measured with bench/lighthouse.sh
# (docs/PERFORMANCE.md, "Fewer, larger shared chunks").
MAX_CHUNKS = 12

FEATURES = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
]

# The hub's module name: as long as "__wasm_split", so that renaming the
# chunks' imports changes no length in the binary.
HUB = "__wasm_hub__"
SHARED = "__wasm_split"

CHUNK_LOADER = re.compile(
    r"/\* (?P<splits>[^*]*) \*/\nconst __chunk_(?P<index>\d+) = makeLoad\((?P<fetcher>.*?), \[\]\);\n",
    re.S,
)


def shared_imports(data):
    """{name: (kind, the entry's bytes)} of what a chunk imports from SHARED."""
    found = {}
    for section, start, _ in sections(data):
        if section != IMPORT_SECTION:
            continue
        for module, name, kind, entry_start, entry_end in imports(data, start):
            if kind == 0:
                sys.exit(f"merge-chunks: a chunk imports a function ({name}), which the hub cannot pass on")
            if module == SHARED:
                found.setdefault(name, (kind, bytes(data[entry_start:entry_end])))
    return found


def import_from_hub(path):
    """Renames the module the chunk imports from, in its import section only."""
    data = bytearray(open(path, "rb").read())
    for section, start, end in sections(data):
        if section == IMPORT_SECTION:
            entries = bytes(data[start:end])
            data[start:end] = entries.replace(b"\x0c" + SHARED.encode(), b"\x0c" + HUB.encode())
    open(path, "wb").write(data)


def hub_module(paths, out_path):
    """A module importing once what the chunks import, and exporting it."""
    imports = {}
    for path in paths:
        for name, entry in shared_imports(open(path, "rb").read()).items():
            imports.setdefault(name, entry)
    import_section = uleb(len(imports))
    export_section = uleb(len(imports))
    next_index = {}
    for name, (kind, entry) in sorted(imports.items()):
        import_section += entry
        index = next_index.get(kind, 0)
        next_index[kind] = index + 1
        export_section += uleb(len(name.encode())) + name.encode() + bytes([kind]) + uleb(index)
    module = b"\0asm\1\0\0\0"
    for section, body in ((2, import_section), (7, export_section)):
        module += bytes([section]) + uleb(len(body)) + body
    open(out_path, "wb").write(module)


def main(split_dir):
    loader_path = os.path.join(split_dir, "__wasm_split.js")
    loader = open(loader_path, encoding="utf-8").read()
    chunks = []
    for found in CHUNK_LOADER.finditer(loader):
        index = int(found["index"])
        path = os.path.join(split_dir, f"chunk_{index}.wasm")
        if not os.path.exists(path):
            continue  # an empty chunk: nothing is fetched for it
        splits = frozenset(name.strip() for name in found["splits"].split(","))
        chunks.append({"indexes": [index], "splits": splits, "size": os.path.getsize(path)})
    before = len(chunks)
    # Each chunk's split points as the bits of an int, so the search below
    # stays quick (two hundred chunks, tens of thousands of pairs a step).
    bit = {name: 1 << number for number, name in enumerate(sorted(set().union(*(c["splits"] for c in chunks))))}
    for chunk in chunks:
        chunk["mask"] = sum(bit[name] for name in chunk["splits"])

    def cost(a, b):
        # The bytes fetched by split points that did not need them.
        return a["size"] * (b["mask"] & ~a["mask"]).bit_count() + b["size"] * (a["mask"] & ~b["mask"]).bit_count()

    while len(chunks) > MAX_CHUNKS:
        _, i, j = min(
            (cost(chunks[i], chunks[j]), i, j)
            for i in range(len(chunks))
            for j in range(i + 1, len(chunks))
        )
        a, b = chunks[i], chunks.pop(j)
        a["indexes"] += b["indexes"]
        a["splits"] = a["splits"] | b["splits"]
        a["mask"] |= b["mask"]
        a["size"] += b["size"]

    for group in chunks:
        group["indexes"].sort()
        first, rest = group["indexes"][0], group["indexes"][1:]
        if not rest:
            continue
        paths = [os.path.join(split_dir, f"chunk_{index}.wasm") for index in group["indexes"]]
        hub = os.path.join(split_dir, "hub.wasm")
        hub_module(paths, hub)
        inputs = [hub, HUB]
        for index, path in zip(group["indexes"], paths):
            import_from_hub(path)
            inputs += [path, f"chunk_{index}"]
        merged = os.path.join(split_dir, f"merged_{first}.wasm")
        subprocess.run(["wasm-merge", *inputs, *FEATURES, "-o", merged], check=True, stderr=subprocess.DEVNULL)
        for path in paths + [hub]:
            os.remove(path)
        os.rename(merged, os.path.join(split_dir, f"chunk_{first}.wasm"))
        # Each merged chunk's loader becomes the first one's, so a split
        # point that needed several of them fetches the file once.
        for index in rest:
            pattern = re.compile(
                r"(const __chunk_%d = )makeLoad\(.*?, \[\]\);\n" % index, re.S
            )
            loader, count = pattern.subn(r"\g<1>__chunk_%d;\n" % first, loader, count=1)
            if count != 1:
                sys.exit(f"merge-chunks: the loader of chunk {index} is not where it was expected")
        # The loaders' comments name the split points that need each chunk.
        loader = re.sub(
            r"/\* [^*]* \*/\n(const __chunk_%d = )" % first,
            lambda m: "/* %s */\n%s" % (", ".join(sorted(group["splits"])), m.group(1)),
            loader,
            count=1,
        )
    open(loader_path, "w", encoding="utf-8").write(loader)
    print(f"merge-chunks: {before} shared chunks merged into {len(chunks)}")


if __name__ == "__main__":
    main(sys.argv[1])
