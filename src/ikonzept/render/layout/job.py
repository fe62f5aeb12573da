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


def worker_started() -> None:
    """A worker process of the pool begins: Ctrl+C is the main process's to handle, and the
    fonts the worker copies to a temporary folder are removed when it ends.

    A forked worker ends without the interpreter's exit handlers (`render/pdf` has one for
    the fonts), only multiprocessing's own: each build left two folders of 2 MB behind.
    """
    import signal
    from multiprocessing import util

    from ikonzept.render import pdf

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    util.Finalize(None, pdf.forget_styles, exitpriority=0)
