"""``ikonzept build``: validate, then write the concept, the committee proposal and, in update
rounds, the Synopse, with the snapshot and the OParl export.

The long documents are laid out in parallel processes. A build whose inputs (concept files,
previous edition, templates, options, tool version) hash to the value recorded by the
previous build, and whose outputs are unchanged, is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ikonzept import __version__, fsutil
from ikonzept.errors import UsageError

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from ikonzept.diff.changes import Comparison
    from ikonzept.diff.sides import Side
    from ikonzept.model import Konzept
    from ikonzept.render.ahead import Ahead
    from ikonzept.validate import Validation

MANIFEST = ".ikonzept-build.json"
SNAPSHOT = "konzept.json"
OPARL = "vorlage.oparl.json"
DOCUMENTS = ("konzept", "vorlage", "synopse")

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
    # Characters of HTML per part of a long document (None: render/split.py's default).
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


def _file_hash(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _manifest(out: Path) -> dict[str, object]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _up_to_date(out: Path, print_: str) -> list[Path] | None:
    manifest = _manifest(out)
    outputs = manifest.get("dateien")
    if manifest.get("fingerprint") != print_ or not isinstance(outputs, dict) or not outputs:
        return None
    if any(_file_hash(out / name) != digest for name, digest in outputs.items()):
        return None
    return [out / name for name in outputs]


def output_name(konzept_id: str, nummer: int, kommune: str | None = None) -> str:
    name = f"{konzept_id}-ausgabe-{nummer}"
    return f"{name}-{kommune}" if kommune else name


def render_job(
    html: str, root: str, dirs: list[str], variant: str, target: str
) -> tuple[int, tuple[str, ...]]:
    """Lay out and write one PDF (runs in a worker process)."""
    from ikonzept.render import pdf

    laid_out = pdf.layout(
        html, root=Path(root), template_dirs=[Path(d) for d in dirs], variant=variant
    )
    pdf.write(laid_out, Path(target))
    return laid_out.pages, laid_out.blocked


def worker_pool() -> Executor:
    """The processes that lay out documents; ``build`` makes its own unless given one.

    Two at most: each holds one part of a document while laying it out (a few hundred MB),
    so the build's memory stays bounded on any machine. Ctrl+C is the main process's to
    handle: the workers ignore it, so that it ends a build without their tracebacks.
    """
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from ikonzept.render.parts import ignore_interrupts

    workers = max(1, min(2, os.cpu_count() or 1))
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"), initializer=ignore_interrupts
    )


def build(
    options: BuildOptions,
    progress: Progress | None = None,
    detail: Progress | None = None,
    *,
    validated: Callable[[Validation], None] | None = None,
    pool: Executor | None = None,
) -> BuildResult:
    """Build the documents; returns without writing anything when validation finds errors.

    ``progress`` is told of each step, ``detail`` of the progress within one, ``validated``
    of the findings as soon as they are known (before the layout). ``pool`` lays out the
    documents (``worker_pool``; kept warm between builds by ``build --watch``).
    """
    from time import perf_counter

    from ikonzept.resources import template_dirs

    step = progress or (lambda _text: None)
    dirs = template_dirs(options.root, options.templates)
    started = perf_counter()
    print_ = fingerprint(options, dirs)
    current = _up_to_date(options.out, print_)
    if current is not None:
        return BuildResult(
            None, current, skipped=True, timings={"prüfen": perf_counter() - started}
        )

    from ikonzept.validate import validate

    ahead = _ahead(options, dirs, pool)
    try:
        step("Laden und prüfen")
        validation = validate(options.root, options.today)
        result = BuildResult(validation, timings={"laden und prüfen": perf_counter() - started})
        if validated is not None:
            validated(validation)
        konzept = validation.konzept
        if validation.failed() or konzept is None:
            return result
        if options.kommune is not None and options.kommune not in {k.id for k in konzept.kommunen}:
            known = ", ".join(k.id for k in konzept.kommunen)
            raise UsageError(
                f"Eine Kommune „{options.kommune}“ gibt es nicht. Bekannt sind: {known}."
            )
        _Build(options, konzept, dirs, result, step, detail or (lambda _text: None),
               validation.previous).run(pool, ahead)  # fmt: skip
    finally:
        ahead.close()
    manifest = {
        "fingerprint": print_,
        "dateien": {path.name: _file_hash(path) for path in result.outputs},
        "seiten": {path.name: pages for path, pages in result.pages.items()},
    }
    fsutil.write_text(options.out / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    return result


def _ahead(options: BuildOptions, dirs: list[Path], pool: Executor | None) -> Ahead:
    """Where the concept's edited parts are laid out ahead (see `render/ahead`).

    A process of its own only for a build after an earlier one into the same folder (a
    first build has nothing to guess from) that lays out the concept with the layout cache.
    """
    from ikonzept.load import cache as user_cache
    from ikonzept.render.ahead import Ahead

    if pool is not None:
        return Ahead(pool)
    if (
        not user_cache.enabled()
        or options.only not in (None, "konzept", "vorlage")
        or not (options.out / MANIFEST).is_file()
    ):
        return Ahead()
    return Ahead.forked(options.root, dirs)


class _Build:
    """One build run: which documents, in which order, with what in parallel."""

    def __init__(
        self, options: BuildOptions, konzept: Konzept, dirs: list[Path], result: BuildResult,
        step: Progress, detail: Progress, previous: Konzept | None,
    ) -> None:  # fmt: skip
        from ikonzept.render.layoutcache import LayoutCache
        from ikonzept.render.pdf import DEFAULT_VARIANT

        self.options, self.konzept, self.dirs, self.result, self.step = (
            options, konzept, dirs, result, step)  # fmt: skip
        self.detail = detail
        self.previous = previous  # loaded and checked by validate
        self.variant = options.variant or DEFAULT_VARIANT
        self.cache = LayoutCache.for_build(options.root, dirs, self.variant)
        self.name = output_name(konzept.id, konzept.ausgabe.nummer, options.kommune)
        whole = options.kommune is None
        wanted = {options.only} if options.only else set(DOCUMENTS)
        self.with_vorlage = whole and konzept.vorlage is not None and "vorlage" in wanted
        self.with_synopse = (
            whole
            and konzept.ausgabe.vorgaenger is not None
            and ("synopse" in wanted or self.with_vorlage)
        )
        self.write_konzept = "konzept" in wanted
        self.write_synopse = "synopse" in wanted and self.with_synopse

    def _timed(self, name: str, started: float) -> None:
        from time import perf_counter

        self.result.timings[name] = perf_counter() - started

    def run(self, given: Executor | None, ahead: Ahead) -> None:
        import contextlib
        from time import perf_counter

        from ikonzept.render import parts
        from ikonzept.render.html import render_konzept

        out, options = self.options.out, self.options
        mark = perf_counter()
        self.step("Satz (HTML)")
        created = _created(self.konzept.ausgabe.stand)
        comparison, previous = self._comparison()
        jobs: dict[str, tuple[str, Path]] = {}
        if self.write_konzept or self.with_vorlage:
            html = render_konzept(
                self.konzept, options.root, self.dirs, options.kommune, created=created
            )
            jobs["konzept"] = (self._hyphenated(html), out / f"{self.name}.pdf")
        if self.write_synopse and comparison is not None and previous is not None:
            jobs["synopse"] = (
                self._hyphenated(self._synopse_html(comparison, previous)),
                out / f"{self.name}-synopse.pdf",
            )
        self._timed("satz", mark)

        mark = perf_counter()
        self.step("Umbruch")
        pages: dict[str, int] = {}
        vorlage: tuple[Path, int, str] | None = None
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".ikonzept-teile-", dir=out) as folder:
            konzept: parts.LaidOut | None = None
            with contextlib.nullcontext(given) if given else worker_pool() as pool:
                synopse: Future[tuple[int, tuple[str, ...]]] | None = None
                if "synopse" in jobs:
                    synopse = self._single(pool, *jobs["synopse"])
                if "konzept" in jobs:
                    konzept = parts.lay_out(
                        jobs["konzept"][0], root=options.root, dirs=self.dirs,
                        variant=self.variant, folder=Path(folder), run=parts.runner(pool),
                        size=self._part_size(), progress=self.detail, cache=self.cache,
                        ahead=ahead, document=str(jobs["konzept"][1].resolve()),
                    )  # fmt: skip
                    ahead.close()  # its work is done: no process waits beside the others
                    self.result.ahead = konzept.ahead
                    pages["konzept"] = konzept.pages
                    self.result.blocked += konzept.blocked
                if synopse is not None:
                    pages["synopse"], blocked = synopse.result()
                    self.result.blocked += blocked
                if self.with_vorlage:
                    vorlage = self._vorlage(pool, pages["konzept"], pages.get("synopse"),
                                            comparison, created)  # fmt: skip
            self._timed("umbruch", mark)
            if konzept is not None and self.write_konzept:
                # Only now: the worker processes have ended, and joining needs memory too.
                mark = perf_counter()
                self.step("Zusammenfügen")
                konzept.join(jobs["konzept"][1])
                self._timed("zusammenfügen", mark)
        for key, (html, target) in jobs.items():
            if key != "konzept" or self.write_konzept:
                self._output(target, pages[key], html)
        if vorlage is not None:
            self._output(*vorlage)
            self._oparl(vorlage[0], with_synopse="synopse" in pages)
        self._output(out / SNAPSHOT)
        fsutil.write_text(out / SNAPSHOT, _snapshot(self.konzept))
        self.cache.prune()
        self.result.reused, self.result.laid_out = self.cache.hits, self.cache.misses

    def _hyphenated(self, html: str) -> str:
        """The document with the county's hyphenation list, for every process laying it out."""
        from ikonzept.render.hyphenation import with_exceptions

        return with_exceptions(html, self.konzept.silbentrennung)

    def _part_size(self) -> int:
        """Parts need a stylesheet that takes page numbers from ikonzept (`--seite`,
        `--seiten-gesamt`); a county's own from before gets its concept laid out in one piece.
        """
        from ikonzept.render.html import stylesheet
        from ikonzept.render.split import DEFAULT_PART_SIZE

        css = stylesheet(self.dirs).read_text(encoding="utf-8", errors="replace")
        if re.search(r"var\(\s*--seite\s*,", css) and re.search(r"var\(\s*--seiten-gesamt\b", css):
            return self.options.part_size or DEFAULT_PART_SIZE
        return sys.maxsize

    def _job_args(self, target: Path) -> tuple[str, list[str], str, str]:
        return str(self.options.root), [str(d) for d in self.dirs], self.variant, str(target)

    def _output(self, path: Path, pages: int | None = None, html: str | None = None) -> None:
        self.result.outputs.append(path)
        if pages is not None:
            self.result.pages[path] = pages
        if html is not None and self.options.html:
            page = path.with_suffix(".html")
            fsutil.write_text(page, html)
            self.result.outputs.append(page)

    def _comparison(self) -> tuple[Comparison | None, Side | None]:
        if not self.with_synopse:
            return None, None
        from ikonzept.diff import comparison
        from ikonzept.diff.sides import Side

        assert self.previous is not None and self.konzept.ausgabe.vorgaenger is not None
        previous = Side(self.previous, self.konzept.ausgabe.vorgaenger)
        return comparison(previous, Side(self.konzept, str(self.options.root))), previous

    def _synopse_html(self, result: Comparison, previous: Side) -> str:
        from ikonzept.diff.sides import Side
        from ikonzept.diff.synopse import synopse_html

        return synopse_html(result, previous, Side(self.konzept, str(self.options.root)), self.dirs)

    def _vorlage(
        self, pool: Executor, konzept_pages: int, synopse_pages: int | None,
        comparison: Comparison | None, created: str,
    ) -> tuple[Path, int, str]:  # fmt: skip
        """Lay out the committee proposal (in ``pool``); returns its file, pages and HTML."""
        from ikonzept.render.vorlage import render_vorlage

        html = self._hyphenated(
            render_vorlage(
                self.konzept,
                self.options.root,
                self.dirs,
                konzept_pages,
                synopse_pages,
                comparison,
                created,
            )
        )
        target = self.options.out / f"{self.name}-vorlage.pdf"
        pages, blocked = self._single(pool, html, target).result()
        self.result.blocked += blocked
        return target, pages, html

    def _single(
        self, pool: Executor, html: str, target: Path
    ) -> Future[tuple[int, tuple[str, ...]]]:
        """Lay out a document in one piece (in ``pool``), or take it from the layout cache."""
        from concurrent.futures import Future

        from ikonzept.render.pages import PartLayout

        key = self.cache.key(html, None, 0, written=True)
        known = self.cache.get(key, target)
        if known is not None:
            done: Future[tuple[int, tuple[str, ...]]] = Future()
            done.set_result((known.pages, known.blocked))
            return done
        future = pool.submit(render_job, html, *self._job_args(target))

        def keep(finished: Future[tuple[int, tuple[str, ...]]]) -> None:
            if finished.exception() is None:
                pages, blocked = finished.result()
                self.cache.put(key, PartLayout(pages, {}, (), blocked), target)

        future.add_done_callback(keep)
        return future

    def _oparl(self, vorlage: Path, *, with_synopse: bool) -> None:
        from ikonzept import oparl
        from ikonzept.render.vorlage import betreff

        out = self.options.out
        auxiliary = [oparl.Datei(out / f"{self.name}.pdf", f"Anlage 1: {self.konzept.titel}")]
        synopse = out / f"{self.name}-synopse.pdf"
        if with_synopse and synopse.is_file():
            auxiliary.append(oparl.Datei(synopse, "Anlage 2: Synopse"))
        auxiliary += [
            oparl.Datei(
                self.options.root / anlage.datei, f"Anlage {len(auxiliary) + n}: {anlage.titel}"
            )
            for n, anlage in enumerate(
                self.konzept.vorlage.anlagen if self.konzept.vorlage else (), 1
            )
            if anlage.datei
        ]
        auxiliary = [d for d in auxiliary if d.path.is_file()]
        main = oparl.Datei(
            vorlage,
            f"Sitzungsvorlage {self.konzept.vorlage.nummer if self.konzept.vorlage else ''}",
        )
        document = oparl.paper(self.konzept, betreff(self.konzept), main, auxiliary,
                               oparl.base_url(self.konzept, self.options.oparl_base))  # fmt: skip
        self._output(out / OPARL)
        fsutil.write_text(out / OPARL, oparl.to_json(document))


def _snapshot(konzept: Konzept) -> str:
    from ikonzept import snapshot

    return snapshot.to_json(konzept)


def _created(stand: dt.date) -> str:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else the edition's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return stand.isoformat()
