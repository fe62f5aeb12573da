"""Checkpoint 28: annotations, their structure elements and descriptions."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from tests.matterhorn.registry import Document, Failure, conditions
from tests.matterhorn.tree import STANDARD_TYPES

# ISO 32000-1, 12.5.6.1
_SUBTYPES = set(
    [
        "Text",
        "Link",
        "FreeText",
        "Line",
        "Square",
        "Circle",
        "Polygon",
        "PolyLine",
        "Highlight",
        "Underline",
        "Squiggly",
        "StrikeOut",
        "Stamp",
        "Caret",
        "Ink",
        "Popup",
        "FileAttachment",
        "Sound",
        "Movie",
        "Widget",
        "Screen",
        "PrinterMark",
        "TrapNet",
        "Watermark",
        "3D",
    ]
)


def _exempt(doc: Document, page: int, annotation: pikepdf.Dictionary) -> bool:
    """Hidden annotations and those outside the visible page pass (as in veraPDF)."""
    if int(annotation.get("/F", 0)) & 2:
        return True
    box = doc.pdf.pages[page].obj.get("/CropBox") or doc.pdf.pages[page].obj.get("/MediaBox")
    rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])]
    left, bottom, right, top = (float(v) for v in box)
    return rect[2] < left or rect[0] > right or rect[3] < bottom or rect[1] > top


def _parent_type(doc: Document, annotation: pikepdf.Dictionary) -> str | None:
    if doc.tree is None or "/StructParent" not in annotation:
        return None
    element = doc.tree.parent_tree.get(int(annotation.StructParent))
    if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
        return None
    raw = str(element.S)[1:]
    mapped = raw
    seen = {raw}
    while mapped not in STANDARD_TYPES and mapped in doc.tree.role_map:
        mapped = doc.tree.role_map[mapped]
        if mapped in seen:
            return None
        seen.add(mapped)
    return mapped


def _alt(doc: Document, annotation: pikepdf.Dictionary) -> bool:
    if doc.tree is None or "/StructParent" not in annotation:
        return False
    element = doc.tree.parent_tree.get(int(annotation.StructParent))
    return isinstance(element, pikepdf.Dictionary) and bool(str(element.get("/Alt", "")))


def _text(value: object) -> str:
    return str(value) if value is not None else ""


@conditions("28-002", "28-004", "28-005", "28-006", "28-007", "28-010", "28-011", "28-012",
            "28-017", "28-018")  # fmt: skip
def annotations(doc: Document) -> Iterator[Failure]:
    for page, annotation in doc.annotations:
        subtype = str(annotation.get("/Subtype", "/"))[1:]
        where = f"Seite {page + 1}: {subtype}"
        if subtype == "PrinterMark":
            if "/StructParent" in annotation:
                yield Failure("28-017", f"{where} gehört zum Strukturbaum")
            yield from _printer_mark(annotation, where)
        elif not _exempt(doc, page, annotation):
            yield from _annotation(doc, annotation, subtype, where)


def _annotation(
    doc: Document, annotation: pikepdf.Dictionary, subtype: str, where: str
) -> Iterator[Failure]:
    parent = _parent_type(doc, annotation)
    described = bool(_text(annotation.get("/Contents")))
    if subtype == "TrapNet":
        yield Failure("28-007", f"{where}-Anmerkung")
    if subtype == "Link":
        if parent != "Link":
            yield Failure("28-011", f"{where} nicht in einem Link-Element (sondern {parent})")
        if not described:
            yield Failure("28-012", f"{where} ohne Contents")
    elif subtype == "Widget":
        if parent != "Form":
            yield Failure("28-010", f"{where} nicht in einem Form-Element")
        field = annotation.get("/Parent", annotation)
        if not _text(field.get("/TU")) and not _alt(doc, annotation):
            yield Failure("28-005", f"{where} ohne TU und ohne Alt")
    else:
        known = subtype in _SUBTYPES
        if parent != "Annot":
            yield Failure("28-002" if known else "28-006", f"{where} nicht in einem Annot-Element")
        if not described and not _alt(doc, annotation):
            yield Failure("28-004" if known else "28-006", f"{where} ohne Contents und ohne Alt")


def _printer_mark(annotation: pikepdf.Dictionary, where: str) -> Iterator[Failure]:
    appearances = annotation.get("/AP", {}).get("/N")
    streams = (
        [appearances]
        if isinstance(appearances, pikepdf.Stream)
        else list(appearances.values())
        if isinstance(appearances, pikepdf.Dictionary)
        else []
    )
    for stream in streams:
        depth = artifact = 0
        for instruction in pikepdf.parse_content_stream(stream):
            operator = str(instruction.operator)
            if operator in ("BMC", "BDC"):
                depth += 1
                if str(instruction.operands[0]) == "/Artifact":
                    artifact = artifact or depth
            elif operator == "EMC":
                if artifact == depth:
                    artifact = 0
                depth -= 1
            elif operator in ("Tj", "TJ", "f", "S", "B", "Do", "sh") and not artifact:
                yield Failure("28-018", f"{where}: Erscheinungsbild nicht als Artefakt")
                return


@conditions("28-008", "28-009")
def tab_order(doc: Document) -> Iterator[Failure]:
    for number, page in enumerate(doc.pdf.pages):
        if not len(page.obj.get("/Annots", ())):
            continue
        tabs = page.obj.get("/Tabs")
        if tabs is None:
            yield Failure("28-008", f"Seite {number + 1}: Anmerkungen ohne Tabs")
        elif tabs != "/S":
            yield Failure("28-009", f"Seite {number + 1}: Tabs ist {tabs}, nicht /S")


def _media_clips(
    value: pikepdf.Object, seen: set[tuple[int, int]], depth: int = 0
) -> Iterator[pikepdf.Dictionary]:
    """The media clip data dictionaries reachable from an annotation."""
    if depth > 12:
        return
    if isinstance(value, pikepdf.Array):
        for item in value:
            yield from _media_clips(item, seen, depth + 1)
    if not isinstance(value, pikepdf.Dictionary):
        return
    if value.is_indirect:
        if value.objgen in seen:
            return
        seen.add(value.objgen)
    if value.get("/Type") == "/MediaClip" and value.get("/S") == "/MCD":
        yield value
    for key, item in value.items():
        if key not in ("/Parent", "/P"):
            yield from _media_clips(item, seen, depth + 1)


@conditions("28-014", "28-015", "28-016")
def media_and_attachments(doc: Document) -> Iterator[Failure]:
    seen: set[tuple[int, int]] = set()
    for _page, annotation in doc.annotations:
        spec = annotation.get("/FS")
        attachment = annotation.get("/Subtype") == "/FileAttachment"
        if (
            attachment
            and isinstance(spec, pikepdf.Dictionary)
            and not (_text(spec.get("/F")) and _text(spec.get("/UF")))
        ):
            yield Failure("28-016", "Dateianhang ohne F und UF")
        for clip in _media_clips(annotation, seen):
            if "/CT" not in clip:
                yield Failure("28-014", "Medienclip ohne CT")
            if "/Alt" not in clip or not len(clip.Alt):
                yield Failure("28-015", "Medienclip ohne Alt")
