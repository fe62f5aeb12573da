"""Lines of text broken once per process (`render/linecache`): the same PDFs, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikonzept.base.resources import data_dir, template_dirs
from ikonzept.pipeline.validate import validate
from ikonzept.render import linecache, pdf
from ikonzept.render.content.handlungsplan import render_plan
from ikonzept.render.hyphenation import with_exceptions

SAMPLE = Path(__file__).resolve().parent.parent / "concept-2019"


def _written(html: str, root: Path, dirs: list[Path], target: Path) -> bytes:
    pdf.write(pdf.layout(html, root=root, template_dirs=dirs), target)
    return target.read_bytes()


def test_the_towns_plans_are_the_same_pdfs_with_their_lines_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    konzept = validate(SAMPLE).konzept
    assert konzept is not None and len(konzept.plaene) == 3
    dirs = template_dirs(SAMPLE)
    pages = [
        with_exceptions(
            render_plan(konzept, plan, SAMPLE, dirs, "2026-12-01"), konzept.silbentrennung
        )
        for plan in konzept.plaene
    ]
    linecache.forget()
    before = linecache.hits
    remembered = [_written(h, SAMPLE, dirs, tmp_path / f"mit-{i}.pdf") for i, h in enumerate(pages)]
    assert linecache.hits - before > 50  # the status words, periods, names: known lines
    monkeypatch.setattr(linecache, "enabled", False)
    fresh = [_written(h, SAMPLE, dirs, tmp_path / f"ohne-{i}.pdf") for i, h in enumerate(pages)]
    assert remembered == fresh


# Our stylesheet's fonts (a real italic face); set right, so that a line's width shows.
_PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Zeilen</title>
<link rel="stylesheet" href="{sheet}">
<style>div {{ width: 32mm; font-size: 9pt; hyphens: auto; text-align: right; {css} }}</style>
</head><body><div>
Die Integrationsbeauftragten der Kommunen vereinbaren Sprachförderangebote für neu
Zugewanderte in den Kindertageseinrichtungen und Familienzentren des Kreises.
</div></body></html>"""


def _page(*, lang: str, css: str) -> str:
    sheet = (data_dir("templates") / "konzept.css").resolve().as_uri()
    return _PAGE.format(lang=lang, css=css, sheet=sheet)


@pytest.mark.parametrize(
    "css",
    [
        "letter-spacing: 0.4pt", "word-spacing: 3pt", "font-weight: 700", "font-style: italic",
        "font-size: 10pt", "hyphens: manual", "white-space: nowrap",
        "hyphens: manual; width: 14mm => overflow-wrap: anywhere", "text-decoration: underline",
        "font-variant-caps: small-caps", "hyphenate-limit-chars: 12", "lang-en",
    ],
)  # fmt: skip
def test_a_line_is_remembered_only_for_the_same_font_and_text_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, css: str
) -> None:
    """The same text in another style is broken anew (the lines of the first document are
    known when the second is laid out); a property left out of the key would reuse them.
    ``A => B``: both documents have A, the second also B."""
    dirs = template_dirs(SAMPLE)
    common, _, changed = css.rpartition(" => ")
    first = _page(lang="de-DE", css=common)
    second = _page(
        lang="en" if changed == "lang-en" else "de-DE",
        css=f"{common}; {changed.replace('lang-en', '')}",
    )
    linecache.forget()
    _written(first, SAMPLE, dirs, tmp_path / "erste.pdf")
    remembered = _written(second, SAMPLE, dirs, tmp_path / "mit.pdf")
    monkeypatch.setattr(linecache, "enabled", False)
    fresh = _written(second, SAMPLE, dirs, tmp_path / "ohne.pdf")
    assert remembered == fresh


def test_lines_are_broken_anew_when_the_hyphenation_exceptions_change(tmp_path: Path) -> None:
    dirs = template_dirs(SAMPLE)
    page = _page(lang="de-DE", css="width: 22mm")
    own = '<meta name="ikonzept-silbentrennung" content="Sprachförder-angebote">'
    linecache.forget()
    plain = _written(page, SAMPLE, dirs, tmp_path / "ohne-liste.pdf")
    listed = _written(
        page.replace("</head>", own + "</head>"), SAMPLE, dirs, tmp_path / "liste.pdf"
    )
    assert plain != listed  # the county's list decides where „Sprachförderangebote“ breaks
    linecache.forget()
    assert (
        _written(page.replace("</head>", own + "</head>"), SAMPLE, dirs, tmp_path / "neu.pdf")
        == listed
    )
