"""WeasyPrint's libraries are found from one listing of ldconfig's cache, as ctypes finds
them, and the standard look-up is back in place afterwards."""

from __future__ import annotations

import ctypes.util
import sys

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
