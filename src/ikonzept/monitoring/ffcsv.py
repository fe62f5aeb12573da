"""Tables of the official statistics as GENESIS-Online and the Landesdatenbank NRW deliver
them: the flat-file CSV (`ffcsv`), in its earlier layout (German column names, one value
column per variable: `CODE__Label__Einheit` with `CODE__Label__q`) and in the newer one
(English names: `time`, `value`, `value_unit`, `value_variable_code`, `value_q`; delivered
in a ZIP). `;`-separated UTF-8 with a decimal comma; a value may be replaced by a symbol.

The file is untrusted input: its size and a ZIP's unpacked size are limited, nothing it
names is followed, and its labels are never written into our files.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base.errors import IkonzeptError

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024

# Value-replacing symbols as the offices write them, and the quality marks of `_q`.
_SYMBOLS = {"-": "–", "–": "–", ".": ".", "...": "…", "…": "…", "/": "/", "x": "x"}
_QUALITY = {"p": "p", "r": "r", "s": "s"}  # e (final) and others: no mark
_OLD_VALUE = re.compile(r"^(?P<code>[^_]+(?:_[^_]+)*?)__(?P<label>.+)__(?P<unit>.+)$")


class ImportRefused(IkonzeptError):
    """The file cannot be read as an official table; the message says why, in German."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One value of the table: its year, the regional key and the other characteristics."""

    row: int  # line in the file
    jahr: int
    keys: tuple[str, ...]  # every attribute code of the row (a region's key among them)
    merkmale: tuple[tuple[str, str], ...]  # (characteristic code, attribute code)
    variable: str  # the value variable's code
    wert: str  # as written: a number with a decimal comma, or a symbol
    qualitaet: str  # the `_q` mark, or ""


def read(path: Path) -> list[Cell]:
    text = _text(path)
    reader = csv.reader(io.StringIO(text), delimiter=";")
    rows, lines, read_up_to = [], [], 0
    for row in reader:
        rows.append(row)
        lines.append(read_up_to + 1)  # where the row starts: a quoted cell may span lines
        read_up_to = reader.line_num
    if not rows:
        raise ImportRefused("Die Datei ist leer.")
    from ikonzept.monitoring import wegweiser

    at = wegweiser.header_row(rows)
    if at is not None:
        return wegweiser.cells(rows, at, lines)
    header = [h.strip() for h in rows[0]]
    if "time" in header and "value" in header:
        return _new(header, rows[1:])
    if "Zeit" in header:
        return _old(header, rows[1:])
    raise ImportRefused(
        "Das ist keine Tabelle der amtlichen Statistik im Flatfile-Format (ffcsv) und kein "
        "Export des Wegweisers Kommune: Es fehlen die Spalten „Zeit“ (bisheriges Format) oder "
        "„time“ und „value“ (neues Format) bzw. die Kopfzeile „Indikatoren“. In GENESIS-Online "
        "beim Herunterladen „Flatfile CSV“ wählen."
    )


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(f"Die Datei ist {size // 1_048_576} MB groß; höchstens 50 MB.")
        data = path.read_bytes()
    except OSError:
        raise ImportRefused("Die Datei gibt es nicht oder sie ist nicht lesbar.") from None
    if data.startswith(b"PK\x03\x04"):
        data = _unzipped(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            "Die Datei ist nicht in UTF-8 gespeichert, wie GENESIS sie liefert. Bitte die "
            "Tabelle neu herunterladen, nicht in Excel öffnen und speichern."
        ) from None


def _unzipped(data: bytes) -> bytes:
    """The one CSV of a ZIP as the newer format is delivered."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
            if len(members) != 1:
                raise ImportRefused("Im ZIP-Archiv muss genau eine CSV-Datei liegen.")
            member = members[0]
            if member.file_size > MAX_UNPACKED or (
                member.file_size > 200 * max(member.compress_size, 1) and member.file_size > 1 << 20
            ):
                raise ImportRefused("Das ZIP-Archiv entpackt sich auf ein Vielfaches; abgelehnt.")
            return archive.read(member)
    except zipfile.BadZipFile:
        raise ImportRefused("Das ZIP-Archiv ist beschädigt.") from None


_YEARS: dict[str, int] = {}  # a table repeats few time labels a hundred thousand times


def _year(text: str, row: int) -> int:
    year = _YEARS.get(text)
    if year is None:
        found = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
        if not found:
            raise ImportRefused(f"Zeile {row}: „{text}“ ist keine Zeitangabe mit Jahr.")
        year = _YEARS[text] = int(found.group(1))
    return year


def _new(header: list[str], rows: list[list[str]]) -> list[Cell]:
    at = {name: index for index, name in enumerate(header)}
    levels = sorted(
        {int(m.group(1)) for h in header if (m := re.match(r"(\d+)_variable_code$", h))}
    )
    pairs = [(at[f"{n}_variable_code"], at[f"{n}_variable_attribute_code"])
             for n in levels if f"{n}_variable_attribute_code" in at]  # fmt: skip
    time, value = at["time"], at["value"]
    variable, quality = at.get("value_variable_code"), at.get("value_q")
    width = len(header)
    cells = []
    for number, values in enumerate(rows, start=2):
        if len(values) != width:
            if not any(v.strip() for v in values):
                continue
            raise ImportRefused(f"Zeile {number} hat {len(values)} Felder, die Kopfzeile "
                                f"{width}.")  # fmt: skip
        merkmale = tuple((values[c].strip(), values[a].strip()) for c, a in pairs)
        cells.append(Cell(
            number, _year(values[time], number), tuple(a for _c, a in merkmale), merkmale,
            values[variable].strip() if variable is not None else "", values[value].strip(),
            values[quality].strip() if quality is not None else "",
        ))  # fmt: skip
    return cells


def _old(header: list[str], rows: list[list[str]]) -> list[Cell]:
    at = {name: index for index, name in enumerate(header)}
    levels = sorted({int(m.group(1)) for h in header if (m := re.match(r"(\d+)_Merkmal_Code$", h))})
    value_columns = [
        (index, match.group("code"))
        for index, name in enumerate(header)
        if (match := _OLD_VALUE.match(name)) and match.group("unit") != "q"
    ]
    quality = {code: at[name] for name in header
               if (m := _OLD_VALUE.match(name)) and m.group("unit") == "q"
               for code in [m.group("code")]}  # fmt: skip
    cells = []
    for number, values in enumerate(rows, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise ImportRefused(f"Zeile {number} hat {len(values)} Felder, die Kopfzeile "
                                f"{len(header)}.")  # fmt: skip
        merkmale = tuple(
            (values[at[f"{n}_Merkmal_Code"]].strip(), values[at[f"{n}_Auspraegung_Code"]].strip())
            for n in levels
            if f"{n}_Auspraegung_Code" in at
        )
        year = _year(values[at["Zeit"]], number)
        for index, code in value_columns:
            q = quality.get(code)
            mark = values[q].strip() if q is not None else ""
            keys = tuple(c for _m, c in merkmale)
            cells.append(Cell(number, year, keys, merkmale, code, values[index].strip(), mark))
    return cells


def symbol_or_number(text: str) -> tuple[str, str]:
    """(our value text, our symbol) for an official cell: „1.234,5“ stays as written
    (our tables read German numbers), a symbol goes to the symbol column."""
    if text in _SYMBOLS:
        return "", _SYMBOLS[text]
    return text, ""


def quality_mark(text: str) -> str:
    return _QUALITY.get(text.strip().lower(), "")
