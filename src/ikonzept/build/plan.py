"""What a build makes and whether it has to: its options and result, the names of its
outputs, and the fingerprint of everything they depend on (a build whose inputs hash to
the value the last one recorded, with its outputs unchanged, is skipped)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ikonzept import __version__

if TYPE_CHECKING:
    from ikonzept.pipeline.validate import Validation

MANIFEST = ".ikonzept-build.json"
SNAPSHOT = "konzept.json"
OPARL = "vorlage.oparl.json"
DOCUMENTS = ("konzept", "vorlage", "synopse", "plaene")

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    root: Path
    out: Path
    kommune: str | None = None
    templates: Path | None = None
    html: bool = False
    variant: str | None = None
    today: dt.date | None = None
    only: str | None = None
    oparl_base: str | None = None
    # Characters of HTML per part of a long document (None: render/layout/split.py's default).
    part_size: int | None = None


@dataclass(slots=True)
class BuildResult:
    validation: Validation | None
    outputs: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    skipped: bool = False
    blocked: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    # Layouts (parts in each pass, whole documents) taken from the cache, and laid out anew.
    reused: int = 0
    laid_out: int = 0
    ahead: int = 0  # of those laid out anew: parts of pass 2 begun before pass 1 ended

    @property
    def built(self) -> bool:
        return bool(self.outputs)


def _files(folder: Path, skip: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.resolve().is_relative_to(skip):
            continue
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            yield path


def previous_edition(root: Path) -> Path | None:
    """Where `ausgabe.vorgaenger` points, read cheaply (for the fingerprint)."""
    try:
        text = (root / "konzept.yaml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"^\s+vorgaenger:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(#.*)?$", text, re.M)
    return (root / match.group(1)) if match else None


def fingerprint(options: BuildOptions, template_dirs: list[Path]) -> str:
    """Hash of everything the outputs depend on."""
    digest = hashlib.sha256()
    digest.update(f"ikonzept {__version__}\n".encode())
    digest.update(repr((options.kommune, options.html, options.variant, options.only,
                        options.oparl_base, options.part_size)).encode())  # fmt: skip
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    out = options.out.resolve()
    previous = previous_edition(options.root)
    sources = [options.root, *template_dirs]
    for folder in sources + ([previous] if previous and previous.is_dir() else []):
        for path in _files(folder, skip=out):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    if previous is not None and previous.is_file():
        digest.update(hashlib.sha256(previous.read_bytes()).digest())
    return digest.hexdigest()


def file_hash(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _manifest(out: Path) -> dict[str, object]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def up_to_date(out: Path, print_: str) -> list[Path] | None:
    manifest = _manifest(out)
    outputs = manifest.get("dateien")
    if manifest.get("fingerprint") != print_ or not isinstance(outputs, dict) or not outputs:
        return None
    if any(file_hash(out / name) != digest for name, digest in outputs.items()):
        return None
    return [out / name for name in outputs]


def output_name(konzept_id: str, nummer: int, kommune: str | None = None) -> str:
    name = f"{konzept_id}-ausgabe-{nummer}"
    return f"{name}-{kommune}" if kommune else name
