"""The in-memory model of a generated concept, written to YAML only at the end.

It mirrors FORMAT.md one class per item kind. Keeping the model separate from the YAML
writer lets a later task derive a second edition by editing these objects (rename, move,
drop, merge measures ...) and write both editions with the same writer, knowing exactly
which changes a comparison has to find. All classes are plain mutable dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Kommune:
    id: str
    name: str


@dataclass
class Kapitel:
    id: str
    titel: str
    text: str


@dataclass
class Massnahme:
    id: str
    titel: str
    beschreibung: str | None = None
    kommunen: list[str] = field(default_factory=list)
    akteure: list[str] = field(default_factory=list)
    stand: str | None = None  # None: the default "offen" is not written
    stand_begruendung: str | None = None
    ersetzt: list[str] = field(default_factory=list)


@dataclass
class Ziel:
    id: str
    titel: str
    beschreibung: str | None = None
    indikatoren: list[str] = field(default_factory=list)
    massnahmen: list[Massnahme] = field(default_factory=list)
    ersetzt: list[str] = field(default_factory=list)


@dataclass
class Handlungsfeld:
    id: str
    reihenfolge: int
    titel: str
    saeule: str | None
    ausgangslage: str
    ziele: list[Ziel] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return f"{self.reihenfolge:02d}-{self.id}.yaml"


@dataclass
class Angebot:
    id: str
    titel: str
    beschreibung: str
    zielgruppe: str | None = None
    sprachen: list[str] = field(default_factory=list)
    kommunen: list[str] = field(default_factory=list)


@dataclass
class Ansprechperson:
    name: str
    funktion: str | None = None
    telefon: str | None = None
    email: str | None = None
    veroeffentlichen: bool | None = None  # None: key omitted (default false)


@dataclass
class Akteur:
    id: str
    name: str
    art: str
    kommunen: list[str] = field(default_factory=list)
    handlungsfelder: list[str] = field(default_factory=list)
    aufgaben: str | None = None
    angebote: list[Angebot] = field(default_factory=list)
    kontakt: dict[str, str] = field(default_factory=dict)
    ansprechpersonen: list[Ansprechperson] = field(default_factory=list)


@dataclass
class AkteurDatei:
    """One file under akteure/: a single actor (a mapping) or a list of actors."""

    name: str
    akteure: list[Akteur]
    single: bool = False


@dataclass
class Begriff:
    begriff: str
    erklaerung: str
    siehe: list[str] = field(default_factory=list)


@dataclass
class Abkuerzung:
    kuerzel: str
    bedeutung: str


@dataclass
class Rechtsgrundlage:
    id: str
    titel: str
    kurz: str | None = None
    fundstelle: str | None = None
    beschreibung: str | None = None


@dataclass
class Beteiligung:
    datum: dt.date
    format: str
    beschreibung: str


@dataclass
class Beratung:
    gremium: str
    sitzung: dt.date
    zustaendigkeit: str


@dataclass
class Vorlage:
    nummer: str
    datum: dt.date
    federfuehrung: str
    beratungsfolge: list[Beratung]
    beschlussvorschlag: str
    begruendung: dict[str, str]  # problem, loesung, alternativen, zustaendigkeit
    auswirkungen: dict[str, str]  # finanzen, personal, it, sonstige
    oeffentlich: bool = True
    bezug: list[str] = field(default_factory=list)
    unterschrift: str | None = "Der Landrat"


@dataclass
class Concept:
    id: str
    titel: str
    nummer: int
    stand: dt.date
    herausgeber: dict[str, str]
    kommunen: list[Kommune]
    kapitel: list[Kapitel]
    handlungsfelder: list[Handlungsfeld]
    akteur_dateien: list[AkteurDatei]
    glossar: list[Begriff]
    abkuerzungen: list[Abkuerzung]
    rechtsgrundlagen: list[Rechtsgrundlage]
    beteiligung: list[Beteiligung]
    vorlage: Vorlage | None
    vorgaenger: str | None = None
    images: dict[str, str] = field(default_factory=dict)  # bilder/… path → file content

    def ziele(self) -> Iterator[Ziel]:
        for feld in self.handlungsfelder:
            yield from feld.ziele

    def massnahmen(self) -> Iterator[Massnahme]:
        for ziel in self.ziele():
            yield from ziel.massnahmen

    def akteure(self) -> Iterator[Akteur]:
        for datei in self.akteur_dateien:
            yield from datei.akteure

    def angebote(self) -> Iterator[Angebot]:
        for akteur in self.akteure():
            yield from akteur.angebote

    def counts(self) -> dict[str, int]:
        """Item counts by kind, for the generator's summary and the benchmark report."""
        return {
            "handlungsfelder": len(self.handlungsfelder),
            "ziele": sum(1 for _ in self.ziele()),
            "massnahmen": sum(1 for _ in self.massnahmen()),
            "akteure": sum(1 for _ in self.akteure()),
            "angebote": sum(1 for _ in self.angebote()),
            "ansprechpersonen": sum(len(a.ansprechpersonen) for a in self.akteure()),
            "glossar": len(self.glossar),
            "abkuerzungen": len(self.abkuerzungen),
            "rechtsgrundlagen": len(self.rechtsgrundlagen),
            "beteiligung": len(self.beteiligung),
            "kommunen": len(self.kommunen),
            "kapitel": len(self.kapitel),
        }
