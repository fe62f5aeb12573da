"""One measure added to a town's plan, with the one editor: only new lines, checked before
anything is written, and the plan checked again as `validate` would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ikonzept.edit.plans import set_entry_stand
from ikonzept.edit.scalar import Scalar
from ikonzept.edit.yamltext import YamlFile
from ikonzept.model import Konzept, Stand
from ikonzept.model.plans import Handlungsplan, PlanEintrag, Prioritaet
from ikonzept.plans.menu import FOLDER, PlanError, plan_path, town


@dataclass(frozen=True, slots=True)
class NewEntry:
    massnahme: str
    verantwortlich: str
    partner: tuple[str, ...] = ()
    prioritaet: Prioritaet | None = None
    beginn: str | None = None
    ende: str | None = None
    dauerhaft: bool = False


def add_entry(root: Path, konzept: Konzept, kommune: str, entry: NewEntry) -> Path:
    """Append ``entry`` to plaene/<kommune>.yaml; refuse what validate would refuse."""
    town(konzept, kommune)
    path = plan_path(root, kommune)
    if not path.exists():
        raise PlanError(
            f"{FOLDER}/{kommune}.yaml gibt es noch nicht: `ikonzept plan new {kommune}` legt "
            "ihn an."
        )
    _check(konzept, kommune, entry)
    edited = YamlFile(path, f"{FOLDER}/{kommune}.yaml")
    edited.append((), "massnahmen", _fields(entry))
    edited.save()
    return path


def _check(konzept: Konzept, kommune: str, entry: NewEntry) -> None:
    measures = {m.id for *_, m in konzept.massnahmen()}
    if entry.massnahme not in measures:
        raise PlanError(f"Eine Maßnahme „{entry.massnahme}“ gibt es in diesem Konzept nicht.")
    actors = {a.id for a in konzept.akteure}
    for ident in (entry.verantwortlich, *entry.partner):
        if ident not in actors:
            raise PlanError(f"Einen Akteur „{ident}“ gibt es im Akteursverzeichnis nicht.")
    plan = next((p for p in konzept.plaene if p.kommune == kommune), None)
    if plan and any(e.massnahme == entry.massnahme for e in plan.massnahmen):
        raise PlanError(
            f"Die Maßnahme „{entry.massnahme}“ steht schon im Handlungsplan; ändern Sie dort "
            "den Eintrag."
        )
    if entry.ende and entry.dauerhaft:
        raise PlanError("Entweder --ende oder --dauerhaft, nicht beides.")
    if entry.beginn and entry.ende and entry.ende < entry.beginn:
        raise PlanError(f"--ende ({entry.ende}) liegt vor --beginn ({entry.beginn}).")


def _fields(entry: NewEntry) -> dict[str, Scalar | list[str]]:
    fields: dict[str, Scalar | list[str]] = {
        "massnahme": entry.massnahme,
        "verantwortlich": entry.verantwortlich,
    }
    if entry.partner:
        fields["partner"] = list(entry.partner)
    if entry.prioritaet:
        fields["prioritaet"] = entry.prioritaet.value
    if entry.beginn:
        fields["beginn"] = entry.beginn
    if entry.ende:
        fields["ende"] = entry.ende
    if entry.dauerhaft:
        fields["dauerhaft"] = True
    return fields


def entry_of(konzept: Konzept, kommune: str, massnahme: str) -> tuple[Handlungsplan, PlanEintrag]:
    """A town's plan and its entry for a measure; a German message where either is missing."""
    town(konzept, kommune)
    plan = next((p for p in konzept.plaene if p.kommune == kommune), None)
    if plan is None:
        raise PlanError(
            f"Für {kommune} gibt es keinen Handlungsplan: `ikonzept plan new {kommune}` legt "
            "ihn an."
        )
    eintrag = next((e for e in plan.massnahmen if e.massnahme == massnahme), None)
    if eintrag is None:
        raise PlanError(
            f"Die Maßnahme „{massnahme}“ steht nicht im Handlungsplan für {kommune}: "
            f"`ikonzept plan add {kommune} {massnahme} …` nimmt sie auf."
        )
    return plan, eintrag


def set_stand(
    root: Path, konzept: Konzept, kommune: str, massnahme: str, stand: Stand,
    begruendung: str | None,
) -> Path | None:  # fmt: skip
    """Set a measure's status in a town's plan; None when it already stands so."""
    plan, eintrag = entry_of(konzept, kommune, massnahme)
    if eintrag.stand is stand and begruendung in (None, eintrag.stand_begruendung):
        return None
    edited = YamlFile(root / plan.origin.file, plan.origin.file)
    set_entry_stand(edited, eintrag, stand, begruendung)
    edited.save()
    return edited.path
