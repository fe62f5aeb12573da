"""What the domain checks are given besides the model, and the form of a check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ikonzept.base.findings import Finding
from ikonzept.load.sources import Kind
from ikonzept.model import Konzept


@dataclass(frozen=True, slots=True)
class Context:
    """What checks need besides the model.

    ``incomplete`` names the kinds with files that failed to load or to pass the schema:
    references into them are not reported, since the target may sit in the broken file.
    """

    root: Path
    today: dt.date
    incomplete: frozenset[Kind] = field(default_factory=frozenset)
    previous: Konzept | None = None  # the edition before, when `ausgabe.vorgaenger` names it


Check = Callable[[Konzept, Context], Iterable[Finding]]
