"""Forms as Excel workbooks (Office Open XML, .xlsx), written and read with openpyxl."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

from ikonzept.round.feedback import form
from ikonzept.round.feedback.form import Book, trimmed

_FILL = "DDE6F0"


def write(content: form.Form) -> bytes:
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    book = Workbook()
    book.remove(book.active)
    for sheet in content.sheets:
        _sheet(book.create_sheet(sheet.name), sheet)
    book.active = content.active
    for name, value in content.properties:
        book.custom_doc_props.append(StringProperty(name=name, value=value))
    book.properties.created = book.properties.modified = content.created
    book.properties.creator = content.creator
    book.properties.title = content.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _styles() -> dict[form.CellKind, dict[str, Any]]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    wrap = Alignment(wrap_text=True, vertical="top")
    return {
        "title": {"alignment": wrap, "font": Font(name="Calibri", bold=True, size=12)},
        "bold": {"alignment": wrap, "font": Font(name="Calibri", bold=True, size=11)},
        "hint": {"alignment": wrap, "font": Font(name="Calibri", size=11)},
        "header": {
            "alignment": wrap,
            "font": Font(name="Calibri", bold=True),
            "fill": PatternFill("solid", fgColor=_FILL),
        },
        "id": {"alignment": wrap, "font": Font(name="Calibri", size=9, color="595959")},
        "text": {"alignment": wrap},
        "input": {"alignment": wrap, "protection": Protection(locked=False)},
    }


class _Styles:
    """Cell styles, each set once on a first cell and copied to the others.

    Setting a style through openpyxl's attributes looks it up in the workbook's style table
    every time (most of the export's time for 800 workbooks); copying a styled cell's style
    reference does not.
    """

    def __init__(self) -> None:
        self._first: dict[str, Any] = {}
        self._styles = _styles()

    def apply(self, cell: Any, kind: form.CellKind) -> None:
        first = self._first.get(kind)
        if first is None:
            for attribute, value in self._styles[kind].items():
                setattr(cell, attribute, value)
            self._first[kind] = cell
        else:
            cell._style = copy.copy(first._style)  # a private attribute: see the docstring


def _sheet(sheet: Any, content: form.Sheet) -> None:
    from openpyxl.utils import get_column_letter

    styles = _Styles()
    for row, cells in enumerate(content.rows, start=1):
        for column, cell in enumerate(cells, start=1):
            if cell is None:
                continue
            target = sheet.cell(row, column)
            if cell.text:
                # Concept text into a cell: always text, never a formula (formula injection).
                target.value = cell.text
                target.data_type = "s"
            styles.apply(target, cell.kind)
    for row, height in enumerate(content.heights, start=1):
        if height is not None:
            sheet.row_dimensions[row].height = height
    for column, width in enumerate(content.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for choices in content.choices:
        _choices(sheet, choices)
    last_row = max(len(content.rows), 1)
    last_column = get_column_letter(len(content.widths))
    if content.frozen != (0, 0):
        rows, columns = content.frozen
        sheet.freeze_panes = f"{get_column_letter(columns + 1)}{rows + 1}"
    if content.autofilter:
        sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    _print_setup(sheet, content)
    if content.printed_columns:
        first, last = (get_column_letter(c) for c in content.printed_columns)
        sheet.print_area = f"{first}1:{last}{last_row}"
    _protect(sheet)


def _choices(sheet: Any, choices: form.Choices) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices.values) + '"',
        allow_blank=True,
        showErrorMessage=choices.strict,
    )
    if choices.strict:
        validation.errorTitle, validation.error = choices.title, choices.error
    if choices.prompt:
        validation.showInputMessage = True
        validation.promptTitle, validation.prompt = choices.title, choices.prompt
    sheet.add_data_validation(validation)
    column = get_column_letter(choices.column)
    validation.add(f"{column}{choices.first}:{column}{choices.last}")


def _print_setup(sheet: Any, content: form.Sheet) -> None:
    from openpyxl.worksheet.page import PageMargins

    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if content.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if content.title_rows:
        sheet.print_title_rows = f"1:{content.title_rows}"


def _protect(sheet: Any) -> None:
    """Only the unlocked input cells can be changed; rows and columns may be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False


def read(path: Path) -> Book:
    """The workbook's properties and cell values (formulas as the text typed, never
    evaluated: what a cell says is kept). The file has passed the checks in `book`."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=False, keep_vba=False, keep_links=False)
    try:
        properties = {item.name: str(item.value) for item in workbook.custom_doc_props.props}
        sheets = {
            sheet.title: trimmed(
                [tuple(_value(v) for v in row) for row in sheet.iter_rows(values_only=True)]
            )
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()
    return Book(properties, sheets)


def _value(value: Any) -> str | None:
    """A cell as text: what the import compares and reports."""
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return f"{value:%d.%m.%Y}"
    return str(value)
