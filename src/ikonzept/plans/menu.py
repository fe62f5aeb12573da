"""A town's new action plan: its header, an empty list, and as comments the measures the
concept recommends for the town (county-wide ones and those that name it), as a menu."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import IkonzeptError
from ikonzept.model import Kommune, Konzept, Massnahme
from ikonzept.model.numbering import numbers

FOLDER = "plaene"


class PlanError(IkonzeptError):
    """A plan that cannot be made or changed as asked."""


def town(konzept: Konzept, ident: str) -> Kommune:
    for kommune in konzept.kommunen:
        if kommune.id == ident:
            return kommune
    known = ", ".join(k.id for k in konzept.kommunen)
    raise PlanError(f"Eine Kommune „{ident}“ gibt es in konzept.yaml nicht. Bekannt: {known}.")


def recommended(konzept: Konzept, kommune: str) -> list[Massnahme]:
    """The measures recommended for a town, in the concept's order."""
    return [m for *_, m in konzept.massnahmen() if not m.kommunen or kommune in m.kommunen]


def plan_path(root: Path, kommune: str) -> Path:
    return root / FOLDER / f"{kommune}.yaml"


def new_plan(root: Path, konzept: Konzept, kommune: str, today: dt.date) -> Path:
    """Write plaene/<kommune>.yaml; never over an existing file."""
    name = town(konzept, kommune).name
    path = plan_path(root, kommune)
    if path.exists():
        raise PlanError(
            f"{FOLDER}/{kommune}.yaml gibt es schon; ikonzept überschreibt ihn nicht. "
            f"Einträge fügt `ikonzept plan add {kommune} MASSNAHME …` hinzu."
        )
    path.parent.mkdir(exist_ok=True)
    fsutil.write_text(path, plan_text(konzept, kommune, name, today, _schemas(root)))
    return path


def _schemas(root: Path) -> str:
    """Where the concept's files find their schemas (as konzept.yaml says), from plaene/."""
    try:
        first = (root / "konzept.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    except OSError:
        first = ""
    found = re.search(r"\$schema=(\S*?)konzept\.schema\.json", first)
    folder = found.group(1) if found else ".schemas/"
    return folder if re.match(r"[a-z]+:|/", folder) else f"../{folder}"


def plan_text(
    konzept: Konzept, kommune: str, name: str, today: dt.date, schemas: str = "../.schemas/"
) -> str:
    number = numbers(konzept).massnahmen
    menu = [
        f"#   {number[m.id]:<8} {m.id:<32} {m.titel}" + ("" if m.kommunen else " (kreisweit)")
        for m in recommended(konzept, kommune)
    ]
    return "\n".join(
        [
            f"# yaml-language-server: $schema={schemas}plan.schema.json",
            f"# Handlungsplan für {name}: welche empfohlenen Maßnahmen die Kommune aufgreift,",
            "# wer federführend ist, mit wem und bis wann. Einträge fügt",
            f"# `ikonzept plan add {kommune} MASSNAHME --verantwortlich AKTEUR` hinzu.",
            "#",
            f"# Für {name} empfiehlt das Konzept ({len(menu)} Maßnahmen):",
            *menu,
            f"kommune: {kommune}",
            f"stand: {today.isoformat()}",
            "massnahmen: []",
            "",
        ]
    )
