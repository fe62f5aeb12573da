"""The towns' plans in an update round's „Stand der Umsetzung“, compactly: per measure a
town took up, a bar of how many towns have it in which status, and a table naming them;
per town, its plan's date and overdue steps. Counted on the edition's date, so that the
same files give the same document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from ikonzept.model import Konzept
from ikonzept.plans.matrix import adoption
from ikonzept.round.status import STAENDE, StatusReport


@dataclass(frozen=True, slots=True)
class AdoptionLine:
    nummer: str
    titel: str
    kommunen: int
    staende: tuple[tuple[str, str], ...]  # („in Umsetzung“, „Dülmen, Nottuln“), in status order


@dataclass(frozen=True, slots=True)
class TownLine:
    name: str
    stand: date
    massnahmen: int
    ueberfaellig: int


@dataclass(frozen=True, slots=True)
class PlanAdoption:
    diagramm: Markup  # inline SVG: per measure, towns by status
    zeilen: tuple[AdoptionLine, ...]
    kommunen: tuple[TownLine, ...]  # the towns with a plan
    ohne_plan: tuple[str, ...]  # names of the towns without one
    stichtag: date


def plan_adoption(
    konzept: Konzept, status: StatusReport, stichtag: date | None = None
) -> PlanAdoption | None:
    """None where no town has taken up a measure yet; counted on ``stichtag`` (by default
    the edition's date)."""
    from ikonzept.render.content.chart import status_chart

    if not status.aufgegriffen:
        return None
    stichtag = stichtag or konzept.ausgabe.stand
    view = adoption(konzept, stichtag)
    lines = []
    for row in view.massnahmen:
        named = tuple(
            (stand.label, ", ".join(
                t.name for t, s in zip(view.kommunen, row.staende, strict=True) if s is stand
            ))
            for stand in STAENDE
            if stand in row.staende
        )  # fmt: skip
        lines.append(AdoptionLine(row.nummer, row.titel, sum(1 for s in row.staende if s), named))
    towns = tuple(
        TownLine(t.name, t.stand, t.eintraege, len(t.ueberfaellig))
        for t in view.kommunen
        if t.stand is not None
    )
    titel = (
        f"Balkendiagramm: in wie vielen Kommunen jede der {len(lines)} Maßnahmen aus den "
        "Handlungsplänen in welchem Stand ist; die Kommunen nennt die Tabelle."
    )
    return PlanAdoption(
        Markup(status_chart(status.aufgegriffen, titel)),
        tuple(lines),
        towns,
        tuple(t.name for t in view.kommunen if t.stand is None),
        stichtag,
    )
