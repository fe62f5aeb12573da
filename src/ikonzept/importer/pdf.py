"""A PDF's text as the same blocks a Word document gives (`walk.Block`): headings from the
PDF's outline (bookmarks) where it has one, else from the font size; paragraphs from the
lines between them, with running heads and page numbers dropped and line-end hyphenation
undone. Read with pdfplumber (MIT). A PDF without a text layer (a scan) is refused: there
is no text recognition."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept.importer.walk import Block

MARGIN = 0.08  # the top and bottom share of a page where running heads and numbers stand
_PAGE_NUMBER = re.compile(r"^(seite\s+)?\d+(\s*(/|von)\s*\d+)?$", re.I)


class NoTextLayer(ValueError):
    """The PDF has no text to read."""


@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    top: float
    bottom: float
    size: float
    text: str


def read(path: Path) -> tuple[list[Block], str | None]:
    """The blocks of the PDF, and its title from the metadata (None where it has none)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        lines = _lines(pdf)
        if not lines:
            raise NoTextLayer(path.name)
        outline = _outline(pdf)
        title = (pdf.metadata or {}).get("Title")
    lines = _without_running_heads(lines)
    headings = _by_outline(lines, outline) if outline else _by_size(lines)
    return _blocks(lines, headings), title if isinstance(title, str) and title.strip() else None


def _lines(pdf: Any) -> list[_Line]:
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        height = float(page.height)
        for line in page.extract_text_lines(return_chars=True):
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars:
                continue
            size = Counter(round(float(c["size"]), 1) for c in chars).most_common(1)[0][0]
            found.append(_Line(number, float(line["top"]) / height,
                               float(line["bottom"]) / height, size,
                               " ".join(line["text"].split())))  # fmt: skip
    return found


def _outline(pdf: Any) -> list[tuple[int, str]]:
    try:
        return [(int(level), " ".join(str(title).split()))
                for level, title, *_rest in pdf.doc.get_outlines()]  # fmt: skip
    except Exception:
        return []


def _without_running_heads(lines: list[_Line]) -> list[_Line]:
    """Lines in the top or bottom margin that repeat over pages (digits aside), and page
    numbers, are the page's furniture, not the text."""
    pages = len({line.page for line in lines})

    def shape(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    edge = [ln for ln in lines if ln.top < MARGIN or ln.bottom > 1 - MARGIN]
    often = max(3, pages // 3)
    repeated = {s for s, n in Counter(shape(ln) for ln in edge).items() if n >= often}

    def furniture(ln: _Line) -> bool:
        at_edge = ln.top < MARGIN or ln.bottom > 1 - MARGIN
        return at_edge and (shape(ln) in repeated or bool(_PAGE_NUMBER.match(ln.text)))

    return [ln for ln in lines if not furniture(ln)]


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


Headings = dict[int, tuple[int, int, str | None]]  # line → (level, lines, exact text)


def _by_outline(lines: list[_Line], outline: list[tuple[int, str]]) -> Headings:
    """Line index → its heading for each outline entry found in order; the outline's text is
    the exact title (line breaks and hyphens of the page do not touch it)."""
    result: Headings = {}
    at = 0
    for level, title in outline:
        wanted = _key(title)
        for index in range(at, len(lines)):
            joined, span = "", 0
            while index + span < len(lines) and len(joined) < len(wanted):
                joined += _key(lines[index + span].text)
                span += 1
            if joined == wanted:
                result[index] = (level, span, title)
                at = index + span
                break
    return result


def _by_size(lines: list[_Line]) -> Headings:
    """Without an outline: lines set larger than the body text are headings, the larger the
    higher; a heading over two lines is one."""
    body = Counter(ln.size for ln in lines for _ in ln.text).most_common(1)[0][0]
    sizes = sorted({ln.size for ln in lines if ln.size > body + 0.4}, reverse=True)[:6]
    result: Headings = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.size in sizes and len(line.text) < 200:
            span = 1
            while (index + span < len(lines) and lines[index + span].size == line.size
                   and lines[index + span].page == line.page and span < 3):  # fmt: skip
                span += 1
            result[index] = (sizes.index(line.size) + 1, span, None)
            index += span
        else:
            index += 1
    return result


_SUSPENDED = re.compile(r"^(und|oder|bzw\.?|sowie|bis)\b")  # „Haupt- und Ehrenamt“


def _joined(parts: list[str]) -> str:
    """Lines as one text, hyphenation at line ends undone („Integra-“ + „tion“); a hyphen
    before a capital stays in its compound („IQ-“ + „Anerkennung“), one before „und“ is a
    suspended hyphen („Haupt- und Ehrenamt“)."""
    text = ""
    for part in parts:
        broken = text.endswith("-") and len(text) > 1 and text[-2].isalpha()
        if broken and part[:1].islower() and not _SUSPENDED.match(part):
            text = text[:-1] + part
        elif broken and part[:1].isupper():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def _blocks(lines: list[_Line], headings: Headings) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    previous: _Line | None = None
    spacing = Counter(round(b.top - a.bottom, 3) for a, b in itertools.pairwise(lines)
                      if a.page == b.page and b.top > a.bottom).most_common(1)  # fmt: skip
    gap = (spacing[0][0] if spacing else 0.01) * 2.2 + 0.002

    def flush() -> None:
        if paragraph:
            blocks.append(Block("para", _joined(paragraph), number=len(blocks) + 1))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        if index in headings:
            flush()
            level, span, exact = headings[index]
            text = exact or _joined([ln.text for ln in lines[index : index + span]])
            blocks.append(Block("heading", text, level, number=len(blocks) + 1))
            previous = lines[index + span - 1]
            index += span
            continue
        if previous is not None and previous.page == line.page and line.top - previous.bottom > gap:
            flush()
        paragraph.append(line.text)
        previous = line
        index += 1
    flush()
    return blocks
