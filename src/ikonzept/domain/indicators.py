"""The rules for indicators that a schema cannot express: references to goals and towns,
plausible years, targets that fit the direction, data that are not stale."""

from __future__ import annotations

from collections.abc import Iterator

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.domain.context import Context
from ikonzept.load.sources import Kind
from ikonzept.model import Konzept
from ikonzept.model.indicators import COUNTY, Art, Indikator, Richtung, zahl

FIRST_YEAR = 1950
STALE_YEARS = 2  # no value in the last two years: the data are stale


def indicator_references(konzept: Konzept, context: Context) -> Iterator[Finding]:
    goals = {z.id for feld in konzept.handlungsfelder for z in feld.ziele}
    areas = {COUNTY, *(k.id for k in konzept.kommunen)}
    for item in konzept.indikatoren:
        file = item.origin.file
        stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if item.id != stem:
            yield finding("IK247", file, f"Der Indikator „{item.id}“ steht in „{file}“; seine "
                          f"Datei heißt indikatoren/{item.id}.yaml.", path=("id",))  # fmt: skip
        if Kind.HANDLUNGSFELD not in context.incomplete:
            for index, goal in enumerate(item.ziele):
                if goal not in goals:
                    yield finding("IK240", file, f"Ein Ziel „{goal}“ gibt es in den "
                                  "Handlungsfeldern nicht.", path=("ziele", index))  # fmt: skip
        if item.art is Art.WIRKUNG and not item.ziele:
            yield finding("IK241", file, f"„{item.titel}“ ist ein Wirkungsindikator, nennt aber "
                          "kein Ziel (ziele); nur Lage beschreibend: art: kontext.",
                          path=("art",))  # fmt: skip
        yield from _relations(item, konzept, areas)
        yield from _values(item, areas | {v.id for v in item.vergleich}, context)


def _relations(item: Indikator, konzept: Konzept, areas: set[str]) -> Iterator[Finding]:
    """The reference of a `bezug` and the ids of the comparison areas."""
    file = item.origin.file
    if item.bezug is not None:
        reference = next((i for i in konzept.indikatoren if i.id == item.bezug.indikator), None)
        problem = (
            f"Einen Indikator „{item.bezug.indikator}“ gibt es nicht" if reference is None
            else "Ein Indikator kann sich nicht auf sich selbst beziehen" if reference is item
            else f"„{reference.id}“ hat selbst einen Bezug" if reference.bezug
            else None
        )  # fmt: skip
        if problem:
            yield finding("IK249", file, f"{problem}; `bezug` nennt den Indikator mit den "
                          "Bezugswerten, etwa der Bevölkerung.",
                          path=("bezug", "indikator"))  # fmt: skip
    for index, area in enumerate(item.vergleich):
        if area.id in areas:
            owner = "der Kreis" if area.id == COUNTY else "eine Kommune"
            yield finding("IK250", file, f"Das Vergleichsgebiet „{area.name}“ hat die ID "
                          f"„{area.id}“, die schon {owner} hat; geben Sie ihm eine eigene "
                          "(etwa „nrw“).",
                          path=("vergleichsgebiete", index, "id"))  # fmt: skip


def _values(item: Indikator, areas: set[str], context: Context) -> Iterator[Finding]:
    table = item.werte_datei or ""
    last_year = context.today.year + 1
    for wert in item.werte:
        if wert.gebiet not in areas:
            yield finding("IK237", table, f"Ein Gebiet „{wert.gebiet}“ gibt es nicht: „kreis“ "
                          "oder die ID einer Kommune aus konzept.yaml oder eines "
                          "Vergleichsgebiets des Indikators.", line=wert.line,
                          column=wert.spalte("gebiet"))  # fmt: skip
        if not FIRST_YEAR <= wert.jahr <= last_year:
            yield finding("IK239", table, f"Das Jahr {wert.jahr} liegt nicht zwischen "
                          f"{FIRST_YEAR} und {last_year}.", line=wert.line,
                          column=wert.spalte("jahr"))  # fmt: skip


def indicator_warnings(konzept: Konzept, context: Context) -> Iterator[Finding]:
    unread = Kind.INDIKATOR in context.incomplete  # a table has errors: its values are missing
    for item in konzept.indikatoren:
        file = item.origin.file
        if item.werte_datei is None and not unread:
            yield finding("IK246", file, f"Zu „{item.titel}“ gibt es noch keine Werte "
                          f"(indikatoren/{item.id}.csv).", path=("id",))  # fmt: skip
        elif (
            not unread
            and not _announced(item, context)
            and not any(
                w.jahr >= context.today.year - STALE_YEARS and w.wert is not None
                for w in item.werte
            )
        ):
            latest = max((w.jahr for w in item.werte if w.wert is not None), default=None)
            since = f"der letzte ist von {latest}" if latest else "es gibt noch keinen"
            yield finding("IK243", file, f"„{item.titel}“ hat keinen Wert aus den letzten "
                          f"{STALE_YEARS} Jahren ({since}).", path=("id",))  # fmt: skip
        yield from _direction(item)
        if item.einheit.strip() == "%":
            for wert in item.werte:
                if wert.wert is not None and wert.wert > 100 and not wert.anmerkung:
                    yield finding("IK244", item.werte_datei or file, f"Für {wert.gebiet} "
                                  f"{wert.jahr}: {zahl(wert.wert)} % sind mehr als das Ganze; "
                                  "ist der Wert richtig, sagt eine Anmerkung in der Zeile, "
                                  "warum.", line=wert.line, column=wert.spalte("wert"))  # fmt: skip


def _announced(item: Indikator, context: Context) -> bool:
    """New figures are announced for this month or later (``naechste_daten``)."""
    return item.naechste_daten is not None and item.naechste_daten >= f"{context.today:%Y-%m}"


def _direction(item: Indikator) -> Iterator[Finding]:
    if item.basis is None:
        return
    base = item.basis.wert
    for index, target in enumerate(item.zielwerte):
        wrong = (
            (item.richtung is Richtung.STEIGEND and target.wert < base)
            or (item.richtung is Richtung.FALLEND and target.wert > base)
            or (item.richtung is Richtung.HALTEN and target.wert != base)
        )
        if wrong:
            yield finding("IK242", item.origin.file, f"Zielwert {target.jahr} "
                          f"({zahl(target.wert)}) passt nicht zu „richtung: "
                          f"{item.richtung.value}“ und der Basis {item.basis.jahr} "
                          f"({zahl(base)}).", path=("zielwerte", index, "wert"))  # fmt: skip
