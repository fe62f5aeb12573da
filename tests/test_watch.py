"""``build --watch``: a build after every save, nothing for editors' scratch files or our own
outputs, findings first, the last good PDF kept, Ctrl+C ends it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ikonzept.build import BuildOptions, BuildResult, build
from ikonzept.watching import _filter, changed_names, rebuild_on_save

BASE = Path(__file__).parent / "cases" / "base"
PDF = "integrationskonzept-musterkreis-ausgabe-1.pdf"


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "concept")
    return tmp_path / "concept"


def _wait(condition: threading.Event, seconds: float = 60) -> None:
    assert condition.wait(seconds), "no build within the time"
    condition.clear()


def test_a_save_builds_again_and_scratch_files_do_not(concept: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    builds: list[BuildResult] = []
    reported: list[list[str]] = []
    done = threading.Event()
    stop = threading.Event()

    def build_once() -> None:
        builds.append(build(BuildOptions(root=concept, out=out)))
        done.set()

    watcher = threading.Thread(
        target=rebuild_on_save, args=(build_once, [concept], [out], reported.append, stop)
    )
    watcher.start()
    try:
        _wait(done)
        assert builds[0].built
        first = (out / PDF).read_bytes()

        # What editors and ikonzept leave around is no reason to build.
        scratch = ("4913", ".glossar.yaml.swp", "glossar.yaml~", ".#glossar.yaml",
                   ".~lock.liste.xlsx#", "sedAb12Cd", ".ikonzept-teile-x", "a.tmp")  # fmt: skip
        for name in scratch:
            (concept / name).write_text("x", encoding="utf-8")
            (concept / name).unlink()
        (out / "irgendwas.txt").write_text("x", encoding="utf-8")
        time.sleep(1.5)
        assert len(builds) == 1 and not done.is_set()

        glossar = concept / "glossar.yaml"
        text = glossar.read_text(encoding="utf-8")
        glossar.write_text(text.replace("erklaerung:", "erklaerung: Neu.", 1), encoding="utf-8")
        _wait(done)
        assert reported[-1] == ["glossar.yaml"]
        assert builds[-1].built and (out / PDF).read_bytes() != first
        good = (out / PDF).read_bytes()

        glossar.write_text(text + "kaputt: [\n", encoding="utf-8")
        _wait(done)
        assert builds[-1].validation is not None and builds[-1].validation.failed()
        assert not builds[-1].built and (out / PDF).read_bytes() == good  # the last good PDF
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()


def test_changed_names_leave_out_vanished_scratch_files(tmp_path: Path) -> None:
    (tmp_path / "handlungsfelder").mkdir()
    kept = tmp_path / "handlungsfelder" / "01-sprache.yaml"
    kept.write_text("x", encoding="utf-8")
    changes = {
        (None, str(kept)),
        (None, str(tmp_path / "handlungsfelder" / "sedXyZ12a")),  # gone again
        (None, str(tmp_path / "glossar.yaml")),  # deleted: a source file, reported
    }
    assert changed_names(changes, [tmp_path]) == ["glossar.yaml", "handlungsfelder/01-sprache.yaml"]
    watch_filter = _filter([tmp_path / "out"])
    assert not watch_filter(None, str(tmp_path / "out" / "x.pdf"))
    assert not watch_filter(None, str(tmp_path / "4913"))
    assert watch_filter(None, str(kept))


def test_cli_watch_shows_findings_first_and_ends_on_ctrl_c(concept: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "ikonzept", "build", str(concept), "-o", str(out), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (out / PDF).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (out / PDF).exists()
        glossar = concept / "glossar.yaml"
        glossar.write_text(
            glossar.read_text(encoding="utf-8") + "- begriff: Neu\n  erklaerung: Siehe KIX.\n",
            encoding="utf-8",
        )
        before = (out / PDF).stat().st_mtime_ns
        while (out / PDF).stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Beobachte" in stdout and stdout.rstrip().endswith("Beobachtung beendet.")
    assert "Geändert: glossar.yaml" in stdout
    second = stdout.split("Geändert: glossar.yaml", 1)[1]
    # The findings of the new state come at once, before the documents are written.
    assert second.index("Warnung IK") < second.index("Geschrieben:")
    assert "Traceback" not in stderr
