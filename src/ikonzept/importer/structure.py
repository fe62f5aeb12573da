"""From a document's headings to fields of action, goals and measures.

The headings form a tree. Which heading level is a field, a goal or a measure is given
(`--ebenen handlungsfeld=2,ziel=3,massnahme=4`) or inferred: the level of headings that
say „Handlungsfeld“ (else the level below a chapter „Handlungsfelder“), below it the level
of those that say „Ziel“, below that „Maßnahme“ (else one level deeper each). A heading at
the field level is a field only where it has goals below it; everything else stays text:
a chapter (`kapitel`). Measures written as list paragraphs under a goal count too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ikonzept.importer.walk import Block

KINDS = ("handlungsfeld", "ziel", "massnahme")
# The words must open the heading (after a typed number): „Ziel 1: …“, not a measure
# whose title happens to contain „Ziel“.
_LEAD = r"^\s*(?:[\d.]+\s+)?"
_FIELD = re.compile(_LEAD + r"handlungsfeld\b", re.I)
_FIELDS = re.compile(_LEAD + r"handlungsfelder\b", re.I)
_GOAL = re.compile(_LEAD + r"(?:ziel|teilziel)\b", re.I)
_MEASURE = re.compile(_LEAD + r"ma(ß|ss)nahme\b", re.I)
# „Handlungsfeld 3:“, „Ziel 1.2 –“, „Maßnahme 4.“ before the title proper
_PREFIX = re.compile(r"^(handlungsfeld|ziel|ma(ß|ss)nahme)\s*[\dA-Za-z]*[.\d]*\s*[:–—-]\s*", re.I)
_TYPED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(?=\S)")


class LevelError(ValueError):
    """`--ebenen` cannot be read; the message says how it is written."""


@dataclass(slots=True)
class Section:
    heading: Block | None  # None: the text before the first heading
    content: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    emptied: bool = False  # its tables went into the directories (actors, glossary, …)

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0


@dataclass(frozen=True, slots=True)
class Levels:
    handlungsfeld: int
    ziel: int
    massnahme: int
    inferred: bool


def parse_levels(text: str) -> dict[str, int]:
    """„handlungsfeld=2,ziel=3,massnahme=4“ (any of the three)."""
    result = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        name = name.strip().lower().replace("ß", "ss")
        if not sep or name not in KINDS or not value.strip().isdigit():
            raise LevelError(
                f"--ebenen „{text}“: bitte als handlungsfeld=2,ziel=3,massnahme=4 (die Ebenen "
                "der Überschriften, 1 ist die oberste)."
            )
        result[name] = int(value)
    return result


def pseudo_heading(block: Block) -> bool:
    """A paragraph set in bold throughout, short, not a sentence: a heading in disguise."""
    text = block.text.strip("*_ ")
    return (block.kind == "para" and block.bold and not block.label and 0 < len(text) <= 160
            and not text.endswith((".", ",", ";")) and "\n" not in text)  # fmt: skip


def tree(blocks: list[Block]) -> Section:
    """The sections; a bold paragraph that reads as a heading is one, a level below the
    last real heading."""
    root = Section(None)
    stack = [root]
    real = 0  # the level of the last real heading
    for block in blocks:
        if pseudo_heading(block):
            plain = re.sub(r"[*_\\]", "", block.text).strip()
            block = Block("heading", plain, min(real + 1, 9), number=block.number, pseudo=True)
        elif block.kind == "heading":
            real = block.level
        if block.kind == "heading":
            while stack[-1] is not root and stack[-1].level >= block.level:
                stack.pop()
            section = Section(block)
            stack[-1].children.append(section)
            stack.append(section)
        elif block.kind != "title":
            stack[-1].content.append(block)
    return root


def _headings(section: Section) -> list[Block]:
    found = [section.heading] if section.heading else []
    for child in section.children:
        found += _headings(child)
    return found


def _most_common(levels: list[int]) -> int | None:
    return Counter(levels).most_common(1)[0][0] if levels else None


def levels(root: Section, given: dict[str, int]) -> Levels | None:
    """The heading levels of fields, goals and measures; None where no field is found."""
    headings = _headings(root)
    field_level = given.get("handlungsfeld")
    if field_level is None:
        field_level = _most_common([h.level for h in headings if _FIELD.search(h.text)])
    if field_level is None:
        chapter = _most_common([h.level for h in headings if _FIELDS.search(h.text)])
        field_level = chapter + 1 if chapter is not None else None
    if field_level is None:
        return None
    deeper = [h for h in headings if h.level > field_level]
    goal = given.get("ziel") or _most_common(
        [h.level for h in deeper if _GOAL.search(h.text) and not _MEASURE.search(h.text)]
    ) or field_level + 1  # fmt: skip
    measure = given.get("massnahme") or _most_common(
        [h.level for h in headings if h.level > goal and _MEASURE.search(h.text)]
    ) or goal + 1  # fmt: skip
    return Levels(field_level, goal, measure, not given)


def title_of(heading: Block) -> tuple[str, str | None]:
    """(the title proper, a number typed into the heading text or None)."""
    text = heading.text.strip()
    typed = _TYPED.match(text)
    number = typed.group(1) if typed else None
    if typed:
        text = text[typed.end() :]
    return _PREFIX.sub("", text).strip() or text, number
