"""What a town's action plan says about a measure, changed in place: its status (with the
reason) and the day a step was done; only those lines change. Used by `status set
--kommune`, `plan erledigt` and the import of a town's feedback form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ikonzept.edit.status import StatusError
from ikonzept.edit.yamltext import YamlFile
from ikonzept.model import Konzept, Stand
from ikonzept.model.plans import PlanEintrag, Schritt

# Where a new `stand` goes in a plan's entry: after the keys that come before it.
_BEFORE_STAND = ("dauerhaft", "ende", "beginn", "prioritaet", "partner", "verantwortlich")


def set_entry_stand(
    edited: YamlFile, eintrag: PlanEintrag, stand: Stand, begruendung: str | None
) -> None:
    edited.set(eintrag.origin.path, "stand", stand.value, after=_BEFORE_STAND)
    if begruendung is not None:
        edited.set(eintrag.origin.path, "stand_begruendung", begruendung, after=("stand",))


def set_step_done(edited: YamlFile, schritt: Schritt, am: dt.date) -> None:
    edited.set(schritt.origin.path, "erledigt", am, after=("bis",))


def same_title(schritt: Schritt, titel: str) -> bool:
    """Titles compare as words: spaces and line breaks as typed do not matter."""
    return schritt.titel.split() == titel.split()


@dataclass(frozen=True, slots=True)
class PlanChange:
    """What a town reported about one measure of its plan: a new status and steps done."""

    kommune: str
    massnahme: str
    stand: Stand | None = None
    begruendung: str | None = None
    erledigt: tuple[tuple[str, dt.date], ...] = ()  # (step title, day done)


def prepare(root: Path, konzept: Konzept, changes: Iterable[PlanChange]) -> list[YamlFile]:
    """The plans' files with the changes made and checked, not yet written; a change that
    already holds is left out."""
    plans = {p.kommune: p for p in konzept.plaene}
    files: dict[str, YamlFile] = {}
    for change in changes:
        plan = plans.get(change.kommune)
        entries = plan.massnahmen if plan else ()
        eintrag = next((e for e in entries if e.massnahme == change.massnahme), None)
        if plan is None or eintrag is None:
            raise StatusError(
                f"Die Maßnahme „{change.massnahme}“ steht nicht im Handlungsplan für "
                f"{change.kommune}."
            )
        edited = files.get(plan.origin.file) or YamlFile(root / plan.origin.file, plan.origin.file)
        files[plan.origin.file] = edited
        if change.stand is not None and (
            change.stand is not eintrag.stand
            or change.begruendung not in (None, eintrag.stand_begruendung)
        ):
            set_entry_stand(edited, eintrag, change.stand, change.begruendung)
        for titel, am in change.erledigt:
            schritt = next((s for s in eintrag.schritte if same_title(s, titel)), None)
            if schritt is None:
                raise StatusError(
                    f"Bei {change.massnahme} in {change.kommune} gibt es keinen Schritt „{titel}“."
                )
            if schritt.erledigt != am:
                set_step_done(edited, schritt, am)
    return [edited for edited in files.values() if edited.result() != edited.text]
