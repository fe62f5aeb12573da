"""Fill in exported feedback forms the way an actor does in a spreadsheet program."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

Answer = tuple[str | None, str | None, str | None]  # Stand neu, Begründung, Anmerkung


def fill(
    path: Path,
    answers: dict[str, Answer],
    proposals: list[tuple[str, ...]] = (),  # type: ignore[assignment]
    target: Path | None = None,
) -> Path:
    """Write ``answers`` (by measure id) and ``proposals`` into the form; save to ``target``."""
    book = load_workbook(path)
    sheet = book["Maßnahmen"]
    header = [cell.value for cell in sheet[1]]
    columns = {
        name: header.index(name) + 1 for name in ("ID", "Stand neu", "Begründung", "Anmerkung")
    }
    for row in range(2, sheet.max_row + 1):
        ident = sheet.cell(row, columns["ID"]).value
        if ident in answers:
            for name, value in zip(
                ("Stand neu", "Begründung", "Anmerkung"), answers[ident], strict=True
            ):
                if value is not None:
                    sheet.cell(row, columns[name]).value = value
    for row, values in enumerate(proposals, start=2):
        for column, value in enumerate(values, start=1):
            book["Neue Vorschläge"].cell(row, column).value = value
    target = target or path
    book.save(target)
    return target


def fill_ods(
    path: Path,
    answers: dict[str, Answer],
    proposals: list[tuple[str, ...]] = (),  # type: ignore[assignment]
    target: Path | None = None,
) -> Path:
    """``fill`` for a form in OpenDocument format, with odfpy as a spreadsheet would."""
    from odf.opendocument import load
    from odf.table import Table

    document = load(str(path))
    tables = {t.getAttribute("name"): t for t in document.spreadsheet.getElementsByType(Table)}
    rows = _ods_rows(tables["Maßnahmen"])
    header = [_ods_text(cell) for cell in rows[0]]
    columns = [header.index(name) for name in ("Stand neu", "Begründung", "Anmerkung")]
    for cells in rows[1:]:
        ident = _ods_text(cells[header.index("ID")])
        for column, value in zip(columns, answers.get(ident, ()), strict=False):
            if value is not None:
                _ods_set(cells[column], value)
    for cells, values in zip(_ods_rows(tables["Neue Vorschläge"])[1:], proposals, strict=False):
        for cell, value in zip(cells, values, strict=False):
            if value is not None:
                _ods_set(cell, value)
    target = target or path
    document.save(str(target))
    return target


def _ods_rows(table: object) -> list[list[object]]:
    from odf.table import TableCell, TableRow

    return [row.getElementsByType(TableCell) for row in table.getElementsByType(TableRow)]  # type: ignore[attr-defined]


def _ods_text(cell: object) -> str:
    from odf import teletype

    return str(teletype.extractText(cell))


def _ods_set(cell: object, value: str) -> None:
    from odf.text import P

    for child in list(cell.childNodes):  # type: ignore[attr-defined]
        cell.removeChild(child)  # type: ignore[attr-defined]
    cell.setAttribute("valuetype", "string")  # type: ignore[attr-defined]
    cell.addElement(P(text=value))  # type: ignore[attr-defined]
