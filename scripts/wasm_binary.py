"""Reading a wasm binary's sections and imports, for the build's chunk
merger (scripts/merge-chunks.py) and the size breakdown
(bench/wasm-breakdown.py).

    from wasm_binary import IMPORT_SECTION, imports, sections

    for section, start, end in sections(data):
        if section == IMPORT_SECTION:
            for module, name, kind, entry_start, entry_end in imports(data, start):
                ...
"""

IMPORT_SECTION = 2


def read_uleb(data, at):
    """The unsigned LEB128 number at `at`, and where the next field starts."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def uleb(value):
    """`value` as unsigned LEB128."""
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sections(data):
    """(id, start, end) of each section's body."""
    at = 8  # past the magic number and the version
    while at < len(data):
        section, (size, start) = data[at], read_uleb(data, at + 1)
        yield section, start, start + size
        at = start + size


def imports(data, start):
    """(module, name, kind, entry start, entry end) of each entry of the
    import section whose body starts at `start`; kind 0 is a function, 1 a
    table, 2 a memory, 3 a global."""
    count, at = read_uleb(data, start)
    for _ in range(count):
        entry = at
        names = []
        for _ in range(2):
            length, at = read_uleb(data, at)
            names.append(bytes(data[at : at + length]).decode())
            at += length
        kind = data[at]
        at += 1
        if kind == 0:  # a function: its type's index
            _, at = read_uleb(data, at)
        elif kind in (1, 2):
            if kind == 1:  # a table's element type comes before its limits
                at += 1
            flags = data[at]  # limits: flags, minimum, maximum if flagged
            _, at = read_uleb(data, at + 1)
            if flags & 1:
                _, at = read_uleb(data, at)
        else:  # a global: value type, mutability
            at += 2
        yield names[0], names[1], kind, entry, at
