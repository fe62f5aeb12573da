"""Forms as OpenDocument spreadsheets (.ods), written with odfpy (`ods_read` reads them).

ODF is the standard document format of many German administrations, and what LibreOffice
Calc saves unless told otherwise. odfpy builds and reads the ODF XML of every part, with
defusedxml for the parsing; the form's protection, drop-down lists, frozen panes and print
setup are plain ODF (and LibreOffice settings) written here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from ikonzept.round.feedback import form

_FILL = "#dde6f0"
_POINT_PER_CHARACTER = 7.0  # a column's width in characters of Calibri 11, as Calc converts it
# Fixed times in the archive: the same form gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write(content: form.Form) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet

    document = OpenDocumentSpreadsheet()
    styles = _Styles(document)
    _meta(document, content)
    validations = _validations(document, content)
    for sheet in content.sheets:
        document.spreadsheet.addElement(_table(sheet, styles, validations))
    _database_ranges(document, content)
    _settings(document, content)
    buffer = io.BytesIO()
    document.write(buffer)
    return _fixed_times(buffer.getvalue())


# A style's properties (elements) and its own attributes.
_Made = tuple[list[Any], dict[str, str]]


class _Styles:
    """The automatic styles of cells, columns, rows and tables, made once each."""

    def __init__(self, document: Any) -> None:
        from odf.style import FontFace

        self.document = document
        self._made: dict[tuple[str, ...], str] = {}
        document.fontfacedecls.addElement(
            FontFace(name="Calibri", fontfamily="Calibri", fontfamilygeneric="swiss")
        )

    def _style(self, key: tuple[str, ...], family: str, make: Callable[[], _Made]) -> str:
        """The style for ``key``, made with the properties ``make`` gives the first time."""
        from odf.style import Style

        name = self._made.get(key)
        if name is None:
            name = f"{family[:2]}{len(self._made) + 1}"
            properties, extra = make()
            style = Style(name=name, family=family, **extra)
            for item in properties:
                style.addElement(item)
            self.document.automaticstyles.addElement(style)
            self._made[key] = name
        return name

    def cell(self, kind: form.CellKind) -> str:
        return self._style(("cell", kind), "table-cell", lambda: _cell_properties(kind))

    def column(self, width: float) -> str:
        from odf.style import TableColumnProperties

        size = f"{width * _POINT_PER_CHARACTER:.2f}pt"
        return self._style(
            ("column", size),
            "table-column",
            lambda: ([TableColumnProperties(columnwidth=size)], {}),
        )

    def row(self, height: float | None) -> str:
        from odf.style import TableRowProperties

        def make() -> _Made:
            if height is None:
                return [TableRowProperties(useoptimalrowheight="true")], {}
            size = f"{height:.2f}pt"
            return [TableRowProperties(rowheight=size, useoptimalrowheight="false")], {}

        return self._style(("row", str(height)), "table-row", make)

    def table(self, landscape: bool) -> str:
        from odf.style import TableProperties

        master = self._master(landscape)
        return self._style(
            ("table", master),
            "table",
            lambda: ([TableProperties(display="true")], {"masterpagename": master}),
        )

    def _master(self, landscape: bool) -> str:
        """A page style for A4, fitted to the page's width when printed."""
        from odf.namespaces import STYLENS
        from odf.style import MasterPage, PageLayout, PageLayoutProperties

        name = "Quer" if landscape else "Hoch"
        if ("master", name) in self._made:
            return name
        width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
        properties = PageLayoutProperties(
            pagewidth=width,
            pageheight=height,
            printorientation="landscape" if landscape else "portrait",
            margintop="1.5cm",
            marginbottom="1.5cm",
            marginleft="1.3cm",
            marginright="1.3cm",
        )
        properties.setAttrNS(STYLENS, "scale-to-X", "1")
        properties.setAttrNS(STYLENS, "scale-to-Y", "0")
        layout = PageLayout(name=f"Seite{name}")
        layout.addElement(properties)
        self.document.automaticstyles.addElement(layout)
        self.document.masterstyles.addElement(MasterPage(name=name, pagelayoutname=layout))
        self._made[("master", name)] = name
        return name


def _cell_properties(kind: form.CellKind) -> _Made:
    from odf.style import ParagraphProperties, TableCellProperties, TextProperties

    text: dict[str, str] = {"fontname": "Calibri", "fontsize": "11pt"}
    cell = {"wrapoption": "wrap", "verticalalign": "top", "cellprotect": "protected"}
    if kind in ("title", "bold", "header"):
        text["fontweight"] = "bold"
    if kind == "title":
        text["fontsize"] = "12pt"
    if kind == "id":
        text.update(fontsize="9pt", color="#595959")
    if kind == "header":
        cell["backgroundcolor"] = _FILL
    if kind == "input":
        cell["cellprotect"] = "none"
    return [TableCellProperties(**cell), ParagraphProperties(), TextProperties(**text)], {}


def _meta(document: Any, content: form.Form) -> None:
    from odf.dc import Date, Title
    from odf.meta import CreationDate, InitialCreator, UserDefined

    stamp = content.created.isoformat()
    for element in (
        Title(text=content.title),
        InitialCreator(text=content.creator),
        CreationDate(text=stamp),
        Date(text=stamp),
    ):
        document.meta.addElement(element)
    for name, value in content.properties:
        document.meta.addElement(UserDefined(name=name, valuetype="string", text=value))


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _address(sheet: str, column: int, row: int) -> str:
    """A cell's address in ODF's formula syntax: 'Blatt'.B2."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{_quoted(sheet)}.{letters}{row}"


def _validations(document: Any, content: form.Form) -> dict[tuple[str, int, int], str]:
    """The drop-down lists; returns the validation's name by (sheet, row, column)."""
    from odf.table import ContentValidation, ContentValidations, ErrorMessage, HelpMessage
    from odf.text import P

    names: dict[tuple[str, int, int], str] = {}
    container = ContentValidations()
    for sheet in content.sheets:
        for choices in sheet.choices:
            name = f"Auswahl{len(container.childNodes) + 1}"
            listed = ";".join('"' + value.replace('"', '""') + '"' for value in choices.values)
            validation = ContentValidation(
                name=name,
                condition=f"of:cell-content-is-in-list({listed})",
                allowemptycell="true",
                basecelladdress=_address(sheet.name, choices.column, choices.first),
                displaylist="unsorted",
            )
            if choices.prompt:
                help_ = HelpMessage(title=choices.title, display="true")
                help_.addElement(P(text=choices.prompt))
                validation.addElement(help_)
            error = ErrorMessage(
                title=choices.title,
                display="true" if choices.strict else "false",
                messagetype="stop",
            )
            error.addElement(P(text=choices.error))
            validation.addElement(error)
            container.addElement(validation)
            for row in range(choices.first, choices.last + 1):
                names[(sheet.name, row, choices.column)] = name
    if container.childNodes:
        document.spreadsheet.addElement(container)
    return names


def _table(sheet: form.Sheet, styles: _Styles, validations: dict[tuple[str, int, int], str]) -> Any:
    from odf.table import Table, TableColumn, TableHeaderRows

    table = Table(name=sheet.name, stylename=styles.table(sheet.landscape), protected="true")
    if sheet.printed_columns:
        first, last = sheet.printed_columns
        end = max(len(sheet.rows), 1)
        table.setAttribute(
            "printranges",
            f"{_address(sheet.name, first, 1)}:{_address(sheet.name, last, end)}",
        )
    for width in sheet.widths:
        table.addElement(TableColumn(stylename=styles.column(width)))
    header = TableHeaderRows() if sheet.title_rows else None
    if header is not None:
        table.addElement(header)
    for number, cells in enumerate(sheet.rows, start=1):
        height = sheet.heights[number - 1] if number <= len(sheet.heights) else None
        row = _row(sheet, number, cells, styles, height, validations)
        (header if header is not None and number <= sheet.title_rows else table).addElement(row)
    return table


def _row(
    sheet: form.Sheet,
    number: int,
    cells: tuple[form.Cell | None, ...],
    styles: _Styles,
    height: float | None,
    validations: dict[tuple[str, int, int], str],
) -> Any:
    from odf.namespaces import OFFICENS, TABLENS
    from odf.table import TableCell, TableRow
    from odf.text import P

    # Attributes by their qualified names: odfpy looks a keyword name up among all allowed
    # attributes on every call, half the time of writing a form.
    row = TableRow(qattributes={(TABLENS, "style-name"): styles.row(height)})
    for column, cell in enumerate(cells, start=1):
        if cell is None:
            row.addElement(TableCell())
            continue
        attributes = {(TABLENS, "style-name"): styles.cell(cell.kind)}
        validation = validations.get((sheet.name, number, column))
        if validation:
            attributes[(TABLENS, "content-validation-name")] = validation
        if cell.text:  # always a string: text from the concept never becomes a formula
            attributes[(OFFICENS, "value-type")] = "string"
        element = TableCell(qattributes=attributes)
        if cell.text:
            for line in cell.text.split("\n"):
                element.addElement(P(text=line))
        row.addElement(element)
    return row


def _database_ranges(document: Any, content: form.Form) -> None:
    """An autofilter, as Calc writes one: a database range with filter buttons."""
    from odf.table import DatabaseRange, DatabaseRanges

    ranges = DatabaseRanges()
    for sheet in content.sheets:
        if sheet.autofilter:
            end = max(len(sheet.rows), 1)
            target = f"{_address(sheet.name, 1, 1)}:{_address(sheet.name, len(sheet.widths), end)}"
            ranges.addElement(
                DatabaseRange(
                    name=f"__Anonymous_Sheet_DB__{content.sheets.index(sheet)}",
                    targetrangeaddress=target,
                    displayfilterbuttons="true",
                )
            )
    if ranges.childNodes:
        document.spreadsheet.addElement(ranges)


def _settings(document: Any, content: form.Form) -> None:
    """What LibreOffice keeps in settings.xml: the sheet to open on, and frozen panes."""
    from odf.config import (
        ConfigItem,
        ConfigItemMapEntry,
        ConfigItemMapIndexed,
        ConfigItemMapNamed,
        ConfigItemSet,
    )

    def item(name: str, kind: str, value: object) -> Any:
        return ConfigItem(name=name, type=kind, text=str(value))

    tables = ConfigItemMapNamed(name="Tables")
    for sheet in content.sheets:
        rows, columns = sheet.frozen
        entry = ConfigItemMapEntry(name=sheet.name)
        if (rows, columns) != (0, 0):
            for name, kind, value in (
                ("HorizontalSplitMode", "short", 2 if columns else 0),
                ("VerticalSplitMode", "short", 2 if rows else 0),
                ("HorizontalSplitPosition", "int", columns),
                ("VerticalSplitPosition", "int", rows),
                ("ActiveSplitRange", "short", 2),
                ("PositionLeft", "int", 0),
                ("PositionRight", "int", columns),
                ("PositionTop", "int", 0),
                ("PositionBottom", "int", rows),
            ):
                entry.addElement(item(name, kind, value))
        tables.addElement(entry)
    view = ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    view.addElement(tables)
    view.addElement(item("ActiveTable", "string", content.sheets[content.active].name))
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    document.settings.addElement(settings)


def _fixed_times(data: bytes) -> bytes:
    """The archive again, with fixed times; the uncompressed mimetype stays first."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            copy = zipfile.ZipInfo(part.filename, _ZIP_TIME)
            copy.compress_type = part.compress_type
            copy.external_attr = 0o644 << 16
            target.writestr(copy, source.read(part))
    return out.getvalue()
