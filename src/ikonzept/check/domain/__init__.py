"""Domain checks: the rules a schema cannot express. Each yields findings, never raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ikonzept.check.findings import Finding
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


def run_checks(konzept: Konzept, context: Context, warnings: bool = True) -> list[Finding]:
    """All domain findings; without ``warnings`` only the checks that can find errors run."""
    from ikonzept.check.domain import content, history, identity, references

    checks: tuple[Check, ...] = (
        identity.unique_ids,
        identity.unique_order,
        identity.unique_terms,
        references.references,
        references.images,
        references.attachments,
        content.stand_reasons,
        history.same_kinds,
        history.replaced_ids,
    )
    warning_checks: tuple[Check, ...] = (
        content.empty_parts,
        content.undefined_abbreviations,
        content.age,
        content.accessibility_statement,
        history.silent_removals,
    )
    selected = checks + warning_checks if warnings else checks
    return [item for check in selected for item in check(konzept, context)]
