"""Load one side of a comparison: a concept folder, a snapshot ``konzept.json``, or a
concept folder at a git revision (``REV:pfad``)."""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base.errors import ConceptFolderError, UsageError
from ikonzept.base.findings import Finding
from ikonzept.model import Konzept


@dataclass(frozen=True, slots=True)
class Side:
    konzept: Konzept
    quelle: str


class InvalidSideError(UsageError):
    """One side of the comparison has errors; they are shown like `validate` shows them."""

    def __init__(self, quelle: str, findings: tuple[Finding, ...], root: Path) -> None:
        super().__init__(f"„{quelle}“ enthält Fehler; verglichen wird nur Gültiges.")
        self.quelle = quelle
        self.findings = findings
        self.root = root


def load_side(spec: str, cwd: Path) -> Side:
    """Load ``spec``: a folder, a ``.json`` snapshot or ``REV:pfad`` in a git repository."""
    path = cwd / spec
    if path.suffix == ".json" and path.is_file():
        return _from_snapshot(path, spec)
    if path.exists():
        return _from_folder(path, spec)
    if ":" in spec:
        revision, _, inner = spec.partition(":")
        return _from_git(revision, inner or ".", cwd, spec)
    raise ConceptFolderError(
        f"„{spec}“ gibt es nicht (weder Ordner noch konzept.json noch REV:pfad)."
    )


def _from_folder(root: Path, quelle: str) -> Side:
    from ikonzept.pipeline.folder import conclude, read_folder

    result = conclude(read_folder(root), warnings=False)
    if result.failed() or result.konzept is None:
        raise InvalidSideError(quelle, result.findings, root)
    return Side(result.konzept, quelle)


def _from_snapshot(path: Path, quelle: str) -> Side:
    from ikonzept.check import schema
    from ikonzept.model.assemble import assemble
    from ikonzept.pipeline.snapshot import FORMAT, documents

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"„{quelle}“ ist kein lesbarer Schnappschuss ({error}).") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(f"„{quelle}“ ist kein Schnappschuss von ikonzept (format: {FORMAT}).")
    parts = documents(data, path.name)
    problems = tuple(f for d in parts for f in schema.check(d.kind, d.data, d.rel))
    konzept = assemble(parts) if not problems else None
    if konzept is None:
        raise InvalidSideError(quelle, problems, path.parent)
    return Side(konzept, quelle)


def _from_git(revision: str, inner: str, cwd: Path, quelle: str) -> Side:
    def git(*args: str, where: Path | str = cwd) -> bytes:
        return subprocess.run(["git", *args], cwd=where, capture_output=True, check=True).stdout

    try:
        top = git("rev-parse", "--show-toplevel").decode().strip()
        prefix = git("rev-parse", "--show-prefix").decode().strip()
        archive = git(
            "archive", "--format=tar", revision, "--", f"{prefix}{inner}".rstrip("/"), where=top
        )
    except FileNotFoundError as error:
        raise UsageError("Für „REV:pfad“ wird git benötigt; es ist nicht installiert.") from error
    except subprocess.CalledProcessError as error:
        raise UsageError(
            f"„{quelle}“ lässt sich aus git nicht lesen: Gibt es die Revision „{revision}“ "
            f"und darin den Ordner „{inner}“?"
        ) from error
    with tempfile.TemporaryDirectory(prefix="ikonzept-") as temporary:
        import io

        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            extract(tar, Path(temporary))
        root = Path(temporary) / prefix / inner
        return _from_folder(root, quelle)


def extract(tar: tarfile.TarFile, target: Path) -> None:
    """The archive's files and folders below ``target``; links, devices and names that
    lead out of it are left out.

    Python 3.11.4 and newer filter so themselves (``filter="data"``); Debian 12's Python
    3.11.2 knows no filter and would follow a name like ``../x`` out of ``target``.
    """
    if hasattr(tarfile, "data_filter"):
        tar.extractall(target, filter="data")
        return
    inside = [
        member
        for member in tar.getmembers()
        if (member.isfile() or member.isdir())
        and not Path(member.name).is_absolute()
        and ".." not in Path(member.name).parts
    ]
    tar.extractall(target, members=inside)
