"""Change a YAML file the way an author would: only the lines that must change.

ruamel.yaml's composer finds the nodes and their exact place in the text; the changes are
splices into the original text, so comments, key order, quoting, blank lines and line
breaks elsewhere stay byte for byte (a full round-trip dump would reflow some of them).
The result is parsed again and compared with what was asked for before it is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept import fsutil
from ikonzept.errors import IkonzeptError

Key = str | int
Scalar = str | int | bool | dt.date

# Plain scalars we may write without quotes: they read back as the same string.
_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß0-9][\w .,:/()„“–-]*[\w.)“]|[A-Za-zÄÖÜäöüß0-9]")


class EditError(IkonzeptError):
    """A file cannot be changed as asked (it changed meanwhile, or has an unusual form)."""


@dataclass(frozen=True, slots=True)
class _Splice:
    start: int
    end: int
    text: str
    order: int  # of the call: insertions at one place keep the order they were asked in


def scalar(value: Scalar) -> str:
    """``value`` as a YAML scalar on one line: plain where that reads back the same."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)  # dates as 2019-06-04, which YAML reads as a date
    if _PLAIN.fullmatch(value) and _reads_as_string(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _reads_as_string(text: str) -> bool:
    from ruamel.yaml import YAML

    try:
        return bool(YAML(typ="safe", pure=True).load(f"x: {text}\n") == {"x": text})
    except Exception:
        return False


class YamlFile:
    """One YAML file, its text as read, and the changes asked for."""

    def __init__(self, path: Path, label: str | None = None) -> None:
        self.path = path
        self.label = label or path.name
        data = path.read_bytes()
        self.digest = hashlib.sha256(data).hexdigest()
        self.text = data.decode("utf-8")
        self._splices: list[_Splice] = []
        self._inserted: dict[tuple[Key, ...], int] = {}  # new keys → where they go
        # (path, the scalar text written there, or None where a key was removed)
        self._expected: list[tuple[tuple[Key, ...], str | None]] = []
        self._checked: tuple[int, str] | None = None  # (splices, their checked result)
        from ruamel.yaml import YAML

        self._root = YAML(typ="rt").compose(self.text)

    def _node(self, path: Sequence[Key]) -> Any:
        node = self._root
        for step in path:
            if isinstance(step, int):
                node = node.value[step]
            else:
                node = next((v for k, v in node.value if k.value == step), None)
                if node is None:
                    raise EditError(f"{self.label}: „{step}“ fehlt in {'.'.join(map(str, path))}.")
        return node

    def set(
        self, path: Sequence[Key], key: str, value: Scalar, *, after: Sequence[str] = ()
    ) -> None:
        """Set ``key`` in the mapping at ``path``: its value replaced, or a new line added
        after the last of the keys ``after`` that is there (else after the last key)."""
        mapping = self._node(path)
        if mapping.flow_style:
            raise EditError(f"{self.label}: {'.'.join(map(str, path))} ist einzeilig geschrieben.")
        self._expected.append(((*path, key), scalar(value)))
        for key_node, value_node in mapping.value:
            if key_node.value == key:
                self._replace(value_node, scalar(value))
                return
        position = self._insertion_point(mapping, tuple(path), after)
        indent = " " * mapping.value[0][0].start_mark.column
        self._inserted[(*path, key)] = position
        line = f"{indent}{key}: {scalar(value)}\n"
        if position == len(self.text) and not self.text.endswith("\n"):
            line = "\n" + line  # the file's last line had no line break
        self._splice(position, position, line)

    def _insertion_point(self, mapping: Any, path: tuple[Key, ...], after: Sequence[str]) -> int:
        """After the first key of ``after`` that is there (or added by an earlier call): after
        its whole value (a block scalar or list may span lines) and any comment on its last
        line. Without one, after the last key."""
        for name in after:
            if (*path, name) in self._inserted:
                return self._inserted[(*path, name)]
            for key_node, value_node in mapping.value:
                if key_node.value == name:
                    return self._value_end(value_node)
        return self._value_end(mapping.value[-1][1])

    def _splice(self, start: int, end: int, text: str) -> None:
        self._splices.append(_Splice(start, end, text, len(self._splices)))

    def remove(self, path: Sequence[Key], key: str) -> None:
        """Remove ``key`` (and its value's lines) from the mapping at ``path``."""
        mapping = self._node(path)
        for key_node, value_node in mapping.value:
            if key_node.value == key:
                start = self.text.rfind("\n", 0, key_node.start_mark.index) + 1
                self._splice(start, self._value_end(value_node), "")
                self._expected.append(((*path, key), None))
                return

    def _replace(self, node: Any, text: str) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        if _is_block(node):
            # A block scalar ends with the line break of its last line.
            end = self._value_end(node)
            text += "\n"
        self._splice(start, end, text)

    def _value_end(self, node: Any) -> int:
        """Where the line after a value starts: after a comment on its last line; for a block
        scalar, after its last line of text (the blank lines after it are not part of it)."""
        index = int(node.end_mark.index)
        if _is_block(node):
            index = len(self.text[:index].rstrip())
        if index > 0 and self.text[index - 1] == "\n":
            return index
        newline = self.text.find("\n", index)
        return len(self.text) if newline < 0 else newline + 1

    def result(self) -> str:
        """The new text; checked to hold exactly the values asked for (once per set of
        changes: `save` after a check reuses it)."""
        if self._checked is not None and self._checked[0] == len(self._splices):
            return self._checked[1]
        text = self.text
        for splice in sorted(self._splices, key=lambda s: (s.start, s.order), reverse=True):
            text = text[: splice.start] + splice.text + text[splice.end :]
        self._verify(text)
        self._checked = (len(self._splices), text)
        return text

    def _verify(self, text: str) -> None:
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        data = yaml.load(text)
        for path, written in self._expected:
            found = _lookup(data, path)
            expected = _ABSENT if written is None else yaml.load(f"x: {written}\n")["x"]
            if found != expected:  # pragma: no cover - a bug here, never the author's fault
                raise AssertionError(f"{self.label}: {path} ist {found!r}, nicht {expected!r}")

    def save(self) -> None:
        """Write the changes atomically, unless the file changed since it was read."""
        if not self._splices:
            return
        text = self.result()
        current = hashlib.sha256(self.path.read_bytes()).hexdigest()
        if current != self.digest:
            raise EditError(
                f"{self.label} wurde geändert, während ikonzept daran arbeitete; nichts "
                "geschrieben. Bitte noch einmal ausführen."
            )
        fsutil.write_text(self.path, text)


_ABSENT = object()


def _is_block(node: Any) -> bool:
    return getattr(node, "style", None) in ("|", ">")


def _lookup(data: Any, path: Sequence[Key]) -> Any:
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or step >= len(data):
                return _ABSENT
        elif not isinstance(data, dict) or step not in data:
            return _ABSENT
        data = data[step]
    return data
