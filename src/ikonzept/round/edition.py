"""`edition new`: start the next edition of a concept.

The new edition is a copy of the concept (or the concept itself, in a clean git work tree)
whose `ausgabe` says: the next number, today's date, not yet adopted, and the previous
edition frozen as a snapshot inside the folder (`ausgaben/N.json`, its SHA-256 recorded),
so that it stays comparable after its own folder is gone.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import IkonzeptError, UsageError
from ikonzept.edit.yamltext import YamlFile
from ikonzept.model import Konzept

SNAPSHOTS = "ausgaben"
# Not copied into the next edition: the feedback round belongs to the edition it was for.
_NOT_COPIED = ("rueckmeldungen",)


class EditionError(IkonzeptError):
    """The next edition cannot be started here without overwriting something."""


@dataclass(frozen=True, slots=True)
class NewEdition:
    root: Path
    nummer: int
    bezeichnung: str
    snapshot: str  # relative to the new edition's folder
    pruefsumme: str


def new_edition(source: Path, target: Path | None, stand: dt.date) -> NewEdition:
    """Start the next edition in ``target`` (a new folder) or, without it, in ``source``."""
    from ikonzept.pipeline.validate import valid_concept

    konzept = valid_concept(source, "Eine neue Ausgabe beginnt mit einer gültigen.")
    snapshot = f"{SNAPSHOTS}/{konzept.ausgabe.nummer}.json"
    if target is None:
        _require_clean_git(source)
        if (source / snapshot).exists():
            raise EditionError(f"„{source / snapshot}“ gibt es schon; nichts geändert.")
        return _advance(source, konzept, snapshot, stand)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise EditionError(
            f"„{target}“ gibt es schon und ist nicht leer; ikonzept überschreibt nichts. "
            "Wählen Sie mit --to einen neuen Ordner."
        )
    # Assemble the new edition next to its place and move it there at the end: a failure
    # leaves no half-made folder behind.
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-", dir=target.parent) as work:
        staged = Path(work) / "ausgabe"
        shutil.copytree(source, staged, ignore=_ignoring(source), symlinks=True)
        edition = _advance(staged, konzept, snapshot, stand)
        if target.exists():
            target.rmdir()  # empty, checked above
        staged.rename(target)
    return NewEdition(target, edition.nummer, edition.bezeichnung, snapshot, edition.pruefsumme)


def _ignoring(source: Path) -> Callable[[str, list[str]], set[str]]:
    """What copytree leaves out: hidden files, and the last round's feedback folder."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == source
        return {n for n in names if n.startswith(".") or (top and n in _NOT_COPIED)}

    return ignored


def _advance(root: Path, konzept: Konzept, snapshot: str, stand: dt.date) -> NewEdition:
    """Freeze the edition in ``root`` and make its konzept.yaml the next one."""
    from ikonzept.pipeline.snapshot import checksum, to_json

    data = to_json(konzept).encode("utf-8")
    pruefsumme = checksum(data)
    konzept_yaml = YamlFile(root / "konzept.yaml", "konzept.yaml")
    ausgabe = ("ausgabe",)
    konzept_yaml.set(ausgabe, "nummer", konzept.ausgabe.nummer + 1)
    konzept_yaml.set(ausgabe, "stand", stand)
    konzept_yaml.remove(ausgabe, "beschlossen")
    konzept_yaml.set(ausgabe, "vorgaenger", snapshot, after=("stand",))
    konzept_yaml.set(ausgabe, "vorgaenger_pruefsumme", pruefsumme, after=("vorgaenger",))
    konzept_yaml.result()  # checked before anything is written
    frozen = root / snapshot
    fsutil.write_bytes(frozen, data)
    try:
        konzept_yaml.save()
    except BaseException:
        frozen.unlink(missing_ok=True)
        raise
    from ikonzept.model import Ausgabe

    nummer = konzept.ausgabe.nummer + 1
    return NewEdition(root, nummer, Ausgabe(nummer, stand).bezeichnung, snapshot, pruefsumme)


def _require_clean_git(folder: Path) -> None:
    """In place only where git keeps the old edition: a work tree without open changes."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=True
        ).stdout

    try:
        inside = git("rev-parse", "--is-inside-work-tree").strip() == "true"
        changes = git("status", "--porcelain", "--", ".") if inside else ""
    except (OSError, subprocess.CalledProcessError):
        inside, changes = False, ""
    if not inside:
        raise UsageError(
            f"„{folder}“ liegt nicht in einem git-Arbeitsbaum. Ohne --to schreibt "
            "`edition new` die neue Ausgabe in denselben Ordner; die vorige bliebe dann nur "
            "als Schnappschuss erhalten. Geben Sie mit --to einen neuen Ordner an."
        )
    if changes.strip():
        raise UsageError(
            f"In „{folder}“ gibt es nicht eingecheckte Änderungen. Checken Sie sie ein "
            "(git commit), damit die vorige Ausgabe in der git-Geschichte bleibt, oder geben "
            "Sie mit --to einen neuen Ordner an."
        )
