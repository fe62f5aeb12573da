"""Word's automatic numbers as Word shows them. They live in numbering.xml, not in the text:
a paragraph (or its style, through `basedOn`) names a list (`numId`) and a level (`ilvl`);
the list points to an abstract definition (directly, or through `numStyleLink` to a
numbering style) whose level says how to count (`start`, `numFmt`) and how to show it
(`lvlText` such as "%1.%2", `isLgl`). Counters run per abstract definition; a deeper level
starts again when a shallower one counts on (unless `lvlRestart` says otherwise); a list's
`startOverride` restarts its level where that list is first used."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{W}{tag}") if element is not None else None
    return found.get(f"{W}val") if found is not None else None


def _on(element: Any, tag: str) -> bool:
    """A toggle such as <w:isLgl/>: on unless its value says off."""
    found = element.find(f"{W}{tag}") if element is not None else None
    return found is not None and found.get(f"{W}val", "true") not in ("0", "false", "off")


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this level (1-based); 0: never
    legal: bool = False  # isLgl: the numbers of all levels shown as decimals
    style: str | None = None  # pStyle: the paragraph style this level belongs to


@dataclass(slots=True)
class Numbering:
    """The lists of one document and their counters, as the paragraphs come."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId →
    lists: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → start
    style_levels: dict[str, tuple[str, int]] = field(default_factory=dict)  # style → (num, lvl)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)  # lists whose overrides were applied

    @classmethod
    def read(cls, numbering: Any, styles: Any) -> Numbering:
        """From the numbering part's and the styles part's XML roots (either may be None)."""
        result = cls()
        links = result._abstracts(numbering)
        result._lists(numbering)
        result.style_levels = _style_numbering(styles)
        # numStyleLink: the abstract definition is the one the numbering style's list uses
        for ident, style in links.items():
            num = result.style_levels.get(style, (None, 0))[0]
            target = result.lists.get(num or "")
            if target and target != ident:
                for list_id, abstract_id in list(result.lists.items()):
                    if abstract_id == ident:
                        result.lists[list_id] = target
        # a level linked to a paragraph style (pStyle) numbers that style's paragraphs
        for abstract_id, levels in result.levels.items():
            for ilvl, level in levels.items():
                if level.style and level.style not in result.style_levels:
                    num = next((n for n, a in result.lists.items() if a == abstract_id), None)
                    if num:
                        result.style_levels[level.style] = (num, ilvl)
        return result

    def _abstracts(self, numbering: Any) -> dict[str, str]:
        """The abstract definitions; returns those that link to a numbering style."""
        links: dict[str, str] = {}
        for abstract in numbering.iter(f"{W}abstractNum") if numbering is not None else ():
            ident = abstract.get(f"{W}abstractNumId")
            link = _val(abstract, "numStyleLink")
            if link:
                links[ident] = link
            self.levels[ident] = {
                int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
        return links

    def _lists(self, numbering: Any) -> None:
        for num in numbering.iter(f"{W}num") if numbering is not None else ():
            ident = num.get(f"{W}numId")
            abstract_id = _val(num, "abstractNumId")
            if abstract_id is None:
                continue
            self.lists[ident] = abstract_id
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    level = int(override.get(f"{W}ilvl", "0"))
                    self.overrides.setdefault(ident, {})[level] = int(start)

    def label(self, num: str | None, ilvl: int) -> tuple[str, str] | None:
        """Count the paragraph on; returns (label, format) or None where nothing is shown."""
        if not num or num == "0" or num not in self.lists:
            return None
        abstract = self.lists[num]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl, Level())
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num not in self.started:
            self.started.add(num)
            for at, start in self.overrides.get(num, {}).items():
                if 0 <= at < 9:
                    counters[at] = start - 1
        current = counters[ilvl]
        counters[ilvl] = (current + 1) if current is not None else level.start
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "none":
            return "", "none"
        if level.fmt == "bullet":
            return level.text, "bullet"
        text = level.text
        for at in range(9):
            placeholder = f"%{at + 1}"
            if placeholder in text:
                value = counters[at]
                shown_level = levels.get(at, Level())
                number = value if value is not None else shown_level.start
                fmt = "decimal" if level.legal and at < ilvl else shown_level.fmt
                text = text.replace(placeholder, _formatted(number, fmt))
        return text, level.fmt


def _level(lvl: Any) -> Level:
    start = _val(lvl, "start")
    restart = _val(lvl, "lvlRestart")
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=_on(lvl, "isLgl"),
        style=_val(lvl, "pStyle"),
    )


def _style_numbering(styles: Any) -> dict[str, tuple[str, int]]:
    """Per paragraph style, its list and level, inherited along `basedOn`."""
    own: dict[str, tuple[str | None, int | None]] = {}
    parents: dict[str, str] = {}
    for style in styles.iter(f"{W}style") if styles is not None else ():
        ident = style.get(f"{W}styleId")
        based = _val(style, "basedOn")
        if based:
            parents[ident] = based
        ppr = style.find(f"{W}pPr")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        if numpr is not None:
            level_text = _val(numpr, "ilvl")
            level = int(level_text) if level_text and level_text.isdigit() else None
            own[ident] = (_val(numpr, "numId"), level)
    result: dict[str, tuple[str, int]] = {}
    for ident in set(own) | set(parents):
        num: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        at = ident
        while at and at not in seen:
            seen.add(at)
            got_num, got_lvl = own.get(at, (None, None))
            num = num if num is not None else got_num
            ilvl = ilvl if ilvl is not None else got_lvl
            at = parents.get(at, "")
        if num is not None:
            result[ident] = (num, ilvl or 0)
    return result


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _formatted(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters: a … z, then aa … zz, aaa …
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        rest, text = number, ""
        for value, letters in _ROMAN:
            while rest >= value:
                text, rest = text + letters, rest - value
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)
