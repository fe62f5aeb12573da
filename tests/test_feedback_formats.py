"""Feedback forms in the formats our users' offices save: Excel (.xlsx) and OpenDocument
(.ods), written by us, filled and saved by LibreOffice, and refused with directions when
they are anything else."""

from __future__ import annotations

import difflib
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from ikonzept.round.feedback import ods_read, xlsx
from tests.conftest import SAMPLE, RunCli
from tests.forms import fill, fill_ods
from tests.office import convert

FELD = "handlungsfelder/01-sprache.yaml"
VHS = {
    "sprachkurs-koordination": ("umgesetzt", None, "Online-Übersicht seit 2018."),
    "alphabetisierungskurse": ("Entfallen", "Genug Kurse: die VHS decken den Bedarf.", None),
}
PROPOSAL = ("1 Sprache und Sprachförderung", "Berufssprachkurse in Teilzeit", "Jobcenter", None)
CHANGED = [
    "+        stand: umgesetzt",
    "+        stand: entfallen",
    '+        stand_begruendung: "Genug Kurse: die VHS decken den Bedarf."',
]


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    folder = tmp_path / "konzept"
    shutil.copytree(SAMPLE, folder)
    return folder


def _export(run_cli: RunCli, concept: Path, fmt: str) -> Path:
    out = concept.parent / f"boegen-{fmt}"
    result = run_cli("feedback", "export", str(concept), "-o", str(out), "--format", fmt,
                     "--bis", "2017-03-31", "--today", "2017-02-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def _changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _imports(run_cli: RunCli, concept: Path, form: Path) -> None:
    """The filled form changes exactly the two stand lines and reports the proposal."""
    work = concept.parent / f"konzept-{form.parent.name}-{form.suffix[1:]}"
    shutil.copytree(concept, work)
    before = (work / FELD).read_text(encoding="utf-8")
    result = run_cli("feedback", "import", str(work), str(form), "--today", "2017-03-20")
    assert result.exit_code == 0, result.stderr
    assert "1 Bogen gelesen; 2 Stände geändert." in result.stdout
    assert _changed(before, (work / FELD).read_text(encoding="utf-8")) == CHANGED
    report = (work / "rueckmeldungen" / "bericht-2017-03-20.md").read_text(encoding="utf-8")
    assert "Berufssprachkurse in Teilzeit – Beteiligte: Jobcenter" in report
    assert "(Anmerkung): Online-Übersicht seit 2018." in report


def test_an_ods_form_holds_what_the_xlsx_form_holds(run_cli: RunCli, concept: Path) -> None:
    as_xlsx = _export(run_cli, concept, "xlsx") / "vhs-coesfeld.xlsx"
    as_ods = _export(run_cli, concept, "ods") / "vhs-coesfeld.ods"
    expected = xlsx.read(as_xlsx)
    assert expected.sheets["Maßnahmen"][1][:5] == (
        "sprachkurs-koordination", "1.1.1", "Kreisweite Koordinierung der Sprachkursangebote "
        "aufbauen", "kreisweit", "offen",
    )  # fmt: skip
    assert ods_read.read(as_ods) == expected
    runde = (concept / "rueckmeldungen" / "runde.yaml").read_text(encoding="utf-8")
    assert "datei: vhs-coesfeld.ods" in runde


def test_the_same_concept_gives_the_same_ods_bytes(run_cli: RunCli, concept: Path) -> None:
    first = (_export(run_cli, concept, "ods") / "vhs-coesfeld.ods").read_bytes()
    again = concept.parent / "nochmal"
    run_cli("feedback", "export", str(concept), "-o", str(again), "-f", "ods", "-q",
            "--today", "2017-02-01", "--bis", "2017-03-31")  # fmt: skip
    assert (again / "vhs-coesfeld.ods").read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED


def test_a_filled_ods_form_imports(run_cli: RunCli, concept: Path) -> None:
    form = _export(run_cli, concept, "ods") / "vhs-coesfeld.ods"
    _imports(run_cli, concept, fill_ods(form, VHS, [PROPOSAL]))


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice-profil")


@pytest.mark.slow
@pytest.mark.parametrize("exported", ["xlsx", "ods"])
def test_forms_saved_by_libreoffice_import(
    run_cli: RunCli, concept: Path, profile: Path, exported: str
) -> None:
    """A form filled in, then opened and saved by LibreOffice Calc as .ods and as .xlsx."""
    form = _export(run_cli, concept, exported) / f"vhs-coesfeld.{exported}"
    filled = (fill if exported == "xlsx" else fill_ods)(form, VHS, [PROPOSAL])
    for suffix in ("ods", "xlsx"):
        saved = convert(filled, suffix, concept.parent / f"libreoffice-{exported}", profile)
        _imports(run_cli, concept, saved)


@pytest.mark.slow
def test_libreoffice_keeps_the_protection_and_choices_of_an_ods_form(
    run_cli: RunCli, concept: Path, profile: Path
) -> None:
    """What LibreOffice makes of our ODF, read back from its own .xlsx."""
    from openpyxl import load_workbook

    form = _export(run_cli, concept, "ods") / "vhs-coesfeld.ods"
    book = load_workbook(convert(form, "xlsx", concept.parent / "lo", profile))
    assert book.sheetnames == ["Hinweise", "Maßnahmen", "Neue Vorschläge"]
    assert book.active.title == "Maßnahmen"
    sheet = book["Maßnahmen"]
    assert sheet.protection.sheet and book["Hinweise"].protection.sheet
    assert [sheet.cell(2, i).protection.locked for i in range(1, 9)] == [True] * 5 + [False] * 3
    (choices,) = sheet.data_validations.dataValidation
    assert str(choices.sqref) == "F2:F9" and choices.showErrorMessage
    assert "in Umsetzung" in choices.formula1 and "entfallen" in choices.formula1
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    assert str(sheet.print_area).endswith("$B$1:$H$9")
    properties = {p.name: p.value for p in book.custom_doc_props.props}
    assert properties["ikonzept-empfaenger"] == "vhs-coesfeld"


def _zip(path: Path, parts: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _problem(run_cli: RunCli, concept: Path, *files: Path) -> str:
    before = {p: p.read_bytes() for p in concept.rglob("*") if p.is_file()}
    result = run_cli("feedback", "import", str(concept), *map(str, files))
    assert result.exit_code == 1
    assert "nichts wurde geändert" in result.stderr
    assert {p: p.read_bytes() for p in concept.rglob("*") if p.is_file()} == before
    return result.stderr


HOW = "Angenommen werden .xlsx und .ods. In LibreOffice: Datei → Speichern unter … → Dateityp"


def test_other_formats_are_refused_with_how_to_save_a_form(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    files = {
        "alt.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "liste.csv": b"ID;Stand neu\nsprachkurs-koordination;umgesetzt\n",
        "bogen.xlsx": b"Sehr geehrte Damen und Herren",
        "flach.fods": b'<?xml version="1.0"?><office:document/>',
    }
    paths = [tmp_path / name for name in files]
    for path in paths:
        path.write_bytes(files[path.name])
    paths.append(_zip(tmp_path / "apple.numbers", {"Index/Document.iwa": b"x"}))
    paths.append(
        _zip(tmp_path / "brief.odt", {"mimetype": "application/vnd.oasis.opendocument.text"})
    )
    message = _problem(run_cli, concept, *paths)
    expected = {
        "alt.xls": "Das ist eine Arbeitsmappe im alten Excel-Format (.xls) oder eine mit Kennwort",
        "liste.csv": "Das ist eine Textdatei (CSV)",
        "bogen.xlsx": "Das ist keine Tabellenkalkulationsdatei.",
        "flach.fods": "Das ist ein Tabellendokument als einzelne XML-Datei (.fods).",
        "apple.numbers": "Das ist eine Numbers-Tabelle (Apple).",
        "brief.odt": "Das ist ein ODF-Dokument, aber kein Tabellendokument",
    }
    for name, what in expected.items():
        assert f"{name}: {what}" in message, name
    assert message.count(HOW) == len(expected)


def test_ods_forms_with_macros_or_bombs_are_refused(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    form = _export(run_cli, concept, "ods") / "vhs-coesfeld.ods"
    with zipfile.ZipFile(form) as archive:
        parts: dict[str, bytes | str] = {n: archive.read(n) for n in archive.namelist()}
    basic = _zip(tmp_path / "basic.ods", {**parts, "Basic/Standard/Module1.xml": "<module/>"})
    content = str(parts["content.xml"], "utf-8").replace(
        "<office:body>",
        '<office:event-listeners><script:event-listener script:language="ooo:script" '
        'xlink:href="vnd.sun.star.script:Standard.Module1.Main"/></office:event-listeners>'
        "<office:body>",
    )
    events = _zip(tmp_path / "ereignis.ods", {**parts, "content.xml": content})
    bomb = _zip(tmp_path / "bombe.ods", {**parts, "content.xml": b" " * (60 * 1024 * 1024)})
    message = _problem(run_cli, concept, basic, events, bomb)
    assert "basic.ods: Die Datei enthält Makros oder Skripte" in message
    assert "ereignis.ods: Die Datei enthält Makros oder Skripte" in message
    assert "bombe.ods: Die Datei entpackt sich auf ein Vielfaches ihrer Größe" in message


def test_export_is_quiet_when_asked(run_cli: RunCli, concept: Path) -> None:
    result = run_cli("feedback", "export", str(concept), "-o", str(concept.parent / "b"), "-q")
    assert result.exit_code == 0 and result.stdout == ""
    assert len(list((concept.parent / "b").glob("*.xlsx"))) == 46


def test_import_is_quiet_when_asked(run_cli: RunCli, concept: Path) -> None:
    form = fill_ods(_export(run_cli, concept, "ods") / "vhs-coesfeld.ods", VHS)
    before = (concept / FELD).read_text(encoding="utf-8")
    result = run_cli("feedback", "import", str(concept), str(form), "-q", "--today", "2017-03-20")
    assert result.exit_code == 0 and result.stdout == ""
    assert _changed(before, (concept / FELD).read_text(encoding="utf-8")) == CHANGED


# Every refusal of an untrusted file, word for word, and the edges of its limits (found
# missing by `make mutation`).


def _refusal(path: Path) -> str:
    from ikonzept.round.feedback.book import Refused, open_book

    with pytest.raises(Refused) as refused:
        open_book(path)
    return str(refused.value)


def _stored(path: Path, parts: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_each_refusal_says_what_the_file_is(tmp_path: Path) -> None:
    from ikonzept.round.feedback.book import HOW_TO_SAVE

    def file(name: str, data: bytes) -> Path:
        (tmp_path / name).write_bytes(data)
        return tmp_path / name

    cases = {
        tmp_path / "fehlt.xlsx": "Die Datei gibt es nicht oder sie ist nicht lesbar.",
        file("liste.TSV", b"a\tb\n"): "Das ist eine Textdatei (CSV); darin fehlen die Angaben, "
        "zu welchem Konzept der Bogen gehört. Bitte den Bogen selbst ausfüllen und speichern. "
        + HOW_TO_SAVE,
        file("notiz.txt", b"Stand: umgesetzt"): "Das ist eine Textdatei (CSV)",
        file("export.xml", b' \n\t<?xml version="1.0"?><office:document/>'):
            "Das ist ein Tabellendokument als einzelne XML-Datei (.fods). " + HOW_TO_SAVE,
        file("leer.FODS", b""): "Das ist ein Tabellendokument als einzelne XML-Datei (.fods).",
        file("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"): "Das ist eine Arbeitsmappe im "
        "alten Excel-Format (.xls) oder eine mit Kennwort geschützte. Bitte ohne Kennwort neu "
        "speichern. " + HOW_TO_SAVE,
        file("kaputt.xlsx", b"PK\x03\x04" + b"\x00" * 40): "Die Datei ist beschädigt. "
        + HOW_TO_SAVE,
        _zip(tmp_path / "brief.docx", {"[Content_Types].xml": "<Types/>", "word/a.xml": "x"}):
            "Das ist ein Office-Dokument, aber keine Arbeitsmappe. " + HOW_TO_SAVE,
        _zip(tmp_path / "archiv.zip", {"bogen.txt": "x"}):
            "Das ist ein ZIP-Archiv, keine Tabelle. " + HOW_TO_SAVE,
        _zip(tmp_path / "seltsam.ods", {"mimetype": b"application/\xff\xfe"}):
            "Das ist ein ODF-Dokument, aber kein Tabellendokument (application/\ufffd\ufffd). "
            + HOW_TO_SAVE,
        _zip(tmp_path / "leer.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "x"}):
            "Die Datei lässt sich nicht als Tabelle lesen (beschädigt?). " + HOW_TO_SAVE,
    }  # fmt: skip
    for path, message in cases.items():
        assert _refusal(path).startswith(message), path.name


def test_the_size_limit_is_the_limit(tmp_path: Path) -> None:
    from ikonzept.round.feedback.book import MAX_FILE_BYTES

    at_limit = tmp_path / "gross.xlsx"
    at_limit.write_bytes(b"PK\x03\x04".ljust(MAX_FILE_BYTES, b"\x00"))
    assert _refusal(at_limit).startswith("Die Datei ist beschädigt.")  # past the size check
    over = tmp_path / "zu-gross.xlsx"
    over.write_bytes(b"PK\x03\x04".ljust(MAX_FILE_BYTES + 1, b"\x00"))
    assert _refusal(over) == (
        f"Die Datei ist {(MAX_FILE_BYTES + 1) // 1024} kB groß; ein Rückmeldebogen hat "
        "höchstens einige hundert kB."
    )


def test_one_part_that_unpacks_to_a_multiple_is_a_bomb(tmp_path: Path) -> None:
    """Small in total, but one part of more than 1 MB packed more than 200 to 1."""
    types = {"[Content_Types].xml": "<Types/>"}
    bomb = _zip(tmp_path / "bombe.xlsx", {**types, "xl/sharedStrings.xml": b" " * (1 << 21)})
    assert _refusal(bomb) == "Die Datei entpackt sich auf ein Vielfaches ihrer Größe; abgelehnt."
    # exactly 1 MB packed tightly, or 2 MB not packed at all: not a bomb (the table is empty)
    small = _zip(tmp_path / "klein.xlsx", {**types, "xl/sharedStrings.xml": b" " * (1 << 20)})
    stored = _stored(tmp_path / "roh.xlsx", {**types, "xl/sharedStrings.xml": b" " * (1 << 21)})
    for path in (small, stored):
        assert _refusal(path).startswith("Die Datei lässt sich nicht als Tabelle lesen"), path
