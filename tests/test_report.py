"""`ikonzept bericht`: the Sachstandsbericht, its Mitteilungsvorlage and their OParl Paper."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPORT, ROOT, RunCli
from tests.pdftext import flat, page_texts

pytestmark = pytest.mark.slow

EDITION = ROOT / "concept-2019"


def _text(pdf: Path) -> str:
    return flat(" ".join(page_texts(pdf)))


def test_the_report_has_its_six_parts_with_the_numbers_of_the_concept(report_build: Path) -> None:
    text = _text(report_build / REPORT.format(".pdf"))
    headings = ["1 Zusammenfassung", "2 Was sich geändert hat", "3 Kommen die Ziele voran?",
                "4 Die Handlungspläne der Kommunen", "5 Lage im Kreis (Monitoring)",
                "6 Hinweise zu den Daten"]  # fmt: skip
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    # 1: measures per status on the reporting date, the goals' ratings, the plans
    assert "Zum Stichtag 31. Dezember 2019 sind 61 offen, 7 in Umsetzung, 5 umgesetzt" in text
    assert "3 Indikatoren messen, ob die Ziele vorankommen: 1 auf Kurs, 1 kaum Fortschritt" in text
    assert "3 von 11 Städten und Gemeinden haben einen Handlungsplan; 3 Schritte sind" in text
    # 2: against the previous edition, with the reasons
    assert "hat sich der Stand von 14 Maßnahmen geändert" in text
    assert "Die Unterkünfte in Schulnähe wurden 2018 geschlossen" in text
    assert "5.4.1 Mehrsprachige Beratung für Beschäftigte aus anderen EU-Staaten" in text
    # 3: per goal, the sentence a screen reader hears, the rating with its reason, the table
    assert "2018: 61 %, Basis 2015: 38 %, Ziel 2020: 75 %, auf Kurs." in text
    assert "Bewertung: rückläufig (−23 % des nötigen Fortschritts)" in text
    assert "Jahr Kreis Coesfeld Dülmen 2016 11,2 % 12,8 % 10,9 %" in text
    # 4: overdue as of the reporting date
    assert "Dülmen 1.1.2 Integrationskurse mit Kinderbetreuung in den größeren Städten " \
        "anbieten Betreuungskräfte einstellen 31.07.2019" in text  # fmt: skip
    # 5: apart from the goals, not rated; 6: sources, symbols, breaks, the method
    assert "den Maßnahmen des Konzepts nicht zurechenbar" in text
    # a comparison area: in the sentence, the chart and the table, never rated
    assert "2018: 18,4 %, Nordrhein-Westfalen: 21,8 %, keine Bewertung." in text
    assert "Gepunktet: Nordrhein-Westfalen zum Vergleich." in text
    assert "Jahr Kreis Nordrhein-Westfalen 2015 14,2 % 17,5 %" in text
    assert "p vorläufige Zahl" in text
    assert "ab 2011 Fortschreibung auf Basis des Zensus 2011" in text
    assert "März 2020" in text
    assert "Beispielwerte" in text


def test_every_chart_stands_beside_a_table_with_its_numbers(report_build: Path) -> None:
    from ikonzept.build.report import _comparison
    from ikonzept.monitoring.status import as_of
    from ikonzept.pipeline.validate import validate
    from ikonzept.render.content.bericht import render_bericht, report_view

    validation = validate(EDITION)
    assert validation.konzept is not None
    konzept = as_of(validation.konzept, 2019)
    import datetime as dt

    view = report_view(konzept, dt.date(2019, 12, 31),
                       _comparison(EDITION, konzept, validation.previous))  # fmt: skip
    html = render_bericht(konzept, EDITION, [ROOT / "templates"], view, "2019-12-31")
    for block in re.findall(r'<section class="indikator">.*?</section>', html, re.S):
        charts = block.count('<svg xmlns="http://www.w3.org/2000/svg"')
        assert charts >= 1 and '<table class="werte">' in block
        assert all(t.strip() for t in re.findall(r"<title>(.*?)</title>", block))
    assert html.count('<section class="indikator">') == 5
    # the towns' small multiples where towns have values: two indicators in the sample
    assert html.count('class="kleine-diagramme"') == 2


def test_small_multiples_share_one_axis_and_show_the_county_in_each() -> None:
    from ikonzept.model.indicators import Art, Indikator, Richtung, Wert
    from ikonzept.monitoring.rating import rate
    from ikonzept.monitoring.status import IndicatorStatus
    from ikonzept.render.content.linechart import small_multiples

    werte = tuple(
        Wert(year, area, value)
        for area, values in {"kreis": (5, 6), "a": (2, 3), "b": (40, 50), "c": (None, None)}.items()
        for year, value in zip((2017, 2018), values, strict=True)
    )
    item = Indikator("x", "Quote", Art.KONTEXT, "%", Richtung.HALTEN, werte=werte)
    row = IndicatorStatus(item, None, None, rate(item))
    svg = small_multiples(row, {"a": "Adorf", "b": "Bdorf"}, ["b", "a", "c"])
    assert re.findall(r'font-weight="700">(\w+)</text>', svg) == ["Bdorf", "Adorf"]
    # the same axis in every panel: its top and bottom labels repeat
    labels = re.findall(r'text-anchor="end" fill="#595959">([\d,.]+)</text>', svg)
    assert labels == ["0", "50", "0", "50"]
    assert svg.count('stroke-dasharray="4 3"') == 2  # the county, once per panel


def test_a_comparison_areas_name_never_sits_on_its_own_line() -> None:
    from ikonzept.model.indicators import Art, Indikator, Richtung, Vergleichsgebiet, Wert
    from ikonzept.monitoring.rating import rate
    from ikonzept.monitoring.status import IndicatorStatus
    from ikonzept.render.content.linechart import line_chart

    def label_and_point(nrw: tuple[float, float]) -> tuple[float, float]:
        werte = (Wert(2017, "kreis", 5), Wert(2018, "kreis", 6),
                 Wert(2017, "nrw", nrw[0]), Wert(2018, "nrw", nrw[1]))  # fmt: skip
        item = Indikator("x", "Quote", Art.KONTEXT, "%", Richtung.HALTEN, werte=werte,
                         vergleich=(Vergleichsgebiet("nrw", "Nordrhein-Westfalen"),))  # fmt: skip
        svg = line_chart(IndicatorStatus(item, None, None, rate(item)))
        label = re.search(r'y="([\d.]+)" text-anchor="end" fill="[^"]+">Nordrhein-Westfalen<', svg)
        points = re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="5" height="5"', svg)
        assert label is not None and len(points) == 2
        return float(label.group(1)), float(points[-1]) + 2.5

    label, point = label_and_point((4, 8))  # rising: the line comes from below, the name above
    assert label < point
    label, point = label_and_point((9, 7))  # falling: the line comes from above, the name below
    assert label > point


def test_the_committee_paper_takes_note_and_names_the_report_with_its_pages(
    report_build: Path,
) -> None:
    report = report_build / REPORT.format(".pdf")
    paper = report_build / REPORT.format("-vorlage.pdf")
    text = _text(paper)
    pages = len(page_texts(report))
    assert "Mitteilungsvorlage MV-9-1302" in text
    assert "Art Mitteilungsvorlage" in text
    assert "Integrationsausschuss 04.02.2020 Kenntnisnahme" in text
    assert "Der Ausschuss nimmt den Bericht „Sachstandsbericht 2019 zum Integrationskonzept" in text
    assert f"Stand 31. Dezember 2019 ({pages} Seiten)" in text
    oparl = json.loads((report_build / REPORT.format(".oparl.json")).read_text(encoding="utf-8"))
    assert oparl["paperType"] == "Mitteilungsvorlage"
    assert oparl["reference"] == "MV-9-1302"
    assert oparl["relatedPaper"] == ["https://www.kreis-coesfeld.de/oparl/paper/sv-9-1187"]
    assert [c["role"] for c in oparl["consultation"]] == ["Kenntnisnahme"]
    for file, path in ((oparl["mainFile"], paper), (oparl["auxiliaryFile"][0], report)):
        assert file["fileName"] == path.name
        assert file["sha512Checksum"] == hashlib.sha512(path.read_bytes()).hexdigest()


def test_the_reporting_date_cuts_the_values_and_counts_the_steps(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli("bericht", str(EDITION), "-o", str(tmp_path), "--stichtag", "2017-12-31")
    assert result.exit_code == 0, result.stdout + result.stderr
    name = "integrationskonzept-kreis-coesfeld-sachstandsbericht-2017-12-31"
    assert f"Geschrieben: {tmp_path / name}.pdf" in result.stdout
    text = _text(tmp_path / f"{name}.pdf")
    assert "Stand: 31. Dezember 2017." in text
    assert "2017: 53 %, Basis 2015: 38 %, Ziel 2020: 75 %" in text
    assert "2018: 61 %" not in text
    assert "Zum Stichtag ist kein vereinbarter Schritt überfällig." in text


def test_a_later_report_compares_with_the_state_an_earlier_one_kept(
    run_cli: RunCli, tmp_path: Path, report_build: Path
) -> None:
    concept = tmp_path / "konzept"
    shutil.copytree(EDITION, concept)
    kept = report_build / REPORT.format(".konzept.json")
    shutil.copy(kept, concept / "ausgaben" / "bericht-2019.json")
    done = run_cli("status", "set", "kita-elterninformation", "umgesetzt", "-C", str(concept))
    assert done.exit_code == 0
    settings = concept / "bericht.yaml"
    text = settings.read_text(encoding="utf-8").replace(
        "stichtag: 2019-12-31", "stichtag: 2020-12-31\nseit: ausgaben/bericht-2019.json"
    )
    settings.write_text(text, encoding="utf-8")
    result = run_cli("bericht", str(concept), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.stdout + result.stderr
    name = "integrationskonzept-kreis-coesfeld-sachstandsbericht-2020-12-31.pdf"
    report = _text(tmp_path / "out" / name)
    assert "hat sich der Stand von 1 Maßnahme geändert; 1 ist davon umgesetzt" in report


def test_without_settings_the_report_is_written_alone_and_says_what_is_missing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    concept = tmp_path / "konzept"
    shutil.copytree(EDITION, concept)
    (concept / "bericht.yaml").unlink()
    result = run_cli("bericht", str(concept), "-o", str(tmp_path / "out"), "--today", "2020-06-30")
    assert result.exit_code == 0, result.stdout + result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    name = "integrationskonzept-kreis-coesfeld-sachstandsbericht-2020-06-30"
    assert written == [f"{name}.konzept.json", f"{name}.pdf"]
    assert "keine Mitteilungsvorlage" in result.stdout
    assert "Sachstandsbericht 2020 zum Integrationskonzept des Kreises Coesfeld" in _text(
        tmp_path / "out" / f"{name}.pdf"
    )


def test_nothing_is_written_from_a_concept_with_errors_or_a_bad_date(
    run_cli: RunCli, tmp_path: Path
) -> None:
    concept = tmp_path / "konzept"
    shutil.copytree(EDITION, concept)
    settings = concept / "bericht.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "stichtg: 2020\n", encoding="utf-8")
    result = run_cli("bericht", str(concept), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Meinten Sie „stichtag“?" in result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    out = str(tmp_path / "out")
    wrong = run_cli("bericht", str(EDITION), "-o", out, "--stichtag", "31.12.2019")
    assert wrong.exit_code == 2
    assert "--stichtag „31.12.2019“: bitte als JJJJ-MM-TT angeben" in wrong.stderr


def test_the_report_is_checked_as_of_its_date_in_bericht_yaml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without --stichtag or --today, bericht.yaml's date (2019-12-31) is the checks' day,
    as a date on the command line is: the warnings say what the report says."""
    from ikonzept.build import report

    monkeypatch.setattr(report, "_write", lambda *_args: None)  # the checks, not the PDF
    result = report.write_report(report.ReportOptions(root=EDITION, out=tmp_path))
    rules = [f.rule for f in result.validation.findings]
    assert result.stichtag == dt.date(2019, 12, 31)
    assert "IK231" not in rules  # the plans of May 2019 are not a year old on that day
    assert rules.count("IK230") == 3  # the steps overdue on that day, as the report counts
