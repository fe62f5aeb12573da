"""The pages of a document laid out in parts: what each part reports (its page count,
anchors and bookmarks) and the page numbers of the whole document derived from them.

Shared by `render/layout/parts`, which lays the parts out, and `render/layout/merge`,
which joins them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bookmark:
    level: int
    label: str
    page: int  # within the part (0-based); within the document once merged
    x: float  # PDF points from the bottom left
    y: float
    closed: bool


@dataclass(frozen=True, slots=True)
class PartLayout:
    """What a laid-out part reports back to the process that joins the parts."""

    pages: int
    anchors: dict[str, int]  # anchor → page index within the part (0-based)
    bookmarks: tuple[Bookmark, ...]
    blocked: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Numbering:
    """Page numbers of the whole document, from the page counts of its parts.

    A page's number is its position in the document, as with WeasyPrint's ``page`` counter
    when nothing resets it (our templates never do).
    """

    offsets: tuple[int, ...]  # pages before each part
    total: int
    anchors: dict[str, int]  # anchor → printed page number

    @classmethod
    def of(cls, layouts: Sequence[PartLayout]) -> Numbering:
        offsets: list[int] = []
        anchors: dict[str, int] = {}
        total = 0
        for layout in layouts:
            offsets.append(total)
            for name, page in layout.anchors.items():
                anchors.setdefault(name, total + page + 1)
            total += layout.pages
        return cls(tuple(offsets), total, anchors)
