"""Load a concept folder completely: read, parse, schema-check, assemble, run domain checks.

Every stage reports findings and goes on with what is sound, so an author sees every
problem at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ikonzept.check import schema
from ikonzept.check.domain import Context, run_checks
from ikonzept.check.findings import Finding, Severity, Summary
from ikonzept.load import wordlist
from ikonzept.load.positions import locate
from ikonzept.load.reading import read_text
from ikonzept.load.sources import Kind, discover
from ikonzept.load.yamlload import parse
from ikonzept.model import Konzept
from ikonzept.model.assemble import Document, assemble


@dataclass(frozen=True, slots=True)
class Validation:
    root: Path
    konzept: Konzept | None
    findings: tuple[Finding, ...]
    file_count: int
    previous: Konzept | None = None  # the edition `ausgabe.vorgaenger` names, when it loads

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.file_count)

    def failed(self, strict: bool = False) -> bool:
        if strict:
            return bool(self.findings)
        return any(f.severity is Severity.ERROR for f in self.findings)


def validate(
    root: Path, today: dt.date | None = None, warnings: bool = True, previous: bool = True
) -> Validation:
    """Check the concept in ``root``; raises only when the folder itself is unusable.

    ``warnings=False`` skips the checks that can only warn (for callers that need to know
    whether an edition is valid, such as ``diff``); ``previous=False`` does not load the
    previous edition (a side of a comparison needs no checks against its predecessor).
    """
    discovery = discover(root)
    findings = list(discovery.findings)
    texts: dict[str, str] = {}
    documents: list[Document] = []
    incomplete: set[Kind] = set(discovery.incomplete)
    for source in discovery.files:
        text = read_text(source.path, source.rel)
        if isinstance(text, Finding):
            findings.append(text)
            incomplete.add(source.kind)
            continue
        texts[source.rel] = text
        data, problem = parse(text, source.rel)
        if problem is not None:
            findings.append(problem)
            incomplete.add(source.kind)
            continue
        problems = schema.check(source.kind, data, source.rel)
        if problems:
            findings.extend(problems)
            incomplete.add(source.kind)
            continue
        documents.append(Document(source.kind, source.rel, data))

    konzept = assemble(documents)
    words, problems = wordlist.read(root)
    findings.extend(problems)
    if konzept is not None and words:
        konzept = dataclasses.replace(konzept, silbentrennung=words)
    before: Konzept | None = None
    if konzept is not None:
        if previous and konzept.ausgabe.vorgaenger:
            before, problems = previous_edition(root, konzept)
            findings.extend(problems)
        context = Context(root, today or dt.date.today(), frozenset(incomplete), before)
        findings.extend(run_checks(konzept, context, warnings))
    located = sorted(locate(findings, texts.get), key=lambda f: f.sort_key)
    return Validation(root, konzept, tuple(located), len(discovery.files), before)


def valid_concept(root: Path, then: str = "Bitte erst beheben.") -> Konzept:
    """The concept in ``root`` for a command that changes or uses it; refused with a German
    message (``then`` its last sentence) when it has errors."""
    from ikonzept.errors import InvalidConceptError

    result = validate(root, warnings=False)
    if result.failed() or result.konzept is None:
        raise InvalidConceptError(
            f"Das Konzept in „{root}“ enthält {result.summary.errors} Fehler; "
            f"`ikonzept validate {root}` zeigt sie. {then}"
        )
    return result.konzept


def previous_edition(root: Path, konzept: Konzept) -> tuple[Konzept | None, list[Finding]]:
    """The edition `ausgabe.vorgaenger` names, or the findings why it cannot be used."""

    from ikonzept.check.rules import finding
    from ikonzept.diff.sides import InvalidSideError, load_side
    from ikonzept.errors import UsageError

    spec = konzept.ausgabe.vorgaenger
    assert spec is not None
    file = konzept.origin.file
    try:
        side = load_side(spec, root)
    except InvalidSideError as error:
        message = (
            f"Die Vorgängerausgabe „{spec}“ enthält {len(error.findings)} Fehler; prüfen Sie "
            "sie mit `ikonzept validate`."
        )
        return None, [finding("IK220", file, message, path=("ausgabe", "vorgaenger"))]
    except UsageError as error:
        message = f"Die Vorgängerausgabe „{spec}“ lässt sich nicht laden: {error.message}"
        return None, [finding("IK220", file, message, path=("ausgabe", "vorgaenger"))]
    expected = konzept.ausgabe.vorgaenger_pruefsumme
    path = root / spec
    if expected and path.is_file():
        from ikonzept.snapshot import checksum

        if checksum(path.read_bytes()) != expected:
            message = f"„{spec}“ wurde nach dem Einfrieren verändert (die Prüfsumme stimmt nicht)."
            where = ("ausgabe", "vorgaenger_pruefsumme")
            return side.konzept, [finding("IK221", file, message, path=where)]
    return side.konzept, []
