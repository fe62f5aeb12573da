"""The structure tree in reading order, as a screen reader meets it: for listening tests.

Each element is a line (its type and what a reader announces: alternative text, expansion,
ID, list numbering, header cells); its text follows in reading order, each content item's
replacement text (/ActualText) where it has one. Spans without attributes are plain text
to a reader, so their text joins the surrounding text; separate content items (WeasyPrint
writes one per line) are joined by a space, as a reader pauses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pikepdf

from tests.matterhorn.content import read_page
from tests.matterhorn.tree import Content, Element, ObjectRef, Tree, read


def _attributes(element: Element) -> str:
    parts = []
    for key in ("/Alt", "/ActualText", "/E", "/ID", "/Lang"):
        if key in element.obj:
            parts.append(f"{key[1:]}=„{element.obj[key]}“")
    for owner, key in (("/List", "/ListNumbering"), ("/Table", "/Scope"),
                       ("/Table", "/Headers")):  # fmt: skip
        value = element.attribute(owner, key)
        if value is not None:
            shown = ",".join(str(v) for v in value) if isinstance(value, pikepdf.Array) else value
            parts.append(f"{key[1:]}={shown}")
    return (" " + " ".join(parts)) if parts else ""


def _plain(element: Element) -> bool:
    return element.raw_type == "Span" and not _attributes(element)


class _Reader:
    def __init__(self, texts: dict[tuple[int, int], str], wanted: set[int] | None) -> None:
        self.texts, self.wanted = texts, wanted

    def shown(self, element: Element) -> bool:
        if self.wanted is None:
            return True
        pages = {c.page for c in element.contents()}
        pages |= {element.page} if element.page is not None and not pages else set()
        return bool(pages & self.wanted)

    def text(self, element: Element) -> str:
        return " ".join(
            self.texts.get((kid.page, kid.mcid), "") if isinstance(kid, Content)
            else self.text(kid) if isinstance(kid, Element) else ""
            for kid in element.kids
        )  # fmt: skip

    def lines(self, element: Element, depth: int) -> Iterator[str]:
        yield "  " * depth + element.raw_type + _attributes(element)
        run: list[str] = []

        def flush() -> Iterator[str]:
            text = " ".join(" ".join(run).split())
            run.clear()
            if text:
                yield "  " * (depth + 1) + f"„{text}“"

        for kid in element.kids:
            if isinstance(kid, Content):
                run.append(self.texts.get((kid.page, kid.mcid), ""))
            elif isinstance(kid, ObjectRef):
                yield from flush()
                contents = kid.obj.get("/Contents")
                yield "  " * (depth + 1) + f"[Verweis: {contents}]"
            elif _plain(kid):
                run.append(self.text(kid))
            elif self.shown(kid) or kid.type == "Note":
                yield from flush()
                yield from self.lines(kid, depth + 1)
        yield from flush()


def texts_of(pdf: pikepdf.Pdf, pages: Iterable[int]) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for number in pages:
        for mcid, sequence in read_page(pdf, number).sequences.items():
            found[(number, mcid)] = sequence.spoken
    return found


def dump(pdf: pikepdf.Pdf, pages: Iterable[int] | None = None) -> str:
    """What a reader meets on ``pages`` (0-based; all when None), in reading order.

    Elements with no content on those pages are left out, except notes, which a reader
    hears where they are called, whichever page prints them.
    """
    tree: Tree | None = read(pdf)
    if tree is None:
        return "(kein Strukturbaum)\n"
    wanted = set(pages) if pages is not None else None
    reader = _Reader(texts_of(pdf, range(len(pdf.pages))), wanted)
    lines: list[str] = []
    for element in tree.top:
        if reader.shown(element):
            lines.extend(reader.lines(element, 0))
    return "\n".join(lines) + "\n"
