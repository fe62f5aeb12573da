"""``build --watch``: a build after every save, nothing for editors' scratch files or our own
outputs, findings first, the last good PDF kept, Ctrl+C ends it."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from ikonzept.base.watching import _filter, changed_names, rebuild_on_save
from ikonzept.build import BuildOptions, BuildResult, build

BASE = Path(__file__).parent / "cases" / "base"
PDF = "integrationskonzept-musterkreis-ausgabe-1.pdf"
# What editors (vim, emacs, LibreOffice, sed -i) and ikonzept leave beside the files.
SCRATCH = ("4913", ".glossar.yaml.swp", "glossar.yaml~", ".#glossar.yaml",
           ".~lock.liste.xlsx#", "sedAb12Cd", ".ikonzept-teile-x", "a.tmp")  # fmt: skip


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

        # Scratch files are filtered before they reach the watch (see the test below): the
        # next build is the save's, and it reports the saved file only.
        for name in SCRATCH:
            (concept / name).write_text("x", encoding="utf-8")
            (concept / name).unlink()
        (out / "irgendwas.txt").write_text("x", encoding="utf-8")
        glossar = concept / "glossar.yaml"
        text = glossar.read_text(encoding="utf-8")
        glossar.write_text(text.replace("erklaerung:", "erklaerung: Neu.", 1), encoding="utf-8")
        _wait(done)
        assert reported == [["glossar.yaml"]] and len(builds) == 2
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
    for name in SCRATCH:  # what editors and ikonzept leave around is no reason to build
        assert not watch_filter(None, str(tmp_path / "handlungsfelder" / name)), name
    assert watch_filter(None, str(kept))


class _Lines:
    """A process's output line by line, as it comes: wait for a line, not for a time."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.text = ""
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, pattern: str, seconds: float = 90) -> str:
        """The output up to the next line that matches ``pattern``."""
        seen = ""
        while True:
            try:
                line = self.lines.get(timeout=seconds)
            except queue.Empty:
                raise AssertionError(f"no {pattern!r} within {seconds} s:\n{self.text}") from None
            assert line is not None, f"ended before {pattern!r}:\n{self.text}"
            seen += line
            self.text += line
            if re.search(pattern, line):
                return seen


def test_cli_watch_shows_findings_first_and_ends_on_a_signal(concept: Path, tmp_path: Path) -> None:
    """SIGTERM, as a service manager or a CI runner stops it (a background job in a shell
    ignores SIGINT); Ctrl+C goes the same way."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "ikonzept", "build", str(concept), "-o", str(out), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    output = _Lines(process.stdout)
    try:
        output.until(r"^Geschrieben: .*konzept\.json$")  # the first build is done
        assert (out / PDF).exists()
        glossar = concept / "glossar.yaml"
        glossar.write_text(
            glossar.read_text(encoding="utf-8") + "- begriff: Neu\n  erklaerung: Siehe KIX.\n",
            encoding="utf-8",
        )
        second = output.until(r"^Geschrieben: .*konzept\.json$")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        output.until(r"^Beobachtung beendet\.$")
        stderr = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
    assert output.text.startswith("Beobachte ")
    assert "Geändert: glossar.yaml" in second
    # The findings of the new state come at once, before the documents are written.
    assert second.index("Warnung IK") < second.index("Geschrieben:")
    assert "Traceback" not in stderr


def test_an_edited_template_is_compiled_anew_in_the_same_process(tmp_path: Path) -> None:
    """`--watch` renders again in one process, where compiled templates are kept: a county's
    edit to its own template must show at the next build."""
    from ikonzept.render.content.html import environment
    from ikonzept.render.content.markdown import MarkdownRenderer

    (tmp_path / "seite.html.j2").write_text("<p>{{ wort }}</p>", encoding="utf-8")

    def rendered() -> str:
        env = environment([tmp_path], MarkdownRenderer({}, tmp_path))
        return env.get_template("seite.html.j2").render(wort="Kreis")

    assert rendered() == "<p>Kreis</p>"
    assert rendered() == "<p>Kreis</p>"  # the second environment reuses the compiled one
    (tmp_path / "seite.html.j2").write_text("<h1>{{ wort }}</h1>", encoding="utf-8")
    assert rendered() == "<h1>Kreis</h1>"
