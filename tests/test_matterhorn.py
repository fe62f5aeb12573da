"""Each check of `tests/matterhorn` bites: a small document of ours passes them all, and each
failure condition is reported once the document is broken in the way it describes."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from ikonzept.base.resources import template_dirs
from ikonzept.render import pdf as render_pdf
from ikonzept.render.layout import parts
from tests.conftest import SAMPLE
from tests.matterhorn import CHECKS, check

pytestmark = pytest.mark.slow

HTML = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Prüfdokument</title>
<link rel="stylesheet" href="{css}"></head>
<body data-titel="Prüfdokument">
<nav class="inhalt" role="doc-toc" data-teil><h1 class="unnummeriert">Inhalt</h1><ol>
<li class="ebene-1"><a href="#eins">Erstes Kapitel</a></li>
<li class="ebene-1"><a href="#zwei">Zweites Kapitel</a></li></ol></nav>
<main>
<section id="eins"><h1>Erstes Kapitel</h1>
<p>Das <abbr title="Kommunales Integrationszentrum">KI</abbr> berät<span class="footnote">Erste
Fußnote.</span> und vermittelt<span class="footnote">Zweite Fußnote.</span>; mehr unter
<a href="https://www.example.org">www.example.org</a>.</p>
<h2>Abschnitt</h2>
<ul><li>eins</li><li>zwei</li></ul>
<ol><li>erstens</li><li>zweitens</li></ol>
<table><thead><tr><th scope="col">Name</th><th scope="col">Ort</th></tr></thead>
<tbody><tr><td>VHS</td><td>Coesfeld</td></tr><tr><td>KI</td><td>Dülmen</td></tr></tbody></table>
<p><img src="bilder/logo.svg" alt="Logo des Kreises" style="width: 30mm"></p>
</section>
<section id="zwei"><h1>Zweites Kapitel</h1>
<p>Siehe <a href="#eins">Erstes Kapitel</a>.</p></section>
</main></body></html>
"""


def _lay_out(folder: Path, variant: str = render_pdf.DEFAULT_VARIANT) -> bytes:
    """The small document, laid out and written as `build` writes a concept."""
    dirs = template_dirs(SAMPLE, None)
    css = (dirs[-1] / "konzept.css").as_uri()
    laid_out = parts.lay_out(HTML.format(css=css), root=SAMPLE, dirs=dirs, variant=variant,
                             folder=folder, run=parts.runner(None))  # fmt: skip
    laid_out.join(folder / "gut.pdf")
    return (folder / "gut.pdf").read_bytes()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small document with what our PDFs have: TOC, footnotes, lists, table, figure, links."""
    return _lay_out(tmp_path_factory.mktemp("matterhorn"))


def test_the_small_document_passes(good: bytes) -> None:
    with pikepdf.open(io.BytesIO(good)) as pdf:
        assert [str(f) for f in check(pdf)] == []


# Breakers: each takes the good document apart the way one failure condition describes.


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop(0)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                stack.append(kid)


def _first(pdf: pikepdf.Pdf, kind: str, nth: int = 0) -> pikepdf.Dictionary:
    return [e for e in _elements(pdf) if kind == e.S][nth]


def _page_content(pdf: pikepdf.Pdf, number: int = 1) -> bytes:
    return pdf.pages[number].obj.Contents.read_bytes()


def _set_content(pdf: pikepdf.Pdf, data: bytes, number: int = 1) -> None:
    pdf.pages[number].obj.Contents = pdf.make_stream(data)


def _first_mcid(data: bytes) -> tuple[int, int]:
    """Where the first tagged sequence of a content stream starts and ends."""
    start = data.index(b"/MCID")
    start = data.rindex(b"/", 0, data.rindex(b"<<", 0, start))
    return start, data.index(b"EMC", start) + 3


def _xmp(pdf: pikepdf.Pdf, old: bytes, new: bytes) -> None:
    data = pdf.Root.Metadata.read_bytes()
    assert old in data
    pdf.Root.Metadata = pdf.make_stream(data.replace(old, new), Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)  # fmt: skip


def _font(pdf: pikepdf.Pdf, number: int = 1) -> pikepdf.Dictionary:
    return next(iter(pdf.pages[number].Resources.Font.values()))


def _annotate(pdf: pikepdf.Pdf, subtype: str, **extra: Any) -> pikepdf.Dictionary:
    annotation = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(subtype),
        Rect=pikepdf.Array([100, 100, 200, 120]), **extra,
    ))  # fmt: skip
    page = pdf.pages[1].obj
    page.Annots = pikepdf.Array([*page.get("/Annots", []), annotation])
    return annotation


def _form_xobject(pdf: pikepdf.Pdf, times: int, **extra: Any) -> None:
    form = pdf.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=pikepdf.Array([0, 0, 10, 10]), **extra)  # fmt: skip
    page = pdf.pages[1]
    resources = page.obj.Resources
    if "/XObject" not in resources:
        resources.XObject = pikepdf.Dictionary()
    resources.XObject.IkForm = form
    _set_content(pdf, _page_content(pdf) + b"\n/Artifact BMC " + b"/IkForm Do " * times + b"EMC")


def _cmap_encoding(pdf: pikepdf.Pdf, **extra: Any) -> None:
    font = _font(pdf)
    info = pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                              Ordering=pikepdf.String("Japan1"), Supplement=0)  # fmt: skip
    font.Encoding = pdf.make_stream(b"/CIDInit /ProcSet findresource begin\n/WMode 0 def\nend",
                                    Type=pikepdf.Name.CMap, CIDSystemInfo=info,
                                    CMapName=pikepdf.Name.IkMap, **extra)  # fmt: skip
    font.DescendantFonts[0].CIDSystemInfo = pikepdf.Dictionary(
        Registry=pikepdf.String("Ikonzept"), Ordering=pikepdf.String("Test"), Supplement=5
    )


def _simple_truetype(pdf: pikepdf.Pdf, flags: int, **extra: Any) -> None:
    """A simple TrueType font that shows a character on the page."""
    descriptor = _font(pdf).DescendantFonts[0].FontDescriptor
    copied = pikepdf.Dictionary({k: v for k, v in descriptor.items()})
    copied.Flags = flags
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/Ik"),
        FirstChar=0, LastChar=0, Widths=pikepdf.Array([0]),
        FontDescriptor=pdf.make_indirect(copied), **extra,
    ))  # fmt: skip
    pdf.pages[1].Resources.Font.IkSimple = font
    _set_content(pdf, _page_content(pdf) + b"\n/Artifact BMC BT /IkSimple 10 Tf (\\000) Tj ET EMC")


def _truetype_without_cmap(pdf: pikepdf.Pdf, flags: int) -> None:
    from fontTools.ttLib import TTFont

    _simple_truetype(pdf, flags)
    descriptor = pdf.pages[1].Resources.Font.IkSimple.FontDescriptor
    font = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
    font["cmap"].tables = []
    buffer = io.BytesIO()
    font.save(buffer)
    descriptor.FontFile2 = pdf.make_stream(buffer.getvalue())


def _to_unicode(pdf: pikepdf.Pdf, target: str) -> None:
    """Map the first thousand character codes of a font to ``target`` (hex UTF-16)."""
    lines = b"".join(b"<%04X> <%s>\n" % (code, target.encode()) for code in range(1000))
    _font(pdf).ToUnicode = pdf.make_stream(
        b"begincmap\n1000 beginbfchar\n" + lines + b"endbfchar\nendcmap"
    )


def _cid_to_gid(pdf: pikepdf.Pdf, gid: int) -> None:
    _font(pdf).DescendantFonts[0].CIDToGIDMap = pdf.make_stream(gid.to_bytes(2, "big") * 65536)


def _widen(pdf: pikepdf.Pdf) -> None:
    cid_font = _font(pdf).DescendantFonts[0]
    cid_font.W = pikepdf.Array([0, pikepdf.Array([2000] * 2000)])


def _cid_set(pdf: pikepdf.Pdf, data: bytes) -> None:
    _font(pdf).DescendantFonts[0].FontDescriptor.CIDSet = pdf.make_stream(data)


def _link_annotation(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return next(a for a in pdf.pages[1].obj.Annots if a.Subtype == "/Link")


def _unlink_parent(pdf: pikepdf.Pdf) -> None:
    """The parent tree names another element for an MCID."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    entries = nums[3]
    entries[0], entries[1] = entries[1], entries[0]


def _claim_missing(pdf: pikepdf.Pdf) -> None:
    element = _first(pdf, "/P")
    element.K = pikepdf.Array([*element.K, 9999])


def _wrong_parent(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/P").P = pdf.Root.StructTreeRoot


def _swap_fonts(pdf: pikepdf.Pdf) -> None:
    fonts = list(pdf.pages[1].Resources.Font.values())
    name = pikepdf.Name("/" + str(fonts[0].BaseFont)[1:7] + "+Other")
    fonts[1].BaseFont = fonts[1].DescendantFonts[0].BaseFont = name
    fonts[1].DescendantFonts[0].FontDescriptor.FontName = name


def _without_title(pdf: pikepdf.Pdf) -> None:
    _xmp(pdf, b"<dc:title>", b"<dc:titel>")
    _xmp(pdf, b"</dc:title>", b"</dc:titel>")


def _suspects(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Suspects = True


def _role(kind: str, mapping: dict[str, str], *, replace: str = "/P") -> Callable[[Any], None]:
    def breaker(pdf: pikepdf.Pdf) -> None:
        _first(pdf, replace).S = pikepdf.Name(kind)
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(
            {k: pikepdf.Name(v) for k, v in mapping.items()}
        )

    return breaker


def _set(kind: str, to: str, nth: int = 0) -> Callable[[Any], None]:
    def breaker(pdf: pikepdf.Pdf) -> None:
        _first(pdf, kind, nth).S = pikepdf.Name(to)

    return breaker


def _delete(path: Callable[[Any], Any], key: str) -> Callable[[Any], None]:
    def breaker(pdf: pikepdf.Pdf) -> None:
        del path(pdf)[key]

    return breaker


def _untagged(pdf: pikepdf.Pdf) -> None:
    _set_content(pdf, _page_content(pdf) + b"\n0 0 10 10 re f")


def _artifact_in_tagged(pdf: pikepdf.Pdf) -> None:
    data = _page_content(pdf)
    start, _end = _first_mcid(data)
    inner = data.index(b"BDC", start) + 3
    _set_content(pdf, data[:inner] + b"\n/Artifact BMC EMC\n" + data[inner:])


def _tagged_in_artifact(pdf: pikepdf.Pdf) -> None:
    data = _page_content(pdf)
    start, end = _first_mcid(data)
    _set_content(pdf, data[:start] + b"/Artifact BMC\n" + data[start:end] + b"\nEMC" + data[end:])


def _two_h(pdf: pikepdf.Pdf) -> None:
    section = _first(pdf, "/Sect")
    paragraphs = [kid for kid in section.K if isinstance(kid, pikepdf.Dictionary) and kid.S == "/P"]
    for paragraph in paragraphs[:2]:
        paragraph.S = pikepdf.Name.H


def _unconnected_headers(pdf: pikepdf.Pdf) -> None:
    for element in _elements(pdf):
        if element.S in ("/TH", "/TD") and "/A" in element:
            for key in ("/Scope", "/Headers"):
                if key in element.A:
                    del element.A[key]


def _duplicate_note_ids(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/Note", 1).ID = _first(pdf, "/Note", 0).ID


def _formula(pdf: pikepdf.Pdf) -> None:
    figure = _first(pdf, "/Figure")
    figure.S = pikepdf.Name.Formula
    del figure.Alt


def _ruby(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/P").S = pikepdf.Name.Ruby


def _warichu(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/P").S = pikepdf.Name.Warichu


def _optional_content(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OCProperties = pikepdf.Dictionary(
        OCGs=pikepdf.Array(), D=pikepdf.Dictionary(AS=pikepdf.Array()),
        Configs=pikepdf.Array([pikepdf.Dictionary(Name=pikepdf.String(""))]),
    )  # fmt: skip


def _embedded_file(pdf: pikepdf.Pdf) -> None:
    spec = pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("a.txt"),
                              EF=pikepdf.Dictionary(F=pdf.make_stream(b"x")))  # fmt: skip
    pdf.Root.Names.EmbeddedFiles = pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String("a.txt"), spec])
    )


def _xfa(pdf: pikepdf.Pdf) -> None:
    config = pdf.make_stream(b"<config><acrobat><acrobat7><dynamicRender>required"
                             b"</dynamicRender></acrobat7></acrobat></config>")  # fmt: skip
    pdf.Root.AcroForm = pikepdf.Dictionary(
        Fields=pikepdf.Array(), XFA=pikepdf.Array([pikepdf.String("config"), config])
    )


def _printer_mark(pdf: pikepdf.Pdf) -> None:
    box = pikepdf.Array([0, 0, 1, 1])
    appearance = pdf.make_stream(
        b"0 0 1 1 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=box
    )
    _annotate(pdf, "/PrinterMark", StructParent=0, AP=pikepdf.Dictionary(N=appearance))


def _media_clip(pdf: pikepdf.Pdf) -> None:
    clip = pikepdf.Dictionary(Type=pikepdf.Name.MediaClip, S=pikepdf.Name.MCD)
    rendition = pikepdf.Dictionary(S=pikepdf.Name.MR, C=clip)
    _annotate(pdf, "/Screen", Contents=pikepdf.String("Film"),
              A=pikepdf.Dictionary(S=pikepdf.Name.Rendition, R=rendition))  # fmt: skip


def _attachment(pdf: pikepdf.Pdf) -> None:
    spec = pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("a.txt"))
    _annotate(pdf, "/FileAttachment", FS=spec, Contents=pikepdf.String("Anhang"))


def _encrypt_without_accessibility() -> dict[str, Any]:
    # qpdf sets the accessibility bit for AES (R 4 and 6); RC4 with R 3 keeps it off.
    permissions = pikepdf.Permissions(accessibility=False)
    return {"encryption": pikepdf.Encryption(owner="geheim", user="", R=3, aes=False,
                                             metadata=False, allow=permissions)}  # fmt: skip


BREAKERS: dict[str, Callable[[Any], Any]] = {
    "01-003": _artifact_in_tagged,
    "01-004": _tagged_in_artifact,
    "01-005": _untagged,
    "01-007": _suspects,
    "02-001": _role("/Kasten", {}),
    "02-003": _role("/Kasten", {"/Kasten": "/Schachtel", "/Schachtel": "/Kasten"}),
    "02-004": _role("/P", {"/P": "/Span"}),
    "06-001": _delete(lambda pdf: pdf.Root, "/Metadata"),
    "06-002": lambda pdf: _xmp(pdf, b'pdfuaid:part="1"', b'pdfuaid:part="2"'),
    "06-003": _without_title,
    "07-001": _delete(lambda pdf: pdf.Root.ViewerPreferences, "/DisplayDocTitle"),
    "07-002": lambda pdf: setattr(pdf.Root.ViewerPreferences, "DisplayDocTitle", False),
    "09-004": _set("/TD", "/P"),
    "09-005": _set("/LI", "/P"),
    "09-006": _set("/TOC", "/L"),
    "09-007": _ruby,
    "09-008": _warichu,
    "10-001": _delete(_font, "/ToUnicode"),
    "11-001": _delete(lambda pdf: pdf.Root, "/Lang"),
    "11-002": _delete(lambda pdf: pdf.Root, "/Lang"),
    "11-003": _delete(lambda pdf: pdf.Root, "/Lang"),
    "11-004": _delete(lambda pdf: pdf.Root, "/Lang"),
    "11-006": _delete(lambda pdf: pdf.Root, "/Lang"),
    "13-004": _delete(lambda pdf: _first(pdf, "/Figure"), "/Alt"),
    "14-002": _set("/H1", "/H2"),
    "14-003": _set("/H2", "/H4"),
    "14-006": _two_h,
    "14-007": _set("/H2", "/H"),
    "15-003": _unconnected_headers,
    "16-001": _delete(lambda pdf: _first(pdf, "/L"), "/A"),
    "17-002": _formula,
    "18-002": lambda pdf: _set_content(pdf, _page_content(pdf).replace(b"/Subtype /Footer", b"")),
    "19-003": _delete(lambda pdf: _first(pdf, "/Note"), "/ID"),
    "19-004": _duplicate_note_ids,
    "20-001": _optional_content,
    "20-002": _optional_content,
    "20-003": _optional_content,
    "21-001": _embedded_file,
    "25-001": _xfa,
    "26-002": lambda pdf: _encrypt_without_accessibility(),
    "28-002": lambda pdf: _annotate(pdf, "/Text", Contents=pikepdf.String("Notiz")),
    "28-004": lambda pdf: _annotate(pdf, "/Text"),
    "28-005": lambda pdf: _annotate(pdf, "/Widget"),
    "28-006": lambda pdf: _annotate(pdf, "/Unbekannt"),
    "28-007": lambda pdf: _annotate(pdf, "/TrapNet", Contents=pikepdf.String("Überfüllung")),
    "28-008": _delete(lambda pdf: pdf.pages[1].obj, "/Tabs"),
    "28-009": lambda pdf: setattr(pdf.pages[1].obj, "Tabs", pikepdf.Name.R),
    "28-010": lambda pdf: _annotate(pdf, "/Widget", TU=pikepdf.String("Feld")),
    "28-011": _set("/Link", "/Span"),
    "28-012": _delete(_link_annotation, "/Contents"),
    "28-014": _media_clip,
    "28-015": _media_clip,
    "28-016": _attachment,
    "28-017": _printer_mark,
    "28-018": _printer_mark,
    "30-001": lambda pdf: _form_xobject(pdf, 1, Ref=pikepdf.Dictionary()),
    "30-002": lambda pdf: _form_xobject(pdf, 2, StructParents=99),
    "31-001": _cmap_encoding,
    "31-002": _cmap_encoding,
    "31-003": _cmap_encoding,
    "31-004": lambda pdf: setattr(_font(pdf).DescendantFonts[0], "CIDToGIDMap", pikepdf.Name.Ik),
    "31-005": _delete(lambda pdf: _font(pdf).DescendantFonts[0], "/CIDToGIDMap"),
    "31-006": lambda pdf: setattr(_font(pdf), "Encoding", pikepdf.Name("/Ikonzept-H")),
    "31-007": lambda pdf: _cmap_encoding(pdf, WMode=1),
    "31-008": lambda pdf: _cmap_encoding(pdf, UseCMap=pikepdf.Name("/Ikonzept-H")),
    "31-009": _delete(lambda pdf: _font(pdf).DescendantFonts[0].FontDescriptor, "/FontFile2"),
    "31-011": lambda pdf: _cid_to_gid(pdf, 65535),
    "31-014": lambda pdf: _cid_set(pdf, b"\x00"),
    "31-015": lambda pdf: _cid_set(pdf, b"\xff" * 8192),
    "31-016": _widen,
    "31-017": lambda pdf: _truetype_without_cmap(pdf, 32),
    "31-019": lambda pdf: _simple_truetype(pdf, 32),
    "31-020": lambda pdf: _simple_truetype(pdf, 32, Encoding=pikepdf.Dictionary()),
    "31-021": lambda pdf: _simple_truetype(pdf, 32, Encoding=pikepdf.Name.StandardEncoding),
    "31-024": lambda pdf: _simple_truetype(pdf, 4, Encoding=pikepdf.Name.WinAnsiEncoding),
    "31-025": lambda pdf: _truetype_without_cmap(pdf, 4),
    "31-026": lambda pdf: _simple_truetype(pdf, 4),  # our subsets have (0,3) and (3,1)
    "31-028": lambda pdf: _to_unicode(pdf, "0000"),
    "31-029": lambda pdf: _to_unicode(pdf, "FEFF"),
    "31-030": lambda pdf: _cid_to_gid(pdf, 0),
    "S-01": _unlink_parent,
    "S-02": _claim_missing,
    "S-03": lambda pdf: setattr(_link_annotation(pdf), "StructParent", 0),
    "S-04": _wrong_parent,
    "S-05": _delete(lambda pdf: pdf.Root.StructTreeRoot, "/IDTree"),
    "S-06": lambda pdf: setattr(pdf.Root.StructTreeRoot, "ParentTreeNextKey", 0),
    "S-07": lambda pdf: setattr(_first(pdf, "/P"), "IkElement", 1),
    "S-10": lambda pdf: setattr(pdf.Root.MarkInfo, "Marked", False),
    "S-11": _swap_fonts,
    "S-12": lambda pdf: _xmp(pdf, b"<pdfaSchema:prefix>pdfuaid", b"<pdfaSchema:prefix>uaid"),
}

# An encrypted file without /P cannot be made here: qpdf writes /P whenever it encrypts,
# and /P is part of the key, so a file without it does not open.
UNBREAKABLE = {"26-001"}


def test_every_condition_has_a_breaker() -> None:
    conditions = {c for registered in CHECKS for c in registered.conditions}
    assert conditions - UNBREAKABLE == set(BREAKERS)


@pytest.mark.parametrize("condition", sorted(BREAKERS))
def test_the_check_bites(good: bytes, condition: str) -> None:
    with pikepdf.open(io.BytesIO(good)) as pdf:
        options = BREAKERS[condition](pdf)
        options = options if isinstance(options, dict) else {}
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)  # widgets without a form
            pdf.save(buffer, **options)
    password = "geheim" if "encryption" in options else ""
    with pikepdf.open(io.BytesIO(buffer.getvalue()), password=password) as broken:
        found = {failure.condition for failure in check(broken)}
    assert condition in found


@pytest.mark.parametrize("variant", ["pdf/a-1a", "pdf/a-3a", "pdf/ua-1"])
def test_other_tagged_variants_pass_too(tmp_path: Path, variant: str) -> None:
    with pikepdf.open(io.BytesIO(_lay_out(tmp_path, variant))) as pdf:
        assert [str(f) for f in check(pdf)] == []


def test_untagged_variant_claims_neither_tags_nor_pdf_ua(tmp_path: Path) -> None:
    """`--pdf-variant pdf/a-2b`: archivable, not tagged, and it says so."""
    with pikepdf.open(io.BytesIO(_lay_out(tmp_path, "pdf/a-2b"))) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        assert "/MarkInfo" not in pdf.Root or not bool(pdf.Root.MarkInfo.get("/Marked"))
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfaid:conformance") == "B"
            assert xmp.get("pdfuaid:part") is None  # no PDF/UA claim
        found = {failure.condition for failure in check(pdf)}
    # What is not claimed is not there: no tags, no PDF/UA identification.
    assert {"S-10", "06-002", "01-005"} <= found


def test_an_empty_alternative_text_is_none(good: bytes) -> None:
    """`![](bilder/karte.svg)` would give an empty /Alt; validate refuses it (IK223), and
    the checker must not take an empty string for a description."""
    with pikepdf.open(io.BytesIO(good)) as pdf:
        _first(pdf, "/Figure").Alt = pikepdf.String("")
        buffer = io.BytesIO()
        pdf.save(buffer)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as broken:
        found = {failure.condition for failure in check(broken)}
    assert "13-004" in found
