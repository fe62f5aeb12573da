"""The sample's second edition is what the update-round commands make of the first."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, RunCli
from tests.sample_edition import make

COMMITTED = ROOT / "concept-2019"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_second_edition_is_made_by_the_commands(run_cli: RunCli, tmp_path: Path) -> None:
    def run(*args: str) -> None:
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)

    made = tmp_path / "concept-2019"
    make(made, run)
    committed, regenerated = _files(COMMITTED), _files(made)
    assert sorted(committed) == sorted(regenerated)
    changed = [name for name in committed if committed[name] != regenerated[name]]
    assert changed == [], "`python -m tests.sample_edition` makes concept-2019 anew"


def test_second_edition_is_valid_and_knows_its_round(run_cli: RunCli) -> None:
    # as of its time: its action plans of May 2019 are older than twelve months today
    assert run_cli("validate", str(COMMITTED), "--strict", "--today", "2019-07-01").exit_code == 0
    assert "IK231" in run_cli("validate", str(COMMITTED), "--today", "2020-07-01").stdout
    status = run_cli("feedback", "status", str(COMMITTED)).stdout
    assert "3 von 46 Bögen zurück" in status
    report = (COMMITTED / "rueckmeldungen" / "bericht-2019-04-02.md").read_text(encoding="utf-8")
    assert "Beratung für Beschäftigte aus anderen EU-Staaten" in report
