"""Match two editions by id and say what changed.

Order changes are reported only on request: councils care that a measure moved to another
goal, not that two neighbours swapped places.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ikonzept.diff.changes import TYPES, Art, Change, FieldChange
from ikonzept.diff.items import Item, Items, items
from ikonzept.model import Konzept

RENAME_SIMILARITY = 0.85
_PARENT_FIELD = {"ziel": "handlungsfeld", "massnahme": "ziel", "angebot": "akteur"}


def compare(old: Konzept, new: Konzept, order: bool = False) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by type and display number."""
    before, after = items(old), items(new)
    changes: list[Change] = []
    for typ in TYPES:
        changes.extend(_compare_type(before.get(typ, {}), after.get(typ, {}), order))
    changes = _apply_replacements(changes, before, after)
    changes = _hint_renames(changes, before, after)
    return sorted(changes, key=lambda c: c.sort_key)


def _change(art: Art, old: Item | None, new: Item | None, **extra: object) -> Change:
    item = new or old
    assert item is not None
    return Change(
        art=art,
        typ=item.typ,
        id=item.id,
        titel=item.titel,
        nummer_alt=old.nummer if old else None,
        nummer_neu=new.nummer if new else None,
        handlungsfeld=item.handlungsfeld,
        ziel=item.ziel,
        akteur=item.parent if item.typ == "angebot" else None,
        **extra,  # type: ignore[arg-type]
    )


def _compare_type(before: dict[str, Item], after: dict[str, Item], order: bool) -> Iterator[Change]:
    for ident, new in after.items():
        old = before.get(ident)
        if old is None:
            yield _change(Art.HINZUGEFUEGT, None, new)
            continue
        if old.parent != new.parent:
            yield _change(
                Art.VERSCHOBEN,
                old,
                new,
                felder=(FieldChange(_PARENT_FIELD.get(new.typ, "parent"), old.parent, new.parent),),
            )
        elif order and old.position != new.position:
            yield _change(
                Art.REIHENFOLGE,
                old,
                new,
                felder=(FieldChange("position", old.position + 1, new.position + 1),),
            )
        differing = tuple(
            FieldChange(name, old.fields.get(name), value)
            for name, value in new.fields.items()
            if old.fields.get(name) != value
        )
        if differing:
            yield _change(Art.GEAENDERT, old, new, felder=differing)
        if old.stand != new.stand:
            yield _change(Art.STAND, old, new, felder=(FieldChange("stand", old.stand, new.stand),))
    for ident, old in before.items():
        if ident not in after:
            yield _change(Art.ENTFERNT, old, None)


def _apply_replacements(changes: list[Change], before: Items, after: Items) -> list[Change]:
    """`ersetzt` turns „removed a, b + added c“ into „a and b merged into c“."""
    replaced: set[tuple[str, str]] = set()
    merged: list[Change] = []
    for typ in ("ziel", "massnahme"):
        for item in after.get(typ, {}).values():
            targets = tuple(
                t for t in item.ersetzt if t in before.get(typ, {}) and t not in after.get(typ, {})
            )
            if not targets:
                continue
            replaced.update((typ, t) for t in targets)
            if item.id not in before.get(typ, {}):
                replaced.add((typ, f"+{item.id}"))
            merged.append(
                _change(Art.ERSETZT, before.get(typ, {}).get(item.id), item, ersetzt=targets)
            )
    kept = [
        c
        for c in changes
        if not (c.art is Art.ENTFERNT and (c.typ, c.id) in replaced)
        and not (c.art is Art.HINZUGEFUEGT and (c.typ, f"+{c.id}") in replaced)
    ]
    return kept + merged


def _words(item: Item) -> frozenset[str]:
    return frozenset(" ".join(str(v) for v in item.fields.values() if v).lower().split())


def _hint_renames(changes: list[Change], before: Items, after: Items) -> list[Change]:
    """Mark an addition whose words nearly equal those of a removal of the same type.

    Word sets (Jaccard similarity) rather than difflib: comparing every addition with every
    removal must stay fast for hundreds of changes.
    """
    removed: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for change in changes:
        if change.art is Art.ENTFERNT:
            words = _words(before[change.typ][change.id])
            removed.setdefault(change.typ, []).append((change.id, words))
    result = []
    for change in changes:
        if change.art is Art.HINZUGEFUEGT and change.typ in removed:
            words = _words(after[change.typ][change.id])
            best, best_score = None, RENAME_SIMILARITY
            for ident, old in removed[change.typ]:
                union = len(words | old)
                score = len(words & old) / union if union else 0.0
                if score >= best_score:
                    best, best_score = ident, score
            if best is not None:
                change = replace(change, umbenannt_von=best)
        result.append(change)
    return result
