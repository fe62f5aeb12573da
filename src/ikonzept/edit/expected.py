"""What a file must hold after a batch of changes, and the check that it does.

The expectation is computed on the data, not on the text: the file as the loader reads
it, with each change applied to plain dicts in the order asked. The new text, read by the
same loader, must equal it exactly, key order included, or nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ikonzept.edit.layout import EditError

REMOVED = object()  # the value of a removal


@dataclass(frozen=True, slots=True)
class Operation:
    path: tuple[str | int, ...]
    key: str
    value: Any  # as the loader reads it back, or REMOVED
    after: Sequence[str]


def plain(value: str | int | bool | dt.date) -> Any:
    """A value as the loader reads it back (it keeps dates as the text written)."""
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True, slots=True)
class Appended:
    path: tuple[str | int, ...]  # the list's place
    item: Any  # as the loader reads it back


def apply(data: Any, operation: Operation | Appended) -> Any:
    """``data`` with one change made (a new dict where a key is added, to place it)."""
    if isinstance(operation, Appended):
        *steps, last = operation.path
        container = data
        for step in steps:
            container = container[step]
        # a missing list is written as the mapping's last key, so it goes last here too
        items = container.setdefault(last, []) if isinstance(last, str) else container[last]
        items.append(operation.item)
        return data
    if not operation.path:
        return _changed(data, operation)
    *steps, last = operation.path
    container = data
    for step in steps:
        container = container[step]
    container[last] = _changed(container[last], operation)
    return data


def _changed(mapping: dict[str, Any], operation: Operation) -> dict[str, Any]:
    key, value = operation.key, operation.value
    if value is REMOVED:
        mapping.pop(key, None)
        return mapping
    if key in mapping:
        mapping[key] = value
        return mapping
    names = list(mapping)
    position = len(names)
    for anchor in operation.after:
        if anchor in mapping:
            position = names.index(anchor) + 1
            break
    names.insert(position, key)
    return {name: value if name == key else mapping[name] for name in names}


def verify(before: str, after: str, operations: Sequence[Operation | Appended], label: str) -> None:
    """Raise unless ``after`` reads as ``before`` with ``operations`` made."""
    from ikonzept.load import yamlload

    old, problem = yamlload.parse(before, label)
    if problem is not None:
        place = f"{label}, Zeile {problem.line}" if problem.line else label
        raise EditError(f"{place}: {problem.message} Die Datei wird so nicht geändert.")
    wanted = old  # changed in place: it is read for this check only
    for operation in operations:
        wanted = apply(wanted, operation)
    new, _problem = yamlload.parse(after, label)  # unreadable: None, which differs from all
    where = _difference(wanted, new, ())
    if where is not None:
        raise EditError(
            f"{label}: Die Änderung bei „{'.'.join(map(str, where)) or 'der Datei'}“ ließ sich "
            "nicht sicher schreiben; nichts wurde geändert. Das ist ein Fehler in ikonzept: "
            "Bitte melden Sie ihn mit der Datei."
        )


def _difference(
    wanted: Any, found: Any, path: tuple[str | int, ...]
) -> tuple[str | int, ...] | None:
    """Where two values differ (key order and types included); None where they do not."""
    if type(wanted) is not type(found):
        return path
    if isinstance(wanted, dict):
        if list(wanted) != list(found):
            return path
        pairs: Any = ((key, wanted[key], found[key]) for key in wanted)
    elif isinstance(wanted, list):
        if len(wanted) != len(found):
            return path
        pairs = ((index, a, b) for index, (a, b) in enumerate(zip(wanted, found, strict=True)))
    else:
        return None if wanted == found else path
    for step, a, b in pairs:
        where = _difference(a, b, (*path, step))
        if where is not None:
            return where
    return None
