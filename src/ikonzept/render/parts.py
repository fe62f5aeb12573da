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

import dataclasses
import html as html_escape
import re
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path

from ikonzept.render.layoutcache import LayoutCache
from ikonzept.render.pages import Bookmark, Numbering, PartLayout
from ikonzept.render.split import DEFAULT_PART_SIZE, split, with_style

# Printed in pass 1, where the numbers are not known yet.
PLACEHOLDER = "000"
_MAX_ROUNDS = 3
_LINK = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(["'])#([^"']*)\1[^>]*>""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PartJob:
    html: str
    root: str
    dirs: tuple[str, ...]
    variant: str
    target: str | None  # None: pass 1, lay out only
    # Pass 2: the printed page of every anchor in the document, and which part this is.
    pages: dict[str, int] | None = None
    number: int = 1
    release: bool = True  # hand the memory back afterwards (worker processes)


def numbered(html: str, *, offset: int, numbering: Numbering | None) -> str:
    """The part with its page numbers as literal values (placeholders without ``numbering``).

    Templates read them from CSS custom properties: ``--seiten-gesamt`` on the root and
    ``--seite`` on every link to an anchor in the document.
    """
    total = str(numbering.total) if numbering else PLACEHOLDER
    rules = [f':root {{ --seiten-gesamt: "{total}"; }}']
    if offset:
        rules.append(f"@page :first {{ counter-reset: page {offset + 1}; }}")
    html = html.replace("</head>", f"<style>{' '.join(rules)}</style>\n</head>", 1)

    def with_number(match: re.Match[str]) -> str:
        tag, name = match.group(0), html_escape.unescape(match.group(2))
        if numbering is None:
            number = PLACEHOLDER
        elif name in numbering.anchors:
            number = str(numbering.anchors[name])
        else:
            return tag  # a dangling link: left to WeasyPrint, as in one piece
        return with_style(tag, f"--seite: '{number}'")

    return _LINK.sub(with_number, html)


def lay_out_part(job: PartJob) -> PartLayout:
    """Lay out one part and, in pass 2, write it (runs in a worker process)."""
    from ikonzept.render import pdf

    laid_out = pdf.layout(
        job.html, root=Path(job.root), template_dirs=[Path(d) for d in job.dirs],
        variant=job.variant,
    )  # fmt: skip
    pages = laid_out.document.pages
    anchors: dict[str, int] = {}
    for index, page in enumerate(pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    bookmarks: list[Bookmark] = []
    if job.target is not None:
        # Links into other parts: WeasyPrint drops links to anchors it does not know, so it
        # is told of them (on the first page); `merge` takes each name from the part that
        # really holds it. Links to anchors that exist nowhere are dropped, as in one piece.
        everywhere = job.pages or {}
        foreign = {
            target
            for page in pages
            for kind, target, *_ in page.links
            if kind == "internal" and target not in anchors and target in everywhere
        }
        if foreign and pages:
            sample = next((v for p in pages for v in p.anchors.values()), (0, 0, 0, 0))
            stub = tuple(0 for _ in sample)
            for name in sorted(foreign):
                pages[0].anchors.setdefault(name, stub)
        scale = 0.75  # CSS px → PDF pt, as WeasyPrint writes them
        for index, page in enumerate(pages):
            for level, label, (x, y), state in page.bookmarks:
                bookmarks.append(
                    Bookmark(
                        level, label, index, x * scale, (page.height - y) * scale, state == "closed"
                    )
                )
        pdf.write(laid_out, Path(job.target), pages=job.pages, id_prefix=f"teil{job.number}-")
    result = PartLayout(len(pages), anchors, tuple(bookmarks), laid_out.blocked)
    del laid_out, pages
    if job.release:
        _release_memory()
    return result


def _release_memory() -> None:
    """Hand the freed layout back to the system before the process takes the next part.

    Without it, glibc keeps most of it, and two worker processes that have each laid out a
    large part hold that much while they lay out small ones.
    """
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused, only not returned
        pass


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

    @property
    def pages(self) -> int:
        return sum(layout.pages for layout in self.layouts)

    @property
    def blocked(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(url for layout in self.layouts for url in layout.blocked))

    def join(self, target: Path) -> None:
        """Write the document to ``target`` (atomically), also when it is a single part."""
        from ikonzept.render import merge

        merge.merge(self.files, self.layouts, target)


def _cached(run: Run, cache: LayoutCache | None) -> Run:
    """``run``, asked only for the jobs whose layout the cache does not hold."""
    if cache is None:
        return run

    def cached_run(jobs: Sequence[PartJob], finished: Callable[[int], None]) -> list[PartLayout]:
        keys = [
            cache.key(job.html, job.pages, job.number, written=job.target is not None)
            for job in jobs
        ]
        found = [
            cache.get(key, Path(job.target) if job.target else None)
            for key, job in zip(keys, jobs, strict=True)
        ]
        missing = [index for index, layout in enumerate(found) if layout is None]
        done = len(jobs) - len(missing)
        laid_out = run([jobs[i] for i in missing], lambda count: finished(done + count))
        for index, layout in zip(missing, laid_out, strict=True):
            target = jobs[index].target
            cache.put(keys[index], layout, Path(target) if target else None)
            found[index] = layout
        return [layout for layout in found if layout is not None]

    return cached_run


def lay_out(
    html: str, *, root: Path, dirs: Sequence[Path], variant: str, folder: Path,
    run: Run, size: int = DEFAULT_PART_SIZE, progress: Callable[[str], None] | None = None,
    cache: LayoutCache | None = None,
) -> LaidOut:  # fmt: skip
    """Lay out ``html`` in parts of about ``size`` characters, each written to ``folder``.

    Even a document of one part is laid out twice: with the page numbers as literal values,
    WeasyPrint never repaginates, and repagination loses footnotes (WeasyPrint 70 drops the
    footnotes of pages it lays out again: 5 of 21 in a 157-page test concept).
    """
    parts = split(html, size)
    run = _cached(run, cache)
    common = (str(root), tuple(str(d) for d in dirs), variant)
    files = tuple(folder / f"teil-{part.number:03}.pdf" for part in parts)

    def report(run_number: int) -> Callable[[int], None]:
        def finished(count: int) -> None:
            if progress is not None:
                progress(f"Durchgang {run_number}: {count} von {len(parts)} Teilen gesetzt")

        return finished

    layouts = run(
        [PartJob(numbered(part.html, offset=0, numbering=None), *common, None) for part in parts],
        report(1),
    )
    for round_ in range(_MAX_ROUNDS):
        numbering = Numbering.of(layouts)
        written = run(
            [
                PartJob(
                    numbered(part.html, offset=offset, numbering=numbering),
                    *common,
                    str(file),
                    numbering.anchors,
                    part.number,
                )
                for part, offset, file in zip(parts, numbering.offsets, files, strict=True)
            ],
            report(2 + round_),
        )
        settled = _same_pages(layouts, written)
        layouts = written
        if settled:
            break
    return LaidOut(files, tuple(layouts))


def _same_pages(before: Sequence[PartLayout], after: Sequence[PartLayout]) -> bool:
    return all(
        a.pages == b.pages and a.anchors == b.anchors for a, b in zip(before, after, strict=True)
    )
