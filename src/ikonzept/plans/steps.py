"""The steps a town's round table agrees for a measure: one added, one marked done; with the
one editor, so that only the step's own lines change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ikonzept.edit.plans import same_title, set_step_done
from ikonzept.edit.scalar import Scalar
from ikonzept.edit.yamltext import YamlFile
from ikonzept.model import Konzept
from ikonzept.model.plans import PlanEintrag, Schritt
from ikonzept.plans.entries import entry_of
from ikonzept.plans.menu import PlanError


def add_step(
    root: Path, konzept: Konzept, kommune: str, massnahme: str, titel: str, bis: dt.date,
    erledigt: dt.date | None = None,
) -> Path:  # fmt: skip
    """Append a step to a measure in a town's plan (a new `schritte` list where it has none)."""
    titel = " ".join(titel.split())
    if not titel:
        raise PlanError("Ein Schritt braucht einen Titel.")
    plan, eintrag = entry_of(konzept, kommune, massnahme)
    if any(same_title(s, titel) for s in eintrag.schritte):
        raise PlanError(
            f"Den Schritt „{titel}“ gibt es bei {massnahme} in {kommune} schon; "
            f'`ikonzept plan erledigt {kommune} {massnahme} "{titel}"` hakt ihn ab.'
        )
    fields: dict[str, Scalar | list[str]] = {"titel": titel, "bis": bis}
    if erledigt is not None:
        fields["erledigt"] = erledigt
    edited = YamlFile(root / plan.origin.file, plan.origin.file)
    edited.append(eintrag.origin.path, "schritte", fields)
    edited.save()
    return edited.path


def complete_step(
    root: Path, konzept: Konzept, kommune: str, massnahme: str, titel: str, am: dt.date
) -> Path | None:
    """Mark a step done on ``am``; None when it was already done on that day."""
    plan, eintrag = entry_of(konzept, kommune, massnahme)
    schritt = step_named(eintrag, titel, kommune)
    if schritt.erledigt == am:
        return None
    edited = YamlFile(root / plan.origin.file, plan.origin.file)
    set_step_done(edited, schritt, am)
    edited.save()
    return edited.path


def step_named(eintrag: PlanEintrag, titel: str, kommune: str) -> Schritt:
    """The entry's step with this title (spaces as typed do not matter)."""
    wanted = " ".join(titel.split())
    found = next((s for s in eintrag.schritte if same_title(s, titel)), None)
    if found is None:
        known = "; ".join(f"„{s.titel}“" for s in eintrag.schritte) or "noch keine"
        raise PlanError(
            f"Bei {eintrag.massnahme} in {kommune} gibt es keinen Schritt „{wanted}“. "
            f"Vereinbart sind: {known}."
        )
    return found
