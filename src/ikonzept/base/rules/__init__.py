"""The catalogue of validation rules: stable ids, severity and the German explanation.

Ids never change meaning; a retired rule keeps its number unused. The rules live by what
they check: reading the files (IK0xx), the schema (IK1xx), the domain (IK2xx).
"""

from __future__ import annotations

from ikonzept.base.findings import Anchor, DocPath, Finding
from ikonzept.base.rules import domain, reading, schema
from ikonzept.base.rules.rule import Rule

RULES: dict[str, Rule] = {rule.id: rule for rule in (*reading.RULES, *schema.RULES, *domain.RULES)}


def finding(
    rule_id: str,
    file: str,
    message: str,
    *,
    path: DocPath | None = None,
    anchor: Anchor = Anchor.VALUE,
    needle: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    """Create a finding whose severity comes from the rule catalogue."""
    return Finding(
        file=file,
        rule=rule_id,
        severity=RULES[rule_id].severity,
        message=message,
        line=line,
        column=column,
        path=path,
        anchor=anchor,
        needle=needle,
    )
