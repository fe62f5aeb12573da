"""`feedback export`: one workbook per actor (or municipality) with the measures that name
it, for the actor to fill in; the round's memory records who was asked and when."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept import fsutil
from ikonzept.model import Konzept, Massnahme, Stand
from ikonzept.model.numbering import numbers
from ikonzept.round import memory
from ikonzept.round.feedback import form
from ikonzept.round.feedback.values import CHOICES


@dataclass(frozen=True, slots=True)
class Recipient:
    id: str
    name: str
    measures: tuple[Massnahme, ...]


@dataclass(frozen=True, slots=True)
class Exported:
    files: tuple[Path, ...]
    round_file: Path
    measures: int  # rows written, over all workbooks


def recipients(konzept: Konzept, nach: str) -> list[Recipient]:
    """Who gets a form: every actor named in a measure, or every municipality with one."""
    measures = [m for _f, _z, m in konzept.massnahmen()]
    if nach == "kommune":
        return [
            Recipient(k.id, k.name, tuple(m for m in measures if k.id in m.kommunen))
            for k in konzept.kommunen
            if any(k.id in m.kommunen for m in measures)
        ]
    return [
        Recipient(a.id, a.name, tuple(m for m in measures if a.id in m.akteure))
        for a in konzept.akteure
        if any(a.id in m.akteure for m in measures)
    ]


def export(
    root: Path,
    konzept: Konzept,
    out: Path,
    *,
    nach: str = "akteur",
    bis: dt.date | None = None,
    heute: dt.date | None = None,
) -> Exported:
    """Write the workbooks to ``out`` and the round's memory to the concept folder."""
    today = heute or dt.date.today()
    everyone = recipients(konzept, nach)
    _write_all(konzept, everyone, out, bis)
    files = [out / f"{recipient.id}.xlsx" for recipient in everyone]
    requests = [
        memory.Request(r.id, f"{r.id}.xlsx", tuple(m.id for m in r.measures), today)
        for r in everyone
    ]
    round_ = memory.Round(konzept.ausgabe.nummer, bis, nach, tuple(requests))
    previous = memory.load(root)
    if previous.ausgabe == konzept.ausgabe.nummer and previous.nach == nach:
        # Sent again (a corrected form): who already answered stays answered.
        back = {r.empfaenger: r.zurueck for r in previous.requests if r.zurueck}
        round_ = dataclasses.replace(
            round_,
            requests=tuple(
                dataclasses.replace(r, zurueck=back.get(r.empfaenger)) for r in requests
            ),
        )
    path = memory.save(root, round_)
    return Exported(tuple(files), path, sum(len(r.massnahmen) for r in requests))


# Fewer forms than this are written in this process: starting workers would cost more.
_PARALLEL_FROM = 60


def _write_all(konzept: Konzept, everyone: list[Recipient], out: Path, bis: dt.date | None) -> None:
    """Write every recipient's workbook; a county with hundreds of actors on two cores."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(2, os.cpu_count() or 1)
    if (
        len(everyone) < _PARALLEL_FROM
        or workers < 2
        or "fork" not in (multiprocessing.get_all_start_methods())
    ):
        _write_some(konzept, everyone, out, bis)
        return
    # fork: the workers start with everything imported (spawn would import it all again).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        halves = [everyone[index::workers] for index in range(workers)]
        for done in [pool.submit(_write_some, konzept, half, out, bis) for half in halves]:
            done.result()


def _write_some(konzept: Konzept, some: list[Recipient], out: Path, bis: dt.date | None) -> None:
    numbering = numbers(konzept)
    names = {k.id: k.name for k in konzept.kommunen}
    for recipient in some:
        workbook = _workbook(konzept, recipient, numbering, names, bis)
        fsutil.write_bytes(out / f"{recipient.id}.xlsx", workbook)


def _workbook(
    konzept: Konzept,
    recipient: Recipient,
    numbering: Any,
    names: dict[str, str],
    bis: dt.date | None,
) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    book = Workbook()
    _hints(book.active, konzept, recipient, bis)
    _measures(book.create_sheet(form.SHEET_MEASURES), recipient, numbering, names)
    _proposals(book.create_sheet(form.SHEET_PROPOSALS), konzept, numbering)
    book.active = 1  # opens on the measures
    for name, value in (
        (form.PROPERTY_FORM, form.FORM_VERSION),
        (form.PROPERTY_CONCEPT, konzept.id),
        (form.PROPERTY_EDITION, str(konzept.ausgabe.nummer)),
        (form.PROPERTY_RECIPIENT, recipient.id),
    ):
        book.custom_doc_props.append(StringProperty(name=name, value=value))
    stamp = dt.datetime.combine(konzept.ausgabe.stand, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = f"{konzept.herausgeber.name} – {konzept.herausgeber.stelle}"
    book.properties.title = f"Rückmeldebogen {recipient.name}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(cell: Any, value: str) -> None:
    """Concept text into a cell: always text, never a formula (formula injection)."""
    cell.value = value
    cell.data_type = "s"


class _Styles:
    """Cell styles, each set once on a first cell and copied to the others.

    Setting a style through openpyxl's attributes looks it up in the workbook's style table
    every time (most of the export's time for 800 workbooks); copying a styled cell's style
    reference does not.
    """

    def __init__(self) -> None:
        self._first: dict[str, Any] = {}

    def apply(self, cell: Any, name: str, **style: Any) -> None:
        first = self._first.get(name)
        if first is None:
            for attribute, value in style.items():
                setattr(cell, attribute, value)
            self._first[name] = cell
        else:
            cell._style = copy.copy(first._style)  # a private attribute: see the docstring


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (roughly)."""
    return max(1, -(-len(text) // max(int(width * 1.1), 1)))


# What each status means, for the people who fill in a form.
_MEANINGS = {
    Stand.OFFEN: "noch nicht begonnen",
    Stand.IN_UMSETZUNG: "begonnen, noch nicht abgeschlossen",
    Stand.UMGESETZT: "erledigt",
    Stand.DAUERHAFT: "umgesetzt und fortan Teil der regulären Arbeit",
    Stand.ZURUECKGESTELLT: "vorerst nicht weiter verfolgt",
    Stand.ENTFALLEN: "wird nicht umgesetzt (bitte begründen)",
}


def _hints(sheet: Any, konzept: Konzept, recipient: Recipient, bis: dt.date | None) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = form.SHEET_HINTS
    herausgeber = konzept.herausgeber
    frist = f"bis zum {bis:%d.%m.%Y}" if bis else "bald"
    lines = [
        (f"Rückmeldebogen zum {konzept.titel}", True),
        (f"für {recipient.name}", True),
        ("", False),
        (
            f"Das {konzept.ausgabe.bezeichnung} (Stand {konzept.ausgabe.stand:%d.%m.%Y}) wird "
            "fortgeschrieben. Dafür möchten wir wissen, was aus den Maßnahmen geworden ist, an "
            "denen Sie beteiligt sind.",
            False,
        ),
        ("", False),
        ("So füllen Sie den Bogen aus:", True),
        (
            f"1. Im Blatt „{form.SHEET_MEASURES}“ steht je Zeile eine Maßnahme, die Sie nennt. "
            "Tragen Sie unter „Stand neu“ ein, wie weit sie ist (Auswahlliste). Ist der Stand "
            "unverändert, lassen Sie das Feld leer.",
            False,
        ),
        (
            "2. „Begründung“: Warum eine Maßnahme entfällt, ist Pflicht; bei anderen Angaben "
            "hilft sie der Arbeitsgruppe.",
            False,
        ),
        ("3. „Anmerkung“: alles, was die Arbeitsgruppe wissen sollte.", False),
        (
            f"4. Im Blatt „{form.SHEET_PROPOSALS}“ ist Platz für neue Bedarfe und Ideen für "
            "Maßnahmen.",
            False,
        ),
        (
            "Andere Spalten und Blätter sind geschützt; bitte keine Zeilen oder Blätter einfügen.",
            False,
        ),
        ("", False),
        ("Die Stände bedeuten:", True),
        *((f"{stand.label} – {_MEANINGS[stand]}", False) for stand in Stand),
        ("", False),
        (
            f"Bitte senden Sie den ausgefüllten Bogen {frist} zurück an: {herausgeber.name}, "
            f"{herausgeber.stelle}"
            + (f", {herausgeber.anschrift}" if herausgeber.anschrift else "")
            + ".",
            False,
        ),
        ("Vielen Dank!", False),
    ]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row, 1)
        _text(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name="Calibri", bold=bold, size=12 if bold and row <= 2 else 11)
        sheet.row_dimensions[row].height = form.LINE_HEIGHT * _lines(text, form.HINTS_WIDTH)
    sheet.column_dimensions["A"].width = form.HINTS_WIDTH
    _print_setup(sheet, landscape=False)
    sheet.protection.sheet = True


def _measures(sheet: Any, recipient: Recipient, numbering: Any, names: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_font = Font(name="Calibri", bold=True)
    id_font = Font(name="Calibri", size=9, color="595959")
    styles = _Styles()
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = Protection(locked=False)
    for column, name in enumerate(form.COLUMNS, start=1):
        cell = sheet.cell(1, column)
        _text(cell, name)
        cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
        sheet.column_dimensions[get_column_letter(column)].width = form.WIDTHS[name]
    inputs = [form.COLUMNS.index(name) + 1 for name in form.INPUT_COLUMNS]
    for row, measure in enumerate(recipient.measures, start=2):
        wo = ", ".join(names.get(k, k) for k in measure.kommunen) or "kreisweit"
        values = (
            measure.id,
            numbering.massnahmen[measure.id],
            measure.titel,
            wo,
            measure.stand.label,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            _text(cell, value)
            if column == 1:
                styles.apply(cell, "id", alignment=wrap, font=id_font)
            else:
                styles.apply(cell, "text", alignment=wrap)
        for column in inputs:
            styles.apply(sheet.cell(row, column), "input", protection=editable, alignment=wrap)
        height = max(
            _lines(str(value), form.WIDTHS[name])
            for value, name in zip(values, form.COLUMNS, strict=False)
        )
        sheet.row_dimensions[row].height = form.LINE_HEIGHT * max(height, 2)
    last = len(recipient.measures) + 1
    stand = get_column_letter(form.COLUMNS.index("Stand neu") + 1)
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Stand",
        error="Bitte einen Stand aus der Liste wählen.",
        showInputMessage=True,
        promptTitle="Stand neu",
        prompt="Leer lassen, wenn unverändert.",
    )
    sheet.add_data_validation(choices)
    choices.add(f"{stand}2:{stand}{max(last, 2)}")
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(form.COLUMNS))}{max(last, 1)}"
    _print_setup(sheet, landscape=True)
    sheet.print_title_rows = "1:1"
    # On paper the ID (for the import) is left out: the number and title say which measure.
    sheet.print_area = f"B1:{get_column_letter(len(form.COLUMNS))}{max(last, 1)}"
    _protect(sheet)


def _proposals(sheet: Any, konzept: Konzept, numbering: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for column, (name, width) in enumerate(
        zip(form.PROPOSAL_COLUMNS, form.PROPOSAL_WIDTHS, strict=True), start=1
    ):
        cell = sheet.cell(1, column)
        _text(cell, name)
        cell.font = Font(name="Calibri", bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        sheet.column_dimensions[get_column_letter(column)].width = width
    wrap, editable = Alignment(wrap_text=True, vertical="top"), Protection(locked=False)
    styles = _Styles()
    for row in range(2, form.PROPOSAL_ROWS + 2):
        sheet.row_dimensions[row].height = form.LINE_HEIGHT * 3
        for column in range(1, len(form.PROPOSAL_COLUMNS) + 1):
            styles.apply(sheet.cell(row, column), "input", protection=editable, alignment=wrap)
    fields = [f"{numbering.felder[f.id]} {f.titel}" for f in konzept.handlungsfelder]
    listed = ",".join(field.replace(",", " ") for field in [*fields, "anderes"])
    if len(listed) <= 250:  # Excel's limit for a list written into the validation
        choice = DataValidation(
            type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=False
        )
        sheet.add_data_validation(choice)
        choice.add(f"A2:A{form.PROPOSAL_ROWS + 1}")
    _print_setup(sheet, landscape=True)
    sheet.print_title_rows = "1:1"
    _protect(sheet)


def _print_setup(sheet: Any, *, landscape: bool) -> None:
    from openpyxl.worksheet.page import PageMargins

    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _protect(sheet: Any) -> None:
    """Only the unlocked input cells can be changed; rows and columns may be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
