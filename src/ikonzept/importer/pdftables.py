"""Ruled tables of a PDF: found by pdfplumber from their lines, their text read cell by cell
from the page's characters, and a table that runs on over a page break joined with its
continuation. A table without lines stays text: without them, columns cannot be told
from the spacing of ordinary lines with any certainty."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

X_TOLERANCE = 3.0  # a gap between two characters wider than this is a space (pdfplumber's)
_ADDRESS_LIKE = re.compile(r"@|://|^www\.", re.I)
# words that open a line after a full one without being the rest of a broken word
_SHORT_WORDS = {"am", "an", "auf", "aus", "bei", "das", "dem", "den", "der", "des", "die",
                "für", "im", "in", "mit", "nach", "oder", "und", "vom", "von", "zu", "zum",
                "zur"}  # fmt: skip


@dataclass(slots=True)
class Table:
    page: int
    top: float  # share of the page's height
    bottom: float
    columns: tuple[float, ...]  # the left edges of its columns, in points
    lines: list[list[list[str]]] = field(default_factory=list)  # per row, per cell: lines

    @property
    def rows(self) -> list[list[str]]:
        """The cells' texts."""
        return [_texts(row) for row in self.lines]


@dataclass(slots=True)
class _Cell:
    box: tuple[float, float, float, float]
    lines: list[list[dict[str, Any]]] = field(default_factory=list)  # characters per line


def find(page: Any) -> list[Any]:
    """pdfplumber's tables of a page; a page without drawn lines has none (and is quick)."""
    if not (page.rects or page.lines or page.curves):
        return []
    return [t for t in page.find_tables() if len(t.rows) > 1 or len(t.rows[0].cells) > 1]


def read(number: int, page: Any, found: list[Any], lines: list[dict[str, Any]]) -> tuple[
    list[Table], list[dict[str, Any]]
]:  # fmt: skip
    """The page's tables with their texts, and the page's lines outside them."""
    height = float(page.height)
    tables = []
    cells_of = []
    for table in found:
        top, bottom = float(table.bbox[1]), float(table.bbox[3])
        firsts = sorted({float(c[0]) for row in table.rows for c in row.cells if c is not None})
        tables.append(Table(number, top / height, bottom / height, tuple(firsts)))
        cells_of.append([[_Cell(_box(c)) if c else None for c in row.cells]
                         for row in table.rows])  # fmt: skip
    outside = []
    for line in lines:
        middle = (float(line["top"]) + float(line["bottom"])) / 2
        at = next((i for i, t in enumerate(found) if t.bbox[1] <= middle <= t.bbox[3]), None)
        if at is None:
            outside.append(line)
            continue
        last: dict[str, Any] | None = None
        for char in line["chars"]:
            if last is not None and _same(char, last):
                continue  # a glyph drawn twice (LibreOffice's ligatures „ff“, „fi“)
            _place(char, cells_of[at])
            last = char
    for table, rows in zip(tables, cells_of, strict=True):
        # a row whose first cell spans the table (the others None) is a label: one cell
        table.lines = [[_lines(c) if c else [] for c in (row[:1] if _spanning(row) else row)]
                       for row in rows]  # fmt: skip
    return tables, outside


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["text"] == b["text"]
        and abs(float(a["x0"]) - float(b["x0"])) < 0.5
        and abs(float(a["top"]) - float(b["top"])) < 0.5
    )


def _box(cell: Any) -> tuple[float, float, float, float]:
    return float(cell[0]), float(cell[1]), float(cell[2]), float(cell[3])


def _spanning(row: list[_Cell | None]) -> bool:
    return len(row) > 1 and row[0] is not None and all(c is None for c in row[1:])


def _place(char: dict[str, Any], rows: list[list[_Cell | None]]) -> None:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    for row in rows:
        for cell in row:
            if cell and cell.box[0] <= x <= cell.box[2] and cell.box[1] <= y <= cell.box[3]:
                if cell.lines and abs(float(cell.lines[-1][-1]["top"]) - float(char["top"])) < 2:
                    cell.lines[-1].append(char)
                else:
                    cell.lines.append([char])
                return


def _line_text(chars: list[dict[str, Any]]) -> str:
    text = ""
    for previous, char in zip([None, *chars], chars, strict=False):
        gap = float(char["x0"]) - float(previous["x1"]) if previous else 0.0
        text += (" " if gap > X_TOLERANCE else "") + char["text"]
    return " ".join(text.split())


GLUE = "\x00"  # ends a line that may go on without a space: a word broken at the edge


def _lines(cell: _Cell) -> list[str]:
    """A cell's lines. Only a word longer than the cell is wide is broken inside it („Volks-
    hochsc“ + „hule“ without a hyphen): a line of one word, filled to the cell's edge."""
    found = []
    for chars in cell.lines:
        text = _line_text(sorted(chars, key=lambda c: float(c["x0"])))
        if not text:
            continue
        size = max(float(c["size"]) for c in chars)
        full = cell.box[2] - max(float(c["x1"]) for c in chars) < size * 1.2
        found.append(text + GLUE if full and " " not in text and text[-1:].isalpha() else text)
    return found


def _texts(row: list[list[str]]) -> list[str]:
    """A row's cell texts (only the rows compared are joined while tables grow)."""
    return [_joined(cell) for cell in row]


def _joined(lines: list[str]) -> str:
    """A cell's lines as one text: an address („…@…“, „https://…“) has no spaces; a broken
    word joins without one; a hyphen at a line's end joins as in the running text."""
    from ikonzept.importer.pdf import join_lines

    whole = "".join(line.rstrip(GLUE) for line in lines)
    if " " not in whole and _ADDRESS_LIKE.search(whole):
        return whole
    parts: list[str] = []
    for line in lines:
        glued = parts and parts[-1].endswith(GLUE)
        if glued and line[:1].islower() and line.split()[0].rstrip(GLUE) not in _SHORT_WORDS:
            parts[-1] = parts[-1].rstrip(GLUE) + line
        else:
            parts.append(line)
    return join_lines([part.rstrip(GLUE) for part in parts])


def merge(before: Table, after: Table) -> bool:
    """Join ``after`` into ``before`` where it continues it over a page break (the same
    columns, on the next page): a repeated header row goes, a row that the break cut in two
    (its first cell empty) is made whole again. False where it is a table of its own."""
    if after.page != before.page + 1 or not _same_columns(before.columns, after.columns):
        return False
    lines = after.lines
    if lines and _texts(lines[0]) == _texts(before.lines[0]):
        lines = lines[1:]  # the header repeated on the new page
    if lines and len(before.lines) > 1 and _continues(_texts(before.lines[-1]), _texts(lines[0])):
        last = before.lines[-1]
        before.lines[-1] = [a + b for a, b in zip(last, lines[0], strict=False)]
        lines = lines[1:]
    before.lines += lines
    before.page = after.page
    return True


def _continues(last: list[str], first: list[str]) -> bool:
    """The first row on the new page is the rest of the last one: its first cell is empty,
    or it leaves cells empty that the row above fills and a cell goes on where the one
    above left off (lower case, „/…“; addresses aside)."""
    if not first[0].strip():
        return True
    short = any(
        above.strip() and not text.strip() for above, text in zip(last, first, strict=False)
    )
    return short and any(
        above.strip() and text[:1] and (text[:1].islower() or not text[:1].isalnum())
        and not _ADDRESS_LIKE.search(text)
        for above, text in zip(last, first, strict=False)
    )  # fmt: skip


def _same_columns(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < 2 for x, y in zip(a, b, strict=True))
