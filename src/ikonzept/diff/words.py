"""Word-by-word differences inside prose."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

Segment = tuple[str, str]  # ("gleich" | "alt" | "neu", text)


def segments(old: str, new: str) -> Iterator[Segment]:
    """The texts as runs of equal, deleted and inserted words."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield "gleich", "".join(a[i1:i2])
        else:
            if i2 > i1:
                yield "alt", "".join(a[i1:i2])
            if j2 > j1:
                yield "neu", "".join(b[j1:j2])


def marked(old: str, new: str) -> str:
    """Plain-text marks as in `git diff --word-diff`: [-alt-]{+neu+}."""
    parts = []
    for kind, text in segments(old, new):
        parts.append({"gleich": text, "alt": f"[-{text}-]", "neu": f"{{+{text}+}}"}[kind])
    return "".join(parts)
