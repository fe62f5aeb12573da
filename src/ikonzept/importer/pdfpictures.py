"""Pictures in a PDF: a JPEG as it is stored, 8-bit colour or grey (with its transparency)
as PNG; any other kind (CMYK, a palette, JPEG 2000, scanned black and white) is named in
the report with its page. A PDF keeps no description of a picture that the import could
rely on, so each gets a placeholder for its alternative text, as in Word without one.

Small pictures (lines, bullets, ornaments) are not taken; one in the top or bottom margin
that repeats over pages (a logo in the running head) is the page's furniture
(`importer/pdf`)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from ikonzept.importer.pictures import MAX_PICTURE

SMALLEST = 24.0  # points on the page, both ways: smaller pictures are decoration
LARGEST = 40_000_000  # pixels: a larger picture is not decoded (a photo has 12 million)
_MODES = {"DeviceRGB": ("RGB", 3), "DeviceGray": ("L", 1), "CalRGB": ("RGB", 3),
          "CalGray": ("L", 1)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Placed:
    """A picture where it stands on its page (shares of the page's height), as a file's
    bytes and extension; or, in ``left_out``, why it is not taken."""

    top: float
    bottom: float
    digest: str  # the same picture on several pages: the same digest
    data: bytes = b""
    kind: str = ""  # "jpg" or "png"
    left_out: str = ""


def read(page: Any, number: int) -> list[Placed]:
    """The pictures of a pdfplumber page (number ``number``), from the top."""
    found = []
    height = float(page.height)
    for image in page.images:
        if float(image["x1"]) - float(image["x0"]) < SMALLEST or (
            float(image["bottom"]) - float(image["top"]) < SMALLEST
        ):
            continue
        top, bottom = float(image["top"]) / height, float(image["bottom"]) / height
        width, tall = _size(image)
        if width * tall > LARGEST:  # never unpacked: it could fill the memory
            why = f"mit {width} × {tall} Bildpunkten, zu groß zum Übernehmen"
            found.append(
                Placed(top, bottom, f"{width}×{tall}", left_out=f"Seite {number}: ein Bild {why}")
            )
            continue
        try:
            # Decoded (a JPEG stays as it is): once read, the raw bytes of a picture shown
            # on several pages are gone, and the same picture must give the same digest.
            digest = hashlib.sha256(image["stream"].get_data() or b"").hexdigest()
            data, kind, why = _file(image)
            if len(data) > MAX_PICTURE:
                data, kind, why = b"", "", "über 20 MB"
        except Exception as error:  # a damaged or unusual picture: named, never fatal
            digest, data, kind, why = "", b"", "", f"nicht lesbar ({type(error).__name__})"
        left_out = f"Seite {number}: ein Bild {why}" if why else ""
        found.append(Placed(top, bottom, digest, data, kind, left_out))
    return sorted(found, key=lambda p: p.top)


def _size(image: dict[str, Any]) -> tuple[int, int]:
    """Its width and height in pixels, as the PDF declares them (0 where it does not)."""
    try:
        width, height = image.get("srcsize") or (0, 0)
        return int(width or 0), int(height or 0)
    except (TypeError, ValueError):
        return 0, 0


def _file(image: dict[str, Any]) -> tuple[bytes, str, str]:
    """The picture as a file (bytes, extension), or why not."""
    stream = image["stream"]
    filters = [str(getattr(name, "name", name)) for name, _params in stream.get_filters()]
    if filters and filters[-1] == "DCTDecode":
        if len(filters) > 1 or _space(image) not in ("DeviceRGB", "DeviceGray"):
            return b"", "", "als JPEG in einer Form, die Webseiten nicht sicher zeigen"
        return stream.get_data(), "jpg", ""  # pdfminer leaves a JPEG as it is stored
    if any(f not in ("FlateDecode", "LZWDecode") for f in filters):
        return b"", "", f"im Format {filters[-1].removesuffix('Decode')}"
    mode = _MODES.get(_space(image))
    if mode is None or image.get("bits") != 8:
        return b"", "", f"mit dem Farbraum {_space(image) or 'unbekannt'}"
    return _png(stream, _size(image), *mode)


def _png(stream: Any, size: tuple[int, int], mode: str, channels: int) -> tuple[bytes, str, str]:
    from pdfplumber.utils.pdfinternals import resolve
    from PIL import Image

    width, height = size
    pixels = stream.get_data()
    if len(pixels) < width * height * channels:
        return b"", "", "mit unvollständigen Bilddaten"
    picture = Image.frombytes(mode, (width, height), pixels[: width * height * channels])
    mask = resolve(stream.attrs.get("SMask"))
    if mask is not None:  # its transparency: a grey picture of the same size
        alpha = mask.get_data()
        if len(alpha) >= width * height:
            picture = picture.convert("RGBA" if mode == "RGB" else "LA")
            picture.putalpha(Image.frombytes("L", (width, height), alpha[: width * height]))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue(), "png", ""


def _space(image: dict[str, Any]) -> str:
    spaces = image.get("colorspace") or []
    first = spaces[0] if spaces else ""
    return str(getattr(first, "name", first))
