"""A county's hyphenation list (`silbentrennung.txt`): one word a line with its breaks.

Read like the YAML files (size, encoding, links outside); a line that is not a word with
hyphens is a finding with its line and column, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.load.reading import read_text

FILE = "silbentrennung.txt"
# A word of the list: letters, the breaks marked with single hyphens.
ENTRY = re.compile(r"[A-Za-zÄÖÜäöüßẞ]+(?:-[A-Za-zÄÖÜäöüßẞ]+)*")


def entries(lines: Iterable[str]) -> list[str]:
    """The words of a list, without comments (#), blank and unreadable lines."""
    return [word for _number, word in _words(lines) if ENTRY.fullmatch(word)]


def _words(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        word = line.split("#", 1)[0].strip()
        if word:
            yield number, word


def read(root: Path) -> tuple[tuple[str, ...], list[Finding]]:
    """The list's words and the findings of its lines; nothing if there is no list."""
    path = root / FILE
    if not path.is_file() and not path.is_symlink():
        return (), []
    text = read_text(path, FILE)
    if isinstance(text, Finding):
        return (), [text]
    words: list[str] = []
    findings = []
    lines = text.splitlines()
    for number, word in _words(lines):
        if ENTRY.fullmatch(word):
            words.append(word)
            continue
        findings.append(
            finding(
                "IK224",
                FILE,
                f"„{word}“ ist kein Wort mit Trennstellen (Buchstaben, Trennstellen als "
                "einzelne Bindestriche, z. B. Fort-schrei-bung). Die Zeile wird nicht "
                "verwendet.",
                line=number,
                column=lines[number - 1].index(word) + 1,
            )
        )
    return tuple(words), findings
