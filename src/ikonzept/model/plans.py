"""The towns' action plans (plaene/<kommune>.yaml) in the model: who takes up which
recommended measure, who leads, with whom, when."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from ikonzept.model import _NOWHERE, Beschluss, Origin, Stand


class Prioritaet(enum.Enum):
    HOCH = "hoch"
    MITTEL = "mittel"
    NIEDRIG = "niedrig"


@dataclass(frozen=True, slots=True)
class Schritt:
    """A step a town's round table agreed, with its date."""

    titel: str
    bis: dt.date
    erledigt: dt.date | None = None
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)

    def overdue(self, today: dt.date) -> bool:
        return self.erledigt is None and self.bis < today


@dataclass(frozen=True, slots=True)
class PlanEintrag:
    """A recommended measure as one town takes it up: who leads, with whom, when."""

    massnahme: str
    verantwortlich: str
    partner: tuple[str, ...] = ()
    prioritaet: Prioritaet = Prioritaet.MITTEL
    beginn: str | None = None  # "YYYY-MM"
    ende: str | None = None  # "YYYY-MM"
    dauerhaft: bool = False
    stand: Stand = Stand.OFFEN
    stand_begruendung: str | None = None
    mittel: str | None = None
    notiz: str | None = None
    schritte: tuple[Schritt, ...] = ()
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Handlungsplan:
    """A town's local action plan (plaene/<kommune>.yaml)."""

    kommune: str
    stand: dt.date
    massnahmen: tuple[PlanEintrag, ...] = ()
    vereinbart: Beschluss | None = None
    oeffentlich: bool = True
    origin: Origin = field(default=_NOWHERE, compare=False, repr=False)

    def months_old(self, today: dt.date) -> int:
        """Whole calendar months from the plan's date to ``today``."""
        return (today.year - self.stand.year) * 12 + today.month - self.stand.month
