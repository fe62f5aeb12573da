"""`ikonzept build` on a small concept: outputs, safety, atomicity, reproducibility."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pikepdf
import pytest

from ikonzept.project.scaffold import create
from tests.conftest import RunCli

pytestmark = pytest.mark.slow

PDF_NAME = "integrationskonzept-musterkreis-ausgabe-1.pdf"


@pytest.fixture
def concept(tmp_path: Path) -> Path:
    root = tmp_path / "konzept"
    create(root, today="2024-03-01")
    return root


def _build(run_cli: RunCli, concept: Path, out: Path, *args: str) -> str:
    result = run_cli("build", str(concept), "-o", str(out), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return str(result.stdout)


def test_build_writes_pdf_and_snapshot(run_cli: RunCli, concept: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stdout = _build(run_cli, concept, out, "--html")
    assert f"Geschrieben: {out / PDF_NAME}" in stdout
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        [PDF_NAME, PDF_NAME.replace(".pdf", ".html"), "konzept.json"]
    )
    snapshot = json.loads((out / "konzept.json").read_text(encoding="utf-8"))
    assert snapshot["format"] == "ikonzept-schnappschuss"
    assert snapshot["konzept"]["titel"] == "Integrationskonzept des Musterkreises"


def test_unchanged_rebuild_is_skipped(run_cli: RunCli, concept: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(run_cli, concept, out)
    assert "Nichts zu tun" in _build(run_cli, concept, out)
    (concept / "glossar.yaml").write_text(
        (concept / "glossar.yaml").read_text(encoding="utf-8").replace("Planung", "Planung "),
        encoding="utf-8",
    )
    assert "Nichts zu tun" not in _build(run_cli, concept, out)


def _build_apart(concept: Path, out: Path, seed: int, part_size: int | None = None) -> None:
    """A build in a process of its own, with an empty cache of its own (nothing reused) and
    its own hash seed (no set order leaks into the output)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from ikonzept.build import BuildOptions, build; "
        "r = build(BuildOptions(root=Path(sys.argv[1]), out=Path(sys.argv[2]), "
        "part_size=int(sys.argv[3]) or None)); sys.exit(0 if r.built and not r.reused else 1)"
    )
    temporary = out.with_name(f"{out.name}-tmp")
    temporary.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(out.with_name(f"{out.name}-cache")),
           "PYTHONHASHSEED": str(seed), "TMPDIR": str(temporary)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", code, str(concept), str(out), str(part_size or 0)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Each process that laid out removed the copy of the fonts it made.
    assert not list(temporary.glob("weasyprint-*"))


def _same_files(first: Path, second: Path) -> None:
    names = sorted(p.name for p in first.iterdir() if p.is_file() and not p.name.startswith("."))
    assert PDF_NAME in names and "konzept.json" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_same_input_gives_identical_bytes(concept: Path, tmp_path: Path) -> None:
    _build_apart(concept, tmp_path / "a", seed=1)
    _build_apart(concept, tmp_path / "b", seed=2)
    _same_files(tmp_path / "a", tmp_path / "b")


def test_a_document_in_many_parts_is_reproducible_too(concept: Path, tmp_path: Path) -> None:
    # Parts finish in any order in the worker processes; the joined file must not show it.
    _build_apart(concept, tmp_path / "a", seed=3, part_size=2_000)
    _build_apart(concept, tmp_path / "b", seed=4, part_size=2_000)
    _same_files(tmp_path / "a", tmp_path / "b")


def test_errors_build_nothing_and_keep_the_old_pdf(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _build(run_cli, concept, out)
    before = (out / PDF_NAME).read_bytes()
    konzept = concept / "konzept.yaml"
    konzept.write_text(konzept.read_text(encoding="utf-8") + "unbekannt: 1\n", encoding="utf-8")
    result = run_cli("build", str(concept), "-o", str(out))
    assert result.exit_code == 1
    assert "Fehler IK101" in result.stdout
    assert "Es wurde nichts geschrieben" in result.stderr
    assert (out / PDF_NAME).read_bytes() == before


def test_failure_while_writing_leaves_no_partial_file(
    run_cli: RunCli, concept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _build(run_cli, concept, out)
    before = (out / PDF_NAME).read_bytes()
    (concept / "glossar.yaml").write_text(
        "- begriff: Neu\n  erklaerung: Geändert.\n", encoding="utf-8"
    )

    def fail(*_: object, **__: object) -> bytes:
        raise OSError("Datenträger voll")

    # The edited part is laid out in this process (small), and this process joins the parts.
    monkeypatch.setattr("pikepdf.Pdf.save", fail)
    result = run_cli("build", str(concept), "-o", str(out))
    assert result.exit_code == 2
    assert "lässt sich nicht lesen oder schreiben" in result.stderr
    assert "Traceback" not in result.stderr and "Interner Fehler" not in result.stderr
    assert "✗ Umbruch" in result.stderr or "✗ Zusammenfügen" in result.stderr
    assert (out / PDF_NAME).read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or "teile" in p.name]


def test_municipality_excerpt(run_cli: RunCli, concept: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(run_cli, concept, out, "--kommune", "musterstadt", "--html")
    html = (out / "integrationskonzept-musterkreis-ausgabe-1-musterstadt.html").read_text(
        encoding="utf-8"
    )
    assert "Auszug für Musterstadt" in html
    unknown = run_cli("build", str(concept), "-o", str(out), "--kommune", "atlantis")
    assert unknown.exit_code == 2
    assert "Eine Kommune „atlantis“ gibt es nicht" in unknown.stderr


def test_templates_in_the_concept_override_the_builtin_ones(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    own = concept / "templates"
    own.mkdir()
    (own / "konzept.css").write_text("html { color: #123456; }\n", encoding="utf-8")
    out = tmp_path / "out"
    _build(run_cli, concept, out, "--html")
    html = (out / PDF_NAME.replace(".pdf", ".html")).read_text(encoding="utf-8")
    assert (own / "konzept.css").resolve().as_uri() in html


def test_a_copied_stylesheet_keeps_the_shipped_fonts(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    """A county copies konzept.css to change a colour, not the fonts folder beside it."""
    import pikepdf

    own = concept / "templates"
    own.mkdir()
    shipped = (Path(__file__).resolve().parents[1] / "templates" / "konzept.css").read_text(
        encoding="utf-8"
    )
    (own / "konzept.css").write_text(shipped.replace("#1f4e79", "#7a1f1f"), encoding="utf-8")
    out = tmp_path / "out"
    _build(run_cli, concept, out)
    with pikepdf.open(out / PDF_NAME) as pdf:
        fonts = {str(font.get("/BaseFont")).split("+")[-1] for page in pdf.pages
                 for font in page.Resources.get("/Font", {}).values()}  # fmt: skip
    # our Noto Sans under the family name the stylesheet gives it, no system font instead
    assert fonts == {"Konzept-Sans", "Konzept-Sans-Bold"}


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Recorder.requests
    server.shutdown()


def test_rendering_loads_nothing_from_outside(
    run_cli: RunCli, concept: Path, tmp_path: Path, local_server: tuple[str, list[str]]
) -> None:
    url, requests = local_server
    own = concept / "templates"
    own.mkdir()
    hostile = (Path(__file__).resolve().parents[1] / "templates" / "konzept.html.j2").read_text(
        encoding="utf-8"
    )
    hostile = hostile.replace(
        "<body",
        f'<link rel="stylesheet" href="{url}/style.css">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        f'<img src="{url}/bild.png" alt="x"><img src="file:///etc/hostname" alt="y"><body',
    )
    (own / "konzept.html.j2").write_text(hostile, encoding="utf-8")
    kapitel = concept / "konzept.yaml"
    kapitel.write_text(
        kapitel.read_text(encoding="utf-8").replace(
            "Hier beginnt", "Siehe [Passwörter](/etc/passwd) und <img src='x'>. Hier beginnt"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("build", str(concept), "-o", str(out), "--html")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert requests == []
    assert "Nicht geladen" in result.stderr
    html = (out / PDF_NAME.replace(".pdf", ".html")).read_text(encoding="utf-8")
    assert 'href="/etc/passwd"' not in html
    assert "&lt;img src=" in html  # raw HTML is shown as text, never rendered
    with pikepdf.open(out / PDF_NAME) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None:
                    assert "passwd" not in str(action.get("/URI", ""))
                    assert action.get("/S") != "/Launch"


def test_an_output_folder_that_is_a_file_gets_a_german_message(
    run_cli: RunCli, concept: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ausgabe"
    out.write_text("keine Ausgabe", encoding="utf-8")
    result = run_cli("build", str(concept), "-o", str(out))
    assert result.exit_code == 2
    assert (
        f"Fehler: „{out}“ lässt sich nicht lesen oder schreiben: dort liegt eine Datei, "
        "wo ein Ordner hingehört." in result.stderr
    )
    assert out.read_text(encoding="utf-8") == "keine Ausgabe"


def test_worker_processes_remove_the_fonts_they_copied(tmp_path: Path) -> None:
    """A part laid out in a worker of the pool, in a process of its own whose temporary
    folder is ours: the worker's last layout still holds its fonts when the pool ends."""
    import os
    import subprocess
    import sys

    from ikonzept.base.resources import data_dir

    code = """
import gc
import sys
from ikonzept.build import worker_pool
from ikonzept.render.layout.job import PartJob, lay_out_part
page = ('<!DOCTYPE html><html lang="de-DE"><head><title>T</title>'
        f'<link rel="stylesheet" href="{sys.argv[2]}"></head><body><p>Teil</p></body></html>')
if __name__ == "__main__":
    with worker_pool() as pool:
        job = PartJob(page, sys.argv[1], (sys.argv[3],), "pdf/a-2a", sys.argv[1] + "/teil.pdf",
                      {}, 1)
        assert pool.submit(lay_out_part, job).result().pages == 1
        assert not pool.submit(gc.isenabled).result()  # collected after a document only
"""
    templates = data_dir("templates")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    script = tmp_path / "teil.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path), (templates / "konzept.css").as_uri(),
         str(templates)],
        env={**os.environ, "TMPDIR": str(temporary)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "teil.pdf").is_file()
    assert not list(temporary.glob("weasyprint-*"))


def test_a_worker_collects_its_garbage_only_once_it_has_grown_by_the_allowance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker keeps the garbage of a few documents (collecting a plan's took a tenth of
    its time) until it has grown too much; any other process collects at once."""
    import gc

    from ikonzept.render.layout import job

    collected: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *_: collected.append("gc") or 0)
    size = {"now": 0}
    monkeypatch.setattr(job, "_resident", lambda: size["now"])
    monkeypatch.setattr(job, "_started_at", None)
    job.release_garbage()
    assert collected == ["gc"]  # not a worker

    collected.clear()
    monkeypatch.setattr(job, "_started_at", 100 * 2**20)
    size["now"] = 100 * 2**20 + job.GARBAGE_ALLOWANCE
    job.release_garbage()
    assert collected == []
    size["now"] += 1
    job.release_garbage()
    assert collected == ["gc"]

    collected.clear()
    monkeypatch.setattr(job, "_resident", lambda: None)  # the size unknown: as before
    job.release_garbage()
    assert collected == ["gc"]


@pytest.mark.parametrize(
    ("cores", "gigabytes", "workers"),
    [(2, 24, 2), (8, 16, 4), (8, 4, 2), (16, 64, 4), (1, 8, 1), (4, 1, 1)],
)
def test_the_build_lays_out_on_each_core_as_far_as_memory_allows(
    monkeypatch: pytest.MonkeyPatch, cores: int, gigabytes: int, workers: int
) -> None:
    import os

    from ikonzept.build.run import worker_count

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)), raising=False)
    pages = {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": gigabytes * 2**30 // 4096}
    monkeypatch.setattr(os, "sysconf", lambda name: pages[name])
    assert worker_count() == workers


def test_the_fork_servers_preparation_lays_out_a_page_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    """What the workers' fork server imports (`render/layout/warm`) works: a failure there
    is swallowed at import (the server must not end), so it is called once more here."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from ikonzept.render.layout import warm; from ikonzept.render import pdf; "
        "warm._prepare(); assert 'weasyprint' in sys.modules and not pdf._STYLES"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []
