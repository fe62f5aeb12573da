"""The proportions of an image, so that a page reserves its place before it loads.

A logo shown 3rem high with ``width`` and ``height`` attributes of other proportions
changes width when it arrives, the header wraps anew and the whole page moves (a layout
shift). Only the first bytes are read: the root element of an SVG, the header of a PNG, the
frame header of a JPEG.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)
_ATTRIBUTE = r'\b{}\s*=\s*["\']\s*([0-9.]+)(?:px)?\s*["\']'
_VIEWBOX = re.compile(
    rb'\bviewBox\s*=\s*["\']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)'
)
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def proportions(path: Path) -> tuple[float, float] | None:
    """Width and height (any unit), or None when they cannot be told."""
    try:
        with path.open("rb") as file:
            head = file.read(65536)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return _positive(width, height)
    if head.startswith(b"\xff\xd8"):
        return _jpeg(head)
    root = _SVG_ROOT.search(head)
    return _svg(root.group()) if root else None


def _svg(tag: bytes) -> tuple[float, float] | None:
    box = _VIEWBOX.search(tag)
    if box:
        return _positive(float(box[1]), float(box[2]))
    width = re.search(_ATTRIBUTE.format("width").encode(), tag)
    height = re.search(_ATTRIBUTE.format("height").encode(), tag)
    return _positive(float(width[1]), float(height[1])) if width and height else None


def _jpeg(data: bytes) -> tuple[float, float] | None:
    position = 2
    while position + 9 < len(data) and data[position] == 0xFF:
        marker, length = (
            data[position + 1],
            struct.unpack(">H", data[position + 2 : position + 4])[0],
        )
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return _positive(width, height)
        position += 2 + length
    return None


def _positive(width: float, height: float) -> tuple[float, float] | None:
    return (width, height) if width > 0 and height > 0 else None
