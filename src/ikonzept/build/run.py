"""One build run: the documents in their order, laid out in the worker processes (parts of
the concept in parallel, whole documents from the layout cache where it has them), and
written with the snapshot."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ikonzept.base import fsutil
from ikonzept.build.plan import (
    DOCUMENTS,
    SNAPSHOT,
    BuildOptions,
    BuildResult,
    Progress,
    output_name,
)
from ikonzept.build.proposal import ProposalSteps

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future
    from multiprocessing.context import BaseContext

    from ikonzept.model import Konzept
    from ikonzept.render.layout.ahead import Ahead


def render_job(
    html: str, root: str, dirs: list[str], variant: str, target: str
) -> tuple[int, tuple[str, ...]]:
    """Lay out and write one PDF (runs in a worker process)."""
    import gc

    from ikonzept.render import pdf
    from ikonzept.render.layout.job import release_garbage

    # WeasyPrint allocates millions of small objects, nearly all alive until the document is
    # written: the cyclic collector finds little to free and took a fifth of the time. It
    # is paused meanwhile (in a worker process it is off anyway, `worker_started`).
    paused = gc.isenabled()
    gc.disable()
    try:
        laid_out = pdf.layout(
            html, root=Path(root), template_dirs=[Path(d) for d in dirs], variant=variant
        )
        pdf.write(laid_out, Path(target))
        result = laid_out.pages, laid_out.blocked
        del laid_out
    finally:
        if paused:
            gc.enable()
    release_garbage()
    return result


def worker_pool() -> Executor:
    """The processes that lay out documents; ``build`` makes its own unless given one.

    As many as `worker_count` allows. Ctrl+C is the main process's to handle: the workers
    ignore it, so that it ends a build without their tracebacks. On Linux they are forked
    from a process that is ready to lay out (`prepare_workers`).
    """
    from concurrent.futures import ProcessPoolExecutor

    from ikonzept.render.layout.job import worker_started

    return ProcessPoolExecutor(
        max_workers=worker_count(), mp_context=_context(), initializer=worker_started
    )


# A worker holds one document or part while laying it out (100 MB plus up to 450 MB for the
# longest part of the benchmark concept) and keeps the garbage of a few documents
# (`render/layout/job.GARBAGE_ALLOWANCE`): each is given 2 GB of the machine's memory.
_MEMORY_PER_WORKER = 2 * 2**30
# Beyond four, the concept's parts wait for memory (`render/layout/parts.PARALLEL_LIMIT`)
# rather than for a process, and eleven towns' plans take three rounds at most.
_MOST_WORKERS = 4


def worker_count() -> int:
    """One worker per core this process may use, as far as the machine's memory allows, at
    most four: each town's plan is a document of its own, and eleven of them take three
    rounds on four cores instead of six on two. (It was two on every machine.)"""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # Windows: unknown, two as before
        memory = 2 * _MEMORY_PER_WORKER
    return max(1, min(cores, _MOST_WORKERS, memory // _MEMORY_PER_WORKER))


def prepare_workers() -> None:
    """Start getting the workers' process ready now, beside the validation (Linux only):
    the fork server imports WeasyPrint and lays out a page (`render/layout/warm`) once,
    instead of each worker doing so when its first document is already waiting."""
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _context() -> BaseContext:
    from multiprocessing import get_all_start_methods, get_context

    # Not plain fork: the build's process has threads (the executor's own) and a loaded
    # concept; the fork server is a fresh process that only ever lays out.
    if sys.platform == "linux" and "forkserver" in get_all_start_methods():
        context = get_context("forkserver")
        # The main module too, as by default: else each worker ran the `ikonzept` script
        # again (importing the CLI) before its first document.
        context.set_forkserver_preload(["__main__", "ikonzept.render.layout.warm"])
        return context
    return get_context("spawn")


class BuildRun(ProposalSteps):
    """One build run: which documents, in which order, with what in parallel."""

    def __init__(
        self, options: BuildOptions, konzept: Konzept, dirs: list[Path], result: BuildResult,
        step: Progress, detail: Progress, previous: Konzept | None,
    ) -> None:  # fmt: skip
        from ikonzept.render.layout.layoutcache import LayoutCache
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
        # Each town's action plan as its own working paper (not in an excerpt's build).
        self.write_plaene = whole and "plaene" in wanted
        self.write_synopse = "synopse" in wanted and self.with_synopse

    def _timed(self, name: str, started: float) -> None:
        from time import perf_counter

        self.result.timings[name] = perf_counter() - started

    def run(self, given: Executor | None, ahead: Ahead) -> None:
        import contextlib
        from time import perf_counter

        from ikonzept.render.content.html import render_konzept
        from ikonzept.render.layout import parts

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
        synopse: tuple[str, Path] | None = None
        if self.write_synopse and comparison is not None and previous is not None:
            synopse = (
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
                # Documents in one piece first (the proposal comes after the concept: it
                # needs its page count). Each town's plan is handed out as soon as its HTML
                # is set; the snapshot (0.15 s for a large concept) is made meanwhile, before
                # the concept's parts. A warm pool (`build --watch`) gets the work first.
                hand_out = _HandOut(lambda key, job: self._single(pool, *job))
                try:
                    for key, job in self._plan_jobs(created):
                        jobs[key] = job
                        hand_out.put(key, job)
                    if synopse is not None:
                        jobs["synopse"] = synopse
                        hand_out.put("synopse", synopse)
                    has_singles = any(key != "konzept" for key in jobs)
                    snapshot = _snapshot(self.konzept) if has_singles or given is None else None
                finally:
                    singles = hand_out.done()
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
                for key, future in singles.items():
                    pages[key], blocked = future.result()
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
        fsutil.write_text(out / SNAPSHOT, snapshot or _snapshot(self.konzept))
        self.cache.prune()
        self.result.reused, self.result.laid_out = self.cache.hits, self.cache.misses

    def _plan_jobs(self, created: str) -> Iterator[tuple[str, tuple[str, Path]]]:
        """Each town's action plan as its own working paper (not in an excerpt's build), set
        one after the other."""
        if not self.write_plaene:
            return
        from ikonzept.render.content.handlungsplan import render_plan

        for plan in self.konzept.plaene:
            html = render_plan(self.konzept, plan, self.options.root, self.dirs, created)
            target = self.options.out / f"{self.name}-handlungsplan-{plan.kommune}.pdf"
            yield f"plan:{plan.kommune}", (self._hyphenated(html), target)

    def _hyphenated(self, html: str) -> str:
        """The document with the county's hyphenation list, for every process laying it out."""
        from ikonzept.render.hyphenation import with_exceptions

        return with_exceptions(html, self.konzept.silbentrennung)

    def _part_size(self) -> int:
        """Parts need a stylesheet that takes page numbers from ikonzept (`--seite`,
        `--seiten-gesamt`); a county's own from before gets its concept laid out in one piece.
        """
        from ikonzept.render.content.html import stylesheet
        from ikonzept.render.layout.split import DEFAULT_PART_SIZE

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

    def _single(
        self, pool: Executor, html: str, target: Path
    ) -> Future[tuple[int, tuple[str, ...]]]:
        """Lay out a document in one piece (in ``pool``), or take it from the layout cache."""
        from concurrent.futures import Future

        from ikonzept.render.layout.pages import PartLayout

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


class _HandOut:
    """Documents handed to the pool by a thread of its own, in the order given.

    Our own pool's first worker is forked only once the fork server is ready
    (`prepare_workers`): handing out the first document waits for it. Meanwhile the main
    process sets the other documents and makes the snapshot, instead of doing so beside
    the workers once they run.
    """

    def __init__(self, submit: Callable[[str, tuple[str, Path]], Future[Any]]) -> None:
        import queue
        import threading

        self._submit = submit
        self._queue: queue.SimpleQueue[tuple[str, tuple[str, Path]] | None]
        self._queue = queue.SimpleQueue()
        self._futures: dict[str, Future[Any]] = {}
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="ikonzept-verteilen", daemon=True)
        self._thread.start()

    def put(self, key: str, job: tuple[str, Path]) -> None:
        self._queue.put((key, job))

    def done(self) -> dict[str, Future[Any]]:
        """Every document handed out: their futures (the first failure raised here)."""
        self._queue.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._futures

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._failure is None:
                try:
                    self._futures[item[0]] = self._submit(*item)
                except BaseException as error:  # raised in the main thread by `done`
                    self._failure = error


def _snapshot(konzept: Konzept) -> str:
    from ikonzept.pipeline import snapshot

    return snapshot.to_json(konzept)


def _created(stand: dt.date) -> str:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else the edition's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return stand.isoformat()
