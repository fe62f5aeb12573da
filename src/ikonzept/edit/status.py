"""Set the status of measures in their files: one line changes (two with a reason)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base.errors import IkonzeptError
from ikonzept.edit.yamltext import EditError, YamlFile
from ikonzept.model import Konzept, Massnahme, Stand

# Where a new `stand` goes in a measure: after the keys that come before it in FORMAT.md.
_BEFORE_STAND = ("akteure", "kommunen", "beschreibung", "titel", "id")


class StatusError(IkonzeptError):
    """A status change that cannot be made as asked."""


@dataclass(frozen=True, slots=True)
class Change:
    """A measure's new status, with the reason given for it (if any)."""

    massnahme: str
    stand: Stand
    begruendung: str | None = None


def _measure(konzept: Konzept, ident: str) -> Massnahme:
    for _feld, _ziel, measure in konzept.massnahmen():
        if measure.id == ident:
            return measure
    raise StatusError(f"Eine Maßnahme „{ident}“ gibt es in diesem Konzept nicht.")


def check(konzept: Konzept, change: Change) -> Massnahme:
    """The measure, if the change can be made (`entfallen` needs a reason, as in validate)."""
    measure = _measure(konzept, change.massnahme)
    reason = change.begruendung or measure.stand_begruendung
    if change.stand is Stand.ENTFALLEN and not (reason and reason.strip()):
        raise StatusError(
            f"„{change.massnahme}“ als entfallen zu kennzeichnen braucht eine Begründung "
            "(--begruendung TEXT)."
        )
    return measure


def prepare(root: Path, konzept: Konzept, changes: Iterable[Change]) -> list[YamlFile]:
    """The measures' files with the changes made and checked, not yet written."""
    files: dict[str, YamlFile] = {}
    for change in changes:
        measure = check(konzept, change)
        if measure.stand is change.stand and change.begruendung in (
            None,
            measure.stand_begruendung,
        ):
            continue
        origin = measure.origin
        edited = files.get(origin.file) or YamlFile(root / origin.file, origin.file)
        files[origin.file] = edited
        edited.set(origin.path, "stand", change.stand.value, after=_BEFORE_STAND)
        if change.begruendung is not None:
            edited.set(origin.path, "stand_begruendung", change.begruendung, after=("stand",))
    return [edited for edited in files.values() if edited.result() != edited.text]


def apply(root: Path, konzept: Konzept, changes: Iterable[Change]) -> list[Path]:
    """Write the changes into the measures' files; returns the files changed.

    Every file is checked before any is written, so a change that cannot be made leaves
    every file as it was.
    """
    edited = prepare(root, konzept, changes)
    for file in edited:
        file.save()
    return [file.path for file in edited]


__all__ = ["Change", "EditError", "StatusError", "apply", "check", "prepare"]
