"""Validate a concept folder: every stage (`folder`), and the checks against the previous
edition that `ausgabe.vorgaenger` names (loaded by `sides`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ikonzept.base.findings import Finding
from ikonzept.model import Konzept
from ikonzept.pipeline.folder import Validation, conclude, read_folder

__all__ = ["Validation", "valid_concept", "validate"]


def validate(
    root: Path, today: dt.date | None = None, warnings: bool = True, previous: bool = True
) -> Validation:
    """Check the concept in ``root``; raises only when the folder itself is unusable.

    ``warnings=False`` skips the checks that can only warn (for callers that need to know
    whether an edition is valid, such as ``diff``); ``previous=False`` does not load the
    previous edition (a side of a comparison needs no checks against its predecessor).
    """
    read = read_folder(root)
    before: Konzept | None = None
    found: list[Finding] = []
    if previous and read.konzept is not None and read.konzept.ausgabe.vorgaenger:
        before, found = previous_edition(root, read.konzept)
    return conclude(read, today, warnings, before, tuple(found))


def valid_concept(root: Path, then: str = "Bitte erst beheben.") -> Konzept:
    """The concept in ``root`` for a command that changes or uses it; refused with a German
    message (``then`` its last sentence) when it has errors."""
    from ikonzept.base.errors import InvalidConceptError

    result = validate(root, warnings=False)
    if result.failed() or result.konzept is None:
        raise InvalidConceptError(
            f"Das Konzept in „{root}“ enthält {result.summary.errors} Fehler; "
            f"`ikonzept validate {root}` zeigt sie. {then}"
        )
    return result.konzept


def previous_edition(root: Path, konzept: Konzept) -> tuple[Konzept | None, list[Finding]]:
    """The edition `ausgabe.vorgaenger` names, or the findings why it cannot be used."""

    from ikonzept.base.errors import UsageError
    from ikonzept.base.rules import finding
    from ikonzept.pipeline.sides import InvalidSideError, load_side

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
        from ikonzept.pipeline.snapshot import checksum

        if checksum(path.read_bytes()) != expected:
            message = f"„{spec}“ wurde nach dem Einfrieren verändert (die Prüfsumme stimmt nicht)."
            where = ("ausgabe", "vorgaenger_pruefsumme")
            return side.konzept, [finding("IK221", file, message, path=where)]
    return side.konzept, []
