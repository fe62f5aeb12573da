"""Display numbers (Handlungsfeld 3, Ziel 3.2, Maßnahme 3.2.4), derived from order, never stored.

Fields of action are grouped by the Land's pillars in the document (education first, then
the cross-cutting task, then fields without a pillar) and numbered in that reading order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ikonzept.model import Handlungsfeld, Konzept, Saeule

PILLAR_ORDER: tuple[Saeule | None, ...] = (Saeule.BILDUNG, Saeule.QUERSCHNITT, None)


def reading_order(felder: Sequence[Handlungsfeld]) -> list[Handlungsfeld]:
    """Fields of action in the order the document shows them."""
    return sorted(felder, key=lambda f: (PILLAR_ORDER.index(f.saeule), f.reihenfolge, f.id))


@dataclass(frozen=True, slots=True)
class Numbering:
    """Display numbers by id, per kind (ids are unique only within their kind)."""

    felder: dict[str, str]
    ziele: dict[str, str]
    massnahmen: dict[str, str]


def numbers(konzept: Konzept) -> Numbering:
    """Display number of every field of action, goal and measure."""
    numbering = Numbering({}, {}, {})
    for f_index, feld in enumerate(reading_order(konzept.handlungsfelder), start=1):
        numbering.felder[feld.id] = str(f_index)
        for z_index, ziel in enumerate(feld.ziele, start=1):
            numbering.ziele[ziel.id] = f"{f_index}.{z_index}"
            for m_index, massnahme in enumerate(ziel.massnahmen, start=1):
                numbering.massnahmen[massnahme.id] = f"{f_index}.{z_index}.{m_index}"
    return numbering
