"""`indikator import`: an official table's values into an indicator's values table.

Rows are matched to our areas by the official regional keys (`schluessel` of the county and
of each town in konzept.yaml, AGS or ARS). New values are added; a value that is there
already and differs is a revision: listed, and the row keeps the old value and its vintage
in its note. Nothing is overwritten silently, nothing is written before all is checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import IkonzeptError
from ikonzept.load.table import COLUMNS, Row, read_table
from ikonzept.model import Konzept
from ikonzept.model.indicators import COUNTY, Indikator
from ikonzept.monitoring import ffcsv, wegweiser
from ikonzept.pipeline.values import number


class ImportProblem(IkonzeptError):
    """What keeps a table from being imported, in German."""


@dataclass(frozen=True, slots=True)
class Revision:
    jahr: int
    gebiet: str
    vorher: str
    neu: str


@dataclass(slots=True)
class Intake:
    neu: int = 0
    gleich: int = 0
    revisionen: list[Revision] = field(default_factory=list)
    andere_gebiete: int = 0  # rows of regions that are not ours
    datei: Path | None = None  # written (None: a dry run)


def normalized(key: str) -> str:
    """An ARS (12 digits) as its AGS (8); a county's 5 digits stay as they are."""
    if len(key) in (5, 8) and key.isdigit():  # the usual case, a hundred thousand times
        return key
    if key.startswith(wegweiser.NAME):
        return key
    digits = "".join(c for c in key if c.isdigit())
    return digits[:5] + digits[9:12] if len(digits) == 12 else digits


def areas_by_name(konzept: Konzept, item: Indikator) -> dict[str, str]:
    """The county, its towns and the indicator's comparison areas by name, for tables that
    name regions (Wegweiser Kommune)."""
    names = {wegweiser.region_key(v.name): v.id for v in item.vergleich}
    names |= {wegweiser.region_key(k.name): k.id for k in konzept.kommunen}
    names[wegweiser.region_key(konzept.herausgeber.name, county=True)] = COUNTY
    return names


def areas_by_key(konzept: Konzept, item: Indikator) -> dict[str, str]:
    keys = {normalized(v.schluessel): v.id for v in item.vergleich if v.schluessel}
    keys |= {normalized(k.schluessel): k.id for k in konzept.kommunen if k.schluessel}
    if konzept.schluessel:
        keys[normalized(konzept.schluessel)] = COUNTY
    if not keys:
        raise ImportProblem(
            "In konzept.yaml stehen keine Regionalschlüssel; ohne sie lassen sich die Zeilen "
            "der amtlichen Statistik keinem Gebiet zuordnen. Tragen Sie sie ein, als Text: "
            'schluessel: "05558" beim Kreis und schluessel: "05558012" bei jeder Kommune.'
        )
    return keys


def import_table(
    root: Path, konzept: Konzept, ident: str, source: Path, *, wert: str | None = None,
    auswahl: tuple[tuple[str, str], ...] = (), stand: dt.date | None = None,
    dry_run: bool = False,
) -> Intake:  # fmt: skip
    item = next((i for i in konzept.indikatoren if i.id == ident), None)
    if item is None:
        known = ", ".join(i.id for i in konzept.indikatoren) or "noch keine"
        raise ImportProblem(f"Einen Indikator „{ident}“ gibt es nicht (bekannt: {known}).")
    try:
        cells = ffcsv.read(source)
    except ffcsv.ImportRefused as refusal:
        raise ImportProblem(f"{source.name}: {refusal.message}") from None
    named = any(k.startswith(wegweiser.NAME) for c in cells[:1] for k in c.keys)
    keys = areas_by_name(konzept, item) if named else areas_by_key(konzept, item)
    intake = Intake()
    values = _ours(_selected(cells, wert, auswahl, source), keys, source, intake)
    target = root / "indikatoren" / f"{ident}.csv"
    text = _merged(item, target, values, stand, intake)
    if not dry_run:
        fsutil.write_text(target, text)
        intake.datei = target
    return intake


def _selected(
    cells: list[ffcsv.Cell], wert: str | None, auswahl: tuple[tuple[str, str], ...],
    source: Path,
) -> list[ffcsv.Cell]:  # fmt: skip
    variables = sorted({c.variable for c in cells if c.variable})
    if wert is not None:
        # a unique part of a name selects too: the Wegweiser's rows have long labels
        matching = [v for v in variables if wert.casefold() in v.casefold()]
        chosen = wert if wert in variables else matching[0] if len(matching) == 1 else None
        if chosen is None:
            raise ImportProblem(f"{source.name}: Eine Wertespalte „{wert}“ gibt es nicht; "
                               f"es gibt {', '.join(variables) or 'keine'}.")  # fmt: skip
        cells = [c for c in cells if c.variable == chosen]
    elif len(variables) > 1:
        raise ImportProblem(f"{source.name} enthält mehrere Werte ({', '.join(variables)}); "
                           "wählen Sie einen mit --wert CODE.")  # fmt: skip
    for merkmal, auspraegung in auswahl:
        cells = [c for c in cells if (merkmal, auspraegung) in c.merkmale]
    return cells


def _ours(
    cells: list[ffcsv.Cell], keys: dict[str, str], source: Path, intake: Intake
) -> dict[tuple[int, str], tuple[str, str, int]]:
    """(year, area) → (value, symbol, line) for the rows of our areas, each once."""
    found: dict[tuple[int, str], tuple[str, str, int]] = {}
    first: dict[tuple[int, str], ffcsv.Cell] = {}
    for cell in cells:
        area = next((keys[k] for k in map(normalized, cell.keys) if k in keys), None)
        if area is None:
            intake.andere_gebiete += 1
            continue
        text, mark = ffcsv.symbol_or_number(cell.wert)
        if text and number(text) is None:
            raise ImportProblem(f"{source.name}, Zeile {cell.row}: „{cell.wert}“ ist weder eine "
                                "Zahl noch ein Zeichen der amtlichen Statistik.")  # fmt: skip
        earlier = first.setdefault((cell.jahr, area), cell)
        if earlier is not cell:
            codes = sorted({m for m, _a in set(earlier.merkmale) ^ set(cell.merkmale)})
            raise ImportProblem(
                f"{source.name}: Für {area} {cell.jahr} gibt es mehrere Werte (Zeilen "
                f"{earlier.row} und {cell.row}), die sich in weiteren Merkmalen "
                f"unterscheiden ({', '.join(codes)}). Wählen Sie mit --auswahl MERKMAL=AUSPRÄGUNG "
                "die gemeinte Zeile, z. B. --auswahl NAT=NATA."
            )
        found[(cell.jahr, area)] = (text, mark or ffcsv.quality_mark(cell.qualitaet), cell.row)
    if not found and any(k.startswith(wegweiser.NAME) for k in keys):
        raise ImportProblem(
            f"{source.name}: Keine Region der Datei heißt wie der Kreis oder eine seiner "
            "Kommunen in konzept.yaml (etwa „Coesfeld (Kreis)“ oder „Dülmen“)."
        )
    if not found:
        raise ImportProblem(
            f"{source.name}: Keine Zeile gehört zu einem Gebiet des Konzepts (die Schlüssel in "
            "konzept.yaml stimmen mit keinem der Datei überein). Ist die Tabelle für die "
            "Kreise oder Gemeinden in NRW heruntergeladen?"
        )
    return found


def _merged(
    item: Indikator, target: Path, values: dict[tuple[int, str], tuple[str, str, int]],
    stand: dt.date | None, intake: Intake,
) -> str:  # fmt: skip
    """The values table with the new rows added and the revised ones replaced."""
    # bytes, not read_text: the file's own line ends stay (Windows files keep CRLF)
    text = target.read_bytes().decode("utf-8-sig") if target.exists() else ";".join(COLUMNS) + "\n"
    eol = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    rows, problems = read_table(text, str(target.name))
    if problems:
        raise ImportProblem(f"{target.name} hat Fehler (`ikonzept validate`); erst beheben.")
    header = lines[0].split(";" if ";" in lines[0] else ",")
    names = [h.strip().lower() for h in header]
    by_key = {(int(r.cells["jahr"]), r.cells["gebiet"]): r for r in rows}
    added = []
    for (year, area), (value, mark, _source_line) in sorted(values.items()):
        cells = {"jahr": str(year), "gebiet": area, "wert": value, "kennzeichen": mark,
                 "anmerkung": "", "stand": stand.isoformat() if stand else ""}  # fmt: skip
        old = by_key.get((year, area))
        if old is None:
            intake.neu += 1
            added.append(_row_text(names, cells))
        elif _same(old, value, mark):
            intake.gleich += 1
        else:
            before = old.cells["wert"] or old.cells["kennzeichen"]
            vintage = old.cells.get("stand") or "ohne Angabe"
            note = f"zuvor {before} (Stand {vintage})"
            earlier = old.cells["anmerkung"]
            cells["anmerkung"] = f"{note}; {earlier}" if earlier else note
            cells["kennzeichen"] = mark or "r"
            lines[old.line - 1] = _row_text(names, cells)
            intake.revisionen.append(Revision(year, area, before, value or mark))
    return eol.join([*lines, *added]) + eol


def _same(old: Row, value: str, mark: str) -> bool:
    """The same number (however written) and mark; our own „r“ of an earlier revision
    stands for no mark."""
    before = number(old.cells["wert"]) if old.cells["wert"] else None
    after = number(value) if value else None
    kept = old.cells["kennzeichen"]
    return before == after and (kept == mark or (kept == "r" and not mark))


def _row_text(names: list[str], cells: dict[str, str]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="").writerow(cells.get(n, "") for n in names)
    return out.getvalue()
