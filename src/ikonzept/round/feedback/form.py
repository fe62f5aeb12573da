"""The shape of a feedback form: what export writes and import expects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SHEET_HINTS = "Hinweise"
SHEET_MEASURES = "Maßnahmen"
SHEET_PROPOSALS = "Neue Vorschläge"

# The measures sheet: one header row with exactly these names.
COLUMNS = ("ID", "Nr.", "Maßnahme", "Wo", "Stand bisher", "Stand neu", "Begründung", "Anmerkung")
INPUT_COLUMNS = ("Stand neu", "Begründung", "Anmerkung")
WIDTHS = {
    "ID": 22,
    "Nr.": 8,
    "Maßnahme": 50,
    "Wo": 22,
    "Stand bisher": 16,
    "Stand neu": 18,
    "Begründung": 40,
    "Anmerkung": 40,
}

PROPOSAL_COLUMNS = ("Handlungsfeld", "Bedarf oder Vorschlag", "Wer wäre beteiligt?", "Anmerkung")
PROPOSAL_WIDTHS = (30, 55, 30, 35)
HINTS_WIDTH = 75
LINE_HEIGHT = 15  # points per line of wrapped text: spreadsheets do not measure it on opening
PROPOSAL_ROWS = 20

# Custom document properties that mark a workbook as ours and say whom it was for.
PROPERTY_FORM = "ikonzept-rueckmeldebogen"
PROPERTY_CONCEPT = "ikonzept-konzept"
PROPERTY_EDITION = "ikonzept-ausgabe"
PROPERTY_RECIPIENT = "ikonzept-empfaenger"
FORM_VERSION = "1"

# The formats a form is written in; import reads both.
FORMATS = ("xlsx", "ods")

# What every format of a form is written from: sheets of cells with a kind of style, and
# what the spreadsheet needs beyond the cells (drop-downs, frozen panes, print settings).
# Kinds of cell: "title", "bold", "hint" (the hints sheet), "header", "id", "text",
# "input" (the only cells a recipient can change).
CellKind = str


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    kind: CellKind


@dataclass(frozen=True, slots=True)
class Choices:
    """A drop-down list on a column's rows ``first`` to ``last`` (1-based)."""

    column: int  # 1-based
    first: int
    last: int
    values: tuple[str, ...]
    strict: bool = False  # refuse anything not in the list, with a message
    title: str = ""
    error: str = ""
    prompt: str = ""


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    rows: tuple[tuple[Cell | None, ...], ...]
    widths: tuple[float, ...]  # per column, in characters of the default font
    heights: tuple[float | None, ...]  # per row, in points; None: as the program sees fit
    landscape: bool
    choices: tuple[Choices, ...] = ()
    frozen: tuple[int, int] = (0, 0)  # rows and columns that stay in view when scrolling
    title_rows: int = 0  # repeated at the top of every printed page
    printed_columns: tuple[int, int] | None = None  # first and last (1-based) on paper
    autofilter: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    sheets: tuple[Sheet, ...]
    active: int  # the sheet the form opens on
    properties: tuple[tuple[str, str], ...]  # custom document properties
    title: str
    creator: str
    created: dt.datetime


# What a returned form holds, whatever program saved it (read by `xlsx` and `ods`).


@dataclass(frozen=True, slots=True)
class Book:
    """A form's custom document properties and its sheets' cells as text (None if empty)."""

    properties: dict[str, str]
    sheets: dict[str, list[tuple[str | None, ...]]]


def trimmed(rows: list[tuple[str | None, ...]]) -> list[tuple[str | None, ...]]:
    """Rows without the empty cells at their ends, and without empty rows at the end: the
    same for every format, however much of the grid a program wrote out."""
    result = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        result.append(tuple(cells))
    while result and not result[-1]:
        result.pop()
    return result
