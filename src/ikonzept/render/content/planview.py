"""What a town's action plan shows, by field of action: the rows of its tables (in its own
PDF and, in a town's excerpt, as a chapter)."""

from __future__ import annotations

from dataclasses import dataclass

from ikonzept.model import Konzept
from ikonzept.model.numbering import numbers
from ikonzept.model.plans import Handlungsplan, PlanEintrag

_MONTHS = ("Jan.", "Febr.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
           "Nov.", "Dez.")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Zeile:
    nummer: str
    titel: str
    verantwortlich: str
    partner: tuple[str, ...]
    zeitraum: str
    prioritaet: str
    stand: str
    schritte: tuple[str, ...]
    eintrag: PlanEintrag


@dataclass(frozen=True, slots=True)
class Gruppe:
    titel: str
    zeilen: tuple[Zeile, ...]


def month(text: str) -> str:
    """„Sept. 2017“ for 2017-09."""
    year, number = text.split("-")
    return f"{_MONTHS[int(number) - 1]} {year}"


def period(eintrag: PlanEintrag) -> str:
    start = month(eintrag.beginn) if eintrag.beginn else None
    if eintrag.dauerhaft:
        return f"ab {start}, dauerhaft" if start else "dauerhaft"
    end = month(eintrag.ende) if eintrag.ende else None
    if start and end:
        return f"{start} – {end}"
    return f"ab {start}" if start else (f"bis {end}" if end else "offen")


def groups(konzept: Konzept, plan: Handlungsplan) -> list[Gruppe]:
    """The plan's entries by field of action, in the concept's order."""
    number = numbers(konzept)
    names = {a.id: a.name for a in konzept.akteure}
    entries = {e.massnahme: e for e in plan.massnahmen}
    result = []
    for feld in konzept.handlungsfelder:
        rows = []
        for ziel in feld.ziele:
            for massnahme in ziel.massnahmen:
                eintrag = entries.get(massnahme.id)
                if eintrag is None:
                    continue
                steps = tuple(
                    f"{s.titel} – bis {s.bis:%d.%m.%Y}"
                    + (f" (erledigt {s.erledigt:%d.%m.%Y})" if s.erledigt else "")
                    for s in eintrag.schritte
                )
                rows.append(
                    Zeile(number.massnahmen[massnahme.id], massnahme.titel,
                          names.get(eintrag.verantwortlich, eintrag.verantwortlich),
                          tuple(names.get(p, p) for p in eintrag.partner), period(eintrag),
                          eintrag.prioritaet.value, eintrag.stand.label, steps, eintrag)
                )  # fmt: skip
        if rows:
            result.append(Gruppe(f"{number.felder[feld.id]} {feld.titel}", tuple(rows)))
    return result
