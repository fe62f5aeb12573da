"""Comparing two editions of a concept by stable ids: what changed, for people and machines."""

from __future__ import annotations

from ikonzept.diff.changes import Comparison, EditionInfo, Names
from ikonzept.diff.compare import compare
from ikonzept.diff.items import items
from ikonzept.diff.sides import Side
from ikonzept.model.numbering import numbers, reading_order


def _info(side: Side) -> EditionInfo:
    ausgabe = side.konzept.ausgabe
    return EditionInfo(
        titel=side.konzept.titel,
        bezeichnung=ausgabe.bezeichnung,
        nummer=ausgabe.nummer,
        stand=ausgabe.stand.isoformat(),
        quelle=side.quelle,
    )


def _field_titles(side: Side) -> dict[str, str]:
    """Field titles with their numbers, in document order."""
    numbering = numbers(side.konzept)
    return {
        f.id: f"{numbering.felder[f.id]} {f.titel}"
        for f in reading_order(side.konzept.handlungsfelder)
    }


def _names(side: Side) -> Names:
    names: Names = {}
    for typ, found in items(side.konzept).items():
        names[typ] = {
            ident: f"{item.nummer} {item.titel}" if item.nummer else item.titel
            for ident, item in found.items()
        }
    return names


def comparison(old: Side, new: Side, order: bool = False) -> Comparison:
    before, after = _field_titles(old), _field_titles(new)
    return Comparison(
        _info(old),
        _info(new),
        tuple(compare(old.konzept, new.konzept, order)),
        feldtitel=after | {ident: title for ident, title in before.items() if ident not in after},
        namen_alt=_names(old),
        namen_neu=_names(new),
    )
