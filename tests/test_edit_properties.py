"""The YAML editor on documents in every form authors write, with random batches of changes.

For every example: the result reads back as the original with exactly the changes asked
for (key order included); every line outside the changed keys is byte-identical and in
its place; line endings and BOM are kept; or a German EditError comes back, and only for
a form the editor refuses (a mapping in braces).

The number of examples follows Hypothesis' profile: IKONZEPT_EDIT_EXAMPLES overrides it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path as FilePath
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikonzept.edit.yamltext import EditError, YamlFile
from ikonzept.load import yamlload
from tests.yamlgen import CHARACTERS, KEYS, Document, Path, documents

EXAMPLES = int(os.environ.get("IKONZEPT_EDIT_EXAMPLES", "2500"))
REMOVE = object()

VALUES = st.one_of(
    st.text(CHARACTERS, max_size=12),
    st.sampled_from(("umgesetzt", "Die VHS: ab 2018", "- Liste", "# nein", "true", "12", "")),
    st.integers(-3, 5000),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1)),
)
NEW_KEYS = (*KEYS, "stand_begruendung", "vorgaenger", "neu")


def _at(data: Any, path: Path) -> Any:
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or step >= len(data):
                return None
        elif not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data


def _apply(data: dict[str, Any], key: str, value: Any, after: tuple[str, ...]) -> dict[str, Any]:
    """The mapping after one change, computed without the editor's own code."""
    if value is REMOVE:
        return {k: v for k, v in data.items() if k != key}
    if key in data:
        return {k: (value if k == key else v) for k, v in data.items()}
    items = list(data.items())
    anchor = next((a for a in after if a in data), None)
    position = len(items) if anchor is None else list(data).index(anchor) + 1
    items.insert(position, (key, value))
    return dict(items)


def _replace(data: Any, path: Path, mapping: dict[str, Any]) -> Any:
    if not path:
        return mapping
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[path[0]] = _replace(data[path[0]], path[1:], mapping)  # type: ignore[index]
    return copy


def _same(a: Any, b: Any) -> bool:
    """Equal, with the order of keys and the types of values."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _loaded(text: str) -> Any:
    data, problem = yamlload.parse(text.removeprefix("\ufeff"), "t.yaml")
    assert problem is None, problem
    return data


@st.composite
def cases(draw: st.DrawFn) -> tuple[Document, list[tuple[Path, str, Any, tuple[str, ...]]]]:
    doc = draw(documents())
    data = _loaded(doc.text)
    batch = []
    for _ in range(draw(st.integers(1, 6))):
        paths = [p for p in doc.mappings if isinstance(_at(data, p), dict)]
        flow = [p for p in doc.flow if isinstance(_at(data, p), dict)]
        if flow and draw(st.integers(0, 9)) == 0:
            paths = flow
        if not paths:
            break
        path = draw(st.sampled_from(sorted(paths, key=str)))
        mapping = _at(data, path)
        kind = draw(st.sampled_from(("set", "set", "new", "remove")))
        known = list(mapping)
        key = draw(st.sampled_from(known if kind != "new" and known else NEW_KEYS))
        after = tuple(draw(st.lists(st.sampled_from(known + list(NEW_KEYS)), max_size=2)))
        value = REMOVE if kind == "remove" else draw(VALUES)
        batch.append((path, key, value, after))
        if path in doc.flow:
            break  # the editor refuses here; nothing after it matters
        wanted = value if not isinstance(value, dt.date) else value.isoformat()
        data = _replace(data, path, _apply(mapping, key, wanted, after))
    return doc, batch


def _allowed(doc: Document, batch: list[tuple[Path, str, Any, tuple[str, ...]]]) -> set[int]:
    """The lines a batch may change: those of every original key it sets or removes; a
    list item's whole lines when its first key goes; the key line above a mapping that
    loses all its keys; the header line of a block scalar ending a file without a break."""
    lines: set[int] = set()
    touched: dict[Path, set[str]] = {}
    for path, key, _value, _after in batch:
        if key in doc.mappings.get(path, ()):
            touched.setdefault(path, set()).add(key)
            first, last = doc.ranges[(*path, key)]
            lines.update(range(first, last + 1))
    for path, keys in touched.items():
        all_keys = doc.mappings[path]
        if path in doc.inline and all_keys[0] in keys:  # the next key moves up
            first, last = doc.ranges[(*path, all_keys[0])][0], doc.ranges[(*path, all_keys[-1])][1]
            lines.update(range(first, last + 1))
        if set(all_keys) <= keys and path and isinstance(path[-1], str):
            first, last = doc.ranges[path]
            lines.update(range(first, last + 1))
    if not doc.final_newline:
        # a block scalar that ends the file without a line break gets a header that keeps
        # its value so („|“ → „|-“) when a line goes after it: the first line of a value
        # that reaches the end may change (the loaded values are compared exactly anyway)
        end = len(doc.text.splitlines()) - 1
        lines.update(first for first, last in doc.ranges.values() if last == end)
    return lines


def _check(
    doc: Document, batch: list[tuple[Path, str, Any, tuple[str, ...]]], tmp: FilePath
) -> None:
    file = tmp / "t.yaml"
    file.write_bytes(doc.text.encode("utf-8"))
    edited = YamlFile(file)
    wanted = _loaded(doc.text)
    for path, key, value, after in batch:
        if path in doc.flow:
            with pytest.raises(EditError, match=r"t\.yaml, Zeile \d+: .*geschweiften Klammern"):
                if value is REMOVE:
                    edited.remove(path, key)
                else:
                    edited.set(path, key, value, after=after)
            return
        if value is REMOVE:
            edited.remove(path, key)
        else:
            edited.set(path, key, value, after=after)
        plain = value.isoformat() if isinstance(value, dt.date) else value
        wanted = _replace(wanted, path, _apply(_at(wanted, path), key, plain, after))
    try:
        result = edited.result()
    except EditError as error:
        # the one valid batch refused: a line after a block scalar that keeps its line
        # breaks (|+) and ends the file in spaces without one would change its value
        assert "behält seine Zeilenumbrüche" in str(error)
        assert not doc.final_newline and doc.text[-1:].isspace()
        return
    # the values asked for, and nothing else
    assert _same(_loaded(result), wanted)
    # BOM and line endings kept
    assert result.startswith("\ufeff") == doc.bom
    body = result.removeprefix("\ufeff")
    assert "\ufeff" not in body
    if "\n" in doc.text:  # a file of one line has no line ending to keep
        endings = re.findall(r"\r?\n", body)
        assert all(ending == doc.eol for ending in endings), endings
    # every line not meant to change is there, byte for byte, in its order
    original = doc.text.removeprefix("\ufeff").splitlines(keepends=True)
    allowed = _allowed(doc, batch)
    lines = iter(body.splitlines(keepends=True))
    for number, line in enumerate(original):
        if number in allowed:
            continue
        if not line.endswith("\n"):  # the last line may get the line break it lacked
            assert any(candidate.rstrip("\r\n") == line for candidate in lines), line
        else:
            assert line in lines, line  # consumes the iterator: order is checked too


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=cases())
def test_any_batch_of_changes_is_exact_or_refused(
    case: tuple[Document, list[tuple[Path, str, Any, tuple[str, ...]]]], tmp_path: FilePath
) -> None:
    doc, batch = case
    _check(doc, batch, tmp_path)


def test_a_key_after_a_block_scalar_that_ends_the_file_without_a_break(tmp_path: FilePath) -> None:
    """Found by the property above: the header becomes „|-“, so the value keeps no break."""
    text = (
        "'titel': | # x: y\r\n    Anfang\r\n      eingerückt\r\n    Zeile eins\r\n      eingerückt"
    )
    doc = Document(text=text, eol="\r\n", bom=False, final_newline=False,
                   ranges={("titel",): (0, 4)}, mappings={(): ["titel"]}, flow=set(),
                   inline=set())  # fmt: skip
    _check(doc, [((), "id", "", ())], tmp_path)
