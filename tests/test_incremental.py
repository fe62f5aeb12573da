"""Builds after an edit: only the changed parts are laid out again, and the result is the
same, byte for byte, as a clean build. The layout cache never trusts a broken entry."""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ikonzept.build import BuildOptions, BuildResult, build
from ikonzept.render.layout.layoutcache import FOLDER, LayoutCache
from ikonzept.render.layout.pages import Bookmark, PartLayout
from tests.conftest import SAMPLE

NAME = "integrationskonzept-kreis-coesfeld-ausgabe-1"
# A part is laid out ahead in a forked process: on Linux, with a second core.
FORKS = sys.platform == "linux" and len(os.sched_getaffinity(0)) >= 2
DOCUMENTS = (f"{NAME}.pdf", f"{NAME}-vorlage.pdf")
MEASURE = "Die Kursträger stimmen sich regelmäßig"


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "handlungsfelder" / "01-sprache.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cache_folder() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "ikonzept" / FOLDER


def _clean_build(root: Path, out: Path, cache_home: Path) -> BuildResult:
    """A build with an empty cache of its own."""
    previous = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    try:
        result = build(BuildOptions(root=root, out=out))
    finally:
        os.environ["XDG_CACHE_HOME"] = previous
    assert result.built and result.reused == 0
    return result


def _same_documents(first: Path, second: Path) -> None:
    for name in DOCUMENTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@dataclass(frozen=True)
class Edited:
    root: Path  # the sample, one word of one measure changed after its first build
    incremental: BuildResult
    incremental_out: Path
    clean_out: Path
    clean_cache: Path  # the cache the clean build filled: exactly the entries it used


@pytest.fixture(scope="module")
def one_word(tmp_path_factory: pytest.TempPathFactory) -> Edited:
    """Build a copy of the sample, change one word, build again; and build it clean."""
    base = tmp_path_factory.mktemp("ein-wort")
    root = base / "concept"
    shutil.copytree(SAMPLE, root)
    # Images are referenced by their place: the first build in this folder lays out the
    # parts that show one; the session's builds of the sample have cached all others.
    assert build(BuildOptions(root=root, out=base / "out")).built
    _edit(root, MEASURE, "Die Kursträger stimmen sich monatlich")
    incremental = build(BuildOptions(root=root, out=base / "out"))
    _clean_build(root, base / "sauber", base / "leerer-zwischenspeicher")
    return Edited(
        root, incremental, base / "out", base / "sauber", base / "leerer-zwischenspeicher"
    )


def test_an_edit_lays_out_only_its_part_and_equals_a_clean_build(
    sample_build: Path, one_word: Edited
) -> None:
    assert one_word.incremental.built
    assert one_word.incremental.laid_out == 2  # the measure's part: pass 1 and pass 2
    assert one_word.incremental.reused > 30
    _same_documents(one_word.incremental_out, one_word.clean_out)


@pytest.mark.skipif(not FORKS, reason="laying out ahead needs Linux and a second core")
def test_the_edited_part_is_laid_out_ahead_with_the_last_page_numbers(one_word: Edited) -> None:
    # Its pass 2 began beside pass 1, with the last build's page numbers.
    assert one_word.incremental.ahead == 1


def test_an_edit_that_moves_every_later_page_equals_a_clean_build(
    sample_build: Path, tmp_path: Path
) -> None:
    root = tmp_path / "concept"
    shutil.copytree(SAMPLE, root)
    assert build(BuildOptions(root=root, out=tmp_path / "inkrementell")).built
    paragraph = "Ein zusätzlicher Absatz, der die Maßnahme verlängert. " * 150
    _edit(root, MEASURE, f"{paragraph}\n\n          {MEASURE}")
    incremental = build(BuildOptions(root=root, out=tmp_path / "inkrementell"))
    clean = _clean_build(root, tmp_path / "sauber", tmp_path / "leer")
    assert incremental.pages[tmp_path / "inkrementell" / f"{NAME}.pdf"] > 99
    assert 2 < incremental.laid_out < clean.laid_out  # later parts again, earlier ones not
    assert incremental.ahead == 0  # the guess (the last build's page numbers) was wrong
    _same_documents(tmp_path / "inkrementell", tmp_path / "sauber")


def test_broken_cache_entries_are_ignored_and_removed(
    one_word: Edited, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_home = tmp_path / "cache"
    shutil.copytree(one_word.clean_cache / "ikonzept" / FOLDER, cache_home / "ikonzept" / FOLDER)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    records = sorted((cache_home / "ikonzept" / FOLDER).glob("*/*.json"))
    pdfs = [r.with_suffix(".pdf") for r in records if r.with_suffix(".pdf").exists()]
    assert len(records) > 10 and len(pdfs) > 5
    foreign = {"format": 1, "key": "fremd", "pages": 1, "anchors": {}, "bookmarks": [],
               "blocked": []}  # fmt: skip
    broken = {
        records[0]: "kein JSON",
        records[1]: json.dumps(foreign),
        records[2]: json.dumps({"format": 1, "key": records[2].stem, "pages": "viele"}),
    }
    for record, text in broken.items():
        record.write_text(text, encoding="utf-8")
    pdfs[0].write_bytes(pdfs[0].read_bytes()[:100])  # truncated
    pdfs[1].write_bytes(pdfs[2].read_bytes())  # another part's PDF
    result = build(BuildOptions(root=one_word.root, out=tmp_path / "out"))
    assert result.built and result.laid_out > 0  # the broken ones were laid out again
    _same_documents(tmp_path / "out", one_word.clean_out)
    for record in broken:  # laid out anew and stored correctly again
        data = json.loads(record.read_text(encoding="utf-8"))
        assert data["key"] == record.stem and isinstance(data["pages"], int)


def _layout(pages: int) -> PartLayout:
    return PartLayout(pages, {"a": 0}, (Bookmark(1, "Titel", 0, 10.5, 700.25, False),), ())


def test_cache_round_trip_and_size_limit(tmp_path: Path) -> None:
    cache = LayoutCache(tmp_path, "umgebung")
    pdf = tmp_path / "teil.pdf"
    keys = []
    for number in range(5):
        pdf.write_bytes(b"%PDF-1.7 " + bytes([number]) * 1000)
        key = cache.key(f"<p>{number}</p>", {"a": 3}, number, written=True)
        cache.put(key, _layout(number + 1), pdf)
        record = tmp_path / key[:2] / f"{key}.json"
        os.utime(record, (1_000_000 + number, 1_000_000 + number))  # older first
        keys.append(key)
    target = tmp_path / "kopie.pdf"
    assert cache.get(keys[4], target) == _layout(5)
    assert target.read_bytes() == b"%PDF-1.7 " + bytes([4]) * 1000
    # The key depends on the page numbers a part links to, not on others.
    assert cache.key("<a href='#a'>x</a>", {"a": 3, "b": 1}, 1, written=True) == cache.key(
        "<a href='#a'>x</a>", {"a": 3, "b": 2}, 1, written=True
    )
    assert cache.key("<a href='#a'>x</a>", {"a": 3}, 1, written=True) != cache.key(
        "<a href='#a'>x</a>", {"a": 4}, 1, written=True
    )
    cache.prune(limit_bytes=3 * 1_300)
    left = sorted(p.stem for p in tmp_path.glob("*/*.json"))
    assert len(left) == 3 and keys[0] not in left and keys[1] not in left
    assert keys[4] in left  # used last: kept


def test_the_last_layouts_of_a_document_are_a_guess_that_is_never_trusted(
    tmp_path: Path,
) -> None:
    cache = LayoutCache(tmp_path, "umgebung")
    assert cache.recall("konzept.pdf") is None
    cache.remember("konzept.pdf", [_layout(3), _layout(5)])
    assert cache.recall("konzept.pdf") == [_layout(3), _layout(5)]
    assert cache.recall("anderes.pdf") is None
    assert LayoutCache(tmp_path, "andere Umgebung").recall("konzept.pdf") is None
    (record,) = (tmp_path / "zuletzt").glob("*.json")
    data = json.loads(record.read_text(encoding="utf-8"))
    damaged_records = (
        "kein JSON",
        json.dumps({**data, "parts": [{"pages": "drei"}]}),
        json.dumps({**data, "document": "anderes.pdf"}),
        json.dumps([1, 2]),
    )
    for damaged in damaged_records:
        record.write_text(damaged, encoding="utf-8")
        assert cache.recall("konzept.pdf") is None


def test_switched_off_cache_keeps_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IKONZEPT_CACHE", "0")
    cache = LayoutCache.for_build(SAMPLE, [], "pdf/a-2a")
    cache.put("x" * 64, _layout(1), None)
    assert cache.get("x" * 64, None) is None and cache.folder is None


def test_hyphenation_patterns_come_from_the_cache_and_a_broken_entry_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pyphen  # type: ignore[import-untyped]

    from ikonzept.load import cache as user_cache
    from ikonzept.render import hyphenation

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = pyphen.LANGUAGES[pyphen.language_fallback("de_DE")]
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.preload()
    parsed = pyphen.hdcache[path]
    expected = pyphen.Pyphen(lang="de_DE").inserted("Integrationskonzept")
    stored = list((tmp_path / "ikonzept" / "daten").glob("*/*.marshal"))
    assert len(stored) == 1

    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.preload()  # from the cache now
    assert pyphen.hdcache[path] is not parsed
    assert pyphen.hdcache[path].patterns == parsed.patterns
    assert pyphen.Pyphen(lang="de_DE").inserted("Integrationskonzept") == expected
    # Stored with each different (start, values) pair once, and loaded so.
    loaded = pyphen.hdcache[path].patterns
    assert len({id(entry) for entry in loaded.values()}) < len(loaded) / 10

    monkeypatch.setattr(user_cache, "get", lambda _key: {"ab": (0, ("x",))})
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.preload()  # a wrong shape: parsed from the file again
    assert pyphen.hdcache[path].patterns == parsed.patterns


# --- What a layout may read besides its HTML: images, stylesheets, templates ----------------

SMALL = "integrationskonzept-musterkreis-ausgabe-1.pdf"
MAP = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<title>Karte</title><rect width="200" height="100" fill="{color}"/></svg>
"""


@pytest.fixture(scope="module")
def small_concept(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new concept with an image, its own stylesheet and title page (a county's)."""
    from ikonzept.base.resources import data_dir
    from ikonzept.project.scaffold import create

    root = tmp_path_factory.mktemp("klein") / "konzept"
    create(root, today="2024-03-01")
    (root / "bilder" / "karte.svg").write_text(MAP.format(color="#2a6"), encoding="utf-8")
    feld = root / "handlungsfelder" / "01-sprache.yaml"
    feld.write_text(
        feld.read_text(encoding="utf-8").replace(
            "  Was gibt es bereits, was funktioniert, was fehlt?\n",
            "  Was gibt es bereits, was funktioniert, was fehlt?\n\n"
            "  ![Karte der Sprachkursorte](bilder/karte.svg)\n",
        ),
        encoding="utf-8",
    )
    (root / "templates").mkdir(exist_ok=True)
    for name in ("konzept.css", "_titelseite.html.j2"):
        shutil.copy(data_dir("templates") / name, root / "templates" / name)
    shutil.copytree(data_dir("templates") / "fonts", root / "templates" / "fonts")
    return root


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "bild": lambda root: (root / "bilder" / "karte.svg").write_text(
        MAP.format(color="#c33"), encoding="utf-8"
    ),
    "stylesheet": lambda root: (root / "templates" / "konzept.css").write_text(
        (root / "templates" / "konzept.css").read_text(encoding="utf-8")
        + "\nh2 { letter-spacing: 0.2em; }\n",
        encoding="utf-8",
    ),
    "vorlage": lambda root: _replace_in(
        root / "templates" / "_titelseite.html.j2", "</p>", " – Entwurf</p>"
    ),
    "webseite": lambda root: _replace_in(root / "webseite.yaml", "integration@", "kontakt@"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edit_outside_the_yaml_texts_equals_a_clean_build(
    small_concept: Path, tmp_path: Path, edit: str
) -> None:
    root = tmp_path / "konzept"
    shutil.copytree(small_concept, root)
    out = tmp_path / "inkrementell"
    first = build(BuildOptions(root=root, out=out, only="konzept"))
    assert first.built
    before = (out / SMALL).read_bytes()
    EDITS[edit](root)
    again = build(BuildOptions(root=root, out=out, only="konzept"))
    previous = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(tmp_path / "leer")
    try:
        clean = build(BuildOptions(root=root, out=tmp_path / "sauber", only="konzept"))
    finally:
        os.environ["XDG_CACHE_HOME"] = previous
    assert clean.built and clean.reused == 0
    assert (out / SMALL).read_bytes() == (tmp_path / "sauber" / SMALL).read_bytes()
    if edit == "webseite":  # not part of the PDF: the layouts are reused
        assert again.reused > 0 and (out / SMALL).read_bytes() == before
    else:
        assert again.built and (out / SMALL).read_bytes() != before


def test_a_change_to_our_rendering_code_lays_everything_out_afresh(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Between two releases of one version (or while developing) the key still changes."""
    import shutil

    from ikonzept.render.layout import layoutcache

    render = Path(layoutcache.__file__).resolve().parent.parent
    copy = tmp_path / "render"
    shutil.copytree(render, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(layoutcache, "__file__", str(copy / "layout" / "layoutcache.py"))

    def key() -> str:
        layoutcache._renderer.cache_clear()
        return layoutcache.environment(tmp_path, [], "pdf/a-2a")

    try:
        before = key()
        assert key() == before  # the same code, the same key
        pdf = copy / "pdf.py"
        pdf.write_text(pdf.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        assert key() != before
    finally:
        layoutcache._renderer.cache_clear()  # the real code's digest for the other tests
