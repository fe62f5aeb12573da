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
