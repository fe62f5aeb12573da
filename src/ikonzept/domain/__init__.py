"""Domain checks: the rules a schema cannot express, on the assembled model. Each yields
findings, never raises. `context` holds what they are given; `identity`, `references`,
`content`, `history` and `plans` group the rules; `texts` walks the prose they read."""

from __future__ import annotations

from ikonzept.base.findings import Finding
from ikonzept.domain import content, history, identity, indicators, plans, references
from ikonzept.domain.context import Check, Context
from ikonzept.model import Konzept

__all__ = ["Context", "run_checks"]


def run_checks(konzept: Konzept, context: Context, warnings: bool = True) -> list[Finding]:
    """All domain findings; without ``warnings`` only the checks that can find errors run."""
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
        plans.plan_references,
        indicators.indicator_references,
    )
    warning_checks: tuple[Check, ...] = (
        content.empty_parts,
        content.undefined_abbreviations,
        content.age,
        content.accessibility_statement,
        history.silent_removals,
        plans.plan_warnings,
        indicators.indicator_warnings,
    )
    selected = checks + warning_checks if warnings else checks
    return [item for check in selected for item in check(konzept, context)]
