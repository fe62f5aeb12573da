"""The Sachstandsbericht's settings (bericht.yaml): its title, date and comparison base, and
the Mitteilungsvorlage that gives it to the committee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ikonzept.model import _NOWHERE, Beratung, Origin


@dataclass(frozen=True, slots=True)
class Mitteilung:
    """The committee paper („zur Kenntnisnahme“) that the report is attached to."""

    nummer: str
    datum: dt.date
    beratungsfolge: tuple[Beratung, ...]
    federfuehrung: str | None = None  # None: the proposal's, else the publisher's office
    oeffentlich: bool = True
    betreff: str | None = None  # None: the report's title
    sachdarstellung: str | None = None
    unterschrift: str | None = None


@dataclass(frozen=True, slots=True)
class Bericht:
    titel: str | None = None
    stichtag: dt.date | None = None
    seit: str | None = None  # a folder, konzept.json or REV:path; None: the previous edition
    einleitung: str | None = None
    hinweise: str | None = None
    vorlage: Mitteilung | None = None
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)
