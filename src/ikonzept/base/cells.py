"""Cells for spreadsheets: text that a spreadsheet shows, never evaluates.

A title such as „=HYPERLINK(…)“ or „-Beratung“ would become a formula in Excel or
LibreOffice (formula injection); every CSV and workbook we write passes its cells here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str) -> str:
    """``value`` as CSV text that no spreadsheet reads as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def german_csv(rows: Iterable[Sequence[str]]) -> str:
    """CSV as German spreadsheets open it: semicolons, UTF-8 with BOM, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([as_text(value) for value in row])
    return "\ufeff" + buffer.getvalue()
