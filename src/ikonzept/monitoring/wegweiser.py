"""The CSV export of the Wegweiser Kommune (Bertelsmann Stiftung): `;`-separated with a
decimal comma, a few lines about the export first, then a header `Indikatoren;…` whose
columns are „year⏎region“ (e.g. "2019\\nKöln"), one row per indicator, and notes after an
empty line. Regions are named, not keyed: they are matched to the county and its towns
by name (`region_key`)."""

from __future__ import annotations

import re

from ikonzept.monitoring.ffcsv import Cell, ImportRefused

HEADER = "indikatoren"
NAME = "name:"  # regions named, not keyed: see `region_key`
_COUNTY_WORDS = frozenset({"kreis", "landkreis", "lk", "lkr"})
_TOWN_WORDS = frozenset({"stadt", "gemeinde", "st"})


def region_key(name: str, *, county: bool = False) -> str:
    """„Coesfeld (Kreis)“, „Kreis Coesfeld“, „LK Coesfeld“ → the county's key; „Coesfeld“,
    „Coesfeld, Stadt“ → the town's: the words that say county or town set them apart.
    ``county``: the name is the county's, with or without such a word."""
    words = re.findall(r"[^\W\d_]+", name.casefold())
    county = county or any(w in _COUNTY_WORDS for w in words)
    base = " ".join(w for w in words if w not in _COUNTY_WORDS | _TOWN_WORDS)
    return f"{NAME}{'kreis' if county else 'ort'}:{base}"


def header_row(rows: list[list[str]]) -> int | None:
    """The index of the header `Indikatoren;…` among the first lines, if this is an export."""
    for index, row in enumerate(rows[:10]):
        if row and row[0].strip().strip("\ufeff").casefold() == HEADER and len(row) > 1:
            return index
    return None


def cells(rows: list[list[str]], at: int, lines: list[int]) -> list[Cell]:
    """The values; ``lines`` says in which line of the file each row starts."""
    columns = [_column(text, lines[at]) for text in rows[at][1:]]
    result = []
    for number, row in zip(lines[at + 1 :], rows[at + 1 :], strict=True):
        if not any(v.strip() for v in row):
            break  # the notes after the data
        label = row[0].strip()
        for (year, region), value in zip(columns, row[1:], strict=False):
            if value.strip():
                result.append(Cell(number, year, (region_key(region),), (), label,
                                   value.strip(), ""))  # fmt: skip
    return result


def _column(text: str, line: int) -> tuple[int, str]:
    parts = [p.strip() for p in text.splitlines() if p.strip()]
    years = [p for p in parts if re.fullmatch(r"\d{4}", p)]
    if len(years) != 1 or len(parts) != 2:
        raise ImportRefused(f"Zeile {line}: Die Spalte „{' '.join(parts)}“ nennt nicht Jahr "
                            "und Region, wie der Wegweiser Kommune sie exportiert.")  # fmt: skip
    return int(years[0]), next(p for p in parts if p != years[0])
