"""The canonical snapshot of an edition (``konzept.json``): what later editions compare to.

Its parts have the shapes of the YAML files and are checked by the same schemas, so a
snapshot loads through the same path as a concept folder. Contact persons without consent
to publication are left out: the snapshot sits next to the public PDFs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
from typing import Any

from ikonzept import __version__
from ikonzept.load.sources import Kind
from ikonzept.model import Akteur, Konzept
from ikonzept.model.assemble import Document

FORMAT = "ikonzept-schnappschuss"
VERSION = 1
SCHEMA_ID = "https://ikonzept.de/schema/v1/schnappschuss.schema.json"
# The web site's settings (webseite.yaml), the hyphenation list, the towns' action plans,
# the indicators' values and the report's settings (bericht.yaml) belong to the folder and
# its working state, not to the edition the council adopted.
_KONZEPT_PARTS = ("handlungsfelder", "akteure", "glossar", "abkuerzungen", "rechtsgrundlagen",
                  "beteiligung", "vorlage", "webseite", "silbentrennung", "plaene", "indikatoren",
                  "bericht", "origin")  # fmt: skip


def _plain(value: Any) -> Any:
    names = _field_names(value.__class__)
    if names is not None:
        return _fields(value, names)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields a snapshot holds of a model class (not where it was read); None for
    anything else. Looked up once per class: a large concept has 120,000 values."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "origin")


def _fields(value: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a model object, converted; empty ones left out."""
    result = {}
    for name in names:
        converted = _plain(getattr(value, name))
        if converted is not None and converted != []:
            result[name] = converted
    return result


def _public(akteur: Akteur) -> Akteur:
    return dataclasses.replace(akteur, ansprechpersonen=akteur.oeffentliche_ansprechpersonen)


def to_data(konzept: Konzept) -> dict[str, Any]:
    # Only the master data here: the parts below are converted once, each on its own.
    master = tuple(n for n in _field_names(Konzept) or () if n not in _KONZEPT_PARTS)
    stammdaten = _fields(konzept, master)
    data: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "format": FORMAT,
        "version": VERSION,
        "erzeugt_mit": f"ikonzept {__version__}",
        "konzept": stammdaten,
        "handlungsfelder": _plain(konzept.handlungsfelder),
        "akteure": [_plain(_public(a)) for a in konzept.akteure],
        "glossar": _plain(konzept.glossar),
        "abkuerzungen": _plain(konzept.abkuerzungen),
        "rechtsgrundlagen": _plain(konzept.rechtsgrundlagen),
        "beteiligung": _plain(konzept.beteiligung),
    }
    if konzept.vorlage is not None:
        data["vorlage"] = _plain(konzept.vorlage)
    return data


def to_json(konzept: Konzept) -> str:
    """Deterministic JSON: same edition, same bytes."""
    return json.dumps(to_data(konzept), ensure_ascii=False, indent=2) + "\n"


def checksum(data: bytes) -> str:
    """A frozen snapshot's checksum as ``vorgaenger_pruefsumme`` holds it: „sha256:…“."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def documents(data: dict[str, Any], name: str = "konzept.json") -> list[Document]:
    """The snapshot's parts as documents, to be schema-checked and assembled like files."""
    parts: list[Document] = [Document(Kind.KONZEPT, f"{name}#konzept", data.get("konzept"))]
    for index, feld in enumerate(data.get("handlungsfelder") or ()):
        parts.append(Document(Kind.HANDLUNGSFELD, f"{name}#handlungsfelder/{index}", feld))
    for index, akteur in enumerate(data.get("akteure") or ()):
        parts.append(Document(Kind.AKTEUR, f"{name}#akteure/{index}", akteur))
    for key, kind in (
        ("glossar", Kind.GLOSSAR),
        ("abkuerzungen", Kind.ABKUERZUNGEN),
        ("rechtsgrundlagen", Kind.RECHTSGRUNDLAGEN),
        ("beteiligung", Kind.BETEILIGUNG),
    ):
        if data.get(key):
            parts.append(Document(kind, f"{name}#{key}", data[key]))
    if data.get("vorlage"):
        parts.append(Document(Kind.VORLAGE, f"{name}#vorlage", data["vorlage"]))
    return parts
