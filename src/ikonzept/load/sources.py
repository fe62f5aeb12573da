"""Find the files of a concept folder and read them as text, safely.

Only files inside the concept folder are read: links that point elsewhere are reported,
never followed. Decoding problems become findings, not exceptions.
"""

from __future__ import annotations

import difflib
import enum
import errno
import re
from dataclasses import dataclass, field
from pathlib import Path

from ikonzept.base.errors import ConceptFolderError
from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.load.reading import os_reason, unreadable

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
    WEBSEITE = "webseite"
    PLAN = "plan"
    INDIKATOR = "indikator"
    BERICHT = "bericht"


SINGLE_FILES: dict[str, Kind] = {
    "konzept.yaml": Kind.KONZEPT,
    "glossar.yaml": Kind.GLOSSAR,
    "abkuerzungen.yaml": Kind.ABKUERZUNGEN,
    "rechtsgrundlagen.yaml": Kind.RECHTSGRUNDLAGEN,
    "beteiligung.yaml": Kind.BETEILIGUNG,
    "vorlage.yaml": Kind.VORLAGE,
    "webseite.yaml": Kind.WEBSEITE,
    "bericht.yaml": Kind.BERICHT,
}
FOLDERS: dict[str, Kind] = {
    "handlungsfelder": Kind.HANDLUNGSFELD,
    "akteure": Kind.AKTEUR,
    "plaene": Kind.PLAN,  # the towns' local action plans, one file per town
    "indikatoren": Kind.INDIKATOR,  # each with its values beside it (<id>.csv)
}
TABLE_SUFFIX = ".csv"  # an indicator's values


@dataclass(frozen=True, slots=True)
class SourceFile:
    kind: Kind
    path: Path
    rel: str  # path relative to the concept folder, with forward slashes


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files to read, and findings about the folder.

    ``incomplete`` names the kinds with a file that is there but cannot be read, so that
    references into that kind are not reported as unknown.
    """

    files: tuple[SourceFile, ...]
    findings: tuple[Finding, ...]
    incomplete: frozenset[Kind] = field(default_factory=frozenset)
    tables: tuple[SourceFile, ...] = ()  # the indicators' values (indikatoren/*.csv)


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
            f"Der Konzeptordner „{root}“ kann nicht gelesen werden. {os_reason(error)}"
        ) from error

    found = _Found(root.resolve())
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if name in SINGLE_FILES:
            found.add(SourceFile(SINGLE_FILES[name], entry, name))
        elif name in FOLDERS and (entry.is_dir() or entry.is_symlink()):
            found.add_folder(entry, FOLDERS[name])
        elif entry.suffix.lower() in YAML_SUFFIXES:
            found.findings.append(_unknown_file(entry, list(SINGLE_FILES)))
    # A konzept.yaml that exists but cannot be read has its own finding already.
    if not any(entry.name == "konzept.yaml" for entry in entries):
        found.findings.append(
            finding(
                "IK010",
                "konzept.yaml",
                "Die Datei konzept.yaml fehlt. Sie enthält Titel, Ausgabe, Herausgeber und "
                "Kommunen des Konzepts; `ikonzept init` legt ein Grundgerüst an.",
            )
        )
    return Discovery(tuple(found.files), tuple(found.findings), frozenset(found.incomplete),
                     tuple(found.tables))  # fmt: skip


class _Place(enum.Enum):
    INSIDE = "inside"
    OUTSIDE = "outside"
    LOOP = "loop"


def _place(path: Path, real_root: Path) -> _Place:
    try:
        real = path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a symlink loop
        return _Place.LOOP
    return _Place.INSIDE if real.is_relative_to(real_root) else _Place.OUTSIDE


@dataclass
class _Found:
    """What discovery collects; a file it cannot use makes its kind incomplete."""

    real_root: Path
    files: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    incomplete: set[Kind] = field(default_factory=set)
    tables: list[SourceFile] = field(default_factory=list)

    def add(self, source: SourceFile) -> None:
        place = _place(source.path, self.real_root)
        if place is _Place.INSIDE:
            self.files.append(source)
        else:
            self.refuse(source.kind, _refusal(source.rel, place, folder=False))

    def refuse(self, kind: Kind, problem: Finding) -> None:
        self.findings.append(problem)
        self.incomplete.add(kind)

    def add_folder(self, folder: Path, kind: Kind) -> None:
        place = _place(folder, self.real_root)
        if place is not _Place.INSIDE:
            self.refuse(kind, _refusal(folder.name, place, folder=True))
            return
        try:
            entries = sorted(folder.iterdir())
        except OSError as error:
            self.refuse(kind, unreadable(folder.name, error))
            return
        for entry in entries:
            rel = f"{folder.name}/{entry.name}"
            if entry.name.startswith("."):
                continue
            if entry.suffix.lower() in YAML_SUFFIXES:
                self.add(SourceFile(kind, entry, rel))
            elif kind is Kind.INDIKATOR and entry.suffix.lower() == TABLE_SUFFIX:
                if _place(entry, self.real_root) is _Place.INSIDE:
                    self.tables.append(SourceFile(kind, entry, rel))
                else:
                    self.refuse(kind, _refusal(rel, _place(entry, self.real_root), folder=False))
            else:
                self.findings.append(
                    finding(
                        "IK011",
                        rel,
                        f"„{rel}“ ist keine YAML-Datei und wird nicht gelesen. In "
                        f"{folder.name}/ gehören nur Dateien mit der Endung .yaml"
                        + (" und ihre Werte (.csv)." if kind is Kind.INDIKATOR else "."),
                    )
                )


def _refusal(rel: str, place: _Place, folder: bool) -> Finding:
    if place is _Place.LOOP:
        return unreadable(rel, OSError(errno.ELOOP, "loop"))
    if folder:
        return finding(
            "IK009",
            rel,
            f"Der Ordner „{rel}“ ist eine Verknüpfung auf einen Ordner außerhalb des "
            "Konzeptordners und wird nicht gelesen. Kopieren Sie den Ordner in den "
            "Konzeptordner.",
        )
    return finding(
        "IK009",
        rel,
        f"„{rel}“ ist eine Verknüpfung auf eine Datei außerhalb des Konzeptordners und wird "
        "nicht gelesen. Kopieren Sie die Datei in den Konzeptordner.",
    )


# Keys that give away what a misplaced file is; only the start of the file is looked at.
_LOOKS_LIKE = (
    (re.compile(r"^(?:ziele|ausgangslage)\s*:", re.M), "ein Handlungsfeld", "handlungsfelder/"),
    (re.compile(r"^(?:- )?\s*angebote\s*:", re.M), "ein Akteur", "akteure/"),
)


def _unknown_file(entry: Path, candidates: list[str]) -> Finding:
    name = entry.name
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    hint = f" Meinten Sie „{close[0]}“?" if close else _content_hint(entry)
    return finding(
        "IK011",
        name,
        f"Die Datei „{name}“ gehört zu keiner Dateiart des Formats und wird nicht gelesen.{hint}",
    )


def _content_hint(entry: Path) -> str:
    if entry.is_symlink():  # never read through links, not even a peek
        return ""
    try:
        with entry.open("rb") as stream:
            head = stream.read(8192).decode("utf-8", errors="replace")
    except OSError:
        return ""
    for pattern, what, folder in _LOOKS_LIKE:
        if pattern.search(head):
            return f" Dem Inhalt nach ist sie {what}: Sie gehört in den Ordner {folder}."
    return ""
