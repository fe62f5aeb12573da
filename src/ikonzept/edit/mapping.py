"""The changes asked of one block mapping, and the splices that make them.

The changes are first applied to the mapping's keys in their order (which key is there,
which is new, which is gone); the splices are made from that model at the end. So the
changes of one batch compose in any order: a key added can anchor the next one, a key can
be removed beside one added after it, and two splices never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ikonzept.edit.layout import EditError, Entry, Layout, is_block_scalar, is_empty
from ikonzept.edit.scalar import scalar

_ORIGINAL, _NEW = "original", "new"


@dataclass(frozen=True, slots=True)
class Splice:
    start: int
    end: int
    text: str
    depth: int  # of the mapping: at one place, a nested mapping's lines come first


class MappingEdit:
    """A block mapping of the file: its entries as read and the keys as they will be."""

    def __init__(self, layout: Layout, node: Any, path: tuple[str | int, ...], key: Any) -> None:
        if node.flow_style:
            raise EditError(
                f"{layout.where(node.start_mark.index)}: Diese Angaben stehen in geschweiften "
                "Klammern ({…}). ikonzept ändert nur Angaben mit einem Schlüssel je Zeile; "
                "schreiben Sie sie so, dann geht es."
            )
        self.layout = layout
        self.path = path
        self.key = key  # the key this mapping is the value of; None for the root or a list item
        self.entries = layout.entries(node)
        self._index = {entry.key: number for number, entry in enumerate(self.entries)}
        self.order: list[tuple[str, str]] = [(_ORIGINAL, entry.key) for entry in self.entries]
        self.values: dict[tuple[str, str], str] = {}  # scalar text for changed or new keys
        self.removed: set[str] = set()  # original keys

    def changes(self, key: str) -> bool:
        """Whether this batch removes ``key`` or gives it a new value."""
        return key in self.removed or (_ORIGINAL, key) in self.values or (_NEW, key) in self.values

    def set(self, key: str, text: str, after: Sequence[str]) -> None:
        if key in self._index and key not in self.removed:
            self.values[(_ORIGINAL, key)] = text
            return
        if (_NEW, key) in self.values:
            self.values[(_NEW, key)] = text
            return
        position = len(self.order)  # after the last key
        for name in after:
            place = self._place(name)
            if place is not None:
                position = place + 1
                break
        self.order.insert(position, (_NEW, key))
        self.values[(_NEW, key)] = text

    def _place(self, key: str) -> int | None:
        """Where ``key`` stands in the mapping as it will be; None if it will not be there."""
        for number, (kind, name) in enumerate(self.order):
            if name == key and (kind == _NEW or key not in self.removed):
                return number
        return None

    def remove(self, key: str) -> None:
        if (_NEW, key) in self.values:
            del self.values[(_NEW, key)]
            self.order.remove((_NEW, key))
        elif key in self._index:
            self.removed.add(key)
            self.values.pop((_ORIGINAL, key), None)

    # Splices ---------------------------------------------------------------------------

    def splices(self) -> list[Splice]:
        slots: list[list[str]] = [[] for _entry in self.entries]  # new keys after entry i
        number = 0
        for kind, key in self.order:
            if kind == _ORIGINAL:
                number = self._index[key]
            else:
                slots[number].append(key)
        edits: list[tuple[int, int, str]] = []
        if all(e.key in self.removed for e in self.entries) and not any(slots):
            edits = self._emptied()
        else:
            first = 0
            if self.entries[0].inline and self.entries[0].key in self.removed:
                first, edit = self._new_first_key(slots)
                edits.append(edit)
            for number in range(first, len(self.entries)):
                edits.extend(self._entry_edits(self.entries[number], slots[number]))
        depth = len(self.path)
        return [Splice(start, end, text, depth) for start, end, text in edits]

    def _entry_edits(self, entry: Entry, new_keys: list[str]) -> list[tuple[int, int, str]]:
        edits = []
        if entry.key in self.removed:
            edits.append((entry.start, entry.end, ""))
        elif (_ORIGINAL, entry.key) in self.values:
            edits.append(self._replacement(entry, self.values[(_ORIGINAL, entry.key)]))
        if new_keys:
            eol = self.layout.eol_before(entry.end)
            lines = "".join(self._line(key, eol) for key in new_keys)
            edits.append((entry.end, entry.end, lines))
        return edits

    def _new_first_key(self, slots: list[list[str]]) -> tuple[int, tuple[int, int, str]]:
        """The first key of a list item (``- id: …``) is removed: the next key that stays,
        or the first new one, moves up onto the dash's line."""
        entries = self.entries
        first = next((n for n, e in enumerate(entries) if e.key not in self.removed), len(entries))
        leading = [key for number in range(first) for key in slots[number]]
        eol = self.layout.eol_before(entries[0].end)
        text = "".join(self._line(key, eol) for key in leading)[len(self._indent()) :]
        if first < len(entries):
            end = int(entries[first].key_node.start_mark.index)
            text += self._indent() if leading else ""
        else:
            end = entries[-1].end
        return first, (entries[0].start, end, text)

    def _emptied(self) -> list[tuple[int, int, str]]:
        """Every key removed: the mapping stays, empty, as ``{}``; the comments and blank
        lines between its keys stay too."""
        first = self.entries[0]
        removals = [(entry.start, entry.end, "") for entry in self.entries[1:]]
        if self.key is None:  # the root, or a list item
            indent = "" if first.inline else self._indent()
            eol = self.layout.eol_before(first.end)
            return [(first.start, first.end, f"{indent}{{}}{eol}"), *removals]
        colon = self.layout.colon(self.key) + 1
        return [(colon, colon, " {}"), (first.start, first.end, ""), *removals]

    def _replacement(self, entry: Entry, text: str) -> tuple[int, int, str]:
        value = entry.value_node
        if is_empty(value):
            colon = self.layout.colon(entry.key_node) + 1
            return (colon, colon, f" {text}")
        block_collection = type(value).__name__ != "ScalarNode" and not value.flow_style
        if is_block_scalar(value) or block_collection:
            end = self.layout.content_end(value)
            eol = self.layout.eol_before(end)
            if block_collection:  # from the colon: the value starts on the next line
                return (self.layout.colon(entry.key_node) + 1, end, f" {text}{eol}")
            return (int(value.start_mark.index), end, f"{text}{eol}")
        return (int(value.start_mark.index), int(value.end_mark.index), text)

    def _indent(self) -> str:
        return " " * int(self.entries[0].key_node.start_mark.column)

    def _line(self, key: str, eol: str) -> str:
        return f"{self._indent()}{scalar(key)}: {self.values[(_NEW, key)]}{eol}"
