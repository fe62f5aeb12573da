"""Findings: what validation reports, as plain data with a location."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

# A path into a loaded YAML document: mapping keys and list indices.
DocPath = tuple[str | int, ...]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "Fehler" if self is Severity.ERROR else "Warnung"


class Anchor(enum.Enum):
    """Which part of a mapping entry a finding points at."""

    VALUE = "value"
    KEY = "key"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file.

    ``path`` locates it inside the YAML document; ``line``/``column`` (1-based) are filled
    in from it by a second, position-keeping parse of only the files that have findings.
    ``needle`` narrows the position to the first occurrence of a word inside a text.
    """

    file: str
    rule: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    path: DocPath | None = None
    anchor: Anchor = Anchor.VALUE
    needle: str | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule)


@dataclass(frozen=True, slots=True)
class Summary:
    errors: int
    warnings: int
    files: int

    @classmethod
    def of(cls, findings: Iterable[Finding], files: int) -> Summary:
        items = list(findings)
        errors = sum(1 for f in items if f.severity is Severity.ERROR)
        return cls(errors=errors, warnings=len(items) - errors, files=files)

    def text(self) -> str:
        """German summary line, e.g. „2 Fehler, 1 Warnung in 14 Dateien“."""
        warnings = "Warnung" if self.warnings == 1 else "Warnungen"
        files = "Datei" if self.files == 1 else "Dateien"
        return f"{self.errors} Fehler, {self.warnings} {warnings} in {self.files} {files}"


def format_path(path: DocPath) -> str:
    """Key path as authors read it: ``ziele[2].massnahmen[1].titel`` (list entries count from 1)."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step + 1}]"
        else:
            text += f".{step}" if text else step
    return text
