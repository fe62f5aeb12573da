"""The directory tables of a concept document: the glossary and the abbreviations (two
columns, headed „Begriff“/„Abkürzung“ or under a heading that says so) and the actors
(a name column and contact columns). Persons found there become contacts *without*
consent to publication; the report says so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ikonzept.importer.terms import ABBREVIATION_TITLE, GLOSSARY_TITLE

_GLOSSARY_HEAD = re.compile(r"^(begriff|fachbegriff|stichwort)e?$", re.I)
_ABBREVIATION_HEAD = re.compile(r"^(abkürzung|kürzel|abk\.?)(en)?$", re.I)
_NAME = re.compile(r"^(name|einrichtung|träger|akteur|organisation|institution|anbieter)", re.I)
_COLUMNS = {
    "anschrift": re.compile(r"^(anschrift|adresse|postanschrift)", re.I),
    "telefon": re.compile(r"^(telefon|tel\.?|fon)", re.I),
    "email": re.compile(r"^(e-?mail|mail)", re.I),
    "web": re.compile(r"^(internet|web|homepage|internetseite)", re.I),
    "person": re.compile(r"^(ansprech|kontaktperson)", re.I),
    "kommune": re.compile(r"^(kommune|stadt|gemeinde|ort)$", re.I),
}
# The kind of an organisation, where its name says it (else „sonstige“).
_KINDS = [
    ("behoerde", r"\b(kreis|stadt|gemeinde|amt|jobcenter|agentur für arbeit|bamf|bundesamt|"
                 r"behörde|landrat|ministerium|bezirksregierung)\b"),
    ("wohlfahrtsverband", r"\b(caritas|diakonie|awo|arbeiterwohlfahrt|drk|rotes kreuz|"
                          r"paritätisch|jugendmigrationsdienst)\b"),
    ("bildungstraeger", r"\b(vhs|volkshochschule|bildungswerk|bildungsträger|akademie)\b"),
    ("schule", r"\b(schule|gymnasium|berufskolleg|gesamtschule|realschule)\b"),
    ("kita", r"\b(kita|kindertages|familienzentrum|kindergarten)\b"),
    ("kirche", r"\b(kirche|kirchengemeinde|moschee|gemeinde st\.|pfarr)\b"),
    ("migrantenorganisation", r"\b(migrant|moscheeverein|kulturverein)\b"),
    ("initiative", r"(initiative|netzwerk|helferkreis|freundeskreis|asylkreis|arbeitskreis)"),
    ("verein", r"\b(e\. ?v\.|verein)\b"),
]  # fmt: skip


@dataclass(slots=True)
class Directories:
    glossar: list[dict[str, Any]] = field(default_factory=list)
    abkuerzungen: list[dict[str, Any]] = field(default_factory=list)
    akteure: list[dict[str, Any]] = field(default_factory=list)
    rechtsgrundlagen: list[Any] = field(default_factory=list)  # laws.Law
    personen: int = 0  # contacts taken over without consent
    orte: int = 0  # actors whose town was read from the address


def kind_of(cells: tuple[tuple[str, ...], ...], titles: list[str]) -> str | None:
    """„glossar“, „abkuerzungen“, „akteure“ or None for a table under these headings."""
    if not cells or not cells[0]:
        return None
    head = [c.strip() for c in cells[0]]
    under = " ".join(titles[-2:])
    if len(head) == 2:
        if _ABBREVIATION_HEAD.match(head[0]) or (
            ABBREVIATION_TITLE.search(under) and not _GLOSSARY_HEAD.match(head[0])
        ):
            return "abkuerzungen"
        if _GLOSSARY_HEAD.match(head[0]) or GLOSSARY_TITLE.search(under):
            return "glossar"
    if any(_NAME.match(h) for h in head) and any(
        _COLUMNS[c].match(h) for h in head for c in ("anschrift", "telefon", "email", "web")
    ):
        return "akteure"
    return None


def take(kind: str, cells: tuple[tuple[str, ...], ...], into: Directories, towns: dict[str, str],
         taken: set[str]) -> None:  # fmt: skip
    """Add the rows of a classified table; a first row that is a header is skipped."""
    head = [c.strip() for c in cells[0]]
    rows = cells[1:] if _is_header(kind, head) else cells
    if kind in ("glossar", "abkuerzungen"):
        entries, keys = (
            (into.glossar, ("begriff", "erklaerung")) if kind == "glossar"
            else (into.abkuerzungen, ("kuerzel", "bedeutung"))
        )  # fmt: skip
        for row in rows:
            if len(row) >= 2:  # not a label across the table („A“, „Beratung“)
                add_entry(entries, keys, row[0].strip(), row[1].strip())
    else:
        columns = _actor_columns(head)
        for row in (r for r in rows if len(r) > 1 or len(head) == 1):
            actor = _actor(row, columns, towns, taken, into)
            if actor is not None:
                into.akteure.append(actor)


def add_entry(entries: list[dict[str, Any]], keys: tuple[str, str], term: str, text: str) -> None:
    """A glossary or abbreviation entry; the first of a repeated term counts."""
    if term and text and all(e[keys[0]] != term for e in entries):
        entries.append({keys[0]: term, keys[1]: text})


def _is_header(kind: str, head: list[str]) -> bool:
    if kind == "glossar":
        return bool(_GLOSSARY_HEAD.match(head[0])) or head[0].casefold() in ("", "begriff")
    if kind == "abkuerzungen":
        return bool(_ABBREVIATION_HEAD.match(head[0]))
    return True


def _actor_columns(head: list[str]) -> dict[str, int]:
    columns = {"name": next(i for i, h in enumerate(head) if _NAME.match(h))}
    for key, pattern in _COLUMNS.items():
        at = next((i for i, h in enumerate(head) if pattern.match(h)), None)
        if at is not None:
            columns[key] = at
    return columns


def _actor(row: tuple[str, ...], columns: dict[str, int], towns: dict[str, str],
           taken: set[str], into: Directories) -> dict[str, Any] | None:  # fmt: skip
    from ikonzept.importer.concept import slug

    def cell(key: str) -> str:
        at = columns.get(key)
        return row[at].strip() if at is not None and at < len(row) else ""

    name = cell("name")
    if not name:
        return None
    actor: dict[str, Any] = {"id": slug(name, taken, "akteur"), "name": name,
                             "art": _kind(name)}  # fmt: skip
    town = towns.get(cell("kommune").casefold())
    if town is None and cell("anschrift"):
        town = _town_in(cell("anschrift"), towns)
        into.orte += town is not None
    if town:
        actor["kommunen"] = [town]
    contact = {}
    if cell("anschrift"):
        contact["anschrift"] = cell("anschrift")
    if cell("telefon"):
        contact["telefon"] = cell("telefon")
    email = cell("email").removeprefix("mailto:")
    if re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        contact["email"] = email
    web = cell("web")
    if web and not re.match(r"https?://", web) and re.match(r"[\w.-]+\.[a-z]{2,}", web, re.I):
        web = f"https://{web}"
    if re.fullmatch(r"https?://\S+", web):
        contact["web"] = web
    if contact:
        actor["kontakt"] = contact
    if cell("person"):
        into.personen += 1
        actor["ansprechpersonen"] = [{"name": cell("person"), "veroeffentlichen": False}]
    return actor


def _town_in(address: str, towns: dict[str, str]) -> str | None:
    """The county's town an address names: after the postcode („48653 Coesfeld-Lette“),
    else anywhere as a whole word (not „Coesfelder Straße“)."""
    place = re.search(r"\b\d{5}\s+([^,;\n]+)", address)
    for text in ([place.group(1)] if place else []) + [address]:
        lowered = text.casefold()
        for name in sorted(towns, key=len, reverse=True):  # „Nottuln“ before a shorter name
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered):
                return towns[name]
    return None


def _kind(name: str) -> str:
    lowered = name.casefold()
    return next((kind for kind, words in _KINDS if re.search(words, lowered)), "sonstige")
