"""Comparing two editions of a concept by stable ids: what changed, for people and machines."""

from __future__ import annotations

from ikonzept.diff.changes import Comparison, EditionInfo
from ikonzept.diff.compare import compare
from ikonzept.diff.sides import Side
from ikonzept.model.numbering import numbers


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
    numbering = numbers(side.konzept)
    return {f.id: f"{numbering.felder[f.id]} {f.titel}" for f in side.konzept.handlungsfelder}


def comparison(old: Side, new: Side, order: bool = False) -> Comparison:
    return Comparison(
        _info(old),
        _info(new),
        tuple(compare(old.konzept, new.konzept, order)),
        feldtitel=_field_titles(old) | _field_titles(new),
    )
