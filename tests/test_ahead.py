"""Laying out ahead in a forked process gives what laying out here gives, and a failure
there is reported, not hidden (the build then lays the part out itself)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from ikonzept.base.resources import data_dir
from ikonzept.render.layout.ahead import Ahead
from ikonzept.render.layout.job import PartJob, lay_out_part

HTML = """<!DOCTYPE html><html lang="de-DE"><head><title>T</title></head>
<body><h1 id="a">Voraus</h1><p>Ein Absatz.</p></body></html>"""

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
    reason="a process of its own only on Linux with a second core",
)


def _job(tmp_path: Path, target: Path) -> PartJob:
    return PartJob(HTML, str(tmp_path), (), "pdf/a-2a", str(target), {"a": 1}, 1)


def test_a_part_laid_out_ahead_equals_one_laid_out_here(tmp_path: Path) -> None:
    ahead = Ahead.forked(tmp_path, [])
    try:
        pending = ahead.submit(_job(tmp_path, tmp_path / "voraus.pdf"))
        assert pending is not None
        layout = pending.result()
    finally:
        ahead.close()
    here = lay_out_part(_job(tmp_path, tmp_path / "hier.pdf"))
    assert layout == here and layout.anchors == {"a": 0}
    assert (tmp_path / "voraus.pdf").read_bytes() == (tmp_path / "hier.pdf").read_bytes()


def test_a_failure_ahead_is_reported_and_the_next_part_still_works(tmp_path: Path) -> None:
    (tmp_path / "datei").write_text("keine Ordner", encoding="utf-8")
    ahead = Ahead.forked(tmp_path, [])
    try:
        failing = ahead.submit(_job(tmp_path, tmp_path / "datei" / "teil.pdf"))
        working = ahead.submit(_job(tmp_path, tmp_path / "teil.pdf"))
        assert failing is not None and working is not None
        with pytest.raises(RuntimeError, match="laying out ahead failed"):
            failing.result()
        assert working.result().pages == 1
    finally:
        ahead.close()
    assert (tmp_path / "datei").read_text(encoding="utf-8") == "keine Ordner"


def test_closing_ends_the_process_at_once_and_without_one_nothing_is_submitted(
    tmp_path: Path,
) -> None:
    ahead = Ahead.forked(tmp_path, [])
    assert multiprocessing.active_children()  # started at once, still getting ready
    ahead.close()
    assert multiprocessing.active_children() == []
    assert Ahead().submit(_job(tmp_path, tmp_path / "x.pdf")) is None


def test_closing_removes_the_fonts_the_process_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # inherited by the fork
    templates = data_dir("templates")
    link = f'<link rel="stylesheet" href="{(templates / "konzept.css").as_uri()}"></head>'
    job = PartJob(HTML.replace("</head>", link), str(tmp_path), (str(templates),), "pdf/a-2a",
                  str(tmp_path / "voraus.pdf"), {"a": 1}, 1)  # fmt: skip
    ahead = Ahead.forked(tmp_path, [templates])
    try:
        pending = ahead.submit(job)
        assert pending is not None
        assert pending.result().pages == 1
        assert list(temporary.glob("weasyprint-*"))  # the fonts, copied for the layout
    finally:
        ahead.close()
    assert not list(temporary.glob("weasyprint-*"))


def test_closing_ends_a_process_that_cannot_take_the_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    from ikonzept.render.layout import ahead as module

    monkeypatch.setattr(module, "_PATIENCE", 0.5)
    ahead = Ahead.forked(tmp_path, [])
    pending = ahead.submit(_job(tmp_path, tmp_path / "voraus.pdf"))
    assert pending is not None and pending.result().pages == 1  # ready and waiting for work
    process = multiprocessing.active_children()[0]
    assert process.pid is not None
    os.kill(process.pid, signal.SIGSTOP)  # stopped: SIGTERM waits, as if it were lost
    ahead.close()
    assert multiprocessing.active_children() == []
