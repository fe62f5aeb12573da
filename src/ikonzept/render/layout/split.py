"""Cut one long HTML document into parts that WeasyPrint lays out one at a time.

WeasyPrint keeps every laid-out page of a document in memory until it writes the PDF (about
2 MB per page of our concept), so a 700-page concept needs well over a gigabyte. Laid out
in parts of a few dozen pages each, it needs a few hundred megabytes.

Templates mark where a part may begin with a ``data-teil`` attribute on an element that
always starts a new page (a chapter, a field of action, a group of actors). A part is a
complete HTML document: the head of the original, the start tags of the elements the
cut-off content sits in (reopened, without their ``id`` and marked ``data-fortsetzung``),
its slice of the body, and the end tags that close it. Footnote numbers continue across
parts through a ``counter-reset`` on ``body``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ikonzept.render.tagged.tagging import CONTINUATION_ATTRIBUTE

SPLIT_ATTRIBUTE = "data-teil"
# About 6 pages of our concept (3.5 to 4 kB of HTML per page): every field of action and
# every group of actors that fits becomes a part of its own, so that after an edit only
# its part is laid out again (`render/layout/layoutcache`). Smaller parts cost more than they save:
# each part parses the stylesheet and subsets the fonts anew.
DEFAULT_PART_SIZE = 24_000

_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr")
)  # fmt: skip
_ID = re.compile(r"""\s+id\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_STYLE = re.compile(r"""(\sstyle\s*=\s*)(["'])""", re.IGNORECASE)
_FOOTNOTE = re.compile(r"""class\s*=\s*["']footnote["']""")


@dataclass(frozen=True, slots=True)
class Part:
    """One part: a complete HTML document and where it sits in the whole."""

    number: int
    html: str
    footnotes_before: int


@dataclass(frozen=True, slots=True)
class _Cut:
    offset: int
    ancestors: tuple[tuple[str, str], ...]  # (tag, start tag as written), outermost first


class _Scanner(HTMLParser):
    """Finds the start tags marked ``data-teil`` and the elements open around each."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, str]] = []
        self.cuts: list[_Cut] = []
        self.body_start: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        if tag == "body" and self.body_start is None:
            self.body_start = self._offset()
        if any(name == SPLIT_ATTRIBUTE for name, _ in attrs):
            self.cuts.append(_Cut(self._offset(), tuple(self.stack)))
        if tag not in _VOID:
            self.stack.append((tag, text))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return


def with_style(start_tag: str, declaration: str) -> str:
    """The start tag with ``declaration`` first in its ``style`` attribute (added if need be)."""
    escaped = html.escape(declaration, quote=True)  # fits between either kind of quotes
    if _STYLE.search(start_tag):
        return _STYLE.sub(lambda m: f"{m.group(1)}{m.group(2)}{escaped}; ", start_tag, count=1)
    return start_tag[:-1].rstrip("/ ") + f' style="{escaped};">'


def _reopen(tag: str, start_tag: str, footnotes: int) -> str:
    """A start tag for the continuation of an element in a later part."""
    if tag == "body":
        return (
            with_style(start_tag, f"counter-reset: footnote {footnotes}")
            if footnotes
            else start_tag
        )
    return _ID.sub("", start_tag[:-1].rstrip("/ ")) + f" {CONTINUATION_ATTRIBUTE}>"


def split(html: str, size: int = DEFAULT_PART_SIZE) -> list[Part]:
    """Parts of at most about ``size`` characters each (a marked section is never cut)."""
    scanner = _Scanner(html)
    scanner.feed(html)
    scanner.close()
    body_start = scanner.body_start
    cuts = [c for c in scanner.cuts if body_start is not None and c.offset > body_start]
    if len(html) <= size or not cuts or body_start is None:
        return [Part(1, html, 0)]

    # A new part begins at a cut when the current one would otherwise outgrow ``size``.
    starts: list[_Cut | None] = [None]
    start = 0
    for index, cut in enumerate(cuts):
        following = cuts[index + 1].offset if index + 1 < len(cuts) else len(html)
        if following - start > size and cut.offset > start:
            starts.append(cut)
            start = cut.offset
    # The preamble (doctype, html, head) up to <body> opens every part.
    parts: list[Part] = []
    footnotes = 0
    for index, begin in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else None
        head = "" if begin is None else html[:body_start]
        reopened = (
            ""
            if begin is None
            else "".join(
                _reopen(tag, text, footnotes) for tag, text in begin.ancestors if tag != "html"
            )
        )
        body = html[(begin.offset if begin else 0) : (end.offset if end else len(html))]
        closing = "" if end is None else "".join(f"</{tag}>" for tag, _ in reversed(end.ancestors))
        parts.append(Part(index + 1, head + reopened + body + closing, footnotes))
        footnotes += len(_FOOTNOTE.findall(body))
    return parts
