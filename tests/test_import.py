"""`ikonzept import`: an existing concept from Word. The tests build their own documents
(python-docx plus numbering XML as Word writes it) and assert the recovered structure
exactly."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ikonzept.importer.numbering import Numbering
from ikonzept.pipeline.validate import validate
from tests import wordgen as wg
from tests.conftest import RunCli

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _county_document(path: Path) -> Path:
    """A concept as a county writes it: headings numbered by Word from 3 on (linked to the
    heading styles), a table of contents, a chapter of fields, measures as headings and as
    a numbered list, a typed number that disagrees, a tracked change, a table, a comment."""
    doc = wg.document()
    wg.abstract(doc, 10, [{"text": "%1", "start": 3}, {"text": "%1.%2"}, {"text": "%1.%2.%3"},
                          {"text": "%1.%2.%3.%4"}])  # fmt: skip
    wg.num(doc, 50, 10)
    for level in range(4):
        wg.link_style(doc, f"Heading {level + 1}", 50, level)
    wg.abstract(doc, 11, [{"text": "%1."}])
    wg.num(doc, 51, 11)
    doc.add_heading("Integrationskonzept des Musterkreises", 0)
    wg.toc(doc, ["3 Einleitung\t3", "4 Handlungsfelder\t5"])
    doc.add_heading("Einleitung", 1)
    intro = doc.add_paragraph("Das ")
    intro.add_run("Kommunale Integrationszentrum").bold = True
    intro.add_run(" hat das Konzept ")
    intro.add_run("gemeinsam").italic = True
    intro.add_run(" mit den Akteuren erarbeitet.")
    wg.tracked(intro, " Gestrichen.", " Ergänzt.")
    doc.add_comment(intro.runs[:1], text="Stimmt das Datum?", author="KI")
    doc.add_heading("Handlungsfelder", 1)
    fields = doc.add_paragraph("Die Handlungsfelder im Einzelnen, siehe ")
    wg.link(fields, "die Seite des KI", "https://www.example.org/ki")
    fields.add_run(". Soft\u00adhyphen und\u00a0Leerzeichen.")
    doc.add_heading("Sprache und Sprachförderung", 2)
    wg.footnotes(doc, {1: "Zahlen des BAMF für 2015."})
    wg.footnotes(doc, {1: "Stand der Wartelisten im Mai."}, "endnote")
    waiting = wg.footnote(doc.add_paragraph("Viele warten lange auf einen Kurs."), 1)
    wg.footnote(waiting, 1, "endnote")
    doc.add_heading("Alle finden zeitnah einen Sprachkurs", 3)
    doc.add_paragraph("Das Ziel gilt für alle.")
    doc.add_heading("Eine Kursübersicht veröffentlichen", 4)
    doc.add_paragraph("Alle Kurse auf einer Seite.")
    doc.add_heading("Kinderbetreuung während der Kurse anbieten", 4)
    doc.add_heading("4.1.7 Eltern erreichen", 3)
    wg.numbered(doc.add_paragraph("Elterncafés öffnen. In allen Familienzentren."), 51)
    wg.numbered(doc.add_paragraph("Sprachmittlerinnen einsetzen"), 51)
    doc.add_heading("Bildung", 2)
    doc.add_paragraph("In den Schulen fehlen Plätze.")
    doc.add_heading("Seiteneinsteiger lernen schnell Deutsch", 3)
    doc.add_heading("Sprachförderung ausbauen", 4)
    doc.add_heading("Beteiligung", 1)
    table = doc.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "Datum", (0, 1): "Format", (1, 0): "3. Mai 2016",
                                (1, 1): "Workshop"}.items():  # fmt: skip
        table.cell(row, column).text = text
    doc.save(path)
    return path


def _structure(folder: Path) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(field id, title, [(goal title, [measure titles])]) of an imported folder."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    result = []
    for path in sorted((folder / "handlungsfelder").glob("*.yaml")):
        data: Any = yaml.load(path.read_text(encoding="utf-8"))
        result.append((data["id"], data["titel"],
                       [(z["titel"], [m["titel"] for m in z["massnahmen"]])
                        for z in data["ziele"]]))  # fmt: skip
    return result


@pytest.fixture
def imported(run_cli: RunCli, tmp_path: Path) -> Path:
    source = _county_document(tmp_path / "konzept.docx")
    result = run_cli("import", str(source), "--to", str(tmp_path / "neu"),
                     "--kommunen", "Ahausen, Bedorf", "--herausgeber", "Musterkreis",
                     "--today", "2016-12-01")  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        f"Übernommen nach {tmp_path / 'neu'}: 2 Handlungsfelder, 3 Ziele, 5 Maßnahmen, 3 Kapitel."
    )
    return tmp_path / "neu"


def test_the_headings_become_fields_goals_and_measures(imported: Path) -> None:
    assert _structure(imported) == [
        ("sprache-und-sprachfoerderung", "Sprache und Sprachförderung", [
            ("Alle finden zeitnah einen Sprachkurs",
             ["Eine Kursübersicht veröffentlichen", "Kinderbetreuung während der Kurse anbieten"]),
            ("Eltern erreichen", ["Elterncafés öffnen", "Sprachmittlerinnen einsetzen"]),
        ]),
        ("bildung", "Bildung", [
            ("Seiteneinsteiger lernen schnell Deutsch", ["Sprachförderung ausbauen"]),
        ]),
    ]  # fmt: skip
    first = (imported / "handlungsfelder" / "01-sprache-und-sprachfoerderung.yaml").read_text(
        encoding="utf-8"
    )
    # footnotes and endnotes at their place
    assert ("ausgangslage: |\n  Viele warten lange auf einen Kurs.[^1][^2]\n\n"
            "  [^1]: Zahlen des BAMF für 2015.\n\n"
            "  [^2]: Stand der Wartelisten im Mai.") in first  # fmt: skip
    assert "beschreibung: Das Ziel gilt für alle." in first
    assert "beschreibung: In allen Familienzentren." in first  # the list item's rest
    validation = validate(imported, dt.date(2016, 12, 1))
    assert [f for f in validation.findings if f.severity.value == "fehler"] == []
    assert validation.konzept is not None
    assert [k.name for k in validation.konzept.kommunen] == ["Ahausen", "Bedorf"]


def test_texts_are_markdown_in_the_accepted_view_without_the_contents(imported: Path) -> None:
    konzept = (imported / "konzept.yaml").read_text(encoding="utf-8")
    texts = {k["titel"]: k["text"] for k in _yaml_file(imported / "konzept.yaml")["kapitel"]}
    assert " ".join(texts["Einleitung"].split()) == (
        "Das **Kommunale Integrationszentrum** hat das Konzept *gemeinsam* mit den Akteuren "
        "erarbeitet. Ergänzt."
    )
    assert "Gestrichen" not in konzept  # the tracked deletion, accepted
    assert "\t3" not in konzept and "4 Handlungsfelder" not in konzept  # the contents
    assert texts["Beteiligung"] == "| Datum | Format |\n| --- | --- |\n| 3. Mai 2016 | Workshop |\n"
    assert "titel: Integrationskonzept des Musterkreises" in konzept
    # a long paragraph wrapped at a space (a line break is a space in Markdown, also in a
    # link's text)
    assert texts["Handlungsfelder"] == (
        "Die Handlungsfelder im Einzelnen, siehe [die Seite des\n"
        "KI](https://www.example.org/ki). Softhyphen und Leerzeichen.\n"
    )
    assert "    text: |\n      Die Handlungsfelder im Einzelnen" in konzept  # the sample's style


def test_the_report_says_where_each_piece_came_from_and_what_to_check(imported: Path) -> None:
    report = (imported / "import-bericht.md").read_text(encoding="utf-8")
    assert "2 Handlungsfelder, 3 Ziele, 5 Maßnahmen und 3 Kapitel; dazu 0 Akteure" in report
    assert "Ebenen der Überschriften (erkannt an den Überschriften): Handlungsfeld 2, Ziel 3, " \
        "Maßnahme 4." in report  # fmt: skip
    assert ("| Ziel | 1.1 | Alle finden zeitnah einen Sprachkurs | 4.1.1 | Absatz 11, "
            "Überschrift „4.1.1 Alle finden zeitnah einen Sprachkurs“ |") in report  # fmt: skip
    assert "| Maßnahme | 1.2.1 | Elterncafés öffnen | 1 | Absatz 17, Listenpunkt 1. |" in report
    assert "In der Überschrift steht die Nummer 4.1.7, Word nummeriert sie als 4.1.2." in report
    assert "Kommentar (KI) zu Absatz 6, nicht übernommen: „Stimmt das Datum?“" in report
    assert "andere Nummer als bei uns" not in report  # 4.1.2 is our 1.2: the same place
    assert "Personen, die nur im Text genannt sind, stehen nicht im Akteursverzeichnis" in report


def _numbering(abstracts: str, nums: str, styles: str = "") -> Numbering:
    ns = f'xmlns:w="{W_NS}"'
    return Numbering.read(
        etree.fromstring(f"<w:numbering {ns}>{abstracts}{nums}</w:numbering>"),
        etree.fromstring(f"<w:styles {ns}>{styles}</w:styles>"),
    )


def _lvl(level: int, text: str, fmt: str = "decimal", start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{extra}<w:lvlText w:val="{text}"/></w:lvl>')  # fmt: skip


def test_numbers_are_counted_as_word_counts_them() -> None:
    numbering = _numbering(
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "%1.", start=3) + _lvl(1, "%1.%2")
        + _lvl(2, "(%3)", "lowerLetter") + "</w:abstractNum>"
        + '<w:abstractNum w:abstractNumId="2">' + _lvl(0, "Teil %1", "upperRoman")
        + _lvl(1, "%1.%2", extra="<w:isLgl/>") + _lvl(2, "", "none") + "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>',
    )  # fmt: skip
    seen = [numbering.label(num, level) for num, level in
            [("1", 0), ("1", 1), ("1", 2), ("1", 2), ("1", 1), ("1", 2), ("1", 0), ("1", 1),
             ("2", 0), ("1", 1), ("3", 0), ("3", 1), ("3", 2), ("3", 0), ("0", 0)]]  # fmt: skip
    assert [s[0] if s else None for s in seen] == [
        "3.", "3.1", "(a)", "(b)", "3.2", "(a)", "4.", "4.1",
        "1.",  # a second list on the same definition restarts where it says so …
        "1.1",  # … and the definition counts on from there
        "Teil I", "1.1",  # isLgl: the upper level as a plain number
        "",  # numFmt none: counted, not shown
        "Teil II", None,  # numId 0: no number
    ]  # fmt: skip


def test_numbering_linked_to_styles_follows_based_on_and_style_links() -> None:
    numbering = _numbering(
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "%1", extra='<w:pStyle w:val="H1"/>')
        + _lvl(1, "%1.%2", extra='<w:pStyle w:val="H2"/>') + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Liste"/></w:abstractNum>',
        '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="2"/></w:num>',
        '<w:style w:styleId="Liste"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr>'
        "</w:style>"
        '<w:style w:styleId="Eigene2"><w:basedOn w:val="H2"/></w:style>',
    )  # fmt: skip
    # a heading style numbered by the level that names it; a style based on it inherits
    assert numbering.style_levels["H1"] == ("7", 0)
    assert numbering.style_levels["H2"] == ("7", 1)
    # a list defined by a link to a numbering style counts with that style's list
    assert numbering.lists["8"] == "1"
    labels = [numbering.label(*numbering.style_levels[s]) for s in ("H1", "H2", "H2", "H1")]
    assert [label[0] if label else None for label in labels] == ["1", "1.1", "1.2", "2"]


def _one_field(doc: Any) -> Any:
    """A field named in its heading, its situation, a goal and a measure as a bullet."""
    doc.add_heading("Handlungsfeld 1: Sprache", 1)
    doc.add_paragraph("Die Lage.")
    doc.add_heading("Ziel 1.1: Kurse für alle", 2)
    doc.add_paragraph("Kurse in jeder Stadt", style="List Bullet")
    return doc


def test_fields_named_in_the_headings_and_measures_as_bullets(
    run_cli: RunCli, tmp_path: Path
) -> None:
    doc = wg.document()
    doc.add_heading("Vorwort", 1)
    doc.add_paragraph("Zum Geleit.")
    _one_field(doc).add_paragraph("Kinderbetreuung", style="List Bullet")
    doc.add_heading("Handlungsfeld 2: Arbeit", 1)
    doc.add_paragraph("Die Lage.")
    doc.add_heading("Ziel 2.1: Arbeit finden", 2)
    doc.add_heading("Maßnahme 2.1.1: Jobmessen", 3)
    doc.save(tmp_path / "zwei.docx")
    result = run_cli("import", str(tmp_path / "zwei.docx"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[1].endswith("(5 Hinweise, 0 Befunde von validate).")
    # as many as the report's list holds
    listed = (tmp_path / "neu" / "import-bericht.md").read_text(encoding="utf-8")
    assert listed.split("## Bitte prüfen")[1].count("\n5. ") == 1
    assert "\n6. " not in listed.split("## Bitte prüfen")[1]
    assert _structure(tmp_path / "neu") == [
        ("sprache", "Sprache", [("Kurse für alle", ["Kurse in jeder Stadt", "Kinderbetreuung"])]),
        ("arbeit", "Arbeit", [("Arbeit finden", ["Jobmessen"])]),
    ]
    # without any word for the levels: given on the command line
    plain = wg.document()
    for text, level in [("Felder", 1), ("Sprache", 2), ("Kurse für alle", 3), ("Kurse", 4)]:
        plain.add_heading(text, level)
    plain.save(tmp_path / "drei.docx")
    args = ["import", str(tmp_path / "drei.docx"), "--to", str(tmp_path / "drei")]
    given = run_cli(*args, "--ebenen", "handlungsfeld=2,ziel=3,massnahme=4")
    assert given.exit_code == 0, given.stderr
    assert _structure(tmp_path / "drei") == [
        ("sprache", "Sprache", [("Kurse für alle", ["Kurse"])])
    ]
    report = (tmp_path / "drei" / "import-bericht.md").read_text(encoding="utf-8")
    assert "(angegeben mit --ebenen)" in report


def test_nothing_is_overwritten_and_what_cannot_be_read_is_refused(
    run_cli: RunCli, tmp_path: Path
) -> None:
    source = _county_document(tmp_path / "konzept.docx")
    taken = tmp_path / "vorhanden"
    taken.mkdir()
    (taken / "notiz.txt").write_text("bleibt", encoding="utf-8")
    refused = run_cli("import", str(source), "--to", str(taken))
    assert refused.exit_code == 1
    assert "gibt es schon und ist nicht leer" in refused.stderr
    assert sorted(p.name for p in taken.iterdir()) == ["notiz.txt"]
    pdf = tmp_path / "konzept.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert "„konzept.pdf“ lässt sich nicht als PDF lesen" in run_cli(
        "import", str(pdf), "--to", str(tmp_path / "a")).stderr  # a damaged PDF  # fmt: skip
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"kein zip")
    assert "kein Word-Dokument (.docx) oder beschädigt" in run_cli(
        "import", str(broken), "--to", str(tmp_path / "b")).stderr  # fmt: skip
    bomb = tmp_path / "bombe.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    assert "entpackt sich auf ein Vielfaches" in run_cli(
        "import", str(bomb), "--to", str(tmp_path / "c")).stderr  # fmt: skip
    wrong = run_cli("import", str(source), "--to", str(tmp_path / "d"), "--ebenen", "feld=2")
    assert wrong.exit_code == 1 and "bitte als handlungsfeld=2,ziel=3,massnahme=4" in wrong.stderr
    assert not any((tmp_path / name).exists() for name in "abcd")


def test_the_sample_as_a_word_document_comes_back_whole(run_cli: RunCli, tmp_path: Path) -> None:
    """The round trip: the sample written as a county would have it in Word, imported."""
    from ikonzept.model.numbering import reading_order
    from tests.conftest import SAMPLE
    from tests.sample_docx import write

    original = validate(SAMPLE).konzept
    assert original is not None
    source = write(original, tmp_path / "integrationskonzept.docx")
    towns = ", ".join(k.name for k in original.kommunen)
    result = run_cli("import", str(source), "--to", str(tmp_path / "neu"), "--kommunen", towns,
                     "--herausgeber", original.herausgeber.name)  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    validation = validate(tmp_path / "neu")
    assert validation.findings == ()  # valid, and not even a warning
    imported = validation.konzept
    assert imported is not None

    def structure(k: Any) -> list[Any]:
        return [(f.titel, [(z.titel, [m.titel for m in z.massnahmen]) for z in f.ziele])
                for f in reading_order(k.handlungsfelder)]  # fmt: skip

    # every field, goal and measure with its exact title under the right parent
    assert structure(imported) == structure(original)
    shares = {
        "akteure": (len({a.name for a in imported.akteure} & {a.name for a in original.akteure})
                    / len(original.akteure)),
        "glossar": (len({(b.begriff, " ".join(b.erklaerung.split())) for b in imported.glossar}
                        & {(b.begriff, " ".join(b.erklaerung.split())) for b in original.glossar})
                    / len(original.glossar)),
        "abkuerzungen": (len({(a.kuerzel, a.bedeutung) for a in imported.abkuerzungen}
                             & {(a.kuerzel, a.bedeutung) for a in original.abkuerzungen})
                         / len(original.abkuerzungen)),
        "rechtsgrundlagen": (
            len({(r.titel, r.kurz, r.fundstelle) for r in imported.rechtsgrundlagen}
                & {(r.titel, r.kurz, r.fundstelle) for r in original.rechtsgrundlagen})
            / len(original.rechtsgrundlagen)),
    }  # fmt: skip
    assert shares == {"akteure": 1.0, "glossar": shares["glossar"], "abkuerzungen": 1.0,
                      "rechtsgrundlagen": 1.0}  # fmt: skip
    assert shares["glossar"] >= 0.95
    contacts = {a.name: a.kontakt for a in imported.akteure}
    assert all(contacts[a.name] == a.kontakt for a in original.akteure)


def test_bold_paragraphs_that_read_as_headings_are_headings(
    run_cli: RunCli, tmp_path: Path
) -> None:
    doc = wg.document()
    doc.add_heading("Handlungsfelder", 1)
    doc.add_heading("Sprache", 2)
    doc.add_paragraph("Die Lage ist schwierig.")
    doc.add_paragraph().add_run("Ziel 1: Kurse für alle").bold = True
    doc.add_paragraph("Kurse in jeder Stadt", style="List Bullet")
    emphasis = doc.add_paragraph()
    emphasis.add_run("Wichtig ist, dass niemand wartet.").bold = True  # a sentence: text
    doc.add_paragraph().add_run("Ziel 2: Beratung").bold = True
    doc.add_paragraph("Sprechstunden anbieten", style="List Bullet")
    doc.save(tmp_path / "fett.docx")
    result = run_cli("import", str(tmp_path / "fett.docx"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert _structure(tmp_path / "neu") == [
        ("sprache", "Sprache", [("Kurse für alle", ["Kurse in jeder Stadt"]),
                                ("Beratung", ["Sprechstunden anbieten"])]),
    ]  # fmt: skip
    field = (tmp_path / "neu" / "handlungsfelder" / "01-sprache.yaml").read_text(encoding="utf-8")
    assert 'beschreibung: "**Wichtig ist, dass niemand wartet.**"' in field
    report = (tmp_path / "neu" / "import-bericht.md").read_text(encoding="utf-8")
    assert "Absatz 4, fett gesetzt „Ziel 1: Kurse für alle“ (als Überschrift gelesen)" in report


def test_odt_and_doc_come_in_through_libreoffice(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.office import convert

    source = _county_document(tmp_path / "konzept.docx")
    expected = None
    for suffix in ("odt", "doc"):
        saved = convert(source, suffix, tmp_path / suffix, tmp_path / "profil")
        result = run_cli("import", str(saved), "--to", str(tmp_path / f"aus-{suffix}"))
        assert result.exit_code == 0, result.stdout + result.stderr
        structure = _structure(tmp_path / f"aus-{suffix}")
        expected = expected or structure
        assert structure == expected
        assert [title for _id, title, _goals in structure] == ["Sprache und Sprachförderung",
                                                               "Bildung"]  # fmt: skip
    import shutil

    monkeypatch.setattr(shutil, "which", lambda _name: None)
    missing = run_cli("import", str(tmp_path / "odt" / "konzept.odt"), "--to", str(tmp_path / "x"))
    assert missing.exit_code == 1
    assert "braucht ikonzept LibreOffice (soffice), das hier fehlt" in missing.stderr
    assert not (tmp_path / "x").exists()


def test_the_sample_as_a_pdf_keeps_its_measures_and_tables(run_cli: RunCli, tmp_path: Path) -> None:
    """The same Word document as the PDF LibreOffice writes (with bookmarks): its ruled
    tables of actors, glossary and abbreviations run over pages, with rows cut in two."""
    from ikonzept.model.numbering import reading_order
    from tests.conftest import SAMPLE
    from tests.office import convert
    from tests.sample_docx import write

    original = validate(SAMPLE).konzept
    assert original is not None
    pdf = convert(write(original, tmp_path / "konzept.docx"), "pdf", tmp_path / "pdf",
                  tmp_path / "profil")  # fmt: skip
    result = run_cli("import", str(pdf), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    imported = validate(tmp_path / "neu").konzept
    assert imported is not None

    def measures(k: Any) -> list[tuple[str, str, str]]:
        return [(f.titel, z.titel, m.titel) for f in reading_order(k.handlungsfelder)
                for z in f.ziele for m in z.massnahmen]  # fmt: skip

    found = set(measures(imported)) & set(measures(original))
    share = len(found) / len(measures(original))
    assert share >= 0.9, share  # measured: every one of the 81, under its goal and field
    assert share == 1.0
    field = tmp_path / "neu" / "handlungsfelder" / "01-sprache-und-sprachfoerderung.yaml"
    text = field.read_text(encoding="utf-8")
    assert "Seite " not in text  # no page furniture in the text
    report = (tmp_path / "neu" / "import-bericht.md").read_text(encoding="utf-8")
    # the place in a PDF is its page
    assert (
        "| Handlungsfeld | 1 | Sprache und Sprachförderung | 8.1 | Seite 8, Überschrift" in report
    )

    def same(key: Any, items: str) -> float:
        theirs = {key(x) for x in getattr(original, items)}
        return len({key(x) for x in getattr(imported, items)} & theirs) / len(theirs)

    # measured: all 47 actors with every contact (rows cut by a page break made whole,
    # words broken in narrow columns joined, addresses without spaces), 43/43 terms with
    # their explanations, 55/55 abbreviations, 8/8 legal bases
    assert same(lambda a: (a.name, a.kontakt), "akteure") == 1.0
    assert same(lambda b: (b.begriff, " ".join(b.erklaerung.split())), "glossar") == 1.0
    assert same(lambda a: (a.kuerzel, a.bedeutung), "abkuerzungen") == 1.0
    assert same(lambda r: (r.titel, r.kurz, r.fundstelle), "rechtsgrundlagen") == 1.0


def test_a_pdf_without_bookmarks_takes_its_headings_from_the_font_size(
    run_cli: RunCli, tmp_path: Path
) -> None:
    doc = wg.document()
    doc.add_heading("Integrationskonzept des Musterkreises", 0)
    doc.add_heading("Einleitung", 1)
    doc.add_paragraph("Das Konzept beschreibt die Integrationsarbeit im Kreis. " * 3)
    doc.add_heading("Handlungsfelder", 1)
    doc.add_heading("Sprache und Sprachförderung", 2)
    doc.add_paragraph("Viele warten lange auf einen Kurs.")
    doc.add_heading("Alle finden zeitnah einen Sprachkurs", 3)
    doc.add_heading("Eine Kursübersicht veröffentlichen", 4)
    doc.add_paragraph("Alle Kurse auf einer Seite.")
    doc.add_heading("Kinderbetreuung während der Kurse anbieten", 4)
    doc.add_heading("Bildung", 2)
    doc.add_paragraph("In den Schulen fehlen Plätze.")
    doc.add_heading("Seiteneinsteiger lernen schnell Deutsch", 3)
    doc.add_heading("Sprachförderung ausbauen", 4)
    doc.add_paragraph("Mehr Stunden für Deutsch als Zweitsprache.")
    source = tmp_path / "ohne-lesezeichen.docx"
    doc.save(source)
    from tests.office import convert

    no_bookmarks = 'writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"false"}}'
    pdf = convert(source, "pdf", tmp_path / "pdf", tmp_path / "profil", no_bookmarks)
    import pdfplumber
    from pdfminer.pdfdocument import PDFNoOutlines

    with pdfplumber.open(pdf) as opened, pytest.raises(PDFNoOutlines):
        list(opened.doc.get_outlines())  # no bookmarks
    result = run_cli("import", str(pdf), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    konzept = _yaml_file(tmp_path / "neu" / "konzept.yaml")
    assert konzept["titel"] == "Integrationskonzept des Musterkreises"  # the cover's line
    assert [k["titel"] for k in konzept["kapitel"]] == ["Einleitung"]
    assert _structure(tmp_path / "neu") == [
        ("sprache-und-sprachfoerderung", "Sprache und Sprachförderung", [
            ("Alle finden zeitnah einen Sprachkurs",
             ["Eine Kursübersicht veröffentlichen", "Kinderbetreuung während der Kurse anbieten"]),
        ]),
        ("bildung", "Bildung", [("Seiteneinsteiger lernen schnell Deutsch",
                                 ["Sprachförderung ausbauen"])]),
    ]  # fmt: skip


def test_a_pdf_without_text_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    import pikepdf

    scan = pikepdf.new()
    scan.add_blank_page()
    scan.save(tmp_path / "scan.pdf")
    result = run_cli("import", str(tmp_path / "scan.pdf"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 1
    assert "hat keine Textebene – wohl ein Scan" in result.stderr
    assert not (tmp_path / "neu").exists()


def _yaml_file(path: Path) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_glossary_abbreviations_and_laws_written_as_paragraphs(
    run_cli: RunCli, tmp_path: Path
) -> None:
    doc = _one_field(wg.document())
    doc.add_heading("Rechtliche Grundlagen", 1)
    doc.add_paragraph("Das Konzept stützt sich vor allem auf diese Gesetze.")
    doc.add_paragraph(
        "Aufenthaltsgesetz (AufenthG) in der Fassung der Bekanntmachung vom 25. Februar 2008 "
        "(BGBl. I S. 162)", style="List Bullet",
    )  # fmt: skip
    lead = doc.add_paragraph()
    lead.add_run("Schulgesetz für das Land Nordrhein-Westfalen (SchulG)").bold = True
    lead.add_run(" – regelt auch die Seiteneinsteiger.")
    doc.add_paragraph("Es gilt für alle Schulen im Land.")
    doc.add_heading("Teilhabe- und Integrationsgesetz (TIntG)", 2)
    doc.add_paragraph("Vom 14. Februar 2012 (GV. NRW. 2012 S. 97)")
    doc.add_paragraph("Grundlage der Kommunalen Integrationszentren.")
    doc.add_heading("Glossar", 1)
    doc.add_paragraph("Die wichtigsten Begriffe.")
    term = doc.add_paragraph()
    term.add_run("Seiteneinsteiger").bold = True
    term.add_run(" Kinder, die ohne Deutschkenntnisse in eine Schule kommen.")
    doc.add_paragraph("Duldung – Aussetzung der Abschiebung.")
    doc.add_paragraph("Sie ist kein Aufenthaltstitel.")
    doc.add_heading("Abkürzungen", 1)
    doc.add_paragraph("BAMF\tBundesamt für Migration und Flüchtlinge")
    doc.add_paragraph("KI: Kommunales Integrationszentrum")
    doc.add_paragraph("SGB II – Zweites Buch Sozialgesetzbuch")
    doc.save(tmp_path / "absaetze.docx")
    result = run_cli("import", str(tmp_path / "absaetze.docx"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    folder = tmp_path / "neu"
    assert _yaml_file(folder / "glossar.yaml") == [
        {"begriff": "Seiteneinsteiger",
         "erklaerung": "Kinder, die ohne Deutschkenntnisse in eine Schule kommen."},
        {"begriff": "Duldung",
         "erklaerung": "Aussetzung der Abschiebung.\n\nSie ist kein Aufenthaltstitel.\n"},
    ]  # fmt: skip
    assert _yaml_file(folder / "abkuerzungen.yaml") == [
        {"kuerzel": "BAMF", "bedeutung": "Bundesamt für Migration und Flüchtlinge"},
        {"kuerzel": "KI", "bedeutung": "Kommunales Integrationszentrum"},
        {"kuerzel": "SGB II", "bedeutung": "Zweites Buch Sozialgesetzbuch"},
    ]
    assert _yaml_file(folder / "rechtsgrundlagen.yaml") == [
        {"id": "aufenthaltsgesetz", "titel": "Aufenthaltsgesetz", "kurz": "AufenthG",
         "fundstelle": "In der Fassung der Bekanntmachung vom 25. Februar 2008 (BGBl. I S. 162)"},
        {"id": "schulg", "titel": "Schulgesetz für das Land Nordrhein-Westfalen",
         "kurz": "SchulG", "beschreibung": "regelt auch die Seiteneinsteiger.\n\nEs gilt für "
         "alle Schulen im Land.\n"},
        {"id": "teilhabe-und-integrationsgesetz", "titel": "Teilhabe- und Integrationsgesetz",
         "kurz": "TIntG", "fundstelle": "Vom 14. Februar 2012 (GV. NRW. 2012 S. 97)",
         "beschreibung": "Grundlage der Kommunalen Integrationszentren."},
    ]  # fmt: skip
    # the introductions stay chapters, nothing is lost
    konzept = _yaml_file(folder / "konzept.yaml")
    texts = {k["titel"]: k["text"] for k in konzept["kapitel"]}
    assert texts == {"Rechtliche Grundlagen": "Das Konzept stützt sich vor allem auf diese "
                     "Gesetze.", "Glossar": "Die wichtigsten Begriffe."}  # fmt: skip
    assert validate(folder).findings == ()
    report = (folder / "import-bericht.md").read_text(encoding="utf-8")
    assert "2 Glossarbegriffe, 3 Abkürzungen und 3 Rechtsgrundlagen." in report


def test_actor_tables_with_merged_cells_and_the_town_from_the_address(
    run_cli: RunCli, tmp_path: Path
) -> None:
    doc = wg.document()
    doc.add_heading("Akteure", 1)
    rows = [
        ["Name", "Anschrift", "Telefon", "Ansprechperson"],
        ["Beratung", "", "", ""],  # a group's label, merged across the table
        ["Caritas Beratungsstelle", "Holtwicker Straße 1, 48653 Coesfeld-Lette", "02541 1", ""],
        ["Caritas Sprachcafé", "", "02541 2", "Erika Muster"],  # the address merged from above
        ["Netzwerk Coesfelder Straße", "Coesfelder Straße 3, 48249 Dülmen", "", ""],
        ["Verein ohne Ort", "Postfach 12", "", ""],
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 3))
    table.cell(2, 1).merge(table.cell(3, 1))
    doc.add_heading("Glossar", 1)
    glossary = doc.add_table(rows=3, cols=2)
    for (r, c), text in {(0, 0): "Begriff", (0, 1): "Erklärung", (1, 0): "A",
                         (2, 0): "Asyl", (2, 1): "Schutz vor Verfolgung."}.items():  # fmt: skip
        glossary.cell(r, c).text = text
    glossary.cell(1, 0).merge(glossary.cell(1, 1))  # the letter across the table
    doc.save(tmp_path / "akteure.docx")
    result = run_cli("import", str(tmp_path / "akteure.docx"), "--to", str(tmp_path / "neu"),
                     "--kommunen", "Coesfeld, Dülmen")  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    folder = tmp_path / "neu"
    actors = {a["name"]: a for a in map(_yaml_file, sorted((folder / "akteure").glob("*.yaml")))}
    assert sorted(actors) == ["Caritas Beratungsstelle", "Caritas Sprachcafé",
                              "Netzwerk Coesfelder Straße", "Verein ohne Ort"]  # fmt: skip
    assert actors["Caritas Sprachcafé"]["kontakt"] == {
        "anschrift": "Holtwicker Straße 1, 48653 Coesfeld-Lette", "telefon": "02541 2"
    }  # fmt: skip
    assert actors["Caritas Sprachcafé"]["ansprechpersonen"] == [
        {"name": "Erika Muster", "veroeffentlichen": False}
    ]
    towns = {name: actor.get("kommunen") for name, actor in actors.items()}
    assert towns == {
        "Caritas Beratungsstelle": ["coesfeld"],
        "Caritas Sprachcafé": ["coesfeld"],
        "Netzwerk Coesfelder Straße": ["duelmen"],
        "Verein ohne Ort": None,
    }
    assert _yaml_file(folder / "glossar.yaml") == [
        {"begriff": "Asyl", "erklaerung": "Schutz vor Verfolgung."}
    ]
    report = (folder / "import-bericht.md").read_text(encoding="utf-8")
    assert "3 Akteuren ist die Kommune aus ihrer Anschrift zugeordnet" in report
    assert validate(folder).findings == ()


def test_pictures_and_text_boxes_are_taken_with_their_words(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from PIL import Image

    Image.new("RGB", (40, 20), "navy").save(tmp_path / "karte.png")
    Image.new("RGB", (40, 20), "red").save(tmp_path / "foto.tif")
    doc = wg.document()
    doc.add_heading("Ausgangslage", 1)
    doc.add_paragraph("Der Kreis hat elf Städte und Gemeinden.")
    described = doc.add_picture(str(tmp_path / "karte.png"))
    described._inline.docPr.set("descr", "Karte des Kreises [mit] seinen Kommunen")
    doc.add_picture(str(tmp_path / "karte.png"))  # no description
    doc.add_picture(str(tmp_path / "foto.tif"))  # a format no PDF shows
    wg.text_box(doc.add_paragraph("Mehr dazu im Kasten."), ["Info: 11 Kommunen", "Stand 2016"])
    doc.save(tmp_path / "bilder.docx")
    result = run_cli("import", str(tmp_path / "bilder.docx"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    folder = tmp_path / "neu"
    assert sorted(p.name for p in (folder / "bilder").iterdir()) == [
        "abbildung-1.png", "abbildung-2.png"
    ]  # fmt: skip
    assert (folder / "bilder" / "abbildung-1.png").read_bytes() == (
        tmp_path / "karte.png"
    ).read_bytes()
    texts = {k["titel"]: k["text"] for k in _yaml_file(folder / "konzept.yaml")["kapitel"]}
    assert texts["Ausgangslage"].split("\n\n") == [
        "Der Kreis hat elf Städte und Gemeinden.",
        "![Karte des Kreises \\[mit\\] seinen Kommunen](bilder/abbildung-1.png)",
        "![Abbildung 2 aus dem Dokument (ohne Beschreibung)](bilder/abbildung-2.png)",
        "Mehr dazu im Kasten.",
        "Info: 11 Kommunen",  # a text box's lines after its paragraph, once (not its fallback)
        "Stand 2016\n",
    ]
    report = (folder / "import-bericht.md").read_text(encoding="utf-8")
    assert "Ein Bild hat im Dokument keine Beschreibung; sein Alternativtext sagt das nur: " \
        "bilder/abbildung-2.png (Absatz 4)." in report  # fmt: skip
    assert "Nicht übernommen – Absatz 5: ein Bild im Format TIF, das PDF und Webseite " \
        "nicht zeigen: bitte als PNG oder SVG einfügen." in report  # fmt: skip
    assert "VML" not in report  # the text box's fallback for old readers is not read
    assert validate(folder).findings == ()  # the pictures are where the texts say


def _pdf_lines(pdf: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        return [line["text"] for line in opened.pages[0].extract_text_lines()]


def test_a_pdfs_lists_are_lists_and_measures_under_a_goal(run_cli: RunCli, tmp_path: Path) -> None:
    from tests.office import convert

    doc = wg.document()
    doc.add_heading("Handlungsfeld 1: Sprache", 1)
    # LibreOffice breaks this paragraph before „2. Mai“: a line that opens with a number
    doc.add_paragraph("Die Träger der Kurse haben sich im Frühjahr mehrmals getroffen, zuletzt "
                      "am 2. Mai, und werden sich im Herbst treffen.")  # fmt: skip
    doc.add_heading("Ziel 1.1: Kurse für alle", 2)
    doc.add_paragraph("Kurse in jeder Stadt anbieten, so viele, dass eine Zeile sicher nicht "
                      "reicht und umbricht", style="List Bullet")  # fmt: skip
    doc.add_paragraph("Kinderbetreuung", style="List Bullet")
    doc.add_paragraph("Sprachcafés öffnen", style="List Number")
    doc.add_paragraph("Ein Absatz nach der Liste.")
    doc.save(tmp_path / "listen.docx")
    pdf = convert(tmp_path / "listen.docx", "pdf", tmp_path / "pdf", tmp_path / "profil")
    result = run_cli("import", str(pdf), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0].endswith(
        ": 1 Handlungsfeld, 1 Ziel, 3 Maßnahmen, 0 Kapitel."
    )
    assert _structure(tmp_path / "neu") == [
        ("sprache", "Sprache", [("Kurse für alle", [
            "Kurse in jeder Stadt anbieten, so viele, dass eine Zeile sicher nicht reicht und "
            "umbricht", "Kinderbetreuung", "Sprachcafés öffnen"])]),
    ]  # fmt: skip
    field = _yaml_file(tmp_path / "neu" / "handlungsfelder" / "01-sprache.yaml")
    assert field["ziele"][0]["beschreibung"] == "Ein Absatz nach der Liste."
    # a line of running text that opens with a number is not a list
    assert "zuletzt am 2. Mai, und" in " ".join(field["ausgangslage"].split())
    text = _pdf_lines(pdf)
    assert "zuletzt am" in text[1] and text[2].startswith("2. Mai, und")


def test_a_pdfs_pictures_come_as_files_in_their_place(run_cli: RunCli, tmp_path: Path) -> None:
    """Photos as JPEG, drawings as PNG (grey and with transparency too) in reading order;
    the logo of the running head, a small ornament and a CMYK picture are not taken."""
    import io

    import weasyprint
    from PIL import Image

    folder = tmp_path / "quelle"
    folder.mkdir()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(folder / "rot.png")
    Image.new("RGB", (100, 60), (30, 30, 200)).save(folder / "foto.jpg", quality=95)
    Image.new("L", (100, 60), 128).save(folder / "grau.png")
    Image.new("RGBA", (100, 60), (0, 200, 0, 128)).save(folder / "halb.png")
    Image.new("CMYK", (100, 60), (0, 0, 0, 255)).save(folder / "druck.jpg")
    Image.new("RGB", (80, 40), (0, 0, 0)).save(folder / "logo.png")
    Image.new("RGB", (8, 8), (0, 0, 0)).save(folder / "punkt.png")
    pages = "".join(
        f"<h2>Kapitel {n}</h2><p>Text auf Seite {n}.</p>"
        + ('<p>Vor dem Bild.</p><img src="rot.png" alt="Rot"><p>Nach dem Bild.</p>'
           '<img src="foto.jpg"><img src="grau.png"><img src="halb.png"><img src="druck.jpg">'
           '<img src="punkt.png" style="width: 6pt">' if n == 2 else "")
        + ('<img src="foto.jpg">' if n == 3 else "")  # the same photo again
        for n in range(1, 5)
    )  # fmt: skip
    html = (
        "<html lang='de'><head><style>@page { margin: 30mm 20mm; @top-left { content: "
        "url(logo.png); } } h2 { break-before: page; } img { display: block; width: 60pt }"
        "</style></head><body><h1>Integrationskonzept</h1>" + pages + "</body></html>"
    )
    source = tmp_path / "konzept.pdf"
    weasyprint.HTML(string=html, base_url=f"{folder}/").write_pdf(source)
    result = run_cli("import", str(source), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    target = tmp_path / "neu"
    assert sorted(p.name for p in (target / "bilder").iterdir()) == [
        "abbildung-1.png", "abbildung-2.jpg", "abbildung-3.png", "abbildung-4.png",
        "abbildung-5.jpg"]  # fmt: skip
    first = Image.open(target / "bilder" / "abbildung-1.png")
    assert (first.mode, first.size, first.getpixel((5, 5))) == ("RGB", (120, 80), (200, 30, 30))
    taken = target / "bilder"
    assert (taken / "abbildung-2.jpg").read_bytes() == (folder / "foto.jpg").read_bytes()
    assert (taken / "abbildung-5.jpg").read_bytes() == (folder / "foto.jpg").read_bytes()
    assert Image.open(taken / "abbildung-3.png").getpixel((5, 5)) == 128
    half = Image.open(io.BytesIO((taken / "abbildung-4.png").read_bytes()))
    assert half.getpixel((5, 5)) == (0, 200, 0, 128)
    text = (target / "konzept.yaml").read_text(encoding="utf-8")
    image = "![Abbildung 1 aus dem Dokument (ohne Beschreibung)](bilder/abbildung-1.png)"
    before, picture, after = (text.index(s) for s in ("Vor dem Bild.", image, "Nach dem Bild."))
    assert before < picture < after
    report = (target / "import-bericht.md").read_text(encoding="utf-8")
    assert "bilder/abbildung-1.png (Seite 3)" in report  # the title has a page of its own
    assert "Nicht übernommen – Seite 3: ein Bild als JPEG in einer Form" in report
    assert report.count("Nicht übernommen") == 1  # the logo and the dot are furniture
    assert list(validate(target).findings) == []


def test_a_pdf_picture_too_large_to_unpack_is_named_not_decoded(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint
    from PIL import Image

    from ikonzept.importer import pdfpictures

    Image.new("RGB", (120, 80), (200, 30, 30)).save(tmp_path / "gross.png")
    html = "<html><body><h1>Konzept</h1><p>Text.</p><img src='gross.png'></body></html>"
    weasyprint.HTML(string=html, base_url=f"{tmp_path}/").write_pdf(tmp_path / "k.pdf")
    monkeypatch.setattr(pdfpictures, "LARGEST", 9_000)  # 120 × 80 = 9,600
    result = run_cli("import", str(tmp_path / "k.pdf"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert not (tmp_path / "neu" / "bilder").exists()
    report = (tmp_path / "neu" / "import-bericht.md").read_text(encoding="utf-8")
    assert "Seite 1: ein Bild mit 120 × 80 Bildpunkten, zu groß zum Übernehmen" in report


def test_a_logo_above_the_pdfs_cover_title_keeps_the_title(run_cli: RunCli, tmp_path: Path) -> None:
    import weasyprint
    from PIL import Image

    Image.new("RGB", (160, 80), (20, 60, 120)).save(tmp_path / "wappen.png")
    html = (
        "<html lang='de'><body><img src='wappen.png' style='width: 80pt'>"
        "<p style='font-size: 30pt'>Integrationskonzept des Musterkreises</p>"
        "<h2 style='break-before: page'>Einleitung</h2><p>Der Kreis stellt sich vor.</p>"
        "<h2>Sprache</h2><p>Kurse für alle.</p></body></html>"
    )
    weasyprint.HTML(string=html, base_url=f"{tmp_path}/").write_pdf(tmp_path / "k.pdf")
    result = run_cli("import", str(tmp_path / "k.pdf"), "--to", str(tmp_path / "neu"))
    assert result.exit_code == 0, result.stdout + result.stderr
    konzept = _yaml_file(tmp_path / "neu" / "konzept.yaml")
    assert konzept["titel"] == "Integrationskonzept des Musterkreises"
    assert (tmp_path / "neu" / "bilder" / "abbildung-1.png").is_file()
