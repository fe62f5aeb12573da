"""One validation rule: a stable id, its severity and the German explanation."""

from __future__ import annotations

from dataclasses import dataclass

from ikonzept.base.findings import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str
    explanation: str
