"""The Sachstandsbericht between two editions, as the committee reads it: (1) how far the
measures got, (2) what changed since the last edition or report, (3) per goal whether its
indicators move, (4) the towns' plans, (5) the context monitoring apart from the goals,
(6) notes on the data. Every chart has its table and its sentence; all counted on the
report's reporting date (`stichtag`), with values up to its year."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ikonzept import __version__
from ikonzept.diff.changes import Art, Change, Comparison
from ikonzept.diff.report import format_date
from ikonzept.model import Konzept, Stand, Ziel
from ikonzept.model.bericht import Bericht
from ikonzept.model.indicators import SYMBOLS, Stufe
from ikonzept.model.indicators import Art as IndikatorArt
from ikonzept.model.numbering import numbers, reading_order
from ikonzept.monitoring.status import IndicatorStatus, status
from ikonzept.plans.matrix import adoption
from ikonzept.render.content.adoption import PlanAdoption, plan_adoption
from ikonzept.render.content.context import UmsetzungView
from ikonzept.render.content.html import datum, environment, stylesheet
from ikonzept.render.content.linechart import (
    line_chart,
    sentence,
    small_multiples,
    towns_with_values,
)
from ikonzept.render.content.markdown import MarkdownRenderer
from ikonzept.render.content.valuetable import ValuesTable, values_table
from ikonzept.round.status import STAENDE, report


@dataclass(frozen=True, slots=True)
class IndikatorBlock:
    status: IndicatorStatus
    diagramm: Markup
    satz: str
    tabelle: ValuesTable
    kommunen: Markup | None  # small multiples per town, where towns have values


@dataclass(frozen=True, slots=True)
class ZielBlock:
    nummer: str
    ziel: Ziel
    feld: str  # „1 Sprache und Sprachförderung“
    indikatoren: tuple[IndikatorBlock, ...]


@dataclass(frozen=True, slots=True)
class Wechsel:
    """A measure whose status changed, or that is new or dropped, since the comparison."""

    nummer: str
    titel: str
    bisher: str
    jetzt: str
    begruendung: str | None


@dataclass(frozen=True, slots=True)
class Aenderungen:
    seit: str  # „1. Ausgabe, Stand 7. Dezember 2016“
    saetze: tuple[str, ...]
    stand: tuple[Wechsel, ...]
    neu: tuple[Wechsel, ...]
    entfallen: tuple[Wechsel, ...]


@dataclass(frozen=True, slots=True)
class Faellig:
    kommune: str
    massnahme: str  # „1.2.3 Titel“
    schritt: str
    bis: dt.date


@dataclass(frozen=True, slots=True)
class Quelle:
    titel: str
    art: str
    quelle: str
    letztes_jahr: int | None
    datenstand: dt.date | None  # the newest vintage of its values
    naechste_daten: str | None  # „März 2020“


@dataclass(frozen=True, slots=True)
class BerichtView:
    titel: str
    stichtag: dt.date
    zusammenfassung: tuple[str, ...]
    umsetzung: UmsetzungView
    bewertungen: tuple[tuple[str, int], ...]  # rating label, count of impact indicators
    aenderungen: Aenderungen | None
    wirkung: tuple[IndicatorStatus, ...]
    ziele: tuple[ZielBlock, ...]
    plaene: PlanAdoption | None
    faellig: tuple[Faellig, ...]
    ohne_plan: tuple[str, ...]
    kontext: tuple[IndikatorBlock, ...]
    quellen: tuple[Quelle, ...]
    zeichen: tuple[tuple[str, str], ...]
    brueche: tuple[tuple[str, int, str], ...]  # indicator, year, reason


def _month(text: str | None) -> str | None:
    """„März 2020“ for "2020-03"."""
    from ikonzept.render.content.labels import MONTHS

    if text is None or len(text) != 7 or not text[5:].isdigit() or not 1 <= int(text[5:]) <= 12:
        return text
    return f"{MONTHS[int(text[5:]) - 1]} {text[:4]}"


def report_title(konzept: Konzept, stichtag: dt.date) -> str:
    bericht = konzept.bericht
    if bericht is not None and bericht.titel:
        return bericht.titel
    return f"Sachstandsbericht {stichtag.year} zum {konzept.titel}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _block(konzept: Konzept, row: IndicatorStatus, order: list[str]) -> IndikatorBlock:
    names = {k.id: k.name for k in konzept.kommunen}
    towns = towns_with_values(row)
    return IndikatorBlock(
        row,
        Markup(line_chart(row)),
        sentence(row),
        values_table(konzept, row),
        Markup(small_multiples(row, names, order)) if towns else None,
    )


def _changes(konzept: Konzept, comparison: Comparison) -> Aenderungen:
    by_id = {m.id: m for *_, m in konzept.massnahmen()}
    label = {s.value: s.label for s in Stand}
    measures = [c for c in comparison.aenderungen if c.typ == "massnahme"]

    def wechsel(c: Change, bisher: str, jetzt: str) -> Wechsel:
        measure = by_id.get(c.id)
        reason = measure.stand_begruendung if measure is not None else None
        return Wechsel(c.nummer_neu or c.nummer_alt or "", c.titel, bisher, jetzt, reason)

    stand = tuple(
        wechsel(c, label.get(c.felder[0].alt, str(c.felder[0].alt)),
                label.get(c.felder[0].neu, str(c.felder[0].neu)))
        for c in measures if c.art is Art.STAND
    )  # fmt: skip
    neu = tuple(
        wechsel(c, "–", by_id[c.id].stand.label if c.id in by_id else "neu")
        for c in measures
        if c.art in (Art.HINZUGEFUEGT, Art.ERSETZT)
    )
    entfallen = tuple(wechsel(c, "", "entfallen") for c in measures if c.art is Art.ENTFERNT)
    finished = sum(1 for w in stand if w.jetzt in (Stand.UMGESETZT.label, Stand.DAUERHAFT.label))
    saetze = (
        f"Seit dem Vergleichsstand ({comparison.alt.bezeichnung}, Stand "
        f"{format_date(comparison.alt.stand)}) hat sich der Stand von "
        f"{_plural(len(stand), 'Maßnahme', 'Maßnahmen')} geändert; "
        f"{_plural(finished, 'ist', 'sind')} davon umgesetzt oder Regelaufgabe geworden. "
        f"{_plural(len(neu), 'Maßnahme ist', 'Maßnahmen sind')} neu hinzugekommen, "
        f"{_plural(len(entfallen), 'ist', 'sind')} entfallen.",
    )
    return Aenderungen(
        f"{comparison.alt.bezeichnung}, Stand {format_date(comparison.alt.stand)}",
        saetze,
        stand,
        neu,
        entfallen,
    )


def report_view(konzept: Konzept, stichtag: dt.date, comparison: Comparison | None) -> BerichtView:
    """The report's content; ``konzept`` holds only the values up to the reporting year."""
    from ikonzept.render.content.chart import status_chart

    status_report = report(konzept)
    summe = status_report.summe
    umsetzung = UmsetzungView(
        Markup(status_chart(status_report.felder,
                            f"Balkendiagramm: Stand der Umsetzung der Maßnahmen je Handlungsfeld "
                            f"({summe.total} Maßnahmen); die Zahlen stehen in der Tabelle.")),
        status_report.felder, summe, tuple(s.label for s in STAENDE),
    )  # fmt: skip
    rows = status(konzept)
    order = [k.id for k in konzept.kommunen]
    wirkung = tuple(r for r in rows if r.indikator.art is IndikatorArt.WIRKUNG)
    ratings = Counter(r.bewertung.stufe for r in wirkung)
    bewertungen = tuple((s.label, ratings[s]) for s in Stufe if ratings[s])

    numbering = numbers(konzept)
    ziele = []
    for feld in reading_order(konzept.handlungsfelder):
        for ziel in feld.ziele:
            measured = [r for r in wirkung if ziel.id in r.indikator.ziele]
            if measured:
                ziele.append(ZielBlock(
                    numbering.ziele[ziel.id], ziel,
                    f"{numbering.felder[feld.id]} {feld.titel}",
                    tuple(_block(konzept, r, order) for r in measured),
                ))  # fmt: skip

    matrix = adoption(konzept, stichtag)
    names = {m.id: f"{numbering.massnahmen[m.id]} {m.titel}" for *_, m in konzept.massnahmen()}
    faellig = tuple(
        Faellig(t.name, names.get(o.massnahme, o.massnahme), o.schritt, o.bis)
        for t in matrix.kommunen
        for o in sorted(t.ueberfaellig, key=lambda o: o.bis)
    )
    with_plan = [t for t in matrix.kommunen if t.stand is not None]

    zusammenfassung = [
        f"Das Konzept empfiehlt {summe.total} Maßnahmen. Zum Stichtag {datum(stichtag)} sind "
        + ", ".join(
            f"{summe.count(s)} {s.label}" for s in STAENDE if summe.count(s)
        ) + "."
    ]  # fmt: skip
    if wirkung:
        zusammenfassung.append(
            f"{_plural(len(wirkung), 'Indikator misst', 'Indikatoren messen')}, ob die Ziele "
            "vorankommen: " + ", ".join(f"{n} {label}" for label, n in bewertungen) + "."
        )
    if konzept.plaene:
        zusammenfassung.append(
            f"{len(with_plan)} von {len(konzept.kommunen)} Städten und Gemeinden haben einen "
            f"Handlungsplan; {_plural(len(faellig), 'Schritt ist', 'Schritte sind')} "
            "überfällig."
        )

    quellen = tuple(
        Quelle(
            r.indikator.titel,
            "Wirkung" if r.indikator.art is IndikatorArt.WIRKUNG else "Kontext",
            r.indikator.quelle or "–",
            max((w.jahr for w in r.indikator.werte), default=None),
            max((w.stand for w in r.indikator.werte if w.stand), default=None),
            _month(r.indikator.naechste_daten),
        )
        for r in rows
    )
    used = {w.kennzeichen for i in konzept.indikatoren for w in i.werte if w.kennzeichen}
    return BerichtView(
        titel=report_title(konzept, stichtag),
        stichtag=stichtag,
        zusammenfassung=tuple(zusammenfassung),
        umsetzung=umsetzung,
        bewertungen=bewertungen,
        aenderungen=_changes(konzept, comparison) if comparison is not None else None,
        wirkung=wirkung,
        ziele=tuple(ziele),
        plaene=plan_adoption(konzept, status_report, stichtag),
        faellig=faellig,
        ohne_plan=tuple(t.name for t in matrix.kommunen if t.stand is None),
        kontext=tuple(
            _block(konzept, r, order) for r in rows if r.indikator.art is IndikatorArt.KONTEXT
        ),
        quellen=quellen,
        zeichen=tuple((s, meaning) for s, meaning in SYMBOLS.items() if s in used),
        brueche=tuple((i.titel, b.jahr, b.grund) for i in konzept.indikatoren for b in i.brueche),
    )


def render_bericht(
    konzept: Konzept, root: Path, dirs: Sequence[Path], view: BerichtView, created: str
) -> str:
    """The HTML document that WeasyPrint turns into the report's PDF."""
    markdown = MarkdownRenderer({a.kuerzel: a.bedeutung for a in konzept.abkuerzungen}, root)
    env = environment(dirs, markdown)
    logo = konzept.herausgeber.logo
    return env.get_template("bericht.html.j2").render(
        konzept=konzept,
        bericht=konzept.bericht or Bericht(),
        b=view,
        erstellt=created,
        version=__version__,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
        logo=(root / logo).resolve().as_uri() if logo else None,
    )


def render_mitteilung(
    konzept: Konzept, root: Path, dirs: Sequence[Path], view: BerichtView, pages: int,
    created: str,
) -> str:  # fmt: skip
    """The committee paper („zur Kenntnisnahme“) with the report as its attachment."""
    bericht = konzept.bericht
    assert bericht is not None and bericht.vorlage is not None
    markdown = MarkdownRenderer({a.kuerzel: a.bedeutung for a in konzept.abkuerzungen}, root)
    env = environment(dirs, markdown)
    logo = konzept.herausgeber.logo
    return env.get_template("mitteilung.html.j2").render(
        konzept=konzept,
        vorlage=bericht.vorlage,
        federfuehrung=federfuehrung(konzept),
        betreff=mitteilung_betreff(konzept, view),
        b=view,
        seiten=pages,
        erstellt=created,
        version=__version__,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
        logo=(root / logo).resolve().as_uri() if logo else None,
    )


def federfuehrung(konzept: Konzept) -> str:
    bericht = konzept.bericht
    if bericht is not None and bericht.vorlage is not None and bericht.vorlage.federfuehrung:
        return bericht.vorlage.federfuehrung
    if konzept.vorlage is not None:
        return konzept.vorlage.federfuehrung
    return konzept.herausgeber.stelle or konzept.herausgeber.name


def mitteilung_betreff(konzept: Konzept, view: BerichtView) -> str:
    bericht = konzept.bericht
    if bericht is not None and bericht.vorlage is not None and bericht.vorlage.betreff:
        return bericht.vorlage.betreff
    return view.titel
