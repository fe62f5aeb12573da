"""Lay out HTML with WeasyPrint into a tagged, archivable PDF, loading nothing from outside.

Default variant: PDF/A-2a (archivable and tagged) that also declares PDF/UA-1 in its XMP
metadata, since German archives recommend PDF/A-2 and accessibility rules ask for PDF/UA.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import logging
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ikonzept.base import fsutil
from ikonzept.render import hyphenation, libraries, linecache
from ikonzept.render.tagged import accessible, artifacts, tagging, textlayer

DEFAULT_VARIANT = "pdf/a-2a"
_UA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"
_RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# PDF/A-1 to 3 accept only the XMP schemas they predefine or that the packet describes:
# pdfuaid is described as an extension schema (ISO 19005-1, 6.7.8), as LibreOffice does.
_UA_DECLARATION = f"""<rdf:Description xmlns:rdf="{_RDF_NAMESPACE}" rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility Schema\
</pdfaSchema:schema><pdfaSchema:namespaceURI>{_UA_NAMESPACE}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed\
</pdfaProperty:description></rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag>
</pdfaExtension:schemas></rdf:Description>
<rdf:Description xmlns:rdf="{_RDF_NAMESPACE}" xmlns:pdfuaid="{_UA_NAMESPACE}" rdf:about=""
 pdfuaid:part="1"/>"""


def variants() -> list[str]:
    libraries.import_weasyprint()
    from weasyprint.pdf import VARIANTS

    return [name for name in VARIANTS if name != "debug"]


def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        """Serves ``file:`` URLs below the allowed folders; refuses everything else."""

        def __init__(self, allowed: Sequence[Path]) -> None:
            super().__init__(allowed_protocols=("file",))
            self.allowed = [folder.resolve() for folder in allowed]
            self.blocked: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file" and not parsed.netloc:
                path = Path(unquote(parsed.path)).resolve()
                inside = [f for f in self.allowed if path.is_relative_to(f)]
                if inside:
                    return super().fetch(self._shipped(path, inside[0]) or url, headers)
            self.blocked.append(url)
            raise ValueError(f"ikonzept loads nothing from {url}")

        def _shipped(self, path: Path, folder: Path) -> str | None:
            """A file a county's own stylesheet names beside itself but did not copy
            („fonts/NotoSans-Regular.ttf“): the same file of another template folder."""
            if path.exists():
                return None
            relative = path.relative_to(folder)
            found = next((f / relative for f in self.allowed if (f / relative).is_file()), None)
            return found.as_uri() if found else None

    return ConfinedFetcher


@dataclass(slots=True)
class Layout:
    """A laid-out document, ready to be written."""

    document: Any
    html: str
    variant: str
    blocked: tuple[str, ...]

    @property
    def pages(self) -> int:
        return len(self.document.pages)


# `<link rel="stylesheet">` as our templates write it.
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(file:[^"]+)">\n?')


@dataclass(frozen=True, slots=True)
class _Styles:
    font_config: Any
    sheets: tuple[Any, ...]
    blocked: tuple[str, ...]


# Parsed stylesheets and the fonts they load, per process: a long document is laid out in
# dozens of parts, and parsing the stylesheet and compiling its selectors took a tenth of a
# second for each. Keyed by the files' contents, so an edited stylesheet is read anew.
_STYLES: dict[tuple[str, ...], _Styles] = {}


def forget_styles() -> None:
    """Let go of the parsed stylesheets and remove the folder their fonts were copied to.

    Removed here, not left to the font configuration's finalizer: that runs only once
    nothing refers to it any more, and the last layout of a worker process still did (its
    cycles are collected later, and never before a forked process ends).
    """
    for styles in _STYLES.values():
        folder = getattr(styles.font_config, "_folder", None)  # WeasyPrint's, made lazily
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    _STYLES.clear()


# At the latest before the interpreter tears its modules down: WeasyPrint's own removal,
# when the font configuration is deleted, fails that late.
atexit.register(forget_styles)


def _styles(urls: Sequence[str], allowed: Sequence[Path]) -> _Styles:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetchingError

    contents = []
    for url in urls:
        try:
            contents.append(hashlib.sha256(Path(unquote(urlparse(url).path)).read_bytes()))
        except OSError:
            contents.append(hashlib.sha256(b"missing"))
    key = (*urls, *(c.hexdigest() for c in contents), *(str(a) for a in allowed))
    if key not in _STYLES:
        fetcher = _fetcher_class()(allowed)
        font_config = FontConfiguration()
        sheets = []
        for url in urls:
            # A stylesheet the fetcher refuses is reported as blocked, as a link would be.
            with contextlib.suppress(ValueError, URLFetchingError):
                sheets.append(CSS(url=url, url_fetcher=fetcher, font_config=font_config))
        _STYLES.clear()  # one set of stylesheets per build
        _STYLES[key] = _Styles(font_config, tuple(sheets), tuple(fetcher.blocked))
    return _STYLES[key]


def prepare(html: str, allowed: Sequence[Path]) -> _Styles:
    """Everything a layout of ``html`` needs besides its own work: WeasyPrint imported,
    our tagging installed, hyphenation patterns loaded, the stylesheets parsed.

    Done before a process forks (`render/layout/parts`), the new process starts laying out at once.
    """
    tagging.install()  # imports WeasyPrint the quick way (`render/libraries`)
    textlayer.install()
    linecache.install()
    hyphenation.preload()
    # The stylesheets are given to WeasyPrint parsed (see `_styles`), not as links.
    return _styles(_STYLESHEET.findall(html), allowed)


def layout(
    html: str, *, root: Path, template_dirs: Sequence[Path], variant: str = DEFAULT_VARIANT
) -> Layout:
    """Lay out the HTML; only files below ``bilder/`` and the template folders are read."""
    allowed = [root / "bilder", *template_dirs]
    styles = prepare(html, allowed)  # first: it imports WeasyPrint the quick way
    from weasyprint import HTML

    hyphenation.use_exceptions(html)
    fetcher = _fetcher_class()(allowed)
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)  # our fetcher reports what it blocked, in German
    try:
        document = HTML(
            string=_STYLESHEET.sub("", html),
            base_url=root.resolve().as_uri() + "/",
            url_fetcher=fetcher,
        ).render(stylesheets=list(styles.sheets), font_config=styles.font_config)
    finally:
        logger.setLevel(previous)
    blocked = tuple(dict.fromkeys([*styles.blocked, *fetcher.blocked]))
    return Layout(document, html, variant, blocked)


def write(
    laid_out: Layout, target: Path, *, pages: Mapping[str, int] | None = None, id_prefix: str = ""
) -> None:
    """Write the PDF atomically; the previous file stays untouched on any failure.

    ``pages`` names the printed page of every anchor (of the whole document, when this is
    one of its parts); ``id_prefix`` keeps the structure IDs of the parts apart.
    """
    textlayer.prepare(laid_out.document)
    if pages is None:
        pages = anchor_pages(laid_out.document.pages)
    variant = laid_out.variant
    left = artifacts.Unmarked()

    def finish(document: Any, pdf: Any) -> None:
        """The structure repaired among WeasyPrint's objects, before they are written."""
        nonlocal left
        if "StructTreeRoot" in pdf.catalog:
            left = accessible.repair(
                pdf, pages=pages, id_prefix=id_prefix, version=_pdf_version(variant)
            )
        if _is_tagged_archive(variant):
            _declare_ua(document, pdf)

    data = laid_out.document.write_pdf(
        pdf_variant=variant,
        # The file's identifier is given by `_finished`: pydyf would serialize every object
        # a second time to derive one.
        pdf_identifier=False,
        finisher=finish,
        # Compressed once, by qpdf when `_finished` saves the file: WeasyPrint's zlib in
        # Python compressed every stream that pikepdf then decompressed to repair it.
        uncompressed_pdf=True,
    )
    # Derived from the content, so the same input gives the same file.
    identifier = hashlib.sha256(laid_out.html.encode("utf-8")).hexdigest()[:32].encode()
    fsutil.write_bytes(target, _finished(data, left, identifier))


def _finished(data: bytes, left: artifacts.Unmarked, identifier: bytes) -> bytes:
    """What WeasyPrint wrote, with the last artifacts marked and the font subsets complete;
    saved by qpdf, which compresses it and leaves out the objects nothing references.

    ``identifier`` is the permanent part of the file's ID; qpdf derives the other part
    from the content it writes.
    """
    import io

    import pikepdf

    from ikonzept.render.tagged import subsets

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(identifier)] * 2)
        if left.pages:
            artifacts.mark(pdf, left.claimed, left.kinds, pages=left.pages)
        textlayer.hyphens_as_hyphen_minus(pdf)
        subsets.complete_cid_sets(pdf)
        return subsets.to_bytes(pdf)


def _pdf_version(variant: str) -> str:
    """The PDF version WeasyPrint writes for ``variant`` (its own default: 1.7)."""
    from weasyprint.pdf import VARIANTS

    known = VARIANTS.get(variant)
    return str(known[1].get("pdf_version") or "1.7") if known else "1.7"


def anchor_pages(pages: Sequence[Any]) -> dict[str, int]:
    """Anchor name → printed page number (the first page that holds it)."""
    found: dict[str, int] = {}
    for index, page in enumerate(pages):
        for name in page.anchors:
            found.setdefault(name, index + 1)
    return found


def _is_tagged_archive(variant: str) -> bool:
    return re.fullmatch(r"pdf/a-\da", variant) is not None


def _declare_ua(document: Any, pdf: Any) -> None:
    """Add the PDF/UA-1 identification, and its schema, to WeasyPrint's PDF/A XMP packet."""
    reference = pdf.catalog["Metadata"]
    if isinstance(reference, bytes):
        reference = reference.decode()
    reference = int(str(reference).split()[0])
    stream = pdf.objects[reference]
    content = b"".join(
        part if isinstance(part, bytes) else str(part).encode() for part in stream.stream
    )
    description = _UA_DECLARATION.encode()
    closing = b"</rdf:RDF>"
    position = content.rfind(closing)
    stream.stream = [content[:position] + description + content[position:]]


def document(html: str, target: Path, *, root: Path, template_dirs: Sequence[Path]) -> int:
    """Lay out a whole document in this process and write it; returns its page count."""
    laid_out = layout(html, root=root, template_dirs=template_dirs)
    write(laid_out, target)
    return laid_out.pages
