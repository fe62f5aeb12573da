"""Forms in OpenDocument format (.ods) read back: the document properties and every
sheet's cells as text, with odfpy (which parses the XML with defusedxml). The file has
passed the checks in `book` (size, zip bomb, macros) before it is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ikonzept.round.feedback.form import Book, trimmed

_MAX_COLUMNS = 64  # more than a form has; repeated empty columns beyond are not read
_MAX_ROWS = 10_000


def read(path: Path) -> Book:
    """The form's properties and each sheet's cells as text. The file has passed the
    checks in `book` (size, zip bomb, macros); odfpy parses its XML with defusedxml."""
    from odf.meta import UserDefined
    from odf.opendocument import load
    from odf.table import Table

    document = load(str(path))
    properties = {
        str(item.getAttribute("name")): _text(item)
        for item in document.meta.getElementsByType(UserDefined)
    }
    sheets = {
        str(table.getAttribute("name")): trimmed(_rows(table))
        for table in document.spreadsheet.getElementsByType(Table)
    }
    return Book(properties, sheets)


def _text(element: Any) -> str:
    from odf import teletype

    return str(teletype.extractText(element))


def _rows(table: Any) -> list[tuple[str | None, ...]]:
    """The rows of a table with repeated rows and columns spelled out, but not the
    thousands of empty ones a spreadsheet program writes after the last cell."""
    rows: list[tuple[str | None, ...]] = []
    empty = 0  # empty rows seen since the last row with content
    for row in _table_rows(table):
        cells = _cells(row)
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        if not any(cells):
            empty += repeat
            continue
        if len(rows) + empty + repeat > _MAX_ROWS:
            raise ValueError("too many rows for a form")
        rows += [()] * empty + [cells] * repeat
        empty = 0
    return rows


def _table_rows(element: Any) -> Any:
    """Rows in document order, inside header rows and row groups too."""
    for child in element.childNodes:
        name = getattr(child, "qname", (None, None))[1]
        if name == "table-row":
            yield child
        elif name in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _table_rows(child)


def _cells(row: Any) -> tuple[str | None, ...]:
    cells: list[str | None] = []
    for child in row.childNodes:
        if getattr(child, "qname", (None, None))[1] not in ("table-cell", "covered-table-cell"):
            continue
        paragraphs = [_text(p) for p in child.childNodes if getattr(p, "qname", ("", ""))[1] == "p"]
        text = "\n".join(paragraphs) or None
        if child.getAttribute("valuetype") == "date" and child.getAttribute("datevalue"):
            # a date as stored, not as the program's language shows it (08/15/19, 15.08.19)
            text = str(child.getAttribute("datevalue"))
        repeat = int(child.getAttribute("numbercolumnsrepeated") or 1)
        cells += [text] * min(repeat, _MAX_COLUMNS - len(cells))
        if len(cells) >= _MAX_COLUMNS:
            break
    return tuple(cells)
