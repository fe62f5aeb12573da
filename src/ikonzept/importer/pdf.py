"""A PDF's text as the same blocks a Word document gives (`walk.Block`): headings from the
PDF's outline (bookmarks) where it has one, else from the font size; paragraphs from the
lines between them, with running heads and page numbers dropped and line-end hyphenation
undone. Read with pdfplumber (MIT). A PDF without a text layer (a scan) is refused: there
is no text recognition."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept.importer import pdfpictures, pdftables
from ikonzept.importer.pictures import Picture, numbered
from ikonzept.importer.walk import Block, escaped

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
    table: pdftables.Table | None = None  # a ruled table standing here instead of a line
    bold: bool = False  # every character in a bold face
    italic: bool = False
    x0: float = 0.0  # share of the page's width where the line starts
    picture: pdfpictures.Placed | None = None  # a picture standing here instead of a line

    @property
    def is_text(self) -> bool:
        return self.table is None and self.picture is None


@dataclass(frozen=True, slots=True)
class Read:
    """What a PDF gives: its blocks, its title (None where it has none), its pictures and
    what the report says about pictures not taken."""

    blocks: list[Block]
    title: str | None
    pictures: list[Picture]
    left_out: list[str]


def read(path: Path) -> Read:
    """The blocks of the PDF, its title from the metadata, and its pictures."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        lines = _lines(pdf)
        if not lines:
            raise NoTextLayer(path.name)
        outline = _outline(pdf)
        title = (pdf.metadata or {}).get("Title")
    lines = _tables_joined(_without_running_heads(lines))
    lines, pictures, left_out = _pictures(lines)
    cover, lines = _title(lines, {_key(title) for _level, title in outline})
    headings = _by_outline(lines, outline) if outline else _by_size(lines)
    if not (isinstance(title, str) and title.strip()):
        title = cover
    return Read(_blocks(lines, headings), title or None, pictures, left_out)


def _pictures(lines: list[_Line]) -> tuple[list[_Line], list[Picture], list[str]]:
    """The pictures numbered in reading order, each line's text its Markdown image; the
    ones not taken only in the report."""
    result: list[_Line] = []
    pictures: list[Picture] = []
    left_out: list[str] = []
    for line in lines:
        placed = line.picture
        if placed is None:
            result.append(line)
        elif placed.left_out:
            left_out.append(placed.left_out)
        else:
            picture = numbered(len(pictures) + 1, placed.kind, placed.data, page=line.page)
            pictures.append(picture)
            markdown = f"![{escaped(picture.alt)}]({picture.path})"
            result.append(dataclasses.replace(line, text=markdown))
    return result, pictures, left_out


def _title(lines: list[_Line], headings: set[str]) -> tuple[str, list[_Line]]:
    """The title: the first lines of the first page (after a logo above it), in a size no
    other page has and well above the text's (a first heading is not a title), and not a
    heading of the outline."""
    leading = next((i for i, ln in enumerate(lines) if ln.picture is None), len(lines))
    rest, texts = lines[leading:], [ln for ln in lines if ln.is_text]
    if not rest or rest[0].page != 1 or not rest[0].is_text:
        return "", lines
    largest = max(ln.size for ln in texts)
    body = Counter(ln.size for ln in texts for _ in ln.text).most_common(1)[0][0]
    if (rest[0].size != largest or largest < 1.6 * body
            or any(ln.size == largest for ln in texts if ln.page > 1)):  # fmt: skip
        return "", lines
    count = next((i for i, ln in enumerate(rest) if ln.size != largest), len(rest))
    title = join_lines([ln.text for ln in rest[:count]])
    if _key(title) in headings:
        return "", lines
    return title, lines[:leading] + rest[count:]


def _lines(pdf: Any) -> list[_Line]:
    """The text lines of all pages in reading order, a ruled table as one item in its place."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        height = float(page.height)
        raw = page.extract_text_lines(return_chars=True)
        tables, raw = pdftables.read(number, page, pdftables.find(page), raw)
        on_page = [_Line(number, t.top, t.bottom, 0.0, "", t) for t in tables]
        on_page += [_Line(number, p.top, p.bottom, 0.0, "", picture=p)
                    for p in pdfpictures.read(page, number)]  # fmt: skip
        for line in raw:
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars:
                continue
            size = Counter(round(float(c["size"]), 1) for c in chars).most_common(1)[0][0]
            faces = [str(c.get("fontname", "")).lower() for c in chars]
            on_page.append(_Line(number, float(line["top"]) / height,
                                 float(line["bottom"]) / height, size,
                                 " ".join(line["text"].split()), None,
                                 all("bold" in f or "black" in f for f in faces),
                                 all("italic" in f or "oblique" in f for f in faces),
                                 float(line["x0"]) / float(page.width)))  # fmt: skip
        found += sorted(on_page, key=lambda ln: ln.top)
        page.close()  # its parsed objects are not needed again: memory stays flat
    return found


def _tables_joined(lines: list[_Line]) -> list[_Line]:
    """A table that ends a page and one that opens the next with the same columns: one."""
    result: list[_Line] = []
    for line in lines:
        before = result[-1].table if result else None
        if before is not None and line.table is not None and pdftables.merge(before, line.table):
            continue
        result.append(line)
    return result


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
        if line.picture is not None:
            return f"Bild {line.picture.digest}"
        return re.sub(r"\d+", "#", line.text)

    edge = [ln for ln in lines if ln.top < MARGIN or ln.bottom > 1 - MARGIN]
    often = max(3, pages // 3)
    repeated = {s for s, n in Counter(shape(ln) for ln in edge).items() if n >= often}

    def furniture(ln: _Line) -> bool:
        if ln.table is not None:
            return False
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
            if not lines[index].is_text:
                continue
            joined, span = "", 0
            while (index + span < len(lines) and len(joined) < len(wanted)
                   and lines[index + span].is_text):  # fmt: skip
                joined += _key(lines[index + span].text)
                span += 1
            if joined == wanted:
                result[index] = (level, span, title)
                at = index + span
                break
    return result


def _by_size(lines: list[_Line]) -> Headings:
    """Without an outline: lines set larger than the body text, or in bold where the body
    is not, are headings; the larger the higher, bold above bold italic at one size. A
    heading over up to three lines of one face is one."""
    text_lines = [ln for ln in lines if ln.is_text]
    if not text_lines:
        return {}

    def face(ln: _Line) -> tuple[float, bool, bool]:
        return ln.size, ln.bold, ln.italic

    body = Counter(face(ln) for ln in text_lines for _ in ln.text).most_common(1)[0][0]

    def heading_face(ln: _Line) -> bool:
        larger = ln.size > body[0] + 0.4
        bolder = ln.size >= body[0] - 0.4 and ln.bold and not body[1]
        return (larger or bolder) and len(ln.text) < 200 and not ln.text.endswith((".", ","))

    faces = sorted({face(ln) for ln in text_lines if heading_face(ln)},
                   key=lambda f: (-f[0], not f[1], f[2]))[:6]  # fmt: skip
    result: Headings = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.is_text and face(line) in faces and heading_face(line):
            span = 1
            while (index + span < len(lines) and lines[index + span].is_text
                   and face(lines[index + span]) == face(line)
                   and lines[index + span].page == line.page and span < 3):  # fmt: skip
                span += 1
            result[index] = (faces.index(face(line)) + 1, span, None)
            index += span
        else:
            index += 1
    return result


_SUSPENDED = re.compile(r"^(und|oder|bzw\.?|sowie|bis)\b")  # „Haupt- und Ehrenamt“


def join_lines(parts: list[str]) -> str:
    """Lines as one text, hyphenation at line ends undone („Integra-“ + „tion“); a hyphen
    before a capital stays in its compound („IQ-“ + „Anerkennung“), one before „und“ is a
    suspended hyphen („Haupt- und Ehrenamt“)."""
    text = ""
    for part in parts:
        broken = text.endswith("-") and len(text) > 1 and text[-2].isalpha()
        if text.endswith("-") and text[-2:-1].isdigit() and part[:1].isdigit():
            text += part  # „02541 9471-“ + „0“
        elif broken and part[:1].islower() and not _SUSPENDED.match(part):
            text = text[:-1] + part
        elif broken and part[:1].isupper():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


# A list item's marker: a bullet glyph (Word's Symbol bullets come as private-use
# characters), or a dash, number or letter that only counts where a paragraph cannot go on.
_BULLET = re.compile(r"^([•◦▪▫‣⁃●○■□·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8])\s+(?=\S)")
_MARKER = re.compile(r"^([–-]|\d{1,2}[.)]|[a-z]\))\s+(?=\S)")
INDENT = 0.01  # of the page's width: a line further right goes on with the item above


@dataclass(slots=True)
class _Item:
    marker: str
    x0: float
    level: int
    lines: list[str]


def _item_start(line: _Line, paragraph: list[str], item: _Item | None) -> re.Match[str] | None:
    bullet = _BULLET.match(line.text)
    if bullet:
        return bullet
    # after a colon or a sentence's end („… Kurse.“, not „… vom 2.“) a list may begin
    free = (
        item is not None or not paragraph or bool(re.search(r"(:|[^\W\d]{2}[.;])$", paragraph[-1]))
    )
    return _MARKER.match(line.text) if free else None


def _blocks(lines: list[_Line], headings: Headings) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    page = [0]  # where the paragraph or item being read began
    item: _Item | None = None
    first_x0 = [0.0]  # the first item's marker in the list being read: its items' level 0
    previous: _Line | None = None
    spacing = Counter(round(b.top - a.bottom, 3) for a, b in itertools.pairwise(lines)
                      if a.page == b.page and b.top > a.bottom).most_common(1)  # fmt: skip
    gap = (spacing[0][0] if spacing else 0.01) * 2.2 + 0.002

    def flush() -> None:
        nonlocal item
        if paragraph:
            blocks.append(Block("para", escaped(join_lines(paragraph)), number=len(blocks) + 1,
                                page=page[0]))  # fmt: skip
            paragraph.clear()
        if item is not None:
            ordered = not _BULLET.match(item.marker + " x") and item.marker not in "–-"
            blocks.append(Block("item", escaped(join_lines(item.lines)), item.level,
                                item.marker, ordered=ordered, number=len(blocks) + 1,
                                page=page[0]))  # fmt: skip
            item = None

    index = 0
    while index < len(lines):
        line = lines[index]
        standing = _standing(line, len(blocks) + 1)
        if standing is not None:
            flush()
            blocks.append(standing)
            previous = line
            index += 1
            continue
        if index in headings:
            flush()
            level, span, exact = headings[index]
            text = exact or join_lines([ln.text for ln in lines[index : index + span]])
            blocks.append(Block("heading", text, level, number=len(blocks) + 1, page=line.page))
            previous = lines[index + span - 1]
            index += span
            continue
        apart = previous is None or previous.page != line.page or (line.top - previous.bottom > gap)
        start = _item_start(line, paragraph, item)
        if start is not None:
            in_list = item is not None or (blocks and blocks[-1].kind == "item" and not apart)
            flush()
            if not in_list:
                first_x0[0] = line.x0
            item = _Item(start.group(1), line.x0, int(line.x0 > first_x0[0] + INDENT),
                         [line.text[start.end() :]])  # fmt: skip
            page[0] = line.page
        elif item is not None and not apart and line.x0 > item.x0 + INDENT:
            item.lines.append(line.text)  # the item goes on, indented under its text
        else:
            if apart or item is not None:
                flush()
            if not paragraph:
                page[0] = line.page
            paragraph.append(line.text)
        previous = line
        index += 1
    flush()
    return blocks


def _standing(line: _Line, number: int) -> Block | None:
    """A picture or a ruled table: a block of its own where it stands."""
    if line.picture is not None:
        return Block("para", line.text, number=number, page=line.page)
    if line.table is not None:
        rows = _filled(line.table.rows)
        return Block("table", _markdown_table(rows), number=number,
                     cells=tuple(tuple(r) for r in rows), page=line.page)  # fmt: skip
    return None


def _filled(rows: list[list[str]]) -> list[list[str]]:
    """Rows of equal width; a row of one cell across the table (a label) stays one cell."""
    width = max(len(r) for r in rows)
    return [r if len(r) == 1 else r + [""] * (width - len(r)) for r in rows]


def _markdown_table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[escaped(c).replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells[1:]])
