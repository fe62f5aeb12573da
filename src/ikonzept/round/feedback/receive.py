"""`feedback import`: read the returned workbooks, which are untrusted input.

Every form is checked before anything changes: the file (size, zip, no macros, no zip
bomb), the workbook (ours, for this concept and edition), every row (known measure, once
per form, a known status, a reason where one is required). Problems name file, sheet and
cell. Two forms that disagree on a measure are a conflict: listed, that measure unchanged.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikonzept.edit.status import Change
from ikonzept.model import Konzept, Stand
from ikonzept.round import memory
from ikonzept.round.feedback import form
from ikonzept.round.feedback.values import parse_stand

MAX_FILE_BYTES = 5 * 1024 * 1024  # a filled form is some 20 kB
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200  # unpacked to packed, per part: more is a zip bomb, not a spreadsheet


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


def read_forms(paths: list[Path], konzept: Konzept, round_: memory.Round) -> Intake:
    intake = Intake()
    asked = {r.empfaenger: set(r.massnahmen) for r in round_.requests}
    seen_recipients: dict[str, str] = {}
    for path in paths:
        book = _open(path, intake.problems)
        if book is None:
            continue
        try:
            recipient = _recipient(book, path.name, konzept, intake.problems)
            if recipient is None:
                continue
            if recipient in seen_recipients:
                intake.problems.append(
                    Problem(
                        path.name,
                        f"Ein zweiter Bogen für „{recipient}“ "
                        f"(schon in {seen_recipients[recipient]}).",
                    )
                )
                continue
            seen_recipients[recipient] = path.name
            intake.forms.append((path.name, recipient))
            _read_measures(book, path.name, konzept, asked.get(recipient), intake)
            _read_proposals(book, path.name, intake)
        finally:
            book.close()
    _decide(konzept, intake)
    return intake


def _open(path: Path, problems: list[Problem]) -> Any:
    """The workbook, after the checks an untrusted file needs; None with a problem."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        problems.append(Problem(name, "Die Datei gibt es nicht oder sie ist nicht lesbar."))
        return None
    if path.suffix.lower() in (".xlsm", ".xltm"):
        problems.append(
            Problem(
                name,
                "Arbeitsmappen mit Makros (.xlsm) werden nicht "
                "angenommen. Bitte als .xlsx speichern.",
            )
        )
        return None
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(
                name,
                f"Die Datei ist {size // 1024} kB groß; ein "
                "Rückmeldebogen hat höchstens einige hundert kB.",
            )
        )
        return None
    problem = _check_zip(path)
    if problem:
        problems.append(Problem(name, problem))
        return None
    from openpyxl import load_workbook

    try:
        # Formulas are read as the text typed, never evaluated: what a cell says is kept.
        return load_workbook(path, data_only=False, keep_vba=False, keep_links=False)
    except Exception:
        problems.append(Problem(name, "Das ist keine lesbare Excel-Arbeitsmappe (.xlsx)."))
        return None


def _check_zip(path: Path) -> str | None:
    if not zipfile.is_zipfile(path):
        return "Das ist keine Excel-Arbeitsmappe (.xlsx); bitte den Bogen als .xlsx speichern."
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        names = {part.filename for part in parts}
        if "[Content_Types].xml" not in names:
            return "Das ist keine Excel-Arbeitsmappe (.xlsx)."
        if any(part.filename.lower().endswith("vbaproject.bin") for part in parts):
            return "Die Arbeitsmappe enthält Makros; sie wird nicht angenommen."
        total = sum(part.file_size for part in parts)
        if total > MAX_UNPACKED_BYTES or any(
            part.file_size > MAX_RATIO * max(part.compress_size, 1) and part.file_size > 1 << 20
            for part in parts
        ):
            return "Die Datei entpackt sich auf ein Vielfaches ihrer Größe; abgelehnt."
        types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in types:
            return "Die Arbeitsmappe enthält Makros; sie wird nicht angenommen."
    return None


def _property(book: Any, name: str) -> str | None:
    for item in book.custom_doc_props.props:
        if item.name == name:
            return str(item.value)
    return None


def _recipient(book: Any, name: str, konzept: Konzept, problems: list[Problem]) -> str | None:
    if _property(book, form.PROPERTY_FORM) is None or form.SHEET_MEASURES not in book.sheetnames:
        problems.append(
            Problem(
                name,
                "Das ist kein Rückmeldebogen von ikonzept (`ikonzept "
                "feedback export` schreibt die Bögen).",
            )
        )
        return None
    if _property(book, form.PROPERTY_CONCEPT) != konzept.id:
        problems.append(
            Problem(
                name,
                "Der Bogen gehört zu einem anderen Konzept "
                f"(„{_property(book, form.PROPERTY_CONCEPT)}“).",
            )
        )
        return None
    edition = _property(book, form.PROPERTY_EDITION)
    if edition != str(konzept.ausgabe.nummer):
        problems.append(
            Problem(
                name,
                f"Der Bogen gehört zur Ausgabe {edition}, das Konzept "
                f"ist Ausgabe {konzept.ausgabe.nummer}.",
            )
        )
        return None
    recipient = _property(book, form.PROPERTY_RECIPIENT)
    return recipient or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _read_measures(
    book: Any,
    name: str,
    konzept: Konzept,
    asked: set[str] | None,
    intake: Intake,
) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book[form.SHEET_MEASURES]
    rows = sheet.iter_rows(values_only=True)
    header = tuple(_text(v) for v in next(rows, ()))[: len(form.COLUMNS)]
    if header != form.COLUMNS:
        intake.problems.append(
            Problem(
                name,
                "Die Kopfzeile ist verändert; erwartet: " + ", ".join(form.COLUMNS) + ".",
                form.SHEET_MEASURES,
                "A1",
            )
        )
        return
    known = {m.id: m for _f, _z, m in konzept.massnahmen()}
    column = {title: index for index, title in enumerate(form.COLUMNS)}

    def cell(title: str, row: int) -> str:
        return f"{get_column_letter(column[title] + 1)}{row}"

    seen: set[str] = set()
    for number, values in enumerate(rows, start=2):
        values = tuple(values) + (None,) * (len(form.COLUMNS) - len(values))
        ident = _text(values[column["ID"]])
        stand_text = _text(values[column["Stand neu"]])
        reason = _text(values[column["Begründung"]])
        remark = _text(values[column["Anmerkung"]])
        if ident is None:
            if stand_text or reason or remark:
                intake.problems.append(
                    Problem(
                        name,
                        "Angaben ohne ID der Maßnahme.",
                        form.SHEET_MEASURES,
                        cell("ID", number),
                    )
                )
            continue
        problem = _row_problem(ident, known, seen, asked)
        seen.add(ident)
        if problem:
            intake.problems.append(Problem(name, problem, form.SHEET_MEASURES, cell("ID", number)))
            continue
        stand = parse_stand(stand_text) if stand_text else None
        if stand_text and stand is None:
            intake.problems.append(
                Problem(
                    name,
                    f"„{stand_text}“ ist kein Stand. Möglich: offen, in Umsetzung, umgesetzt, "
                    "dauerhaft, zurückgestellt, entfallen.",
                    form.SHEET_MEASURES,
                    cell("Stand neu", number),
                )
            )
            continue
        if stand is Stand.ENTFALLEN and not reason and not known[ident].stand_begruendung:
            intake.problems.append(
                Problem(
                    name,
                    f"„{ident}“ soll entfallen; dafür fehlt die Begründung.",
                    form.SHEET_MEASURES,
                    cell("Begründung", number),
                )
            )
            continue
        if stand or reason or remark:
            intake.answers.append(Answer(name, ident, stand, reason, remark))


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


def _read_proposals(book: Any, name: str, intake: Intake) -> None:
    if form.SHEET_PROPOSALS not in book.sheetnames:
        return
    for values in book[form.SHEET_PROPOSALS].iter_rows(min_row=2, values_only=True):
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


def _decide(konzept: Konzept, intake: Intake) -> None:
    """Changes where the forms agree; conflicts where they do not."""
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
