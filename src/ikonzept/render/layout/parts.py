"""Lay out a long document in parts and join them into one PDF.

Pass 1 lays out every part with placeholder page numbers, only to learn how many pages each
part has and on which page each anchor lands. Pass 2 lays out every part again with the
real numbers as literal values (the total in the footer, the first page number, every page
reference) and writes it. The placeholders sit in fixed-width boxes, in leaders or in margin
boxes, so both passes break the pages the same way; pass 2 checks that and repeats itself
should a page move. The parts run in parallel in the build's worker processes, and only one
part per process is in memory at a time. `merge` joins the part files.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path

from ikonzept.render.layout.ahead import Ahead, Pending
from ikonzept.render.layout.job import PartJob, lay_out_part, numbered
from ikonzept.render.layout.layoutcache import LayoutCache
from ikonzept.render.layout.pages import Numbering, PartLayout
from ikonzept.render.layout.split import DEFAULT_PART_SIZE, split

_MAX_ROUNDS = 3


# Lays out the jobs of one pass; calls back with the number of jobs finished so far.
Run = Callable[[Sequence[PartJob], Callable[[int], None]], list[PartLayout]]

# At most this much HTML is laid out at the same time, in all processes together. A worker
# needs about 100 MB plus 0.5 to 1 MB per kB of HTML (tables the most): two parts of the
# usual size fit, and so does one of the long sections that cannot be cut (a group of
# hundreds of actors, the overview table: up to 300 kB in the benchmark concept) with a
# part of the usual size beside it.
PARALLEL_LIMIT = 450_000
# Up to this much HTML in one pass is laid out in the build's own process.
IN_PROCESS_LIMIT = 60_000


def runner(
    executor: Executor | None, limit: int = PARALLEL_LIMIT, in_process: int = IN_PROCESS_LIMIT
) -> Run:
    """Runs the jobs of one pass in the executor's processes (or here, one after the other).

    A process needs memory in proportion to the part it lays out, so parts start only while
    the HTML in progress stays within ``limit``.
    """

    def run(jobs: Sequence[PartJob], finished: Callable[[int], None]) -> list[PartLayout]:
        # A few small parts (what an edit leaves to lay out) are done here: starting a worker
        # process and importing WeasyPrint there would take longer than the layout.
        if executor is None or sum(len(job.html) for job in jobs) <= in_process:
            layouts: list[PartLayout] = []
            for job in jobs:
                layouts.append(lay_out_part(dataclasses.replace(job, release=executor is None)))
                finished(len(layouts))
            return layouts
        results: dict[int, PartLayout] = {}
        # Longest first: the long sections start early, and short parts fill the gaps.
        waiting = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
        running: dict[Future[PartLayout], int] = {}
        while waiting or running:
            load = sum(len(jobs[i].html) for i in running.values())
            for index in list(waiting):
                if running and load + len(jobs[index].html) > limit:
                    continue
                waiting.remove(index)
                running[executor.submit(lay_out_part, jobs[index])] = index
                load += len(jobs[index].html)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                results[running.pop(future)] = future.result()
            finished(len(results))
        return [results[i] for i in range(len(jobs))]

    return run


@dataclass(frozen=True, slots=True)
class LaidOut:
    """A document laid out in parts (files in a folder the caller owns), ready to be joined."""

    files: tuple[Path, ...]
    layouts: tuple[PartLayout, ...]
    ahead: int = 0  # parts whose pass 2 was ready ahead (see `Ahead`)

    @property
    def pages(self) -> int:
        return sum(layout.pages for layout in self.layouts)

    @property
    def blocked(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(url for layout in self.layouts for url in layout.blocked))

    def join(self, target: Path) -> None:
        """Write the document to ``target`` (atomically), also when it is a single part."""
        from ikonzept.render.layout import merge

        merge.merge(self.files, self.layouts, target)


class _Cached:
    """Runs the jobs of a pass, asking ``run`` only for those the cache does not hold."""

    def __init__(self, run: Run, cache: LayoutCache | None) -> None:
        self.run, self.cache = run, cache
        self.ahead = 0  # layouts that were ready ahead and taken

    def key(self, job: PartJob) -> str:
        assert self.cache is not None
        return self.cache.key(job.html, job.pages, job.number, written=job.target is not None)

    def __call__(
        self, jobs: Sequence[PartJob], finished: Callable[[int], None],
        early: Mapping[str, _Early] | None = None,
    ) -> list[PartLayout]:  # fmt: skip
        cache = self.cache
        if cache is None:
            return self.run(jobs, finished)
        keys = [self.key(job) for job in jobs]
        found = [cache.get(key, _target(job)) for key, job in zip(keys, jobs, strict=True)]
        for index, key in enumerate(keys):
            if found[index] is None and early and key in early:
                taken = self._taken(early[key], jobs[index])
                if taken is not None:
                    cache.put(key, taken, _target(jobs[index]))
                    found[index] = taken
        missing = [index for index, layout in enumerate(found) if layout is None]
        done = len(jobs) - len(missing)
        finished(done)
        laid_out = self.run([jobs[i] for i in missing], lambda count: finished(done + count))
        for index, layout in zip(missing, laid_out, strict=True):
            cache.put(keys[index], layout, _target(jobs[index]))
            found[index] = layout
        return [layout for layout in found if layout is not None]

    def _taken(self, early: _Early, job: PartJob) -> PartLayout | None:
        """The layout done ahead, its file moved to where ``job`` writes; None if it failed."""
        try:
            layout = early.future.result()
            target = _target(job)
            if target is not None:
                early.target.replace(target)
        except Exception:  # laid out again here, where a real error is raised
            return None
        self.ahead += 1
        return layout


def _target(job: PartJob) -> Path | None:
    return Path(job.target) if job.target else None


@dataclass(frozen=True, slots=True)
class _Early:
    """A pass-2 layout started before pass 1 ended, and the file it writes."""

    future: Pending
    target: Path


# At most this many parts are laid out ahead: what one edit changes.
AHEAD_PARTS = 2


def lay_out(
    html: str, *, root: Path, dirs: Sequence[Path], variant: str, folder: Path,
    run: Run, size: int = DEFAULT_PART_SIZE, progress: Callable[[str], None] | None = None,
    cache: LayoutCache | None = None, ahead: Ahead | None = None, document: str = "",
) -> LaidOut:  # fmt: skip
    """Lay out ``html`` in parts of about ``size`` characters, each written to ``folder``.

    Even a document of one part is laid out twice: with the page numbers as literal values,
    WeasyPrint never repaginates, and repagination loses footnotes (WeasyPrint 70 drops the
    footnotes of pages it lays out again: 5 of 21 in a 157-page test concept). With a
    ``cache``, ``document`` names the document for the guess that lets ``ahead`` start on
    pass 2 early.
    """
    parts = split(html, size)
    cached = _Cached(run, cache)
    common = (str(root), tuple(str(d) for d in dirs), variant)
    files = tuple(folder / f"teil-{part.number:03}.pdf" for part in parts)

    def report(run_number: int) -> Callable[[int], None]:
        def finished(count: int) -> None:
            if progress is not None:
                progress(f"Durchgang {run_number}: {count} von {len(parts)} Teilen gesetzt")

        return finished

    def second(numbering: Numbering, where: Sequence[Path]) -> list[PartJob]:
        return [
            PartJob(
                numbered(part.html, offset=offset, numbering=numbering),
                *common,
                str(file),
                numbering.anchors,
                part.number,
            )
            for part, offset, file in zip(parts, numbering.offsets, where, strict=True)
        ]

    first = [
        PartJob(numbered(part.html, offset=0, numbering=None), *common, None) for part in parts
    ]
    early: dict[str, _Early] = {}
    if cache is not None and ahead is not None and document:
        early = _start_early(cached, first, cache.recall(document), second, folder, ahead)
        if not early:
            ahead.close()  # nothing to lay out ahead: the core is the other processes' again
    try:
        layouts = cached(first, report(1))
        if cache is not None and document:
            cache.remember(document, layouts)
        for round_ in range(_MAX_ROUNDS):
            written = cached(second(Numbering.of(layouts), files), report(2 + round_), early)
            settled = _same_pages(layouts, written)
            layouts = written
            if settled:
                break
    finally:
        # A guess that missed: its files go with ``folder``, so it has to end first.
        for unused in early.values():
            with contextlib.suppress(Exception):
                unused.future.result()
    return LaidOut(files, tuple(layouts), cached.ahead)


def _start_early(
    cached: _Cached, first: Sequence[PartJob], guess: Sequence[PartLayout] | None,
    second: Callable[[Numbering, Sequence[Path]], list[PartJob]], folder: Path, ahead: Ahead,
) -> dict[str, _Early]:  # fmt: skip
    """Start pass 2 of the parts an edit changed, with the page numbers guessed."""
    assert cached.cache is not None
    cache = cached.cache
    if guess is None or len(guess) != len(first):
        return {}
    known = [cache.get(cached.key(job), None, count=False) for job in first]
    if all(layout is not None for layout in known):
        return {}  # pass 1 is quick, and pass 2 runs where it always does
    numbering = Numbering.of([k if k is not None else g for k, g in zip(known, guess, strict=True)])
    where = [folder / f"vorab-{index + 1:03}.pdf" for index in range(len(first))]
    jobs = [job for job in second(numbering, where) if not cache.has(cached.key(job))]
    if len(jobs) > AHEAD_PARTS:
        return {}  # the guess is already off: pages moved in the last build
    early: dict[str, _Early] = {}
    for job in jobs:
        future = ahead.submit(job)
        if future is None:
            break
        assert job.target is not None
        early[cached.key(job)] = _Early(future, Path(job.target))
    return early


def _same_pages(before: Sequence[PartLayout], after: Sequence[PartLayout]) -> bool:
    return all(
        a.pages == b.pages and a.anchors == b.anchors for a, b in zip(before, after, strict=True)
    )
