"""Indicators: their values tables as people keep them, the rating of progress towards a
target (a case per rule), and `indikator status` (the checks' failing examples are cases in
tests/cases/invalid/indikator-*)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest

from ikonzept.model import indicators as m
from ikonzept.monitoring.rating import rate
from ikonzept.pipeline.validate import validate
from ikonzept.pipeline.values import number, symbol
from tests.conftest import RunCli

CASES = Path(__file__).parent / "cases"

YAML = """id: kursplaetze
titel: Anteil mit Kursplatz binnen drei Monaten
art: wirkung
einheit: "%"
richtung: steigend
ziele: [deutsch-lernen]
basis: {jahr: 2015, wert: 40}
zielwerte:
  - {jahr: 2020, wert: 80}
quelle: BAMF, Integrationskursgeschäftsstatistik
"""


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    folder = tmp_path / "konzept"
    shutil.copytree(CASES / "base", folder)
    (folder / "indikatoren").mkdir()
    (folder / "indikatoren" / "kursplaetze.yaml").write_text(YAML, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "value"),
    [("2,5", 2.5), ("2.5", 2.5), ("-0,3", -0.3), ("12.345", 12345.0), ("12 345,6", 12345.6),
     ("12\u202f345", 12345.0), ("1.234.567", 1234567.0), ("40", 40.0), ("2,", None),
     ("abc", None), ("1,2,3", None), ("", None)],
)  # fmt: skip
def test_numbers_as_german_tables_write_them(text: str, value: float | None) -> None:
    assert number(text) == value


@pytest.mark.parametrize(
    ("text", "meant"),
    [("–", "–"), ("-", "–"), ("...", "…"), ("…", "…"), ("( )", "( )"), ("()", "( )"),
     ("p", "p"), ("?", None), ("0", None)],
)  # fmt: skip
def test_the_offices_symbols_in_their_usual_spellings(text: str, meant: str | None) -> None:
    assert symbol(text) == meant


def test_german_numbers_in_messages_and_tables() -> None:
    shown = (m.zahl(2.5), m.zahl(12345.0), m.zahl(2.0, 1), m.zahl(0.125, 2))
    assert shown == ("2,5", "12.345", "2,0", "0,12")


def test_a_table_from_a_spreadsheet_reads_as_written(concept: Path) -> None:
    """Byte-order mark, Windows line ends, quoted cells, `,` as separator, symbols."""
    table = (
        '\ufeffJahr,Gebiet,Wert,Kennzeichen,Anmerkung,Stand\r\n2015,kreis,"40,0",,,2016-05-01\r\n'
        '2016,kreis,"52,5",p,"vorläufig, laut BAMF",2017-04-30\r\n2016,ahausen,,...,,\r\n'
    )
    (concept / "indikatoren" / "kursplaetze.csv").write_bytes(table.encode("utf-8"))
    result = validate(concept, today=dt.date(2017, 6, 1))
    assert result.findings == ()
    assert result.konzept is not None
    werte = result.konzept.indikatoren[0].werte
    assert [(w.jahr, w.gebiet, w.wert, w.kennzeichen) for w in werte] == [
        (2015, "kreis", 40.0, None), (2016, "kreis", 52.5, "p"), (2016, "ahausen", None, "…")
    ]  # fmt: skip
    assert werte[1].anmerkung == "vorläufig, laut BAMF" and str(werte[1].stand) == "2017-04-30"


def _item(**changes: object) -> m.Indikator:
    base = m.Indikator(
        "i", "Titel", m.Art.WIRKUNG, "%", m.Richtung.STEIGEND, ziele=("z",),
        basis=m.Messpunkt(2015, 40.0), zielwerte=(m.Messpunkt(2020, 80.0),),
        werte=(m.Wert(2015, "kreis", 40.0),),
    )  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _kreis(*pairs: tuple[int, float]) -> tuple[m.Wert, ...]:
    return tuple(m.Wert(year, "kreis", value) for year, value in pairs)


# From 40 in 2015 to 80 in 2020 needs 14.9 % a year (compound).
@pytest.mark.parametrize(
    ("changes", "stufe", "grund"),
    [
        ({"werte": _kreis((2015, 40), (2017, 53))}, m.Stufe.AUF_KURS, "102 % des nötigen"),
        ({"werte": _kreis((2015, 40), (2017, 48))}, m.Stufe.BESCHLEUNIGEN, "64 % des nötigen"),
        ({"werte": _kreis((2015, 40), (2017, 44))}, m.Stufe.KAUM_FORTSCHRITT, "33 % des"),
        ({"werte": _kreis((2015, 40), (2017, 38))}, m.Stufe.RUECKLAEUFIG, "−17 % des nötigen"),
        ({"werte": _kreis((2017, 85))}, m.Stufe.AUF_KURS, "Ziel erreicht"),
        ({"werte": _kreis((2015, 40), (2017, 30)), "richtung": m.Richtung.FALLEND,
          "zielwerte": (m.Messpunkt(2020, 20.0),)}, m.Stufe.AUF_KURS, "103 % des nötigen"),
        # a base of 0: growth in a straight line (8 a year needed, 2 achieved)
        ({"basis": m.Messpunkt(2015, 0.0), "werte": _kreis((2017, 4)),
          "zielwerte": (m.Messpunkt(2020, 40.0),)}, m.Stufe.KAUM_FORTSCHRITT, "25 % des nötigen"),
        ({"richtung": m.Richtung.HALTEN, "werte": _kreis((2018, 41))}, m.Stufe.AUF_KURS,
         "Niveau gehalten"),
        ({"richtung": m.Richtung.HALTEN, "werte": _kreis((2018, 30))}, m.Stufe.RUECKLAEUFIG,
         "25 % von der Basis entfernt"),
        ({"basis": None}, m.Stufe.KEINE_BEWERTUNG, "keine Basis"),
        ({}, m.Stufe.KEINE_BEWERTUNG, "kein Wert des Kreises nach 2015"),
        ({"werte": (*_kreis((2015, 40)), m.Wert(2017, "ahausen", 60.0))}, m.Stufe.KEINE_BEWERTUNG,
         "kein Wert des Kreises nach 2015"),
        ({"werte": _kreis((2017, 50)), "zielwerte": ()}, m.Stufe.KEINE_BEWERTUNG,
         "kein Zielwert"),
        ({"werte": _kreis((2017, 50)), "brueche": (m.Bruch(2016, "Zensus 2011"),)},
         m.Stufe.KEINE_BEWERTUNG, "Bruch der Reihe 2016"),
        ({"werte": _kreis((2017, 38)),
          "bewertung": m.Bewertung(m.Stufe.AUF_KURS, "Die Kurse beginnen erst 2018.")},
         m.Stufe.AUF_KURS, "Die Kurse beginnen erst 2018."),
    ],
    ids=["on-track", "accelerate", "little", "away", "reached", "falling", "linear",
         "hold", "hold-lost", "no-base", "no-value", "town-only", "no-target", "break",
         "by-hand"],
)  # fmt: skip
def test_progress_is_rated_by_the_growth_rate_rule(
    changes: dict[str, object], stufe: m.Stufe, grund: str
) -> None:
    rating = rate(_item(**changes))
    assert rating.stufe is stufe
    assert rating.grund.startswith(grund), rating.grund
    assert rating.von_hand is ("bewertung" in changes)


def test_a_later_target_is_the_one_aimed_at() -> None:
    """Two targets: the next one after the latest value counts (2018 passed, 2025 ahead)."""
    item = _item(zielwerte=(m.Messpunkt(2018, 50.0), m.Messpunkt(2025, 100.0)),
                 werte=_kreis((2019, 52)))  # fmt: skip
    assert rate(item).grund == "71 % des nötigen Fortschritts"


def test_the_status_of_each_indicator(run_cli: RunCli, concept: Path) -> None:
    (concept / "indikatoren" / "kursplaetze.csv").write_text(
        "jahr;gebiet;wert;kennzeichen;anmerkung\n2015;kreis;40;;\n2016;kreis;42;p;\n"
        "2016;ahausen;61;;\n",
        encoding="utf-8",
    )
    args = ["indikator", "status", str(concept)]
    text = run_cli(*args).stdout
    assert "Anteil mit Kursplatz binnen drei Monaten (Wirkung)" in text
    assert "  zuletzt 2016: 42,0 % (Kreis) · Basis 2015: 40,0 % · Ziel 2020: 80,0 %" in text
    assert "  Bewertung: kaum Fortschritt (34 % des nötigen Fortschritts)" in text
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    assert data["indikatoren"] == [{
        "id": "kursplaetze", "titel": "Anteil mit Kursplatz binnen drei Monaten",
        "art": "wirkung", "einheit": "%", "zuletzt": {"jahr": 2016, "gebiet": "kreis",
                                                     "wert": 42.0},
        "basis": {"jahr": 2015, "wert": 40.0}, "ziel": {"jahr": 2020, "wert": 80.0},
        "bewertung": "kaum_fortschritt", "bewertung_grund": "34 % des nötigen Fortschritts",
        "bewertung_von_hand": False,
    }]  # fmt: skip
    rows = run_cli(*args, "--format", "csv").stdout.lstrip("\ufeff").splitlines()
    assert rows[0].startswith("ID;Indikator;Art;Einheit;Jahr;Gebiet;Wert;Basisjahr;")
    assert rows[1] == ("kursplaetze;Anteil mit Kursplatz binnen drei Monaten;wirkung;%;2016;"
                       "Kreis;42,0;2015;40,0;2020;80,0;kaum Fortschritt;"
                       "34 % des nötigen Fortschritts")  # fmt: skip


def test_without_indicators_the_status_says_how_to_begin(run_cli: RunCli, concept: Path) -> None:
    shutil.rmtree(concept / "indikatoren")
    result = run_cli("indikator", "status", str(concept))
    assert result.exit_code == 0
    assert "Noch keine Indikatoren. Legen Sie indikatoren/<id>.yaml an" in result.stdout


def test_stale_data_are_fine_when_new_figures_are_announced(concept: Path) -> None:
    (concept / "indikatoren" / "kursplaetze.csv").write_text(
        "jahr;gebiet;wert;kennzeichen;anmerkung\n2012;kreis;30;;\n", encoding="utf-8"
    )
    stale = validate(concept, today=dt.date(2017, 6, 1))
    assert [f.rule for f in stale.findings] == ["IK243"]
    path = concept / "indikatoren" / "kursplaetze.yaml"
    path.write_text(YAML + "naechste_daten: 2017-09\n", encoding="utf-8")
    assert validate(concept, today=dt.date(2017, 6, 1)).findings == ()
    assert [f.rule for f in validate(concept, today=dt.date(2017, 10, 1)).findings] == ["IK243"]


def test_each_goal_shows_its_indicators_in_the_concept_and_on_the_site(
    round_build: Path, edition_site: Path
) -> None:
    import subprocess

    from tests.conftest import KONZEPT

    raw = subprocess.run(["pdftotext", str(round_build / KONZEPT.format(2)), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    text = " ".join(raw.split())
    assert (
        "Gemessen an Indikator Basis Ziel Zuletzt Bewertung Neu Zugewanderte mit Platz im "
        "Integrationskurs binnen drei Monaten 38 % (2015) 75 % (2020) 61 % (2018) auf Kurs"
    ) in text
    assert "12,4 % (2018) kaum Fortschritt" in text
    assert "Anteil der Einwohnerinnen" not in text  # context: measures no goal
    page = (edition_site / "handlungsfelder" / "sprache.html").read_text(encoding="utf-8")
    assert '<caption id="messung-sprachkurs-zugang">Gemessen an</caption>' in page
    assert "<td>61 % (2018)</td><td>auf Kurs</td>" in page


def test_an_indicator_as_a_line_chart_with_target_base_and_breaks(edition_site: Path) -> None:
    from ikonzept.monitoring.status import status
    from ikonzept.render.content.linechart import _ticks, line_chart
    from tests.conftest import ROOT

    konzept = validate(ROOT / "concept-2019", today=dt.date(2019, 6, 4)).konzept
    assert konzept is not None
    rows = {row.indikator.id: row for row in status(konzept)}
    chart = line_chart(rows["kursplatz-drei-monate"])
    title = (
        "<title>Liniendiagramm: Neu Zugewanderte mit Platz im Integrationskurs binnen "
        "drei Monaten. 2018: 61 %, Basis 2015: 38 %, Ziel 2020: 75 %, auf Kurs.</title>"
    )
    assert title in chart
    assert 'stroke-dasharray="6 4"' in chart and ">Ziel 2020: 75 %</text>" in chart
    assert ">Basis 2015</text>" in chart and "Achse beginnt bei 30, nicht bei 0." in chart
    assert chart.count("<circle") == 4 and chart.count("<polyline") == 1
    # the values before the census break are not joined to those after it
    broken = line_chart(rows["auslaenderanteil"])
    assert ">Bruch 2011</text>" in broken and broken.count("<circle") == 6
    assert broken.count("<polyline") == 1  # 2011 to 2018; 2010 stands alone
    assert '<polyline points="107.0,' in broken  # it starts at 2011, not at 2010 (x 56)
    assert _ticks(38, 80) == [30, 40, 50, 60, 70, 80]
    assert _ticks(4.4, 7.6) == [4, 5, 6, 7, 8]
    assert _ticks(0, 0.9) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    page = (edition_site / "handlungsfelder" / "sprache.html").read_text(encoding="utf-8")
    assert '<figure class="diagramm">' in page and "<title>Liniendiagramm: Neu Zugewanderte" in page


def test_counts_with_a_reference_are_shown_as_rates_per_inhabitants() -> None:
    root = Path(__file__).parent / "cases"
    with tempfile.TemporaryDirectory() as folder:
        concept = Path(folder) / "konzept"
        shutil.copytree(root / "base", concept)
        shutil.copytree(root / "valid" / "indikator-je-einwohner" / "indikatoren",
                        concept / "indikatoren")  # fmt: skip
        konzept = validate(concept, today=dt.date(2017, 1, 1)).konzept
    assert konzept is not None
    rates = {i.id: i for i in konzept.indikatoren}["einbuergerungen"]
    shown = {(w.gebiet, w.wert, w.kennzeichen) for w in rates.werte}
    # 95 of 12,500 per 1,000; 28,000 of 2.1 million; no reference for the town: unknown
    assert shown == {("kreis", 7.6, None), ("nrw", 28000 / 2_100_000 * 1000, None),
                     ("ahausen", None, ".")}  # fmt: skip
    unknown = next(w for w in rates.werte if w.gebiet == "ahausen")
    assert unknown.anmerkung == "kein Bezugswert (Ausländerinnen und Ausländer) für 2016"


def test_the_open_data_page_says_a_rates_file_holds_the_counts(tmp_path: Path) -> None:
    from ikonzept.site.build import SiteOptions, build_site

    root = Path(__file__).parent / "cases"
    concept = tmp_path / "konzept"
    shutil.copytree(root / "base", concept)
    shutil.copytree(root / "valid" / "indikator-je-einwohner" / "indikatoren",
                    concept / "indikatoren")  # fmt: skip
    assert build_site(SiteOptions(root=concept, out=tmp_path / "site")).written
    page = " ".join((tmp_path / "site" / "daten.html").read_text(encoding="utf-8").split())
    assert ("– die Anzahlen, wie erhoben; die Seite des Indikators zeigt sie je 1.000 des "
            "Indikators „Ausländerinnen und Ausländer“</li>") in page  # fmt: skip
    assert page.count("die Anzahlen, wie erhoben") == 1  # not for the reference itself
