"""The loader meets hostile input: whatever the bytes, the answer is a finding, not a crash."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikonzept.base.rules import RULES
from ikonzept.load.reading import MAX_FILE_BYTES, unreadable
from ikonzept.load.yamlload import parse
from ikonzept.pipeline.validate import validate
from ikonzept.project.scaffold import create
from tests.test_cases import ENGLISH

YAML_ALPHABET = st.sampled_from(list(" \t\n-:&*!|>'\"#[]{},?%@`abcKIü0192\\"))


@given(st.text(alphabet=YAML_ALPHABET, max_size=200) | st.text(max_size=200))
@settings(max_examples=400, deadline=None)
def test_parse_never_raises(text: str) -> None:
    data, problem = parse(text, "datei.yaml")
    if problem is not None:
        assert data is None
        assert problem.rule in RULES
        assert problem.message
        assert not [phrase for phrase in ENGLISH if phrase in problem.message], problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= max(1, len(text.splitlines()))


@given(content=st.binary(max_size=300))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_validate_never_raises_on_random_bytes(tmp_path: Path, content: bytes) -> None:
    concept = tmp_path / "k"
    if not concept.exists():
        create(concept, today="2024-01-01")
    (concept / "glossar.yaml").write_bytes(content)
    result = validate(concept, today=dt.date(2024, 1, 2))
    assert all(f.rule in RULES for f in result.findings)


def _concept(tmp_path: Path) -> Path:
    concept = tmp_path / "k"
    create(concept, today="2024-01-01")
    return concept


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    concept = _concept(tmp_path)
    with (concept / "glossar.yaml").open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    (finding,) = validate(concept).findings
    assert finding.rule == "IK007"
    assert "MB" in finding.message


def test_symlinked_folder_outside_is_not_followed(tmp_path: Path) -> None:
    concept = _concept(tmp_path)
    outside = tmp_path / "draussen"
    outside.mkdir()
    (outside / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (concept / "akteure" / "integrationszentrum.yaml").rename(outside / "ik.yaml")
    (concept / "akteure").rmdir()
    (concept / "akteure").symlink_to(outside)
    rules = {f.rule for f in validate(concept).findings}
    assert "IK009" in rules


def test_bom_is_accepted(tmp_path: Path) -> None:
    concept = _concept(tmp_path)
    glossar = concept / "glossar.yaml"
    glossar.write_bytes(b"\xef\xbb\xbf" + glossar.read_bytes())
    assert validate(concept).findings == ()


def test_windows_1252_names_the_byte_and_the_fix(tmp_path: Path) -> None:
    concept = _concept(tmp_path)
    (concept / "glossar.yaml").write_bytes(
        "- begriff: Förderung\n  erklaerung: Geld\n".encode("cp1252")
    )
    (finding,) = validate(concept).findings
    assert finding.rule == "IK004"
    assert (finding.line, finding.column) == (1, 13)
    assert "0xF6" in finding.message and "„ö“" in finding.message
    assert "Windows-1252" in finding.message and "UTF-8" in finding.message


def test_utf16_without_bom_is_named(tmp_path: Path) -> None:
    concept = _concept(tmp_path)
    glossar = concept / "glossar.yaml"
    glossar.write_bytes(glossar.read_text(encoding="utf-8").encode("utf-16-le"))
    (finding,) = validate(concept).findings
    assert finding.rule == "IK004"
    assert "UTF-16" in finding.message and "UTF-8" in finding.message


def test_system_errors_are_told_in_german() -> None:
    denied = unreadable("glossar.yaml", PermissionError(errno.EACCES, "Permission denied"))
    assert "keine Leseberechtigung" in denied.message
    rare = unreadable("glossar.yaml", OSError(errno.ENOSPC, "No space left on device"))
    assert "ENOSPC" in rare.message
    for item in (denied, rare):
        assert item.rule == "IK006"
        assert "Permission" not in item.message and "No space" not in item.message


def test_anchor_scan_ignores_ampersands_in_text() -> None:
    text = "titel: Sprache & Bildung\ntext: |\n  **Kinder** &amp; Jugend, R&D\n"
    data, problem = parse(text, "datei.yaml")
    assert problem is None
    assert data["titel"] == "Sprache & Bildung"


def test_unused_anchor_is_refused_with_its_position() -> None:
    data, problem = parse("a: 1\nb: [x, &y z]\n", "datei.yaml")
    assert data is None and problem is not None
    assert (problem.rule, problem.line, problem.column) == ("IK008", 2, 8)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!binary aGFsbG8=\n", "!!binary"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !!python/object:os.system x\n", "!!python/object:os.system"),
    ],
)
def test_tags_that_make_no_text_are_refused(text: str, tag: str) -> None:
    data, problem = parse(text, "datei.yaml")
    assert data is None and problem is not None
    assert (problem.rule, problem.line, problem.column) == ("IK001", 1, 4)
    assert f"„{tag}“" in problem.message


def test_fast_check_agrees_with_jsonschema_on_every_case() -> None:
    """The generated fast path must never call valid what jsonschema rejects."""
    from jsonschema import Draft202012Validator, FormatChecker

    from ikonzept.check.fastcheck import is_valid
    from ikonzept.check.schema import load_schema
    from ikonzept.load.sources import discover
    from tests.conftest import ROOT

    folders = [ROOT / "concept", *sorted((ROOT / "tests" / "cases").glob("*/*"))]
    compared = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for source in discover(folder).files:
            try:
                data, problem = parse(source.path.read_text(encoding="utf-8"), source.rel)
            except (OSError, UnicodeDecodeError, RuntimeError):
                continue
            if problem is not None:
                continue
            validator = Draft202012Validator(
                load_schema(source.kind), format_checker=FormatChecker(["date"])
            )
            assert is_valid(source.kind, data) == validator.is_valid(data), source.path
            compared += 1
    assert compared > 100


def test_parsed_files_are_cached_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikonzept.load import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = "- begriff: Teilhabe\n  erklaerung: Mitmachen.\n"
    first, _ = parse(text, "glossar.yaml")
    entries = list((tmp_path / "cache").rglob("*.marshal"))
    assert len(entries) == 1
    assert parse(text, "glossar.yaml") == (first, None)
    changed, _ = parse(text.replace("Mitmachen", "Dabeisein"), "glossar.yaml")
    assert changed[0]["erklaerung"] == "Dabeisein."
    broken = parse("- begriff: [\n", "glossar.yaml")
    assert broken[1] is not None and len(list((tmp_path / "cache").rglob("*.marshal"))) == 2
    monkeypatch.setenv("IKONZEPT_CACHE", "0")
    assert cache.get(cache.key("yaml", text)) is None


def test_a_valid_text_is_not_checked_against_its_schema_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikonzept.check import fastcheck, schema
    from ikonzept.load.sources import Kind

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    checked: list[object] = []
    real = fastcheck.is_valid

    def counted(kind: Kind, document: object) -> bool:
        checked.append(document)
        return real(kind, document)

    monkeypatch.setattr(fastcheck, "is_valid", counted)
    valid = "- begriff: Teilhabe\n  erklaerung: Mitmachen.\n"
    invalid = "- begriff: Teilhabe\n  erklaerung: Mitmachen.\n  farbe: blau\n"
    for _ in range(2):
        for text in (valid, invalid):
            data, _problem = parse(text, "glossar.yaml")
            schema.check(Kind.GLOSSAR, data, "glossar.yaml", text)
    assert len(checked) == 3  # the valid text once, the invalid one each time
    assert schema.check(Kind.GLOSSAR, parse(invalid, "x")[0], "glossar.yaml", invalid)
    # Another kind's schema, or changed schemas, check the same text anew.
    schema.check(Kind.ABKUERZUNGEN, [], "abkuerzungen.yaml", valid)
    monkeypatch.setattr(fastcheck, "_schemas", lambda: "geaendert")
    schema.check(Kind.GLOSSAR, parse(valid, "x")[0], "glossar.yaml", valid)
    assert len(checked) == 6
    # Without the cache, every check runs.
    monkeypatch.setenv("IKONZEPT_CACHE", "0")
    schema.check(Kind.GLOSSAR, parse(valid, "x")[0], "glossar.yaml", valid)
    assert len(checked) == 7


def test_an_unwritable_cache_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    data, problem = parse("a: 1\n", "konzept.yaml")
    assert (data, problem) == ({"a": 1}, None)
