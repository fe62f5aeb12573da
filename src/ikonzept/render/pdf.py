"""Lay out HTML with WeasyPrint into a tagged, archivable PDF, loading nothing from outside.

Default variant: PDF/A-2a (archivable and tagged) that also declares PDF/UA-1 in its XMP
metadata, since German archives recommend PDF/A-2 and accessibility rules ask for PDF/UA.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ikonzept import fsutil

DEFAULT_VARIANT = "pdf/a-2a"
_UA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"
_RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def variants() -> list[str]:
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
                if any(path.is_relative_to(folder) for folder in self.allowed):
                    return super().fetch(url, headers)
            self.blocked.append(url)
            raise ValueError(f"ikonzept loads nothing from {url}")

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


def _expand_abbreviations() -> None:
    """Tag `<abbr title>` as a Span with its expansion (/E), for screen readers.

    WeasyPrint tags `abbr` as NonStruct and drops the title. We wrap its (internal) tree
    builder once; if a future WeasyPrint changes it, the PDF merely lacks the expansions,
    and the test on /E entries says so.
    """
    try:
        import pydyf
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover
        return
    original = getattr(tags, "_build_box_tree", None)
    if original is None or getattr(original, "ikonzept", False):
        return

    def build_box_tree(box: Any, *args: Any) -> Any:
        for element in original(box, *args):
            node = getattr(box, "element", None)
            if getattr(box, "element_tag", None) == "abbr" and node is not None:
                title = node.attrib.get("title")
                if title:
                    element["S"] = "/Span"
                    element["E"] = pydyf.String(title)
            yield element

    build_box_tree.ikonzept = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


def layout(
    html: str, *, root: Path, template_dirs: Sequence[Path], variant: str = DEFAULT_VARIANT
) -> Layout:
    """Lay out the HTML; only files below ``bilder/`` and the template folders are read."""
    from weasyprint import HTML

    _expand_abbreviations()

    fetcher = _fetcher_class()([root / "bilder", *template_dirs])
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)  # our fetcher reports what it blocked, in German
    try:
        document = HTML(
            string=html, base_url=root.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render()
    finally:
        logger.setLevel(previous)
    return Layout(document, html, variant, tuple(dict.fromkeys(fetcher.blocked)))


def write(laid_out: Layout, target: Path) -> None:
    """Write the PDF atomically; the previous file stays untouched on any failure."""
    data = laid_out.document.write_pdf(
        pdf_variant=laid_out.variant,
        # Derived from the content, so the same input gives the same file.
        pdf_identifier=hashlib.sha256(laid_out.html.encode("utf-8")).hexdigest()[:32].encode(),
        finisher=_declare_ua if _is_tagged_archive(laid_out.variant) else None,
    )
    fsutil.write_bytes(target, data)


def _is_tagged_archive(variant: str) -> bool:
    return re.fullmatch(r"pdf/a-\da", variant) is not None


def _declare_ua(document: Any, pdf: Any) -> None:
    """Add the PDF/UA-1 identification next to WeasyPrint's PDF/A one in the XMP packet."""
    reference = pdf.catalog["Metadata"]
    if isinstance(reference, bytes):
        reference = reference.decode()
    reference = int(str(reference).split()[0])
    stream = pdf.objects[reference]
    content = b"".join(
        part if isinstance(part, bytes) else str(part).encode() for part in stream.stream
    )
    description = (
        f'<rdf:Description xmlns:rdf="{_RDF_NAMESPACE}" xmlns:pdfuaid="{_UA_NAMESPACE}" '
        'rdf:about="" pdfuaid:part="1"/>'
    ).encode()
    closing = b"</rdf:RDF>"
    position = content.rfind(closing)
    stream.stream = [content[:position] + description + content[position:]]
