"""Indicators (indikatoren/<id>.yaml with their values in indikatoren/<id>.csv): whether
the goals move (art: wirkung) and how society is doing (art: kontext, monitoring only)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ikonzept.model import _NOWHERE, Origin

COUNTY = "kreis"  # the area of the county as a whole in a values table

# The statistical offices' symbols for a value that is not a plain number
# (Statistisches Bundesamt, Zeichenerklärung).
SYMBOLS: dict[str, str] = {
    "–": "nichts vorhanden (genau null)",
    ".": "Zahlenwert unbekannt oder geheim zu halten",
    "…": "Angabe fällt später an",
    "/": "keine Angaben, da Zahlenwert nicht sicher genug",
    "( )": "Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist",
    "x": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    "p": "vorläufige Zahl",
    "r": "berichtigte Zahl",
    "s": "geschätzte Zahl",
}
# Written in other ways in tables people keep: the same symbol.
SYMBOL_SPELLINGS = {"-": "–", "...": "…", "()": "( )", "(": "( )"}


class Art(enum.Enum):
    WIRKUNG = "wirkung"
    KONTEXT = "kontext"


class Richtung(enum.Enum):
    STEIGEND = "steigend"
    FALLEND = "fallend"
    HALTEN = "halten"


class Stufe(enum.Enum):
    """The rating of progress towards a target."""

    AUF_KURS = "auf_kurs"
    BESCHLEUNIGEN = "beschleunigen"
    KAUM_FORTSCHRITT = "kaum_fortschritt"
    RUECKLAEUFIG = "ruecklaeufig"
    KEINE_BEWERTUNG = "keine_bewertung"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Stufe.AUF_KURS: "auf Kurs",
    Stufe.BESCHLEUNIGEN: "beschleunigen",
    Stufe.KAUM_FORTSCHRITT: "kaum Fortschritt",
    Stufe.RUECKLAEUFIG: "rückläufig",
    Stufe.KEINE_BEWERTUNG: "keine Bewertung",
}


@dataclass(frozen=True, slots=True)
class Messpunkt:
    jahr: int
    wert: float


@dataclass(frozen=True, slots=True)
class Bruch:
    jahr: int
    grund: str


@dataclass(frozen=True, slots=True)
class Bezug:
    """Values that are counts, shown per ``je`` units of another indicator (inhabitants)."""

    indikator: str
    je: float


@dataclass(frozen=True, slots=True)
class Vergleichsgebiet:
    """An area outside the county to compare with (the Land, similar counties): shown, never
    rated."""

    id: str
    name: str
    schluessel: str | None = None


@dataclass(frozen=True, slots=True)
class Bewertung:
    """A rating given by hand, with its reason."""

    stufe: Stufe
    begruendung: str


@dataclass(frozen=True, slots=True)
class Wert:
    """One row of the values table: a year's value for the county or a town."""

    jahr: int
    gebiet: str  # COUNTY or a town's id
    wert: float | None  # None: no number, the symbol says why
    kennzeichen: str | None = None
    anmerkung: str | None = None
    stand: dt.date | None = None  # the data's vintage
    line: int = 0  # in the values table (1: the header)
    kopf: tuple[str, ...] = ()  # the table's column names, to point at a cell

    def spalte(self, name: str) -> int:
        """The 1-based column of ``name`` in the values table."""
        return self.kopf.index(name) + 1 if name in self.kopf else 1


@dataclass(frozen=True, slots=True)
class Indikator:
    id: str
    titel: str
    art: Art
    einheit: str
    richtung: Richtung
    nachkommastellen: int = 1
    ziele: tuple[str, ...] = ()
    basis: Messpunkt | None = None
    zielwerte: tuple[Messpunkt, ...] = ()
    quelle: str | None = None
    beschreibung: str | None = None
    naechste_daten: str | None = None  # "YYYY-MM"
    brueche: tuple[Bruch, ...] = ()
    bewertung: Bewertung | None = None
    vergleich: tuple[Vergleichsgebiet, ...] = ()
    bezug: Bezug | None = None
    werte: tuple[Wert, ...] = ()
    werte_datei: str | None = None  # the values table, relative to the concept folder
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)

    def reihe(self, gebiet: str = COUNTY) -> list[Wert]:
        """The values of one area with a number, by year."""
        return sorted((w for w in self.werte if w.gebiet == gebiet and w.wert is not None),
                      key=lambda w: w.jahr)  # fmt: skip


def zahl(value: float, places: int | None = None) -> str:
    """A number as German text: „2,5“, „12.345“ (a thin space would not survive every
    output), ``places`` decimals or as few as needed."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".") if places is None else f"{value:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _point(data: Any) -> Messpunkt:
    return Messpunkt(int(data["jahr"]), float(data["wert"]))


def indikator(data: Any, rel: str, werte: tuple[Wert, ...], werte_datei: str | None) -> Indikator:
    """The indicator of a schema-valid file, with the values read from its table."""
    bewertung = data.get("bewertung")
    return Indikator(
        id=data["id"],
        titel=data["titel"],
        art=Art(data["art"]),
        einheit=data["einheit"],
        richtung=Richtung(data["richtung"]),
        nachkommastellen=data.get("nachkommastellen", 1),
        ziele=tuple(data.get("ziele") or ()),
        basis=_point(data["basis"]) if data.get("basis") else None,
        zielwerte=tuple(
            sorted((_point(z) for z in data.get("zielwerte") or ()), key=lambda p: p.jahr)
        ),
        quelle=data.get("quelle"),
        beschreibung=data.get("beschreibung"),
        naechste_daten=data.get("naechste_daten"),
        brueche=tuple(Bruch(b["jahr"], b["grund"]) for b in data.get("brueche") or ()),
        bewertung=Bewertung(Stufe(bewertung["stufe"]), bewertung["begruendung"])
        if bewertung
        else None,
        vergleich=tuple(
            Vergleichsgebiet(v["id"], v["name"], v.get("schluessel"))
            for v in data.get("vergleichsgebiete") or ()
        ),
        bezug=Bezug(data["bezug"]["indikator"], float(data["bezug"]["je"]))
        if data.get("bezug")
        else None,
        werte=werte,
        werte_datei=werte_datei,
        origin=Origin(rel),
    )


def related(items: Sequence[Indikator]) -> tuple[Indikator, ...]:
    """The indicators with a `bezug` as the rates they stand for: each count divided by the
    reference indicator's value of the same year and area, times `je`. Where the reference
    has no number the rate is unknown („.“, with a note). A reference that is missing or
    itself related is left alone (the checks say so)."""
    by_id = {i.id: i for i in items}
    result = []
    for item in items:
        reference = by_id.get(item.bezug.indikator) if item.bezug else None
        if item.bezug is None or reference is None or reference.bezug or reference is item:
            result.append(item)
            continue
        base = {(w.jahr, w.gebiet): w.wert for w in reference.werte}
        werte = []
        for w in item.werte:
            divisor = base.get((w.jahr, w.gebiet))
            if w.wert is None:
                werte.append(w)
            elif not divisor:
                werte.append(dataclasses.replace(
                    w, wert=None, kennzeichen=".",
                    anmerkung=f"kein Bezugswert ({reference.titel}) für {w.jahr}",
                ))  # fmt: skip
            else:
                werte.append(dataclasses.replace(w, wert=w.wert / divisor * item.bezug.je))
        result.append(dataclasses.replace(item, werte=tuple(werte)))
    return tuple(result)
