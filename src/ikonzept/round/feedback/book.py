"""A returned form as the import sees it, whatever program saved it; and the checks an
untrusted file gets before any spreadsheet library reads it.

The format is told from the file's content, not its name: a form renamed, or saved in a
format we do not read, gets a message that says how to save it so that we can.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ikonzept.round.feedback.form import Book

MAX_FILE_BYTES = 5 * 1024 * 1024  # a filled form is some 20 kB
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200  # unpacked to packed, per part: more is a zip bomb, not a spreadsheet

ODS_TYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)
# How to save a form so that it can be read: the accepted formats, in the programs' words.
HOW_TO_SAVE = (
    "Angenommen werden .xlsx und .ods. In LibreOffice: Datei → Speichern unter … → Dateityp "
    "„ODF-Tabellendokument (.ods)“ oder „Excel 2007–365 (.xlsx)“; in Excel: Datei → "
    "Speichern unter → Dateityp „Excel-Arbeitsmappe (*.xlsx)“."
)
# ODF documents keep macros in these folders, and bind them to events with script links.
_ODF_MACRO_FOLDERS = ("basic/", "scripts/")
_ODF_MACRO_MARKS = re.compile(rb"vnd\.sun\.star\.script:|<script:event-listener|macro:///")


class Refused(Exception):
    """The file is not a form that can be read; the message says why, in German."""


def open_book(path: Path) -> Book:
    """The form in ``path``, after the checks an untrusted file needs."""
    from ikonzept.round.feedback import ods_read, xlsx

    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        raise Refused("Die Datei gibt es nicht oder sie ist nicht lesbar.") from None
    if size > MAX_FILE_BYTES:
        raise Refused(
            f"Die Datei ist {size // 1024} kB groß; ein Rückmeldebogen hat höchstens einige "
            "hundert kB."
        )
    if not head.startswith(b"PK\x03\x04"):
        raise Refused(_not_a_workbook(path, head))
    try:
        with zipfile.ZipFile(path) as archive:
            kind = _kind(archive)
            _refuse_bombs(archive)
            if kind == "ods":
                _refuse_odf_macros(archive)
            else:
                _refuse_ooxml_macros(archive, path)
    except zipfile.BadZipFile:
        raise Refused(f"Die Datei ist beschädigt. {HOW_TO_SAVE}") from None
    reader = ods_read.read if kind == "ods" else xlsx.read
    try:
        return reader(path)
    except Exception:
        raise Refused(
            f"Die Datei lässt sich nicht als Tabelle lesen (beschädigt?). {HOW_TO_SAVE}"
        ) from None


def _not_a_workbook(path: Path, head: bytes) -> str:
    """What the file is instead, as far as its first bytes and its name tell."""
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Excel 97–2003, or encrypted with a password
        what = (
            "Das ist eine Arbeitsmappe im alten Excel-Format (.xls) oder eine mit Kennwort "
            "geschützte. Bitte ohne Kennwort neu speichern."
        )
    elif suffix in (".csv", ".tsv", ".txt"):
        what = (
            "Das ist eine Textdatei (CSV); darin fehlen die Angaben, zu welchem Konzept der "
            "Bogen gehört. Bitte den Bogen selbst ausfüllen und speichern."
        )
    elif suffix == ".fods" or head.lstrip().startswith(b"<?xml"):
        what = "Das ist ein Tabellendokument als einzelne XML-Datei (.fods)."
    else:
        what = "Das ist keine Tabellenkalkulationsdatei."
    return f"{what} {HOW_TO_SAVE}"


def _kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        if mimetype in ODS_TYPES:
            return "ods"
        raise Refused(
            f"Das ist ein ODF-Dokument, aber kein Tabellendokument ({mimetype}). {HOW_TO_SAVE}"
        )
    if "[Content_Types].xml" in names:
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        raise Refused(f"Das ist ein Office-Dokument, aber keine Arbeitsmappe. {HOW_TO_SAVE}")
    if any(name.startswith("Index/") for name in names):
        raise Refused(f"Das ist eine Numbers-Tabelle (Apple). {HOW_TO_SAVE}")
    raise Refused(f"Das ist ein ZIP-Archiv, keine Tabelle. {HOW_TO_SAVE}")


def _refuse_bombs(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES or any(
        part.file_size > MAX_RATIO * max(part.compress_size, 1) and part.file_size > 1 << 20
        for part in parts
    ):
        raise Refused("Die Datei entpackt sich auf ein Vielfaches ihrer Größe; abgelehnt.")


def _refuse_ooxml_macros(archive: zipfile.ZipFile, path: Path) -> None:
    if path.suffix.lower() in (".xlsm", ".xltm") or any(
        part.filename.lower().endswith("vbaproject.bin") for part in archive.infolist()
    ):
        raise Refused(_MACROS)
    if b"macroEnabled" in archive.read("[Content_Types].xml"):
        raise Refused(_MACROS)


def _refuse_odf_macros(archive: zipfile.ZipFile) -> None:
    """Basic modules and scripts live in folders of their own; events and links bind them."""
    for part in archive.infolist():
        name = part.filename.lower()
        if name.startswith(_ODF_MACRO_FOLDERS) and not part.is_dir():
            raise Refused(_MACROS)
        if name.endswith(".xml") and _ODF_MACRO_MARKS.search(archive.read(part)):
            raise Refused(_MACROS)


_MACROS = (
    "Die Datei enthält Makros oder Skripte; sie wird nicht angenommen. Bitte den Bogen ohne "
    "Makros speichern (als .xlsx oder .ods)."
)
