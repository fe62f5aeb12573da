"""Which pages the site has, where they live, and what each template receives.

Every item page lives at a stable address made from its id (``akteure/<id>.html``), one
folder below the site root; the overview pages sit at the root, so an id can never clash
with them. Links are relative, so the site works from any server path and from disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ikonzept.model import Begriff, Kommune, Konzept
from ikonzept.site.directory import fold, language_order
from ikonzept.site.jsonld import script_json
from ikonzept.site.view import (
    ABKUERZUNGEN,
    AKTEURE,
    BARRIEREFREIHEIT,
    BETEILIGUNG,
    DATEN,
    FELDER,
    GLOSSAR,
    IMPRESSUM,
    KONZEPT,
    MONITORING,
    NOT_FOUND,
    RECHT,
    START,
    UMSETZUNG,
    SiteView,
    akteur_page,
    feld_page,
    indikator_page,
    kapitel_page,
    kommune_page,
)  # fmt: skip


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


# Actors per page of the directory: about 1,000 elements, quick on a phone.
DIRECTORY_PAGE = 100
# With more than one page: every entry of the directory, for the filters of each page.
DIRECTORY_SCRIPT = "assets/verzeichnis.js"


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
    yield from _monitoring_pages(view, in_konzept)
    if konzept.beteiligung:
        yield Page(BETEILIGUNG, "site/beteiligung.html.j2", "Beteiligung", "konzept", in_konzept)
    yield Page(FELDER, "site/felder.html.j2", "Handlungsfelder", "felder", home)
    in_felder = (*home, ("Handlungsfelder", FELDER))
    for feld in view.felder:
        yield Page(
            feld_page(feld.feld.id), "site/feld.html.j2", f"{feld.nummer} {feld.feld.titel}",
            "felder", in_felder, {"f": feld},
        )  # fmt: skip
    yield from _directory_pages(view, home)
    in_akteure = (*home, ("Akteure und Angebote", AKTEURE))
    for kommune in konzept.kommunen:
        yield Page(kommune_page(kommune.id), "site/kommune.html.j2", kommune.name, "akteure",
                   in_akteure, _town(view, kommune))  # fmt: skip
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


def _town(view: SiteView, kommune: Kommune) -> dict[str, Any]:
    """A town's page: the measures recommended there, its public action plan, its actors."""
    from ikonzept.render.content.planview import groups
    from ikonzept.site.calendar import calendar_page, has_steps

    empfohlen = [
        (feld, m)
        for feld in view.felder
        for ziel in feld.ziele
        for m in ziel.massnahmen
        if not m.kommunen or kommune in m.kommunen
    ]
    plan = next((p for p in view.konzept.plaene if p.kommune == kommune.id), None)
    public = plan if plan is not None and plan.oeffentlich else None
    akteure = [e for e in view.eintraege if not e.orte or kommune.name in e.orte]
    return {
        "kommune": kommune,
        "empfohlen": empfohlen,
        "plan": public,
        "plan_gruppen": groups(view.konzept, public) if public else (),
        "kalender": calendar_page(kommune.id) if public and has_steps(public) else None,
        "akteure_hier": len(akteure),
    }


def _monitoring_pages(view: SiteView, above: tuple[tuple[str, str], ...]) -> Iterator[Page]:
    """The indicators: an overview (goals measured; context apart) and a page each."""
    if not view.konzept.indikatoren:
        return
    from ikonzept.model.indicators import Art
    from ikonzept.monitoring.status import status
    from ikonzept.render.content.valuetable import values_table

    rows = status(view.konzept)
    yield Page(MONITORING, "site/monitoring.html.j2", "Indikatoren", "konzept", above,
               {"wirkung": [r for r in rows if r.indikator.art is Art.WIRKUNG],
                "kontext": [r for r in rows if r.indikator.art is Art.KONTEXT]})  # fmt: skip
    for row in rows:
        yield Page(indikator_page(row.indikator.id), "site/indikator.html.j2",
                   row.indikator.titel, "konzept", (*above, ("Indikatoren", MONITORING)),
                   {"r": row, "tabelle": values_table(view.konzept, row)})  # fmt: skip


def directory_page(number: int) -> str:
    """The directory's pages: akteure.html, then akteure-2.html, akteure-3.html, …"""
    return AKTEURE if number == 1 else AKTEURE.replace(".html", f"-{number}.html")


def _directory_pages(view: SiteView, home: tuple[tuple[str, str], ...]) -> Iterator[Page]:
    """The directory, in pages of DIRECTORY_PAGE actors: a county's thousand stay quick to
    load and reachable without JavaScript; site.js filters and searches all of them (with
    more than one page, from DIRECTORY_SCRIPT)."""
    eintraege = view.eintraege
    count = max(1, -(-len(eintraege) // DIRECTORY_PAGE))
    codes = {code for entry in eintraege for code in entry.sprachen}
    shared = {
        "sprachen": sorted(codes, key=language_order),
        "seiten": [(number, directory_page(number)) for number in range(1, count + 1)],
        "gesamt": len(eintraege),
    }
    for number in range(1, count + 1):
        first = (number - 1) * DIRECTORY_PAGE
        part = eintraege[first : first + DIRECTORY_PAGE]
        titel = "Akteure und Angebote" + (f" (Seite {number} von {count})" if number > 1 else "")
        yield Page(
            directory_page(number), "site/akteure.html.j2", titel, "akteure", home,
            {**shared, "eintraege": part, "seite_nr": number, "von": first + 1,
             "bis": first + len(part),
             # one page: the search texts in the page; more: all in the script
             "suchtexte": Markup(script_json({e.akteur.id: e.suchtext for e in part}))
             if count == 1 else None},
        )  # fmt: skip


def _by_letter(konzept: Konzept) -> list[tuple[str, list[Begriff]]]:
    groups: dict[str, list[Begriff]] = {}
    for begriff in sorted(konzept.glossar, key=lambda b: fold(b.begriff)):
        letter = fold(begriff.begriff[:1]).upper()[:1] or "#"
        groups.setdefault(letter if letter.isalpha() else "#", []).append(begriff)
    return list(groups.items())
