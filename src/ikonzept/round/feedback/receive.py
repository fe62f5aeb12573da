"""`feedback import`: read the returned workbooks, which are untrusted input.

Every form is checked before anything changes: the file (size, zip, no macros, no zip
bomb), the workbook (ours, for this concept and edition), every row (known measure, once
per form, a known status, a reason where one is required). Problems name file, sheet and
cell. Two forms that disagree on a measure are a conflict: listed, that measure unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikonzept.edit.plans import PlanChange
from ikonzept.edit.status import Change
from ikonzept.model import Konzept, Stand
from ikonzept.model.plans import Handlungsplan
from ikonzept.round import memory
from ikonzept.round.feedback import form, planrows
from ikonzept.round.feedback.book import Refused, open_book
from ikonzept.round.feedback.form import Book
from ikonzept.round.feedback.values import parse_stand


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    message: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f", Blatt „{self.sheet}“"
        if self.cell:
            where += f", Zelle {self.cell}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Answer:
    """One row of a form that says something about a measure."""

    file: str
    massnahme: str
    stand: Stand | None
    begruendung: str | None
    anmerkung: str | None


@dataclass(frozen=True, slots=True)
class Proposal:
    file: str
    handlungsfeld: str | None
    text: str
    beteiligt: str | None
    anmerkung: str | None


@dataclass(frozen=True, slots=True)
class Conflict:
    massnahme: str
    reports: tuple[tuple[str, Stand], ...]  # (file, status)


@dataclass
class Intake:
    forms: list[tuple[str, str]] = field(default_factory=list)  # (file, recipient)
    answers: list[Answer] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    plan_answers: list[planrows.PlanAnswer] = field(default_factory=list)
    plan_changes: list[PlanChange] = field(default_factory=list)


def read_forms(paths: list[Path], konzept: Konzept, round_: memory.Round) -> Intake:
    intake = Intake()
    asked = {r.empfaenger: set(r.massnahmen) for r in round_.requests}
    seen_recipients: dict[str, str] = {}
    for path in paths:
        book = _open(path, intake.problems)
        if book is None:
            continue
        recipient = _recipient(book, path.name, konzept, intake.problems)
        if recipient is None:
            continue
        if recipient in seen_recipients:
            intake.problems.append(
                Problem(
                    path.name,
                    f"Ein zweiter Bogen für „{recipient}“ (schon in {seen_recipients[recipient]}).",
                )
            )
            continue
        seen_recipients[recipient] = path.name
        intake.forms.append((path.name, recipient))
        _read_measures(book, path.name, konzept, (recipient, asked.get(recipient)), intake)
        _read_proposals(book, path.name, intake)
    _decide(konzept, intake)
    return intake


def _open(path: Path, problems: list[Problem]) -> Book | None:
    """The form, after the checks an untrusted file needs; None with a problem."""
    try:
        return open_book(path)
    except Refused as refusal:
        problems.append(Problem(path.name, str(refusal)))
        return None


def _recipient(book: Book, name: str, konzept: Konzept, problems: list[Problem]) -> str | None:
    properties = book.properties
    if properties.get(form.PROPERTY_FORM) is None or form.SHEET_MEASURES not in book.sheets:
        problems.append(
            Problem(
                name,
                "Das ist kein Rückmeldebogen von ikonzept (`ikonzept "
                "feedback export` schreibt die Bögen).",
            )
        )
        return None
    if properties.get(form.PROPERTY_CONCEPT) != konzept.id:
        problems.append(
            Problem(
                name,
                "Der Bogen gehört zu einem anderen Konzept "
                f"(„{properties.get(form.PROPERTY_CONCEPT)}“).",
            )
        )
        return None
    edition = properties.get(form.PROPERTY_EDITION)
    if edition != str(konzept.ausgabe.nummer):
        problems.append(
            Problem(
                name,
                f"Der Bogen gehört zur Ausgabe {edition}, das Konzept "
                f"ist Ausgabe {konzept.ausgabe.nummer}.",
            )
        )
        return None
    return properties.get(form.PROPERTY_RECIPIENT) or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


@dataclass
class _Sheet:
    """The measures sheet of one form while it is read: where each column is, what is known."""

    name: str
    column: dict[str, int]
    recipient: str
    plans: dict[str, Handlungsplan]
    towns: dict[str, str]
    intake: Intake
    seen: set[str] = field(default_factory=set)

    def problem(self, message: str, title: str, row: int) -> None:
        from openpyxl.utils import get_column_letter

        cell = f"{get_column_letter(self.column[title] + 1)}{row}"
        self.intake.problems.append(Problem(self.name, message, form.SHEET_MEASURES, cell))


def _read_measures(
    book: Book,
    name: str,
    konzept: Konzept,
    recipient_asked: tuple[str, set[str] | None],
    intake: Intake,
) -> None:
    recipient, asked = recipient_asked
    rows = iter(book.sheets[form.SHEET_MEASURES])
    header = tuple(_text(v) for v in next(rows, ()))
    columns = form.COLUMNS + (planrows.COLUMNS if header[len(form.COLUMNS) :] else ())
    if header != columns:
        intake.problems.append(
            Problem(
                name,
                "Die Kopfzeile ist verändert; erwartet: " + ", ".join(columns) + ".",
                form.SHEET_MEASURES,
                "A1",
            )
        )
        return
    known = {m.id: m for _f, _z, m in konzept.massnahmen()}
    plans = {p.kommune: p for p in konzept.plaene}
    towns = {k.id: k.name for k in konzept.kommunen}
    columns_at = {title: i for i, title in enumerate(columns)}
    sheet = _Sheet(name, columns_at, recipient, plans, towns, intake)
    column = sheet.column
    for number, values in enumerate(rows, start=2):
        values = tuple(values) + (None,) * (len(columns) - len(values))
        ident = _text(values[column["ID"]])
        if ident is not None and planrows.split_id(ident) is not None:
            _read_plan_row(sheet, number, ident, values)
            continue
        stand_text = _text(values[column["Stand neu"]])
        reason = _text(values[column["Begründung"]])
        remark = _text(values[column["Anmerkung"]])
        if ident is None:
            if stand_text or reason or remark:
                sheet.problem("Angaben ohne ID der Maßnahme.", "ID", number)
            continue
        problem = _row_problem(ident, known, sheet.seen, asked)
        sheet.seen.add(ident)
        if problem:
            sheet.problem(problem, "ID", number)
            continue
        stand = parse_stand(stand_text) if stand_text else None
        if stand_text and stand is None:
            sheet.problem(
                f"„{stand_text}“ ist kein Stand. Möglich: offen, in Umsetzung, umgesetzt, "
                "dauerhaft, zurückgestellt, entfallen.",
                "Stand neu",
                number,
            )
            continue
        if stand is Stand.ENTFALLEN and not reason and not known[ident].stand_begruendung:
            sheet.problem(f"„{ident}“ soll entfallen; dafür fehlt die Begründung.", "Begründung",
                          number)  # fmt: skip
            continue
        if stand or reason or remark:
            intake.answers.append(Answer(name, ident, stand, reason, remark))


def _read_plan_row(sheet: _Sheet, number: int, ident: str, values: tuple[Any, ...]) -> None:
    """A row of the town's action plan (`feedback export --nach kommune`)."""
    cells = {title: _text(values[index]) for title, index in sheet.column.items()}
    key = f"{ident}\x1f{cells.get('Schritt') or ''}"  # an entry's row, or one of its steps'
    read = planrows.read_row(cells, sheet.recipient, sheet.plans)
    if key in sheet.seen:
        read = planrows.RowProblem(f"Die Zeile „{ident}“ steht zweimal im Bogen.", "ID")
    sheet.seen.add(key)
    if isinstance(read, planrows.RowProblem):
        sheet.problem(read.message, read.column, number)
        return
    if read is not None:
        sheet.intake.plan_answers.append(read)
    _plan_remark(sheet, ident, cells)


def _plan_remark(sheet: _Sheet, ident: str, cells: dict[str, str | None]) -> None:
    """A remark (or a reason without a new status) on a plan's row, for the report: by the
    measure, saying which town's plan and which step it is about."""
    massnahme, kommune = planrows.split_id(ident) or (ident, "")
    reason = cells["Begründung"] if not cells["Stand neu"] else None
    step = cells.get("Schritt")
    about = f"Handlungsplan {sheet.towns.get(kommune, kommune)}"
    about += f", Schritt „{step}“" if step else ""
    remark, reason = (f"{about}: {text}" if text else None for text in (cells["Anmerkung"], reason))
    if remark or reason:
        sheet.intake.answers.append(Answer(sheet.name, massnahme, None, reason, remark))


def _row_problem(
    ident: str, known: dict[str, Any], seen: set[str], asked: set[str] | None
) -> str | None:
    if ident not in known:
        return f"Eine Maßnahme „{ident}“ gibt es im Konzept nicht."
    if ident in seen:
        return f"Die Maßnahme „{ident}“ steht zweimal im Bogen."
    if asked is not None and ident not in asked:
        return f"Nach der Maßnahme „{ident}“ wurde mit diesem Bogen nicht gefragt."
    return None


def _read_proposals(book: Book, name: str, intake: Intake) -> None:
    for values in book.sheets.get(form.SHEET_PROPOSALS, [])[1:]:
        cells = [_text(v) for v in (*values, None, None, None, None)[:4]]
        feld, text, beteiligt, anmerkung = cells
        if text or anmerkung:
            intake.proposals.append(
                Proposal(
                    name,
                    feld,
                    text or anmerkung or "",
                    beteiligt,
                    anmerkung if text else None,
                )
            )


def _decide_plans(konzept: Konzept, intake: Intake) -> None:
    """Per measure of a town's plan, what changes: a town has one form, so no conflicts."""
    plans = {p.kommune: p for p in konzept.plaene}
    wanted: dict[tuple[str, str], list[planrows.PlanAnswer]] = defaultdict(list)
    for answer in intake.plan_answers:
        wanted[(answer.kommune, answer.massnahme)].append(answer)
    for (kommune, massnahme), answers in wanted.items():
        eintrag = next(e for e in plans[kommune].massnahmen if e.massnahme == massnahme)
        status = next((a for a in answers if a.stand is not None), None)
        stand = begruendung = None
        if status is not None and (status.stand is not eintrag.stand or (
            status.begruendung and status.begruendung != eintrag.stand_begruendung
        )):  # fmt: skip
            stand, begruendung = status.stand, status.begruendung
        done = tuple(
            (a.schritt, a.erledigt)
            for a in answers
            if a.schritt is not None and a.erledigt is not None
        )
        if stand is not None or done:
            intake.plan_changes.append(PlanChange(kommune, massnahme, stand, begruendung, done))


def _decide(konzept: Konzept, intake: Intake) -> None:
    """Changes where the forms agree; conflicts where they do not."""
    _decide_plans(konzept, intake)
    reports: dict[str, list[Answer]] = defaultdict(list)
    for answer in intake.answers:
        if answer.stand is not None:
            reports[answer.massnahme].append(answer)
    current = {m.id: m for _f, _z, m in konzept.massnahmen()}
    for ident, answers in reports.items():
        stands = {a.stand for a in answers}
        if len(stands) > 1:
            intake.conflicts.append(
                Conflict(ident, tuple((a.file, a.stand) for a in answers if a.stand is not None))
            )
            continue
        stand = answers[0].stand
        assert stand is not None
        reason = next((a.begruendung for a in answers if a.begruendung), None)
        measure = current[ident]
        if stand is not measure.stand or (reason and reason != measure.stand_begruendung):
            intake.changes.append(Change(ident, stand, reason))
