"""The typed domain model of one concept edition, built once from validated data.

Every item remembers where it came from (``Origin``) so that domain checks can point at a
file and line; origins take no part in equality.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ikonzept.base.findings import DocPath

if TYPE_CHECKING:  # the plans' and indicators' modules import from here
    from ikonzept.model.bericht import Bericht
    from ikonzept.model.indicators import Indikator
    from ikonzept.model.plans import Handlungsplan


@dataclass(frozen=True, slots=True)
class Origin:
    file: str
    path: DocPath = ()


_NOWHERE = Origin("")


class Saeule(enum.Enum):
    BILDUNG = "bildung"
    QUERSCHNITT = "querschnitt"

    @property
    def titel(self) -> str:
        return {
            Saeule.BILDUNG: "Integration durch Bildung",
            Saeule.QUERSCHNITT: "Integration als Querschnittsaufgabe",
        }[self]


class Stand(enum.Enum):
    OFFEN = "offen"
    IN_UMSETZUNG = "in_umsetzung"
    UMGESETZT = "umgesetzt"
    DAUERHAFT = "dauerhaft"
    ZURUECKGESTELLT = "zurueckgestellt"
    ENTFALLEN = "entfallen"

    @property
    def label(self) -> str:
        return {
            Stand.OFFEN: "offen",
            Stand.IN_UMSETZUNG: "in Umsetzung",
            Stand.UMGESETZT: "umgesetzt",
            Stand.DAUERHAFT: "dauerhaft (Regelaufgabe)",
            Stand.ZURUECKGESTELLT: "zurückgestellt",
            Stand.ENTFALLEN: "entfallen",
        }[self]


@dataclass(frozen=True, slots=True)
class Kommune:
    id: str
    name: str
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)
    schluessel: str | None = None  # AGS or ARS, for the official statistics


@dataclass(frozen=True, slots=True)
class Kapitel:
    id: str
    titel: str
    text: str
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Beschluss:
    gremium: str
    datum: dt.date


@dataclass(frozen=True, slots=True)
class Ausgabe:
    nummer: int
    stand: dt.date
    vorgaenger: str | None = None
    beschlossen: Beschluss | None = None
    vorgaenger_pruefsumme: str | None = None  # "sha256:…" of a frozen snapshot

    @property
    def bezeichnung(self) -> str:
        """„1. Integrationskonzept“ for the first, „2. Fortschreibung“ style after."""
        if self.nummer == 1:
            return "1. Integrationskonzept"
        return f"{self.nummer - 1}. Fortschreibung"


@dataclass(frozen=True, slots=True)
class Herausgeber:
    name: str
    stelle: str
    anschrift: str | None = None
    web: str | None = None
    logo: str | None = None


@dataclass(frozen=True, slots=True)
class Massnahme:
    id: str
    titel: str
    beschreibung: str | None = None
    kommunen: tuple[str, ...] = ()
    akteure: tuple[str, ...] = ()
    stand: Stand = Stand.OFFEN
    stand_begruendung: str | None = None
    ersetzt: tuple[str, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)

    @property
    def kreisweit(self) -> bool:
        return not self.kommunen


@dataclass(frozen=True, slots=True)
class Ziel:
    id: str
    titel: str
    beschreibung: str | None = None
    indikatoren: tuple[str, ...] = ()
    massnahmen: tuple[Massnahme, ...] = ()
    ersetzt: tuple[str, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Handlungsfeld:
    id: str
    reihenfolge: int
    titel: str
    ausgangslage: str
    saeule: Saeule | None = None
    ziele: tuple[Ziel, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Angebot:
    id: str
    titel: str
    beschreibung: str
    zielgruppe: str | None = None
    sprachen: tuple[str, ...] = ()
    kommunen: tuple[str, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Kontakt:
    anschrift: str | None = None
    telefon: str | None = None
    email: str | None = None
    web: str | None = None


@dataclass(frozen=True, slots=True)
class Ansprechperson:
    name: str
    funktion: str | None = None
    telefon: str | None = None
    email: str | None = None
    veroeffentlichen: bool = False


@dataclass(frozen=True, slots=True)
class Akteur:
    id: str
    name: str
    art: str
    kommunen: tuple[str, ...] = ()
    handlungsfelder: tuple[str, ...] = ()
    aufgaben: str | None = None
    angebote: tuple[Angebot, ...] = ()
    kontakt: Kontakt | None = None
    ansprechpersonen: tuple[Ansprechperson, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)

    @property
    def oeffentliche_ansprechpersonen(self) -> tuple[Ansprechperson, ...]:
        """Only people who consented to publication; the one gate for public output."""
        return tuple(p for p in self.ansprechpersonen if p.veroeffentlichen)


@dataclass(frozen=True, slots=True)
class Begriff:
    begriff: str
    erklaerung: str
    siehe: tuple[str, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Abkuerzung:
    kuerzel: str
    bedeutung: str
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Rechtsgrundlage:
    id: str
    titel: str
    kurz: str | None = None
    fundstelle: str | None = None
    beschreibung: str | None = None
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Beteiligungsschritt:
    datum: dt.date
    format: str
    beschreibung: str
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Beratung:
    gremium: str
    sitzung: dt.date
    zustaendigkeit: str


@dataclass(frozen=True, slots=True)
class Auswirkungen:
    finanzen: str
    personal: str | None = None
    it: str | None = None
    sonstige: str | None = None


@dataclass(frozen=True, slots=True)
class Begruendung:
    problem: str
    loesung: str
    alternativen: str
    auswirkungen: Auswirkungen
    zustaendigkeit: str


@dataclass(frozen=True, slots=True)
class Anlage:
    titel: str
    datei: str | None = None


@dataclass(frozen=True, slots=True)
class Vorlage:
    nummer: str
    datum: dt.date
    federfuehrung: str
    oeffentlich: bool
    beratungsfolge: tuple[Beratung, ...]
    beschlussvorschlag: str
    begruendung: Begruendung
    betreff: str | None = None
    bezug: tuple[str, ...] = ()
    anlagen: tuple[Anlage, ...] = ()
    unterschrift: str | None = None
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Barrierefreiheit:
    """The facts of the accessibility statement that only the county can know."""

    stand: str = "teilweise"  # vollstaendig | teilweise | nicht
    erstellt_am: dt.date | None = None
    bewertung: str | None = None
    maengel: tuple[str, ...] = ()
    kontakt: Kontakt | None = None
    ombudsstelle: str | None = None


@dataclass(frozen=True, slots=True)
class Webseite:
    """What `ikonzept site` needs beyond the concept (webseite.yaml); all optional."""

    basis_url: str | None = None
    einleitung: str | None = None
    kontakt: Kontakt | None = None
    impressum: str | None = None
    lizenz: str = "dl-de/by-2-0"
    namensnennung: str | None = None
    regionalschluessel: str | None = None
    datenportal: str | None = None
    leichte_sprache: str | None = None
    gebaerdensprache: str | None = None
    barrierefreiheit: Barrierefreiheit = Barrierefreiheit()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Konzept:
    """One edition of an integration concept."""

    id: str
    titel: str
    ausgabe: Ausgabe
    herausgeber: Herausgeber
    kommunen: tuple[Kommune, ...]
    kapitel: tuple[Kapitel, ...]
    handlungsfelder: tuple[Handlungsfeld, ...] = ()
    akteure: tuple[Akteur, ...] = ()
    glossar: tuple[Begriff, ...] = ()
    abkuerzungen: tuple[Abkuerzung, ...] = ()
    rechtsgrundlagen: tuple[Rechtsgrundlage, ...] = ()
    beteiligung: tuple[Beteiligungsschritt, ...] = ()
    vorlage: Vorlage | None = None
    webseite: Webseite | None = None
    plaene: tuple[Handlungsplan, ...] = ()  # the towns' action plans, by town id
    indikatoren: tuple[Indikator, ...] = ()  # with their values, by id
    bericht: Bericht | None = None  # the Sachstandsbericht's settings (bericht.yaml)
    schluessel: str | None = None  # the county's key (AGS/ARS), for the official statistics
    # The county's hyphenation list (silbentrennung.txt): words with their breaks.
    silbentrennung: tuple[str, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)

    def massnahmen(self) -> list[tuple[Handlungsfeld, Ziel, Massnahme]]:
        return [(hf, z, m) for hf in self.handlungsfelder for z in hf.ziele for m in z.massnahmen]
