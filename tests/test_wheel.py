"""An installed wheel carries its schemas and templates: validate the sample from it, and
write its web site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow


def test_wheel_validates_the_sample(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(ROOT)],
        check=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("ikonzept-*.whl")
    site = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        check=True,
    )  # fmt: skip
    assert (site / "ikonzept" / "_data" / "schemas" / "konzept.schema.json").is_file()
    assert (site / "ikonzept" / "_data" / "templates").is_dir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    outside = tmp_path / "anderswo"
    outside.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "ikonzept", "validate", str(SAMPLE)],
        cwd=outside, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    located = subprocess.run(
        [sys.executable, "-m", "ikonzept", "schema"],
        cwd=outside, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert str(site) in located.stdout
    web = outside / "web"
    written = subprocess.run(
        [sys.executable, "-m", "ikonzept", "site", str(SAMPLE), "-o", str(web), "-q"],
        cwd=outside, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert written.returncode == 0, written.stdout + written.stderr
    assert (web / "assets" / "site.js").is_file() and (web / "akteure.html").is_file()
