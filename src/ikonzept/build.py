"""``ikonzept build``: validate, then write the concept PDF, the HTML and the snapshot.

A build whose inputs (concept files, templates, options, tool version) hash to the value
recorded by the previous build, and whose outputs are unchanged, is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ikonzept import __version__, fsutil
from ikonzept.errors import UsageError

if TYPE_CHECKING:
    from ikonzept.validate import Validation

MANIFEST = ".ikonzept-build.json"
SNAPSHOT = "konzept.json"

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


@dataclass(slots=True)
class BuildResult:
    validation: Validation | None
    outputs: list[Path] = field(default_factory=list)
    pages: int = 0
    skipped: bool = False
    blocked: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def built(self) -> bool:
        return bool(self.outputs)


def _files(folder: Path, skip: Path | None = None) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        if path.is_file() and not any(
            part.startswith(".") for part in path.relative_to(folder).parts
        ):
            yield path


def fingerprint(options: BuildOptions, template_dirs: list[Path]) -> str:
    """Hash of everything the outputs depend on."""
    digest = hashlib.sha256()
    digest.update(f"ikonzept {__version__}\n".encode())
    digest.update(repr((options.kommune, options.html, options.variant)).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    out = options.out.resolve()
    for folder in (options.root, *template_dirs):
        for path in _files(folder, skip=out):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _file_hash(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _up_to_date(out: Path, print_: str) -> list[Path] | None:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("fingerprint") != print_:
        return None
    outputs = manifest.get("dateien", {})
    if not outputs or any(_file_hash(out / name) != digest for name, digest in outputs.items()):
        return None
    return [out / name for name in outputs]


def output_name(konzept_id: str, nummer: int, kommune: str | None) -> str:
    name = f"{konzept_id}-ausgabe-{nummer}"
    return f"{name}-{kommune}" if kommune else name


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Build the documents; returns without writing anything when validation finds errors."""
    from time import perf_counter

    from ikonzept.resources import template_dirs

    step = progress or (lambda _text: None)
    timings: dict[str, float] = {}
    dirs = template_dirs(options.root, options.templates)
    started = perf_counter()
    print_ = fingerprint(options, dirs)
    current = _up_to_date(options.out, print_)
    if current is not None:
        return BuildResult(
            None, current, skipped=True, timings={"prüfen": perf_counter() - started}
        )

    from ikonzept.render.html import render_konzept
    from ikonzept.validate import validate

    step("Laden und prüfen")
    validation = validate(options.root, options.today)
    timings["laden und prüfen"] = perf_counter() - started
    konzept = validation.konzept
    if validation.failed() or konzept is None:
        return BuildResult(validation, timings=timings)
    if options.kommune is not None and options.kommune not in {k.id for k in konzept.kommunen}:
        known = ", ".join(k.id for k in konzept.kommunen)
        raise UsageError(f"Eine Kommune „{options.kommune}“ gibt es nicht. Bekannt sind: {known}.")

    step("Satz (HTML)")
    mark = perf_counter()
    html = render_konzept(
        konzept, options.root, dirs, options.kommune, created=_created(konzept.ausgabe.stand)
    )
    timings["satz"] = perf_counter() - mark

    from ikonzept import snapshot
    from ikonzept.render import pdf

    step("Umbruch (Seiten)")
    mark = perf_counter()
    laid_out = pdf.layout(
        html, root=options.root, template_dirs=dirs, variant=options.variant or pdf.DEFAULT_VARIANT
    )
    timings["umbruch"] = perf_counter() - mark

    step("Schreiben")
    mark = perf_counter()
    name = output_name(konzept.id, konzept.ausgabe.nummer, options.kommune)
    outputs = [options.out / f"{name}.pdf"]
    pdf.write(laid_out, outputs[0])
    if options.html:
        outputs.append(options.out / f"{name}.html")
        fsutil.write_text(outputs[-1], html)
    outputs.append(options.out / SNAPSHOT)
    fsutil.write_text(outputs[-1], snapshot.to_json(konzept))
    manifest = {
        "fingerprint": print_,
        "dateien": {path.name: _file_hash(path) for path in outputs},
    }
    fsutil.write_text(options.out / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    timings["schreiben"] = perf_counter() - mark
    return BuildResult(
        validation, outputs, laid_out.pages, blocked=laid_out.blocked, timings=timings
    )


def _created(stand: dt.date) -> str:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else the edition's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return stand.isoformat()
