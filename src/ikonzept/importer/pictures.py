"""Pictures in a Word document: the image files embedded in the package come into the
concept's bilder/ folder with the description Word keeps for them („Alternativtext“) as
their alternative text. Linked pictures are never fetched; formats a PDF or browser cannot
show (EMF, WMF, TIFF) and Word's own charts stay out, and the report says where they were."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
FORMATS = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "gif": "gif", "svg": "svg", "webp": "webp"}
MAX_PICTURE = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Picture:
    path: str  # „bilder/abbildung-3.png“
    data: bytes
    alt: str  # Word's description, or a placeholder that says it is missing
    described: bool  # the document gave a description
    paragraph: int
    page: int = 0  # a PDF's page (Word documents have none to tell)

    @property
    def where(self) -> str:
        """Its place for the report: the page of a PDF, else the paragraph."""
        return f"Seite {self.page}" if self.page else f"Absatz {self.paragraph}"


def read(drawing: Any, part: Any, number: int, paragraph: int) -> Picture | str:
    """The picture of a ``w:drawing``, or why it is not taken (for the report)."""
    properties = drawing.find(f".//{WP}docPr")
    words = ""
    if properties is not None:
        words = (properties.get("descr") or properties.get("title") or "").strip()
    data = drawing.find(f".//{A}graphicData")
    if data is not None and data.get("uri") == CHART:
        return f"Absatz {paragraph}: ein Word-Diagramm, nicht übernommen (bitte als Bild einfügen)"
    blip = drawing.find(f".//{A}blip")
    if blip is None:
        return f"Absatz {paragraph}: eine Zeichnung ohne Bild, nicht übernommen"
    if blip.get(f"{R}link") and not blip.get(f"{R}embed"):
        return f"Absatz {paragraph}: ein verknüpftes Bild (nicht im Dokument), nicht geladen"
    try:
        image = part.related_parts[blip.get(f"{R}embed")]
    except KeyError:
        return f"Absatz {paragraph}: ein Bild, das im Dokument fehlt"
    kind = FORMATS.get(str(image.partname.ext).lower())
    if kind is None:
        return (f"Absatz {paragraph}: ein Bild im Format {str(image.partname.ext).upper()}, "
                "das PDF und Webseite nicht zeigen: bitte als PNG oder SVG einfügen")  # fmt: skip
    blob = image.blob
    if len(blob) > MAX_PICTURE:
        return f"Absatz {paragraph}: ein Bild über 20 MB, nicht übernommen"
    return numbered(number, kind, blob, words, paragraph=paragraph)


def numbered(
    number: int, kind: str, data: bytes, words: str = "", *, paragraph: int = 0, page: int = 0
) -> Picture:
    """The ``number``-th picture taken, in bilder/, described by ``words`` or, without
    them, by a placeholder that says so."""
    alt = " ".join(words.split()) or f"Abbildung {number} aus dem Dokument (ohne Beschreibung)"
    return Picture(f"bilder/abbildung-{number}.{kind}", data, alt, bool(words.strip()),
                   paragraph, page)  # fmt: skip
