"""A concept folder read through every stage: read, parse, schema-check, assemble, run the
domain checks. Every stage reports findings and goes on with what is sound, so an author
sees every problem at once. `validate` adds the previous edition (`sides` loads it, and
a folder side is read here, without its own predecessor).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base.findings import Finding, Severity, Summary
from ikonzept.check import schema
from ikonzept.domain import Context, run_checks
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


@dataclass(frozen=True, slots=True)
class Read:
    """A folder read and assembled, before the domain checks."""

    root: Path
    konzept: Konzept | None
    findings: tuple[Finding, ...]
    texts: dict[str, str]
    incomplete: frozenset[Kind]
    file_count: int


def read_folder(root: Path) -> Read:
    """Read, parse, schema-check and assemble; raises only when the folder is unusable."""
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
        problems = schema.check(source.kind, data, source.rel, text)
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
    if discovery.tables or Kind.INDIKATOR in {d.kind for d in documents}:
        from ikonzept.pipeline.tables import indicators

        found, problems = indicators(documents, discovery.tables)
        findings.extend(problems)
        if any(p.severity is Severity.ERROR for p in problems):
            incomplete.add(Kind.INDIKATOR)  # no warnings about values that were not read
        if konzept is not None:
            konzept = dataclasses.replace(konzept, indikatoren=found)
    return Read(root, konzept, tuple(findings), texts, frozenset(incomplete), len(discovery.files))


def conclude(
    read: Read,
    today: dt.date | None = None,
    warnings: bool = True,
    before: Konzept | None = None,
    found: tuple[Finding, ...] = (),
) -> Validation:
    """Run the domain checks (against ``before``, the previous edition, when given) and
    place every finding (``found`` adds those of loading the previous edition)."""
    findings = [*read.findings, *found]
    if read.konzept is not None:
        context = Context(read.root, today or dt.date.today(), read.incomplete, before)
        findings.extend(run_checks(read.konzept, context, warnings))
    located = sorted(locate(findings, read.texts.get), key=lambda f: f.sort_key)
    return Validation(read.root, read.konzept, tuple(located), read.file_count, before)
