"""What every page of the site may show (`SiteView`), and where each page lives: the paths
and addresses that pages, open data and schema.org point to."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ikonzept.model import Konzept
from ikonzept.render.content.context import FeldView, MassnahmeView, UmsetzungView, build_context
from ikonzept.site.directory import Entry, entries
from ikonzept.site.downloads import Download

START = "index.html"
KONZEPT = "konzept.html"
UMSETZUNG = "umsetzung.html"
MONITORING = "monitoring.html"
FELDER = "handlungsfelder.html"
AKTEURE = "akteure.html"
GLOSSAR = "glossar.html"
ABKUERZUNGEN = "abkuerzungen.html"
RECHT = "rechtsgrundlagen.html"
BETEILIGUNG = "beteiligung.html"
IMPRESSUM = "impressum.html"
BARRIEREFREIHEIT = "barrierefreiheit.html"
DATEN = "daten.html"
NOT_FOUND = "404.html"


def kapitel_page(ident: str) -> str:
    return f"kapitel/{ident}.html"


def feld_page(ident: str) -> str:
    return f"handlungsfelder/{ident}.html"


def akteur_page(ident: str) -> str:
    return f"akteure/{ident}.html"


def kommune_page(ident: str) -> str:
    return f"kommunen/{ident}.html"


def indikator_page(ident: str) -> str:
    return f"indikatoren/{ident}.html"


def indikator_data(ident: str) -> str:
    """An indicator's values as open data: its table as the concept keeps it."""
    return f"daten/indikator-{ident}.csv"


def page_url(view: SiteView, path: str) -> str:
    return f"{view.basis_url}{path}" if view.basis_url else path


@dataclass(frozen=True, slots=True)
class Licence:
    key: str  # as in webseite.yaml
    name: str
    url: str  # the licence text
    dcat: str  # the DCAT-AP.de licence URI
    attribution: bool  # whether users must name the provider


LICENCES = {
    licence.key: licence
    for licence in (
        Licence("dl-de/by-2-0", "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                "https://www.govdata.de/dl-de/by-2-0",
                "http://dcat-ap.de/def/licenses/dl-by-de/2.0", True),
        Licence("dl-de/zero-2-0", "Datenlizenz Deutschland – Zero – Version 2.0",
                "https://www.govdata.de/dl-de/zero-2-0",
                "http://dcat-ap.de/def/licenses/dl-zero-de/2.0", False),
        Licence("cc-by-4-0", "Creative Commons Namensnennung 4.0 International",
                "https://creativecommons.org/licenses/by/4.0/deed.de",
                "http://dcat-ap.de/def/licenses/cc-by/4.0", True),
        Licence("cc0-1-0", "Creative Commons Zero 1.0 Universell",
                "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
                "http://dcat-ap.de/def/licenses/cc-zero", False),
    )
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class MassnahmeRef:
    """A measure as an actor page lists it: number, title, where it is."""

    nummer: str
    titel: str
    ziel: str  # the page and anchor


@dataclass(frozen=True, slots=True)
class SiteView:
    """What every page may show: the concept, its derived views, and the site's facts."""

    konzept: Konzept
    felder: tuple[FeldView, ...]
    saeulen: list[Any]
    eintraege: tuple[Entry, ...]
    massnahmen_von: dict[str, tuple[MassnahmeRef, ...]]
    kommunen_namen: dict[str, str]
    felder_titel: dict[str, str]
    felder_nummer: dict[str, str]
    mit_stand: bool
    umsetzung: UmsetzungView | None  # editions with a predecessor
    verzeichnis_stand: dt.date
    downloads: tuple[Download, ...]
    lizenz: Licence
    namensnennung: str
    basis_url: str | None
    logo: str | None
    logo_breite: int | None  # the logo's width at the header's 48 px height, when known
    zahlen: dict[str, int]


def site_view(
    konzept: Konzept,
    stand: dt.date,
    downloads: tuple[Download, ...],
    basis_url: str | None,
    logo_proportions: tuple[float, float] | None = None,
) -> SiteView:
    context = build_context(konzept)
    felder = tuple(f for s in context["saeulen"] for f in s.felder)
    refs: dict[str, list[MassnahmeRef]] = defaultdict(list)
    for feld in felder:
        for ziel in feld.ziele:
            for view in ziel.massnahmen:
                for akteur in view.massnahme.akteure:
                    refs[akteur].append(_ref(feld, view))
    webseite = konzept.webseite
    herausgeber = konzept.herausgeber
    licence = LICENCES[webseite.lizenz if webseite else "dl-de/by-2-0"]
    return SiteView(
        konzept=konzept,
        felder=felder,
        saeulen=context["saeulen"],
        eintraege=tuple(entries(konzept)),
        massnahmen_von={k: tuple(v) for k, v in refs.items()},
        kommunen_namen=context["kommunen_namen"],
        felder_titel=context["felder_titel"],
        felder_nummer={f.feld.id: f.nummer for f in felder},
        mit_stand=context["mit_stand"],
        umsetzung=context["umsetzung"],
        verzeichnis_stand=stand,
        downloads=downloads,
        lizenz=licence,
        namensnennung=(webseite.namensnennung if webseite else None)
        or f"{herausgeber.name}, {herausgeber.stelle}",
        basis_url=basis_url,
        logo=herausgeber.logo,
        logo_breite=round(48 * logo_proportions[0] / logo_proportions[1])
        if herausgeber.logo and logo_proportions
        else None,
        zahlen={
            "felder": len(felder),
            "ziele": sum(len(f.ziele) for f in felder),
            "massnahmen": len(context["uebersicht"]),
            "akteure": len(konzept.akteure),
            "angebote": sum(len(a.angebote) for a in konzept.akteure),
        },
    )


def _ref(feld: FeldView, view: MassnahmeView) -> MassnahmeRef:
    return MassnahmeRef(
        view.nummer,
        view.massnahme.titel,
        f"{feld_page(feld.feld.id)}#massnahme-{view.massnahme.id}",
    )
