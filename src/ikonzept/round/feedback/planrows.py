"""A town's action plan in its feedback form (`feedback export --nach kommune`): a row per
measure of its plan (its status there, asked anew) and a row per step not yet done (the
day it was done, asked); the columns Verantwortlich, Schritt, Bis and Erledigt am follow
the form's usual ones. What such a row says, read back.

A plan's rows carry the ID `<measure>@<town>`: the import tells them from the county's
rows by it, and a step's row by its title in „Schritt“.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ikonzept.model import Konzept, Stand
from ikonzept.model.plans import Handlungsplan
from ikonzept.round.feedback.values import parse_stand

COLUMNS = ("Verantwortlich", "Schritt", "Bis", "Erledigt am")
WIDTHS = {"Verantwortlich": 30, "Schritt": 40, "Bis": 12, "Erledigt am": 14}
SEPARATOR = "@"


def row_id(massnahme: str, kommune: str) -> str:
    return f"{massnahme}{SEPARATOR}{kommune}"


def split_id(ident: str) -> tuple[str, str] | None:
    """(measure, town) of a plan's row; None for a county row."""
    if SEPARATOR not in ident:
        return None
    massnahme, _, kommune = ident.partition(SEPARATOR)
    return massnahme, kommune


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of a town's plan in its form: the texts shown, and what may be filled in."""

    ident: str
    nummer: str
    titel: str
    wo: str
    stand_bisher: str
    verantwortlich: str
    schritt: str = ""
    bis: str = ""
    status_asked: bool = True  # an entry's row; a step's row asks for „Erledigt am“


def rows(konzept: Konzept, plan: Handlungsplan, nummern: dict[str, str]) -> list[PlanRow]:
    """The plan's entries in its order, each followed by its steps not yet done."""
    titles = {m.id: m.titel for *_, m in konzept.massnahmen()}
    actors = {a.id: a.name for a in konzept.akteure}
    town = next((k.name for k in konzept.kommunen if k.id == plan.kommune), plan.kommune)
    wo = f"Handlungsplan {town}"
    result = []
    for eintrag in plan.massnahmen:
        ident = row_id(eintrag.massnahme, plan.kommune)
        shared = (ident, nummern[eintrag.massnahme], titles[eintrag.massnahme], wo)
        lead = actors.get(eintrag.verantwortlich, eintrag.verantwortlich)
        result.append(PlanRow(*shared, eintrag.stand.label, lead))
        for schritt in eintrag.schritte:
            if schritt.erledigt is None:
                result.append(PlanRow(*shared, "", lead, schritt.titel,
                                      f"{schritt.bis:%d.%m.%Y}", status_asked=False))  # fmt: skip
    return result


_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")


def parse_day(text: str) -> dt.date | None:
    """A day as people and programs write it: 20.11.2019, 20.11.19, 2019-11-20 (also with a
    midnight time, as a spreadsheet stores a date); None for anything else."""
    text = text.strip()
    try:
        if match := _GERMAN.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
        if match := _ISO.fullmatch(text):
            return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class PlanAnswer:
    """What a town reported in one row of its plan: a status, or a step done."""

    kommune: str
    massnahme: str
    stand: Stand | None = None
    begruendung: str | None = None
    schritt: str | None = None
    erledigt: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    message: str
    column: str  # the column title of the cell to point at


def read_row(
    cells: dict[str, str | None], recipient: str, plans: dict[str, Handlungsplan]
) -> PlanAnswer | RowProblem | None:
    """A plan's row read back (``cells`` by column title, as text); None where nothing
    was filled in. The form's own town only, its plan's measures and steps only."""
    ident = cells["ID"] or ""
    massnahme, kommune = split_id(ident) or ("", "")
    if kommune != recipient:
        return RowProblem(
            f"„{ident}“ gehört nicht zum Handlungsplan dieser Kommune ({recipient}).", "ID"
        )
    plan = plans.get(kommune)
    eintrag = next((e for e in plan.massnahmen if e.massnahme == massnahme), None) if plan else None
    if eintrag is None:
        return RowProblem(f"„{massnahme}“ steht nicht (mehr) im Handlungsplan für {kommune}.", "ID")
    step = cells.get("Schritt")
    if step is None:
        if cells.get("Erledigt am"):
            return RowProblem("„Erledigt am“ gilt nur für die Zeilen der Schritte.", "Erledigt am")
        return _status(cells, kommune, massnahme)
    if not any(s.titel.split() == step.split() for s in eintrag.schritte):
        return RowProblem(f"Bei {massnahme} gibt es keinen Schritt „{step}“.", "Schritt")
    for column in ("Stand neu", "Begründung"):
        if cells.get(column):
            return RowProblem(
                f"Ein Schritt hat keinen Stand; für „{step}“ gilt nur „Erledigt am“.", column
            )
    done = cells.get("Erledigt am")
    if not done:
        return None
    day = parse_day(done)
    if day is None:
        return RowProblem(
            f"„{done}“ ist kein Datum; bitte so: {dt.date(2019, 11, 20):%d.%m.%Y}.", "Erledigt am"
        )
    return PlanAnswer(kommune, massnahme, schritt=step, erledigt=day)


def _status(
    cells: dict[str, str | None], kommune: str, massnahme: str
) -> PlanAnswer | RowProblem | None:
    text = cells.get("Stand neu")
    if not text:
        return None  # a reason alone is a remark for the report
    stand = parse_stand(text)
    if stand is None:
        return RowProblem(
            f"„{text}“ ist kein Stand. Möglich: offen, in Umsetzung, umgesetzt, dauerhaft, "
            "zurückgestellt, entfallen.",
            "Stand neu",
        )
    return PlanAnswer(kommune, massnahme, stand, cells.get("Begründung"))
