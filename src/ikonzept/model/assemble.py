"""Build the domain model from documents that passed the schema check.

Raw dicts end here: everything after this module works with ``ikonzept.model``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ikonzept.base.findings import DocPath
from ikonzept.load.sources import Kind
from ikonzept.model import (
    Abkuerzung,
    Akteur,
    Angebot,
    Anlage,
    Ansprechperson,
    Ausgabe,
    Auswirkungen,
    Barrierefreiheit,
    Begriff,
    Begruendung,
    Beratung,
    Beschluss,
    Beteiligungsschritt,
    Handlungsfeld,
    Herausgeber,
    Kapitel,
    Kommune,
    Kontakt,
    Konzept,
    Massnahme,
    Origin,
    Rechtsgrundlage,
    Saeule,
    Stand,
    Vorlage,
    Webseite,
    Ziel,
)
from ikonzept.model.bericht import Bericht, Mitteilung
from ikonzept.model.plans import Handlungsplan, PlanEintrag, Prioritaet, Schritt

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Document:
    """One schema-valid file."""

    kind: Kind
    rel: str
    data: Any


def assemble(documents: Sequence[Document]) -> Konzept | None:
    """The concept of these documents, or None without a valid konzept.yaml."""
    by_kind: dict[Kind, list[Document]] = {kind: [] for kind in Kind}
    for document in documents:
        by_kind[document.kind].append(document)
    if not by_kind[Kind.KONZEPT]:
        return None
    root = by_kind[Kind.KONZEPT][0]
    konzept = _konzept(root.data, root.rel)
    fields = [_handlungsfeld(d.data, d.rel) for d in by_kind[Kind.HANDLUNGSFELD]]
    fields.sort(key=lambda f: (f.reihenfolge, f.id))
    return dataclasses.replace(
        konzept,
        handlungsfelder=tuple(fields),
        akteure=tuple(a for d in by_kind[Kind.AKTEUR] for a in _akteure(d.data, d.rel)),
        glossar=_items(by_kind[Kind.GLOSSAR], _begriff),
        abkuerzungen=_items(by_kind[Kind.ABKUERZUNGEN], _abkuerzung),
        rechtsgrundlagen=_items(by_kind[Kind.RECHTSGRUNDLAGEN], _rechtsgrundlage),
        beteiligung=_items(by_kind[Kind.BETEILIGUNG], _schritt),
        vorlage=_vorlage(by_kind[Kind.VORLAGE][0]) if by_kind[Kind.VORLAGE] else None,
        webseite=_webseite(by_kind[Kind.WEBSEITE][0]) if by_kind[Kind.WEBSEITE] else None,
        bericht=_bericht(by_kind[Kind.BERICHT][0]) if by_kind[Kind.BERICHT] else None,
        plaene=tuple(
            sorted((_plan(d.data, d.rel) for d in by_kind[Kind.PLAN]), key=lambda p: p.kommune)
        ),
    )


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _tuple(data: Data, key: str) -> tuple[str, ...]:
    return tuple(data.get(key) or ())


def _items(documents: list[Document], build: Any) -> tuple[Any, ...]:
    return tuple(
        build(item, Origin(d.rel, (index,))) for d in documents for index, item in enumerate(d.data)
    )


def _konzept(data: Data, rel: str) -> Konzept:
    ausgabe = data["ausgabe"]
    beschlossen = ausgabe.get("beschlossen")
    herausgeber = data["herausgeber"]
    return Konzept(
        id=data["id"],
        titel=data["titel"],
        schluessel=data.get("schluessel"),
        ausgabe=Ausgabe(
            nummer=ausgabe["nummer"],
            stand=_date(ausgabe["stand"]),
            vorgaenger=ausgabe.get("vorgaenger"),
            beschlossen=Beschluss(beschlossen["gremium"], _date(beschlossen["datum"]))
            if beschlossen
            else None,
            vorgaenger_pruefsumme=ausgabe.get("vorgaenger_pruefsumme"),
        ),
        herausgeber=Herausgeber(
            name=herausgeber["name"],
            stelle=herausgeber["stelle"],
            anschrift=herausgeber.get("anschrift"),
            web=herausgeber.get("web"),
            logo=herausgeber.get("logo"),
        ),
        kommunen=tuple(
            Kommune(k["id"], k["name"], Origin(rel, ("kommunen", i)), k.get("schluessel"))
            for i, k in enumerate(data["kommunen"])
        ),
        kapitel=tuple(
            Kapitel(k["id"], k["titel"], k["text"], Origin(rel, ("kapitel", i)))
            for i, k in enumerate(data["kapitel"])
        ),
        origin=Origin(rel),
    )


def _handlungsfeld(data: Data, rel: str) -> Handlungsfeld:
    return Handlungsfeld(
        id=data["id"],
        reihenfolge=data["reihenfolge"],
        titel=data["titel"],
        ausgangslage=data["ausgangslage"],
        saeule=Saeule(data["saeule"]) if "saeule" in data else None,
        ziele=tuple(
            _ziel(z, Origin(rel, ("ziele", i))) for i, z in enumerate(data.get("ziele") or ())
        ),
        origin=Origin(rel),
    )


def _ziel(data: Data, origin: Origin) -> Ziel:
    return Ziel(
        id=data["id"],
        titel=data["titel"],
        beschreibung=data.get("beschreibung"),
        indikatoren=_tuple(data, "indikatoren"),
        massnahmen=tuple(
            _massnahme(m, _child(origin, "massnahmen", i))
            for i, m in enumerate(data.get("massnahmen") or ())
        ),
        ersetzt=_tuple(data, "ersetzt"),
        origin=origin,
    )


def _child(origin: Origin, *steps: str | int) -> Origin:
    path: DocPath = (*origin.path, *steps)
    return Origin(origin.file, path)


def _massnahme(data: Data, origin: Origin) -> Massnahme:
    return Massnahme(
        id=data["id"],
        titel=data["titel"],
        beschreibung=data.get("beschreibung"),
        kommunen=_tuple(data, "kommunen"),
        akteure=_tuple(data, "akteure"),
        stand=Stand(data.get("stand", "offen")),
        stand_begruendung=data.get("stand_begruendung"),
        ersetzt=_tuple(data, "ersetzt"),
        origin=origin,
    )


def _akteure(data: Any, rel: str) -> list[Akteur]:
    if isinstance(data, list):
        return [_akteur(a, Origin(rel, (i,))) for i, a in enumerate(data)]
    return [_akteur(data, Origin(rel))]


def _akteur(data: Data, origin: Origin) -> Akteur:
    kontakt = data.get("kontakt")
    return Akteur(
        id=data["id"],
        name=data["name"],
        art=data["art"],
        kommunen=_tuple(data, "kommunen"),
        handlungsfelder=_tuple(data, "handlungsfelder"),
        aufgaben=data.get("aufgaben"),
        angebote=tuple(
            Angebot(
                id=a["id"],
                titel=a["titel"],
                beschreibung=a["beschreibung"],
                zielgruppe=a.get("zielgruppe"),
                sprachen=_tuple(a, "sprachen"),
                kommunen=_tuple(a, "kommunen"),
                origin=_child(origin, "angebote", i),
            )
            for i, a in enumerate(data.get("angebote") or ())
        ),
        kontakt=Kontakt(**kontakt) if kontakt else None,
        ansprechpersonen=tuple(Ansprechperson(**p) for p in data.get("ansprechpersonen") or ()),
        origin=origin,
    )


def _begriff(data: Data, origin: Origin) -> Begriff:
    return Begriff(data["begriff"], data["erklaerung"], _tuple(data, "siehe"), origin)


def _abkuerzung(data: Data, origin: Origin) -> Abkuerzung:
    return Abkuerzung(data["kuerzel"], data["bedeutung"], origin)


def _rechtsgrundlage(data: Data, origin: Origin) -> Rechtsgrundlage:
    return Rechtsgrundlage(
        id=data["id"],
        titel=data["titel"],
        kurz=data.get("kurz"),
        fundstelle=data.get("fundstelle"),
        beschreibung=data.get("beschreibung"),
        origin=origin,
    )


def _schritt(data: Data, origin: Origin) -> Beteiligungsschritt:
    return Beteiligungsschritt(_date(data["datum"]), data["format"], data["beschreibung"], origin)


def _vorlage(document: Document) -> Vorlage:
    data = document.data
    begruendung = data["begruendung"]
    return Vorlage(
        nummer=data["nummer"],
        datum=_date(data["datum"]),
        federfuehrung=data["federfuehrung"],
        oeffentlich=data["oeffentlich"],
        beratungsfolge=_beratungen(data["beratungsfolge"]),
        beschlussvorschlag=data["beschlussvorschlag"],
        begruendung=Begruendung(
            problem=begruendung["problem"],
            loesung=begruendung["loesung"],
            alternativen=begruendung["alternativen"],
            auswirkungen=Auswirkungen(**begruendung["auswirkungen"]),
            zustaendigkeit=begruendung["zustaendigkeit"],
        ),
        betreff=data.get("betreff"),
        bezug=_tuple(data, "bezug"),
        anlagen=tuple(Anlage(a["titel"], a.get("datei")) for a in data.get("anlagen") or ()),
        unterschrift=data.get("unterschrift"),
        origin=Origin(document.rel),
    )


def _beratungen(data: list[Data]) -> tuple[Beratung, ...]:
    return tuple(Beratung(b["gremium"], _date(b["sitzung"]), b["zustaendigkeit"]) for b in data)


def _bericht(document: Document) -> Bericht:
    data = document.data or {}
    stichtag, vorlage = data.get("stichtag"), data.get("vorlage")
    return Bericht(
        titel=data.get("titel"),
        stichtag=_date(stichtag) if stichtag else None,
        seit=data.get("seit"),
        einleitung=data.get("einleitung"),
        hinweise=data.get("hinweise"),
        vorlage=Mitteilung(
            nummer=vorlage["nummer"],
            datum=_date(vorlage["datum"]),
            beratungsfolge=_beratungen(vorlage["beratungsfolge"]),
            federfuehrung=vorlage.get("federfuehrung"),
            oeffentlich=vorlage.get("oeffentlich", True),
            betreff=vorlage.get("betreff"),
            sachdarstellung=vorlage.get("sachdarstellung"),
            unterschrift=vorlage.get("unterschrift"),
        )
        if vorlage
        else None,
        origin=Origin(document.rel),
    )


def _webseite(document: Document) -> Webseite:
    data = document.data or {}
    kontakt = data.get("kontakt")
    barrierefreiheit = data.get("barrierefreiheit") or {}
    erstellt = barrierefreiheit.get("erstellt_am")
    meldestelle = barrierefreiheit.get("kontakt")
    return Webseite(
        basis_url=data.get("basis_url"),
        einleitung=data.get("einleitung"),
        kontakt=Kontakt(**kontakt) if kontakt else None,
        impressum=data.get("impressum"),
        lizenz=data.get("lizenz", "dl-de/by-2-0"),
        namensnennung=data.get("namensnennung"),
        regionalschluessel=data.get("regionalschluessel"),
        datenportal=data.get("datenportal"),
        leichte_sprache=data.get("leichte_sprache"),
        gebaerdensprache=data.get("gebaerdensprache"),
        barrierefreiheit=Barrierefreiheit(
            stand=barrierefreiheit.get("stand", "teilweise"),
            erstellt_am=_date(erstellt) if erstellt else None,
            bewertung=barrierefreiheit.get("bewertung"),
            maengel=_tuple(barrierefreiheit, "maengel"),
            kontakt=Kontakt(**meldestelle) if meldestelle else None,
            ombudsstelle=barrierefreiheit.get("ombudsstelle"),
        ),
        origin=Origin(document.rel),
    )


def _plan(data: Data, rel: str) -> Handlungsplan:
    vereinbart = data.get("vereinbart")
    return Handlungsplan(
        kommune=data["kommune"],
        stand=_date(data["stand"]),
        massnahmen=tuple(
            _eintrag(item, Origin(rel, ("massnahmen", index)))
            for index, item in enumerate(data.get("massnahmen") or ())
        ),
        vereinbart=Beschluss(vereinbart["gremium"], _date(vereinbart["datum"]))
        if vereinbart
        else None,
        oeffentlich=data.get("oeffentlich", True),
        origin=Origin(rel),
    )


# Looked up by value: calling an Enum costs more than the rest of an entry (11 towns ×
# 100 entries in a county).
_PRIORITIES = {p.value: p for p in Prioritaet}
_STAENDE = {s.value: s for s in Stand}


def _eintrag(data: Data, origin: Origin) -> PlanEintrag:
    return PlanEintrag(
        massnahme=data["massnahme"],
        verantwortlich=data["verantwortlich"],
        partner=_tuple(data, "partner"),
        prioritaet=_PRIORITIES[data.get("prioritaet", "mittel")],
        beginn=data.get("beginn"),
        ende=data.get("ende"),
        dauerhaft=bool(data.get("dauerhaft", False)),
        stand=_STAENDE[data.get("stand", "offen")],
        stand_begruendung=data.get("stand_begruendung"),
        mittel=data.get("mittel"),
        notiz=data.get("notiz"),
        schritte=tuple(
            Schritt(
                s["titel"],
                _date(s["bis"]),
                _date(s["erledigt"]) if s.get("erledigt") else None,
                Origin(origin.file, (*origin.path, "schritte", index)),
            )
            for index, s in enumerate(data.get("schritte") or ())
        ),
        origin=origin,
    )
