"""Rules of the towns' action plans (plaene/<kommune>.yaml): what they name exists, each
plan is the one of its town, periods run forward; warnings for what a round table should
look at (measures not recommended there, steps overdue, old plans, measures dropped)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePosixPath

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.domain.context import Context
from ikonzept.domain.references import suggest, unknown_akteur, unknown_kommune
from ikonzept.load.sources import Kind
from ikonzept.model import Konzept, Massnahme, Stand
from ikonzept.model.plans import Handlungsplan, PlanEintrag

MAX_AGE_MONTHS = 12
_ACTIVE = (Stand.OFFEN, Stand.IN_UMSETZUNG, Stand.DAUERHAFT)


def plan_references(konzept: Konzept, context: Context) -> Iterator[Finding]:
    """Errors: unknown towns, measures and actors; a plan not in its town's file; a
    measure twice; a period that ends before it begins."""
    kommunen = {k.id for k in konzept.kommunen}
    akteure = {a.id for a in konzept.akteure}
    massnahmen = {m.id for *_, m in konzept.massnahmen()}
    check_akteure = Kind.AKTEUR not in context.incomplete
    check_massnahmen = Kind.HANDLUNGSFELD not in context.incomplete
    for plan in konzept.plaene:
        file = plan.origin.file
        if plan.kommune not in kommunen:
            rule, text = unknown_kommune(plan.kommune, kommunen)
            yield finding(rule, file, text, path=("kommune",))
        elif PurePosixPath(file).stem != plan.kommune:
            yield finding(
                "IK226", file,
                f"Der Handlungsplan der Kommune „{plan.kommune}“ gehört in die Datei "
                f"plaene/{plan.kommune}.yaml.",
                path=("kommune",),
            )  # fmt: skip
        seen: set[str] = set()
        for eintrag in plan.massnahmen:
            path = eintrag.origin.path
            if check_massnahmen and eintrag.massnahme not in massnahmen:
                yield finding(
                    "IK225", file,
                    f"Die Maßnahme „{eintrag.massnahme}“ gibt es im Konzept nicht."
                    f"{suggest(eintrag.massnahme, massnahmen)}",
                    path=(*path, "massnahme"),
                )  # fmt: skip
            if eintrag.massnahme in seen:
                yield finding(
                    "IK227", file,
                    f"Die Maßnahme „{eintrag.massnahme}“ steht schon weiter oben in diesem Plan.",
                    path=(*path, "massnahme"),
                )  # fmt: skip
            seen.add(eintrag.massnahme)
            if check_akteure:
                for key, ident in _actors(eintrag):
                    if ident not in akteure:
                        rule, text = unknown_akteur(ident, akteure)
                        yield finding(rule, file, text, path=(*path, *key))
            if eintrag.ende and eintrag.dauerhaft:
                yield finding(
                    "IK233", file,
                    f"Die Maßnahme „{eintrag.massnahme}“ hat ein Ende ({eintrag.ende}) und ist "
                    "zugleich als dauerhaft vermerkt.",
                    path=(*path, "dauerhaft"),
                )  # fmt: skip
            if eintrag.beginn and eintrag.ende and eintrag.ende < eintrag.beginn:
                yield finding(
                    "IK228", file,
                    f"Der Zeitraum der Maßnahme „{eintrag.massnahme}“ endet ({eintrag.ende}) "
                    f"vor seinem Beginn ({eintrag.beginn}).",
                    path=(*path, "ende"),
                )  # fmt: skip


def plan_warnings(konzept: Konzept, context: Context) -> Iterator[Finding]:
    """Warnings: measures not recommended for the town or dropped by the concept, steps
    overdue, plans older than twelve months."""
    by_id = {m.id: m for *_, m in konzept.massnahmen()}
    names = {k.id: k.name for k in konzept.kommunen}
    for plan in konzept.plaene:
        town = names.get(plan.kommune, plan.kommune)
        yield from _old(plan, town, context.today)
        for eintrag in plan.massnahmen:
            massnahme = by_id.get(eintrag.massnahme)
            if massnahme is not None:
                yield from _fits(plan, eintrag, massnahme, town)
            name = massnahme.titel if massnahme else eintrag.massnahme
            yield from _overdue(plan, eintrag, f"{town}, Maßnahme „{name}“", context.today)


def _actors(eintrag: PlanEintrag) -> Iterator[tuple[tuple[str | int, ...], str]]:
    yield ("verantwortlich",), eintrag.verantwortlich
    for index, ident in enumerate(eintrag.partner):
        yield ("partner", index), ident


def _old(plan: Handlungsplan, town: str, today: dt.date) -> Iterator[Finding]:
    months = plan.months_old(today)
    if months > MAX_AGE_MONTHS or (months == MAX_AGE_MONTHS and today.day > plan.stand.day):
        yield finding(
            "IK231", plan.origin.file,
            f"Der Handlungsplan für {town} steht auf dem {plan.stand:%d.%m.%Y}, vor mehr als "
            f"{MAX_AGE_MONTHS} Monaten.",
            path=("stand",),
        )  # fmt: skip


def _fits(
    plan: Handlungsplan, eintrag: PlanEintrag, massnahme: Massnahme, town: str
) -> Iterator[Finding]:
    path = eintrag.origin.path
    if massnahme.kommunen and plan.kommune not in massnahme.kommunen:
        yield finding(
            "IK229", plan.origin.file,
            f"Das Konzept empfiehlt die Maßnahme „{massnahme.titel}“ nicht für {town}.",
            path=(*path, "massnahme"),
        )  # fmt: skip
    if massnahme.stand is Stand.ENTFALLEN and eintrag.stand in _ACTIVE:
        yield finding(
            "IK232", plan.origin.file,
            f"Die Maßnahme „{massnahme.titel}“ ist im Konzept entfallen, im Handlungsplan für "
            f"{town} aber „{eintrag.stand.label}“.",
            path=(*path, "massnahme"),
        )  # fmt: skip


def _overdue(
    plan: Handlungsplan, eintrag: PlanEintrag, where: str, today: dt.date
) -> Iterator[Finding]:
    for schritt in eintrag.schritte:
        if schritt.overdue(today):
            yield finding(
                "IK230", plan.origin.file,
                f"{where}: Der Schritt „{schritt.titel}“ war "
                f"bis zum {schritt.bis:%d.%m.%Y} vereinbart und ist nicht als erledigt vermerkt.",
                path=(*schritt.origin.path, "bis"),
            )  # fmt: skip
