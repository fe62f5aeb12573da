"""Edits of a concept with the changes a comparison must report: for diff tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ikonzept.model import Abkuerzung, Begriff, Konzept, Massnahme, Stand, Ziel

Expected = set[tuple[str, str, str]]  # (art, typ, id)


def _replace_measure(
    k: Konzept, ident: str, change: Callable[[Massnahme], Massnahme | None]
) -> Konzept:
    felder = []
    for feld in k.handlungsfelder:
        ziele = []
        for ziel in feld.ziele:
            measures = tuple(
                m2 for m in ziel.massnahmen if (m2 := change(m) if m.id == ident else m)
            )
            ziele.append(dataclasses.replace(ziel, massnahmen=measures))
        felder.append(dataclasses.replace(feld, ziele=tuple(ziele)))
    return dataclasses.replace(k, handlungsfelder=tuple(felder))


def _replace_goal(k: Konzept, ident: str, change: Callable[[Ziel], Ziel]) -> Konzept:
    felder = [
        dataclasses.replace(f, ziele=tuple(change(z) if z.id == ident else z for z in f.ziele))
        for f in k.handlungsfelder
    ]
    return dataclasses.replace(k, handlungsfelder=tuple(felder))


def retitle(k: Konzept, ident: str) -> tuple[Konzept, Expected]:
    edited = _replace_measure(
        k, ident, lambda m: dataclasses.replace(m, titel=m.titel + " (überarbeitet)")
    )
    return edited, {("geaendert", "massnahme", ident)}


def set_stand(k: Konzept, ident: str) -> tuple[Konzept, Expected]:
    def change(m: Massnahme) -> Massnahme:
        new = Stand.UMGESETZT if m.stand is not Stand.UMGESETZT else Stand.DAUERHAFT
        return dataclasses.replace(m, stand=new)

    return _replace_measure(k, ident, change), {("stand", "massnahme", ident)}


def remove(k: Konzept, ident: str) -> tuple[Konzept, Expected]:
    return _replace_measure(k, ident, lambda m: None), {("entfernt", "massnahme", ident)}


def add_after(k: Konzept, ident: str) -> tuple[Konzept, Expected]:
    new_id = f"{ident}-neu"

    def change(m: Massnahme) -> Massnahme:
        return m

    goal = next(
        z for f in k.handlungsfelder for z in f.ziele if any(m.id == ident for m in z.massnahmen)
    )
    added = Massnahme(id=new_id, titel="Neue Maßnahme zur Erprobung", beschreibung="Ganz neu.")
    edited = _replace_goal(
        k, goal.id, lambda z: dataclasses.replace(z, massnahmen=(*z.massnahmen, added))
    )
    return edited, {("hinzugefuegt", "massnahme", new_id)}


def move(k: Konzept, ident: str) -> tuple[Konzept, Expected]:
    goals = [z for f in k.handlungsfelder for z in f.ziele]
    source = next(z for z in goals if any(m.id == ident for m in z.massnahmen))
    target = next(z for z in goals if z.id != source.id)
    measure = next(m for m in source.massnahmen if m.id == ident)
    edited = _replace_measure(k, ident, lambda m: None)
    edited = _replace_goal(
        edited, target.id, lambda z: dataclasses.replace(z, massnahmen=(*z.massnahmen, measure))
    )
    return edited, {("verschoben", "massnahme", ident)}


def merge(k: Konzept, first: str, second: str) -> tuple[Konzept, Expected]:
    goal = next(
        z for f in k.handlungsfelder for z in f.ziele if any(m.id == first for m in z.massnahmen)
    )
    merged = Massnahme(
        id=f"{first}-und-{second}", titel="Zusammengeführte Maßnahme", ersetzt=(first, second)
    )
    edited = _replace_measure(k, first, lambda m: None)
    edited = _replace_measure(edited, second, lambda m: None)
    edited = _replace_goal(
        edited, goal.id, lambda z: dataclasses.replace(z, massnahmen=(*z.massnahmen, merged))
    )
    return edited, {("ersetzt", "massnahme", merged.id)}


def retitle_goal(k: Konzept, ident: str) -> tuple[Konzept, Expected]:
    edited = _replace_goal(k, ident, lambda z: dataclasses.replace(z, titel=z.titel + " und mehr"))
    return edited, {("geaendert", "ziel", ident)}


def add_term(k: Konzept) -> tuple[Konzept, Expected]:
    term = Begriff("Fortschreibungsbegriff", "Ein neuer Begriff.")
    return dataclasses.replace(k, glossar=(*k.glossar, term)), {
        ("hinzugefuegt", "begriff", term.begriff)
    }


def change_abbreviation(k: Konzept) -> tuple[Konzept, Expected]:
    first = k.abkuerzungen[0]
    changed = Abkuerzung(first.kuerzel, first.bedeutung + " (neu)")
    return (
        dataclasses.replace(k, abkuerzungen=(changed, *k.abkuerzungen[1:])),
        {("geaendert", "abkuerzung", first.kuerzel)},
    )


def rename_actor(k: Konzept) -> tuple[Konzept, Expected]:
    first = k.akteure[0]
    changed = dataclasses.replace(first, name=first.name + " (Neuer Name)")
    return (
        dataclasses.replace(k, akteure=(changed, *k.akteure[1:])),
        {("geaendert", "akteur", first.id)},
    )


MEASURE_EDITS: tuple[Callable[[Konzept, str], tuple[Konzept, Expected]], ...] = (
    retitle, set_stand, remove, add_after, move,
)  # fmt: skip


def known(changes: Any) -> Expected:
    return {(c.art.value, c.typ, c.id) for c in changes}
