"""An update round: the build writes the Synopse and the proposal summarises the changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ikonzept.project.scaffold import create
from tests.conftest import SAMPLE, RunCli

pytestmark = pytest.mark.slow


@pytest.fixture
def rounds(tmp_path: Path) -> Path:
    """A small first edition and its update, which names it as predecessor."""
    first = tmp_path / "2020"
    create(first, today="2020-03-01")
    shutil.copy(SAMPLE / "vorlage.yaml", first / "vorlage.yaml")
    second = tmp_path / "2023"
    shutil.copytree(first, second)
    konzept = second / "konzept.yaml"
    konzept.write_text(
        konzept.read_text(encoding="utf-8")
        .replace("nummer: 1", "nummer: 2")
        .replace("stand: 2020-03-01", "stand: 2023-02-01\n  vorgaenger: ../2020"),
        encoding="utf-8",
    )
    feld = second / "handlungsfelder" / "01-sprache.yaml"
    feld.write_text(
        feld.read_text(encoding="utf-8").replace(
            "        akteure: [integrationszentrum]",
            "        akteure: [integrationszentrum]\n        stand: umgesetzt\n"
            "      - id: kursberatung\n        titel: Eine offene Kursberatung anbieten",
        ),
        encoding="utf-8",
    )
    return second


def test_update_round_writes_synopse_and_summary(run_cli: RunCli, rounds: Path) -> None:
    out = rounds.parent / "out"
    result = run_cli("build", str(rounds), "-o", str(out), "--html")
    assert result.exit_code == 0, result.stdout + result.stderr
    names = sorted(p.name for p in out.iterdir() if p.suffix == ".pdf")
    assert names == [
        "integrationskonzept-musterkreis-ausgabe-2-synopse.pdf",
        "integrationskonzept-musterkreis-ausgabe-2-vorlage.pdf",
        "integrationskonzept-musterkreis-ausgabe-2.pdf",
    ]
    vorlage = (out / "integrationskonzept-musterkreis-ausgabe-2-vorlage.html").read_text(
        encoding="utf-8"
    )
    assert "Integrationskonzept des Musterkreises – 1. Fortschreibung" in vorlage
    assert "Änderungen gegenüber der bisherigen Ausgabe" in vorlage
    assert "Maßnahmen – 1 neu" in vorlage
    assert "1 Maßnahme wurde umgesetzt" in vorlage
    assert "Synopse zur 1. Fortschreibung" in vorlage  # Anlage 2
    diff = run_cli("diff", str(rounds.parent / "2020"), str(rounds), "--format", "json")
    counts = json.loads(diff.stdout)["zusammenfassung"]["massnahme"]
    assert counts == {"hinzugefuegt": 1, "stand": 1}
    paper = json.loads((out / "vorlage.oparl.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in paper["auxiliaryFile"]] == [
        "Anlage 1: Integrationskonzept des Musterkreises",
        "Anlage 2: Synopse",
    ]


def test_only_one_document(run_cli: RunCli, rounds: Path) -> None:
    out = rounds.parent / "out"
    result = run_cli("build", str(rounds), "-o", str(out), "--only", "synopse")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".pdf") == [
        "integrationskonzept-musterkreis-ausgabe-2-synopse.pdf"
    ]


def test_missing_previous_edition_is_a_clear_error(run_cli: RunCli, rounds: Path) -> None:
    shutil.rmtree(rounds.parent / "2020")
    result = run_cli("build", str(rounds), "-o", str(rounds.parent / "out"))
    assert result.exit_code == 1
    assert "IK220 Die Vorgängerausgabe „../2020“ lässt sich nicht laden" in result.stdout


def test_concept_and_proposal_of_an_update_round_show_the_status_chart(
    run_cli: RunCli, rounds: Path
) -> None:
    import pikepdf

    from tests.matterhorn.tree import read
    from tests.pdftext import flat, page_texts

    out = rounds.parent / "out"
    assert run_cli("build", str(rounds), "-o", str(out), "--html").exit_code == 0
    for name in (
        "integrationskonzept-musterkreis-ausgabe-2.pdf",
        "integrationskonzept-musterkreis-ausgabe-2-vorlage.pdf",
    ):
        text = " ".join(flat(page) for page in page_texts(out / name))
        assert "Stand der Umsetzung" in text
        assert "in Umsetzung umgesetzt dauerhaft (Regelaufgabe) zurückgestellt entfallen" in text
        with pikepdf.open(out / name) as pdf:
            tree = read(pdf)
            assert tree is not None
            alts = [str(e.obj.Alt) for e in tree.walk() if e.type == "Figure" and "/Alt" in e.obj]
        assert any(alt.startswith("Balkendiagramm: Stand der Umsetzung") for alt in alts)
    html = (out / "integrationskonzept-musterkreis-ausgabe-2.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="stand-diagramm"' in html
    assert 'href="#stand-der-umsetzung"' in html  # in the table of contents
