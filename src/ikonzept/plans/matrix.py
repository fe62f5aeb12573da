"""The adoption matrix: which town took up which recommended measure, in which status;
and per town, the plan's age and its overdue steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ikonzept.model import Konzept, Stand
from ikonzept.model.numbering import numbers


@dataclass(frozen=True, slots=True)
class MeasureRow:
    id: str
    nummer: str
    titel: str
    staende: tuple[Stand | None, ...]  # per town (in the order of `Adoption.kommunen`)


@dataclass(frozen=True, slots=True)
class Overdue:
    massnahme: str
    schritt: str
    bis: dt.date


@dataclass(frozen=True, slots=True)
class TownPlan:
    kommune: str
    name: str
    stand: dt.date | None  # None: the town has no plan yet
    alter_monate: int | None
    eintraege: int
    ueberfaellig: tuple[Overdue, ...]


@dataclass(frozen=True, slots=True)
class Adoption:
    titel: str
    kommunen: tuple[TownPlan, ...]
    massnahmen: tuple[MeasureRow, ...]  # the measures that some town took up


def adoption(konzept: Konzept, today: dt.date) -> Adoption:
    plans = {p.kommune: p for p in konzept.plaene}
    towns = []
    for kommune in konzept.kommunen:
        plan = plans.get(kommune.id)
        overdue = tuple(
            Overdue(e.massnahme, s.titel, s.bis)
            for e in (plan.massnahmen if plan else ())
            for s in e.schritte
            if s.overdue(today)
        )
        age = plan.months_old(today) if plan else None
        towns.append(
            TownPlan(kommune.id, kommune.name, plan.stand if plan else None, age,
                     len(plan.massnahmen) if plan else 0, overdue)
        )  # fmt: skip
    number = numbers(konzept).massnahmen
    by_town = {p.kommune: {e.massnahme: e.stand for e in p.massnahmen} for p in konzept.plaene}
    rows = []
    for *_, massnahme in konzept.massnahmen():
        staende = tuple(by_town.get(t.kommune, {}).get(massnahme.id) for t in towns)
        if any(staende):
            rows.append(MeasureRow(massnahme.id, number[massnahme.id], massnahme.titel, staende))
    return Adoption(konzept.titel, tuple(towns), tuple(rows))


def as_json(view: Adoption) -> dict[str, Any]:
    return {
        "titel": view.titel,
        "kommunen": [
            {
                "id": t.kommune,
                "name": t.name,
                "stand": t.stand.isoformat() if t.stand else None,
                "alter_monate": t.alter_monate,
                "massnahmen": t.eintraege,
                "ueberfaellig": [
                    {"massnahme": o.massnahme, "schritt": o.schritt, "bis": o.bis.isoformat()}
                    for o in t.ueberfaellig
                ],
            }
            for t in view.kommunen
        ],
        "massnahmen": [
            {
                "id": row.id,
                "nummer": row.nummer,
                "titel": row.titel,
                "stand": {
                    t.kommune: s.value for t, s in zip(view.kommunen, row.staende, strict=True) if s
                },
            }
            for row in view.massnahmen
        ],
    }


def csv_rows(view: Adoption) -> list[list[str]]:
    head = ["Nr.", "ID", "Maßnahme", *(t.name for t in view.kommunen)]
    body = [
        [row.nummer, row.id, row.titel, *(s.value if s else "" for s in row.staende)]
        for row in view.massnahmen
    ]
    return [head, *body]
