"""Comparing two editions of a concept by stable ids: what changed, for people and machines."""

from __future__ import annotations

from ikonzept.diff.changes import Comparison, EditionInfo, Names
from ikonzept.diff.compare import compare
from ikonzept.diff.items import items
from ikonzept.pipeline.sides import Side


def _info(side: Side) -> EditionInfo:
    ausgabe = side.konzept.ausgabe
    return EditionInfo(
        titel=side.konzept.titel,
        bezeichnung=ausgabe.bezeichnung,
        nummer=ausgabe.nummer,
        stand=ausgabe.stand.isoformat(),
        quelle=side.quelle,
    )


def _names(side: Side) -> Names:
    names: Names = {}
    for typ, found in items(side.konzept).items():
        names[typ] = {
            ident: f"{item.nummer} {item.titel}" if item.nummer else item.titel
            for ident, item in found.items()
        }
    return names


def comparison(old: Side, new: Side, order: bool = False) -> Comparison:
    return Comparison(
        _info(old),
        _info(new),
        tuple(compare(old.konzept, new.konzept, order)),
        namen_alt=_names(old),
        namen_neu=_names(new),
    )
