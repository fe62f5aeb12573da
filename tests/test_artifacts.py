"""Unclaimed marked content becomes an artifact: the same in WeasyPrint's line-per-token
streams (read with regular expressions) and in any other stream (parsed by pikepdf)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
import pytest

from ikonzept.base.resources import template_dirs
from ikonzept.render import pdf as render_pdf
from ikonzept.render.tagged import artifacts
from ikonzept.render.tagged.structure import Marked
from tests.conftest import SAMPLE

# As WeasyPrint writes a page of 842 pt: y grows downwards (the first cm), a running head
# at the top, a paragraph, a page number at the bottom.
_WEASYPRINT = b"""1 0 0 -1 0 842 cm
q
/Span
<</MCID 0>>
BDC
BT
1 0 0 -1 50 30 Tm
/F1 10 Tf
[<0031>0<0055>] TJ
ET
EMC
/P
<</MCID 1/ActualText <feff0041>>>
BDC
BT
1 0 0 -1 50 400 Tm
[<0032>] TJ
ET
EMC
Q
q
0.75 0 0 0.75 0 0 cm
/Span
<</MCID 2>>
BDC
BT
1 0 0 -1 60 1100 Tm
[<0033>] TJ
ET
EMC
Q
"""


def _page(content: bytes, *, compressed: bool = False) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    if compressed:
        stream = pikepdf.Stream(pdf, zlib.compress(content))
        stream.Filter = pikepdf.Name.FlateDecode
    else:
        stream = pikepdf.Stream(pdf, content)
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
    return pdf


def _marks(pdf: pikepdf.Pdf) -> list[tuple[str, dict[str, str]]]:
    """Each BDC's tag and properties, in the order of the stream."""
    return [
        (str(i.operands[0]), {str(k): str(v) for k, v in i.operands[1].items()})
        for i in pikepdf.parse_content_stream(pdf.pages[0])
        if str(i.operator) == "BDC"
    ]


_EXPECTED = [
    ("/Artifact", {"/Type": "/Pagination", "/Subtype": "/Header"}),
    ("/P", {"/MCID": "1", "/ActualText": "A"}),
    ("/Artifact", {"/Type": "/Pagination", "/Subtype": "/Footer"}),
]


@pytest.mark.parametrize(
    ("content", "compressed"),
    [
        (_WEASYPRINT, False),  # read line by line
        (_WEASYPRINT, True),  # parsed: the bytes are not WeasyPrint's lines
        (_WEASYPRINT.replace(b"[<0032>] TJ", b"(Hallo \\(\\)) Tj"), False),  # a literal string
        (_WEASYPRINT.replace(b"\n", b" ").replace(b"  ", b" "), False),  # one line, any form
    ],
    ids=["weasyprint", "compressed", "literal-string", "one-line"],
)
def test_unclaimed_content_becomes_header_or_footer_by_where_its_text_starts(
    content: bytes, compressed: bool
) -> None:
    pdf = _page(content, compressed=compressed)
    artifacts.mark(pdf, {Marked(0, 1)}, {})
    assert _marks(pdf) == _EXPECTED


def test_a_layout_artifact_has_no_subtype_and_claimed_content_stays() -> None:
    pdf = _page(_WEASYPRINT)
    artifacts.mark(pdf, {Marked(0, 0), Marked(0, 2)}, {Marked(0, 1): artifacts.LAYOUT})
    assert _marks(pdf)[1] == ("/Artifact", {"/Type": "/Layout"})
    assert [tag for tag, _ in _marks(pdf)] == ["/Span", "/Artifact", "/Span"]


def test_a_page_whose_content_is_all_claimed_is_not_rewritten() -> None:
    pdf = _page(_WEASYPRINT)
    before = pdf.pages[0].obj.Contents.objgen
    artifacts.mark(pdf, {Marked(0, 0), Marked(0, 1), Marked(0, 2)}, {})
    assert pdf.pages[0].obj.Contents.objgen == before


@pytest.mark.parametrize(
    "text",
    [b"A\nBDC", b"A>>\nBDC\n/Span\n<</MCID 5 "],
    ids=["closed-below", "marked-content-inside"],
)
def test_a_string_over_lines_in_the_properties_is_parsed_not_read_by_line(text: bytes) -> None:
    # Read line by line, what is inside the string would be taken for marked content.
    content = _WEASYPRINT.replace(b"<feff0041>", b"(" + text + b")")
    pdf = _page(content)
    artifacts.mark(pdf, {Marked(0, 1)}, {})
    written = ("/P", {"/MCID": "1", "/ActualText": text.decode()})
    assert _marks(pdf) == [_EXPECTED[0], written, _EXPECTED[2]]


_DOCUMENT = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Prüfdokument</title>
<link rel="stylesheet" href="{css}"></head>
<body data-titel="Prüfdokument"><main><section><h1>Kapitel</h1>
<table><thead><tr><th scope="col">Name</th></tr></thead>
<tbody>{rows}</tbody></table></section></main></body></html>
"""


def _written_marks(folder: Path, name: str) -> list[list[tuple[str, dict[str, str]]]]:
    """A document of two pages (running heads and footers, a repeated table header), written
    by `render/pdf`; the tag and properties of each BDC, page by page."""
    dirs = template_dirs(SAMPLE, None)
    rows = "".join(f"<tr><td>Zeile {n}</td></tr>" for n in range(60))
    html = _DOCUMENT.format(css=(dirs[-1] / "konzept.css").as_uri(), rows=rows)
    laid_out = render_pdf.layout(html, root=SAMPLE, template_dirs=dirs)
    render_pdf.write(laid_out, folder / name)
    with pikepdf.open(folder / name) as pdf:
        return [
            [
                (str(i.operands[0]), {str(k): str(v) for k, v in i.operands[1].items()})
                for i in pikepdf.parse_content_stream(page)
                if str(i.operator) == "BDC"
            ]
            for page in pdf.pages
        ]


@pytest.mark.slow
def test_streams_only_pikepdf_can_read_are_marked_after_writing_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_line = _written_marks(tmp_path, "zeilen.pdf")
    assert len(by_line) >= 2
    kinds = {
        (tag, props.get("/Type"), props.get("/Subtype")) for page in by_line for tag, props in page
    }
    assert ("/Artifact", "/Pagination", "/Header") in kinds
    assert ("/Artifact", "/Pagination", "/Footer") in kinds
    # No stream in WeasyPrint's form: every page is left to pikepdf, after writing.
    monkeypatch.setattr(artifacts, "_lines_form", lambda content: None)
    assert _written_marks(tmp_path, "geparst.pdf") == by_line
