"""The sample's first update round (2019), made from the 2016 sample by editing its files.

Measures implemented and dropped (with reasons), two merged into one, one reworded, a new
measure with a footnote: what a Synopse, a proposal with a change summary and a concept
with status have to show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import SAMPLE


def _edit(path: Path, change: object) -> None:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def _measures(data: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {m["id"]: m for ziel in data["ziele"] for m in ziel["massnahmen"]}


def make_round(folder: Path) -> Path:
    """Copy the sample to ``folder/2016`` and write its update to ``folder/2019``."""
    first, second = folder / "2016", folder / "2019"
    shutil.copytree(SAMPLE, first)
    shutil.copytree(SAMPLE, second)

    def konzept(data: dict) -> None:  # type: ignore[type-arg]
        data["ausgabe"]["nummer"] = 2
        data["ausgabe"]["stand"] = "2019-06-04"
        data["ausgabe"]["vorgaenger"] = "../2016"

    def sprache(data: dict) -> None:  # type: ignore[type-arg]
        measures = _measures(data)
        measures["sprachkurs-koordination"]["stand"] = "umgesetzt"
        measures["kurse-kinderbetreuung"]["titel"] = (
            "Sprachkurse mit Kinderbetreuung in allen Städten und Gemeinden anbieten"
        )
        measures["alphabetisierungskurse"]["stand"] = "entfallen"
        measures["alphabetisierungskurse"]["stand_begruendung"] = (
            "Die Volkshochschulen bieten seit 2018 ausreichend Alphabetisierungskurse an."
        )
        measures["sprachmittler-pool"]["stand"] = "dauerhaft"
        ziel = data["ziele"][1]
        merged = [
            m for m in ziel["massnahmen"] if m["id"] in ("sprachcafes", "sprachlernbegleitung")
        ]
        for measure in merged:
            ziel["massnahmen"].remove(measure)
        ziel["massnahmen"].insert(0, {
            "id": "sprachcafes-und-begleitung",
            "titel": "Sprachcafés und Sprachlernbegleitung gemeinsam weiterentwickeln",
            "beschreibung": (
                "Die Sprachcafés und die ehrenamtliche Sprachlernbegleitung arbeiten unter "
                "einem Dach[^1].\n\n[^1]: Beschluss der Arbeitsgruppe Sprache vom 12. März 2019.\n"
            ),
            "ersetzt": ["sprachcafes", "sprachlernbegleitung"],
            "stand": "in_umsetzung",
        })  # fmt: skip

    _edit(second / "konzept.yaml", konzept)
    _edit(second / "handlungsfelder" / "01-sprache.yaml", sprache)
    return second
