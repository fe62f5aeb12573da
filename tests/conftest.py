"""Shared fixtures: the CLI in-process, and paths to the sample and test data."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import Phase, settings
from typer.testing import CliRunner

from ikonzept.cli import app

# `make test` runs the same examples every time: a CI run cannot turn red by chance, and a
# red one can be repeated. `make explore` draws new ones (and more of them) to find what
# the fixed ones miss; keep what it finds as an example test.
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
# Under `make mutation` a failing example only has to fail: no shrinking, no database.
settings.register_profile(
    "mutation", phases=[Phase.explicit, Phase.generate], database=None, derandomize=True
)
settings.load_profile(
    "mutation"
    if os.environ.get("IKONZEPT_MUTATION")
    else os.environ.get("IKONZEPT_HYPOTHESIS", "fixed")
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "concept"
# The sample as of its own time: adopted in December 2016, it is more than three years old
# today (IK214 says so; the second edition in concept-2019/ answers it).
SAMPLE_TODAY = "2017-01-01"
SNAPSHOTS = Path(__file__).parent / "snapshots"

RunCli = Callable[..., Result]


@pytest.fixture(autouse=True)
def _no_memory_of_the_unmutated_run() -> None:
    """mutmut forks each mutant's tests from a process that ran them once unmutated, and
    runs for a mutant only the tests that reached its function then: what a cached function
    kept (there, or from an earlier test) would hide a mutant and the tests that kill it."""
    if not os.environ.get("IKONZEPT_MUTATION"):
        return
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("ikonzept"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests use their own cache folder, never the developer's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``ikonzept ARGS`` in-process; stdout and stderr stay apart, bugs are not hidden."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), catch_exceptions=False, env=env)

    return run


def snapshot(name: str, actual: str) -> None:
    """Compare with ``tests/snapshots/NAME``. A golden file never creates itself: with
    IKONZEPT_UPDATE_SNAPSHOTS=1 the snapshots are written (read them before committing)."""
    path = SNAPSHOTS / name
    if os.environ.get("IKONZEPT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(
            f"The snapshot {path.relative_to(ROOT)} is missing. Write it with "
            "IKONZEPT_UPDATE_SNAPSHOTS=1 .venv/bin/pytest, read it, and commit it."
        )
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample concept built once per session (with its HTML), for tests that only read."""
    from ikonzept.build import BuildOptions, build

    out = tmp_path_factory.mktemp("sample-build")
    result = build(BuildOptions(root=SAMPLE, out=out, html=True))
    assert result.built and max(result.pages.values()) > 80
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, sample_build: Path) -> Path:
    """The sample's web site, with the PDFs of the session's build to download."""
    from ikonzept.site.build import SiteOptions, build_site

    out = tmp_path_factory.mktemp("sample-site") / "site"
    result = build_site(SiteOptions(root=SAMPLE, out=out, pdfs=sample_build))
    assert result.written and result.downloads >= 2
    return out


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the sample's second edition (status of every measure, chart)."""
    from ikonzept.site.build import SiteOptions, build_site

    out = tmp_path_factory.mktemp("edition-site") / "site"
    result = build_site(SiteOptions(root=ROOT / "concept-2019", out=out))
    assert result.written
    return out


KONZEPT = "integrationskonzept-kreis-coesfeld-ausgabe-{}.pdf"
VORLAGE = "integrationskonzept-kreis-coesfeld-ausgabe-{}-vorlage.pdf"
SYNOPSE = "integrationskonzept-kreis-coesfeld-ausgabe-{}-synopse.pdf"
PLAN = "integrationskonzept-kreis-coesfeld-ausgabe-{}-handlungsplan-{}.pdf"


@pytest.fixture(scope="session")
def round_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's second edition (2019, `concept-2019/`), built once per session."""
    from ikonzept.build import BuildOptions, build

    out = tmp_path_factory.mktemp("round") / "out"
    result = build(BuildOptions(root=ROOT / "concept-2019", out=out, html=True))
    assert result.built
    return out


REPORT = "integrationskonzept-kreis-coesfeld-sachstandsbericht-2019-12-31{}"


@pytest.fixture(scope="session")
def report_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Sachstandsbericht of the second edition (bericht.yaml: as of 2019-12-31)."""
    from ikonzept.build.report import ReportOptions, write_report

    out = tmp_path_factory.mktemp("bericht")
    result = write_report(ReportOptions(root=ROOT / "concept-2019", out=out))
    assert not result.validation.failed() and result.outputs
    return out


@pytest.fixture(scope="session")
def excerpt_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's excerpt for one municipality (with its HTML)."""
    from ikonzept.build import BuildOptions, build

    out = tmp_path_factory.mktemp("auszug")
    assert build(BuildOptions(root=SAMPLE, out=out, kommune="duelmen", html=True)).built
    return out / "integrationskonzept-kreis-coesfeld-ausgabe-1-duelmen.pdf"


@pytest.fixture(scope="session")
def documents(
    sample_build: Path, round_build: Path, excerpt_build: Path, report_build: Path
) -> dict[str, Path]:
    """Every kind of PDF we write, of both sample editions."""
    return {
        "Auszug Dülmen 2016": excerpt_build,
        "Konzept 2016": sample_build / KONZEPT.format(1),
        "Vorlage 2016": sample_build / VORLAGE.format(1),
        "Konzept 2019": round_build / KONZEPT.format(2),
        "Vorlage 2019": round_build / VORLAGE.format(2),
        "Synopse 2019": round_build / SYNOPSE.format(2),
        "Handlungsplan Dülmen 2019": round_build / PLAN.format(2, "duelmen"),
        "Sachstandsbericht 2019": report_build / REPORT.format(".pdf"),
        "Mitteilungsvorlage 2019": report_build / REPORT.format("-vorlage.pdf"),
    }
