"""Checkpoints on tagged content and the structure types: 01, 02, 09, 13, 14, 15, 16, 17, 19."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf

from tests.matterhorn.registry import Document, Failure, conditions
from tests.matterhorn.tree import Element, Tree


@conditions("01-003", "01-004", "01-005", "01-007")
def real_content_tagged(doc: Document) -> Iterator[Failure]:
    mark_info = doc.pdf.Root.get("/MarkInfo")
    if isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Suspects", False)):
        yield Failure("01-007", "MarkInfo /Suspects ist true")
    parent_tree = doc.tree.parent_tree if doc.tree else {}
    # Content counts as tagged when its element is in the tree (reachable from the root).
    reachable = {element.obj.objgen for element in doc.tree.walk()} if doc.tree else set()
    for page in doc.contents:
        if page.artifacts_in_tagged:
            yield Failure("01-003", f"Seite {page.number + 1}: Artefakt in getaggtem Inhalt")
        for sequence in page.sequences.values():
            if sequence.in_artifact:
                yield Failure(
                    "01-004", f"Seite {page.number + 1}: MCID {sequence.mcid} in Artefakt"
                )
        if page.untagged:
            yield Failure(
                "01-005",
                f"Seite {page.number + 1}: {len(page.untagged)} Zeichenoperationen weder getaggt "
                f"noch Artefakt ({', '.join(sorted(set(page.untagged)))})",
            )
        key = doc.pdf.pages[page.number].obj.get("/StructParents")
        mapping = parent_tree.get(int(key)) if key is not None else None
        for mcid, sequence in sorted(page.sequences.items()):
            element = (
                mapping[mcid]
                if isinstance(mapping, pikepdf.Array) and mcid < len(mapping)
                else None
            )
            if not isinstance(element, pikepdf.Dictionary) or element.objgen not in reachable:
                text = sequence.text.strip()[:40]
                yield Failure(
                    "01-005",
                    f"Seite {page.number + 1}: MCID {mcid} ({text!r}) gehört zu keinem "
                    "Strukturelement (Elternbaum)",
                )


@conditions("02-001", "02-003", "02-004")
def role_mapping(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None:
        return
    for error in tree.role_map_errors:
        if "Kreis" in error:
            yield Failure("02-003", error)
        elif "umgedeutet" in error:
            yield Failure("02-004", error)
        else:
            yield Failure("02-001", error)


# The standard types of a grouping: NonStruct is transparent (veraPDF's parent and kids).
def _parent_type(element: Element) -> str | None:
    parent = element.parent
    while parent is not None and parent.type == "NonStruct":
        parent = parent.parent
    return parent.type if parent is not None else None


def _kid_types(element: Element) -> list[str]:
    types: list[str] = []
    for child in element.children:
        types.extend(_kid_types(child) if child.type == "NonStruct" else [child.type])
    return types


def _table_rows(table: Element) -> list[Element]:
    rows: list[Element] = []
    for child in table.children:
        if child.type == "NonStruct":
            rows.extend(_table_rows(child))
        elif child.type == "TR":
            rows.append(child)
        elif child.type in ("THead", "TBody", "TFoot"):
            rows.extend(_table_rows(child))
    return rows


def _cells(row: Element) -> list[Element]:
    cells: list[Element] = []
    for child in row.children:
        if child.type == "NonStruct":
            cells.extend(_cells(child))
        elif child.type in ("TH", "TD"):
            cells.append(child)
    return cells


def _span(cell: Element, key: str) -> int:
    value = cell.attribute("/Table", key)
    return int(value) if value is not None else 1


def _regular(table: Element) -> str | None:
    """Why the table's cells do not form a grid (veraPDF's checkRegular), or None."""
    rows = _table_rows(table)
    if not rows:
        return None
    width = sum(_span(cell, "/ColSpan") for cell in _cells(rows[0]))
    grid: list[list[bool]] = [[False] * width for _ in rows]
    for y, row in enumerate(rows):
        x = 0
        for cell in _cells(row):
            while x < width and grid[y][x]:
                x += 1
            columns, lines = _span(cell, "/ColSpan"), _span(cell, "/RowSpan")
            if x + columns > width:
                return f"Zeile {y + 1}: mehr Spalten als die erste Zeile"
            if y + lines > len(rows):
                return f"Zeile {y + 1}: Zellen reichen über die letzte Zeile"
            for dy in range(lines):
                for dx in range(columns):
                    if grid[y + dy][x + dx]:
                        return f"Zeile {y + 1}: Zellen überlappen"
                    grid[y + dy][x + dx] = True
            x += columns
    for y, line in enumerate(grid):
        if not all(line):
            return f"Zeile {y + 1}: weniger Spalten als die erste Zeile"
    return None


_TABLE_KIDS = {"TR", "THead", "TBody", "TFoot", "Caption"}


def _table_kids(element: Element) -> Iterator[str]:
    kids = _kid_types(element)
    if set(kids) - _TABLE_KIDS:
        yield f"Table enthält {sorted(set(kids) - _TABLE_KIDS)}"
    if kids.count("Caption") > 1 or "Caption" in kids[1:-1]:
        yield "Table: Caption mehrfach oder nicht am Anfang oder Ende"
    if kids.count("THead") > 1 or kids.count("TFoot") > 1:
        yield "Table: mehr als ein THead oder TFoot"
    if ("THead" in kids or "TFoot" in kids) and "TBody" not in kids:
        yield "Table: THead oder TFoot ohne TBody"
    problem = _regular(element)
    if problem:
        yield f"Table nicht regelmäßig: {problem}"


def _table_syntax(element: Element) -> Iterator[str]:
    kind, parent, kids = element.type, _parent_type(element), _kid_types(element)
    if kind == "Table":
        yield from _table_kids(element)
    elif kind == "TR":
        if parent not in ("Table", "THead", "TBody", "TFoot"):
            yield f"TR unter {parent}"
        if set(kids) - {"TH", "TD"}:
            yield f"TR enthält {sorted(set(kids) - {'TH', 'TD'})}"
    elif kind in ("THead", "TBody", "TFoot"):
        if parent != "Table":
            yield f"{kind} unter {parent}"
        if set(kids) - {"TR"}:
            yield f"{kind} enthält {sorted(set(kids) - {'TR'})}"
    elif kind in ("TH", "TD") and parent != "TR":
        yield f"{kind} unter {parent}"


def _list_syntax(element: Element) -> Iterator[str]:
    kind, parent, kids = element.type, _parent_type(element), _kid_types(element)
    if kind == "LI" and parent != "L":
        yield f"LI unter {parent}"
    elif kind == "LBody" and parent != "LI":
        yield f"LBody unter {parent}"
    elif kind == "L":
        if set(kids) - {"L", "LI", "Caption"}:
            yield f"L enthält {sorted(set(kids) - {'L', 'LI', 'Caption'})}"
        if "Caption" in kids[1:]:
            yield "L: Caption nicht am Anfang"
    if kind == "LI" and set(kids) - {"Lbl", "LBody"}:
        yield f"LI enthält {sorted(set(kids) - {'Lbl', 'LBody'})}"


# ISO 32000-1, table 333
_TOCI_KIDS = {"TOC", "Lbl", "Reference", "P"}


def _toc_syntax(element: Element) -> Iterator[str]:
    kind, parent, kids = element.type, _parent_type(element), _kid_types(element)
    if kind == "TOCI" and parent != "TOC":
        yield f"TOCI unter {parent}"
    elif kind == "TOC":
        if set(kids) - {"TOC", "TOCI", "Caption"}:
            yield f"TOC enthält {sorted(set(kids) - {'TOC', 'TOCI', 'Caption'})}"
        if "Caption" in kids[1:]:
            yield "TOC: Caption nicht am Anfang"
    if kind == "TOCI" and set(kids) - _TOCI_KIDS:
        yield f"TOCI enthält {sorted(set(kids) - _TOCI_KIDS)}"


def _ruby_syntax(element: Element) -> Iterator[str]:
    kind, parent, kids = element.type, _parent_type(element), _kid_types(element)
    if kind == "Ruby" and kids not in (["RB", "RT"], ["RB", "RP", "RT", "RP"]):
        yield f"Ruby enthält {kids}"
    elif kind in ("RB", "RT", "RP") and parent != "Ruby":
        yield f"{kind} unter {parent}"


def _warichu_syntax(element: Element) -> Iterator[str]:
    kind, parent, kids = element.type, _parent_type(element), _kid_types(element)
    if kind == "Warichu" and kids not in (["WT"], ["WP", "WT", "WP"]):
        yield f"Warichu enthält {kids}"
    elif kind in ("WT", "WP") and parent != "Warichu":
        yield f"{kind} unter {parent}"


@conditions("09-004", "09-005", "09-006", "09-007", "09-008")
def appropriate_tags(doc: Document) -> Iterator[Failure]:
    if doc.tree is None:
        return
    rules = (("09-004", _table_syntax), ("09-005", _list_syntax), ("09-006", _toc_syntax),
             ("09-007", _ruby_syntax), ("09-008", _warichu_syntax))  # fmt: skip
    for element in doc.tree.walk():
        for condition, rule in rules:
            for problem in rule(element):
                yield Failure(condition, problem)


def _alternative(element: Element) -> bool:
    alt = element.get("/Alt")
    return (alt is not None and str(alt) != "") or "/ActualText" in element.obj


@conditions("13-004", "17-002")
def alternative_descriptions(doc: Document) -> Iterator[Failure]:
    if doc.tree is None:
        return
    for element in doc.tree.walk():
        if element.type == "Figure" and not _alternative(element):
            yield Failure("13-004", f"Figure ohne Alternativtext (Seite {_page(element)})")
        elif element.type == "Formula" and not _alternative(element):
            yield Failure("17-002", f"Formula ohne Alternativtext (Seite {_page(element)})")


def _page(element: Element) -> str:
    return str(element.page + 1) if element.page is not None else "?"


_NUMBERED = re.compile(r"^H([1-6])$")


@conditions("14-002", "14-003", "14-006", "14-007")
def headings(doc: Document) -> Iterator[Failure]:
    tree: Tree | None = doc.tree
    if tree is None:
        return
    last = 0
    uses_h = uses_hn = False
    for element in tree.walk():
        if _kid_types(element).count("H") > 1:
            yield Failure("14-006", f"{element.raw_type} enthält mehr als ein H")
        match = _NUMBERED.match(element.type)
        if element.type == "H":
            uses_h = True
        if not match:
            continue
        uses_hn = True
        level = int(match.group(1))
        if level > last + 1:
            text = f"H{level} nach H{last}" if last else f"erste Überschrift ist H{level}"
            yield Failure("14-002" if last == 0 else "14-003", f"{text} (Seite {_page(element)})")
        last = level
    if uses_h and uses_hn:
        yield Failure("14-007", "H und H1–H6 zugleich")


def _scope(cell: Element) -> str | None:
    value = cell.attribute("/Table", "/Scope")
    return str(value)[1:] if value is not None else None


@conditions("15-003")
def table_headers(doc: Document) -> Iterator[Failure]:
    if doc.tree is None:
        return
    for table in doc.tree.walk():
        if table.type != "Table" or _regular(table) is not None:
            continue
        rows = [_cells(row) for row in _table_rows(table)]
        headers = [cell for row in rows for cell in row if cell.type == "TH"]
        if all(_scope(cell) for cell in headers):
            continue
        ids = {bytes(cell.obj.ID) for cell in headers if "/ID" in cell.obj}
        for y, row in enumerate(rows):
            for x, cell in enumerate(row):
                if cell.type != "TD":
                    continue
                named = cell.attribute("/Table", "/Headers")
                if named is not None and len(named) and all(bytes(h) in ids for h in named):
                    continue
                column = any(
                    x < len(rows[above]) and rows[above][x].type == "TH"
                    and _scope(rows[above][x]) in ("Column", "Both")
                    for above in range(y)
                )  # fmt: skip
                line = any(
                    left.type == "TH" and _scope(left) in ("Row", "Both") for left in row[:x]
                )
                if not (column or line):
                    yield Failure("15-003", f"Zelle ohne zugeordnete Überschrift ({_page(cell)})")
                    break


@conditions("16-001")
def list_numbering(doc: Document) -> Iterator[Failure]:
    """Human in Matterhorn; here: our lists say how they are numbered (or that they are not)."""
    if doc.tree is None:
        return
    allowed = {"None", "Disc", "Circle", "Square", "Decimal", "UpperRoman", "LowerRoman",
               "UpperAlpha", "LowerAlpha"}  # fmt: skip
    for element in doc.tree.walk():
        if element.type == "L":
            numbering = element.attribute("/List", "/ListNumbering")
            if numbering is None or str(numbering)[1:] not in allowed:
                yield Failure("16-001", f"L ohne ListNumbering (Seite {_page(element)})")


@conditions("18-002")
def pagination(doc: Document) -> Iterator[Failure]:
    """Human in Matterhorn; here: running headers and footers say which they are."""
    for page in doc.contents:
        for properties in page.artifacts:
            if properties.get("/Type") == "/Pagination" and properties.get("/Subtype") not in (
                "/Header",
                "/Footer",
                "/Watermark",
            ):
                yield Failure("18-002", f"Seite {page.number + 1}: Seitenartefakt ohne Subtype")
                break


@conditions("19-003", "19-004")
def notes(doc: Document) -> Iterator[Failure]:
    if doc.tree is None:
        return
    seen: set[bytes] = set()
    for element in doc.tree.walk():
        if element.type != "Note":
            continue
        identifier = bytes(element.obj.ID) if "/ID" in element.obj else b""
        if not identifier:
            yield Failure("19-003", f"Note ohne ID (Seite {_page(element)})")
        elif identifier in seen:
            yield Failure("19-004", f"Note-ID {identifier.decode(errors='replace')} doppelt")
        seen.add(identifier)
