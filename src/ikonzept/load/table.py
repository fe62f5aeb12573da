"""An indicator's values table (indikatoren/<id>.csv): `;`-separated UTF-8 text with a header
row, read into rows that know their line. Tables come from spreadsheets and statistics
offices: a byte-order mark, Windows line ends, quoted cells and `,` as separator (a German
Excel's CSV export uses `;`, an English one `,`) are all read."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding

COLUMNS = ("jahr", "gebiet", "wert", "kennzeichen", "anmerkung")
OPTIONAL = ("stand",)  # the data's vintage (JJJJ-MM-TT)
MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: dict[str, str]  # by column name, stripped
    columns: dict[str, int]  # column name → 1-based column number, for findings


def read_table(text: str, rel: str) -> tuple[list[Row], list[Finding]]:
    """The rows of a values table; findings (and no rows) where its shape is wrong."""
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or not lines[0].strip():
        return [], [_problem(rel, 1, "Die Tabelle ist leer; die erste Zeile nennt die Spalten "
                             f"({';'.join(COLUMNS)}).")]  # fmt: skip
    delimiter = ";" if ";" in lines[0] or "," not in lines[0] else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS and c not in OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        said = []
        if missing:
            said.append(f"es fehlt {', '.join(missing)}")
        if unknown:
            said.append(f"unbekannt ist {', '.join(c or '(leer)' for c in unknown)}")
        if len(set(header)) != len(header):
            said.append("eine Spalte steht doppelt")
        return [], [_problem(rel, 1, f"Die Kopfzeile passt nicht ({'; '.join(said)}). Erwartet: "
                             f"{';'.join(COLUMNS)} und optional stand.")]  # fmt: skip
    columns = {name: index + 1 for index, name in enumerate(header)}
    rows: list[Row] = []
    findings: list[Finding] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            findings.append(_problem(rel, number, f"Mehr als {MAX_ROWS:,} Zeilen; der Rest "
                                     "wird nicht gelesen.".replace(",", ".")))  # fmt: skip
            break
        if len(cells) != len(header):
            findings.append(_problem(rel, number, f"Die Zeile hat {len(cells)} Felder, die "
                                     f"Kopfzeile {len(header)}.", len(header)))  # fmt: skip
            continue
        rows.append(Row(number, {n: c.strip() for n, c in zip(header, cells, strict=True)},
                        columns))  # fmt: skip
    return rows, findings


def _problem(rel: str, line: int, message: str, column: int = 1) -> Finding:
    return finding("IK245", rel, message, line=line, column=column)
