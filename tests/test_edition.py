"""`ikonzept edition new`, and what validate checks against the previous edition."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, RunCli


def _new_edition(run_cli: RunCli, tmp_path: Path) -> Path:
    target = tmp_path / "2019"
    result = run_cli("edition", "new", str(SAMPLE), "--to", str(target), "--stand", "2019-01-15")
    assert result.exit_code == 0, result.stderr
    assert "Ausgabe 2 (1. Fortschreibung)" in result.stdout
    return target


def test_edition_new_freezes_the_previous_and_changes_only_the_edition(
    run_cli: RunCli, tmp_path: Path
) -> None:
    target = _new_edition(run_cli, tmp_path)
    before = (SAMPLE / "konzept.yaml").read_text(encoding="utf-8")
    after = (target / "konzept.yaml").read_text(encoding="utf-8")
    frozen = (target / "ausgaben" / "1.json").read_bytes()
    digest = hashlib.sha256(frozen).hexdigest()
    assert after == before.replace(
        "  nummer: 1\n  stand: 2016-11-15\n  beschlossen:\n    gremium: Kreistag\n"
        "    datum: 2016-12-14\n",
        "  nummer: 2\n  stand: 2019-01-15\n  vorgaenger: ausgaben/1.json\n"
        f"  vorgaenger_pruefsumme: sha256:{digest}\n",
    )
    assert json.loads(frozen)["konzept"]["ausgabe"]["nummer"] == 1
    for name in ("handlungsfelder/01-sprache.yaml", "akteure", "vorlage.yaml"):
        assert (target / name).exists()
    assert run_cli("validate", str(target), "--strict").exit_code == 0
    compared = run_cli("diff", str(target / "ausgaben" / "1.json"), str(target), "--exit-code")
    assert compared.exit_code == 0, compared.stdout  # a copy: nothing changed yet


def test_edition_new_never_overwrites(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "belegt"
    target.mkdir()
    (target / "notiz.txt").write_text("meins", encoding="utf-8")
    result = run_cli("edition", "new", str(SAMPLE), "--to", str(target))
    assert result.exit_code == 1
    assert "gibt es schon und ist nicht leer; ikonzept überschreibt nichts" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notiz.txt"]


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "KI", "GIT_AUTHOR_EMAIL": "ki@example.org",
                        "GIT_COMMITTER_NAME": "KI", "GIT_COMMITTER_EMAIL": "ki@example.org",
                        "HOME": str(folder), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_edition_new_in_place_needs_a_clean_git_work_tree(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "konzept"
    shutil.copytree(SAMPLE, folder)
    outside = run_cli("edition", "new", str(folder))
    assert outside.exit_code == 2 and "nicht in einem git-Arbeitsbaum" in outside.stderr
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "Ausgabe 1")
    (folder / "glossar.yaml").write_text(
        (folder / "glossar.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    dirty = run_cli("edition", "new", str(folder))
    assert dirty.exit_code == 2 and "nicht eingecheckte Änderungen" in dirty.stderr
    _git(folder, "checkout", "--", "glossar.yaml")
    result = run_cli("edition", "new", str(folder), "--stand", "2019-01-15")
    assert result.exit_code == 0, result.stderr
    assert (folder / "ausgaben" / "1.json").is_file()
    assert run_cli("validate", str(folder), "--strict").exit_code == 0


@pytest.fixture
def edition(run_cli: RunCli, tmp_path: Path) -> Path:
    return _new_edition(run_cli, tmp_path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_measure_removed_without_a_word_is_a_warning(run_cli: RunCli, edition: Path) -> None:
    feld = edition / "handlungsfelder" / "01-sprache.yaml"
    text = feld.read_text(encoding="utf-8")
    start = text.index("      - id: alphabetisierungskurse")
    end = text.index("      - id: kursorte-laendlicher-raum")
    feld.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cli("validate", str(edition))
    assert result.exit_code == 0
    assert "Warnung IK219 Maßnahme 1.1.3 „Alphabetisierungskurse bedarfsgerecht ausbauen“ " \
           "(alphabetisierungskurse) der vorigen Ausgabe fehlt" in result.stdout  # fmt: skip


def test_ersetzt_must_name_ids_of_the_previous_edition(run_cli: RunCli, edition: Path) -> None:
    feld = edition / "handlungsfelder" / "01-sprache.yaml"
    _edit(feld, "        stand: in_umsetzung\n",
          "        stand: in_umsetzung\n        ersetzt: [sprachcafe, sprachcafes]\n")  # fmt: skip
    result = run_cli("validate", str(edition))
    assert result.exit_code == 1
    assert (
        "Fehler IK218 „ersetzt“ nennt „sprachcafe“, aber die vorige Ausgabe hat keine "
        "Maßnahme mit dieser ID." in result.stdout
    )
    assert result.stdout.count("IK218") == 1  # sprachcafes was a measure


def test_an_id_keeps_its_kind(run_cli: RunCli, edition: Path) -> None:
    feld = edition / "handlungsfelder" / "01-sprache.yaml"
    _edit(feld, "  - id: sprachkurs-zugang\n", "  - id: sprachkurs-koordination\n")
    _edit(feld, "      - id: sprachkurs-koordination\n", "      - id: sprachkurs-buero\n")
    result = run_cli("validate", str(edition))
    assert (
        "Fehler IK217 „sprachkurs-koordination“ war in der vorigen Ausgabe eine Maßnahme und "
        "ist jetzt ein Ziel." in result.stdout
    )


def test_a_changed_snapshot_and_a_missing_one_are_errors(run_cli: RunCli, edition: Path) -> None:
    frozen = edition / "ausgaben" / "1.json"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("Sprache", "Sprachen", 1),
                      encoding="utf-8")  # fmt: skip
    changed = run_cli("validate", str(edition))
    assert changed.exit_code == 1
    assert "IK221 „ausgaben/1.json“ wurde nach dem Einfrieren verändert" in changed.stdout
    frozen.unlink()
    missing = run_cli("validate", str(edition))
    assert missing.exit_code == 1
    assert "IK220 Die Vorgängerausgabe „ausgaben/1.json“ lässt sich nicht laden" in missing.stdout
    assert run_cli("validate", "--explain", "IK219").exit_code == 0


@pytest.mark.parametrize("form", ["block", "flow"])
def test_edition_new_when_the_vote_is_the_last_key_of_the_file(
    run_cli: RunCli, tmp_path: Path, form: str
) -> None:
    """`ausgabe` moved to the end of konzept.yaml, its `beschlossen` last, no final newline."""
    folder = tmp_path / "konzept"
    shutil.copytree(SAMPLE, folder)
    path = folder / "konzept.yaml"
    vote = {
        "block": "  beschlossen:\n    gremium: Kreistag\n    datum: 2016-12-14\n",
        "flow": "  beschlossen: {gremium: Kreistag, datum: 2016-12-14}\n",
    }[form]
    edition = "ausgabe:\n  nummer: 1\n  stand: 2016-11-15\n"
    text = path.read_text(encoding="utf-8").replace(
        edition + "  beschlossen:\n    gremium: Kreistag\n    datum: 2016-12-14\n", ""
    )
    path.write_text(text + edition + vote.rstrip("\n"), encoding="utf-8")
    target = tmp_path / "2019"
    result = run_cli("edition", "new", str(folder), "--to", str(target), "--stand", "2019-01-15")
    assert result.exit_code == 0, result.stderr
    after = (target / "konzept.yaml").read_text(encoding="utf-8")
    assert after.startswith(text)
    assert after[len(text) :].startswith(
        "ausgabe:\n  nummer: 2\n  stand: 2019-01-15\n  vorgaenger: ausgaben/1.json\n"
        "  vorgaenger_pruefsumme: sha256:"
    )
    assert "beschlossen:" not in after
    assert run_cli("validate", str(target), "--strict").exit_code == 0
