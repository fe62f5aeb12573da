"""The sample concept is a test itself: real-sized, complete, and without findings."""

from __future__ import annotations

import datetime as dt

import pytest

from ikonzept.model import Konzept
from ikonzept.pipeline.validate import validate
from tests.conftest import SAMPLE, SAMPLE_TODAY, RunCli

TODAY = dt.date.fromisoformat(SAMPLE_TODAY)


@pytest.fixture(scope="module")
def sample() -> Konzept:
    result = validate(SAMPLE, today=TODAY)
    assert result.findings == ()
    assert result.konzept is not None
    return result.konzept


def test_sample_validates_strictly_without_findings(run_cli: RunCli) -> None:
    result = run_cli("validate", str(SAMPLE), "--strict", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "0 Fehler, 0 Warnungen in 38 Dateien"


def test_sample_is_real_sized(sample: Konzept) -> None:
    ziele = [z for f in sample.handlungsfelder for z in f.ziele]
    assert len(sample.handlungsfelder) >= 8
    assert len(ziele) >= 25
    assert len(sample.massnahmen()) >= 70
    assert len(sample.akteure) >= 40
    assert sum(len(a.angebote) for a in sample.akteure) >= 80
    assert len(sample.glossar) >= 30
    assert len(sample.abkuerzungen) >= 40
    assert len(sample.rechtsgrundlagen) >= 6
    assert len(sample.beteiligung) >= 10


def test_sample_is_kreis_coesfeld_with_its_eleven_towns(sample: Konzept) -> None:
    assert [k.name for k in sample.kommunen] == [
        "Ascheberg", "Billerbeck", "Coesfeld", "Dülmen", "Havixbeck", "Lüdinghausen",
        "Nordkirchen", "Nottuln", "Olfen", "Rosendahl", "Senden",
    ]  # fmt: skip
    assert sample.ausgabe.nummer == 1
    assert sample.ausgabe.bezeichnung == "1. Integrationskonzept"


def test_sample_covers_both_pillars_and_local_measures(sample: Konzept) -> None:
    pillars = {f.saeule.value for f in sample.handlungsfelder if f.saeule}
    assert pillars == {"bildung", "querschnitt"}
    local = [m for *_, m in sample.massnahmen() if m.kommunen]
    assert 10 <= len(local) < len(sample.massnahmen())


def test_sample_publishes_few_contact_persons(sample: Konzept) -> None:
    people = [p for a in sample.akteure for p in a.ansprechpersonen]
    public = [p for a in sample.akteure for p in a.oeffentliche_ansprechpersonen]
    assert len(people) >= 20
    assert 0 < len(public) < len(people) / 3


def test_sample_proposal_restates_the_seed(sample: Konzept) -> None:
    vorlage = sample.vorlage
    assert vorlage is not None
    assert vorlage.nummer == "SV-9-0676"
    assert [b.gremium for b in vorlage.beratungsfolge][-1] == "Kreistag"
    assert "31.12.2016" in vorlage.begruendung.problem
    assert "Willkommen bei Freunden" in vorlage.begruendung.loesung
    assert "[^1]" in vorlage.begruendung.loesung
    assert "SV-9-0677" in vorlage.begruendung.auswirkungen.finanzen


def test_every_sample_file_names_its_schema() -> None:
    for path in sorted(SAMPLE.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), path


def test_sample_has_no_placeholder_text() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SAMPLE.rglob("*.yaml")).lower()
    for placeholder in ("lorem", "ipsum", "todo", "xxx"):
        assert placeholder not in text
