"""The values of an indicator (its table), checked row by row: a year, a number with a decimal comma
(a point is read too) or an official symbol instead, each year and area once."""

from __future__ import annotations

import datetime as dt
import re

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.load.table import Row
from ikonzept.model.indicators import SYMBOL_SPELLINGS, SYMBOLS, Wert

# 1234,5 · 1.234,5 · 1 234,5 · 1234.5 · -0,3 (a point alone is a decimal point)
_GERMAN = re.compile(r"-?\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?")
_POINT = re.compile(r"-?\d+\.\d+")


def number(text: str) -> float | None:
    """A number as German tables write it; None if the text is none."""
    text = text.strip()
    if _GERMAN.fullmatch(text):
        return float(re.sub(r"[. \u00a0\u202f]", "", text).replace(",", "."))
    if _POINT.fullmatch(text):
        return float(text)
    return None


def symbol(text: str) -> str | None:
    """The official symbol a cell holds (in its usual spellings), or None."""
    text = " ".join(text.split())
    text = SYMBOL_SPELLINGS.get(text, text)
    return text if text in SYMBOLS else None


def values(rows: list[Row], rel: str) -> tuple[list[Wert], list[Finding]]:
    result: list[Wert] = []
    findings: list[Finding] = []
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        cells = row.cells

        def problem(rule: str, column: str, message: str, row: Row = row) -> None:
            findings.append(finding(rule, rel, message, line=row.line, column=row.columns[column]))

        if not re.fullmatch(r"\d{4}", cells["jahr"]):
            problem("IK239", "jahr", f"„{cells['jahr']}“ ist kein Jahr (vierstellig, z. B. 2018).")
            continue
        year, area = int(cells["jahr"]), cells["gebiet"]
        if not area:
            problem("IK237", "gebiet", "Das Gebiet fehlt: „kreis“ oder die ID einer Kommune.")
            continue
        text, mark = cells["wert"], cells["kennzeichen"]
        value = number(text) if text else None
        if text and value is None:
            problem("IK234", "wert", f"„{text}“ ist keine Zahl. Zahlen mit Dezimalkomma, "
                    "z. B. 2,5; fehlt die Zahl, bleibt das Feld leer und das Kennzeichen "
                    "sagt, warum.")  # fmt: skip
            continue
        official = symbol(mark) if mark else None
        if mark and official is None:
            problem("IK236", "kennzeichen", f"„{mark}“ ist kein Zeichen der amtlichen "
                    f"Statistik. Möglich: {' '.join(SYMBOLS)}.")  # fmt: skip
            continue
        if value is None and official is None:
            problem("IK235", "wert", f"Für {area} {year} fehlt der Wert, und kein Kennzeichen "
                    "sagt, warum (z. B. „.“ unbekannt, „…“ folgt später). Fehlend ist nicht "
                    "null.")  # fmt: skip
            continue
        stand = None
        if cells.get("stand"):
            try:
                stand = dt.date.fromisoformat(cells["stand"])
            except ValueError:
                problem("IK234", "stand", f"„{cells['stand']}“ ist kein Datum (JJJJ-MM-TT).")
                continue
        if (year, area) in seen:
            problem(
                "IK238",
                "jahr",
                f"Für {area} {year} steht schon ein Wert in Zeile {seen[(year, area)]}.",
            )
            continue
        seen[(year, area)] = row.line
        result.append(Wert(year, area, value, official, cells["anmerkung"] or None, stand,
                           row.line, tuple(row.columns)))  # fmt: skip
    return result, findings
