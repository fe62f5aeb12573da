"""The words of the text layer as they were written, not as the lines broke them.

WeasyPrint draws each piece of text of a line (a text box) as a marked-content sequence
`/Span <</MCID n>> BDC … EMC`. Where a line ends in a hyphenated word, the text layer then
holds „Inte‐“ and „grationskonzept“ on two lines, and where a line ends at a space, the
space is not drawn at all: search (Ctrl+F), copying, indexing and screen readers meet
„Inte‐ grationskonzept“ and „Coesfeld,Dülmen“.

ISO 32000-1 (14.9.4) lets a marked-content sequence carry the text it stands for
(/ActualText). Before a document is written, its pages are read line by line: the piece
that ends in a hyphen gets the whole word (and the space after it), the piece that
continues the word on the next line gets the rest of its text, and a piece that ends a
line where the text had a space gets that space. Poppler (pdftotext), Acrobat and screen
readers read the replacement; a tool that ignores it still finds the hyphen written as a
soft hyphen (U+00AD), which marks a hyphen of line breaking (14.8.2.2.3).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from typing import Any

from ikonzept.render import libraries

# Line ends where the text had no space: after an explicit hyphen, a slash or a dash of a
# compound („Kita-“, „und/“), or an opening bracket.
_NO_SPACE_AFTER = re.compile(r"[-/‑(\[„]\Z")
_WORD_START = re.compile(r"\S+")
_SOFT_HYPHEN = "\u00ad"  # an author's break point: not part of the word

# ActualText by text box, for the document being written (a box is drawn once).
_REPLACEMENTS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def install() -> None:
    """Wrap WeasyPrint's marked-content writer (once per process) to add /ActualText."""
    libraries.import_weasyprint()
    from weasyprint.pdf.stream import Stream

    original = Stream.marked
    if getattr(original, "ikonzept", False):
        return

    def marked(self: Any, box: Any, tag: str) -> Any:
        replacement = _REPLACEMENTS.get(box) if tag == "Span" else None
        if replacement is None or self._tags is None:
            return original(self, box, tag)
        return _marked_with(self, box, tag, replacement)

    marked.ikonzept = True  # type: ignore[attr-defined]
    Stream.marked = marked


def _marked_with(stream: Any, box: Any, tag: str, replacement: str) -> Any:
    """WeasyPrint's `Stream.marked`, with the replacement text in the property list."""
    import contextlib

    import pydyf

    @contextlib.contextmanager
    def sequence() -> Iterator[None]:
        mcid = len(stream._tags)
        stream._tags[box] = {"tag": tag, "mcid": mcid}
        properties = pydyf.Dictionary({"MCID": mcid, "ActualText": pydyf.String(replacement)})
        pydyf.Stream.begin_marked_content(stream, tag, properties)
        try:
            yield
        finally:
            pydyf.Stream.end_marked_content(stream)

    return sequence()


def prepare(document: Any) -> int:
    """Work out the replacement texts of a laid-out document; returns how many pieces of
    text get one (hyphenated words count twice: both halves)."""
    _REPLACEMENTS.clear()
    replacements = replacement_texts(lines(page._page_box for page in document.pages))
    _REPLACEMENTS.update(replacements)
    return len(replacements)


def lines(pages: Iterator[Any]) -> Iterator[tuple[Any, list[Any]] | None]:
    """(block, text boxes) of every line, in the order of the document: the running text
    of all pages first, then each footnote area; None between texts that do not continue
    each other. Headers and footers (margin boxes) are decoration, not text."""
    from weasyprint.formatting_structure import boxes

    footnotes: list[Any] = []

    def walk(box: Any) -> Iterator[tuple[Any, list[Any]]]:
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.LineBox):
                yield box, list(_texts(child))
            elif isinstance(child, boxes.FootnoteAreaBox):
                footnotes.append(child)
            elif not isinstance(child, boxes.TextBox | boxes.MarginBox):
                yield from walk(child)

    def _texts(box: Any) -> Iterator[Any]:
        for child in box.children:
            if isinstance(child, boxes.TextBox):
                yield child
            elif isinstance(child, boxes.InlineBox):
                yield from _texts(child)

    for page in pages:
        yield from walk(page)
    for area in footnotes:
        yield None
        yield from walk(area)


def replacement_texts(all_lines: Iterator[tuple[Any, list[Any]] | None]) -> dict[Any, str]:
    """The text each piece stands for, where it differs from what is drawn."""
    texts: dict[Any, str] = {}
    previous: tuple[Any, list[Any]] | None = None
    for line in all_lines:
        if line is None:
            previous = None
            continue
        block, pieces = line
        if not pieces:
            continue
        for piece in pieces:  # a space between two elements, drawn as no glyph at all
            if piece.text and not piece.text.strip():
                texts[piece] = " "
        if previous is not None:
            _join(previous, (block, pieces), texts)
        previous = (block, pieces)
    return texts


def _join(
    before: tuple[Any, list[Any]], after: tuple[Any, list[Any]], texts: dict[Any, str]
) -> None:
    """Mend the break between two lines: a word broken at a hyphen of line breaking or at
    one of its own („Heizung-|Klima“, a web address), or a space not drawn."""
    last, first = before[1][-1], after[1][0]
    last_text = texts.get(last, last.text)
    hyphen = last.style["hyphenate_character"]
    rest = _WORD_START.match(first.text)
    if last_text.endswith(hyphen) and first.text[:1].isalnum():
        last_text = last_text[: -len(hyphen)]
    elif not (_NO_SPACE_AFTER.search(last_text) and rest and _same_block(before[0], after[0])):
        if _same_block(before[0], after[0]) and not last_text.endswith((" ", "\u00a0")):
            texts[last] = last_text + " "
        return
    # The word goes whole onto the first line (readers that ignore the replacement keep
    # the hyphen at the line's end; pdftotext would take a hyphen of its own for ours).
    assert rest is not None
    texts[last] = (last_text + rest.group()).replace(_SOFT_HYPHEN, "") + " "
    texts[first] = texts.get(first, first.text)[rest.end() :].lstrip()


def _same_block(first: Any, second: Any) -> bool:
    """Two line boxes of one paragraph, also where a page or column break split it."""
    return first is second or (
        first.element is not None
        and first.element is second.element
        and first.element_tag == second.element_tag
    )


# A glyph mapped to U+2010 (HYPHEN), in a ToUnicode CMap: `<0a1f> <2010>`.
_HYPHEN_MAPPING = re.compile(rb"(<[0-9a-fA-F]{4}>\s*)<2010>")


def hyphens_as_hyphen_minus(pdf: Any) -> int:
    """Let the hyphens of line breaking read as U+002D (HYPHEN-MINUS) in every font's
    ToUnicode map; returns how many fonts changed.

    A reader that ignores /ActualText then still finds a hyphen it knows at each line end:
    pdftotext joins „Inte-“ and „gration“, and so does the search of pdf.js (it turns
    U+2010 into a hyphen-minus first and then never joins it). Both glyphs look alike.
    """
    import pikepdf

    changed = 0
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            stream = font.get("/ToUnicode")
            if not isinstance(stream, pikepdf.Stream) or stream.objgen in seen:
                continue
            seen.add(stream.objgen)
            data = stream.read_bytes()
            mapped = _HYPHEN_MAPPING.sub(rb"\1<002d>", data)
            if mapped != data:
                stream.write(mapped)
                changed += 1
    return changed
