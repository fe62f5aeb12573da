"""The sample concept's PDF, checked structurally for PDF/A-2a, PDF/UA-1 and navigation.

No full PDF/UA validator can be installed here, so each requirement is checked on its own.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ikonzept.base.resources import schema_dir
from ikonzept.model.numbering import numbers
from ikonzept.pipeline.validate import validate
from tests.conftest import SAMPLE
from tests.pdftext import flat, page_texts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(sample_build: Path) -> Path:
    return sample_build


@pytest.fixture(scope="module")
def pdf(built: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(built / "integrationskonzept-kreis-coesfeld-ausgabe-1.pdf") as document:
        yield document


def test_tagged_with_language_and_title_shown(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "de-DE"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True


def test_declares_pdf_a_2a_and_pdf_ua_1(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfaid:part") == "2"
        assert xmp.get("pdfaid:conformance") == "A"
        assert xmp.get("pdfuaid:part") == "1"
        assert (
            xmp.get("dc:title")
            == "Integrationskonzept des Kreises Coesfeld – 1. Integrationskonzept"
        )


def test_document_information(pdf: pikepdf.Pdf) -> None:
    info = pdf.docinfo
    assert str(info.Title).startswith("Integrationskonzept des Kreises Coesfeld")
    assert "Kreis Coesfeld" in str(info.Author)
    assert "Stand 15. November 2016" in str(info.Subject)
    assert "Integrationskonzept" in str(info.Keywords)
    assert str(info.CreationDate).startswith("D:20161115")


def _outline_titles(items: list[pikepdf.OutlineItem]) -> Iterator[str]:
    for item in items:
        yield item.title
        yield from _outline_titles(item.children)


def test_bookmark_for_every_chapter_field_and_goal(pdf: pikepdf.Pdf) -> None:
    konzept = validate(SAMPLE).konzept
    assert konzept is not None
    numbering = numbers(konzept)
    with pdf.open_outline() as outline:
        titles = set(_outline_titles(outline.root))
    for kapitel in konzept.kapitel:
        assert kapitel.titel in titles
    for feld in konzept.handlungsfelder:
        assert f"{numbering.felder[feld.id]} {feld.titel}" in titles
        for ziel in feld.ziele:
            assert any(t.startswith(f"Ziel {numbering.ziele[ziel.id]} ") for t in titles)
    for heading in ("Akteure und Angebote", "Rechtsgrundlagen", "Glossar", "Abkürzungen"):
        assert heading in titles


def test_all_fonts_are_embedded(pdf: pikepdf.Pdf) -> None:
    fonts = 0
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            fonts += 1
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
            assert descriptor is not None
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts > 0


def test_images_tables_and_abbreviations_are_tagged(pdf: pikepdf.Pdf) -> None:
    kinds: set[str] = set()
    alts: list[str] = []
    expansions: set[str] = set()

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            kind = node.get("/S")
            if kind is not None:
                kinds.add(str(kind))
                if kind == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
                if "/E" in node:
                    expansions.add(str(node.E))
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids)

    walk(pdf.Root.StructTreeRoot)
    assert {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    assert any("Karte des Kreises Coesfeld" in alt for alt in alts)
    assert "Kommunales Integrationszentrum" in expansions


PDF_NAME = "integrationskonzept-kreis-coesfeld-ausgabe-1.pdf"
HTML_NAME = "integrationskonzept-kreis-coesfeld-ausgabe-1.html"


def _plain(fragment: str) -> str:
    return flat(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)))


def test_every_page_but_the_title_says_which_of_how_many(built: Path) -> None:
    pages = page_texts(built / PDF_NAME)
    assert "Seite" not in pages[0]
    for number, text in enumerate(pages[1:], 2):
        assert f"Seite {number} von {len(pages)}" in flat(text)


def test_table_of_contents_names_the_page_each_entry_starts_on(built: Path) -> None:
    pages = page_texts(built / PDF_NAME, layout=True)
    contents = next(i for i, text in enumerate(pages) if "Inhalt" in text.split("\n", 3)[-1])
    entries = [
        (match.group(1).strip(), int(match.group(2)))
        for text in pages[contents : contents + 3]
        for match in re.finditer(r"^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$", text, re.M)
    ]
    assert len(entries) > 20
    for title, number in entries:
        # The heading on that page, after the running header (which repeats titles).
        body = flat(pages[number - 1].split("\n", 1)[1])
        assert flat(title)[:30] in body, (title, number)


def test_page_references_name_the_page_of_the_actor(built: Path, pdf: pikepdf.Pdf) -> None:
    html = (built / HTML_NAME).read_text(encoding="utf-8")
    pages = [flat(text) for text in page_texts(built / PDF_NAME)]
    index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    destinations = pikepdf.NameTree(pdf.Root.Names.Dests)
    actors = re.findall(r'<section class="akteur" id="(akteur-[^"]+)">\s*<h3>(.*?)</h3>', html)
    checked = 0
    for anchor, name in actors:
        name = _plain(name)
        page = index[destinations[anchor][0].objgen] + 1
        assert name in pages[page - 1], (anchor, page)
        for text in pages:
            for number in re.findall(re.escape(name) + r" ?\(S\. (\d+)\)", text):
                assert int(number) == page, (anchor, number, page)
                checked += 1
    assert checked > 50


def test_every_footnote_is_printed_with_its_number(built: Path) -> None:
    html = (built / HTML_NAME).read_text(encoding="utf-8")
    found = re.findall(r'<span class="footnote">(.*?)</span>', html, re.S)
    notes = [_plain(note) for note in found]
    text = " ".join(flat(page) for page in page_texts(built / PDF_NAME))
    assert len(notes) > 10
    for number, note in enumerate(notes, 1):
        assert f"{number} {note[:15]}" in text, (number, note)


def test_links_bookmarks_and_structure_tree_hold_together(pdf: pikepdf.Pdf) -> None:
    assert pdf.check_pdf_syntax() == []
    destinations = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
    index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    tree = pdf.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert len(parents) == len(nums) // 2
    assert int(tree.ParentTreeNextKey) == max(parents) + 1
    keys = [int(page.obj.StructParents) for page in pdf.pages]
    assert len(set(keys)) == len(keys) and set(keys) <= set(parents)
    internal = 0
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", ()):
            element = parents[int(annotation.StructParent)]
            assert any(
                isinstance(kid, pikepdf.Dictionary)
                and kid.get("/Type") == "/OBJR"
                and kid.Obj.objgen == annotation.objgen
                for kid in element.K
            )
            if "/Dest" in annotation:
                internal += 1
                assert destinations[str(annotation.Dest)][0].objgen in index
    assert internal > 300
    document = tree.K[0]
    assert all(kid.P.objgen == document.objgen for kid in document.K)
    with pdf.open_outline() as outline:
        for item in outline.root:
            assert item.destination[0].objgen in index


def test_html_has_page_references_footnotes_and_typography(built: Path) -> None:
    html = (built / "integrationskonzept-kreis-coesfeld-ausgabe-1.html").read_text(encoding="utf-8")
    assert 'class="seitenverweis" href="#akteur-' in html
    assert '<span class="footnote">' in html
    assert '<abbr title="Kommunales Integrationszentrum">KI</abbr>' in html
    assert not re.search(r'(?<![=\w])"[A-Za-zÄÖÜäöü]', html.split("<body", 1)[1].replace('="', ""))


def test_a_page_reference_keeps_its_semicolon_and_the_room_stands_after_it(built: Path) -> None:
    # The reference sits in a box of fixed width (stable pages while numbers are filled
    # in); the semicolon before the next actor is in that box, never apart from the number.
    text = flat("".join(page_texts(built / "integrationskonzept-kreis-coesfeld-ausgabe-1.pdf")))
    assert re.search(r"Regionalkoordination \(S\. \d+\); Volkshochschule", text)
    assert not re.search(r"\(S\. \d+\) +;", text)


def test_contact_persons_without_consent_are_never_published(built: Path) -> None:
    konzept = validate(SAMPLE).konzept
    assert konzept is not None
    private = {
        p.name for a in konzept.akteure for p in a.ansprechpersonen if not p.veroeffentlichen
    }
    public = {p.name for a in konzept.akteure for p in a.oeffentliche_ansprechpersonen}
    private -= public  # the same placeholder name may stand for a consenting colleague
    assert private and public
    html = (built / "integrationskonzept-kreis-coesfeld-ausgabe-1.html").read_text(encoding="utf-8")
    snapshot = (built / "konzept.json").read_text(encoding="utf-8")
    for name in private:
        assert name not in html
        assert name not in snapshot
    assert all(name in html for name in public)


def test_snapshot_matches_its_schema(built: Path, round_build: Path) -> None:
    """The 2019 edition too: its plans and indicators are the folder's, not the edition's."""
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in schema_dir().glob("*.json")]
    registry: Registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas
    )
    snapshot_schema = next(s for s in schemas if s["$id"].endswith("schnappschuss.schema.json"))
    validator = Draft202012Validator(snapshot_schema, registry=registry)
    for folder in (built, round_build):
        data = json.loads((folder / "konzept.json").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], folder
        assert "plaene" not in data["konzept"] and "indikatoren" not in data["konzept"]


def test_proposal_restates_the_seed_with_the_real_attachment(built: Path) -> None:
    html = (built / "integrationskonzept-kreis-coesfeld-ausgabe-1-vorlage.html").read_text(
        encoding="utf-8"
    )
    for heading in ("Beratungsfolge", "Beschlussvorschlag", "Begründung", "I. Problem",
                    "II. Lösung", "III. Alternativen", "IV. Auswirkungen", "V. Zuständigkeit",
                    "Anlagen"):  # fmt: skip
        assert heading in html
    assert "1. Integrationskonzept des Kreises Coesfeld" in html  # the derived subject
    assert "Kreisausschuss" in html and "Entscheidung" in html
    assert '<span class="footnote">' in html
    with pikepdf.open(built / "integrationskonzept-kreis-coesfeld-ausgabe-1.pdf") as konzept:
        pages = len(konzept.pages)
    assert f"Stand 15. November 2016 ({pages} Seiten)" in html
    with pikepdf.open(built / "integrationskonzept-kreis-coesfeld-ausgabe-1-vorlage.pdf") as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfuaid:part") == "1"
        assert str(pdf.docinfo.Title) == "SV-9-0676 – 1. Integrationskonzept des Kreises Coesfeld"


def _oparl_validator(name: str) -> object:
    from jsonschema import Draft7Validator

    path = Path(__file__).parent / "data" / "oparl-1.1" / f"{name}.json"
    return Draft7Validator(json.loads(path.read_text(encoding="utf-8")))


def test_oparl_paper_has_the_shape_oparl_defines(built: Path) -> None:
    import hashlib

    paper = json.loads((built / "vorlage.oparl.json").read_text(encoding="utf-8"))
    for name, instances in (
        ("Paper", [paper]),
        ("File", [paper["mainFile"], *paper["auxiliaryFile"]]),
        ("Consultation", paper["consultation"]),
    ):
        validator = _oparl_validator(name)
        for instance in instances:
            assert list(validator.iter_errors(instance)) == []  # type: ignore[attr-defined]
    assert paper["reference"] == "SV-9-0676"
    assert paper["paperType"] == "Beschlussvorlage"
    assert [c["role"] for c in paper["consultation"]] == [
        "Vorberatung",
        "Empfehlung",
        "Entscheidung",
    ]
    assert [c["authoritative"] for c in paper["consultation"]] == [False, False, True]
    for file in (paper["mainFile"], *paper["auxiliaryFile"]):
        data = (built / file["fileName"]).read_bytes()
        assert file["size"] == len(data)
        assert file["sha512Checksum"] == hashlib.sha512(data).hexdigest()
        assert file["mimeType"] == "application/pdf"
