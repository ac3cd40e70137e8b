#!/usr/bin/env python3
"""Draws the app icons in public/icons/ with the standard library only.

A white house with two figures under its roof (neighbours, 邻里) on the app's
green. The maskable icon keeps the drawing inside the central 80% safe zone and
fills the whole square, as Android's adaptive icons crop it.
Run once after changing the drawing: python3 scripts/make-icons.py
"""
import struct
import zlib
from pathlib import Path

GREEN = (29, 107, 79)
WHITE = (255, 255, 255)
WARM = (247, 196, 88)


def inside_house(x, y):
    """Unit-square coordinates (0..1) of the drawing, centred at 0.5."""
    roof = y >= 0.18 and y <= 0.48 and abs(x - 0.5) <= (y - 0.18) * 1.1
    body = 0.46 <= y <= 0.80 and 0.24 <= x <= 0.76
    return roof or body


def inside_people(x, y):
    for cx in (0.41, 0.59):
        head = (x - cx) ** 2 + (y - 0.55) ** 2 <= 0.045 ** 2
        torso = 0.62 <= y <= 0.80 and abs(x - cx) <= 0.075 - (0.80 - y) * 0.25
        if head or torso:
            return True
    return False


PALETTE = [GREEN, WHITE, WARM, (0, 0, 0)]
TRANSPARENT = 3


def draw(size, safe_zone, rounded):
    """Indexed colour (four palette entries, one transparent): a fraction of
    the bytes of RGBA, which counts on a first visit over a weak link."""
    rows = []
    radius = 0.18 if rounded else 0.0
    for py in range(size):
        row = bytearray([0])  # PNG filter: none
        for px in range(size):
            u, v = (px + 0.5) / size, (py + 0.5) / size
            # Corners outside the rounded square are transparent.
            dx = max(radius - u, 0, u - (1 - radius))
            dy = max(radius - v, 0, v - (1 - radius))
            if rounded and dx * dx + dy * dy > radius * radius:
                row.append(TRANSPARENT)
                continue
            x = 0.5 + (u - 0.5) / safe_zone
            y = 0.5 + (v - 0.5) / safe_zone
            colour = GREEN
            if inside_people(x, y):
                colour = WARM
            elif inside_house(x, y):
                colour = WHITE
            row.append(PALETTE.index(colour))
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0)
    palette = b"".join(bytes(colour) for colour in PALETTE)
    alpha = bytes(0 if index == TRANSPARENT else 255 for index in range(len(PALETTE)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"PLTE", palette)
        + chunk(b"tRNS", alpha)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


out = Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
(out / "icon-192.png").write_bytes(draw(192, 0.9, rounded=True))
(out / "icon-512.png").write_bytes(draw(512, 0.9, rounded=True))
(out / "icon-maskable-512.png").write_bytes(draw(512, 0.7, rounded=False))
print("wrote", *sorted(p.name for p in out.glob("*.png")))
