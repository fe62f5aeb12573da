"""Change a YAML file the way an author would: only the lines that must change.

ruamel.yaml's composer finds the nodes and their exact place in the text; the changes are
splices into the original text, so comments, key order, quoting, blank lines, line endings
and a byte order mark elsewhere stay byte for byte (a full round-trip dump would reflow
some of them). A batch of changes is first applied to a model of each mapping's keys, so
that changes next to each other compose (a key added can anchor the next one; a key can be
removed beside one added), and only then turned into splices that cannot overlap. The
result is parsed again and compared with what was asked for before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ikonzept.base import fsutil
from ikonzept.edit import expected
from ikonzept.edit.layout import EditError, Layout, is_block_scalar
from ikonzept.edit.mapping import MappingEdit, Splice
from ikonzept.edit.scalar import Scalar, scalar

Key = str | int

_BOM = "\ufeff"
# Line breaks to YAML that are not line breaks to us (and to most editors).
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class YamlFile:
    """One YAML file, its text as read, and the changes asked for."""

    def __init__(self, path: Path, label: str | None = None) -> None:
        self.path = path
        self.label = label or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            from ikonzept.load.reading import os_reason

            raise EditError(f"{self.label} kann nicht gelesen werden. {os_reason(error)}") from None
        self.digest = hashlib.sha256(data).hexdigest()
        self.text = _decoded(data, self.label)
        self._bom = _BOM if self.text.startswith(_BOM) else ""
        body = self.text[len(self._bom) :]
        _refuse_other_breaks(body, self.label)
        # The layout always ends in a line break, so that a new last line is a line; the one
        # added is taken off again unless a change reaches the end.
        self._added = (
            "" if not body or body.endswith("\n") else ("\r\n" if "\r\n" in body else "\n")
        )
        self._layout = Layout(body + self._added, self.label)
        self._root = _compose(self._layout)
        self._mappings: dict[tuple[Key, ...], MappingEdit] = {}
        self._operations: list[expected.Operation | expected.Appended] = []
        self._appended: list[Splice] = []
        self._checked: tuple[int, str] | None = None  # (operations, their checked result)

    def set(
        self, path: Sequence[Key], key: str, value: Scalar, *, after: Sequence[str] = ()
    ) -> None:
        """Set ``key`` in the mapping at ``path``: its value replaced, or a new line added
        after the first of the keys ``after`` that is there (else after the last key)."""
        path = tuple(path)
        self._require_present(path)
        self._mapping(path).set(key, scalar(value), after)
        self._operations.append(expected.Operation(path, key, expected.plain(value), after))

    def remove(self, path: Sequence[Key], key: str) -> None:
        """Remove ``key`` (and its value's lines) from the mapping at ``path``."""
        path = tuple(path)
        self._require_present(path)
        self._mapping(path).remove(key)
        self._operations.append(expected.Operation(path, key, expected.REMOVED, ()))

    def append(self, path: Sequence[Key], key: str, item: dict[str, Scalar | list[str]]) -> None:
        """Add ``item`` (a mapping of scalars and lists of strings) as the last entry of the
        list under ``key`` in the mapping at ``path``: a block list, an empty ``[]``, or a
        new list where the block mapping has no ``key`` yet (then its last key).
        Alone in its batch: the list's other changes would not compose with it."""
        path = tuple(path)
        if self._operations:
            raise EditError(f"{self.label}: Ein neuer Listeneintrag geht nur als einzige Änderung.")
        mapping = _node(self._root, path, self.label)
        pair = next(((k, v) for k, v in mapping.value if k.value == key), None)
        layout = self._layout
        if pair is None:
            if mapping.flow_style or not mapping.value:
                raise EditError(
                    f"{layout.where(mapping.start_mark.index)}: Hier kann ikonzept keine Liste "
                    f"„{key}“ anlegen (eine Zuordnung in geschweiften Klammern oder leer)."
                )
            column = mapping.value[0][0].start_mark.column
            at = layout.with_comments(layout.content_end(mapping), column, len(layout.text))
            eol = layout.eol_before(at)
            text = f"{' ' * column}{key}:{eol}{_item_text(item, column + 2, eol)}"
            self._appended = [Splice(at, at, text, 0)]
            self._operations.append(expected.Appended((*path, key), _plain_item(item)))
            return
        key_node, value = pair
        kind = type(value).__name__
        if kind == "SequenceNode" and value.flow_style and not value.value:
            # `key: []`: the brackets go, the item follows the key's line, indented under it
            start, end = int(value.start_mark.index), int(value.end_mark.index)
            indent = key_node.start_mark.column + 2
            line_end = layout.line_end(start)
            eol = layout.eol_before(line_end)
            text = _item_text(item, indent, eol)
            space = start - 1 if layout.text[start - 1] == " " else start
            self._appended = [Splice(space, end, "", 0), Splice(line_end, line_end, text, 0)]
        elif kind == "SequenceNode" and not value.flow_style and value.value:
            first = value.value[0]
            dash = layout.text.rfind("-", 0, int(first.start_mark.index))
            indent = dash - layout.line_start(dash)
            # after the last item and the comments indented into it
            at = layout.with_comments(layout.content_end(value.value[-1]), indent, len(layout.text))
            eol = layout.eol_before(at)
            self._appended = [Splice(at, at, _item_text(item, indent, eol), 0)]
        else:
            raise EditError(
                f"{layout.where(key_node.start_mark.index)}: „{key}“ ist keine Liste, an die "
                "ikonzept einen Eintrag anfügen kann (eine Liste mit „- “ oder „[]“)."
            )
        self._operations.append(expected.Appended((*path, key), _plain_item(item)))

    def _require_present(self, path: tuple[Key, ...]) -> None:
        """The mapping at ``path`` is still there: no earlier change of this batch removed
        or replaced one of the values it lies in."""
        for depth, step in enumerate(path):
            parent = self._mappings.get(path[:depth])
            if isinstance(step, str) and parent is not None and parent.changes(step):
                raise EditError(
                    f"{self.label}: „{'.'.join(map(str, path[: depth + 1]))}“ wurde schon "
                    "ersetzt oder entfernt; darin kann nichts mehr geändert werden."
                )

    def _mapping(self, path: tuple[Key, ...]) -> MappingEdit:
        edit = self._mappings.get(path)
        if edit is None:
            node = _node(self._root, path, self.label)
            edit = MappingEdit(self._layout, node, path, self._key_of(path))
            self._mappings[path] = edit
        return edit

    def _key_of(self, path: tuple[Key, ...]) -> Any:
        """The key node a mapping is the value of (None for the root or a list item)."""
        if not path or isinstance(path[-1], int):
            return None
        parent = _node(self._root, path[:-1], self.label)
        return next(k for k, _v in parent.value if k.value == path[-1])

    def result(self) -> str:
        """The new text; checked to hold exactly the values asked for (once per set of
        changes: `save` after a check reuses it)."""
        if self._checked is not None and self._checked[0] == len(self._operations):
            return self._checked[1]
        if not self._operations:
            return self.text
        splices: list[Splice] = list(self._appended)
        for path, edit in self._mappings.items():
            if not self._superseded(path):
                splices.extend(edit.splices())
        reaches_end = any(s.end >= len(self._layout.text) for s in splices)
        if self._added and reaches_end:
            splices += self._tail_without_break(splices)
        body = _spliced(self._layout.text, splices)
        if self._added and not reaches_end:
            body = body[: -len(self._added)]
        text = self._bom + body
        original = self._layout.text[: len(self._layout.text) - len(self._added)]
        expected.verify(original, body, self._operations, self.label)
        self._checked = (len(self._operations), text)
        return text

    def _tail_without_break(self, splices: list[Splice]) -> list[Splice]:
        """A block scalar that ends the file without a line break has a value without one;
        a line after it would give it one, unless its header strips it (``|`` → ``|-``)."""
        node = self._root
        while type(node).__name__ in ("MappingNode", "SequenceNode") and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(last, tuple) else last
        if node is None or not is_block_scalar(node):
            return []
        start = int(node.start_mark.index)
        if any(s.start <= start < s.end for s in splices):
            return []  # replaced or removed with its key
        original = self._layout.text[: len(self._layout.text) - len(self._added)]
        if self._layout.keeps_breaks(node) and original[-1:].isspace():
            raise EditError(
                f"{self._layout.where(start)}: Dieser Blocktext behält seine Zeilenumbrüche "
                "(„+“) und endet in Leerzeichen ohne Zeilenumbruch am Dateiende; dahinter "
                "kann ikonzept nichts anfügen, ohne seinen Text zu ändern. Beenden Sie die "
                "Datei mit einem Zeilenumbruch; nichts wurde geändert."
            )
        header_start, header_end, stripped = self._layout.stripped_header(node)
        return [Splice(header_start, header_end, stripped, 0)]

    def _superseded(self, path: tuple[Key, ...]) -> bool:
        """Whether the mapping at ``path`` lies in a value this batch removes or replaces."""
        for depth in range(len(path)):
            parent = self._mappings.get(path[:depth])
            step = path[depth]
            if isinstance(step, str) and parent is not None and parent.changes(step):
                return True
        return False

    def save(self) -> None:
        """Write the changes atomically, unless the file changed since it was read."""
        if not self._operations:
            return
        text = self.result()
        if text == self.text:
            return
        current = hashlib.sha256(self.path.read_bytes()).hexdigest()
        if current != self.digest:
            raise EditError(
                f"{self.label} wurde geändert, während ikonzept daran arbeitete; nichts "
                "geschrieben. Bitte noch einmal ausführen."
            )
        fsutil.write_text(self.path, text)


def _decoded(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise EditError(
            f"{label}, Zeile {line}: Die Datei ist nicht UTF-8-kodiert und wird nicht "
            "geändert. Speichern Sie sie als UTF-8 (`ikonzept validate` sagt mehr)."
        ) from None


def _refuse_other_breaks(text: str, label: str) -> None:
    found = _OTHER_BREAKS.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        name = (
            "ein Wagenrücklauf (CR) ohne Zeilenvorschub"
            if found.group() == "\r"
            else (f"ein Unicode-Zeilentrenner (U+{ord(found.group()):04X})")
        )
        raise EditError(
            f"{label}, Zeile {line}: Hier steht {name}. ikonzept ändert die Datei so nicht; "
            "speichern Sie sie mit Zeilenenden LF oder CRLF (Windows)."
        )


_NOT_YAML = "Die Datei ist kein gültiges YAML und wird nicht geändert"


def _compose(layout: Layout) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        root = YAML(typ="rt").compose(layout.text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is None:
            raise EditError(f"{layout.label}: {_NOT_YAML}") from None
        where = f"{layout.label}, Zeile {mark.line + 1}"
        line = layout.text[layout.line_start(mark.index) : layout.line_end(mark.index)]
        if "\t" in line[: len(line) - len(line.lstrip(" \t-"))]:
            raise EditError(
                f"{where}: Die Einrückung enthält Tabulatoren. YAML rückt mit Leerzeichen ein; "
                "ersetzen Sie die Tabulatoren durch Leerzeichen (in vielen Editoren: "
                "„Einrückung in Leerzeichen umwandeln“)."
            ) from None
        raise EditError(f"{where}: {_NOT_YAML} (`ikonzept validate` zeigt den Fehler).") from None
    except YAMLError:
        raise EditError(f"{layout.label}: {_NOT_YAML}") from None
    _refuse_anchors(root, layout, set())
    return root


def _refuse_anchors(node: Any, layout: Layout, seen: set[int]) -> None:
    """Anchors and aliases tie places together: a change at one would change the other."""
    if node is None:
        return
    if id(node) in seen or getattr(node, "anchor", None):
        raise EditError(
            f"{layout.where(node.start_mark.index)}: Die Datei verwendet YAML-Anker und -Aliase "
            "(&name / *name). ikonzept ändert sie so nicht; schreiben Sie die Angaben aus."
        )
    seen.add(id(node))
    kind = type(node).__name__
    if kind == "MappingNode":
        for key, value in node.value:
            _refuse_anchors(key, layout, seen)
            _refuse_anchors(value, layout, seen)
    elif kind == "SequenceNode":
        for item in node.value:
            _refuse_anchors(item, layout, seen)


def _node(root: Any, path: Sequence[Key], label: str) -> Any:
    node = root
    for depth, step in enumerate(path):
        where = ".".join(map(str, path[: depth + 1]))
        kind = type(node).__name__
        if isinstance(step, int) and kind == "SequenceNode" and 0 <= step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and kind == "MappingNode":
            node = next((v for k, v in node.value if k.value == step), None)
        else:
            node = None
        if node is None:
            raise EditError(f"{label}: „{where}“ fehlt.")
    if node is None or type(node).__name__ != "MappingNode":
        raise EditError(
            f"{label}: „{'.'.join(map(str, path)) or 'Die Datei'}“ ist keine Zuordnung."
        )
    return node


def _item_text(item: dict[str, Scalar | list[str]], indent: int, eol: str) -> str:
    lines = []
    for index, (key, value) in enumerate(item.items()):
        head = " " * indent + ("- " if index == 0 else "  ")
        shown = (
            "[" + ", ".join(_flow_item(v) for v in value) + "]"
            if isinstance(value, list)
            else scalar(value)
        )
        lines.append(f"{head}{key}: {shown}{eol}")
    return "".join(lines)


def _flow_item(value: str) -> str:
    """An item of a list in brackets: plain only where no comma or bracket can cut it."""
    if re.fullmatch(r"[A-Za-z0-9][\w.-]*", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_item(item: dict[str, Scalar | list[str]]) -> dict[str, object]:
    return {k: list(v) if isinstance(v, list) else expected.plain(v) for k, v in item.items()}


def _spliced(text: str, splices: list[Splice]) -> str:
    """Apply splices that do not overlap; at one place, insertions before the text that
    follows them, and a nested mapping's lines before its parent's."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end, -s.depth))
    parts, position = [], 0
    for splice in ordered:
        if splice.start < position:  # pragma: no cover - the mapping edits never overlap
            raise AssertionError(f"overlapping splices at {splice.start}")
        parts += [text[position : splice.start], splice.text]
        position = splice.end
    parts.append(text[position:])
    return "".join(parts)


__all__ = ["EditError", "YamlFile", "scalar"]
