"""WeasyPrint's libraries are found from one listing of ldconfig's cache, as ctypes finds
them, and the standard look-up is back in place afterwards."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from ikonzept.render import libraries

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="ldconfig is Linux's")


@pytest.mark.parametrize("name", ["gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "c"])
def test_a_listed_library_is_found_as_ctypes_finds_it(name: str) -> None:
    expected = ctypes.util.find_library(name)
    with libraries._quick_lookup():
        assert ctypes.util.find_library(name) == expected is not None


def test_a_name_ldconfig_does_not_list_is_not_found_without_asking_a_compiler(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError("gcc or ld asked")

    original = ctypes.util.find_library
    with libraries._quick_lookup():
        monkeypatch.setattr("subprocess.Popen", no_subprocess)
        assert ctypes.util.find_library("libgobject-2.0-0") is None  # Windows' name
    assert ctypes.util.find_library is original


def test_without_a_listing_the_standard_look_up_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libraries, "_ldconfig", lambda: None)
    original = ctypes.util.find_library
    with libraries._quick_lookup():
        assert ctypes.util.find_library is original


def test_a_process_whose_first_step_is_a_layout_imports_weasyprint_the_quick_way(
    tmp_path: Path,
) -> None:
    # As the workers' fork server does (`render/layout/warm`): ctypes' own look-up would
    # run gcc for each name that ldconfig does not list.
    script = """
import ctypes.util, sys
from pathlib import Path

def asked(name):
    raise SystemExit("gcc asked for " + name)

ctypes.util._findLib_gcc = asked
from ikonzept.base.resources import data_dir
from ikonzept.render import pdf

templates = data_dir("templates")
html = ('<!DOCTYPE html><html lang="de-DE"><head><meta charset="utf-8"><title>T</title>'
        f'<link rel="stylesheet" href="{(templates / "konzept.css").as_uri()}"></head>'
        '<body><p>Text</p></body></html>')
pdf.layout(html, root=Path(sys.argv[1]), template_dirs=[templates])
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
