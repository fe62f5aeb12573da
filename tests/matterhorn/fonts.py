"""Checkpoints 10 and 31: fonts embedded, complete, consistent, and mapped to Unicode."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from functools import cache

import pikepdf
from fontTools.ttLib import TTFont

from tests.matterhorn.registry import Document, Failure, conditions

# ISO 32000-1, table 118: the predefined CMaps.
_PREDEFINED = set(
    [
        "GB-EUC-H",
        "GB-EUC-V",
        "GBpc-EUC-H",
        "GBpc-EUC-V",
        "GBK-EUC-H",
        "GBK-EUC-V",
        "GBKp-EUC-H",
        "GBKp-EUC-V",
        "GBK2K-H",
        "GBK2K-V",
        "UniGB-UCS2-H",
        "UniGB-UCS2-V",
        "UniGB-UTF16-H",
        "UniGB-UTF16-V",
        "B5pc-H",
        "B5pc-V",
        "HKscs-B5-H",
        "HKscs-B5-V",
        "ETen-B5-H",
        "ETen-B5-V",
        "ETenms-B5-H",
        "ETenms-B5-V",
        "CNS-EUC-H",
        "CNS-EUC-V",
        "UniCNS-UCS2-H",
        "UniCNS-UCS2-V",
        "UniCNS-UTF16-H",
        "UniCNS-UTF16-V",
        "83pv-RKSJ-H",
        "90ms-RKSJ-H",
        "90ms-RKSJ-V",
        "90msp-RKSJ-H",
        "90msp-RKSJ-V",
        "90pv-RKSJ-H",
        "Add-RKSJ-H",
        "Add-RKSJ-V",
        "EUC-H",
        "EUC-V",
        "Ext-RKSJ-H",
        "Ext-RKSJ-V",
        "H",
        "V",
        "UniJIS-UCS2-H",
        "UniJIS-UCS2-V",
        "UniJIS-UCS2-HW-H",
        "UniJIS-UCS2-HW-V",
        "UniJIS-UTF16-H",
        "UniJIS-UTF16-V",
        "KSC-EUC-H",
        "KSC-EUC-V",
        "KSCms-UHC-H",
        "KSCms-UHC-V",
        "KSCms-UHC-HW-H",
        "KSCms-UHC-HW-V",
        "KSCpc-EUC-H",
        "UniKS-UCS2-H",
        "UniKS-UCS2-V",
        "UniKS-UTF16-H",
        "UniKS-UTF16-V",
        "Identity-H",
        "Identity-V",
    ]
)
_SUBSET = re.compile(r"^([A-Z]{6})\+")


def _used(doc: Document) -> dict[tuple[int, int], tuple[pikepdf.Dictionary, set[int]]]:
    used: dict[tuple[int, int], tuple[pikepdf.Dictionary, set[int]]] = {}
    for page in doc.contents:
        for key, codes in page.used.items():
            used.setdefault(key, (page.fonts[key], set()))[1].update(codes)
    return used


def _descriptor_font(font: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The dictionary with the FontDescriptor: the descendant of a Type0 font."""
    if font.get("/Subtype") == "/Type0":
        return font.DescendantFonts[0]
    return font


def _program(font: pikepdf.Dictionary) -> pikepdf.Stream | None:
    descriptor = _descriptor_font(font).get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return None
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if isinstance(descriptor.get(key), pikepdf.Stream):
            return descriptor[key]
    return None


@cache
def _load(data: bytes) -> TTFont | None:
    try:
        return TTFont(io.BytesIO(data), lazy=True)
    except Exception:
        return None


def _widths(cid_font: pikepdf.Dictionary) -> dict[int, float]:
    widths: dict[int, float] = {}
    array = list(cid_font.get("/W", ()))
    position = 0
    while position < len(array):
        first = int(array[position])
        following = array[position + 1]
        if isinstance(following, pikepdf.Array):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            position += 2
        else:
            for cid in range(first, int(following) + 1):
                widths[cid] = float(array[position + 2])
            position += 3
    return widths


def _gid(cid_font: pikepdf.Dictionary, cid: int) -> int | None:
    mapping = cid_font.get("/CIDToGIDMap", pikepdf.Name.Identity)
    if isinstance(mapping, pikepdf.Stream):
        data = mapping.read_bytes()
        return (
            int.from_bytes(data[2 * cid : 2 * cid + 2], "big") if 2 * cid + 2 <= len(data) else None
        )
    return cid


@conditions("31-001", "31-002", "31-003", "31-004", "31-005", "31-006", "31-007", "31-008",
            "31-009", "31-011", "31-016", "31-030")  # fmt: skip
def fonts(doc: Document) -> Iterator[Failure]:
    for font, codes in _used(doc).values():
        name = str(font.get("/BaseFont", "?"))
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            continue
        program = _program(font)
        if program is None:
            yield Failure("31-009", f"{name}: Schrift nicht eingebettet")
            continue
        if subtype == "/Type0":
            yield from _composite(font, name, program, codes)
        else:
            yield from _simple(font, name, program, codes)


def _composite(
    font: pikepdf.Dictionary, name: str, program: pikepdf.Stream, codes: set[int]
) -> Iterator[Failure]:
    cid_font = font.DescendantFonts[0]
    encoding = font.get("/Encoding")
    if isinstance(encoding, pikepdf.Name):
        if str(encoding)[1:] not in _PREDEFINED:
            yield Failure("31-006", f"{name}: CMap {encoding} weder vordefiniert noch eingebettet")
    elif isinstance(encoding, pikepdf.Stream):
        yield from _embedded_cmap(cid_font, encoding, name)
    if cid_font.get("/Subtype") == "/CIDFontType2":
        mapping = cid_font.get("/CIDToGIDMap")
        if mapping is None:
            yield Failure("31-005", f"{name}: CIDToGIDMap fehlt")
        elif not (mapping == pikepdf.Name.Identity or isinstance(mapping, pikepdf.Stream)):
            yield Failure("31-004", f"{name}: CIDToGIDMap weder Identity noch Stream")
    yield from _glyphs(cid_font, name, program, codes)


def _embedded_cmap(
    cid_font: pikepdf.Dictionary, encoding: pikepdf.Stream, name: str
) -> Iterator[Failure]:
    text = encoding.read_bytes().decode("latin-1")
    declared = re.search(r"/WMode\s+(\d)", text)
    if int(encoding.get("/WMode", 0)) != (int(declared.group(1)) if declared else 0):
        yield Failure("31-007", f"{name}: WMode im CMap-Wörterbuch und im CMap verschieden")
    used = encoding.get("/UseCMap")
    if isinstance(used, pikepdf.Name) and str(used)[1:] not in _PREDEFINED:
        yield Failure("31-008", f"{name}: CMap verweist auf {used}")
    font_info, map_info = cid_font.get("/CIDSystemInfo", {}), encoding.get("/CIDSystemInfo", {})
    for key, condition in (("/Registry", "31-001"), ("/Ordering", "31-002")):
        if str(font_info.get(key)) != str(map_info.get(key)):
            yield Failure(condition, f"{name}: {key} von CIDFont und CMap verschieden")
    if int(font_info.get("/Supplement", 0)) > int(map_info.get("/Supplement", 0)):
        yield Failure("31-003", f"{name}: Supplement der CIDFont größer als das der CMap")


def _glyphs(
    cid_font: pikepdf.Dictionary, name: str, program: pikepdf.Stream, codes: set[int]
) -> Iterator[Failure]:
    """Every glyph shown is in the program (not .notdef), with the width the PDF says."""
    program_font = _load(program.read_bytes())
    if program_font is None:
        return
    units = program_font["head"].unitsPerEm
    glyph_order = program_font.getGlyphOrder()
    metrics = program_font["hmtx"].metrics
    widths, default = _widths(cid_font), float(cid_font.get("/DW", 1000))
    for cid in sorted(codes):  # Identity-H: the code is the CID
        gid = _gid(cid_font, cid)
        if gid is None or gid >= len(glyph_order):
            yield Failure("31-011", f"{name}: Glyphe für CID {cid} fehlt im Programm")
            continue
        if gid == 0:
            yield Failure("31-030", f"{name}: CID {cid} zeigt .notdef")
        advance = metrics[glyph_order[gid]][0] * 1000 / units
        if abs(widths.get(cid, default) - advance) > 1:
            yield Failure(
                "31-016",
                f"{name}: Breite von CID {cid}: {widths.get(cid, default)} statt {advance:.0f}",
            )


def _simple(
    font: pikepdf.Dictionary, name: str, program: pikepdf.Stream, codes: set[int]
) -> Iterator[Failure]:
    """Simple fonts (we write none; checked so that a county's own template cannot slip)."""
    if font.get("/Subtype") != "/TrueType":
        return
    program_font = _load(program.read_bytes())
    if program_font is None:
        return
    first = int(font.get("/FirstChar", 0))
    widths = [float(w) for w in font.get("/Widths", ())]
    cmap = program_font["cmap"].getBestCmap() or {}
    glyph_order = program_font.getGlyphOrder()
    units = program_font["head"].unitsPerEm
    for code in sorted(codes):
        glyph = cmap.get(code) or (glyph_order[code] if code < len(glyph_order) else None)
        if glyph is None:
            yield Failure("31-011", f"{name}: Glyphe für Code {code} fehlt im Programm")
            continue
        if glyph == ".notdef":
            yield Failure("31-030", f"{name}: Code {code} zeigt .notdef")
        index = code - first
        if 0 <= index < len(widths):
            advance = program_font["hmtx"].metrics[glyph][0] * 1000 / units
            if abs(widths[index] - advance) > 1:
                yield Failure("31-016", f"{name}: Breite von Code {code} weicht ab")


@conditions("31-017", "31-019", "31-020", "31-021", "31-024", "31-025", "31-026")
def truetype_encodings(doc: Document) -> Iterator[Failure]:
    for font, _codes in _used(doc).values():
        if font.get("/Subtype") != "/TrueType":
            continue
        name = str(font.get("/BaseFont", "?"))
        flags = int(font.get("/FontDescriptor", {}).get("/Flags", 0))
        program = _program(font)
        tables = []
        if program is not None and (loaded := _load(program.read_bytes())) is not None:
            tables = [(t.platformID, t.platEncID) for t in loaded["cmap"].tables]
        encoding = font.get("/Encoding")
        if flags & 4:  # symbolic
            if encoding is not None:
                yield Failure("31-024", f"{name}: symbolische TrueType-Schrift mit Encoding")
            if not tables:
                yield Failure("31-025", f"{name}: symbolische TrueType-Schrift ohne cmap")
            elif len(tables) > 1 and (3, 0) not in tables:
                yield Failure("31-026", f"{name}: mehrere cmaps, keine (3,0)")
            continue
        if not tables or tables == [(3, 0)]:
            yield Failure("31-017", f"{name}: keine nicht-symbolische cmap")
        base = (
            encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding
        )
        if encoding is None:
            yield Failure("31-019", f"{name}: nicht-symbolische TrueType-Schrift ohne Encoding")
        elif isinstance(encoding, pikepdf.Dictionary) and base is None:
            yield Failure("31-020", f"{name}: Encoding ohne BaseEncoding")
        elif str(base) not in ("/MacRomanEncoding", "/WinAnsiEncoding"):
            yield Failure("31-021", f"{name}: Encoding {base}")


@conditions("10-001", "31-028", "31-029")
def unicode_mapping(doc: Document) -> Iterator[Failure]:
    reported: set[str] = set()
    for page in doc.contents:
        for font, code in page.unmapped:
            if font not in reported:
                reported.add(font)
                yield Failure(
                    "10-001", f"Seite {page.number + 1}: {font}, Code {code} ohne Unicode"
                )
    for font, codes in _used(doc).values():
        to_unicode = font.get("/ToUnicode")
        if not isinstance(to_unicode, pikepdf.Stream):
            continue
        from tests.matterhorn.content import _parse_cmap

        mapping = _parse_cmap(to_unicode.read_bytes().decode("latin-1"))
        for code in codes:
            text = mapping.get(code, "")
            if "\x00" in text:
                yield Failure("31-028", f"{font.get('/BaseFont')}: Code {code} → U+0000")
            if "\ufeff" in text or "\ufffe" in text:
                yield Failure("31-029", f"{font.get('/BaseFont')}: Code {code} → U+FEFF/FFFE")


@conditions("31-014", "31-015")
def cid_sets(doc: Document) -> Iterator[Failure]:
    for font, _codes in _used(doc).values():
        if font.get("/Subtype") != "/Type0":
            continue
        cid_font = font.DescendantFonts[0]
        descriptor = cid_font.get("/FontDescriptor", {})
        cid_set, program = descriptor.get("/CIDSet"), _program(font)
        if not isinstance(cid_set, pikepdf.Stream) or program is None:
            continue
        loaded = _load(program.read_bytes())
        if loaded is None:
            continue
        bits = cid_set.read_bytes()
        marked = {i for i in range(len(bits) * 8) if bits[i // 8] & (0x80 >> (i % 8))}
        # Identity: CID = GID. A glyph with an outline is present; .notdef (0) is not a
        # character, and an empty glyph (the space) may be listed or not.
        count = len(loaded.getGlyphOrder())
        drawn = {gid for gid in range(1, count) if _has_outline(loaded, gid)}
        name = str(font.get("/BaseFont"))
        if drawn - marked:
            yield Failure("31-014", f"{name}: CIDSet nennt nicht alle Glyphen")
        if {cid for cid in marked if cid >= count}:
            yield Failure("31-015", f"{name}: CIDSet nennt Glyphen, die fehlen")


def _has_outline(font: TTFont, gid: int) -> bool:
    if "loca" in font:
        locations = font["loca"]
        return bool(locations[gid + 1] - locations[gid]) if gid + 1 < len(locations) else False
    return True  # CFF: every glyph in the charset is present


@conditions("S-11")
def subset_tags(doc: Document) -> Iterator[Failure]:
    """ISO 32000-1, 9.6.4: a subset tag names one subset (one font program)."""
    programs: dict[str, set[bytes]] = {}
    names: dict[str, set[str]] = {}
    for page in doc.pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            base = str(font.get("/BaseFont", ""))
            match = _SUBSET.match(base.lstrip("/"))
            program = _program(font)
            if match and program is not None:
                tag = match.group(1)
                programs.setdefault(tag, set()).add(hashlib.sha256(program.read_bytes()).digest())
                names.setdefault(tag, set()).add(base)
                descriptor = _descriptor_font(font)
                inner = {str(descriptor.get("/BaseFont", base)),
                         str(descriptor.FontDescriptor.get("/FontName", base))}  # fmt: skip
                if inner != {base}:
                    yield Failure("S-11", f"{base}: Schriftnamen uneinheitlich ({sorted(inner)})")
    for tag, found in programs.items():
        if len(found) > 1:
            yield Failure(
                "S-11", f"Teilmengen-Kennung {tag} für {len(found)} verschiedene Schriften"
            )
