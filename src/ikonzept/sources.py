"""Find the files of a concept folder and read them as text, safely.

Only files inside the concept folder are read: links that point elsewhere are reported,
never followed. Decoding problems become findings, not exceptions.
"""

from __future__ import annotations

import codecs
import difflib
import enum
from dataclasses import dataclass
from pathlib import Path

from ikonzept.errors import ConceptFolderError
from ikonzept.findings import Finding
from ikonzept.rules import finding

MAX_FILE_BYTES = 5 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")


class Kind(enum.Enum):
    """The file kinds of FORMAT.md; the value names the schema."""

    KONZEPT = "konzept"
    HANDLUNGSFELD = "handlungsfeld"
    AKTEUR = "akteur"
    GLOSSAR = "glossar"
    ABKUERZUNGEN = "abkuerzungen"
    RECHTSGRUNDLAGEN = "rechtsgrundlagen"
    BETEILIGUNG = "beteiligung"
    VORLAGE = "vorlage"


SINGLE_FILES: dict[str, Kind] = {
    "konzept.yaml": Kind.KONZEPT,
    "glossar.yaml": Kind.GLOSSAR,
    "abkuerzungen.yaml": Kind.ABKUERZUNGEN,
    "rechtsgrundlagen.yaml": Kind.RECHTSGRUNDLAGEN,
    "beteiligung.yaml": Kind.BETEILIGUNG,
    "vorlage.yaml": Kind.VORLAGE,
}
FOLDERS: dict[str, Kind] = {"handlungsfelder": Kind.HANDLUNGSFELD, "akteure": Kind.AKTEUR}


@dataclass(frozen=True, slots=True)
class SourceFile:
    kind: Kind
    path: Path
    rel: str  # path relative to the concept folder, with forward slashes


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[SourceFile, ...]
    findings: tuple[Finding, ...]


def default_concept_dir(cwd: Path) -> Path:
    """The current folder if it is a concept, else ``./concept``."""
    return cwd if (cwd / "konzept.yaml").exists() else cwd / "concept"


def discover(root: Path) -> Discovery:
    """List the concept's files by kind; report unknown files and links leading outside."""
    if not root.exists():
        raise ConceptFolderError(f"Der Konzeptordner „{root}“ existiert nicht.")
    if not root.is_dir():
        raise ConceptFolderError(f"„{root}“ ist kein Ordner. Geben Sie den Konzeptordner an.")
    try:
        entries = sorted(root.iterdir())
    except OSError as error:
        raise ConceptFolderError(
            f"Der Konzeptordner „{root}“ kann nicht gelesen werden: {error.strerror}."
        ) from error

    real_root = root.resolve()
    files: list[SourceFile] = []
    findings: list[Finding] = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if name in SINGLE_FILES:
            _add(files, findings, real_root, SourceFile(SINGLE_FILES[name], entry, name))
        elif name in FOLDERS and entry.is_dir():
            _discover_folder(entry, FOLDERS[name], real_root, files, findings)
        elif entry.suffix in YAML_SUFFIXES:
            findings.append(_unknown_file(name, list(SINGLE_FILES)))
    if not (root / "konzept.yaml").exists():
        findings.append(
            finding(
                "IK010",
                "konzept.yaml",
                "Die Datei konzept.yaml fehlt. Sie enthält Titel, Ausgabe, Herausgeber und "
                "Kommunen des Konzepts; `ikonzept init` legt ein Grundgerüst an.",
            )
        )
    return Discovery(tuple(files), tuple(findings))


def _discover_folder(
    folder: Path,
    kind: Kind,
    real_root: Path,
    files: list[SourceFile],
    findings: list[Finding],
) -> None:
    if not _inside(folder, real_root):
        findings.append(_outside(folder.name))
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        findings.append(
            finding(
                "IK006", folder.name, f"Der Ordner kann nicht gelesen werden: {error.strerror}."
            )
        )
        return
    for entry in entries:
        rel = f"{folder.name}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if entry.suffix in YAML_SUFFIXES:
            _add(files, findings, real_root, SourceFile(kind, entry, rel))
        else:
            findings.append(
                finding(
                    "IK011",
                    rel,
                    f"„{rel}“ ist keine YAML-Datei und wird nicht gelesen. In {folder.name}/ "
                    "gehören nur Dateien mit der Endung .yaml.",
                )
            )


def _add(
    files: list[SourceFile], findings: list[Finding], real_root: Path, source: SourceFile
) -> None:
    if _inside(source.path, real_root):
        files.append(source)
    else:
        findings.append(_outside(source.rel))


def _inside(path: Path, real_root: Path) -> bool:
    return path.resolve().is_relative_to(real_root)


def _outside(rel: str) -> Finding:
    return finding(
        "IK009",
        rel,
        f"„{rel}“ ist eine Verknüpfung auf eine Datei außerhalb des Konzeptordners und wird "
        "nicht gelesen. Kopieren Sie die Datei in den Konzeptordner.",
    )


def _unknown_file(name: str, candidates: list[str]) -> Finding:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    hint = f" Meinten Sie „{close[0]}“?" if close else ""
    return finding(
        "IK011",
        name,
        f"Die Datei „{name}“ gehört zu keiner Dateiart des Formats und wird nicht gelesen.{hint}",
    )


def read_text(source: SourceFile) -> str | Finding:
    """The file's text (UTF-8, a BOM is accepted), or the finding that says why not."""
    try:
        size = source.path.stat().st_size
        if size > MAX_FILE_BYTES:
            return finding(
                "IK007",
                source.rel,
                f"Die Datei ist {size / 1024 / 1024:.1f} MB groß; erlaubt sind höchstens "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB. Teilen Sie sie auf mehrere Dateien auf.",
            )
        data = source.path.read_bytes()
    except IsADirectoryError:
        return finding("IK006", source.rel, f"„{source.rel}“ ist ein Ordner, keine Datei.")
    except OSError as error:
        return finding(
            "IK006", source.rel, f"Die Datei kann nicht gelesen werden: {error.strerror}."
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _encoding_finding(source.rel, data, error.start)


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
        f"Die Datei ist nicht UTF-8-kodiert. {guess}Speichern Sie die Datei mit der "
        "Kodierung UTF-8 (in VS Code: unten rechts auf die Kodierung klicken → "
        "„Mit Codierung speichern“ → UTF-8).",
        line=line,
        column=column,
    )
