"""The data-driven corpus: every folder under tests/cases/ is one concept to validate.

``cases/base/`` is a small valid concept. A case folder holds only what differs from it:

- files that replace or add to the base (symlinks are kept as symlinks),
- ``entfernen.txt``: relative paths to delete from the copy, one per line,
- ``erwartet.txt`` (invalid cases): one expected finding per line, ``RULE FILE:LINE:COLUMN``
  or ``RULE FILE`` when the finding has no position,
- ``meldung.txt`` (optional): substrings that must appear in the messages, one per line,
- ``xfail.txt`` (optional): the reason why the validator does not yet meet the expectation.

Cases under ``invalid/`` must report exactly the expected findings; cases under ``valid/``
must report none. Adding a case is adding a folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ikonzept.base.findings import Severity
from ikonzept.base.rules import RULES
from ikonzept.cli import app
from ikonzept.pipeline.validate import validate

CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"
TODAY = dt.date(2017, 1, 1)
CONTROL_FILES = frozenset({"erwartet.txt", "entfernen.txt", "meldung.txt", "xfail.txt"})

# What jsonschema and ruamel.yaml say in English; none of it may reach an author.
ENGLISH = (
    "is a required property",
    "Additional properties",
    "is not of type",
    "is not valid under",
    "is not one of",
    "does not match",
    "is too short",
    "is too long",
    "should be non-empty",
    "Failed validating",
    "while parsing",
    "while scanning",
    "while constructing",
    "found ",
    "expected ",
    "could not",
    " line ",
    "column",
    "Traceback",
    "No such file",
    "Permission denied",
    "Is a directory",
)
GERMAN = re.compile(r"\b(der|die|das|ist|nicht|kein|keine|ein|eine|sie|im|in|und|zum|hier)\b", re.I)

Key = tuple[str, str, int | None, int | None]


@dataclass(frozen=True)
class Case:
    folder: Path
    valid: bool

    @property
    def name(self) -> str:
        return self.folder.name

    def lines(self, name: str) -> list[str]:
        path = self.folder / name
        if not path.is_file():
            return []
        text = path.read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def expected(self) -> set[Key]:
        return {_parse_expectation(line) for line in self.lines("erwartet.txt")}


def _parse_expectation(line: str) -> Key:
    rule, _, where = line.partition(" ")
    match = re.fullmatch(r"(?P<file>.+?)(?::(?P<line>\d+):(?P<column>\d+))?", where.strip())
    assert rule in RULES and match, f"erwartet.txt: unverständliche Zeile {line!r}"
    number, column = match["line"], match["column"]
    return (
        rule,
        match["file"],
        int(number) if number else None,
        int(column) if column else None,
    )


def _discover() -> list[Any]:
    params: list[Any] = []
    for group, valid in (("invalid", False), ("valid", True)):
        folder = CASES / group
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            if not entry.is_dir():
                continue
            case = Case(entry, valid)
            reason = " ".join(case.lines("xfail.txt"))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(case, id=f"{group}/{entry.name}", marks=marks))
    return params


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _overlay(source: Path, target: Path, top: bool = True) -> None:
    """Copy ``source`` onto ``target``, replacing what is there; symlinks stay symlinks."""
    for entry in sorted(source.iterdir()):
        if top and entry.name in CONTROL_FILES:
            continue
        destination = target / entry.name
        if entry.is_symlink():
            _remove(destination)
            os.symlink(os.readlink(entry), destination)
        elif entry.is_dir():
            if destination.exists() and not destination.is_dir():
                _remove(destination)
            destination.mkdir(exist_ok=True)
            _overlay(entry, destination, top=False)
        else:
            _remove(destination)
            shutil.copyfile(entry, destination)


def _build(case: Case, tmp_path: Path) -> Path:
    concept = tmp_path / "konzept"
    shutil.copytree(BASE, concept, symlinks=True)
    _overlay(case.folder, concept)
    for rel in case.lines("entfernen.txt"):
        target = concept / rel
        assert target.exists() or target.is_symlink(), f"entfernen.txt: {rel} gibt es nicht"
        _remove(target)
    return concept


def _run_cli(concept: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    args = ["validate", str(concept), "--format", "json", "--today", TODAY.isoformat()]
    result = CliRunner().invoke(app, [*args, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout), result.output


def _english(message: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in message]


def test_base_is_valid() -> None:
    validation = validate(BASE, today=TODAY)
    assert validation.konzept is not None
    assert [f"{f.rule} {f.file}:{f.line}: {f.message}" for f in validation.findings] == []
    args = ["validate", str(BASE), "--today", TODAY.isoformat()]
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "0 Fehler, 0 Warnungen" in result.stdout
    assert "1 Handlungsfeld, 2 Ziele" in result.stdout  # the singular where there is one


@pytest.mark.parametrize("case", _discover())
def test_case(case: Case, tmp_path: Path) -> None:
    concept = _build(case, tmp_path)
    expected = set() if case.valid else case.expected()

    validation = validate(concept, today=TODAY)
    found = {(f.rule, f.file, f.line, f.column) for f in validation.findings}
    report = "\n".join(
        f"{f.rule} {f.file}:{f.line}:{f.column} {f.message}" for f in validation.findings
    )
    assert found == expected, f"Befunde:\n{report}"

    for item in validation.findings:
        assert item.severity is RULES[item.rule].severity
        assert not _english(item.message), f"englische Meldung: {item.message}"
        assert GERMAN.search(item.message), f"Meldung nicht deutsch: {item.message}"
    messages = "\n".join(f.message for f in validation.findings)
    for needle in case.lines("meldung.txt"):
        assert needle in messages, f"„{needle}“ fehlt in den Meldungen:\n{messages}"

    has_error = any(RULES[rule].severity is Severity.ERROR for rule, *_ in expected)
    code, document, output = _run_cli(concept)
    assert "Traceback" not in output and "Interner Fehler" not in output
    assert code == (1 if has_error else 0)
    cli_found = {
        (item["regel"], item["datei"], item["zeile"], item["spalte"])
        for item in document["befunde"]
    }
    assert cli_found == expected
    for item in document["befunde"]:
        severity = RULES[item["regel"]].severity
        assert item["schwere"] == ("fehler" if severity is Severity.ERROR else "warnung")
    summary = document["zusammenfassung"]
    assert summary["fehler"] + summary["warnungen"] == len(document["befunde"])

    strict_code, _, _ = _run_cli(concept, "--strict")
    assert strict_code == (1 if expected else 0)


# Rules no case folder can show, and the test that does instead.
ELSEWHERE = {
    "IK007": "tests/test_loading.py::test_huge_file_is_refused_without_reading_it",
}


def test_every_rule_has_an_invalid_case() -> None:
    """A rule without a case that breaks it is a rule nobody would notice losing."""
    shown = {
        rule
        for erwartet in (CASES / "invalid").glob("*/erwartet.txt")
        for rule, *_ in (line.split() for line in erwartet.read_text("utf-8").splitlines())
    }
    assert set(RULES) - shown == set(ELSEWHERE), "rules without an invalid case"
    for rule, test in ELSEWHERE.items():
        path, name = test.split("::")
        assert f"def {name}(" in (CASES.parents[1] / path).read_text("utf-8"), rule


def test_every_message_reads_as_reviewed(tmp_path: Path) -> None:
    """What authors read, for every invalid case, as one text to review: a changed word in
    any message (schema, domain, hints, suggestions) shows up here."""
    from tests.conftest import snapshot

    lines = []
    for param in _discover():
        case: Case = param.values[0]
        if case.valid:
            continue
        concept = _build(case, tmp_path / case.name)
        lines.append(f"== {case.name}")
        for item in validate(concept, today=TODAY).findings:
            where = f"{item.file}:{item.line}:{item.column}" if item.line else item.file
            lines.append(f"{item.rule} {where} {item.message}")
    snapshot("befunde.txt", "\n".join(lines) + "\n")
