"""A town's action plan in its feedback form (`feedback export --nach kommune`): its plan's
rows and open steps out, statuses and steps done back in, all or nothing."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, RunCli
from tests.office import convert

PLAN = "plaene/duelmen.yaml"
HEADER = ("ID", "Nr.", "Maßnahme", "Wo", "Stand bisher", "Stand neu", "Begründung", "Anmerkung",
          "Verantwortlich", "Schritt", "Bis", "Erledigt am")  # fmt: skip
CURSES = "kurse-kinderbetreuung@duelmen"
STEP = "Betreuungskräfte einstellen"


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    folder = tmp_path / "konzept"
    shutil.copytree(ROOT / "concept-2019", folder)
    return folder


def _export(run_cli: RunCli, concept: Path, *extra: str) -> Path:
    out = concept.parent / "boegen"
    result = run_cli("feedback", "export", str(concept), "-o", str(out), "--nach", "kommune",
                     "--today", "2019-11-01", *extra)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "11 Rückmeldebögen mit 92 Maßnahmen und 12 Zeilen aus Handlungsplänen" in result.stdout
    return out


def _rows(path: Path) -> list[tuple[object, ...]]:
    return list(load_workbook(path)["Maßnahmen"].iter_rows(values_only=True))


def _fill(form: Path, cells: dict[tuple[str, str | None], dict[str, object]]) -> Path:
    """Fill in the rows named by (ID, step or None) as a town would; save beside the form."""
    book = load_workbook(form)
    sheet = book["Maßnahmen"]
    column = {cell.value: cell.column for cell in sheet[1]}
    for row in range(2, sheet.max_row + 1):
        key = (sheet.cell(row, 1).value, sheet.cell(row, column["Schritt"]).value)
        for name, value in cells.get(key, {}).items():  # type: ignore[arg-type]
            sheet.cell(row, column[name]).value = value
    target = form.with_name(f"ausgefuellt-{form.name}")
    book.save(target)
    return target


def _changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_towns_form_asks_for_its_plan_and_open_steps(run_cli: RunCli, concept: Path) -> None:
    forms = _export(run_cli, concept)
    rows = _rows(forms / "duelmen.xlsx")
    assert rows[0] == HEADER
    plan = [row for row in rows if str(row[0]).endswith("@duelmen")]
    assert [(r[0], r[4], r[8], r[9], r[10]) for r in plan] == [
        (CURSES, "offen", "VHS Dülmen – Haltern am See – Havixbeck", None, None),
        (CURSES, None, "VHS Dülmen – Haltern am See – Havixbeck", STEP, "31.07.2019"),
        ("frauen-sprachtreffs@duelmen", "in Umsetzung",
         "Caritasverband für das Dekanat Dülmen e.V.", None, None),
        ("griffbereit@duelmen", "offen", "Familienbildungsstätte Coesfeld", None, None),
        ("griffbereit@duelmen", None, "Familienbildungsstätte Coesfeld",
         "Zwei Familienzentren als Orte gewinnen", "15.09.2019"),
        ("elterncafes-interkulturell@duelmen", "offen",
         "Caritasverband für das Dekanat Dülmen e.V.", None, None),
    ]  # fmt: skip
    assert all(row[3] == "Handlungsplan Dülmen" for row in plan)
    # a step done is not asked again; the county's rows stay as they were
    assert "Räume für die Kinderbetreuung in der VHS klären" not in str(rows)
    assert rows[1][0] == "kurse-kinderbetreuung" and rows[1][8:] == (None,) * 4
    # only what may be filled in is open: status on an entry's row, the day on a step's
    sheet = load_workbook(forms / "duelmen.xlsx")["Maßnahmen"]
    index = next(i for i, r in enumerate(rows, 1) if r[0] == CURSES and r[9] == STEP)
    unlocked = [c.column_letter for c in sheet[index] if not c.protection.locked]
    assert unlocked == ["H", "L"]
    entry = [c.column_letter for c in sheet[index - 1] if not c.protection.locked]
    assert entry == ["F", "G", "H"]
    hints = " ".join(str(c.value) for c in load_workbook(forms / "duelmen.xlsx")["Hinweise"]["A"])
    assert "„Erledigt am“ das Datum ein (z. B. 20.11.2019)" in hints
    # a town without a plan, and an actor's form: the usual columns only
    assert _rows(forms / "olfen.xlsx")[0] == HEADER[:8]


def test_a_towns_plan_comes_back_into_its_file_line_by_line(run_cli: RunCli, concept: Path) -> None:
    forms = _export(run_cli, concept)
    filled = _fill(forms / "duelmen.xlsx", {
        (CURSES, None): {"Stand neu": "in Umsetzung", "Anmerkung": "Zwei Kurse laufen."},
        (CURSES, STEP): {"Erledigt am": dt.datetime(2019, 8, 15)},  # a date cell
        ("griffbereit@duelmen", "Zwei Familienzentren als Orte gewinnen"):
            {"Erledigt am": "3.10.19", "Anmerkung": "St. Joseph und St. Viktor"},  # typed
        ("frauen-sprachtreffs@duelmen", None): {"Stand neu": "in Umsetzung"},  # unchanged
    })  # fmt: skip
    before = (concept / PLAN).read_text(encoding="utf-8")
    county = {p: p.read_bytes() for p in (concept / "handlungsfelder").iterdir()}
    result = run_cli("feedback", "import", str(concept), str(filled), "--today", "2019-11-20")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "1 Bogen gelesen; 0 Stände geändert.",
        "In den Handlungsplänen geändert:",
        "  kurse-kinderbetreuung in Dülmen: offen → in Umsetzung",
        f"  kurse-kinderbetreuung in Dülmen: Schritt „{STEP}“ erledigt am 15.08.2019",
        "  griffbereit in Dülmen: Schritt „Zwei Familienzentren als Orte gewinnen“ erledigt am "
        "03.10.2019",
    ]
    assert _changed(before, (concept / PLAN).read_text(encoding="utf-8")) == [
        "+    stand: in_umsetzung",
        "+        erledigt: 2019-08-15",
        "+        erledigt: 2019-10-03",
    ]
    assert {p: p.read_bytes() for p in (concept / "handlungsfelder").iterdir()} == county
    report = (concept / "rueckmeldungen" / "bericht-2019-11-20.md").read_text(encoding="utf-8")
    assert "Eingelesen am 20.11.2019: 1 Bogen (Dülmen)." in report
    assert "## Handlungspläne der Kommunen" in report
    assert (
        "- 1.1.2 Integrationskurse mit Kinderbetreuung in den größeren Städten anbieten "
        "(Dülmen): Stand offen → in Umsetzung"
    ) in report
    assert "**Dülmen** (Anmerkung): Handlungsplan Dülmen: Zwei Kurse laufen." in report
    assert (
        "**Dülmen** (Anmerkung): Handlungsplan Dülmen, Schritt „Zwei Familienzentren als Orte "
        "gewinnen“: St. Joseph und St. Viktor"
    ) in report
    assert run_cli("validate", str(concept), "--today", "2019-11-20").exit_code == 0


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({(CURSES, STEP): {"Erledigt am": "August"}},
         "Zelle L24: „August“ ist kein Datum; bitte so: 20.11.2019."),
        ({(CURSES, STEP): {"Erledigt am": "31.02.2019"}}, "Zelle L24: „31.02.2019“ ist kein Datum"),
        ({(CURSES, None): {"Erledigt am": "01.08.2019"}},
         "Zelle L23: „Erledigt am“ gilt nur für die Zeilen der Schritte."),
        ({(CURSES, STEP): {"Stand neu": "umgesetzt"}},
         f"Zelle F24: Ein Schritt hat keinen Stand; für „{STEP}“ gilt nur „Erledigt am“."),
        ({(CURSES, None): {"Stand neu": "fertig"}}, "Zelle F23: „fertig“ ist kein Stand."),
        ({(CURSES, STEP): {"Schritt": "Etwas anderes", "Erledigt am": "01.08.2019"}},
         "Zelle J24: Bei kurse-kinderbetreuung gibt es keinen Schritt „Etwas anderes“."),
        ({(CURSES, None): {"ID": "brueckenspielgruppen@nottuln", "Stand neu": "umgesetzt"}},
         "Zelle A23: „brueckenspielgruppen@nottuln“ gehört nicht zum Handlungsplan dieser "
         "Kommune (duelmen)."),
        ({(CURSES, None): {"ID": "sprachmittler-pool@duelmen", "Stand neu": "umgesetzt"}},
         "Zelle A23: „sprachmittler-pool“ steht nicht (mehr) im Handlungsplan für duelmen."),
        ({("griffbereit@duelmen", None): {"ID": CURSES}},
         f"Zelle A26: Die Zeile „{CURSES}“ steht zweimal im Bogen."),
    ],
    ids=["no-date", "no-day", "date-on-entry", "status-on-step", "no-status", "other-step",
         "other-town", "not-in-plan", "twice"],
)  # fmt: skip
def test_a_form_with_one_wrong_plan_row_changes_nothing(
    run_cli: RunCli, concept: Path, cells: dict[tuple[str, str | None], dict[str, object]],
    message: str,
) -> None:  # fmt: skip
    """Beside a right row (the griffbereit step done), one wrong row stops the import."""
    forms = _export(run_cli, concept)
    right = {("griffbereit@duelmen", "Zwei Familienzentren als Orte gewinnen"):
             {"Erledigt am": "01.10.2019"}}  # fmt: skip
    filled = _fill(forms / "duelmen.xlsx", {**right, **cells})
    before = {p: p.read_bytes() for p in concept.rglob("*.yaml")}
    result = run_cli("feedback", "import", str(concept), str(filled), "--today", "2019-11-20")
    assert result.exit_code == 1
    assert "1 Problem in den Rückmeldebögen; nichts wurde geändert:" in result.stderr
    assert f"ausgefuellt-duelmen.xlsx, Blatt „Maßnahmen“, {message}" in result.stderr
    assert {p: p.read_bytes() for p in concept.rglob("*.yaml")} == before


@pytest.mark.slow
def test_a_plan_saved_by_libreoffice_keeps_its_dates(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    """A date cell saved as .ods by LibreOffice is read as stored, not as the program's
    language shows it."""
    forms = _export(run_cli, concept)
    day = dt.datetime(2019, 8, 15)
    filled = _fill(forms / "duelmen.xlsx", {(CURSES, STEP): {"Erledigt am": day}})
    saved = convert(filled, "ods", tmp_path / "libreoffice", tmp_path / "profil")
    result = run_cli("feedback", "import", str(concept), str(saved), "--today", "2019-11-20")
    assert result.exit_code == 0, result.stderr
    assert "        erledigt: 2019-08-15\n" in (concept / PLAN).read_text(encoding="utf-8")


def test_a_date_cell_in_an_ods_form_counts_as_stored_not_as_shown(
    run_cli: RunCli, concept: Path
) -> None:
    """LibreOffice in English shows 08/15/19; the cell stores 2019-08-15."""
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    forms = _export(run_cli, concept, "--format", "ods")
    document = load(str(forms / "duelmen.ods"))
    sheet = next(t for t in document.spreadsheet.getElementsByType(Table)
                 if t.getAttribute("name") == "Maßnahmen")  # fmt: skip
    rows = sheet.getElementsByType(TableRow)
    texts = [[str(c) for c in row.getElementsByType(TableCell)] for row in rows]
    number = next(i for i, row in enumerate(texts) if row[0] == CURSES and STEP in row)
    cell = rows[number].getElementsByType(TableCell)[11]
    for child in list(cell.childNodes):
        cell.removeChild(child)
    cell.setAttribute("valuetype", "date")
    cell.setAttribute("datevalue", "2019-08-15")
    cell.addElement(P(text="08/15/19"))
    filled = forms / "ausgefuellt-duelmen.ods"
    document.save(str(filled))
    result = run_cli("feedback", "import", str(concept), str(filled), "--today", "2019-11-20")
    assert result.exit_code == 0, result.stderr
    assert "        erledigt: 2019-08-15\n" in (concept / PLAN).read_text(encoding="utf-8")
