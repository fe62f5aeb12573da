"""Parse YAML text into plain data with the fast C loader; syntax problems become findings.

The result holds only dicts with string keys, lists, str, int, float, bool and None.
Dates stay strings (the schema checks them), so a date that is not a date is a finding
and not a crash inside the loader.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers

from ikonzept.findings import Finding
from ikonzept.rules import finding

# A concept is deep at about 8 levels; anything far beyond is hostile or broken.
MAX_DEPTH = 64


class _Constructor(SafeConstructor):
    """Keep timestamps as the text the author wrote."""


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
)


class _Resolver(VersionedResolver):
    """Resolve plain scalars as YAML 1.2 without asking the parser for its version.

    ruamel looks the version up for every scalar through two caught AttributeErrors;
    fixing it once makes loading about 40 % faster. Concepts never use %YAML directives.
    """

    _fixed: Any = None

    @property
    def versioned_resolver(self) -> Any:
        if self._fixed is None:
            version = (1, 2)
            if version not in self._version_implicit_resolver:
                for versions, tag, regexp, first in implicit_resolvers:
                    if version in versions:
                        self.add_version_implicit_resolver(version, tag, regexp, first)
            self._fixed = self._version_implicit_resolver[version]
        return self._fixed


def _loader() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _Constructor
    yaml.Resolver = _Resolver
    return yaml


_YAML = _loader()


class _AliasFound(Exception):
    pass


class _TooDeep(Exception):
    pass


def parse(text: str, rel: str) -> tuple[Any, Finding | None]:
    """Load one document; return ``(data, None)`` or ``(None, finding)``."""
    try:
        data = _YAML.load(text)
    except DuplicateKeyError as error:
        return None, _duplicate_key(error, rel)
    except MarkedYAMLError as error:
        return None, _syntax(error, text, rel)
    except YAMLError as error:
        return None, finding("IK001", rel, f"Die Datei ist kein gültiges YAML ({error}).")
    except RecursionError:
        return None, _too_deep(rel)
    except (ValueError, TypeError) as error:
        return None, finding("IK001", rel, f"Ein Wert kann nicht gelesen werden ({error}).")
    if data is None:
        return None, finding(
            "IK005",
            rel,
            "Die Datei ist leer (oder enthält nur Kommentare). Füllen oder löschen Sie sie.",
        )
    try:
        return _plain(data, set(), 0), None
    except _AliasFound:
        return None, finding(
            "IK008",
            rel,
            "Die Datei verwendet YAML-Anker und -Aliase (&name / *name). Sie werden nicht "
            "unterstützt; schreiben Sie die Angaben aus.",
        )
    except _TooDeep:
        return None, _too_deep(rel)


def _plain(value: Any, seen: set[int], depth: int) -> Any:
    """Copy into plain data, refusing shared containers (aliases) and absurd nesting."""
    if isinstance(value, dict | list):
        if id(value) in seen:
            raise _AliasFound
        if depth > MAX_DEPTH:
            raise _TooDeep
        seen.add(id(value))
        if isinstance(value, dict):
            return {_key(k): _plain(v, seen, depth + 1) for k, v in value.items()}
        return [_plain(item, seen, depth + 1) for item in value]
    if isinstance(value, bytes | set):
        return str(value)
    return value


def _key(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _too_deep(rel: str) -> Finding:
    return finding(
        "IK001",
        rel,
        f"Die Datei ist tiefer als {MAX_DEPTH} Ebenen verschachtelt und wird nicht gelesen.",
    )


def _position(error: MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


_DUPLICATE = re.compile(r'found duplicate key "(?P<key>.*?)" with value')


def _duplicate_key(error: DuplicateKeyError, rel: str) -> Finding:
    line, column = _position(error)
    match = _DUPLICATE.search(str(error.problem))
    key = match["key"] if match else "?"
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


# What ruamel says, and what an author needs to hear instead.
_PROBLEMS = (
    (
        "mapping values are not allowed",
        "Ein Doppelpunkt mit folgendem Leerzeichen ist hier nicht erlaubt. Steht er mitten in "
        "einem Text, setzen Sie den ganzen Text in Anführungszeichen oder schreiben Sie ihn "
        "als Block mit „|“.",
    ),
    (
        "could not find expected ':'",
        "Hier fehlt ein Doppelpunkt nach dem Schlüssel (oder eine Zeile ist falsch eingerückt).",
    ),
    (
        "expected <block end>",
        "Die Einrückung stimmt nicht: Einträge derselben Ebene müssen genau untereinander "
        "beginnen.",
    ),
    (
        "did not find expected key",
        "Die Einrückung stimmt nicht, oder ein Listeneintrag („- “) steht zwischen Schlüsseln.",
    ),
    (
        "did not find expected '-' indicator",
        "In einer Liste muss jeder Eintrag mit „- “ beginnen und gleich weit eingerückt sein.",
    ),
    (
        "found unexpected end of stream",
        "Die Datei endet mitten in einer Angabe; vermutlich fehlt ein schließendes "
        "Anführungszeichen oder eine Klammer.",
    ),
    (
        "found unknown escape character",
        "In Text mit doppelten Anführungszeichen ist ein „\\“ nur vor bestimmten Zeichen "
        "erlaubt. Verwenden Sie einfache Anführungszeichen.",
    ),
    (
        "found undefined alias",
        "Ein Alias (*name) verweist auf keinen Anker. Anker und Aliase werden ohnehin nicht "
        "unterstützt; schreiben Sie die Angabe aus.",
    ),
    (
        "expected a single document",
        "Die Datei enthält mehrere YAML-Dokumente (getrennt durch „---“); erlaubt ist nur eines.",
    ),
    (
        "but found another document",
        "Die Datei enthält mehrere YAML-Dokumente (getrennt durch „---“); erlaubt ist nur eines.",
    ),
    (
        "found character that cannot start any token",
        "Dieses Zeichen darf hier nicht am Anfang eines Werts stehen (z. B. @, ` oder %). "
        "Setzen Sie den Wert in Anführungszeichen.",
    ),
    (
        "special characters are not allowed",
        "Die Datei enthält Steuerzeichen, die in YAML nicht erlaubt sind; vermutlich ist sie "
        "keine Textdatei.",
    ),
    (
        "found unhashable key",
        "Als Schlüssel ist nur ein einfacher Text erlaubt, keine Liste und kein Abschnitt.",
    ),
)


def _syntax(error: MarkedYAMLError, text: str, rel: str) -> Finding:
    line, column = _position(error)
    tab = _tab_position(text, line) if line is not None else None
    if tab is not None:
        return finding(
            "IK002",
            rel,
            "Die Zeile ist mit einem Tabulator eingerückt. YAML erlaubt zum Einrücken nur "
            "Leerzeichen; ersetzen Sie die Tabulatoren durch Leerzeichen.",
            line=tab[0],
            column=tab[1],
        )
    problem = f"{error.problem or ''} {error.context or ''}"
    for pattern, message in _PROBLEMS:
        if pattern in problem:
            return finding("IK001", rel, message, line=line, column=column)
    return finding(
        "IK001",
        rel,
        f"Die Datei ist kein gültiges YAML ({(error.problem or error.context or '').strip()}).",
        line=line,
        column=column,
    )


def _tab_position(text: str, line: int) -> tuple[int, int] | None:
    """Where a tab indents the failing line; the parser often notices it a line late."""
    lines = text.splitlines()
    for number in (line, line - 1):
        if 0 < number <= len(lines):
            source_line = lines[number - 1]
            indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
            if "\t" in indent:
                return number, indent.index("\t") + 1
    return None
