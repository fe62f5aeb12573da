"""The committee proposal (Sitzungsvorlage): derived subject, attachments, change summary.

Its numbers come from the same comparison that writes the Synopse, so text and attachment
always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ikonzept import __version__
from ikonzept.diff.changes import Art, Comparison
from ikonzept.diff.report import format_date
from ikonzept.model import Konzept, Stand
from ikonzept.render.content.context import umsetzung_view
from ikonzept.render.content.html import datum, environment, stylesheet
from ikonzept.render.content.markdown import MarkdownRenderer


def betreff(konzept: Konzept) -> str:
    """The subject; by default „1. Integrationskonzept des Kreises Coesfeld“."""
    if konzept.vorlage is not None and konzept.vorlage.betreff:
        return konzept.vorlage.betreff
    if konzept.ausgabe.nummer == 1:
        return f"1. {konzept.titel}"
    return f"{konzept.titel} – {konzept.ausgabe.bezeichnung}"


def anlagen(konzept: Konzept, konzept_seiten: int, synopse_seiten: int | None) -> list[str]:
    ausgabe = konzept.ausgabe
    result = [
        f"{konzept.titel} – {ausgabe.bezeichnung}, Stand {datum(ausgabe.stand)} "
        f"({konzept_seiten} Seiten)"
    ]
    if synopse_seiten is not None:
        result.append(f"Synopse zur {ausgabe.bezeichnung} ({synopse_seiten} Seiten)")
    if konzept.vorlage is not None:
        result += [anlage.titel for anlage in konzept.vorlage.anlagen]
    return result


@dataclass(frozen=True, slots=True)
class FeldZeile:
    titel: str
    umgesetzt: int
    entfallen: int
    neu: int


@dataclass(frozen=True, slots=True)
class Aenderungen:
    alt: str
    absaetze: tuple[str, ...]
    felder: tuple[FeldZeile, ...]


def _count(comparison: Comparison, typ: str, art: Art) -> int:
    return sum(1 for c in comparison.aenderungen if c.typ == typ and c.art is art)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(comparison: Comparison) -> Aenderungen:
    """The generated text on changes against the previous edition, and the table per field."""
    finished = {Stand.UMGESETZT.value, Stand.DAUERHAFT.value}
    stand_changes = [c for c in comparison.aenderungen if c.art is Art.STAND]
    implemented = [c for c in stand_changes if c.felder[0].neu in finished]
    dropped_status = [c for c in stand_changes if c.felder[0].neu == Stand.ENTFALLEN.value]
    parts = []
    for typ, many in (("ziel", "Ziele"), ("massnahme", "Maßnahmen")):
        counts = {art: _count(comparison, typ, art) for art in Art}
        phrases = [
            f"{n} {text}"
            for n, text in (
                (counts[Art.HINZUGEFUEGT], "neu"),
                (counts[Art.ENTFERNT], "entfallen"),
                (counts[Art.ERSETZT], "aus früheren zusammengeführt oder ersetzt"),
                (counts[Art.VERSCHOBEN], "verschoben"),
                (counts[Art.GEAENDERT], "neu gefasst"),
            )
            if n
        ]
        parts.append(f"{many} – {', '.join(phrases) if phrases else 'keine'}")
    first = (
        f"Gegenüber der bisherigen Ausgabe ({comparison.alt.bezeichnung}, Stand "
        f"{format_date(comparison.alt.stand)}) enthält die {comparison.neu.bezeichnung} folgende "
        "Änderungen: " + "; ".join(parts) + "."
    )
    second = (
        f"{_plural(len(implemented), 'Maßnahme wurde', 'Maßnahmen wurden')} umgesetzt oder zur "
        f"Regelaufgabe, {_plural(len(dropped_status), 'Maßnahme wird', 'Maßnahmen werden')} nicht "
        "weiter verfolgt. Die Synopse in der Anlage zeigt jede Änderung im Wortlaut."
    )
    rows = []
    for feld, titel in comparison.feldtitel.items():

        def count(selected: Sequence[object], feld: str = feld) -> int:
            return sum(1 for c in selected if getattr(c, "handlungsfeld", None) == feld)

        added = [
            c for c in comparison.aenderungen if c.typ == "massnahme" and c.art is Art.HINZUGEFUEGT
        ]
        removed = [
            c for c in comparison.aenderungen if c.typ == "massnahme" and c.art is Art.ENTFERNT
        ]
        row = FeldZeile(
            titel, count(implemented), count(dropped_status) + count(removed), count(added)
        )
        if row.umgesetzt or row.entfallen or row.neu:
            rows.append(row)
    return Aenderungen(comparison.alt.bezeichnung, (first, second), tuple(rows))


def render_vorlage(
    konzept: Konzept,
    root: Path,
    dirs: Sequence[Path],
    konzept_seiten: int,
    synopse_seiten: int | None = None,
    comparison: Comparison | None = None,
    created: str | None = None,
) -> str:
    assert konzept.vorlage is not None
    abbreviations = {a.kuerzel: a.bedeutung for a in konzept.abkuerzungen}
    env = environment(dirs, MarkdownRenderer(abbreviations, root))
    logo = konzept.herausgeber.logo
    return env.get_template("vorlage.html.j2").render(
        konzept=konzept,
        vorlage=konzept.vorlage,
        betreff=betreff(konzept),
        anlagen=anlagen(konzept, konzept_seiten, synopse_seiten),
        aenderungen=summary(comparison) if comparison is not None else None,
        umsetzung=umsetzung_view(konzept) if comparison is not None else None,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
        logo=(root / logo).resolve().as_uri() if logo else None,
        version=__version__,
        erstellt=created or konzept.vorlage.datum.isoformat(),
    )
