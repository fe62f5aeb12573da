"""Flatten an edition into comparable items: one record per id and kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ikonzept.model import Konzept
from ikonzept.model.numbering import numbers, reading_order


@dataclass(frozen=True, slots=True)
class Item:
    typ: str
    id: str
    titel: str
    fields: dict[str, Any]
    parent: str | None = None  # the containing item: field of action, goal or actor
    nummer: str | None = None
    position: int = 0
    handlungsfeld: str | None = None
    ziel: str | None = None
    stand: str | None = None
    ersetzt: tuple[str, ...] = ()


Items = dict[str, dict[str, Item]]  # type → id → item


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def items(konzept: Konzept) -> Items:
    result: Items = {}

    def add(item: Item) -> None:
        result.setdefault(item.typ, {})[item.id] = item

    numbering = numbers(konzept)
    for position, feld in enumerate(reading_order(konzept.handlungsfelder)):
        add(
            Item(
                "handlungsfeld",
                feld.id,
                feld.titel,
                {
                    "titel": feld.titel,
                    "saeule": feld.saeule.value if feld.saeule else None,
                    "ausgangslage": feld.ausgangslage,
                },
                nummer=numbering.felder[feld.id],
                position=position,
                handlungsfeld=feld.id,
            )
        )
        for z_pos, ziel in enumerate(feld.ziele):
            add(
                Item(
                    "ziel",
                    ziel.id,
                    ziel.titel,
                    {
                        "titel": ziel.titel,
                        "beschreibung": ziel.beschreibung,
                        "indikatoren": list(ziel.indikatoren),
                    },
                    parent=feld.id,
                    nummer=numbering.ziele[ziel.id],
                    position=z_pos,
                    handlungsfeld=feld.id,
                    ziel=ziel.id,
                    ersetzt=ziel.ersetzt,
                )
            )
            for m_pos, m in enumerate(ziel.massnahmen):
                add(
                    Item(
                        "massnahme",
                        m.id,
                        m.titel,
                        {
                            "titel": m.titel,
                            "beschreibung": m.beschreibung,
                            "kommunen": list(m.kommunen),
                            "akteure": list(m.akteure),
                            "stand_begruendung": m.stand_begruendung,
                        },
                        parent=ziel.id,
                        nummer=numbering.massnahmen[m.id],
                        position=m_pos,
                        handlungsfeld=feld.id,
                        ziel=ziel.id,
                        stand=m.stand.value,
                        ersetzt=m.ersetzt,
                    )
                )
    for position, akteur in enumerate(konzept.akteure):
        kontakt = akteur.kontakt
        add(
            Item(
                "akteur",
                akteur.id,
                akteur.name,
                {
                    "name": akteur.name,
                    "art": akteur.art,
                    "kommunen": list(akteur.kommunen),
                    "handlungsfelder": list(akteur.handlungsfelder),
                    "aufgaben": akteur.aufgaben,
                    "kontakt": None
                    if kontakt is None
                    else {
                        k: v
                        for k, v in (
                            ("anschrift", kontakt.anschrift),
                            ("telefon", kontakt.telefon),
                            ("email", kontakt.email),
                            ("web", kontakt.web),
                        )
                        if v
                    },
                },
                position=position,
            )
        )
        for o_pos, angebot in enumerate(akteur.angebote):
            add(
                Item(
                    "angebot",
                    angebot.id,
                    angebot.titel,
                    {
                        "titel": angebot.titel,
                        "beschreibung": angebot.beschreibung,
                        "zielgruppe": angebot.zielgruppe,
                        "sprachen": list(angebot.sprachen),
                        "kommunen": list(angebot.kommunen),
                    },
                    parent=akteur.id,
                    position=o_pos,
                )
            )
    for position, kapitel in enumerate(konzept.kapitel):
        add(
            Item(
                "kapitel",
                kapitel.id,
                kapitel.titel,
                {"titel": kapitel.titel, "text": kapitel.text},
                position=position,
            )
        )
    for position, recht in enumerate(konzept.rechtsgrundlagen):
        add(
            Item(
                "rechtsgrundlage",
                recht.id,
                recht.titel,
                {
                    "titel": recht.titel,
                    "kurz": recht.kurz,
                    "fundstelle": recht.fundstelle,
                    "beschreibung": recht.beschreibung,
                },
                position=position,
            )
        )
    for position, begriff in enumerate(konzept.glossar):
        add(
            Item(
                "begriff",
                begriff.begriff,
                begriff.begriff,
                {"erklaerung": begriff.erklaerung, "siehe": list(begriff.siehe)},
                position=position,
            )
        )
    for position, abk in enumerate(konzept.abkuerzungen):
        add(
            Item(
                "abkuerzung",
                abk.kuerzel,
                abk.kuerzel,
                {"bedeutung": abk.bedeutung},
                position=position,
            )
        )
    for position, kommune in enumerate(konzept.kommunen):
        add(Item("kommune", kommune.id, kommune.name, {"name": kommune.name}, position=position))
    return result
