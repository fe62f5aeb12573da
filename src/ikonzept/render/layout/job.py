"""One part of a long document laid out (and, in pass 2, written) in a worker process: the
job, its page numbers as literal values, and the process's housekeeping."""

from __future__ import annotations

import html as html_escape
import re
from dataclasses import dataclass
from pathlib import Path

from ikonzept.render.layout.pages import Bookmark, Numbering, PartLayout
from ikonzept.render.layout.split import with_style

# Printed in pass 1, where the numbers are not known yet.
PLACEHOLDER = "000"
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
        release_garbage()
    return result


# How much a worker process may grow beyond its start by the garbage of the documents it has
# written before it collects: a plan of 100 entries leaves 25 MB (110,000 objects in
# reference cycles) whose collection took 0.15 s of its 1.5 s, and the garbage of a
# process's last documents is never collected at all (it ends without freeing anything).
GARBAGE_ALLOWANCE = 200 * 2**20
_started_at: int | None = None


def release_garbage() -> None:
    """After a document: in a worker process (its collector off, `worker_started`), its
    garbage is collected and handed back to the system once the process has grown by more
    than the allowance (a large part at once, a few small documents not at all); in any
    other process, at once."""
    import gc

    if _started_at is None:
        gc.collect()
        return
    size = _resident()
    if size is None or size - _started_at > GARBAGE_ALLOWANCE:
        _release_memory()


def _resident() -> int | None:
    """The process's resident memory in bytes (Linux; elsewhere unknown)."""
    import os

    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


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


def worker_started() -> None:
    """A worker process of the pool begins: Ctrl+C is the main process's to handle, the
    fonts the worker copies to a temporary folder are removed when it ends, and its cyclic
    collector runs only after a document (`release_garbage`).

    A forked worker ends without the interpreter's exit handlers (`render/pdf` has one for
    the fonts), only multiprocessing's own: each build left two folders of 2 MB behind.
    WeasyPrint allocates millions of small objects, nearly all alive until the document is
    written: the collector, run every few hundred allocations, found little to free and
    took a fifth of the time.
    """
    import gc
    import signal
    from multiprocessing import util

    from ikonzept.render import pdf

    global _started_at
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    util.Finalize(None, pdf.forget_styles, exitpriority=0)
    gc.disable()
    _started_at = _resident()
