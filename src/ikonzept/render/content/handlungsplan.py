"""A town's action plan as the working paper of its round table: one table per field of
action (Nr., Maßnahme, Verantwortlich, Partner, Zeitraum, Priorität, Stand, Schritte), the
town and the plan's date on top; A4 landscape."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ikonzept import __version__
from ikonzept.model import Konzept
from ikonzept.model.numbering import numbers
from ikonzept.model.plans import Handlungsplan, PlanEintrag
from ikonzept.render.content.html import datum_kurz, environment, stylesheet
from ikonzept.render.content.markdown import MarkdownRenderer

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
                    f"{s.titel} – bis {datum_kurz(s.bis)}"
                    + (f" (erledigt {datum_kurz(s.erledigt)})" if s.erledigt else "")
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


def render_plan(
    konzept: Konzept, plan: Handlungsplan, root: Path, dirs: Sequence[Path], created: str
) -> str:
    """The HTML document that WeasyPrint turns into the plan's PDF."""
    markdown = MarkdownRenderer({a.kuerzel: a.bedeutung for a in konzept.abkuerzungen}, root)
    env = environment(dirs, markdown)
    town = next((k.name for k in konzept.kommunen if k.id == plan.kommune), plan.kommune)
    return env.get_template("handlungsplan.html.j2").render(
        konzept=konzept,
        plan=plan,
        kommune=town,
        gruppen=groups(konzept, plan),
        erstellt=created,
        version=__version__,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
    )
