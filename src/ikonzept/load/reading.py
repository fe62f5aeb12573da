"""Read one concept file as text; every way that can fail becomes a German finding.

The operating system's own error texts are English (``strerror``), so they are never shown:
the errno is translated instead.
"""

from __future__ import annotations

import codecs
import errno
import os
from pathlib import Path

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding

MAX_FILE_BYTES = 5 * 1024 * 1024

_SAVE_AS_UTF8 = (
    "Speichern Sie die Datei mit der Kodierung UTF-8 (in VS Code: unten rechts auf die "
    "Kodierung klicken → „Mit Codierung speichern“ → UTF-8)."
)
# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_REASONS = {
    errno.ENOENT: "Die Datei gibt es nicht (eine Verknüpfung zeigt ins Leere).",
    errno.EACCES: "Es besteht keine Leseberechtigung; prüfen Sie die Zugriffsrechte.",
    errno.EPERM: "Das Betriebssystem verweigert den Zugriff; prüfen Sie die Zugriffsrechte.",
    errno.ENOTDIR: "Ein Teil des Pfads ist eine Datei, wo ein Ordner stehen müsste.",
    errno.EIO: "Der Datenträger meldet einen Lesefehler.",
    errno.ENAMETOOLONG: "Der Name oder Pfad ist zu lang.",
}


def os_reason(error: OSError) -> str:
    """Why the system refused, in German; the English ``strerror`` is never used."""
    reason = _REASONS.get(error.errno or 0)
    if reason:
        return reason
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return f"Das Betriebssystem meldet einen Fehler (Fehlercode {code})."


def unreadable(rel: str, error: OSError) -> Finding:
    """IK006 for a file or folder the system would not let us read."""
    if error.errno == errno.ELOOP:
        message = (
            f"Die Verknüpfung „{rel}“ zeigt im Kreis (auf sich selbst oder über andere "
            "Verknüpfungen zurück) und kann nicht gelesen werden. Lassen Sie sie auf das "
            "Gemeinte zeigen oder ersetzen Sie sie durch die Datei oder den Ordner selbst."
        )
    elif error.errno == errno.EISDIR:
        message = f"„{rel}“ ist ein Ordner, keine Datei."
    else:
        message = f"„{rel}“ kann nicht gelesen werden. {os_reason(error)}"
        if error.errno == errno.ENOENT and error.filename and os.path.islink(error.filename):
            message += f" Die Verknüpfung zeigt auf „{os.readlink(error.filename)}“."
    return finding("IK006", rel, message)


def read_text(path: Path, rel: str) -> str | Finding:
    """The file's text (UTF-8, a BOM is accepted), or the finding that says why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return finding(
                "IK007",
                rel,
                f"Die Datei ist {size / 1024 / 1024:.1f} MB groß; erlaubt sind höchstens "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB. Teilen Sie sie auf mehrere Dateien auf.",
            )
        data = path.read_bytes()
    except OSError as error:
        return unreadable(rel, error)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    else:
        problem = _not_text(data)
        if problem:
            return finding("IK004", rel, problem, line=1, column=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _encoding_finding(rel, data, error.start)


def _not_text(data: bytes) -> str | None:
    """Name a wide Unicode encoding or a binary file; NUL bytes never occur in UTF-8 text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _wide(name)
    if b"\x00" not in data:
        return None
    if _utf16_without_bom(data):
        return _wide("UTF-16")
    return (
        "Die Datei enthält Null-Bytes und ist vermutlich keine Textdatei (etwa ein Bild oder "
        "ein Word-Dokument, das die Endung .yaml bekommen hat). Konzeptdateien sind Text im "
        "YAML-Format: Entfernen oder ersetzen Sie die Datei."
    )


def _wide(name: str) -> str:
    return (
        f"Die Datei ist als {name} gespeichert (in Windows-Editoren oft „Unicode“ genannt), "
        f"nicht als UTF-8. {_SAVE_AS_UTF8} Im Windows-Editor: „Speichern unter“ → unten bei "
        "„Codierung“ UTF-8 wählen."
    )


def _utf16_without_bom(data: bytes) -> bool:
    # Text in UTF-16 decodes to mostly Latin letters; a binary file decodes to noise.
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        latin = sum(1 for c in text if c in "\t\n\r" or (c.isprintable() and ord(c) < 0x250))
        if latin >= 0.9 * len(text):
            return True
    return False


def _encoding_finding(rel: str, data: bytes, offset: int) -> Finding:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    byte = data[offset]
    try:
        data.decode("cp1252")
        as_cp1252 = bytes([byte]).decode("cp1252")
        guess = (
            f"Das Byte 0x{byte:02X} ist in Windows-1252 das Zeichen „{as_cp1252}“: Die Datei "
            "wurde vermutlich als Windows-1252 gespeichert (etwa aus Word oder Excel). "
        )
    except UnicodeDecodeError:
        guess = f"Das Byte 0x{byte:02X} ist in UTF-8 nicht erlaubt. "
    return finding(
        "IK004",
        rel,
        f"Die Datei ist nicht UTF-8-kodiert. {guess}{_SAVE_AS_UTF8}",
        line=line,
        column=column,
    )
