"""Turn document paths into line and column, parsing only the files that have findings.

The fast loader forgets positions. Composing the node graph with the C parser keeps them
(a mark on every node) at about the cost of a load, so it runs only for files with findings.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from ikonzept.base.findings import Anchor, DocPath, Finding


class _Untyped(VersionedResolver):
    """Every node gets its kind's default tag: a position needs the node graph and its
    marks, not whether a scalar is a date or a number (resolving that took 60 % of the
    time a file of 800 lines needs to compose)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


_COMPOSER = YAML(typ="safe", pure=False)
_COMPOSER.Resolver = _Untyped


def locate(findings: Iterable[Finding], text_of: Callable[[str], str | None]) -> list[Finding]:
    """Fill in line and column from ``path`` (and ``needle``) where they are missing."""
    pending: dict[str, list[Finding]] = defaultdict(list)
    done: list[Finding] = []
    for item in findings:
        if item.line is None and item.path is not None:
            pending[item.file].append(item)
        else:
            done.append(item)
    for file, items in pending.items():
        text = text_of(file)
        marks = _marks(text, items) if text is not None else {}
        lines = text.splitlines() if text is not None else []
        for item in items:
            line, column = marks.get(_where(item), (0, 0))
            if item.needle:
                line, column = _search(lines, item.needle, line, column)
            done.append(dataclasses.replace(item, line=line + 1, column=column + 1))
    return done


def _where(item: Finding) -> str:
    return repr((item.path, item.anchor.name))


def _marks(text: str, items: list[Finding]) -> dict[str, tuple[int, int]]:
    """Line and column (from 0) of each item's place. Kept by the file's content: a file
    whose findings stay (a plan's warnings) is composed once, not at every `validate`."""
    from ikonzept.load import cache

    entry = cache.key("positions", text)
    known: dict[str, tuple[int, int]] = cache.get(entry) or {}
    wanted = {_where(item): item for item in items}
    if all(where in known for where in wanted):
        return known
    document = _compose(text)
    for where, item in wanted.items():
        assert item.path is not None
        known[where] = _position(document, item.path, item.anchor)
    cache.put(entry, known)
    return known


def _compose(text: str) -> Node | None:
    try:
        node: Node | None = _COMPOSER.compose(text)
    except Exception:  # the loader accepted it already; positions are a courtesy, not a must
        return None
    return node


def _position(document: Node | None, path: DocPath, anchor: Anchor) -> tuple[int, int]:
    # The document itself begins where its root node does, after leading comments.
    mark = (document.start_mark.line, document.start_mark.column) if document else (0, 0)
    node = document
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, MappingNode):
            pair = next((p for p in node.value if str(p[0].value) == str(step)), None)
            if pair is None:
                break
            target = pair[0] if last and anchor is Anchor.KEY else pair[1]
            mark = (target.start_mark.line, target.start_mark.column)
            node = pair[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            mark = (node.start_mark.line, node.start_mark.column)
        else:
            break
    return mark


def _search(lines: list[str], needle: str, line: int, column: int) -> tuple[int, int]:
    word = re.compile(rf"(?<!\w){re.escape(needle)}")
    for number in range(line, len(lines)):
        found = word.search(lines[number], column if number == line else 0)
        if found:
            return number, found.start()
    return line, column
