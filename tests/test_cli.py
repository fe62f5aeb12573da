"""The command line as a user meets it: help, exit codes, formats, German messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ikonzept import __version__
from ikonzept.cli import main
from tests.conftest import ROOT, SAMPLE, SAMPLE_TODAY, RunCli, snapshot


def _broken_copy(tmp_path: Path) -> Path:
    target = tmp_path / "konzept"
    shutil.copytree(SAMPLE, target)
    feld = target / "handlungsfelder" / "01-sprache.yaml"
    feld.write_text(
        feld.read_text(encoding="utf-8").replace("    massnahmen:", "    massnahmem:", 1),
        encoding="utf-8",
    )
    return target


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"ikonzept {__version__}\n"


@pytest.mark.parametrize(
    "command",
    ["", "validate", "schema", "init", "build", "diff", "status", "status set", "edition new",
     "feedback export", "feedback import", "plan", "plan new", "plan add", "plan status",
     "indikator", "indikator status", "indikator import", "bericht", "import"],
)  # fmt: skip
def test_help_is_german_and_stable(run_cli: RunCli, command: str) -> None:
    args = [*command.split(), "--help"]
    result = run_cli(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Aufruf: ikonzept {command}".rstrip())
    assert "Optionen" in result.stdout and "-h, --help" in result.stdout
    for english in ("Usage:", "Options:", "Show this message", "Arguments:"):
        assert english not in result.stdout
    snapshot(f"help-{command.replace(' ', '-') or 'ikonzept'}.txt", result.stdout)


def test_findings_name_file_line_and_column_with_suggestion(
    run_cli: RunCli, tmp_path: Path
) -> None:
    concept = _broken_copy(tmp_path)
    result = run_cli("validate", str(concept), "--today", SAMPLE_TODAY)
    assert result.exit_code == 1
    first, *_, last = result.stdout.splitlines()
    assert first.startswith(f"{concept.as_posix()}/handlungsfelder/01-sprache.yaml:")
    assert "Fehler IK101" in first
    assert "Unbekannter Schlüssel „massnahmem“" in first
    assert "Meinten Sie „massnahmen“?" in first
    assert last == "1 Fehler, 0 Warnungen in 38 Dateien"


def test_json_format_is_machine_readable(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(
        "validate", str(_broken_copy(tmp_path)), "--format", "json", "--today", SAMPLE_TODAY
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["zusammenfassung"] == {"fehler": 1, "warnungen": 0, "dateien": 38}
    (befund,) = document["befunde"]
    assert befund["datei"] == "handlungsfelder/01-sprache.yaml"
    assert befund["regel"] == "IK101"
    assert befund["schwere"] == "fehler"
    assert isinstance(befund["zeile"], int) and isinstance(befund["spalte"], int)


def test_github_format_annotates(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", str(_broken_copy(tmp_path)), "--format", "github")
    assert result.exit_code == 1
    annotation = result.stdout.splitlines()[0]
    assert annotation.startswith("::error file=")
    assert "01-sprache.yaml,line=" in annotation
    assert ",title=IK101::Unbekannter Schlüssel" in annotation


def test_strict_fails_on_warnings(run_cli: RunCli, tmp_path: Path) -> None:
    concept = tmp_path / "konzept"
    shutil.copytree(SAMPLE, concept)
    glossar = concept / "glossar.yaml"
    glossar.write_text(
        glossar.read_text(encoding="utf-8")
        + "- begriff: XYZ-Test\n  erklaerung: Ein Test mit QQQ.\n",
        encoding="utf-8",
    )
    assert run_cli("validate", str(concept)).exit_code == 0
    strict = run_cli("validate", str(concept), "--strict")
    assert strict.exit_code == 1
    assert "Warnung IK211" in strict.stdout and "„QQQ“" in strict.stdout


def test_default_folder_is_current_or_concept(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SAMPLE, tmp_path / "concept")
    monkeypatch.chdir(tmp_path)
    assert run_cli("validate").exit_code == 0
    monkeypatch.chdir(tmp_path / "concept")
    assert run_cli("validate").exit_code == 0


def test_missing_folder_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "fehlt"))
    assert result.exit_code == 2
    assert "existiert nicht" in result.stderr
    assert "Traceback" not in result.stderr


def test_explain_a_rule(run_cli: RunCli) -> None:
    result = run_cli("validate", "--explain", "IK208")
    assert result.exit_code == 0
    assert result.stdout.startswith("IK208 – Maßnahme nennt Zuständigkeit oder Frist (Fehler)")
    assert "vor Ort" in result.stdout


def test_explain_lists_all_rules_and_rejects_unknown(run_cli: RunCli) -> None:
    listing = run_cli("validate", "--explain", "all")
    assert listing.exit_code == 0
    assert "IK001" in listing.stdout and "IK215" in listing.stdout
    unknown = run_cli("validate", "--explain", "IK999")
    assert unknown.exit_code == 2
    assert "Eine Regel „IK999“ gibt es nicht" in unknown.stderr


def test_usage_errors_are_german(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--formt", "json"]) == 2
    err = capsys.readouterr().err
    assert "Unbekannte Option '--formt'. Meinten Sie '--format'?" in err
    assert main(["validate", "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "'pdf' ist nicht erlaubt; möglich sind 'text', 'json', 'github'" in err


def test_internal_errors_are_reported_without_traceback(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr("ikonzept.pipeline.validate.validate", explode)
    result = run_cli("validate", str(SAMPLE))
    assert result.exit_code == 3
    assert "Interner Fehler" in result.stderr and "Traceback" not in result.stderr
    debug = run_cli("--debug", "validate", str(SAMPLE))
    assert "Traceback" in debug.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ikonzept", "validate", str(SAMPLE), "--today", SAMPLE_TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.endswith("0 Fehler, 0 Warnungen in 38 Dateien\n")


def test_a_closed_pipe_ends_quietly() -> None:
    """`ikonzept feedback status | head -1`: the reader leaving is no error to report."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE, as after `head` has quit
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ikonzept", "feedback", "status", str(ROOT / "concept-2019")],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == ""
