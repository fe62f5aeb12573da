"""Feedback forms: export for the actors, import what comes back, follow the round."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import SAMPLE, SAMPLE_TODAY, RunCli
from tests.forms import fill

FELD = "handlungsfelder/01-sprache.yaml"
COLUMNS = ["ID", "Nr.", "Maßnahme", "Wo", "Stand bisher", "Stand neu", "Begründung", "Anmerkung"]


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    folder = tmp_path / "konzept"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def forms(run_cli: RunCli, concept: Path) -> Path:
    out = concept.parent / "boegen"
    result = run_cli(
        "feedback",
        "export",
        str(concept),
        "-o",
        str(out),
        "--bis",
        "2017-03-31",
        "--today",
        "2017-02-01",
    )
    assert result.exit_code == 0, result.stderr
    assert "46 Rückmeldebögen mit 246 Maßnahmen" in result.stdout
    return out


def test_a_form_per_actor_with_exactly_its_measures(forms: Path) -> None:
    book = load_workbook(forms / "vhs-coesfeld.xlsx")
    assert book.sheetnames == ["Hinweise", "Maßnahmen", "Neue Vorschläge"]
    sheet = book["Maßnahmen"]
    assert [c.value for c in sheet[1]] == COLUMNS
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "sprachkurs-koordination" in ids and len(ids) == len(set(ids))
    first = [c.value for c in sheet[2]]
    assert first[1] == "1.1.1" and first[3] == "kreisweit" and first[4] == "offen"
    # Only the input columns can be edited; Stand neu offers the status words.
    assert sheet.protection.sheet
    assert [sheet.cell(2, i).protection.locked for i in range(1, 9)] == [True] * 5 + [False] * 3
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref).startswith("F2:F")
    assert "in Umsetzung" in validation.formula1 and "entfallen" in validation.formula1
    # Readable and printable: widths, wrapped text, A4 landscape, header row on every page.
    assert sheet.column_dimensions["C"].width >= 40 and sheet.cell(2, 3).alignment.wrap_text
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$1:$1"
    hints = " ".join(str(c.value) for c in book["Hinweise"]["A"] if c.value)
    assert "bis zum 31.03.2017" in hints and "Stand neu" in hints


def test_the_round_remembers_who_was_asked(run_cli: RunCli, concept: Path, forms: Path) -> None:
    text = (concept / "rueckmeldungen" / "runde.yaml").read_text(encoding="utf-8")
    assert "stichtag: 2017-03-31" in text and "- empfaenger: vhs-coesfeld" in text
    result = run_cli("feedback", "status", str(concept))
    assert "0 von 46 Bögen zurück" in result.stdout
    assert "Volkshochschule Coesfeld – " in result.stdout and "@" in result.stdout
    strict = run_cli("validate", str(concept), "--strict", "--today", SAMPLE_TODAY)
    assert strict.exit_code == 0  # the round file is not a concept file


def test_a_damaged_round_file_is_explained_not_a_crash(run_cli: RunCli, concept: Path) -> None:
    runde = concept / "rueckmeldungen" / "runde.yaml"
    runde.parent.mkdir()
    for text, reason in [
        ("stichtag: 2017-02-30\nanfragen: []\n", "ein Datum ist ungültig"),
        ("stichtag: '2017-02-30'\nanfragen: []\n", "„2017-02-30“ ist kein gültiges Datum"),
    ]:
        runde.write_text(text, encoding="utf-8")
        result = run_cli("feedback", "status", str(concept))
        assert result.exit_code == 1, result.stderr
        assert f"rueckmeldungen/runde.yaml lässt sich nicht lesen ({reason})" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    runde.write_bytes("stichtag: 2017-02-01  # Frist für Rückläufer\n".encode("cp1252"))
    result = run_cli("feedback", "status", str(concept))
    assert "lässt sich nicht lesen (sie ist nicht in UTF-8 gespeichert)" in result.stderr


def _answers(forms: Path) -> list[Path]:
    return [
        fill(
            forms / "vhs-coesfeld.xlsx",
            {
                "sprachkurs-koordination": ("umgesetzt", None, "Online-Übersicht seit 2018."),
                "alphabetisierungskurse": (
                    "Entfallen",
                    "Genug Kurse: die VHS decken den Bedarf.",
                    None,
                ),
            },
            [("1 Sprache und Sprachförderung", "Berufssprachkurse in Teilzeit", "Jobcenter", None)],
        ),
        fill(
            forms / "vhs-luedinghausen.xlsx", {"sprachkurs-koordination": ("Umgesetzt", None, None)}
        ),
    ]


def test_import_changes_the_stand_lines_and_writes_the_report(
    run_cli: RunCli, concept: Path, forms: Path
) -> None:
    before = (concept / FELD).read_text(encoding="utf-8")
    result = run_cli(
        "feedback", "import", str(concept), *map(str, _answers(forms)), "--today", "2017-03-20"
    )
    assert result.exit_code == 0, result.stderr
    assert "2 Bögen gelesen; 2 Stände geändert." in result.stdout
    after = (concept / FELD).read_text(encoding="utf-8")
    import difflib

    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "+        stand: umgesetzt",
        "+        stand: entfallen",
        '+        stand_begruendung: "Genug Kurse: die VHS decken den Bedarf."',
    ]
    report = (concept / "rueckmeldungen" / "bericht-2017-03-20.md").read_text(encoding="utf-8")
    assert "**Volkshochschule Coesfeld** (Anmerkung): Online-Übersicht seit 2018." in report
    assert "Berufssprachkurse in Teilzeit – Beteiligte: Jobcenter" in report
    assert (
        "| 1.1.1 Kreisweite Koordinierung der Sprachkursangebote aufbauen | offen | "
        "umgesetzt |" in report
    )
    status = run_cli("feedback", "status", str(concept)).stdout
    assert "2 von 46 Bögen zurück" in status and "Volkshochschule Coesfeld –" not in status
    view = run_cli("status", str(concept), "--format", "json").stdout
    assert '"runde_offen": true' in view and '"nicht_gemeldet"' in view
    assert run_cli("validate", str(concept)).exit_code == 0


def test_import_into_windows_files_keeps_their_line_endings(
    run_cli: RunCli, concept: Path, forms: Path
) -> None:
    for name in (FELD, "rueckmeldungen/runde.yaml"):
        path = concept / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli(
        "feedback", "import", str(concept), *map(str, _answers(forms)), "--today", "2017-03-20"
    )
    assert result.exit_code == 0, result.stderr
    for name in (FELD, "rueckmeldungen/runde.yaml"):
        data = (concept / name).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n"), name
    assert (
        b"\r\n  zurueck: 2017-03-20\r\n  massnahmen:"
        in (concept / "rueckmeldungen/runde.yaml").read_bytes()
    )
    assert "2 von 46 Bögen zurück" in run_cli("feedback", "status", str(concept)).stdout


def test_dry_run_changes_nothing(run_cli: RunCli, concept: Path, forms: Path) -> None:
    files = _answers(forms)
    before = {p: p.read_bytes() for p in concept.rglob("*") if p.is_file()}
    result = run_cli("feedback", "import", str(concept), *map(str, files), "--dry-run")
    assert result.exit_code == 0
    assert "2 Stände würden sich ändern." in result.stdout
    assert {p: p.read_bytes() for p in concept.rglob("*") if p.is_file()} == before


def test_conflicting_forms_leave_the_measure_as_it_was(
    run_cli: RunCli, concept: Path, forms: Path
) -> None:
    one = fill(
        forms / "vhs-coesfeld.xlsx",
        {"alphabetisierungskurse": ("entfallen", "zu wenig Nachfrage", None)},
    )
    two = fill(forms / "vhs-duelmen.xlsx", {"alphabetisierungskurse": ("in Umsetzung", None, None)})
    result = run_cli("feedback", "import", str(concept), str(one), str(two))
    assert result.exit_code == 0
    assert "Widerspruch, nicht übernommen: alphabetisierungskurse" in result.stdout
    assert (
        "stand:"
        not in (concept / FELD)
        .read_text(encoding="utf-8")
        .split("id: alphabetisierungskurse")[1]
        .split("- id:")[0]
    )


def _problem(run_cli: RunCli, concept: Path, *files: Path) -> str:
    before = {p: p.read_bytes() for p in concept.rglob("*") if p.is_file()}
    result = run_cli("feedback", "import", str(concept), *map(str, files))
    assert result.exit_code == 1
    assert "nichts wurde geändert" in result.stderr
    assert {p: p.read_bytes() for p in concept.rglob("*") if p.is_file()} == before
    return result.stderr


def test_every_error_in_every_form_is_listed_and_nothing_changes(
    run_cli: RunCli, concept: Path, forms: Path
) -> None:
    good = fill(
        forms / "vhs-luedinghausen.xlsx", {"sprachkurs-koordination": ("umgesetzt", None, None)}
    )
    bad = fill(
        forms / "vhs-coesfeld.xlsx",
        {
            "sprachkurs-koordination": ("fertig", None, None),
            "alphabetisierungskurse": ("entfallen", None, None),
        },
    )
    message = _problem(run_cli, concept, good, bad)
    assert "2 Probleme" in message
    assert "vhs-coesfeld.xlsx, Blatt „Maßnahmen“, Zelle F2: „fertig“ ist kein Stand." in message
    assert "Zelle G" in message and "soll entfallen; dafür fehlt die Begründung" in message


def test_unknown_and_doubled_ids_are_errors(run_cli: RunCli, concept: Path, forms: Path) -> None:
    path = forms / "vhs-coesfeld.xlsx"
    book = load_workbook(path)
    sheet = book["Maßnahmen"]
    sheet["A2"] = "gibt-es-nicht"
    sheet["A4"] = sheet["A3"].value
    book.save(path)
    message = _problem(run_cli, concept, path)
    assert "Zelle A2: Eine Maßnahme „gibt-es-nicht“ gibt es im Konzept nicht." in message
    assert "Zelle A4: Die Maßnahme" in message and "steht zweimal im Bogen" in message


def test_files_that_are_not_our_workbooks_are_refused(
    run_cli: RunCli, concept: Path, forms: Path, tmp_path: Path
) -> None:
    text = tmp_path / "brief.xlsx"
    text.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    macro = tmp_path / "bogen.xlsm"
    shutil.copy(forms / "vhs-coesfeld.xlsx", macro)
    other = tmp_path / "fremd.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    renamed = tmp_path / "umbenannt.xlsx"
    book = load_workbook(forms / "vhs-duelmen.xlsx")
    book["Maßnahmen"]["C1"] = "Titel"
    book.save(renamed)
    message = _problem(run_cli, concept, text, macro, other, renamed)
    assert "brief.xlsx: Das ist keine Tabellenkalkulationsdatei. Angenommen werden" in message
    assert "bogen.xlsm: Die Datei enthält Makros oder Skripte" in message
    assert "fremd.xlsx: Das ist kein Rückmeldebogen von ikonzept" in message
    assert "umbenannt.xlsx, Blatt „Maßnahmen“, Zelle A1: Die Kopfzeile ist verändert" in message


def test_zip_bombs_and_huge_files_are_refused(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    big = tmp_path / "gross.xlsx"
    big.write_bytes(b"PK" + b"\0" * (6 * 1024 * 1024))
    message = _problem(run_cli, concept, bomb, big)
    assert "bombe.xlsx: Die Datei entpackt sich auf ein Vielfaches ihrer Größe" in message
    assert "gross.xlsx: Die Datei ist 6144 kB groß" in message


def test_formula_text_from_the_concept_stays_text(run_cli: RunCli, concept: Path) -> None:
    path = concept / FELD
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "titel: Kreisweite Koordinierung der Sprachkursangebote aufbauen",
            'titel: \'=HYPERLINK("http://example.org";"klick")\'',
        ),
        encoding="utf-8",
    )
    out = concept.parent / "boegen"
    assert run_cli("feedback", "export", str(concept), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out / "vhs-coesfeld.xlsx") as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet2"))
        xml = archive.read(sheet).decode()
    assert "<f>" not in xml  # no cell holds a formula
    assert 't="inlineStr"><is><t>=HYPERLINK(' in xml
    book = load_workbook(io.BytesIO((out / "vhs-coesfeld.xlsx").read_bytes()))
    assert book["Maßnahmen"]["C2"].data_type == "s"


def test_many_forms_are_written_by_two_processes(
    concept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikonzept.pipeline.validate import validate
    from ikonzept.round.feedback import export

    monkeypatch.setattr(export, "_PARALLEL_FROM", 2)
    konzept = validate(concept).konzept
    assert konzept is not None
    out = concept.parent / "viele"
    result = export.export(concept, konzept, out, nach="kommune")
    assert len(result.files) == 11 and all(path.is_file() for path in result.files)
    book = load_workbook(out / "duelmen.xlsx")
    wo = [row[3] for row in book["Maßnahmen"].iter_rows(min_row=2, values_only=True)]
    assert wo and all("Dülmen" in place for place in wo)


def _changed_form(forms: Path, target: Path, **properties: str) -> Path:
    """A form whose document properties say something else."""
    book = load_workbook(forms / "vhs-coesfeld.xlsx")
    for item in book.custom_doc_props.props:
        if item.name in properties:
            item.value = properties[item.name]
    book.save(target)
    return target


def test_forms_of_another_concept_or_edition_are_refused(
    run_cli: RunCli, concept: Path, forms: Path, tmp_path: Path
) -> None:
    other = _changed_form(forms, tmp_path / "fremd.xlsx", **{"ikonzept-konzept": "anderes"})
    old = _changed_form(forms, tmp_path / "alt.xlsx", **{"ikonzept-ausgabe": "7"})
    unmarked = tmp_path / "ohne.xlsx"
    book = load_workbook(forms / "vhs-duelmen.xlsx")
    book.custom_doc_props.props = [p for p in book.custom_doc_props.props
                                   if p.name != "ikonzept-rueckmeldebogen"]  # fmt: skip
    book.save(unmarked)
    message = _problem(run_cli, concept, other, old, unmarked)
    assert "fremd.xlsx: Der Bogen gehört zu einem anderen Konzept („anderes“)." in message
    assert "alt.xlsx: Der Bogen gehört zur Ausgabe 7, das Konzept ist Ausgabe 1." in message
    assert "ohne.xlsx: Das ist kein Rückmeldebogen von ikonzept" in message


def test_workbooks_with_macros_are_refused_whatever_their_name(
    run_cli: RunCli, concept: Path, forms: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(forms / "vhs-coesfeld.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    hidden = tmp_path / "versteckt.xlsx"
    with zipfile.ZipFile(hidden, "w") as archive:
        for name, data in {**parts, "xl/vbaProject.bin": b"\0" * 64}.items():
            archive.writestr(name, data)
    enabled = tmp_path / "aktiviert.xlsx"
    types = parts["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
    )
    with zipfile.ZipFile(enabled, "w") as archive:
        for name, data in {**parts, "[Content_Types].xml": types}.items():
            archive.writestr(name, data)
    template = tmp_path / "vorlage.xltm"
    shutil.copy(forms / "vhs-coesfeld.xlsx", template)
    message = _problem(run_cli, concept, hidden, enabled, template)
    for name in ("versteckt.xlsx", "aktiviert.xlsx", "vorlage.xltm"):
        assert f"{name}: Die Datei enthält Makros oder Skripte" in message, name
