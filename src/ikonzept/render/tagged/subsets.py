"""The embedded font subsets: each with a tag of its own and, where PDF/A-1 asks for one, a
complete list of its glyphs."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from typing import Any

_TAGGED = re.compile(r"^/[A-Z]{6}\+(.*)$")


def _composite_fonts(pdf: Any) -> Iterator[Any]:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            if font.objgen not in seen and font.get("/Subtype") == "/Type0":
                seen.add(font.objgen)
                yield font


def retag(pdf: Any) -> None:
    """Give every embedded subset a tag of its own (ISO 32000-1, 9.6.4).

    WeasyPrint names a font's subset after the font, so the parts of a long document, each
    with its own subset of the same font, would share one tag once joined. The tag now
    comes from the subset itself.
    """
    import pikepdf

    for font in _composite_fonts(pdf):
        descendant = font.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor")
        program = descriptor.get("/FontFile2") if descriptor is not None else None
        match = _TAGGED.match(str(font.get("/BaseFont", "")))
        if program is None or match is None:
            continue
        digest = hashlib.sha256(program.read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        renamed = pikepdf.Name(f"/{tag}+{match.group(1)}")
        font.BaseFont = descendant.BaseFont = descriptor.FontName = renamed


def complete_cid_sets(pdf: Any) -> None:
    """A CIDSet (PDF/A-1) lists every glyph of the subset, the parts of composite glyphs too.

    WeasyPrint lists the glyphs the text uses; the components of an accented letter, which
    the subset keeps, were missing.
    """
    from fontTools.ttLib import TTFont

    for font in _composite_fonts(pdf):
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        if descriptor is None or "/CIDSet" not in descriptor or "/FontFile2" not in descriptor:
            continue
        program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()), lazy=True)
        locations = program["loca"]
        listed = bytearray(descriptor.CIDSet.read_bytes())
        count = len(program.getGlyphOrder())
        listed.extend(b"\0" * max(0, (count + 7) // 8 - len(listed)))
        for gid in range(count):  # the CIDToGIDMap is Identity: CID = GID
            if locations[gid + 1] > locations[gid]:
                listed[gid // 8] |= 0x80 >> (gid % 8)
        descriptor.CIDSet = pdf.make_stream(bytes(listed))


def to_bytes(pdf: Any) -> bytes:
    """The file, saved the same way every time (the same input gives the same bytes)."""
    import pikepdf

    buffer = io.BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        # PDF/A-1 forbids object streams; later versions allow them.
        object_stream_mode=pikepdf.ObjectStreamMode.disable
        if pdf.pdf_version < "1.5"
        else pikepdf.ObjectStreamMode.generate,
    )
    return buffer.getvalue()
