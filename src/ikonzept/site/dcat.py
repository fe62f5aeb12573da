"""DCAT-AP.de metadata for the open data (RDF/XML), the catalogue format that Open.NRW and
GovData harvest.

Two datasets: the actor directory (JSON and two CSV files) and the measures. Without a base
address the URIs stay relative to the catalogue file; harvesters resolve them against the
address they fetched it from.

Written to pass GovData's validation profiles for DCAT-AP.de 2.0 and 3.0 (spec, German
translations, implementation rules) at once: no `dcat:byteSize` (2.0 wants it typed
xsd:decimal, 3.0 xsd:nonNegativeInteger; it is optional), the geocoding level without the
area (`dcatde:politicalGeocodingURI` is deprecated in 3.0; in `dct:spatial` 3.0 wants the
area typed `dct:Location`, and 2.0 wants a location to have coordinates, which a concept
does not have), publisher and contact point typed with the classes the shapes name, and
the `dcatde:contributorID` of the harvesting portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ikonzept.site.opendata import FOLDER, JSON_FILE, PLAN_TABLE, TABLES

if TYPE_CHECKING:
    from ikonzept.site.view import SiteView

FILE = "katalog.rdf"

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
}
_EU = "http://publications.europa.eu/resource/authority/"
_DATE = "http://www.w3.org/2001/XMLSchema#date"
_CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
_GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
# The portal that harvests a county by the first two digits of its regional key (the Land).
_PORTALS = {"05": "openNRW"}
_FORMATS = {".csv": ("CSV", "text/csv"), ".json": ("JSON", "application/json")}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


@dataclass(frozen=True, slots=True)
class _Dataset:
    anker: str
    titel: str
    beschreibung: str
    dateien: tuple[str, ...]
    schlagworte: tuple[str, ...]


def portal(view: SiteView) -> str | None:
    """The contributor id of the portal that harvests the catalogue, if it can be told."""
    webseite = view.konzept.webseite
    if webseite and webseite.datenportal:
        return webseite.datenportal
    key = webseite.regionalschluessel if webseite else None
    return _PORTALS.get(key[:2]) if key else None


def contact_missing(view: SiteView) -> bool:
    """Whether the catalogue's contact point has neither e-mail, phone nor web address."""
    kontakt = view.konzept.webseite.kontakt if view.konzept.webseite else None
    return not (
        (kontakt and (kontakt.email or kontakt.telefon or kontakt.web))
        or view.konzept.herausgeber.web
    )


class _Writer:
    def __init__(self, view: SiteView) -> None:
        self.view = view
        # From daten/katalog.rdf, the site root is one folder up.
        self.root = view.basis_url or "../"

    def url(self, path: str) -> str:
        return f"{self.root}{path}"

    def text(self, parent: ET.Element, name: str, value: str, datatype: str | None = None) -> None:
        element = ET.SubElement(parent, _q(name))
        element.text = value
        if datatype:
            element.set(_q("rdf:datatype"), datatype)

    def ref(self, parent: ET.Element, name: str, uri: str) -> None:
        ET.SubElement(parent, _q(name)).set(_q("rdf:resource"), uri)

    def catalog(self) -> ET.Element:
        view = self.view
        konzept = view.konzept
        rdf = ET.Element(_q("rdf:RDF"))
        catalog = ET.SubElement(rdf, _q("dcat:Catalog"))
        catalog.set(_q("rdf:about"), self.url("daten.html#katalog"))
        self.text(catalog, "dct:title", f"Offene Daten: {konzept.titel}")
        self.text(catalog, "dct:description",
                  f"Daten aus dem {konzept.titel}: das Verzeichnis der Akteure und ihrer "
                  "Angebote und die empfohlenen Maßnahmen mit ihrem Stand.")  # fmt: skip
        self.publisher(catalog)
        self.ref(catalog, "foaf:homepage", self.url("index.html"))
        self.ref(catalog, "dct:language", f"{_EU}language/DEU")
        self.text(catalog, "dct:modified", view.verzeichnis_stand.isoformat(), _DATE)
        for dataset in self.datasets():
            self.dataset(ET.SubElement(catalog, _q("dcat:dataset")), dataset)
        return rdf

    def datasets(self) -> list[_Dataset]:
        area = self.view.konzept.herausgeber.name
        return [
            _Dataset("akteure", f"Akteure und Angebote der Integrationsarbeit – {area}",
                     "Einrichtungen, Initiativen und Behörden der Integrationsarbeit mit ihren "
                     "Angeboten, Sprachen, Orten und öffentlichen Kontakten.",
                     (JSON_FILE, TABLES[0].datei, TABLES[1].datei),
                     ("Integration", "Migration", "Beratung", "Angebote")),
            _Dataset("massnahmen", f"Maßnahmen des Integrationskonzepts – {area}",
                     "Die empfohlenen Maßnahmen des Integrationskonzepts je Handlungsfeld und "
                     "Ziel, mit beteiligten Akteuren und dem Stand der Umsetzung.",
                     (TABLES[2].datei,),
                     ("Integration", "Integrationskonzept", "Maßnahmen")),
        ] + ([
            _Dataset("handlungsplaene", f"Handlungspläne der Kommunen – {area}",
                     "Welche empfohlenen Maßnahmen die Städte und Gemeinden aufgreifen, wer "
                     "federführend ist, mit wem und in welchem Zeitraum.",
                     (PLAN_TABLE.datei,),
                     ("Integration", "Integrationskonzept", "Handlungsplan", "Kommunen")),
        ] if any(p.oeffentlich for p in self.view.konzept.plaene) else []) + ([
            _Dataset("indikatoren", f"Indikatoren des Integrationskonzepts – {area}",
                     "Kennzahlen je Jahr für den Kreis und seine Städte und Gemeinden: ob sich "
                     "die Ziele des Konzepts bewegen und wie die Lage ist, mit den Zeichen der "
                     "amtlichen Statistik, wo eine Zahl fehlt.",
                     indicator_files(self.view),
                     ("Integration", "Integrationskonzept", "Indikatoren", "Monitoring")),
        ] if indicator_files(self.view) else [])  # fmt: skip

    def publisher(self, parent: ET.Element) -> None:
        herausgeber = self.view.konzept.herausgeber
        organisation = ET.SubElement(ET.SubElement(parent, _q("dct:publisher")),
                                     _q("foaf:Organization"))  # fmt: skip
        # Some profiles infer no subclasses: the class the shapes name, said outright.
        self.ref(organisation, "rdf:type", f"{_NS['foaf']}Agent")
        self.text(organisation, "foaf:name", herausgeber.name)
        if herausgeber.web:
            self.ref(organisation, "foaf:homepage", herausgeber.web)

    def dataset(self, parent: ET.Element, data: _Dataset) -> None:
        view = self.view
        dataset = ET.SubElement(parent, _q("dcat:Dataset"))
        dataset.set(_q("rdf:about"), self.url(f"daten.html#{data.anker}"))
        self.text(dataset, "dct:identifier", self.url(f"daten.html#{data.anker}"))
        self.text(dataset, "dct:title", data.titel)
        self.text(dataset, "dct:description", data.beschreibung)
        for word in data.schlagworte:
            self.text(dataset, "dcat:keyword", word)
        self.ref(dataset, "dcat:theme", f"{_EU}data-theme/SOCI")
        self.ref(dataset, "dcat:theme", f"{_EU}data-theme/GOVE")
        self.publisher(dataset)
        self.contact(dataset)
        ausgabe = view.konzept.ausgabe  # issued with the edition: adopted, or as of its date
        issued = ausgabe.beschlossen.datum if ausgabe.beschlossen else ausgabe.stand
        self.text(dataset, "dct:issued", issued.isoformat(), _DATE)
        self.text(dataset, "dct:modified", view.verzeichnis_stand.isoformat(), _DATE)
        self.ref(dataset, "dcat:landingPage", self.url("daten.html"))
        self.ref(dataset, "dct:accrualPeriodicity", f"{_EU}frequency/IRREG")
        key = view.konzept.webseite.regionalschluessel if view.konzept.webseite else None
        if key:
            level = "administrativeDistrict" if len(key) == 5 else "municipality"
            self.ref(dataset, "dcatde:politicalGeocodingLevelURI", f"{_GEOCODING}Level/{level}")
        contributor = portal(view)
        if contributor:
            self.ref(dataset, "dcatde:contributorID", f"{_CONTRIBUTORS}{contributor}")
        for name in data.dateien:
            self.distribution(ET.SubElement(dataset, _q("dcat:distribution")), name)

    def contact(self, parent: ET.Element) -> None:
        webseite = self.view.konzept.webseite
        kontakt = webseite.kontakt if webseite else None
        herausgeber = self.view.konzept.herausgeber
        card = ET.SubElement(ET.SubElement(parent, _q("dcat:contactPoint")),
                             _q("vcard:Organization"))  # fmt: skip
        self.ref(card, "rdf:type", f"{_NS['vcard']}Kind")
        self.text(card, "vcard:fn", f"{herausgeber.name}, {herausgeber.stelle}")
        if kontakt and kontakt.email:
            self.ref(card, "vcard:hasEmail", f"mailto:{kontakt.email}")
        if kontakt and kontakt.telefon:
            self.ref(card, "vcard:hasTelephone", f"tel:{kontakt.telefon.replace(' ', '')}")
        web = (kontakt.web if kontakt else None) or herausgeber.web
        if web:
            self.ref(card, "vcard:hasURL", web)

    def distribution(self, parent: ET.Element, name: str) -> None:
        view = self.view
        path = f"{FOLDER}/{name}"
        suffix = name[name.rfind(".") :]
        label, media = _FORMATS[suffix]
        item = ET.SubElement(parent, _q("dcat:Distribution"))
        item.set(_q("rdf:about"), self.url(path))
        self.text(item, "dct:title", f"{name} ({label})")
        self.ref(item, "dcat:accessURL", self.url(path))
        self.ref(item, "dcat:downloadURL", self.url(path))
        self.ref(item, "dct:format", f"{_EU}file-type/{label}")
        self.ref(item, "dcat:mediaType", f"https://www.iana.org/assignments/media-types/{media}")
        self.ref(item, "dct:license", view.lizenz.dcat)
        if view.lizenz.attribution:
            self.text(item, "dcatde:licenseAttributionByText", view.namensnennung)
        self.text(item, "dct:modified", view.verzeichnis_stand.isoformat(), _DATE)


def indicator_files(view: SiteView) -> tuple[str, ...]:
    """The indicators' values tables as the site offers them (names inside the data folder)."""
    from ikonzept.site.view import indikator_data

    return tuple(indikator_data(i.id).removeprefix(f"{FOLDER}/")
                 for i in view.konzept.indikatoren if i.werte_datei)  # fmt: skip


def catalog(view: SiteView) -> str:
    """The catalogue as RDF/XML."""
    for prefix, uri in _NS.items():
        ET.register_namespace(prefix, uri)
    root = _Writer(view).catalog()
    ET.indent(root)
    body: str = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'
