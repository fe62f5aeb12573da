"""Which pages the site has, where they live, and what each template receives.

Every item page lives at a stable address made from its id (``akteure/<id>.html``), one
folder below the site root; the overview pages sit at the root, so an id can never clash
with them. Links are relative, so the site works from any server path and from disk.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ikonzept.model import Begriff, Konzept
from ikonzept.render.context import FeldView, MassnahmeView, UmsetzungView, build_context
from ikonzept.site.directory import Entry, entries, fold, language_order
from ikonzept.site.downloads import Download
from ikonzept.site.jsonld import script_json
from ikonzept.site.opendata import LICENCES, Licence

START = "index.html"
KONZEPT = "konzept.html"
UMSETZUNG = "umsetzung.html"
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


@dataclass(frozen=True, slots=True)
class NavItem:
    bereich: str
    titel: str
    ziel: str


MAIN_NAV = (
    NavItem("start", "Start", START),
    NavItem("konzept", "Das Konzept", KONZEPT),
    NavItem("felder", "Handlungsfelder", FELDER),
    NavItem("akteure", "Akteure und Angebote", AKTEURE),
    NavItem("glossar", "Glossar", GLOSSAR),
    NavItem("abkuerzungen", "Abkürzungen", ABKUERZUNGEN),
    NavItem("recht", "Rechtsgrundlagen", RECHT),
)


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    template: str
    titel: str
    bereich: str  # the main navigation item it belongs to ("" for none)
    pfad: tuple[tuple[str, str], ...] = ()  # breadcrumb above it: (title, page)
    daten: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return "../" * self.path.count("/")


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
    zahlen: dict[str, int]


def site_view(
    konzept: Konzept, stand: dt.date, downloads: tuple[Download, ...], basis_url: str | None
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


def pages(view: SiteView) -> Iterator[Page]:
    """Every page of the site, in a fixed order (the sitemap's)."""
    konzept = view.konzept
    yield Page(START, "site/start.html.j2", konzept.titel, "start")
    home = (("Start", START),)
    yield Page(KONZEPT, "site/konzept.html.j2", "Das Konzept", "konzept", home)
    in_konzept = (*home, ("Das Konzept", KONZEPT))
    kapitel = konzept.kapitel
    for index, item in enumerate(kapitel):
        yield Page(
            kapitel_page(item.id), "site/kapitel.html.j2", item.titel, "konzept", in_konzept,
            {"kapitel": item,
             "vorher": kapitel[index - 1] if index else None,
             "nachher": kapitel[index + 1] if index + 1 < len(kapitel) else None},
        )  # fmt: skip
    if view.umsetzung is not None:
        yield Page(
            UMSETZUNG, "site/umsetzung.html.j2", "Stand der Umsetzung", "konzept", in_konzept,
            {"umsetzung": view.umsetzung},
        )  # fmt: skip
    if konzept.beteiligung:
        yield Page(BETEILIGUNG, "site/beteiligung.html.j2", "Beteiligung", "konzept", in_konzept)
    yield Page(FELDER, "site/felder.html.j2", "Handlungsfelder", "felder", home)
    in_felder = (*home, ("Handlungsfelder", FELDER))
    for feld in view.felder:
        yield Page(
            feld_page(feld.feld.id), "site/feld.html.j2", f"{feld.nummer} {feld.feld.titel}",
            "felder", in_felder, {"f": feld},
        )  # fmt: skip
    yield Page(AKTEURE, "site/akteure.html.j2", "Akteure und Angebote", "akteure", home,
               _directory(view))  # fmt: skip
    in_akteure = (*home, ("Akteure und Angebote", AKTEURE))
    for entry in view.eintraege:
        yield Page(
            akteur_page(entry.akteur.id), "site/akteur.html.j2", entry.akteur.name, "akteure",
            in_akteure, {"e": entry, "a": entry.akteur},
        )  # fmt: skip
    if konzept.glossar:
        yield Page(GLOSSAR, "site/glossar.html.j2", "Glossar", "glossar", home,
                   {"gruppen": _by_letter(konzept)})  # fmt: skip
    if konzept.abkuerzungen:
        yield Page(ABKUERZUNGEN, "site/abkuerzungen.html.j2", "Abkürzungen", "abkuerzungen", home)
    if konzept.rechtsgrundlagen:
        yield Page(RECHT, "site/rechtsgrundlagen.html.j2", "Rechtsgrundlagen", "recht", home)
    yield Page(DATEN, "site/daten.html.j2", "Offene Daten", "", home)
    yield Page(BARRIEREFREIHEIT, "site/barrierefreiheit.html.j2", "Erklärung zur Barrierefreiheit",
               "", home)  # fmt: skip
    yield Page(IMPRESSUM, "site/impressum.html.j2", "Impressum", "", home)
    yield Page(NOT_FOUND, "site/404.html.j2", "Seite nicht gefunden", "", home)


def _directory(view: SiteView) -> dict[str, Any]:
    """The filters' languages, and the search texts that site.js reads (by actor id)."""
    codes = {code for entry in view.eintraege for code in entry.sprachen}
    return {
        "sprachen": sorted(codes, key=language_order),
        "suchtexte": Markup(script_json({e.akteur.id: e.suchtext for e in view.eintraege})),
    }


def _by_letter(konzept: Konzept) -> list[tuple[str, list[Begriff]]]:
    groups: dict[str, list[Begriff]] = {}
    for begriff in sorted(konzept.glossar, key=lambda b: fold(b.begriff)):
        letter = fold(begriff.begriff[:1]).upper()[:1] or "#"
        groups.setdefault(letter if letter.isalpha() else "#", []).append(begriff)
    return list(groups.items())
