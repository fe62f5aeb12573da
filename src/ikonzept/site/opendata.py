"""Open data next to the pages: the actors, their offers and the measures as JSON and CSV.

The CSV files are for German spreadsheets (UTF-8 with BOM, semicolons, no cell that could
become a formula) and their columns are documented on the data page from the same
definitions that write them. Contact persons appear only with their consent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ikonzept.base.cells import german_csv
from ikonzept.model import Akteur, Angebot, Kontakt
from ikonzept.render.content.labels import language
from ikonzept.site.view import akteur_page, page_url

if TYPE_CHECKING:
    from ikonzept.site.view import SiteView

FOLDER = "daten"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    beschreibung: str


@dataclass(frozen=True, slots=True)
class Table:
    datei: str  # file name in daten/
    titel: str
    beschreibung: str
    columns: tuple[Column, ...]
    rows: Callable[[SiteView], list[list[str]]]

    def csv(self, view: SiteView) -> str:
        return german_csv([[c.name for c in self.columns], *self.rows(view)])


def _join(values: Sequence[str], separator: str = ", ") -> str:
    return separator.join(values)


def _places(ids: Sequence[str], view: SiteView) -> str:
    return _join([view.kommunen_namen.get(k, k) for k in ids]) if ids else "kreisweit"


def _contact(kontakt: Kontakt | None) -> list[str]:
    k = kontakt or Kontakt()
    return [k.anschrift or "", k.telefon or "", k.email or "", k.web or ""]


def _actor_rows(view: SiteView) -> list[list[str]]:
    return [
        [
            e.akteur.id, e.akteur.name, e.art, _places(e.akteur.kommunen, view),
            _join([view.felder_titel[f] for f in e.felder], "; "),
            *_contact(e.akteur.kontakt), str(len(e.akteur.angebote)),
            page_url(view, akteur_page(e.akteur.id)),
        ]
        for e in view.eintraege
    ]  # fmt: skip


def _offer_rows(view: SiteView) -> list[list[str]]:
    return [
        [
            o.id, e.akteur.id, e.akteur.name, o.titel, o.beschreibung.strip(),
            o.zielgruppe or "", _join([language(c) for c in o.sprachen]), _join(o.sprachen),
            _places(o.kommunen or e.akteur.kommunen, view),
        ]
        for e in view.eintraege
        for o in e.akteur.angebote
    ]  # fmt: skip


def _measure_rows(view: SiteView) -> list[list[str]]:
    rows = []
    for feld in view.felder:
        for ziel in feld.ziele:
            for m in ziel.massnahmen:
                massnahme = m.massnahme
                rows.append([
                    massnahme.id, m.nummer, f"{feld.nummer} {feld.feld.titel}", ziel.nummer,
                    ziel.ziel.titel, massnahme.titel, (massnahme.beschreibung or "").strip(),
                    _join([k.name for k in m.kommunen]) or "kreisweit",
                    _join([a.name for a in m.akteure], "; "), _join(massnahme.akteure),
                    massnahme.stand.label, (massnahme.stand_begruendung or "").strip(),
                ])  # fmt: skip
    return rows


def _columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, text) for name, text in pairs)


_CONTACT = (
    ("Anschrift", "Postanschrift der Einrichtung."),
    ("Telefon", "Telefonnummer der Einrichtung."),
    ("E-Mail", "E-Mail-Adresse der Einrichtung."),
    ("Internet", "Internetauftritt der Einrichtung."),
)

TABLES = (
    Table(
        "akteure.csv", "Akteure",
        "Eine Zeile je Akteur: Einrichtungen, Initiativen und Behörden der Integrationsarbeit.",
        _columns(
            ("ID", "Kennung des Akteurs; bleibt über alle Ausgaben gleich."),
            ("Name", "Name der Einrichtung."),
            ("Art", "Art der Einrichtung, z. B. Behörde oder Verein."),
            ("Tätig in", "Kommunen, in denen der Akteur tätig ist, oder „kreisweit“."),
            ("Handlungsfelder", "Handlungsfelder des Konzepts, getrennt durch Semikolon."),
            *_CONTACT,
            ("Angebote", "Zahl der Angebote (Einzelheiten in angebote.csv)."),
            ("Seite", "Adresse der Seite des Akteurs in diesem Internetauftritt."),
        ),
        _actor_rows,
    ),
    Table(
        "angebote.csv", "Angebote",
        "Eine Zeile je Angebot eines Akteurs.",
        _columns(
            ("ID", "Kennung des Angebots."),
            ("Akteur-ID", "Kennung des Akteurs (Spalte ID in akteure.csv)."),
            ("Akteur", "Name des Akteurs."),
            ("Titel", "Name des Angebots."),
            ("Beschreibung", "Was das Angebot leistet (Markdown)."),
            ("Zielgruppe", "Für wen das Angebot gedacht ist."),
            ("Sprachen", "Sprachen, in denen das Angebot möglich ist."),
            ("Sprachcodes", "Dieselben Sprachen als Kürzel nach ISO 639-1."),
            ("Orte", "Kommunen, in denen es das Angebot gibt, oder „kreisweit“."),
        ),
        _offer_rows,
    ),
    Table(
        "massnahmen.csv", "Maßnahmen",
        "Eine Zeile je empfohlener Maßnahme des Integrationskonzepts, mit ihrem Stand.",
        _columns(
            ("ID", "Kennung der Maßnahme; bleibt über alle Fortschreibungen gleich."),
            ("Nr.", "Nummer im Konzept (Handlungsfeld.Ziel.Maßnahme)."),
            ("Handlungsfeld", "Nummer und Titel des Handlungsfelds."),
            ("Ziel-Nr.", "Nummer des Ziels."),
            ("Ziel", "Titel des Ziels."),
            ("Maßnahme", "Titel der Maßnahme."),
            ("Beschreibung", "Beschreibung der Maßnahme (Markdown)."),
            ("Empfohlen in", "Kommunen, für die die Maßnahme empfohlen ist, oder „kreisweit“."),
            ("Beteiligte", "Namen der beteiligten Akteure, getrennt durch Semikolon."),
            ("Beteiligte-IDs", "Kennungen der beteiligten Akteure (akteure.csv)."),
            ("Stand", "Stand der Umsetzung: offen, in Umsetzung, umgesetzt, dauerhaft "
                      "(Regelaufgabe), zurückgestellt oder entfallen."),
            ("Begründung", "Begründung zum Stand, wo es eine gibt."),
        ),
        _measure_rows,
    ),
)  # fmt: skip


def _plan_rows(view: SiteView) -> list[list[str]]:
    from ikonzept.render.content.planview import groups, period

    names = {a.id: a.name for a in view.konzept.akteure}
    rows = []
    for plan in (p for p in view.konzept.plaene if p.oeffentlich):
        for gruppe in groups(view.konzept, plan):
            for z in gruppe.zeilen:
                e = z.eintrag
                rows.append([
                    plan.kommune, view.kommunen_namen.get(plan.kommune, plan.kommune),
                    plan.stand.isoformat(), z.nummer, e.massnahme, z.titel, e.verantwortlich,
                    names.get(e.verantwortlich, e.verantwortlich), _join(e.partner),
                    _join([names.get(p, p) for p in e.partner], "; "), e.prioritaet.value,
                    e.beginn or "", "dauerhaft" if e.dauerhaft else (e.ende or ""),
                    period(e), e.stand.label, _join(list(z.schritte), "; "),
                ])  # fmt: skip
    return rows


# Written where a town has made its action plan public (`oeffentlich`, the default).
PLAN_TABLE = Table(
    "handlungsplaene.csv", "Handlungspläne",
    "Eine Zeile je Maßnahme, die eine Stadt oder Gemeinde in ihren Handlungsplan aufgenommen "
    "hat: wer federführend ist, mit wem, in welchem Zeitraum und wie sie steht.",
    _columns(
        ("Kommune-ID", "Kennung der Stadt oder Gemeinde."),
        ("Kommune", "Name der Stadt oder Gemeinde."),
        ("Stand des Plans", "Datum, auf dem der Plan steht (JJJJ-MM-TT)."),
        ("Nr.", "Nummer der Maßnahme im Konzept."),
        ("Maßnahme-ID", "Kennung der Maßnahme (massnahmen.csv)."),
        ("Maßnahme", "Titel der Maßnahme."),
        ("Verantwortlich-ID", "Kennung des federführenden Akteurs (akteure.csv)."),
        ("Verantwortlich", "Name des federführenden Akteurs."),
        ("Partner-IDs", "Kennungen der Partner, getrennt durch Komma."),
        ("Partner", "Namen der Partner, getrennt durch Semikolon."),
        ("Priorität", "hoch, mittel oder niedrig."),
        ("Beginn", "Monat des Beginns (JJJJ-MM)."),
        ("Ende", "Monat des Endes (JJJJ-MM) oder „dauerhaft“."),
        ("Zeitraum", "Der Zeitraum in Worten."),
        ("Stand", "Stand der Umsetzung in dieser Kommune."),
        ("Schritte", "Die vereinbarten Schritte mit Termin, getrennt durch Semikolon."),
    ),
    _plan_rows,
)  # fmt: skip


def tables(view: SiteView) -> tuple[Table, ...]:
    """The tables this site writes: the plans' only where a town has a public plan."""
    public = any(p.oeffentlich for p in view.konzept.plaene)
    return (*TABLES, PLAN_TABLE) if public else TABLES


JSON_FILE = "akteure.json"


def _plain_contact(kontakt: Kontakt | None) -> dict[str, str]:
    if kontakt is None:
        return {}
    values = {"anschrift": kontakt.anschrift, "telefon": kontakt.telefon,
              "email": kontakt.email, "web": kontakt.web}  # fmt: skip
    return {k: v for k, v in values.items() if v}


def _offer(angebot: Angebot, view: SiteView) -> dict[str, Any]:
    data: dict[str, Any] = {"id": angebot.id, "titel": angebot.titel,
                            "beschreibung": angebot.beschreibung.strip()}  # fmt: skip
    if angebot.zielgruppe:
        data["zielgruppe"] = angebot.zielgruppe
    if angebot.sprachen:
        data["sprachen"] = [{"code": c, "name": language(c)} for c in angebot.sprachen]
    if angebot.kommunen:
        data["kommunen"] = [{"id": k, "name": view.kommunen_namen.get(k, k)}
                            for k in angebot.kommunen]  # fmt: skip
    return data


def _actor(akteur: Akteur, art: str, view: SiteView) -> dict[str, Any]:
    data: dict[str, Any] = {"id": akteur.id, "name": akteur.name, "art": akteur.art,
                            "art_bezeichnung": art, "kreisweit": not akteur.kommunen}  # fmt: skip
    if akteur.kommunen:
        data["kommunen"] = [{"id": k, "name": view.kommunen_namen.get(k, k)}
                            for k in akteur.kommunen]  # fmt: skip
    data["handlungsfelder"] = [
        {"id": f, "titel": view.felder_titel[f]}
        for f in akteur.handlungsfelder
        if f in view.felder_titel
    ]
    if akteur.aufgaben:
        data["aufgaben"] = akteur.aufgaben.strip()
    data["angebote"] = [_offer(o, view) for o in akteur.angebote]
    if akteur.kontakt:
        data["kontakt"] = _plain_contact(akteur.kontakt)
    people = [
        {key: value for key, value in (("name", p.name), ("funktion", p.funktion),
                                       ("telefon", p.telefon), ("email", p.email)) if value}
        for p in akteur.oeffentliche_ansprechpersonen
    ]  # fmt: skip
    if people:
        data["ansprechpersonen"] = people
    data["seite"] = page_url(view, akteur_page(akteur.id))
    return data


def actors_json(view: SiteView) -> str:
    konzept = view.konzept
    document = {
        "titel": f"Akteure und Angebote – {konzept.titel}",
        "herausgeber": f"{konzept.herausgeber.name}, {konzept.herausgeber.stelle}",
        "stand": view.verzeichnis_stand.isoformat(),
        "lizenz": {"id": view.lizenz.key, "name": view.lizenz.name, "url": view.lizenz.url},
        "namensnennung": view.namensnennung,
        "akteure": [_actor(e.akteur, e.art, view) for e in view.eintraege],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def files(view: SiteView) -> dict[str, str]:
    """The data files by their path in the site."""
    written = {f"{FOLDER}/{JSON_FILE}": actors_json(view)}
    for table in tables(view):
        written[f"{FOLDER}/{table.datei}"] = table.csv(view)
    return written
