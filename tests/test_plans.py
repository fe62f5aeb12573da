"""The towns' local action plans: `plan new`, `plan add`, `plan status`, and their checks
(the checks' failing examples are cases in tests/cases/invalid/plan-*)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ikonzept.pipeline.validate import validate
from tests.conftest import SAMPLE, RunCli

TODAY = "2017-05-01"


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    target = tmp_path / "konzept"
    shutil.copytree(SAMPLE, target)
    return target


def _plan(concept: Path, town: str) -> Path:
    return concept / "plaene" / f"{town}.yaml"


def test_a_new_plan_lists_the_measures_recommended_for_its_town(
    run_cli: RunCli, concept: Path
) -> None:
    result = run_cli("plan", "new", "duelmen", "-C", str(concept), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Angelegt: plaene/duelmen.yaml\n"
    text = _plan(concept, "duelmen").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/plan.schema.json\n")
    assert text.endswith("kommune: duelmen\nstand: 2017-05-01\nmassnahmen: []\n")
    konzept = validate(SAMPLE).konzept
    assert konzept is not None
    menu = [line.split()[2] for line in text.splitlines() if line.startswith("#   ")]
    expected = [m.id for *_, m in konzept.massnahmen() if not m.kommunen or "duelmen" in m.kommunen]
    assert menu == expected
    assert "kursorte-laendlicher-raum" not in menu  # for the smaller towns only
    assert "#   1.1.1    sprachkurs-koordination" in text and "(kreisweit)" in text
    assert validate(concept, today=dt.date(2017, 6, 1)).findings == ()


def test_a_plan_is_never_overwritten_and_only_for_a_known_town(
    run_cli: RunCli, concept: Path
) -> None:
    assert run_cli("plan", "new", "olfen", "-C", str(concept)).exit_code == 0
    before = _plan(concept, "olfen").read_bytes()
    again = run_cli("plan", "new", "olfen", "-C", str(concept))
    assert again.exit_code == 1
    assert "plaene/olfen.yaml gibt es schon; ikonzept überschreibt ihn nicht." in again.stderr
    assert _plan(concept, "olfen").read_bytes() == before
    unknown = run_cli("plan", "new", "oelfen", "-C", str(concept))
    assert unknown.exit_code == 1
    assert "Eine Kommune „oelfen“ gibt es in konzept.yaml nicht." in unknown.stderr


def test_entries_are_new_lines_only_and_the_plan_stays_valid(
    run_cli: RunCli, concept: Path
) -> None:
    path = _plan(concept, "duelmen")
    path.parent.mkdir()
    original = (
        "# Runder Tisch Dülmen\r\nkommune: duelmen\r\nstand: 2017-05-01\r\nmassnahmen:\r\n"
        "  - massnahme: sprachcafes  # seit Mai\r\n    verantwortlich: caritas-duelmen\r\n"
        "\r\n# Ende des Plans\r\n"
    )
    path.write_bytes(original.encode("utf-8"))
    args = ["plan", "add", "duelmen", "kurse-kinderbetreuung", "-C", str(concept)]
    result = run_cli(*args, "--verantwortlich", "caritas-duelmen", "--partner", "vhs-coesfeld",
                     "--partner", "drk-coesfeld", "--prioritaet", "hoch", "--beginn", "2017-09",
                     "--ende", "2018-06")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "kurse-kinderbetreuung: in plaene/duelmen.yaml aufgenommen.\n"
    assert path.read_bytes().decode("utf-8") == original.replace(
        "caritas-duelmen\r\n\r\n",
        "caritas-duelmen\r\n"
        "  - massnahme: kurse-kinderbetreuung\r\n    verantwortlich: caritas-duelmen\r\n"
        "    partner: [vhs-coesfeld, drk-coesfeld]\r\n    prioritaet: hoch\r\n"
        "    beginn: 2017-09\r\n    ende: 2018-06\r\n\r\n",
    )
    dauer = run_cli("plan", "add", "duelmen", "sprachkurs-koordination", "-C", str(concept),
                    "--verantwortlich", "vhs-coesfeld", "--dauerhaft")  # fmt: skip
    assert dauer.exit_code == 0, dauer.output
    result_ = validate(concept, today=dt.date(2017, 6, 1))
    assert result_.findings == ()
    assert result_.konzept is not None
    plan = result_.konzept.plaene[0]
    assert [e.massnahme for e in plan.massnahmen] == [
        "sprachcafes", "kurse-kinderbetreuung", "sprachkurs-koordination"
    ]  # fmt: skip
    assert plan.massnahmen[2].dauerhaft and plan.massnahmen[1].partner == (
        "vhs-coesfeld", "drk-coesfeld"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "message", "code"),
    [
        (["gibt-es-nicht", "--verantwortlich", "vhs-coesfeld"],
         "Eine Maßnahme „gibt-es-nicht“ gibt es in diesem Konzept nicht.", 1),
        (["sprachcafes", "--verantwortlich", "vhs-coesfeld", "--partner", "niemand"],
         "Einen Akteur „niemand“ gibt es im Akteursverzeichnis nicht.", 1),
        (["sprachcafes", "--verantwortlich", "vhs-coesfeld"],
         "Die Maßnahme „sprachcafes“ steht schon im Handlungsplan", 1),
        (["sprachmittler-pool", "--verantwortlich", "vhs-coesfeld", "--ende", "2018-01",
          "--dauerhaft"], "Entweder --ende oder --dauerhaft, nicht beides.", 1),
        (["sprachmittler-pool", "--verantwortlich", "vhs-coesfeld", "--beginn", "2018-01",
          "--ende", "2017-01"], "--ende (2017-01) liegt vor --beginn (2018-01).", 1),
        (["sprachmittler-pool", "--verantwortlich", "vhs-coesfeld", "--beginn", "2018-1"],
         "--beginn „2018-1“: bitte als JJJJ-MM angeben", 2),
        (["sprachmittler-pool", "--verantwortlich", "vhs-coesfeld", "--prioritaet", "dringend"],
         "--prioritaet „dringend“: möglich sind hoch, mittel, niedrig.", 2),
    ],
)  # fmt: skip
def test_an_entry_that_validate_would_refuse_is_not_written(
    run_cli: RunCli, concept: Path, extra: list[str], message: str, code: int
) -> None:
    path = _plan(concept, "duelmen")
    path.parent.mkdir()
    path.write_text(
        "kommune: duelmen\nstand: 2017-05-01\nmassnahmen:\n  - massnahme: sprachcafes\n"
        "    verantwortlich: caritas-duelmen\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    result = run_cli("plan", "add", "duelmen", *extra, "-C", str(concept))
    assert result.exit_code == code
    assert message in result.stderr
    assert path.read_bytes() == before


def test_an_entry_needs_the_plan(run_cli: RunCli, concept: Path) -> None:
    result = run_cli("plan", "add", "olfen", "sprachcafes", "--verantwortlich", "vhs-coesfeld",
                     "-C", str(concept))  # fmt: skip
    assert result.exit_code == 1
    assert "plaene/olfen.yaml gibt es noch nicht: `ikonzept plan new olfen` legt ihn an." in (
        result.stderr
    )


def _two_plans(concept: Path) -> None:
    (concept / "plaene").mkdir()
    _plan(concept, "duelmen").write_text(
        "kommune: duelmen\nstand: 2017-05-01\nmassnahmen:\n"
        "  - massnahme: sprachkurs-koordination\n    verantwortlich: vhs-coesfeld\n"
        "    stand: in_umsetzung\n    schritte:\n"
        "      - {titel: Kursträger einladen, bis: 2017-06-30, erledigt: 2017-06-20}\n"
        "      - {titel: Übersicht veröffentlichen, bis: 2017-09-30}\n"
        "  - massnahme: kurse-kinderbetreuung\n    verantwortlich: caritas-duelmen\n",
        encoding="utf-8",
    )
    _plan(concept, "olfen").write_text(
        "kommune: olfen\nstand: 2016-12-01\nmassnahmen:\n"
        "  - massnahme: sprachkurs-koordination\n    verantwortlich: vhs-coesfeld\n"
        "    stand: umgesetzt\n",
        encoding="utf-8",
    )


def test_the_status_shows_who_took_up_what(run_cli: RunCli, concept: Path) -> None:
    _two_plans(concept)
    args = ["plan", "status", str(concept), "--today", "2017-12-01"]
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    assert data["massnahmen"] == [
        {"id": "sprachkurs-koordination", "nummer": "1.1.1",
         "titel": "Kreisweite Koordinierung der Sprachkursangebote aufbauen",
         "stand": {"duelmen": "in_umsetzung", "olfen": "umgesetzt"}},
        {"id": "kurse-kinderbetreuung", "nummer": "1.1.2",
         "titel": "Integrationskurse mit Kinderbetreuung in den größeren Städten anbieten",
         "stand": {"duelmen": "offen"}},
    ]  # fmt: skip
    towns = {t["id"]: t for t in data["kommunen"]}
    assert towns["duelmen"] == {
        "id": "duelmen", "name": "Dülmen", "stand": "2017-05-01", "alter_monate": 7,
        "massnahmen": 2, "ueberfaellig": [{"massnahme": "sprachkurs-koordination",
                                          "schritt": "Übersicht veröffentlichen",
                                          "bis": "2017-09-30"}],
    }  # fmt: skip
    assert towns["olfen"]["alter_monate"] == 12 and towns["olfen"]["ueberfaellig"] == []
    assert towns["ascheberg"]["stand"] is None
    text = run_cli(*args).stdout
    assert "Dülmen: Plan vom 01.05.2017 (7 Monate), 2 Maßnahmen, 1 Schritt überfällig:" in text
    assert "  – Übersicht veröffentlichen (sprachkurs-koordination, bis 30.09.2017)" in text
    assert "Olfen: Plan vom 01.12.2016 (12 Monate), 1 Maßnahme." in text
    assert "Ohne Handlungsplan: Ascheberg, Billerbeck, Coesfeld," in text
    rows = run_cli(*args, "--format", "csv").stdout.lstrip("\ufeff").splitlines()
    assert rows[0].startswith("Nr.;ID;Maßnahme;Ascheberg;")
    first = "Kreisweite Koordinierung der Sprachkursangebote aufbauen"
    assert rows[1].split(";")[:3] == ["1.1.1", "sprachkurs-koordination", first]
    assert len(rows) == 3


def test_the_status_without_plans_says_how_to_begin(run_cli: RunCli, concept: Path) -> None:
    result = run_cli("plan", "status", str(concept))
    assert result.exit_code == 0
    assert "Noch keine Kommune hat eine Maßnahme in ihren Handlungsplan aufgenommen." in (
        result.stdout
    )
    assert "`ikonzept plan new KOMMUNE` legt einen an." in result.stdout


def test_each_plan_is_a_working_paper_of_its_own(round_build: Path) -> None:
    """The sample's second edition: three towns' plans, one PDF each, A4 landscape."""
    import subprocess

    import pikepdf

    from tests.conftest import PLAN

    for town in ("coesfeld", "duelmen", "nottuln"):
        assert (round_build / PLAN.format(2, town)).is_file(), town
    pdf = round_build / PLAN.format(2, "duelmen")
    with pikepdf.open(pdf) as document:
        box = document.pages[0].mediabox
        assert float(box[2]) > float(box[3])  # landscape
        assert str(document.docinfo["/Title"]).startswith("Handlungsplan Dülmen – ")
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    text = " ".join(raw.split())
    assert "Handlungsplan Dülmen" in text and "Stand des Plans: 15. Mai 2019." in text
    assert "1 Sprache und Sprachförderung" in text
    for words in ("VHS Dülmen – Haltern am See – Havixbeck", "Dekanat Dülmen", "hoch",
                  "Aug. 2019 –", "Juli 2020", "ab Sept. 2019, dauerhaft"):  # fmt: skip
        assert words in text, words
    assert "Wohnraumbörsen" not in text and "EU-Staaten" not in text  # Coesfeld's plan


def test_the_update_rounds_documents_show_who_took_up_what(round_build: Path) -> None:
    """The concept's „Stand der Umsetzung“ (with the chart per measure) and the proposal
    (compactly, without it): the towns with plans, and per measure the towns by status."""
    import subprocess

    from tests.conftest import KONZEPT, VORLAGE

    def text(name: str) -> str:
        raw = subprocess.run(["pdftotext", str(round_build / name), "-"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        return " ".join(raw.split())

    for name in (KONZEPT.format(2), VORLAGE.format(2)):
        part = text(name).split("In den Handlungsplänen der Kommunen", 1)[1]
        assert part.startswith(
            " 3 Städte und Gemeinden haben mit dem Kommunalen Integrationszentrum vereinbart, "
            "welche der empfohlenen Maßnahmen sie aufgreifen, wer federführend ist und bis wann "
            "(Stand 4. Juni 2019); noch ohne Handlungsplan: Ascheberg, Billerbeck,"
        ), name
        assert "Dülmen 15. Mai 2019 4 0" in part, name
        assert "Elterncafés in Familienzentren interkulturell öffnen 2 offen: Coesfeld, Dülmen" in (
            part
        ), name
        assert "1 in Umsetzung: Dülmen" in part and "dauerhaft (Regelaufgabe): Nottuln" in part
        chart = "In wie vielen Kommunen jede Maßnahme aus den Handlungsplänen"
        assert (chart in part) is (name == KONZEPT.format(2)), name


def test_a_build_of_the_plans_only_and_no_plan_in_an_excerpt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from ikonzept.build import BuildOptions, build
    from tests.conftest import ROOT

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # laid out, not taken
    fonts = set(Path(tempfile.gettempdir()).glob("weasyprint-*"))
    only = build(BuildOptions(root=ROOT / "concept-2019", out=tmp_path / "plaene", only="plaene"))
    # The worker processes took the fonts they copied to a temporary folder with them.
    assert set(Path(tempfile.gettempdir()).glob("weasyprint-*")) <= fonts
    assert sorted(p.name for p in only.outputs if p.suffix == ".pdf") == [
        f"integrationskonzept-kreis-coesfeld-ausgabe-2-handlungsplan-{t}.pdf"
        for t in ("coesfeld", "duelmen", "nottuln")
    ]
    excerpt = build(BuildOptions(root=ROOT / "concept-2019", out=tmp_path / "auszug",
                                 kommune="duelmen", only="konzept"))  # fmt: skip
    assert not [p for p in excerpt.outputs if "handlungsplan" in p.name]


def test_a_status_is_set_in_one_towns_plan(run_cli: RunCli, tmp_path: Path) -> None:
    from tests.conftest import ROOT

    concept = tmp_path / "konzept"
    shutil.copytree(ROOT / "concept-2019", concept)
    plan = _plan(concept, "duelmen")
    before = plan.read_text(encoding="utf-8")
    county = (concept / "handlungsfelder" / "01-sprache.yaml").read_bytes()
    args = ["status", "set", "kurse-kinderbetreuung", "in_umsetzung", "-C", str(concept)]
    result = run_cli(*args, "--kommune", "duelmen")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "kurse-kinderbetreuung: Stand „in Umsetzung“ in plaene/duelmen.yaml eingetragen.\n"
    )
    assert plan.read_text(encoding="utf-8") == before.replace(
        "    ende: 2020-07\n", "    ende: 2020-07\n    stand: in_umsetzung\n", 1
    )
    assert (concept / "handlungsfelder" / "01-sprache.yaml").read_bytes() == county
    again = run_cli(*args, "--kommune", "duelmen")
    assert "Stand in duelmen ist bereits „in Umsetzung“; nichts geändert." in again.stdout
    missing = run_cli(*args, "--kommune", "olfen")
    assert missing.exit_code == 1
    assert "Für olfen gibt es keinen Handlungsplan" in missing.stderr
    other = run_cli("status", "set", "griffbereit", "umgesetzt", "-C", str(concept),
                    "--kommune", "nottuln")  # fmt: skip
    assert other.exit_code == 1
    assert "Die Maßnahme „griffbereit“ steht nicht im Handlungsplan für nottuln" in other.stderr


def test_the_status_counts_the_plans_statuses_per_town_and_measure(run_cli: RunCli) -> None:
    from tests.conftest import ROOT

    args = ["status", str(ROOT / "concept-2019")]
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    rows = {r["id"]: r for r in data["handlungsplaene"]}
    assert sorted(rows) == ["coesfeld", "duelmen", "nottuln"]
    assert rows["duelmen"]["bezeichnung"] == "Dülmen" and rows["duelmen"]["summe"] == 4
    assert rows["nottuln"]["stand"] == {
        "offen": 1, "in_umsetzung": 0, "umgesetzt": 0, "dauerhaft": 1, "zurueckgestellt": 0,
        "entfallen": 0,
    }  # fmt: skip
    measures = {r["id"]: r for r in data["massnahmen_in_plaenen"]}
    assert len(measures) == 8 and next(iter(measures)) == "kurse-kinderbetreuung"
    cafes = measures["elterncafes-interkulturell"]
    assert cafes["bezeichnung"] == "2.3.3 Elterncafés in Familienzentren interkulturell öffnen"
    assert cafes["stand"]["offen"] == 2 and cafes["summe"] == 2
    assert measures["frauen-sprachtreffs"]["stand"]["in_umsetzung"] == 1
    text = " ".join(run_cli(*args).stdout.split())
    assert " Handlungsplan " in text and " Nottuln " in text
    assert "in den Handlungsplänen" in text
    assert "2.3.3 Elterncafés" in text and "2 Kommunen: 2 offen" in text
    assert "1 Kommune: 1 dauerhaft (Regelaufgabe)" in text
    lines = run_cli(*args, "--format", "csv").stdout.splitlines()
    assert sum(line.startswith("Handlungsplan;") for line in lines) == 3
    assert "Maßnahme in Handlungsplänen;elterncafes-interkulturell;2.3.3 Elterncafés in " in (
        "\n".join(lines)
    )
    without = json.loads(run_cli("status", str(SAMPLE), "--format", "json").stdout)
    assert without["handlungsplaene"] == [] and without["massnahmen_in_plaenen"] == []


def test_a_towns_excerpt_has_its_plan_as_a_chapter(tmp_path: Path) -> None:
    import subprocess

    import pikepdf

    from ikonzept.build import BuildOptions, build
    from tests.conftest import ROOT
    from tests.matterhorn import check

    def excerpt(town: str) -> tuple[Path, str]:
        out = tmp_path / town
        assert build(BuildOptions(root=ROOT / "concept-2019", out=out, kommune=town,
                                  only="konzept")).built  # fmt: skip
        pdf = out / f"integrationskonzept-kreis-coesfeld-ausgabe-2-{town}.pdf"
        raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
        return pdf, " ".join(raw.split())

    pdf, text = excerpt("duelmen")
    assert text.count("Handlungsplan Dülmen") >= 3  # contents, running header, heading
    assert "Stand des Plans: 15. Mai 2019." in text
    assert "Niedrigschwellige Sprachtreffs für Frauen im Wohnumfeld anbieten" in text
    with pikepdf.open(pdf) as document:
        assert [str(f) for f in check(document)] == []
        landscape = [p for p in document.pages if float(p.mediabox[2]) > float(p.mediabox[3])]
        assert landscape  # the plan's pages
    _pdf, other = excerpt("olfen")  # no plan: no chapter
    assert "Handlungsplan Olfen" not in other and "Stand des Plans" not in other


def test_a_one_page_plan_is_reported_as_one_page(run_cli: RunCli, tmp_path: Path) -> None:
    from tests.conftest import ROOT

    result = run_cli("build", str(ROOT / "concept-2019"), "-o", str(tmp_path), "--only",
                     "plaene")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "handlungsplan-nottuln.pdf (1 Seite)\n" in result.stdout


def test_steps_are_added_and_marked_done_with_their_own_lines(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from tests.conftest import ROOT

    concept = tmp_path / "konzept"
    shutil.copytree(ROOT / "concept-2019", concept)
    plan = _plan(concept, "nottuln")
    before = plan.read_text(encoding="utf-8")
    args = ["-C", str(concept)]
    added = run_cli("plan", "schritt", "nottuln", "brueckenspielgruppen",
                    "Räume  im Gemeindehaus klären", "--bis", "2019-08-15", *args)  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout == "Schritt bei brueckenspielgruppen in plaene/nottuln.yaml eingetragen.\n"
    entry = "    ende: 2020-08\n"
    step = "    schritte:\n      - titel: Räume im Gemeindehaus klären\n        bis: 2019-08-15\n"
    assert plan.read_text(encoding="utf-8") == before.replace(entry, entry + step, 1)
    done = run_cli("plan", "erledigt", "nottuln", "brueckenspielgruppen",
                   "Räume im Gemeindehaus klären", "--am", "2019-08-01", *args)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.stdout == "Erledigt am 01.08.2019: in plaene/nottuln.yaml eingetragen.\n"
    step_done = step + "        erledigt: 2019-08-01\n"
    assert plan.read_text(encoding="utf-8") == before.replace(entry, entry + step_done, 1)
    again = run_cli("plan", "erledigt", "nottuln", "brueckenspielgruppen",
                    "Räume im Gemeindehaus klären", "--am", "2019-08-01", *args)  # fmt: skip
    assert "schon am 01.08.2019 erledigt; nichts geändert." in again.stdout
    result = validate(concept, today=dt.date(2019, 9, 1))
    assert result.konzept is not None
    nottuln = next(p for p in result.konzept.plaene if p.kommune == "nottuln")
    assert nottuln.massnahmen[1].schritte[0].erledigt == dt.date(2019, 8, 1)


@pytest.mark.parametrize(
    ("extra", "message", "code"),
    [
        (["schritt", "nottuln", "brueckenspielgruppen", "X", "--bis", "15.08.2019"],
         "--bis „15.08.2019“: bitte als JJJJ-MM-TT angeben, z. B. 2019-12-31.", 2),
        (["schritt", "nottuln", "brueckenspielgruppen", "  ", "--bis", "2019-08-15"],
         "Ein Schritt braucht einen Titel.", 1),
        (["schritt", "nottuln", "sprachcafes-und-sprachlernbegleitung",
          "Termine der Sprachcafés im Gemeindeblatt veröffentlichen", "--bis", "2019-08-15"],
         "Den Schritt „Termine der Sprachcafés im Gemeindeblatt veröffentlichen“ gibt es bei "
         "sprachcafes-und-sprachlernbegleitung in nottuln schon", 1),
        (["schritt", "nottuln", "griffbereit", "X", "--bis", "2019-08-15"],
         "Die Maßnahme „griffbereit“ steht nicht im Handlungsplan für nottuln", 1),
        (["schritt", "olfen", "griffbereit", "X", "--bis", "2019-08-15"],
         "Für olfen gibt es keinen Handlungsplan", 1),
        (["erledigt", "nottuln", "sprachcafes-und-sprachlernbegleitung", "Termine"],
         "Bei sprachcafes-und-sprachlernbegleitung in nottuln gibt es keinen Schritt „Termine“. "
         "Vereinbart sind: „Termine der Sprachcafés im Gemeindeblatt veröffentlichen“.", 1),
        (["erledigt", "nottuln", "brueckenspielgruppen", "X", "--am", "gestern"],
         "--am „gestern“: bitte als JJJJ-MM-TT angeben", 2),
    ],
)  # fmt: skip
def test_a_step_that_cannot_be_placed_is_refused(
    run_cli: RunCli, tmp_path: Path, extra: list[str], message: str, code: int
) -> None:
    from tests.conftest import ROOT

    concept = tmp_path / "konzept"
    shutil.copytree(ROOT / "concept-2019", concept)
    before = {p.name: p.read_bytes() for p in (concept / "plaene").iterdir()}
    result = run_cli("plan", *extra, "-C", str(concept))
    assert result.exit_code == code
    assert message in result.stderr
    assert {p.name: p.read_bytes() for p in (concept / "plaene").iterdir()} == before


def test_the_matrix_in_the_terminal_and_words_never_read_as_markup(
    run_cli: RunCli, concept: Path
) -> None:
    _two_plans(concept)
    plan = _plan(concept, "duelmen")
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "Übersicht veröffentlichen", '"[bold]Übersicht[/bold] veröffentlichen"'
    ), encoding="utf-8")  # fmt: skip
    text = run_cli("plan", "status", str(concept), "--today", "2017-12-01").stdout
    lines = text.splitlines()
    head = lines.index(next(line for line in lines if line.startswith("Nr.")))
    assert lines[head].split() == ["Nr.", "Maßnahme", "Dülmen", "Olfen"]
    assert set(lines[head + 1]) == {"─"}
    assert lines[head + 2].split()[0] == "1.1.1"
    assert lines[head + 2].split()[-3:] == ["in", "Ums.", "umges."]
    assert lines[head + 4].split()[-2:] == ["offen", "·"]  # 1.1.2: Dülmen only
    assert "  – [bold]Übersicht[/bold] veröffentlichen (sprachkurs-koordination" in text
