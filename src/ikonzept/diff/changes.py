"""What a comparison finds, as plain data."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Art(enum.StrEnum):
    """Kind of change; the values are the JSON vocabulary."""

    HINZUGEFUEGT = "hinzugefuegt"
    ENTFERNT = "entfernt"
    GEAENDERT = "geaendert"
    VERSCHOBEN = "verschoben"
    STAND = "stand"
    ERSETZT = "ersetzt"
    REIHENFOLGE = "reihenfolge"

    def mirrored(self) -> Art:
        return {Art.HINZUGEFUEGT: Art.ENTFERNT, Art.ENTFERNT: Art.HINZUGEFUEGT}.get(self, self)


TYPES = (
    "handlungsfeld", "ziel", "massnahme", "akteur", "angebot", "kapitel",
    "rechtsgrundlage", "begriff", "abkuerzung", "kommune",
)  # fmt: skip

TYPE_LABELS = {
    "handlungsfeld": ("Handlungsfeld", "Handlungsfelder"),
    "ziel": ("Ziel", "Ziele"),
    "massnahme": ("Maßnahme", "Maßnahmen"),
    "akteur": ("Akteur", "Akteure"),
    "angebot": ("Angebot", "Angebote"),
    "kapitel": ("Kapitel", "Kapitel"),
    "rechtsgrundlage": ("Rechtsgrundlage", "Rechtsgrundlagen"),
    "begriff": ("Glossarbegriff", "Glossarbegriffe"),
    "abkuerzung": ("Abkürzung", "Abkürzungen"),
    "kommune": ("Kommune", "Kommunen"),
}

ART_LABELS = {
    Art.HINZUGEFUEGT: "neu",
    Art.ENTFERNT: "entfallen",
    Art.GEAENDERT: "geändert",
    Art.VERSCHOBEN: "verschoben",
    Art.STAND: "Stand geändert",
    Art.ERSETZT: "zusammengeführt/ersetzt",
    Art.REIHENFOLGE: "Reihenfolge geändert",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    feld: str
    alt: Any
    neu: Any


@dataclass(frozen=True, slots=True)
class Change:
    """One change of one item. ``nummer_*`` are display numbers in each edition."""

    art: Art
    typ: str
    id: str
    titel: str
    nummer_alt: str | None = None
    nummer_neu: str | None = None
    felder: tuple[FieldChange, ...] = ()
    ersetzt: tuple[str, ...] = ()
    umbenannt_von: str | None = None  # a hint: removed under this id with nearly equal content
    # Where the item sits (field of action / goal ids) in the new edition, else the old one.
    handlungsfeld: str | None = None
    ziel: str | None = None
    akteur: str | None = None

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (TYPES.index(self.typ), self.nummer_neu or self.nummer_alt or "", self.id)


@dataclass(frozen=True, slots=True)
class EditionInfo:
    titel: str
    bezeichnung: str
    nummer: int
    stand: str
    quelle: str


# type → id → what a reader calls the item: „1.2.3 Titel“, an actor's or town's name.
Names = dict[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Comparison:
    alt: EditionInfo
    neu: EditionInfo
    aenderungen: tuple[Change, ...] = field(default=())
    namen_alt: Names = field(default_factory=dict)
    namen_neu: Names = field(default_factory=dict)

    @property
    def feldtitel(self) -> dict[str, str]:
        """ "1 Sprache und Sprachförderung" per field of action id: the new edition's fields
        in document order, then those only the old edition had."""
        after = self.namen_neu.get("handlungsfeld", {})
        before = self.namen_alt.get("handlungsfeld", {})
        return after | {ident: title for ident, title in before.items() if ident not in after}

    def name(self, typ: str, ident: str, *, old: bool = False) -> str:
        """How readers know an item: by number and title or by name, never by its id."""
        first, second = (
            (self.namen_alt, self.namen_neu) if old else (self.namen_neu, self.namen_alt)
        )
        return first.get(typ, {}).get(ident) or second.get(typ, {}).get(ident) or ident

    def counts(self) -> dict[str, dict[str, int]]:
        """Changes per type and kind of change."""
        result: dict[str, dict[str, int]] = {}
        for change in self.aenderungen:
            per_type = result.setdefault(change.typ, {})
            per_type[change.art.value] = per_type.get(change.art.value, 0) + 1
        return result
