"""Every PDF we write keeps its PDF/UA-1 promise: no Matterhorn failure, a tree that holds.

Checked on every PDF of the sample (concept, proposal) and of its update round (concept,
proposal, Synopse); `tests/test_matterhorn.py` shows that each check catches what it is for.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.conftest import snapshot
from tests.matterhorn import check
from tests.matterhorn.content import read_page
from tests.matterhorn.reading import dump
from tests.matterhorn.tree import read

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "name",
    ["Konzept 2016", "Auszug Dülmen 2016", "Vorlage 2016", "Konzept 2019", "Vorlage 2019",
     "Synopse 2019", "Handlungsplan Dülmen 2019", "Sachstandsbericht 2019",
     "Mitteilungsvorlage 2019"],
)  # fmt: skip
def test_no_matterhorn_failure(documents: dict[str, Path], name: str) -> None:
    with pikepdf.open(documents[name]) as pdf:
        failures = check(pdf)
    assert [str(f) for f in failures] == []


def test_the_checks_cover_the_checkpoints_of_pdf_ua() -> None:
    from tests.matterhorn import CHECKS

    conditions = {c for registered in CHECKS for c in registered.conditions}
    checkpoints = {c.split("-")[0] for c in conditions}
    wanted = [
        "01",
        "02",
        "06",
        "07",
        "09",
        "10",
        "11",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "25",
        "26",
        "28",
        "30",
        "31",
    ]
    assert set(wanted) <= checkpoints
    assert {f"S-{n:02}" for n in (1, 2, 3, 4, 5, 6, 7, 10, 11, 12)} <= conditions


def _page_of(pdf: pikepdf.Pdf, text: str, *, last: bool = False) -> int:
    """The first (or last) page whose tagged text contains ``text``."""
    numbers = range(len(pdf.pages))
    for number in reversed(numbers) if last else numbers:
        content = read_page(pdf, number)
        if any(text in s.text for s in content.sequences.values()):
            return number
    raise AssertionError(text)


def test_running_headers_and_footers_are_pagination_artifacts(documents: dict[str, Path]) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        pages = len(pdf.pages)
        for number in (1, 10, pages - 1):
            content = read_page(pdf, number)
            assert f"Seite {number + 1} von {pages}" in content.artifact_text
            assert "Integrationskonzept des Kreises Coesfeld" in content.artifact_text
            tagged = " ".join(s.text for s in content.sequences.values())
            assert f"Seite {number + 1} von" not in tagged
            kinds = {(a.get("/Type"), a.get("/Subtype")) for a in content.artifacts}
            assert {("/Pagination", "/Header"), ("/Pagination", "/Footer")} <= kinds


def test_table_of_contents_is_a_toc_with_one_described_link_per_entry(
    documents: dict[str, Path],
) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        tree = read(pdf)
        assert tree is not None
        toc = next(e for e in tree.walk() if e.type == "TOC")
        entries = [e for e in toc.walk() if e.type == "TOCI"]
        assert len(entries) > 20
        for entry in entries:
            links = [e for e in entry.walk() if e.type == "Link" and _entry_of(e) is entry]
            assert len(links) == 1
            annotations = [kid for kid in links[0].kids if not hasattr(kid, "mcid")
                           and not hasattr(kid, "type")]  # fmt: skip
            assert len(annotations) == 1  # one tab stop per entry
            contents = str(annotations[0].obj.Contents)
            assert contents.rsplit(", Seite ", 1)[1].isdigit(), contents
        number = _page_of(pdf, "Inhalt")
        content = read_page(pdf, number)
        dots = content.artifact_text.count(".")
        assert dots > 500  # the leaders are drawn, as artifacts
        assert "....." not in " ".join(s.text for s in content.sequences.values())
        assert any(a.get("/Type") == "/Layout" for a in content.artifacts)


def _entry_of(element: object) -> object:
    parent = getattr(element, "parent", None)
    while parent is not None and parent.type != "TOCI":
        parent = parent.parent
    return parent


def test_page_references_describe_their_target(documents: dict[str, Path]) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        contents = {
            str(annotation.Contents)
            for page in pdf.pages
            for annotation in page.obj.get("/Annots", ())
        }
    assert "Glossar, Seite 85" in contents or any(c.startswith("Glossar, Seite ") for c in contents)
    assert any(c.startswith("Volkshochschule") and ", Seite " in c for c in contents)
    assert "Internetseite https://www.kreis-coesfeld.de" in contents
    assert not any(c.startswith(("kapitel-", "akteur-", "feld-", "#")) for c in contents)


def test_footnotes_are_notes_right_after_their_call(documents: dict[str, Path]) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        tree = read(pdf)
        assert tree is not None
        notes = [e for e in tree.walk() if e.type == "Note"]
        assert len(notes) == 14
        for note in notes:
            assert note.parent is not None
            siblings = note.parent.children
            before = siblings[siblings.index(note) - 1]
            assert before.type in ("Reference", "Note")
            assert note.children[0].type == "Lbl"
        assert tree.id_tree is not None
        assert all(bytes(note.obj.ID) in tree.id_tree for note in notes)


def test_every_footnote_stands_on_the_page_of_its_call(documents: dict[str, Path]) -> None:
    """Printed readers find the footnote below the line that calls it (WeasyPrint once moved
    every footnote one page on, for the rounding of the footnote area's border and padding)."""
    for name in ("Konzept 2016", "Konzept 2019", "Vorlage 2016"):
        with pikepdf.open(documents[name]) as pdf:
            tree = read(pdf)
            assert tree is not None
            notes = [e for e in tree.walk() if e.type == "Note"]
            assert notes
            for note in notes:
                assert note.parent is not None
                siblings = note.parent.children
                call = siblings[siblings.index(note) - 1]
                call_page = min(c.page for c in call.contents())
                assert min(c.page for c in note.contents()) == call_page, (name, call_page)


def test_synopse_says_what_was_struck_and_inserted(documents: dict[str, Path]) -> None:
    with pikepdf.open(documents["Synopse 2019"]) as pdf:
        tree = read(pdf)
        assert tree is not None
        spoken = [str(e.obj.ActualText) for e in tree.walk() if "/ActualText" in e.obj]
    assert "gestrichen: offen" in spoken
    assert "eingefügt: umgesetzt" in spoken
    assert any(text.startswith("gestrichen: Sprachcafés bieten") for text in spoken)


def test_tables_over_several_pages_are_one_table_with_headers_once(
    documents: dict[str, Path],
) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        tree = read(pdf)
        assert tree is not None
        tables = [e for e in tree.walk() if e.type == "Table"]
        long = [t for t in tables if len({c.page for c in t.contents()}) > 1]
        assert long  # the overview of measures by municipality runs over pages
        for table in long:
            heads = [e for e in table.children if e.type == "THead"]
            assert len(heads) == 1
            header_rows = [e for e in heads[0].children if e.type == "TR"]
            assert len(header_rows) == 1


def test_lists_say_how_they_are_numbered(documents: dict[str, Path]) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        tree = read(pdf)
        assert tree is not None
        numbering = {
            str(e.attribute("/List", "/ListNumbering")) for e in tree.walk() if e.type == "L"
        }
    assert "/Disc" in numbering
    assert numbering <= {"/Disc", "/Decimal", "/None"}


def test_joined_parts_keep_ids_apart_and_subsets_tagged_apart(
    documents: dict[str, Path],
) -> None:
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        tree = read(pdf)
        assert tree is not None and tree.id_tree is not None
        prefixes = {identifier.split(b"-")[0] for identifier in tree.id_tree}
        assert {b"teil1", b"teil2"} <= prefixes
        fonts = {
            str(font.BaseFont): font.DescendantFonts[0].FontDescriptor.FontFile2.objgen
            for page in pdf.pages
            for font in page.Resources.Font.values()
        }
        assert len(set(fonts.values())) == len(fonts)  # one tag, one subset


def test_a_screen_reader_hears_toc_footnote_table_and_synopse(documents: dict[str, Path]) -> None:
    """Listening test: the structure in reading order, as a snapshot to read in review."""
    parts = []
    with pikepdf.open(documents["Konzept 2016"]) as pdf:
        for text, last in (("Inhalt", False), ("Im Kreis leben rund", False),
                           ("Sprachmittler-Pool", False), ("kreisweit", True)):  # fmt: skip
            number = _page_of(pdf, text, last=last)
            parts.append(f"=== Konzept 2016, Seite {number + 1} ===\n{dump(pdf, [number])}")
    with pikepdf.open(documents["Synopse 2019"]) as pdf:
        parts.append(f"=== Synopse 2019, Seite 2 ===\n{dump(pdf, [1])}")
    heard = "\n".join(parts)
    # What a listener must meet, independent of the snapshot's exact wording:
    toc = heard.split("=== Konzept 2016, Seite 8 ===")[0]
    assert "TOC\n      TOCI\n        Reference\n          Link" in toc
    assert "[Verweis: Vorwort des Landrats, Seite 4]" in toc
    assert heard.count("Note ID=„teil") >= 3 and "Span E=„empfohlen“" in heard
    synopse = heard.split("=== Synopse 2019, Seite 2 ===")[1]
    assert "ActualText=„gestrichen: " in synopse
    snapshot("screenreader.txt", heard)
