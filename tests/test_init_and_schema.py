"""`ikonzept init` and `ikonzept schema`: a new concept that editors can check while typing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ikonzept.base.resources import schema_dir
from ikonzept.pipeline.validate import validate
from ikonzept.project.scaffold import SCHEMA_FILES
from tests.conftest import ROOT, RunCli


def test_init_creates_a_clean_concept(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "neu"
    result = run_cli("init", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Neues Konzept" in result.stdout
    assert validate(target).findings == ()
    assert run_cli("validate", str(target), "--strict").exit_code == 0


def test_init_files_name_their_local_schema(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "neu"
    run_cli("init", str(target))
    yaml_files = sorted(target.rglob("*.yaml"))
    assert len(yaml_files) >= 5
    for path in yaml_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (path.parent / first.split("=", 1)[1]).is_file()


@pytest.mark.parametrize("existing", ["datei.txt", ".versteckt"])
def test_init_refuses_a_folder_that_is_not_empty(
    run_cli: RunCli, tmp_path: Path, existing: str
) -> None:
    (tmp_path / existing).write_text("bleibt", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 1
    assert "ist nicht leer" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]


def test_init_into_an_empty_existing_folder(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / "konzept.yaml").is_file()


def test_schema_lists_and_writes_all_schemas(run_cli: RunCli, tmp_path: Path) -> None:
    listing = run_cli("schema")
    assert listing.exit_code == 0
    assert len(listing.stdout.splitlines()) == len(SCHEMA_FILES)
    written = run_cli("schema", "--out", str(tmp_path / "s"))
    assert written.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(SCHEMA_FILES)


def test_repository_schemas_are_the_ones_in_use() -> None:
    assert schema_dir() == ROOT / "schemas"
    assert sorted(p.name for p in schema_dir().glob("*.schema.json")) == sorted(SCHEMA_FILES)


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schemas_are_strict_and_documented_in_german(name: str) -> None:
    schema = json.loads((schema_dir() / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}")
    objects = list(_objects(schema))
    assert objects
    for obj in objects:
        assert obj["additionalProperties"] is False
        for key, prop in obj["properties"].items():
            assert prop.get("title"), f"{name}: {key} has no title"
            assert prop.get("description"), f"{name}: {key} has no description"
