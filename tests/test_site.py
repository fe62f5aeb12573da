"""``ikonzept site``: the pages, their links, the open data, privacy, and safe writing.

What a visitor does in a browser is in test_site_browser.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ikonzept.model import Konzept
from ikonzept.pipeline.validate import validate
from ikonzept.site.build import SiteOptions, build_site
from ikonzept.site.output import MARKER
from ikonzept.site.serve import Preview
from tests import sitecheck
from tests.conftest import SAMPLE, RunCli, snapshot


@pytest.fixture(scope="module")
def konzept() -> Konzept:
    result = validate(SAMPLE)
    assert result.konzept is not None
    return result.konzept


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    """A copy of the sample to change."""
    target = tmp_path / "concept"
    shutil.copytree(SAMPLE, target)
    return target


def _all_text(site: Path) -> str:
    """Every byte the site holds, PDFs as their text."""
    parts = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".pdf":
            parts.append(
                subprocess.run(
                    ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
                ).stdout
            )
        elif path.is_file():
            parts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(parts)


# --- Pages and links ---------------------------------------------------------------------


def test_every_page_at_its_stable_address(sample_site: Path, konzept: Konzept) -> None:
    expected = {"index.html", "konzept.html", "handlungsfelder.html", "akteure.html",
                "glossar.html", "abkuerzungen.html", "rechtsgrundlagen.html",
                "beteiligung.html", "daten.html", "barrierefreiheit.html", "impressum.html",
                "404.html"}  # fmt: skip
    expected |= {f"akteure/{a.id}.html" for a in konzept.akteure}
    expected |= {f"handlungsfelder/{f.id}.html" for f in konzept.handlungsfelder}
    expected |= {f"kapitel/{k.id}.html" for k in konzept.kapitel}
    expected |= {f"kommunen/{k.id}.html" for k in konzept.kommunen}
    written = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")}
    assert written == expected
    # The first edition has no predecessor: no page on the state of implementation.
    assert not (sample_site / "umsetzung.html").exists()


def test_every_internal_link_and_anchor_exists(sample_site: Path, edition_site: Path) -> None:
    assert sitecheck.broken_links(sample_site) == []
    assert sitecheck.broken_links(edition_site) == []


def test_nothing_is_loaded_from_elsewhere(sample_site: Path) -> None:
    for name, page in sitecheck.pages(sample_site).items():
        for tag, url in page.resources:
            assert not re.match(r"^(https?:)?//", url), f"{name}: <{tag}> lädt {url}"
    for path in sample_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in html and "default-src 'self'" in html
        assert 'lang="de"' in html
    css = (sample_site / "assets/site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


def test_measure_numbers_are_those_of_the_pdf(sample_site: Path, sample_build: Path) -> None:
    page = (sample_site / "handlungsfelder/schule.html").read_text(encoding="utf-8")
    pdf_html = next(sample_build.glob("*-ausgabe-1.html")).read_text(encoding="utf-8")
    numbers = re.findall(r'id="massnahme-([a-z0-9-]+)"[^>]*>\s*<h[34][^>]*><span class="nummer">'
                         r"([\d.]+)</span>", pdf_html)  # fmt: skip
    for ident, number in numbers:
        if f'id="massnahme-{ident}"' in page:
            assert re.search(
                rf'id="massnahme-{ident}".*?<span class="nummer">{re.escape(number)}</span>',
                page,
                re.S,
            )
    assert any(f'id="massnahme-{ident}"' in page for ident, _ in numbers)


def test_status_of_each_measure_in_an_update_round(edition_site: Path) -> None:
    page = (edition_site / "handlungsfelder/sprache.html").read_text(encoding="utf-8")
    assert '<span class="stand-wort">umgesetzt</span>' in page
    assert '<span class="stand-wort">entfallen</span>: ' in page  # with its reason
    overview = (edition_site / "umsetzung.html").read_text(encoding="utf-8")
    assert "<svg" in overview and '<th scope="row">Summe</th>' in overview
    # and the towns' plans: per measure a bar, and the towns by status
    plans = overview.split('<h2 id="in-den-plaenen">In den Handlungsplänen der Kommunen</h2>')[1]
    assert plans.count("<svg") == 1
    assert "<td>2</td><td>offen: Coesfeld, Dülmen</td>" in plans
    assert "in Umsetzung: Dülmen" in plans and "noch ohne Handlungsplan: Ascheberg," in plans


def test_actor_page_shows_offers_contact_tasks_and_measures(sample_site: Path) -> None:
    page = (sample_site / "akteure/auslaenderbehoerde-kreis-coesfeld.html").read_text("utf-8")
    assert "<h1>Kreis Coesfeld – Ausländerbehörde</h1>" in page
    assert "Aufgaben und Zuständigkeiten" in page
    assert "Beteiligt an Maßnahmen des Konzepts" in page
    assert "Hans Meier" in page  # consented to publication
    assert 'href="../handlungsfelder/' in page


def test_abbreviations_are_explained_in_the_text(sample_site: Path) -> None:
    page = (sample_site / "handlungsfelder/sprache.html").read_text(encoding="utf-8")
    assert '<abbr title="Bundesamt für Migration und Flüchtlinge">BAMF</abbr>' in page


def test_footnotes_link_to_their_note_and_back(sample_site: Path) -> None:
    page = (sample_site / "kapitel/einleitung.html").read_text(encoding="utf-8")
    call = re.search(r'<a href="#(fn\d+-1)" id="(fnref\d+-1)"', page)
    assert call is not None
    assert f'<li id="{call[1]}">' in page and f'href="#{call[2]}"' in page


def test_start_page_offers_the_pdfs_and_leichte_sprache(sample_site: Path) -> None:
    page = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'id="leichte-sprache"' in page and "Barriere-Freiheit" in page
    assert 'href="downloads/integrationskonzept-kreis-coesfeld-ausgabe-1.pdf"' in page
    assert "Sitzungsvorlage SV-9-0676" in page  # the proposal is public
    for link in re.findall(r'href="(downloads/[^"]+)"', page):
        assert (sample_site / link).is_file()


def test_a_proposal_that_is_not_public_is_not_offered(
    concept: Path, tmp_path: Path, sample_build: Path
) -> None:
    path = concept / "vorlage.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("oeffentlich: true", "oeffentlich: false"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(SiteOptions(root=concept, out=out, pdfs=sample_build))
    assert not list(out.glob("downloads/*-vorlage.pdf"))
    assert (out / "downloads/integrationskonzept-kreis-coesfeld-ausgabe-1.pdf").is_file()


def test_accessibility_statement_has_what_bitv_nrw_asks(sample_site: Path) -> None:
    page = (sample_site / "barrierefreiheit.html").read_text(encoding="utf-8")
    for part in ("Stand der Vereinbarkeit", "teilweise", "Nicht barrierefreie Inhalte",
                 "Gebärdensprache", "Diese Erklärung wurde am", "Barrieren melden",
                 "mailto:integrationszentrum.kreis-coesfeld@example.org",
                 "Ombudsstelle für barrierefreie Informationstechnik"):  # fmt: skip
        assert part in page, part


def test_texts_of_webseite_yaml_replace_the_defaults(concept: Path, tmp_path: Path) -> None:
    (concept / "webseite.yaml").write_text(
        "leichte_sprache: |\n  Das ist **unser** Text in Leichter Sprache.\n"
        "gebaerdensprache: https://www.example.org/dgs-video\n"
        "lizenz: cc0-1-0\n"
        "barrierefreiheit:\n  stand: vollstaendig\n  erstellt_am: 2019-09-23\n"
        "  maengel:\n    - Die Karte hat noch keinen Text.\n"
        "  ombudsstelle: Die Schlichtungsstelle des Kreises.\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(SiteOptions(root=concept, out=out))
    start = (out / "index.html").read_text(encoding="utf-8")
    assert "Das ist <strong>unser</strong> Text in Leichter Sprache." in start
    assert "Menschen aus anderen Ländern" not in start
    assert 'href="https://www.example.org/dgs-video"' in start
    statement = (out / "barrierefreiheit.html").read_text(encoding="utf-8")
    assert "vollständig mit den Anforderungen der BITV NRW vereinbar" in statement
    assert "23. September 2019" in statement and "Die Karte hat noch keinen Text." in statement
    assert "Die Schlichtungsstelle des Kreises." in statement
    assert "Fürstenwall" not in statement
    data = (out / "daten.html").read_text(encoding="utf-8")
    assert "Creative Commons Zero" in data and "Quelle" not in data


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("barrierefreiheit:\n  stand: vollstaendig\n", True),  # no video in sign language
        ("gebaerdensprache: https://example.org/dgs\nbarrierefreiheit:\n  stand: teilweise\n",
         True),  # partly, but no barrier named
        ("barrierefreiheit:\n  stand: teilweise\n", False),  # the missing video is the gap
        ("gebaerdensprache: https://example.org/dgs\nbarrierefreiheit:\n  stand: vollstaendig\n",
         False),
    ],
)  # fmt: skip
def test_the_statement_must_agree_with_its_barriers(concept: Path, text: str, warned: bool) -> None:
    (concept / "webseite.yaml").write_text(text, encoding="utf-8")
    rules = [f.rule for f in validate(concept).findings]
    assert ("IK222" in rules) is warned


# --- Privacy ------------------------------------------------------------------------------


def test_contact_persons_without_consent_appear_nowhere(
    sample_site: Path, konzept: Konzept
) -> None:
    hidden = [
        person for akteur in konzept.akteure for person in akteur.ansprechpersonen
        if not person.veroeffentlichen
    ]  # fmt: skip
    shown = [p for a in konzept.akteure for p in a.oeffentliche_ansprechpersonen]
    assert hidden and shown
    text = _all_text(sample_site)
    for person in hidden:
        for value in (person.name, person.email, person.telefon):
            if value:
                assert value not in text, value
    for person in shown:
        assert person.name in text
    # No personal data in addresses: every path comes from ids of items, not of people.
    for path in sample_site.rglob("*"):
        for person in hidden + shown:
            assert person.name.split()[-1].lower() not in path.name.lower()


# --- Open data ----------------------------------------------------------------------------


def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_open_data_files_for_german_spreadsheets(sample_site: Path, konzept: Konzept) -> None:
    actors = _csv(sample_site / "daten/akteure.csv")
    assert actors[0][:4] == ["ID", "Name", "Art", "Tätig in"]
    assert len(actors) == len(konzept.akteure) + 1
    offers = _csv(sample_site / "daten/angebote.csv")
    assert len(offers) == sum(len(a.angebote) for a in konzept.akteure) + 1
    measures = _csv(sample_site / "daten/massnahmen.csv")
    assert len(measures) == len(konzept.massnahmen()) + 1
    assert measures[1][1] == "1.1.1"
    data = json.loads((sample_site / "daten/akteure.json").read_text(encoding="utf-8"))
    assert data["lizenz"]["id"] == "dl-de/by-2-0"
    assert len(data["akteure"]) == len(konzept.akteure)
    assert data["akteure"][0]["seite"].startswith("https://www.kreis-coesfeld.de/")


def test_data_page_documents_exactly_the_columns_written(sample_site: Path) -> None:
    page = (sample_site / "daten.html").read_text(encoding="utf-8")
    for name in ("akteure.csv", "angebote.csv", "massnahmen.csv"):
        header = _csv(sample_site / "daten" / name)[0]
        table = page.split(f"Spalten von {name}</caption>", 1)[1].split("</table>", 1)[0]
        documented = re.findall(r'<th scope="row">([^<]+)</th>', table)
        assert documented == header, name


def test_dcat_catalogue_reads_as_rdf(sample_site: Path) -> None:
    import rdflib

    graph = rdflib.Graph()
    catalogue = sample_site / "daten/katalog.rdf"
    graph.parse(catalogue, format="xml", publicID="https://www.kreis-coesfeld.de/x/daten/")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    datasets = list(graph.subjects(rdflib.RDF.type, dcat.Dataset))
    distributions = list(graph.subjects(rdflib.RDF.type, dcat.Distribution))
    assert len(datasets) == 2 and len(distributions) == 4
    for item in distributions:
        assert graph.value(item, dct.license) == rdflib.URIRef(
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        )
        url = str(graph.value(item, dcat.downloadURL))
        assert (sample_site / "daten" / url.rsplit("/", 1)[1]).is_file()
        assert url.startswith("https://www.kreis-coesfeld.de/integrationskonzept/daten/")


# What GovData's validation profiles (DCAT-AP.de 2.0 and 3.0: spec, German translations,
# implementation rules; GovDataOfficial/DCAT-AP.de-SHACL-Validation) found in our catalogue
# and require, each as a check of its own: the shapes themselves are AGPL and stay out of
# this repository.
_DCAT = "http://www.w3.org/ns/dcat#"
_DCT = "http://purl.org/dc/terms/"
_DCATDE = "http://dcat-ap.de/def/dcatde/"
_VCARD = "http://www.w3.org/2006/vcard/ns#"
_FOAF = "http://xmlns.com/foaf/0.1/"


def _catalogue(konzept: Konzept) -> Any:
    import datetime as dt

    import rdflib

    from ikonzept.site import dcat
    from ikonzept.site.view import site_view

    view = site_view(
        konzept, dt.date(2017, 1, 1), (), konzept.webseite and konzept.webseite.basis_url
    )
    graph = rdflib.Graph()
    graph.parse(data=dcat.catalog(view), format="xml", publicID="https://example.org/daten/")
    return graph


def _objects(graph: Any, subject: Any, predicate: str) -> list[Any]:
    import rdflib

    return list(graph.objects(subject, rdflib.URIRef(predicate)))


def _govdata_problems(graph: Any) -> list[str]:
    """What the four profiles would report, as far as a concept decides it."""
    import rdflib

    problems = []
    typed = rdflib.RDF.type
    if any(graph.triples((None, rdflib.URIRef(_DCAT + "byteSize"), None))):
        problems.append("dcat:byteSize (2.0: xsd:decimal, 3.0: xsd:nonNegativeInteger)")
    if any(graph.triples((None, rdflib.URIRef(_DCATDE + "politicalGeocodingURI"), None))):
        problems.append("dcatde:politicalGeocodingURI ist veraltet (3.0)")
    for dataset in graph.subjects(typed, rdflib.URIRef(_DCAT + "Dataset")):
        problems += _dataset_problems(graph, dataset)
    return problems


def _dataset_problems(graph: Any, dataset: Any) -> list[str]:
    import rdflib

    problems = []
    typed = rdflib.RDF.type
    contributors = _objects(graph, dataset, _DCATDE + "contributorID")
    if len(contributors) != 1 or not str(contributors[0]).startswith(
        "http://dcat-ap.de/def/contributors/"
    ):
        problems.append(f"contributorID: {contributors}")
    issued = _objects(graph, dataset, _DCT + "issued")
    if len(issued) != 1 or str(issued[0].datatype) != "http://www.w3.org/2001/XMLSchema#date":
        problems.append(f"dct:issued: {issued}")
    for publisher in _objects(graph, dataset, _DCT + "publisher"):
        if rdflib.URIRef(_FOAF + "Agent") not in _objects(graph, publisher, str(typed)):
            problems.append("publisher nicht ausdrücklich foaf:Agent")
        if not _objects(graph, publisher, _FOAF + "name"):
            problems.append("publisher ohne foaf:name")
    for card in _objects(graph, dataset, _DCAT + "contactPoint"):
        if rdflib.URIRef(_VCARD + "Kind") not in _objects(graph, card, str(typed)):
            problems.append("contactPoint nicht ausdrücklich vcard:Kind")
        if not any(
            _objects(graph, card, _VCARD + name) for name in ("hasEmail", "hasURL", "hasTelephone")
        ):
            problems.append("contactPoint ohne E-Mail, Telefon und Adresse")
    for area in _objects(graph, dataset, _DCT + "spatial"):
        problems.append(f"dct:spatial ohne Koordinaten oder Typ: {area}")
    return problems


def test_the_catalogue_passes_what_govdata_checks(konzept: Konzept) -> None:
    import rdflib

    graph = _catalogue(konzept)
    assert _govdata_problems(graph) == []
    for dataset in graph.subjects(rdflib.RDF.type, rdflib.URIRef(_DCAT + "Dataset")):
        # Kreis Coesfeld (05558) is harvested by Open.NRW
        assert _objects(graph, dataset, _DCATDE + "contributorID") == [
            rdflib.URIRef("http://dcat-ap.de/def/contributors/openNRW")
        ]
        assert [str(d) for d in _objects(graph, dataset, _DCT + "issued")] == ["2016-12-14"]
        assert _objects(graph, dataset, _DCATDE + "politicalGeocodingLevelURI") == [
            rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict")
        ]


def test_the_catalogue_checks_bite(konzept: Konzept) -> None:
    """Each check above fails on the catalogue as it was before GovData's profiles."""
    import rdflib

    graph = _catalogue(konzept)
    dataset = next(graph.subjects(rdflib.RDF.type, rdflib.URIRef(_DCAT + "Dataset")))
    card = _objects(graph, dataset, _DCAT + "contactPoint")[0]
    publisher = _objects(graph, dataset, _DCT + "publisher")[0]
    graph.remove((card, rdflib.RDF.type, rdflib.URIRef(_VCARD + "Kind")))
    graph.remove((publisher, rdflib.RDF.type, rdflib.URIRef(_FOAF + "Agent")))
    graph.remove((dataset, rdflib.URIRef(_DCATDE + "contributorID"), None))
    graph.remove((dataset, rdflib.URIRef(_DCT + "issued"), None))
    graph.add((dataset, rdflib.URIRef(_DCATDE + "politicalGeocodingURI"), rdflib.URIRef("x:y")))
    graph.add((dataset, rdflib.URIRef(_DCAT + "byteSize"), rdflib.Literal(1)))
    for name in ("hasEmail", "hasURL", "hasTelephone"):
        graph.remove((card, rdflib.URIRef(_VCARD + name), None))
    assert len(_govdata_problems(graph)) == 7


@pytest.mark.parametrize(
    ("webseite", "web", "portal", "hints"),
    [
        # no webseite.yaml: the contact from the publisher's web address; no portal known
        (None, "https://www.kreis.example/", None, ["Datenportal"]),
        (None, None, None, ["Datenportal", "keinen Weg"]),
        # a Land other than NRW: the portal must be named
        ({"regionalschluessel": "06411"}, "https://www.kreis.example/", None, ["Datenportal"]),
        (
            {"regionalschluessel": "06411", "datenportal": "openDataHessen"},
            "https://www.kreis.example/", "openDataHessen", [],
        ),
        ({"regionalschluessel": "05558"}, "https://www.kreis.example/", "openNRW", []),
        ({"kontakt": {"telefon": "02541 18-0"}, "datenportal": "openNRW"}, None, "openNRW", []),
    ],
)  # fmt: skip
def test_a_catalogue_from_few_files_is_valid_or_says_what_is_missing(
    tmp_path: Path, webseite: dict[str, Any] | None, web: str | None, portal: str | None,
    hints: list[str],
) -> None:  # fmt: skip
    import rdflib

    from ikonzept.base.fsutil import write_text
    from ikonzept.project.scaffold import create

    root = tmp_path / "konzept"
    create(root)
    (root / "webseite.yaml").unlink()
    if webseite is not None:
        write_text(root / "webseite.yaml", json.dumps(webseite, ensure_ascii=False))
    text = (root / "konzept.yaml").read_text(encoding="utf-8")
    if web:
        stelle = "  stelle: Kommunales Integrationszentrum\n"
        text = text.replace(stelle, f"{stelle}  web: {web}\n")
    write_text(root / "konzept.yaml", text)
    result = build_site(SiteOptions(root=root, out=tmp_path / "site", pdfs=tmp_path))
    assert result.written, result.validation.findings
    graph = rdflib.Graph()
    graph.parse(tmp_path / "site/daten/katalog.rdf", format="xml", publicID="https://x.org/d/")
    catalogue_hints = [h for h in result.hints if "Datenkatalog" in h]
    assert len(catalogue_hints) == len(hints)
    for hint, word in zip(catalogue_hints, hints, strict=True):
        assert word in hint
    problems = _govdata_problems(graph)
    if portal:
        assert problems == []
        assert set(graph.objects(None, rdflib.URIRef(_DCATDE + "contributorID"))) == {
            rdflib.URIRef(f"http://dcat-ap.de/def/contributors/{portal}")
        }
    else:  # what is missing is what the hints named
        assert problems and all("contributorID" in p or "contactPoint" in p for p in problems)


def test_actor_pages_describe_the_actor_for_search_engines(sample_site: Path) -> None:
    page = (sample_site / "akteure/vhs-coesfeld.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block[1])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "EducationalOrganization" and data["name"] == "Volkshochschule Coesfeld"
    assert data["address"]["postalCode"] == "48653"
    assert data["address"]["addressLocality"] == "Coesfeld"
    assert len(data["makesOffer"]) == 3
    service = data["makesOffer"][1]["itemOffered"]
    assert service["@type"] == "Service"
    assert [lang["alternateName"] for lang in service["availableLanguage"]] == ["de", "ar", "fa"]
    assert {p["name"] for p in data["areaServed"]} == {
        "Coesfeld", "Billerbeck", "Rosendahl", "Nottuln"
    }  # fmt: skip


def test_canonical_links_and_sitemap_only_with_a_base_address(
    sample_site: Path, concept: Path, tmp_path: Path
) -> None:
    page = (sample_site / "akteure/vhs-coesfeld.html").read_text(encoding="utf-8")
    assert (
        '<link rel="canonical" href="https://www.kreis-coesfeld.de/integrationskonzept/'
        'akteure/vhs-coesfeld.html">' in page
    )
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") == len(list(sample_site.rglob("*.html"))) - 1  # not 404
    assert "Sitemap: https://www.kreis-coesfeld.de/integrationskonzept/sitemap.xml" in (
        sample_site / "robots.txt"
    ).read_text(encoding="utf-8")
    # The page for missing addresses is served in any folder: its links start at the root.
    missing = (sample_site / "404.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="(/[^"]*)"', missing):
        assert link.startswith("/integrationskonzept/")
        target = link.removeprefix("/integrationskonzept/").split("#", 1)[0]
        assert (sample_site / target).is_file()
    (concept / "webseite.yaml").unlink()
    out = tmp_path / "site"
    result = build_site(SiteOptions(root=concept, out=out))
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()
    assert 'rel="canonical"' not in (out / "index.html").read_text(encoding="utf-8")
    assert any("Basisadresse" in hint for hint in result.hints)
    # --basis-url gives them back, whatever the slash at the end.
    again = tmp_path / "site2"
    build_site(SiteOptions(root=concept, out=again, basis_url="https://example.org/ik"))
    assert "<loc>https://example.org/ik/index.html</loc>" in (again / "sitemap.xml").read_text()


# --- Hostile text -------------------------------------------------------------------------


def test_hostile_text_stays_text(concept: Path, tmp_path: Path) -> None:
    (concept / "akteure/boese.yaml").write_text(
        "id: boese\n"
        "name: '<script>alert(\"x\")</script> & Co'\n"
        "art: verein\n"
        "angebote:\n"
        "  - id: boese-angebot\n"
        "    titel: '=HYPERLINK(\"https://example.org\")'\n"
        "    beschreibung: |\n"
        "      </script><img src=x onerror=alert(1)> [klick](javascript:alert(1))\n"
        "    zielgruppe: '@alle'\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert build_site(SiteOptions(root=concept, out=out)).written
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert 'href="javascript:' not in html
        # Data inside <script> blocks cannot end them early.
        for block in re.findall(r"<script type=\"application/(?:ld\+)?json\"[^>]*>(.*?)</script>",
                                html, re.S):  # fmt: skip
            assert "<" not in block
    page = (out / "akteure/boese.html").read_text(encoding="utf-8")
    # JSON-LD holds the description as plain text: escaped, the link reduced to its words.
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e klick" in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in page
    offers = _csv(out / "daten/angebote.csv")
    row = next(r for r in offers if r[0] == "boese-angebot")
    assert row[3] == '\'=HYPERLINK("https://example.org")' and row[5] == "'@alle"


# --- Writing ------------------------------------------------------------------------------


def test_same_files_same_bytes(concept: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(SiteOptions(root=concept, out=first))
    build_site(SiteOptions(root=concept, out=second))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_same_bytes_from_processes_that_order_sets_differently(
    concept: Path, tmp_path: Path
) -> None:
    """Python orders sets by a per-process hash seed: two processes, two seeds."""
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-m", "ikonzept", "site", str(concept), "-o", str(tmp_path / seed),
             "--quiet", "--today", "2026-11-27"],
            env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
        )  # fmt: skip
    first = {p.relative_to(tmp_path / "1"): p.read_bytes() for p in (tmp_path / "1").rglob("*")
             if p.is_file()}  # fmt: skip
    second = {p.relative_to(tmp_path / "2"): p.read_bytes() for p in (tmp_path / "2").rglob("*")
              if p.is_file()}  # fmt: skip
    assert first.keys() == second.keys()
    # e.g. akteure.html: every actor's search words, with the languages of its offers
    assert [name for name in first if first[name] != second[name]] == []


def test_a_failed_run_leaves_the_previous_site(
    concept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build_site(SiteOptions(root=concept, out=out))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    # An error in the concept: nothing is written.
    glossar = concept / "glossar.yaml"
    text = glossar.read_text(encoding="utf-8")
    glossar.write_text(text.replace("- begriff:", "- begriff: [", 1), encoding="utf-8")
    assert not build_site(SiteOptions(root=concept, out=out)).written
    glossar.write_text(text, encoding="utf-8")

    # A failure halfway through writing: the old site stays, no half-written folder is left.
    from ikonzept.site.render import SiteRenderer

    calls = 0
    original = SiteRenderer.render

    def fail_later(self: SiteRenderer, *args: object) -> str:
        nonlocal calls
        calls += 1
        if calls > 20:
            raise OSError(28, "No space left on device")
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(SiteRenderer, "render", fail_later)
    with pytest.raises(OSError):
        build_site(SiteOptions(root=concept, out=out))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["concept", "site"]


def test_a_folder_that_is_not_a_site_is_never_replaced(concept: Path, tmp_path: Path) -> None:
    from ikonzept.base.errors import UsageError

    private = tmp_path / "eigenes"
    private.mkdir()
    (private / "notizen.txt").write_text("wichtig", encoding="utf-8")
    with pytest.raises(UsageError, match="nicht von ikonzept site"):
        build_site(SiteOptions(root=concept, out=private))
    assert (private / "notizen.txt").read_text(encoding="utf-8") == "wichtig"
    for target in (concept, concept / "web", tmp_path):
        with pytest.raises(UsageError, match="Konzeptordner"):
            build_site(SiteOptions(root=concept, out=target))
    # A site of ours is replaced as a whole: files of the old one do not linger.
    out = tmp_path / "site"
    build_site(SiteOptions(root=concept, out=out))
    (out / "akteure/alt.html").write_text("alt", encoding="utf-8")
    build_site(SiteOptions(root=concept, out=out))
    assert not (out / "akteure/alt.html").exists() and (out / MARKER).is_file()


# --- Freshness ----------------------------------------------------------------------------


def test_directory_date_comes_from_git_or_the_files(tmp_path: Path) -> None:
    import datetime as dt

    from ikonzept.site.freshness import last_changed

    folder = tmp_path / "repo"
    (folder / "akteure").mkdir(parents=True)
    file = folder / "akteure/a.yaml"
    file.write_text("x", encoding="utf-8")
    stamp = dt.datetime(2019, 3, 12, 10, 0).timestamp()
    os.utime(file, (stamp, stamp))
    assert last_changed(folder, [file]) == dt.date(2019, 3, 12)  # no git: the file's date

    env = {**os.environ, "GIT_AUTHOR_DATE": "2018-05-01T12:00:00+02:00",
           "GIT_COMMITTER_DATE": "2018-05-01T12:00:00+02:00"}  # fmt: skip

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                       cwd=folder, env=env, check=True, capture_output=True)  # fmt: skip

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "Verzeichnis")
    assert last_changed(folder, [file]) == dt.date(2018, 5, 1)  # committed: the commit's date
    file.write_text("y", encoding="utf-8")
    edited = dt.datetime(2019, 3, 14, 9, 0).timestamp()
    os.utime(file, (edited, edited))
    assert last_changed(folder, [file]) == dt.date(2019, 3, 14)  # changed since: the file's


# --- The command --------------------------------------------------------------------------


def test_cli_writes_the_site_and_says_what_is_missing(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    (concept / "webseite.yaml").unlink()
    out = tmp_path / "out" / "site"
    result = run_cli("site", str(concept), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"Geschrieben: {out} (" in result.stdout and "Seiten" in result.stdout
    assert "Hinweis: Ohne Basisadresse" in result.stderr
    assert "Hinweis: Für Meldungen von Barrieren fehlt eine E-Mail-Adresse" in result.stderr
    assert "keine PDFs dieser Ausgabe" in result.stderr
    assert (out / "index.html").is_file()


def test_cli_reports_errors_and_writes_nothing(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    (concept / "webseite.yaml").write_text("lizens: cc0-1-0\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("site", str(concept), "-o", str(out))
    assert result.exit_code == 1
    assert "webseite.yaml:1:1: Fehler IK101 Unbekannter Schlüssel „lizens“" in result.stdout
    assert "Es wurde nichts geschrieben" in result.stderr
    assert not out.exists()
    bad = run_cli("site", str(concept), "-o", str(out), "--basis-url", "www.example.org")
    assert bad.exit_code == 2 and "keine Internetadresse" in bad.stderr


def test_site_help_is_german_and_stable(run_cli: RunCli) -> None:
    result = run_cli("site", "--help", env={"COLUMNS": "100"})
    assert result.exit_code == 0 and result.stdout.startswith("Aufruf: ikonzept site")
    assert "--serve" in result.stdout and "Show this message" not in result.stdout
    snapshot("help-site.txt", result.stdout)


# --- The preview --------------------------------------------------------------------------


def test_preview_serves_rebuilds_on_save_and_shows_errors(concept: Path, tmp_path: Path) -> None:
    import threading
    import urllib.error
    from urllib.request import urlopen

    published = tmp_path / "out" / "site"
    messages: list[str] = []
    preview = Preview(SiteOptions(root=concept, out=published), port=0, log=messages.append)
    server = threading.Thread(target=preview.server.serve_forever, daemon=True)
    server.start()
    stop = threading.Event()
    watching = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop, watching.set), daemon=True)

    def get(path: str) -> str:
        with urlopen(preview.url + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    try:
        preview.build()
        watcher.start()
        assert watching.wait(30)
        assert preview.server.server_address[0] == "127.0.0.1"  # never reachable from outside
        page = get("glossar.html")
        assert '<script src="/.ikonzept/reload.js"></script>' in page
        assert "Abschiebungsverbot" in page
        version = get(".ikonzept/version")
        assert not published.exists()  # the published site is not touched
        assert "reload.js" not in (preview.options.out / "glossar.html").read_text("utf-8")

        glossar = concept / "glossar.yaml"
        text = glossar.read_text(encoding="utf-8")
        glossar.write_text(text.replace("Abschiebungsverbot", "Abschiebeverbot"), "utf-8")
        _saved(preview, version)
        assert "Abschiebeverbot" in get("glossar.html")

        glossar.write_text(text.replace("- begriff:", "- begriff: [", 1), encoding="utf-8")
        _saved(preview, get(".ikonzept/version"))
        shown = get("akteure.html")
        assert "Das Konzept enthält Fehler" in shown and "glossar.yaml:2" in shown
        glossar.write_text(text, encoding="utf-8")
        _saved(preview, get(".ikonzept/version"))
        assert "Abschiebungsverbot" in get("glossar.html")

        with pytest.raises(urllib.error.HTTPError) as missing:
            get("akteure/gibt-es-nicht.html")
        assert missing.value.code == 404
        assert "Seite nicht gefunden" in missing.value.read().decode("utf-8")
        assert any(message.startswith("Gebaut:") for message in messages)
    finally:
        stop.set()
        preview.server.shutdown()
        watcher.join(timeout=30)
        preview.close()


def _saved(preview: Preview, version: str) -> None:
    """Wait until the preview has built again after a save."""
    import time

    deadline = time.monotonic() + 60
    while str(preview.version) == version and time.monotonic() < deadline:
        time.sleep(0.1)
    assert str(preview.version) != version, "no build after the save"


def test_preview_on_a_busy_port_says_so(concept: Path) -> None:
    import socket

    from ikonzept.base.errors import UsageError
    from ikonzept.site.serve import Preview

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(UsageError, match=f"Port {port} ist schon belegt"):
            Preview(SiteOptions(root=concept, out=concept.parent / "site"), port)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"\n'
                  b' width="360" height="96">', (360, 96)),
        ("b.svg", b"<svg viewBox='0 0 120 40' width='100%'>", (120, 40)),
        ("c.svg", b"<svg width='100%' height='auto'>", None),
        ("d.svg", b"kein Bild", None),
    ],
)  # fmt: skip
def test_the_proportions_of_a_logo(
    tmp_path: Path, name: str, content: bytes, expected: tuple[int, int] | None
) -> None:
    from ikonzept.site.images import proportions

    path = tmp_path / name
    path.write_bytes(content)
    assert proportions(path) == expected


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_the_proportions_of_a_raster_logo(tmp_path: Path, kind: str) -> None:
    from PIL import Image

    from ikonzept.site.images import proportions

    path = tmp_path / f"logo.{kind.lower()}"
    Image.new("RGB", (300, 75), "white").save(path, kind)
    assert proportions(path) == (300, 75)
    assert proportions(tmp_path / "fehlt.png") is None


def test_the_logo_keeps_its_place_before_it_loads(sample_site: Path) -> None:
    """360 × 96 shown 48 px high: 180 px wide, as its attributes say."""
    page = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<img src="bilder/logo.svg" alt="" width="180" height="48">' in page


def test_each_town_has_a_page_with_its_public_plan(edition_site: Path, tmp_path: Path) -> None:
    from tests.conftest import ROOT

    page = (edition_site / "kommunen/duelmen.html").read_text(encoding="utf-8")
    assert "<h1>Dülmen</h1>" in page and '<h2 id="handlungsplan">Handlungsplan</h2>' in page
    assert "Stand des Plans: 15. Mai 2019." in page
    assert '<a href="../akteure/caritas-duelmen.html">Caritasverband für das Dekanat Dülmen' in page
    assert 'href="../handlungsfelder/sprache.html#massnahme-sprachkurs-koordination"' in page
    assert 'href="../akteure.html?kommune=duelmen"' in page
    olfen = (edition_site / "kommunen/olfen.html").read_text(encoding="utf-8")
    assert 'id="handlungsplan"' not in olfen and "Empfohlene Maßnahmen" in olfen
    assert "kursorte-laendlicher-raum" in olfen and "kursorte-laendlicher-raum" not in page
    directory = (edition_site / "akteure.html").read_text(encoding="utf-8")
    assert directory.count('href="kommunen/') == 11
    # a plan the town keeps internal is not on the site
    concept = tmp_path / "konzept"
    shutil.copytree(ROOT / "concept-2019", concept)
    plan = concept / "plaene" / "duelmen.yaml"
    text = plan.read_text(encoding="utf-8")
    internal_plan = text.replace("stand: 2019-05-15\n", "stand: 2019-05-15\noeffentlich: false\n")
    plan.write_text(internal_plan, encoding="utf-8")
    assert build_site(SiteOptions(root=concept, out=tmp_path / "site", pdfs=tmp_path)).written
    internal = (tmp_path / "site/kommunen/duelmen.html").read_text(encoding="utf-8")
    assert 'id="handlungsplan"' not in internal and "Empfohlene Maßnahmen" in internal


def test_each_town_with_steps_has_a_calendar_to_subscribe_to(
    edition_site: Path, tmp_path: Path
) -> None:
    import icalendar

    from tests.conftest import ROOT

    assert sorted(p.name for p in (edition_site / "kommunen").glob("*.ics")) == [
        "coesfeld.ics", "duelmen.ics", "nottuln.ics"
    ]  # fmt: skip
    page = (edition_site / "kommunen/duelmen.html").read_text(encoding="utf-8")
    assert '<a href="../kommunen/duelmen.ics" type="text/calendar">Die vereinbarten' in page
    assert "<li>Betreuungskräfte einstellen – bis 31.07.2019</li>" in page
    olfen = (edition_site / "kommunen/olfen.html").read_text(encoding="utf-8")
    assert ".ics" not in olfen
    data = (edition_site / "kommunen/duelmen.ics").read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)  # folded, CRLF
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Handlungsplan Dülmen: Schritte"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == [
        "Betreuungskräfte einstellen", "Räume für die Kinderbetreuung in der VHS klären (erledigt)",
        "Zwei Familienzentren als Orte gewinnen",
    ]  # fmt: skip
    step = events["Betreuungskräfte einstellen"]
    assert step.decoded("DTSTART") == dt.date(2019, 7, 31)
    assert step.decoded("DTEND") == dt.date(2019, 8, 1)
    assert str(step["DESCRIPTION"]) == (
        "Maßnahme 1.1.2: Integrationskurse mit Kinderbetreuung in den größeren Städten "
        "anbieten\nVerantwortlich: VHS Dülmen – Haltern am See – Havixbeck"
    )
    done = events["Räume für die Kinderbetreuung in der VHS klären (erledigt)"]
    assert str(done["DESCRIPTION"]).endswith("\nErledigt am 18.06.2019.")
    # a step keeps its UID when others are added before it; a public plan without steps and
    # an internal plan get no calendar
    concept = tmp_path / "konzept"
    shutil.copytree(ROOT / "concept-2019", concept)
    plan = concept / "plaene" / "duelmen.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(
        "    schritte:\n", "    schritte:\n      - titel: Neu, davor\n        bis: 2019-06-01\n", 1
    ), encoding="utf-8")  # fmt: skip
    nottuln = concept / "plaene" / "nottuln.yaml"
    nottuln.write_text(nottuln.read_text(encoding="utf-8").replace(
        "stand: 2019-05-27\n", "stand: 2019-05-27\noeffentlich: false\n"
    ), encoding="utf-8")  # fmt: skip
    assert build_site(SiteOptions(root=concept, out=tmp_path / "site", pdfs=tmp_path)).written
    again = icalendar.Calendar.from_ical((tmp_path / "site/kommunen/duelmen.ics").read_bytes())
    uids = {str(e["SUMMARY"]): str(e["UID"]) for e in again.walk("VEVENT")}
    assert len(uids) == 4
    assert all(uids[summary] == str(event["UID"]) for summary, event in events.items())
    assert not (tmp_path / "site/kommunen/nottuln.ics").exists()


@pytest.mark.parametrize(
    ("line", "folded"),
    [
        ("A" * 75, "A" * 75 + "\r\n"),
        ("A" * 76, "A" * 75 + "\r\n A\r\n"),
        ("A" * 74 + "ü", "A" * 74 + "\r\n ü\r\n"),  # never inside a character
        ("A" * 73 + "ü" + "B" * 75, "A" * 73 + "ü\r\n " + "B" * 74 + "\r\n B\r\n"),
    ],
)  # fmt: skip
def test_calendar_lines_are_folded_at_75_octets(line: str, folded: str) -> None:
    from ikonzept.site.calendar import escape_text, fold_line

    assert fold_line(line) == folded
    assert escape_text("a,b;c\\d\r\ne") == "a\\,b\\;c\\\\d\\ne"


def test_public_plans_are_open_data_documented_and_catalogued(
    edition_site: Path, sample_site: Path
) -> None:
    import rdflib

    rows = _csv(edition_site / "daten" / "handlungsplaene.csv")
    header, body = rows[0], rows[1:]
    assert len(body) == 9  # Coesfeld 3, Dülmen 4, Nottuln 2
    row = dict(zip(header, body[3], strict=True))
    assert row["Kommune"] == "Dülmen" and row["Maßnahme-ID"] == "kurse-kinderbetreuung"
    assert row["Verantwortlich-ID"] == "vhs-duelmen" and row["Ende"] == "2020-07"
    assert row["Zeitraum"] == "Aug. 2019 – Juli 2020" and row["Priorität"] == "hoch"
    page = (edition_site / "daten.html").read_text(encoding="utf-8")
    table = page.split("Spalten von handlungsplaene.csv</caption>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == header
    graph = rdflib.Graph()
    graph.parse(edition_site / "daten/katalog.rdf", format="xml", publicID="https://x.org/d/")
    datasets = list(graph.subjects(rdflib.RDF.type, rdflib.URIRef(_DCAT + "Dataset")))
    assert len(datasets) == 4 and _govdata_problems(graph) == []  # with the indicators'
    # no plans, no file and no dataset
    assert not (sample_site / "daten" / "handlungsplaene.csv").exists()


def test_the_indicators_have_an_overview_and_a_page_each(edition_site: Path) -> None:
    from tests.conftest import ROOT

    overview = (edition_site / "monitoring.html").read_text(encoding="utf-8")
    impact = overview.split('<h2 id="wirkung">')[1].split('<h2 id="kontext">')[0]
    context = overview.split('<h2 id="kontext">')[1]
    assert 'href="indikatoren/kursplatz-drei-monate.html"' in impact
    assert "auslaenderanteil" not in impact and 'href="indikatoren/auslaenderanteil.html"' in (
        context
    )
    assert "den Maßnahmen des Konzepts nicht zurechenbar" in context
    assert 'href="monitoring.html">Indikatoren</a>' in (edition_site / "konzept.html").read_text(
        encoding="utf-8"
    )
    page = (edition_site / "indikatoren" / "u3-betreuung.html").read_text(encoding="utf-8")
    assert "2018: 12,4 %, Basis 2016: 11,2 %, Ziel 2021: 20,0 %, kaum Fortschritt." in page
    assert "Erreicht: 42 % des nötigen Fortschritts." in page
    assert '<th scope="col">Kreis</th><th scope="col">Coesfeld</th><th scope="col">Dülmen</th>' in (
        page
    )
    assert "<td>14,1 %</td><td>.</td>" in page
    assert "Zeichen: . = Zahlenwert unbekannt oder geheim zu halten." in page
    assert '<a href="../daten/indikator-u3-betreuung.csv" download>' in page
    assert (edition_site / "daten" / "indikator-u3-betreuung.csv").read_bytes() == (
        ROOT / "concept-2019" / "indikatoren" / "u3-betreuung.csv"
    ).read_bytes()
    broken = (edition_site / "indikatoren" / "auslaenderanteil.html").read_text(encoding="utf-8")
    assert "Brüche der Reihe: ab 2011 Fortschreibung auf Basis des Zensus 2011." in broken
    compared = (edition_site / "indikatoren" / "sgb2-auslaendisch.html").read_text(encoding="utf-8")
    assert "2018: 18,4 %, Nordrhein-Westfalen: 21,8 %, keine Bewertung." in compared
    assert "Gepunktet: Nordrhein-Westfalen zum Vergleich. Die Zahlen" in compared  # no target
    assert "Gestrichelt: der Zielwert. Das Quadrat: die Basis." in page
    field = (edition_site / "handlungsfelder" / "sprache.html").read_text(encoding="utf-8")
    assert 'href="../indikatoren/kursplatz-drei-monate.html"' in field


def test_the_indicators_values_are_open_data_documented_and_catalogued(
    edition_site: Path, sample_site: Path
) -> None:
    import rdflib

    page = (edition_site / "daten.html").read_text(encoding="utf-8")
    section = page.split('<h2 id="daten-indikatoren">Indikatoren</h2>')[1].split("</section>")[0]
    assert section.count('type="text/csv" download>indikator-') == 5
    assert '<th scope="row">kennzeichen</th>' in section
    graph = rdflib.Graph()
    graph.parse(edition_site / "daten/katalog.rdf", format="xml", publicID="https://x.org/d/")
    dcat = rdflib.Namespace(_DCAT)
    found = [d for d in graph.subjects(rdflib.RDF.type, dcat.Dataset)
             if "indikatoren" in str(d)]  # fmt: skip
    assert len(found) == 1
    downloads = sorted(str(graph.value(d, dcat.downloadURL))
                       for d in graph.objects(found[0], dcat.distribution))  # fmt: skip
    assert len(downloads) == 5 and downloads[-1].endswith("daten/indikator-u3-betreuung.csv")
    assert _govdata_problems(graph) == []
    assert "daten-indikatoren" not in (sample_site / "daten.html").read_text(encoding="utf-8")
