"""YAML documents in the forms authors write, for the editor's property tests.

A document is drawn as a tree of block mappings, lists and scalars in every style
(plain, quoted, block scalars with all chompings, flow collections, empty values), with
quoted keys, comments on their own lines and after values, blank lines, 2 or 4 spaces of
indentation, lists indented or flush with their key, LF or CRLF, a BOM or not, a final
line break or not. Rendering records, for every key, the lines that are its own, so that
a test knows which lines a change may touch.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

Path = tuple[str | int, ...]

KEYS = ("id", "titel", "stand", "beschreibung", "akteure", "ziele", "datum", "nr", "x")
WORDS = ("Text", "Maßnahme", "offen", "Ziel", "für", "Kita", "Café", "und", "a1")


@dataclass
class Document:
    text: str
    eol: str
    bom: bool
    final_newline: bool
    # every key's lines (first, last), 0-based, by the key's path
    ranges: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # block mappings by path, with their keys; flow mappings separately
    mappings: dict[Path, list[str]] = field(default_factory=dict)
    flow: set[Path] = field(default_factory=set)
    inline: set[Path] = field(default_factory=set)  # list items whose first key follows "- "


# The tree: ("map", [(key, key_style, value, comments_before, trailing)]), ("seq", items,
# flush), ("scalar", text_after_colon, extra_lines), ("flowmap", {...}), ("empty",).


# Characters of what authors type, quotes and YAML's indicators among them.
CHARACTERS = "aäßZ09 .,:;-#'\"„“–…?!&*|>%@`{}[]()/\\éłçΩЖ中ع🙂\u00a0"


def text(rng: random.Random) -> str:
    return "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(0, 12)))


def _words(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))


def _scalar(rng: random.Random, indent: int) -> tuple[str, list[str]]:
    """A scalar value: the text after ``key:`` (or ``- ``) and any lines that follow it."""
    kind = rng.choice(("plain", "single", "double", "int", "bool", "date", "block", "flowseq"))
    comment = rng.choice(("", "", "  # Kommentar", " # x: y"))
    if kind == "plain":
        return _words(rng) + comment, []
    if kind == "single":
        return "'" + text(rng).replace("'", "''") + "'", []
    if kind == "double":
        return json.dumps(text(rng), ensure_ascii=False) + comment, []
    if kind == "int":
        return str(rng.randint(-5, 3000)) + comment, []
    if kind == "bool":
        return rng.choice(("true", "false")) + comment, []
    if kind == "date":
        return (dt.date(2000, 1, 1) + dt.timedelta(rng.randint(0, 9000))).isoformat() + comment, []
    if kind == "flowseq":
        items = [rng.choice(("m1", "'b c'", "3", '"x"')) for _ in range(rng.randint(0, 3))]
        return "[" + ", ".join(items) + "]" + comment, []
    chomp = rng.choice(("", "-", "+"))
    choices = ("Zeile eins", "# kein Kommentar", "", "  eingerückt")
    lines = ["Anfang"] + [rng.choice(choices) for _ in range(rng.randint(0, 3))]
    body = [" " * indent + line if line else "" for line in lines]
    if chomp == "+":
        body += [""] * rng.randint(0, 2)
    return rng.choice("|>") + chomp + comment, body


def _mapping(rng: random.Random, depth: int, size: int) -> Any:
    keys = rng.sample(KEYS, rng.randint(1, size))
    entries = []
    for key in keys:
        key_style = rng.choice(("plain", "plain", "plain", "single", "double"))
        before = [rng.choice(("", "# Kommentar", "#")) for _ in range(rng.choice((0, 0, 1, 2)))]
        value = _value(rng, depth, size)
        trailing = value[0] in ("map", "seq") and rng.random() < 0.5
        entries.append((key, key_style, value, before, trailing))
    return ("map", entries)


def _value(rng: random.Random, depth: int, size: int) -> Any:
    choices = ["scalar", "scalar", "empty", "flowmap"]
    if depth < 3:
        choices += ["map", "map", "seq"]
    kind = rng.choice(choices)
    if kind == "map":
        return _mapping(rng, depth + 1, size)
    if kind == "seq":
        items = [
            _mapping(rng, depth + 1, size) if rng.random() < 0.7 else ("scalar",)
            for _ in range(rng.randint(1, 3))
        ]
        return ("seq", items, rng.random() < 0.5)
    if kind == "flowmap":
        return ("flowmap", rng.choice(("{a: 1}", "{id: m1, titel: 'x, y'}", "{}")))
    if kind == "empty":
        return ("empty",)
    return ("scalar",)


class _Renderer:
    def __init__(self, step: int, rng: random.Random) -> None:
        self.step = step
        self.rng = rng
        self.lines: list[str] = []
        self.kept = -1  # where a block scalar that keeps its trailing blank lines ends
        self.doc = Document("", "\n", False, True)

    def mapping(self, node: Any, indent: int, path: Path, prefix: str | None = None) -> None:
        """Render a block mapping at ``indent``; ``prefix`` is a list item's dash line."""
        self.doc.mappings[path] = [key for key, *_rest in node[1]]
        if prefix is not None:
            self.doc.inline.add(path)
        for number, (key, key_style, value, before, trailing) in enumerate(node[1]):
            if not (number == 0 and prefix is not None):
                if self.kept == len(self.lines):  # blank lines would be the scalar's text
                    before = [c for c in before if c]
                self.lines += [" " * indent + c if c else "" for c in before]
            written = {"plain": key, "single": f"'{key}'", "double": f'"{key}"'}[key_style]
            lead = prefix if (number == 0 and prefix is not None) else " " * indent
            first = len(self.lines)
            self.value(f"{lead}{written}:", value, indent, (*path, key))
            if trailing:  # deeper than this key, not as deep as the keys inside its value
                self.lines.append(" " * self._inner(value, indent) + "# Ende des Blocks")
            self.doc.ranges[(*path, key)] = (first, len(self.lines) - 1)

    def _inner(self, value: Any, indent: int) -> int:
        """The column of a comment that ends a block: a nested mapping's keys, a list's
        dashes (one further where the list is flush with its key)."""
        if value[0] == "seq" and value[2]:
            return indent + 1
        return indent + self.step

    def value(self, head: str, value: Any, indent: int, path: Path) -> None:
        kind = value[0]
        if kind == "empty":
            self.lines.append(head)
        elif kind == "flowmap":
            self.doc.flow.add(path)
            self.lines.append(f"{head} {value[1]}")
        elif kind == "scalar":
            text, more = _scalar(self.rng, indent + self.step)
            self.lines.append(f"{head} {text}")
            self.lines += more
            self.kept = len(self.lines) if "+" in text.split("#")[0] else -1
        elif kind == "map":
            self.lines.append(head)
            self.mapping(value, indent + self.step, path)
        else:  # a list, indented or flush with its key
            self.lines.append(head)
            dash = indent if value[2] else indent + self.step
            for number, item in enumerate(value[1]):
                item_path = (*path, number)
                if item[0] == "map":
                    self.mapping(item, dash + 2, item_path, prefix=" " * dash + "- ")
                else:
                    text, more = _scalar(self.rng, dash + 2)
                    self.lines.append(" " * dash + "- " + text)
                    self.lines += more
                    self.kept = len(self.lines) if "+" in text.split("#")[0] else -1


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Hypothesis draws the size and a seed; the seed draws the rest, which is many times
    faster than drawing every comment through Hypothesis (and a failure still shrinks to
    a small document)."""
    size = draw(st.integers(1, 5))
    rng = random.Random(draw(st.integers(0, 2**32)))
    step = rng.choice((2, 4))
    renderer = _Renderer(step, rng)
    if rng.random() < 0.5:
        renderer.lines.append("# Kopfkommentar")
    renderer.mapping(_mapping(rng, 4 - min(size, 4), size), 0, ())
    if rng.random() < 0.5:
        renderer.lines.append("# Kommentar am Ende")
    doc = renderer.doc
    doc.eol = rng.choice(("\n", "\r\n"))
    doc.bom = rng.random() < 0.3
    doc.final_newline = rng.random() < 0.7
    body = doc.eol.join(renderer.lines) + (doc.eol if doc.final_newline else "")
    doc.text = ("\ufeff" if doc.bom else "") + body
    return doc
