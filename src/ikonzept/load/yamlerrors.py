"""Explain what ruamel.yaml rejects, in German and at the place an author has to look.

ruamel's messages are English and often point where the parser gave up (the next line, the
end of the file), not where the mistake is. Nothing of its text reaches the author.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding

Position = tuple[int | None, int | None]


class UnsupportedTag(Exception):
    """A value carries a tag (``!wichtig``, ``!!binary``) that a concept does not use."""

    def __init__(self, tag: str, mark: Any) -> None:
        super().__init__(tag)
        self.tag = tag
        self.mark = mark


_QUOTE_OPEN = (
    "Das Anführungszeichen, das hier beginnt, wird nicht geschlossen. Ergänzen Sie das "
    "schließende Anführungszeichen am Ende des Textes."
)
_SEVERAL_DOCUMENTS = (
    "Die Datei enthält mehrere YAML-Dokumente (getrennt durch „---“ oder „...“); erlaubt ist "
    "nur eines."
)
_SPECIAL_START = (
    "Ein Wert beginnt mit einem Zeichen, das in YAML eine besondere Bedeutung hat (&, *, ! "
    "oder %). Setzen Sie den ganzen Wert in Anführungszeichen."
)

# Words in ruamel's problem and context (every part between " | " must occur), what an
# author needs to hear instead, and whether the mistake sits where the construct began
# (the context mark: an opening quote or bracket) rather than where parsing gave up.
_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    (
        "mapping values are not allowed",
        "Ein Doppelpunkt mit folgendem Leerzeichen ist hier nicht erlaubt. Steht er mitten in "
        "einem Text, setzen Sie den ganzen Text in Anführungszeichen oder schreiben Sie ihn "
        "als Block mit „|“.",
        False,
    ),
    (
        "found unexpected ':'",
        "Ein Doppelpunkt ist hier nicht erlaubt. Setzen Sie den Text in Anführungszeichen.",
        False,
    ),
    (
        "mapping keys are not allowed",
        "Ein „?“ mit Leerzeichen (ein Schlüssel in Langform) ist hier nicht erlaubt. Setzen Sie "
        "den Text in Anführungszeichen.",
        False,
    ),
    (
        "block sequence entries are not allowed",
        "Ein Listeneintrag („- “) steht, wo keine Liste beginnen kann, etwa in derselben Zeile "
        "hinter einem Schlüssel. Beginnen Sie die Liste in einer neuen, tiefer eingerückten "
        "Zeile.",
        False,
    ),
    (
        "could not find expected ':'",
        "Hier fehlt ein Doppelpunkt nach dem Schlüssel (oder eine Zeile ist falsch eingerückt).",
        False,
    ),
    ("unexpected end of stream | while scanning a quoted scalar", _QUOTE_OPEN, True),
    ("unexpected document indicator | while scanning a quoted scalar", _QUOTE_OPEN, True),
    (
        "found unknown escape character",
        "In Text mit doppelten Anführungszeichen ist ein „\\“ nur vor bestimmten Zeichen "
        "erlaubt. Verwenden Sie einfache Anführungszeichen.",
        False,
    ),
    (
        "escape code",
        "Nach „\\x“, „\\u“ oder „\\U“ muss ein gültiger Zeichencode folgen. Verwenden Sie "
        "einfache Anführungszeichen, wenn der „\\“ zum Text gehört.",
        False,
    ),
    (
        "hexdecimal number",
        "Nach „\\x“, „\\u“ oder „\\U“ muss ein gültiger Zeichencode folgen. Verwenden Sie "
        "einfache Anführungszeichen, wenn der „\\“ zum Text gehört.",
        False,
    ),
    (
        "expected ',' or ']'",
        "Die eckige Klammer „[“, die hier beginnt, wird nicht geschlossen (oder zwischen zwei "
        "Einträgen fehlt ein Komma). Schließen Sie die Liste mit „]“ ab.",
        True,
    ),
    (
        "expected ',' or '}'",
        "Die geschweifte Klammer „{“, die hier beginnt, wird nicht geschlossen (oder zwischen "
        "zwei Einträgen fehlt ein Komma). Schließen Sie den Abschnitt mit „}“ ab.",
        True,
    ),
    (
        "found unexpected end of stream",
        "Die Datei endet mitten in einer Angabe; vermutlich fehlt ein schließendes "
        "Anführungszeichen oder eine Klammer.",
        False,
    ),
    (
        "expected <block end>",
        "Die Einrückung stimmt nicht: Einträge derselben Ebene müssen genau untereinander "
        "beginnen.",
        False,
    ),
    (
        "did not find expected key",
        "Die Einrückung stimmt nicht, oder ein Listeneintrag („- “) steht zwischen Schlüsseln.",
        False,
    ),
    (
        "did not find expected '-' indicator",
        "In einer Liste muss jeder Eintrag mit „- “ beginnen und gleich weit eingerückt sein.",
        False,
    ),
    (
        "did not find expected node content",
        "Hier fehlt ein Wert, oder ein Zeichen wie „]“, „}“ oder „,“ steht an falscher Stelle.",
        False,
    ),
    (
        "found undefined alias",
        "Ein Alias (*name) verweist auf keinen Anker. Anker und Aliase werden ohnehin nicht "
        "unterstützt; schreiben Sie die Angabe aus.",
        False,
    ),
    ("expected a single document", _SEVERAL_DOCUMENTS, False),
    ("but found another document", _SEVERAL_DOCUMENTS, False),
    ("<document start>", _SEVERAL_DOCUMENTS, False),
    (
        "found character that cannot start any token",
        "Dieses Zeichen darf hier nicht am Anfang eines Werts stehen (z. B. @, ` oder %). "
        "Setzen Sie den Wert in Anführungszeichen.",
        False,
    ),
    ("while scanning an anchor", _SPECIAL_START, False),
    ("while scanning an alias", _SPECIAL_START, False),
    ("a tag", _SPECIAL_START, False),
    ("tag handle", _SPECIAL_START, False),
    ("tag URI", _SPECIAL_START, False),
    ("directive", _SPECIAL_START, False),
    (
        "comment or line break",
        "Nach „|“ oder „>“ darf in derselben Zeile nur ein Kommentar stehen; der Text beginnt "
        "in der nächsten Zeile, tiefer eingerückt.",
        False,
    ),
    (
        "indentation indicator",
        "Nach „|“ oder „>“ ist als Zahl für die Einrückung nur 1 bis 9 erlaubt; lassen Sie sie "
        "am besten weg.",
        False,
    ),
    (
        "unhashable key",
        "Als Schlüssel ist nur ein einfacher Text erlaubt, keine Liste und kein Abschnitt.",
        False,
    ),
)
_FALLBACK = (
    "An dieser Stelle ist die Datei kein gültiges YAML. Prüfen Sie Einrückung, Doppelpunkte, "
    "Klammern und Anführungszeichen in dieser und der vorigen Zeile."
)
_TAB = (
    "In der Einrückung steht ein Tabulator. YAML erlaubt zum Einrücken (auch nach „- “) nur "
    "Leerzeichen; ersetzen Sie die Tabulatoren durch Leerzeichen."
)
# Indentation, including the "- " and "? " of nested entries, where tabs are not allowed.
_LEAD = re.compile(r"[ \t]*(?:[-?][ \t]+)*")


def syntax(error: MarkedYAMLError, text: str, rel: str) -> Finding:
    """IK001 (IK002 for tabs) for what the scanner, parser or constructor rejected."""
    lines = text.splitlines()
    line, column = _position(error.problem_mark or error.context_mark, lines)
    tab = _tab_position(lines, line) if line is not None else None
    if tab is None and "tab character" in (error.problem or "") and line is not None:
        tab = (line, column or 1)
    if tab is not None:
        return finding("IK002", rel, _TAB, line=tab[0], column=tab[1])
    problem = f"{error.problem or ''} | {error.context or ''}"
    for words, message, at_start in _PROBLEMS:
        if all(word in problem for word in words.split(" | ")):
            if at_start and error.context_mark is not None:
                line, column = _position(error.context_mark, lines)
            return finding("IK001", rel, message, line=line, column=column)
    return finding("IK001", rel, _FALLBACK, line=line, column=column)


def control_character(error: ReaderError, text: str, rel: str) -> Finding:
    """IK001 at the character the reader refused; its position counts UTF-8 bytes."""
    offset = len(text.encode("utf-8")[: max(error.position, 0)].decode("utf-8", "ignore"))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return finding(
        "IK001",
        rel,
        f"Die Datei enthält hier ein Steuerzeichen (U+{error.character:04X}), das in YAML nicht "
        "erlaubt ist; oft gerät es beim Kopieren aus anderen Programmen in den Text. Löschen "
        "Sie es. Enthält die Datei viele solche Zeichen, ist sie vermutlich keine Textdatei.",
        line=line,
        column=column,
    )


def unsupported_tag(error: UnsupportedTag, text: str, rel: str) -> Finding:
    shown = error.tag.replace("tag:yaml.org,2002:", "!!")
    line, column = _position(error.mark, text.splitlines())
    return finding(
        "IK001",
        rel,
        f"Tags wie „{shown}“ werden nicht unterstützt: Ein Wert ist einfacher Text, eine Zahl, "
        f"eine Liste oder ein Abschnitt. Entfernen Sie „{shown}“, oder setzen Sie den Text in "
        "Anführungszeichen, wenn er so beginnen soll.",
        line=line,
        column=column,
    )


def duplicate_key(error: DuplicateKeyError, text: str, rel: str) -> Finding:
    lines = text.splitlines()
    line, column = _position(error.problem_mark, lines)
    key = _key_as_written(lines, line, column) or "?"
    first = error.context_mark.line + 1 if error.context_mark else None
    where = f" (der Abschnitt beginnt in Zeile {first})" if first else ""
    return finding(
        "IK003",
        rel,
        f"Der Schlüssel „{key}“ steht im selben Abschnitt doppelt{where}. Löschen oder "
        "benennen Sie einen der beiden Einträge um.",
        line=line,
        column=column,
    )


_KEY = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^']|'')*)'|(.*?)(?=[ \t]*:(?:[ \t]|$))")


def _key_as_written(lines: list[str], line: int | None, column: int | None) -> str | None:
    """The key as the author wrote it (``~``, ``null``), not as Python shows it (``None``)."""
    if line is None or column is None or line > len(lines):
        return None
    match = _KEY.match(lines[line - 1], column - 1)
    if match is None:
        return None
    return next((group for group in match.groups() if group is not None), None)


def _position(mark: Any, lines: list[str]) -> Position:
    """1-based line and column; a mark behind the last line moves to that line's end."""
    if mark is None:
        return None, None
    line, column = mark.line + 1, mark.column + 1
    if line > len(lines) and lines:
        line, column = len(lines), len(lines[-1]) + 1
    return line, column


def _tab_position(lines: list[str], line: int) -> tuple[int, int] | None:
    """Where a tab indents the failing line; the parser often notices it a line late."""
    for number in (line, line - 1):
        if 0 < number <= len(lines):
            lead = _LEAD.match(lines[number - 1])
            if lead and "\t" in lead.group():
                return number, lead.group().index("\t") + 1
    return None
