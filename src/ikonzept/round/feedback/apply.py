"""Import returned forms: all or nothing, then the round's memory and the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import IkonzeptError
from ikonzept.edit import plans as plan_edits
from ikonzept.edit import status
from ikonzept.model import Konzept
from ikonzept.round import memory
from ikonzept.round.feedback import receive, report


class FormsRejected(IkonzeptError):
    """At least one form has an error: nothing was changed."""

    def __init__(self, problems: list[receive.Problem]) -> None:
        count = len(problems)
        super().__init__(
            f"{count} {'Problem' if count == 1 else 'Probleme'} in den Rückmeldebögen; "
            "nichts wurde geändert:\n" + "\n".join(f"  {problem}" for problem in problems)
        )
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Imported:
    intake: receive.Intake
    written: tuple[Path, ...]  # concept files changed
    report: Path | None
    waiting: tuple[str, ...]  # names of those still to answer


def names_of(konzept: Konzept) -> dict[str, str]:
    return {**{k.id: k.name for k in konzept.kommunen}, **{a.id: a.name for a in konzept.akteure}}


def import_forms(
    root: Path,
    konzept: Konzept,
    paths: list[Path],
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> Imported:
    """Read every form; change the concept only if none has an error."""
    day = today or dt.date.today()
    asked = round_ = memory.load(root)
    intake = receive.read_forms(paths, konzept, round_)
    if intake.problems:
        raise FormsRejected(intake.problems)
    for _file, recipient in intake.forms:
        round_ = round_.returned(recipient, day)
    names = names_of(konzept)
    waiting = tuple(reminder.name for reminder in memory.reminders(round_, konzept))
    if dry_run:
        return Imported(intake, (), None, waiting)
    # All the files' new texts are checked before any is written.
    edited = status.prepare(root, konzept, intake.changes)
    edited += plan_edits.prepare(root, konzept, intake.plan_changes)  # other files: the plans
    round_file = memory.returns_recorded(root, asked, round_)
    text = report.markdown(konzept, intake, names, day, list(waiting))
    for file in edited:
        file.save()
    if round_file is not None:
        round_file.save()
    target = _report_path(root, day)
    fsutil.write_text(target, text)
    return Imported(intake, tuple(file.path for file in edited), target, waiting)


def _report_path(root: Path, day: dt.date) -> Path:
    """A new report each time: a later import never overwrites an earlier report."""
    folder = root / memory.FOLDER
    path = folder / f"bericht-{day.isoformat()}.md"
    number = 2
    while path.exists():
        path = folder / f"bericht-{day.isoformat()}-{number}.md"
        number += 1
    return path
