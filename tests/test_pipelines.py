"""A county's concept repository: the pre-commit hook (run for real with pre-commit), the CI
pipelines `init --ci` writes (valid for their platform; every ikonzept command in them
exists), and validate's GitLab Code Quality report."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import site
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from ruamel.yaml import YAML

from ikonzept.cli import app
from tests.conftest import ROOT, RunCli

BASE = Path(__file__).parent / "cases" / "base"
BIN = Path(sys.executable).parent


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    folder = tmp_path / "integrationskonzept"
    folder.mkdir()
    _git(folder, "init", "-q")
    return folder


def _commands(pipeline: Any) -> Iterator[list[str]]:
    """Every ikonzept command line of a GitHub workflow or a GitLab pipeline."""
    scripts: list[str] = []
    for job in (pipeline.get("jobs") or pipeline).values():
        if isinstance(job, dict):
            scripts += [step.get("run", "") for step in job.get("steps", [])]
            scripts += job.get("script", [])
    for script in scripts:
        for line in str(script).splitlines():
            if line.strip().startswith("ikonzept "):
                yield shlex.split(line)[1:]


def _parses(args: list[str]) -> None:
    """Parse like the real CLI (options, choices, arguments) without running anything."""
    import click

    command: Any = typer.main.get_command(app)
    with click.Context(command, info_name="ikonzept") as context:
        sub = command.get_command(context, args[0])
        assert sub is not None, f"ikonzept {args[0]} gibt es nicht"
        sub.make_context(args[0], list(args[1:]), parent=context)


@pytest.mark.parametrize(
    ("platform", "file", "schema"),
    [
        ("github", ".github/workflows/integrationskonzept.yml", "vendor.github-workflows"),
        ("gitlab", ".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
)
def test_init_writes_a_valid_pipeline_whose_commands_exist(
    run_cli: RunCli, repository: Path, platform: str, file: str, schema: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(repository)
    result = run_cli("init", "konzept", "--ci", platform)
    assert result.exit_code == 0, result.output
    pipeline = repository / file
    assert f"Pipeline geschrieben: {pipeline}" in result.stdout
    checked = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(pipeline)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    data = YAML(typ="safe").load(pipeline.read_text(encoding="utf-8"))
    assert (data.get("env") or data.get("variables"))["KONZEPT"] == "konzept"
    commands = list(_commands(data))
    assert {c[0] for c in commands} == {"validate", "diff", "build", "site"}
    for args in commands:
        _parses(args)
    with pytest.raises(Exception, match="gitlub"):  # the check would notice a wrong one
        _parses(["validate", "konzept", "--format", "gitlub"])


def test_init_never_replaces_a_pipeline(run_cli: RunCli, repository: Path) -> None:
    existing = repository / ".gitlab-ci.yml"
    existing.write_text("# unsere eigene\n", encoding="utf-8")
    result = run_cli("init", str(repository / "konzept"), "--ci", "gitlab")
    assert result.exit_code == 1
    assert "überschreibt keine Pipeline" in result.stderr
    assert existing.read_text(encoding="utf-8") == "# unsere eigene\n"
    assert not (repository / "konzept").exists()  # nothing half-done


def test_init_adds_a_pipeline_to_a_concept_that_exists(run_cli: RunCli, repository: Path) -> None:
    concept = repository / "konzept"
    shutil.copytree(BASE, concept)
    before = {path: path.read_bytes() for path in concept.rglob("*") if path.is_file()}
    result = run_cli("init", str(concept), "--ci", "github")
    assert result.exit_code == 0, result.output
    pipeline = repository / ".github" / "workflows" / "integrationskonzept.yml"
    assert f"Pipeline für das Konzept in {concept} geschrieben: {pipeline}" in result.stdout
    assert 'KONZEPT: "konzept"' in pipeline.read_text(encoding="utf-8")
    assert {path: path.read_bytes() for path in concept.rglob("*") if path.is_file()} == before


def test_gitlab_code_quality_report(run_cli: RunCli, tmp_path: Path) -> None:
    concept = tmp_path / "concept"
    shutil.copytree(BASE, concept)
    (concept / "glossar.yaml").write_text("- begriff: X\n  erklaerun: Y\n", encoding="utf-8")
    report = tmp_path / "gl-code-quality-report.json"
    result = run_cli("validate", str(concept), "--format", "gitlab", "--output", str(report))
    assert result.exit_code == 1 and result.stdout == ""
    issues = json.loads(report.read_text(encoding="utf-8"))
    unknown = next(issue for issue in issues if issue["check_name"] == "IK101")
    assert unknown["severity"] == "critical"
    path = f"{concept.as_posix()}/glossar.yaml"
    assert unknown["location"] == {"path": path, "lines": {"begin": 2}}
    assert unknown["description"].startswith("IK101 Unbekannter Schlüssel „erklaerun“")
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_the_pre_commit_hook_runs_for_real(tmp_path: Path) -> None:
    """pre-commit installs ikonzept from a copy of this repository into its own environment
    and runs the hook. Offline: pip takes nothing from an index; ikonzept's dependencies
    (and the build backend) come from this test's environment through PYTHONPATH."""
    hooks = tmp_path / "ikonzept"
    hooks.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hooks / name)
    for name in ("src", "schemas", "templates"):
        shutil.copytree(ROOT / name, hooks / name, ignore=shutil.ignore_patterns("__pycache__"))
    _git(hooks, "init", "-q")
    _git(hooks, "add", ".")
    _git(hooks, "commit", "-q", "-m", "ikonzept")
    revision = _git(hooks, "rev-parse", "HEAD")

    county = tmp_path / "kreis"
    county.mkdir()
    _git(county, "init", "-q")
    shutil.copytree(BASE, county / "concept")
    (county / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {revision}\n    hooks:\n"
        "      - id: ikonzept-validate\n        args: [concept, --strict]\n",
        encoding="utf-8",
    )
    _git(county, "add", ".")
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # sic: pip reads 0 as "no isolation"
        "PYTHONPATH": os.pathsep.join(site.getsitepackages()),
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
    }

    def run_hooks() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", "--all-files"],
            cwd=county, env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip

    passed = run_hooks()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Integrationskonzept prüfen (ikonzept validate)" in passed.stdout
    assert "Passed" in passed.stdout

    # A warning fails it too: --strict passed through from the county's configuration.
    glossar = county / "concept" / "glossar.yaml"
    glossar.write_text(
        glossar.read_text(encoding="utf-8") + "- begriff: Neu\n  erklaerung: Siehe KIX.\n",
        encoding="utf-8",
    )
    _git(county, "add", ".")
    failed = run_hooks()
    assert failed.returncode == 1
    assert "concept/glossar.yaml:" in failed.stdout and "Warnung IK" in failed.stdout
