"""Where things are in a YAML file's text: lines, line endings and the entries of a block
mapping, each with the exact range of text that is its own.

ruamel's composer gives each node a start and an end, but a block mapping's or block
scalar's end lies after the blank lines and comments that follow it, which belong to
whatever comes next. The ranges here stop where the value's own text stops, plus the
comment lines indented into it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ikonzept.base.errors import IkonzeptError

# A block scalar's header: the indicator, then chomping and indentation in either order.
_BLOCK_HEADER = re.compile(r"[|>]([0-9][+-]|[+-]?[0-9]?)")
# What may stand before the first key of a mapping on its line: the dashes of list items.
_ITEM_DASHES = re.compile(r"[ ]*(?:-[ ]+)+")


class EditError(IkonzeptError):
    """A file cannot be changed as asked (it changed meanwhile, or has an unusual form)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One key of a block mapping and the text that is its own."""

    key: str
    key_node: Any
    value_node: Any
    start: int  # where removing the entry starts: its line, or its key after a "- "
    end: int  # where the line after the value and the comments indented into it starts
    inline: bool  # the key shares its line with the dash of a list item


class Layout:
    """The text of one YAML document (without BOM, ending in a line break) and its lines."""

    def __init__(self, text: str, label: str) -> None:
        self.text = text
        self.label = label
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    # Lines -----------------------------------------------------------------------------

    def line_number(self, index: int) -> int:
        """1-based, as editors count."""
        return bisect.bisect_right(self._starts, index)

    def line_start(self, index: int) -> int:
        return self._starts[self.line_number(index) - 1]

    def line_end(self, index: int) -> int:
        """Where the line after the one holding ``index`` starts (or the end of the text)."""
        number = self.line_number(index)
        return self._starts[number] if number < len(self._starts) else len(self.text)

    def eol_before(self, index: int) -> str:
        """The line ending of the line that ends at ``index`` (new lines are only ever put
        after a line): in a file whose endings are mixed, new lines match their neighbour."""
        return "\r\n" if self.text.endswith("\r\n", 0, index) else "\n"

    def where(self, index: int) -> str:
        return f"{self.label}, Zeile {self.line_number(index)}"

    # Values ----------------------------------------------------------------------------

    def content_end(self, node: Any) -> int:
        """Where the line after a node's own text starts."""
        kind = type(node).__name__
        if kind == "MappingNode" and not node.flow_style and node.value:
            key, value = node.value[-1]
            return self.value_end(key, value)
        if kind == "SequenceNode" and not node.flow_style and node.value:
            return self.content_end(node.value[-1])
        start, end = node.start_mark.index, node.end_mark.index
        if is_block_scalar(node):
            if self.keeps_breaks(node):
                return int(end)  # kept trailing line breaks are part of the text
            end = len(self.text[:end].rstrip())
        return self.line_end(max(end - 1, start))

    def keeps_breaks(self, node: Any) -> bool:
        """Whether a block scalar keeps its trailing line breaks (``|+``, ``>2+``)."""
        header = _BLOCK_HEADER.match(self.text, int(node.start_mark.index))
        return bool(header and "+" in header.group(1))

    def stripped_header(self, node: Any) -> tuple[int, int, str]:
        """Where a block scalar's header is, and the header that strips its final line
        breaks (``|`` → ``|-``, ``>2+`` → ``>2-``)."""
        header = _BLOCK_HEADER.match(self.text, int(node.start_mark.index))
        if header is None:  # pragma: no cover - the composer found a block scalar here
            raise EditError(f"{self.where(node.start_mark.index)}: Blocktext ohne Kopf.")
        digits = header.group(1).strip("+-")
        return header.start(), header.end(), f"{header.group()[0]}{digits}-"

    def value_end(self, key: Any, value: Any) -> int:
        """Where the line after a key's value starts; an empty value ends with the key's line
        (the composer places it at the next token, after any comments)."""
        if is_empty(value):
            return self.line_end(self.colon(key))
        return self.content_end(value)

    def colon(self, key: Any) -> int:
        """The index of the ":" after a key."""
        index = self.text.find(":", int(key.end_mark.index))
        if index < 0:  # pragma: no cover - the composer found a mapping here
            raise EditError(f"{self.where(key.start_mark.index)}: Schlüssel ohne Doppelpunkt.")
        return index

    # Mappings --------------------------------------------------------------------------

    def entries(self, mapping: Any) -> list[Entry]:
        """The entries of a block mapping, checked to be of a form that can be edited."""
        pairs = mapping.value
        column = pairs[0][0].start_mark.column
        result = []
        for position, (key, value) in enumerate(pairs):
            index = int(key.start_mark.index)
            if type(key).__name__ != "ScalarNode":
                raise EditError(f"{self.where(index)}: Ein zusammengesetzter Schlüssel (?).")
            before = self.text[self.line_start(index) : index]
            inline = bool(before.strip())
            if inline and not (position == 0 and _ITEM_DASHES.fullmatch(before)):
                raise EditError(
                    f"{self.where(index)}: Diese Schreibweise (etwa ein „? “-Schlüssel) kann "
                    "ikonzept nicht sicher ändern. Schreiben Sie jeden Schlüssel an den Anfang "
                    "einer eigenen Zeile."
                )
            following = (
                self.line_start(pairs[position + 1][0].start_mark.index)
                if position + 1 < len(pairs)
                else len(self.text)
            )
            end = self.with_comments(self.value_end(key, value), column, following)
            start = index if inline else self.line_start(index)
            result.append(Entry(str(key.value), key, value, start, end, inline))
        return result

    def with_comments(self, end: int, column: int, limit: int) -> int:
        """``end`` moved past the comment lines indented deeper than the key (they belong to
        its value), not past the blank lines after them."""
        position = end
        while position < limit:
            line_end = self.line_end(position)
            line = self.text[position:line_end]
            stripped = line.lstrip(" ")
            if stripped.startswith("#") and len(line) - len(stripped) > column:
                end = position = line_end
            elif not stripped.strip():
                position = line_end
            else:
                break
        return end


def is_block_scalar(node: Any) -> bool:
    return getattr(node, "style", None) in ("|", ">")


def is_empty(node: Any) -> bool:
    """A value left out (``key:``), which the composer reads as an empty plain scalar."""
    return (
        type(node).__name__ == "ScalarNode"
        and node.value == ""
        and node.style is None
        and node.start_mark.index == node.end_mark.index
    )
