"""`ikonzept status`: the controlling view, and `status set`, which changes one line."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE, RunCli

FELD = "handlungsfelder/01-sprache.yaml"


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    folder = tmp_path / "konzept"
    shutil.copytree(SAMPLE, folder)
    return folder


def _changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_status_set_adds_exactly_the_stand_line(run_cli: RunCli, concept: Path) -> None:
    before = (concept / FELD).read_text(encoding="utf-8")
    result = run_cli("status", "set", "sprachkurs-koordination", "umgesetzt", "-C", str(concept))
    assert result.exit_code == 0, result.stderr
    assert "Stand „umgesetzt“ in handlungsfelder/01-sprache.yaml eingetragen" in result.stdout
    after = (concept / FELD).read_text(encoding="utf-8")
    assert _changed_lines(before, after) == ["+        stand: umgesetzt"]
    # Right after the measure's `akteure`, where the format puts it.
    assert (
        "vhs-luedinghausen]\n        stand: umgesetzt\n      - id: kurse-kinderbetreuung" in after
    )


def test_status_set_replaces_a_stand_and_adds_the_reason(run_cli: RunCli, concept: Path) -> None:
    before = (concept / FELD).read_text(encoding="utf-8")
    reason = "Übernommen vom Jobcenter: dauerhaft finanziert"
    result = run_cli("status", "set", "sprachmittler-pool", "Dauerhaft", "--begruendung", reason,
                     "-C", str(concept))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = (concept / FELD).read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        "-        stand: in_umsetzung",
        "+        stand: dauerhaft",
        f'+        stand_begruendung: "{reason}"',
    ]
    assert run_cli("validate", str(concept)).exit_code == 0


def test_status_set_in_a_windows_file_keeps_crlf_and_bom(run_cli: RunCli, concept: Path) -> None:
    """Saved by a Windows editor: CRLF line endings and a BOM. New lines get CRLF too; the
    file keeps its permissions."""
    original = (concept / FELD).read_text(encoding="utf-8")
    windows = ("\ufeff" + original.replace("\n", "\r\n")).encode("utf-8")
    (concept / FELD).write_bytes(windows)
    (concept / FELD).chmod(0o640)
    result = run_cli("status", "set", "sprachmittler-pool", "entfallen", "--begruendung",
                     "Kein Bedarf mehr", "-C", str(concept))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = (concept / FELD).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n") == windows.count(b"\r\n") + 1
    expected = original.replace(
        "        stand: in_umsetzung\n",
        "        stand: entfallen\n        stand_begruendung: Kein Bedarf mehr\n",
    )
    assert after.decode("utf-8") == "\ufeff" + expected.replace("\n", "\r\n")
    assert (concept / FELD).stat().st_mode & 0o777 == 0o640
    assert run_cli("validate", str(concept)).exit_code == 0


def test_status_set_entfallen_needs_a_reason_and_changes_nothing(
    run_cli: RunCli, concept: Path
) -> None:
    before = (concept / FELD).read_bytes()
    result = run_cli("status", "set", "alphabetisierungskurse", "entfallen", "-C", str(concept))
    assert result.exit_code == 1
    assert "braucht eine Begründung (--begruendung TEXT)" in result.stderr
    assert (concept / FELD).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["gibt-es-nicht", "offen"], "Eine Maßnahme „gibt-es-nicht“ gibt es in diesem", 1),
        (["sprachmittler-pool", "fertig"], "„fertig“ ist kein Stand. Möglich sind:", 2),
    ],
)  # fmt: skip
def test_status_set_refuses_unknown_input(
    run_cli: RunCli, concept: Path, args: list[str], message: str, code: int
) -> None:
    result = run_cli("status", "set", *args, "-C", str(concept))
    assert result.exit_code == code
    assert message in result.stderr


def test_status_set_refuses_a_concept_with_errors(run_cli: RunCli, concept: Path) -> None:
    path = concept / FELD
    path.write_text(path.read_text(encoding="utf-8").replace("titel:", "titl:", 1), "utf-8")
    result = run_cli("status", "set", "sprachmittler-pool", "umgesetzt", "-C", str(concept))
    assert result.exit_code == 1
    assert "enthält 2 Fehler; `ikonzept validate" in result.stderr


def test_status_set_does_not_overwrite_a_file_changed_meanwhile(concept: Path) -> None:
    from ikonzept.edit.yamltext import EditError, YamlFile

    edited = YamlFile(concept / FELD)
    edited.set(("ziele", 0, "massnahmen", 0), "stand", "umgesetzt")
    (concept / FELD).write_text(edited.text + "# von Hand ergänzt\n", encoding="utf-8")
    with pytest.raises(EditError, match=r"arbeitete; nichts geschrieben\. Bitte noch einmal aus"):
        edited.save()
    assert (concept / FELD).read_text(encoding="utf-8").endswith("# von Hand ergänzt\n")


def test_status_view_counts_per_field_and_municipality(run_cli: RunCli) -> None:
    result = run_cli("status", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summe"]["summe"] == 81
    assert data["summe"]["stand"]["in_umsetzung"] == 5
    assert [row["bezeichnung"] for row in data["handlungsfelder"]][:2] == [
        "1 Sprache und Sprachförderung",
        "2 Frühkindliche Bildung und Familie",
    ]
    assert sum(row["summe"] for row in data["handlungsfelder"]) == 81
    assert data["kommunen"][-1]["id"] == "kreisweit"
    assert data["runde_offen"] is False


def test_status_view_as_text_and_csv(run_cli: RunCli) -> None:
    text = run_cli("status", str(SAMPLE), env={"COLUMNS": "100"}).stdout
    assert "Stand der Umsetzung" in text
    assert "1 Sprache und Sprachförderung" in text and "Dülmen" in text
    raw = run_cli("status", str(SAMPLE), "--format", "csv").stdout
    assert raw.startswith("\ufeff")  # German spreadsheets need the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(raw[1:]), delimiter=";"))
    assert rows[0][:4] == ["Art", "ID", "Bezeichnung", "offen"]
    assert rows[-1][0] == "Summe" and rows[-1][-1] == "81"


def test_csv_cells_never_become_formulas() -> None:
    from ikonzept.base.cells import german_csv

    text = german_csv([['=HYPERLINK("x")', "+1", "-Beratung", "@Team", "12", "Text"], ["a"]])
    row = next(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert row == ['\'=HYPERLINK("x")', "'+1", "'-Beratung", "'@Team", "12", "Text"]
    assert text.endswith(";12;Text\r\na\r\n")  # lines end as Windows programs expect


def test_status_view_in_a_narrow_terminal_wraps_names_and_keeps_the_numbers(
    run_cli: RunCli,
) -> None:
    text = run_cli("status", str(ROOT / "concept-2019"), env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text  # no name is cut off; long ones take two lines
    assert "9 Interkulturelle" in text and "Antidiskriminierung" in text
    summe = next(line for line in text.splitlines() if line.strip().startswith("Summe"))
    assert summe.split()[1:] == ["61", "7", "5", "5", "1", "2", "50", "81"]


def test_the_same_status_with_a_new_reason_writes_the_reason(
    run_cli: RunCli, concept: Path
) -> None:
    before = (concept / FELD).read_text(encoding="utf-8")
    result = run_cli("status", "set", "sprachmittler-pool", "in_umsetzung", "--begruendung",
                     "Zweite Förderphase bewilligt", "-C", str(concept))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert _changed_lines(before, (concept / FELD).read_text(encoding="utf-8")) == [
        "+        stand_begruendung: Zweite Förderphase bewilligt"
    ]
    again = run_cli("status", "set", "sprachmittler-pool", "in_umsetzung", "-C", str(concept))
    assert "Stand ist bereits „in Umsetzung“; nichts geändert." in again.stdout


def test_every_change_of_a_batch_is_made_after_one_that_changes_nothing(concept: Path) -> None:
    from ikonzept.edit import status
    from ikonzept.model import Stand
    from ikonzept.pipeline.validate import valid_concept

    konzept = valid_concept(concept, "")
    changes = [
        status.Change("sprachmittler-pool", Stand.IN_UMSETZUNG),  # already so
        status.Change("sprachkurs-koordination", Stand.UMGESETZT),
    ]
    assert status.apply(concept, konzept, changes) == [concept / FELD]
    assert "sprachkurs-koordination" in (concept / FELD).read_text(encoding="utf-8")
    changed = valid_concept(concept, "")
    assert {m.id: m.stand for *_, m in changed.massnahmen()}["sprachkurs-koordination"] is (
        Stand.UMGESETZT
    )


def test_stand_and_reason_go_where_the_format_puts_them(run_cli: RunCli, concept: Path) -> None:
    """After the measure's `akteure` (not after later keys), the reason after `stand`."""
    path = concept / FELD
    text = path.read_text(encoding="utf-8")
    old = (
        "        akteure: [ki-kreis-coesfeld, bamf-regionalkoordination, vhs-coesfeld, "
        "vhs-luedinghausen]\n"
    )
    assert old in text
    path.write_text(text.replace(old, old + "        kommunen: [coesfeld]\n", 1), encoding="utf-8")
    result = run_cli("status", "set", "sprachkurs-koordination", "entfallen", "--begruendung",
                     "Übernommen vom Land", "-C", str(concept))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (
        old + "        stand: entfallen\n        stand_begruendung: Übernommen vom Land\n"
        "        kommunen: [coesfeld]\n" in path.read_text(encoding="utf-8")
    )


def test_a_measure_the_editor_cannot_change_is_named_with_its_file(
    run_cli: RunCli, concept: Path
) -> None:
    path = concept / FELD
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: sprachkurs-koordination")
    end = text.index("      - id:", start + 10)
    path.write_text(
        text[:start] + "      - {id: sprachkurs-koordination, titel: Koordinierung}\n" + text[end:],
        encoding="utf-8",
    )
    result = run_cli("status", "set", "sprachkurs-koordination", "umgesetzt", "-C", str(concept))
    assert result.exit_code == 1
    line = text[:start].count("\n") + 1
    assert f"{FELD}, Zeile {line}: Diese Angaben stehen in geschweiften Klammern" in result.stderr
