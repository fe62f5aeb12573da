"""The proposal as an OParl 1.1 ``Paper``, so that a council information system can take it over.

OParl identifies objects by URL. We have no server, so the URLs are built from a base
(``--oparl-basis``, else the publisher's web address plus ``/oparl``); an importing
system replaces them with its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept.model import Beratung, Konzept

PAPER = "https://schema.oparl.org/1.1/Paper"
FILE = "https://schema.oparl.org/1.1/File"
CONSULTATION = "https://schema.oparl.org/1.1/Consultation"


@dataclass(frozen=True, slots=True)
class Datei:
    path: Path
    name: str


@dataclass(frozen=True, slots=True)
class Papier:
    """What OParl needs of a committee paper: ours are the proposal and the report's."""

    nummer: str
    datum: dt.date
    art: str  # OParl's paperType: „Beschlussvorlage“, „Mitteilungsvorlage“
    federfuehrung: str
    beratungsfolge: tuple[Beratung, ...]
    bezug: tuple[str, ...] = ()
    schlagworte: tuple[str, ...] = ("Integrationskonzept", "Integration")

    @classmethod
    def of_proposal(cls, konzept: Konzept) -> Papier:
        vorlage = konzept.vorlage
        assert vorlage is not None
        return cls(vorlage.nummer, vorlage.datum, "Beschlussvorlage", vorlage.federfuehrung,
                   vorlage.beratungsfolge, vorlage.bezug,
                   ("Integrationskonzept", "Integration", konzept.ausgabe.bezeichnung))  # fmt: skip


def _slug(text: str) -> str:
    plain = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def base_url(konzept: Konzept, override: str | None = None) -> str:
    if override:
        return override.rstrip("/")
    web = konzept.herausgeber.web
    return f"{web.rstrip('/')}/oparl" if web else "https://example.org/oparl"


def _file(base: str, datei: Datei, date: str) -> dict[str, Any]:
    data = datei.path.read_bytes()
    url = f"{base}/file/{datei.path.name}"
    return {
        "id": url,
        "type": FILE,
        "name": datei.name,
        "fileName": datei.path.name,
        "mimeType": "application/pdf",
        "date": date,
        "size": len(data),
        "sha512Checksum": hashlib.sha512(data).hexdigest(),
        "accessUrl": url,
    }


def paper(
    vorlage: Papier,
    betreff: str,
    main: Datei,
    auxiliary: list[Datei],
    base: str,
) -> dict[str, Any]:
    date = vorlage.datum.isoformat()
    paper_id = f"{base}/paper/{_slug(vorlage.nummer)}"
    return {
        "id": paper_id,
        "type": PAPER,
        "name": betreff,
        "reference": vorlage.nummer,
        "date": date,
        "paperType": vorlage.art,
        "underDirectionOf": [f"{base}/organization/{_slug(vorlage.federfuehrung)}"],
        "relatedPaper": [f"{base}/paper/{_slug(b)}" for b in vorlage.bezug],
        "mainFile": _file(base, main, date),
        "auxiliaryFile": [_file(base, datei, date) for datei in auxiliary],
        "consultation": [
            {
                "id": f"{paper_id}/consultation/{index}",
                "type": CONSULTATION,
                "paper": paper_id,
                "organization": [f"{base}/organization/{_slug(b.gremium)}"],
                "meeting": f"{base}/meeting/{_slug(b.gremium)}-{b.sitzung.isoformat()}",
                "role": b.zustaendigkeit,
                "authoritative": b.zustaendigkeit == "Entscheidung",
            }
            for index, b in enumerate(vorlage.beratungsfolge, start=1)
        ],
        "keyword": list(vorlage.schlagworte),
        "created": f"{date}T00:00:00+01:00",
        "modified": f"{date}T00:00:00+01:00",
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
