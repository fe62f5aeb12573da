"""`indikator import`: tables of GENESIS-Online and the Landesdatenbank NRW (ffcsv, earlier
and newer layout) into an indicator's values; written after the offices' description of
the format (Statistisches Bundesamt, „Das neue Flatfile CSV-Format“)."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from ikonzept.pipeline.validate import validate
from tests.conftest import RunCli

CASES = Path(__file__).parent / "cases"

YAML = """id: auslaenderanteil
titel: Anteil der Einwohner mit ausländischer Staatsangehörigkeit
art: kontext
einheit: "%"
richtung: halten
quelle: IT.NRW
"""

OLD_HEADER = (
    "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
    "1_Auspraegung_Code;1_Auspraegung_Label;2_Merkmal_Code;2_Merkmal_Label;2_Auspraegung_Code;"
    "2_Auspraegung_Label;BEVAN1__Anteil_an_der_Bevoelkerung__Prozent;"
    "BEVAN1__Anteil_an_der_Bevoelkerung__q"
)
OLD_ROWS = [
    "12411;Bevölkerung;STAG;Stichtag;31.12.2017;KREISE;Kreise;05999;Musterkreis;NAT;"
    "Nationalität;NATA;Ausländer(innen);7,3;e",
    "12411;Bevölkerung;STAG;Stichtag;31.12.2017;KREISE;Kreise;05999;Musterkreis;NAT;"
    "Nationalität;NATD;Deutsche;92,7;e",
    "12411;Bevölkerung;STAG;Stichtag;31.12.2017;GEMEIN;Gemeinden;05999004;Ahausen;NAT;"
    "Nationalität;NATA;Ausländer(innen);9,1;p",
    "12411;Bevölkerung;STAG;Stichtag;31.12.2017;GEMEIN;Gemeinden;05999008;Bedorf;NAT;"
    "Nationalität;NATA;Ausländer(innen);.;e",
    "12411;Bevölkerung;STAG;Stichtag;31.12.2017;KREISE;Kreise;05111;Düsseldorf;NAT;"
    "Nationalität;NATA;Ausländer(innen);19,8;e",
]
NEW_HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;"
    "1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;"
    "value_variable_code;value_variable_label;value_q"
)
NEW_ROWS = [
    "12411;Bevölkerung;STAG;Stichtag;2017-12-31;KREISE;Kreise;05999;Musterkreis;7,4;%;BEVAN1;"
    "Anteil;r",
    "12411;Bevölkerung;STAG;Stichtag;2018-12-31;KREISE;Kreise;05999;Musterkreis;7,6;%;BEVAN1;"
    "Anteil;e",
    # an ARS (12 digits) names the same town as its AGS
    "12411;Bevölkerung;STAG;Stichtag;2018-12-31;GEMEIN;Gemeinden;059990004004;Ahausen;9,4;%;"
    "BEVAN1;Anteil;e",
]


def concept_with_keys(folder: Path) -> Path:
    """The small test concept with regional keys and an indicator without values."""
    shutil.copytree(CASES / "base", folder)
    konzept = folder / "konzept.yaml"
    text = konzept.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: ahausen\n    name: Ahausen\n",
        '  - id: ahausen\n    name: Ahausen\n    schluessel: "05999004"\n',
    )
    text = text.replace(
        "  - id: bedorf\n    name: Bedorf\n",
        '  - id: bedorf\n    name: Bedorf\n    schluessel: "05999008"\n',
    )
    konzept.write_text(text.replace("\nkommunen:", '\nschluessel: "05999"\nkommunen:', 1),
                       encoding="utf-8")  # fmt: skip
    (folder / "indikatoren").mkdir()
    (folder / "indikatoren" / "auslaenderanteil.yaml").write_text(YAML, encoding="utf-8")
    return folder


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    return concept_with_keys(tmp_path / "konzept")


def _table(folder: Path, name: str, header: str, rows: list[str]) -> Path:
    path = folder.parent / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_table_in_the_earlier_layout_brings_in_the_chosen_rows(
    run_cli: RunCli, concept: Path
) -> None:
    source = _table(concept, "12411-01_de_flat.csv", OLD_HEADER, OLD_ROWS)
    args = ["indikator", "import", "auslaenderanteil", str(source), "-C", str(concept)]
    mixed = run_cli(*args)
    assert mixed.exit_code == 1
    assert "Für kreis 2017 gibt es mehrere Werte (Zeilen 2 und 3)" in mixed.stderr
    assert "Wählen Sie mit --auswahl MERKMAL=AUSPRÄGUNG" in mixed.stderr
    assert not (concept / "indikatoren" / "auslaenderanteil.csv").exists()
    result = run_cli(*args, "--auswahl", "NAT=NATA")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "auslaenderanteil: 3 neue Werte, 0 Berichtigungen übernommen; 0 unverändert.",
        "1 Wert anderer Gebiete ausgelassen.",
        "Geschrieben: indikatoren/auslaenderanteil.csv",
    ]
    table = (concept / "indikatoren" / "auslaenderanteil.csv").read_text(encoding="utf-8")
    assert table == (
        "jahr;gebiet;wert;kennzeichen;anmerkung\n2017;ahausen;9,1;p;\n2017;bedorf;;.;\n"
        "2017;kreis;7,3;;\n"
    )
    assert validate(concept, today=dt.date(2019, 6, 1)).findings == ()


def test_a_zipped_table_in_the_newer_layout_revises_what_changed(
    run_cli: RunCli, concept: Path
) -> None:
    values = concept / "indikatoren" / "auslaenderanteil.csv"
    values.write_bytes(
        b"jahr;gebiet;wert;kennzeichen;anmerkung;stand\r\n"
        b"2017;kreis;7,3;;;2018-05-01\r\n2017;ahausen;9,1;p;;2018-05-01\r\n"
    )
    csv_file = _table(concept, "12411-01_de_flat.csv", NEW_HEADER, NEW_ROWS)
    zipped = concept.parent / "12411-01_de_flat.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(csv_file, "12411-01_de_flat.csv")
    args = ["indikator", "import", "auslaenderanteil", str(zipped), "-C", str(concept),
            "--stand", "2019-05-15"]  # fmt: skip
    before = values.read_bytes()
    dry = run_cli(*args, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.splitlines()[:2] == [
        "auslaenderanteil: 2 neue Werte, 1 Berichtigung würden übernommen; 0 unverändert.",
        "  Berichtigt: kreis 2017: 7,3 → 7,4",
    ]
    assert values.read_bytes() == before
    assert run_cli(*args).exit_code == 0
    assert values.read_bytes() == (
        b"jahr;gebiet;wert;kennzeichen;anmerkung;stand\r\n"
        b"2017;kreis;7,4;r;zuvor 7,3 (Stand 2018-05-01);2019-05-15\r\n"
        b"2017;ahausen;9,1;p;;2018-05-01\r\n"
        b"2018;ahausen;9,4;;;2019-05-15\r\n2018;kreis;7,6;;;2019-05-15\r\n"
    )
    again = run_cli(*args)
    assert "0 neue Werte, 0 Berichtigungen übernommen; 3 unverändert." in again.stdout


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no-keys", "In konzept.yaml stehen keine Regionalschlüssel"),
        ("not-ffcsv", "Das ist keine Tabelle der amtlichen Statistik im Flatfile-Format"),
        ("two-values", "enthält mehrere Werte (BEVAN1, BEVAN2); wählen Sie einen mit --wert"),
        ("unknown", "Einen Indikator „gibt-es-nicht“ gibt es nicht (bekannt: auslaenderanteil)."),
        ("other-region", "Keine Zeile gehört zu einem Gebiet des Konzepts"),
        ("two-files", "Im ZIP-Archiv muss genau eine CSV-Datei liegen."),
        ("no-number", "Zeile 2: „viel“ ist weder eine Zahl noch ein Zeichen"),
    ],
)  # fmt: skip
def test_a_table_that_cannot_be_placed_is_refused(
    run_cli: RunCli, concept: Path, setup: str, message: str
) -> None:
    ident = "auslaenderanteil"
    source = _table(concept, "t.csv", NEW_HEADER, NEW_ROWS)
    if setup == "no-keys":
        konzept = concept / "konzept.yaml"
        text = konzept.read_text(encoding="utf-8")
        kept = [line for line in text.splitlines() if "schluessel" not in line]
        konzept.write_text("\n".join(kept) + "\n", encoding="utf-8")
    elif setup == "not-ffcsv":
        source = _table(concept, "t.csv", "jahr;wert", ["2017;7,3"])
    elif setup == "two-values":
        source = _table(concept, "t.csv", NEW_HEADER,
                        [NEW_ROWS[0], NEW_ROWS[1].replace("BEVAN1", "BEVAN2")])  # fmt: skip
    elif setup == "unknown":
        ident = "gibt-es-nicht"
    elif setup == "other-region":
        source = _table(concept, "t.csv", NEW_HEADER, [NEW_ROWS[0].replace("05999", "05111")])
    elif setup == "two-files":
        zipped = concept.parent / "t.zip"
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("a.csv", "x")
            archive.writestr("b.csv", "y")
        source = zipped
    elif setup == "no-number":
        source = _table(concept, "t.csv", NEW_HEADER, [NEW_ROWS[0].replace(";7,4;", ";viel;")])
    result = run_cli("indikator", "import", ident, str(source), "-C", str(concept))
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (concept / "indikatoren" / "auslaenderanteil.csv").exists()


# The Wegweiser Kommune's CSV export as its open-data documentation and the R package rwwk
# read it: two lines about the export, a header whose columns are „year⏎region“, one row
# per indicator, notes after an empty line. Regions are named, not keyed.
WEGWEISER = (
    '"Wegweiser Kommune – Datenexport";\n'
    '"Indikatoren: Ausländeranteil (%), Einwohner:innen";\n'
    'Indikatoren;"2017\nMusterkreis (Kreis)";"2018\nMusterkreis (Kreis)";"2017\nAhausen";'
    '"2018\nAhausen";"2018\nBedorf";"2018\nNordrhein-Westfalen"\n'
    "Ausländeranteil (%);7,3;7,6;9,1;9,4;;13,9\n"
    "Einwohner:innen;215.000;216.300;36.100;36.400;21.000;17.932.651\n"
    "\n"
    '"Quelle: Statistische Ämter des Bundes und der Länder, eigene Berechnungen";\n'
)


def test_a_wegweiser_kommune_export_is_matched_by_the_regions_names(
    run_cli: RunCli, tmp_path: Path
) -> None:
    concept = tmp_path / "konzept"
    shutil.copytree(CASES / "base", concept)  # without regional keys: names suffice
    (concept / "indikatoren").mkdir()
    (concept / "indikatoren" / "auslaenderanteil.yaml").write_text(YAML, encoding="utf-8")
    source = tmp_path / "wegweiser-export.csv"
    source.write_text(WEGWEISER, encoding="utf-8")
    args = ["indikator", "import", "auslaenderanteil", str(source), "-C", str(concept)]
    several = run_cli(*args)
    assert several.exit_code == 1
    assert "wählen Sie einen mit --wert" in several.stderr
    result = run_cli(*args, "--wert", "Ausländeranteil")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "auslaenderanteil: 4 neue Werte, 0 Berichtigungen übernommen; 0 unverändert.",
        "1 Wert anderer Gebiete ausgelassen.",
    ]
    table = (concept / "indikatoren" / "auslaenderanteil.csv").read_text(encoding="utf-8")
    assert table == (
        "jahr;gebiet;wert;kennzeichen;anmerkung\n2017;ahausen;9,1;;\n2017;kreis;7,3;;\n"
        "2018;ahausen;9,4;;\n2018;kreis;7,6;;\n"
    )
    assert validate(concept, today=dt.date(2019, 6, 1)).findings == ()
    # the Land, once it is a comparison area of the indicator, comes in too
    indicator = concept / "indikatoren" / "auslaenderanteil.yaml"
    indicator.write_text(YAML + "vergleichsgebiete:\n  - {id: nrw, name: Nordrhein-Westfalen}\n",
                         encoding="utf-8")  # fmt: skip
    again = run_cli(*args, "--wert", "Ausländeranteil")
    assert again.exit_code == 0, again.stderr
    assert again.stdout.splitlines()[0] == (
        "auslaenderanteil: 1 neuer Wert, 0 Berichtigungen übernommen; 4 unverändert."
    )
    assert "2018;nrw;13,9;;" in table_of(concept)
    assert validate(concept, today=dt.date(2019, 6, 1)).findings == ()


def table_of(concept: Path) -> str:
    return (concept / "indikatoren" / "auslaenderanteil.csv").read_text(encoding="utf-8")


def test_a_wegweiser_export_of_other_regions_or_columns_is_refused(
    run_cli: RunCli, tmp_path: Path
) -> None:
    concept = concept_with_keys(tmp_path / "konzept")
    other = tmp_path / "andere.csv"
    other.write_text(WEGWEISER.replace("Musterkreis (Kreis)", "Borken (Kreis)")
                     .replace("Ahausen", "Gronau").replace("Bedorf", "Vreden"),
                     encoding="utf-8")  # fmt: skip
    args = ["indikator", "import", "auslaenderanteil", "-C", str(concept), "--wert", "Ausl"]
    refused = run_cli(*args[:3], str(other), *args[3:])
    assert refused.exit_code == 1
    assert "Keine Region der Datei heißt wie der Kreis oder eine seiner Kommunen" in refused.stderr
    broken = tmp_path / "kaputt.csv"
    broken.write_text(WEGWEISER.replace('"2018\nBedorf"', '"Bedorf"'), encoding="utf-8")
    result = run_cli(*args[:3], str(broken), *args[3:])
    assert result.exit_code == 1
    assert "Zeile 3: Die Spalte „Bedorf“ nennt nicht Jahr und Region" in result.stderr
    assert not (concept / "indikatoren" / "auslaenderanteil.csv").exists()
