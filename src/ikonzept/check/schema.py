"""Check loaded documents against the JSON Schemas and explain failures in German."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from ikonzept.base.findings import Anchor, DocPath, Finding, format_path
from ikonzept.base.resources import schema_dir
from ikonzept.base.rules import finding
from ikonzept.check.schemahints import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    description,
    id_suggestion,
    language_hint,
)
from ikonzept.load.sources import Kind

FORBIDDEN_IN_MEASURES = frozenset({"verantwortlich", "zustaendig", "frist", "termin"})

_TYPE_NAMES = {
    "object": "ein Abschnitt mit Schlüsseln (Schlüssel: Wert)",
    "array": "eine Liste (Einträge mit „- “)",
    "string": "ein Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "true oder false",
    "null": "nichts",
}


def _type_of(value: Any) -> str:
    if isinstance(value, dict):
        return "ein Abschnitt mit Schlüsseln"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, bool):
        return f"„{str(value).lower()}“ (ein Wahrheitswert)"
    if isinstance(value, int | float):
        return f"die Zahl {value}"
    if value is None:
        return "ein leerer Wert"
    return f"der Text „{_short(str(value))}“"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def load_schema(kind: Kind) -> dict[str, Any]:
    path = schema_dir() / f"{kind.value}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(kind: Kind) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(kind), format_checker=FormatChecker(["date"]))


@dataclass(frozen=True, slots=True)
class _Failure:
    """The parts of a jsonschema error that the German messages need, typed."""

    validator: str
    validator_value: Any
    instance: Any
    schema: dict[str, Any]
    absolute_path: DocPath
    description: str  # the nearest one in the schema, e.g. the list's for a list entry

    @classmethod
    def of(cls, error: ValidationError, root: dict[str, Any]) -> _Failure:
        schema = dict(error.schema) if isinstance(error.schema, Mapping) else {}
        return cls(
            validator=str(error.validator),
            validator_value=error.validator_value,
            instance=error.instance,
            schema=schema,
            absolute_path=tuple(error.absolute_path),
            description=description(root, error.absolute_schema_path),
        )


def check(kind: Kind, document: Any, rel: str, text: str | None = None) -> list[Finding]:
    """All schema findings of one document, in German.

    Given the ``text`` the document was read from, a text that passed before (with the same
    schemas) is not checked again, and one that passes now is remembered.
    """
    from ikonzept.check.fastcheck import is_valid, known_valid, remember_valid

    if text is not None and known_valid(kind, text):
        return []
    if is_valid(kind, document):
        if text is not None:
            remember_valid(kind, text)
        return []
    findings: list[Finding] = []
    for error in _validator(kind).iter_errors(document):
        findings.extend(_explain(_Failure.of(_deepest(error), load_schema(kind)), rel))
    return findings


def _deepest(error: ValidationError) -> ValidationError:
    """For if/then, oneOf and anyOf, the error of the branch that came closest."""
    from jsonschema.exceptions import best_match

    while error.context:
        error = best_match(error.context)
    return error


def _explain(error: _Failure, rel: str) -> Iterator[Finding]:
    path: DocPath = tuple(error.absolute_path)
    where = format_path(path)
    at = f" in {where}" if where else ""
    keyword = error.validator
    if keyword == "additionalProperties":
        yield from _unknown_keys(error, path, rel)
    elif keyword == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        for name in missing:
            yield finding(
                "IK102",
                rel,
                f"Die Pflichtangabe „{name}“{_described(error, name)} fehlt{at}.",
                path=path,
                anchor=Anchor.KEY,
            )
    elif keyword == "not" and path and path[-1] in FORBIDDEN_IN_MEASURES:
        yield finding(
            "IK208",
            rel,
            f"Eine Maßnahme nennt keine Zuständigkeiten oder Fristen („{path[-1]}“): "
            "Der konzeptionelle Teil lässt sie bewusst offen, weil sie vor Ort mit den "
            "Städten und Gemeinden vereinbart werden. Entfernen Sie die Angabe; beteiligte "
            "Einrichtungen gehören unter „akteure“.",
            path=path,
            anchor=Anchor.KEY,
        )
    else:
        yield _value_problem(error, path, at, rel)


def _described(error: _Failure, name: str) -> str:
    prop = error.schema.get("properties", {}).get(name, {})
    title = prop.get("title")
    return f" ({title})" if title and title.lower() != name else ""


def _unknown_keys(error: _Failure, path: DocPath, rel: str) -> Iterator[Finding]:
    allowed = sorted(error.schema.get("properties", {}))
    visible = [name for name in allowed if name not in FORBIDDEN_IN_MEASURES]
    for key in error.instance:
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, visible, n=1, cutoff=0.6)
        hint = f"Meinten Sie „{close[0]}“?" if close else f"Erlaubt sind: {', '.join(visible)}."
        where = format_path(path)
        yield finding(
            "IK101",
            rel,
            f"Unbekannter Schlüssel „{key}“{' in ' + where if where else ''}. {hint}",
            path=(*path, key),
            anchor=Anchor.KEY,
        )


def _subject(path: DocPath, noun: str = "Die Angabe") -> str:
    """„key“ in its parent's path, so that the key is not named twice."""
    if path and isinstance(path[-1], str):
        parent = format_path(path[:-1])
        return f"{noun} „{path[-1]}“" + (f" in {parent}" if parent else "")
    return f"Der Eintrag {format_path(path)}" if path else "Der Inhalt der Datei"


def _value_problem(error: _Failure, path: DocPath, at: str, rel: str) -> Finding:
    keyword, instance = error.validator, error.instance
    not_a_date = keyword == "format" and error.validator_value == "date"
    # A year or a number where a date belongs is a wrong date, not a wrong kind of value.
    if keyword == "type" and error.schema.get("format") == "date":
        not_a_date = isinstance(instance, int | float) and not isinstance(instance, bool)
    if not_a_date:
        return finding(
            "IK105",
            rel,
            f"„{_short(str(instance))}“{at} ist kein gültiges Datum. Schreiben Sie Daten als "
            "JJJJ-MM-TT, z. B. 2016-11-15.",
            path=path,
        )
    if keyword == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " oder ".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = _type_hint(names, instance)
        return finding(
            "IK103",
            rel,
            f"Hier{at} wird {wanted} erwartet, gefunden wurde {_type_of(instance)}.{hint}",
            path=path,
        )
    if keyword == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(instance), options, n=1, cutoff=0.6)
        hint = f" Meinten Sie „{close[0]}“?" if close else ""
        return finding(
            "IK104",
            rel,
            f"„{_short(str(instance))}“ ist{at} kein zulässiger Wert. Erlaubt sind: "
            f"{', '.join(options)}.{hint}",
            path=path,
        )
    if keyword == "pattern" and error.validator_value == ID_PATTERN:
        return finding("IK106", rel, _id_message(str(instance), at), path=path)
    if keyword == "uniqueItems" and isinstance(instance, list):
        index = _first_repeat(instance)
        return finding(
            "IK100",
            rel,
            f"{_subject(path, 'Die Liste')} enthält „{_short(str(instance[index]))}“ doppelt. "
            "Löschen Sie einen der beiden Einträge.",
            path=(*path, index),
        )
    noun = "Die Liste" if keyword == "minItems" else "Die Angabe"
    return finding("IK100", rel, _generic(error, _subject(path, noun), at), path=path)


def _first_repeat(items: list[Any]) -> int:
    """Index of the first entry equal to an earlier one (entries may be unhashable)."""
    for index, item in enumerate(items):
        if item in items[:index]:
            return index
    return 0


def _type_hint(expected: list[str], instance: Any) -> str:
    if "object" in expected and isinstance(instance, list):
        return " Entfernen Sie die „- “ vor den Schlüsseln."
    if "array" in expected and isinstance(instance, str | dict):
        return " Schreiben Sie jeden Eintrag in eine eigene Zeile mit „- “ davor."
    if "string" in expected and isinstance(instance, dict):
        return (
            " Enthält der Text einen Doppelpunkt mit Leerzeichen, setzen Sie ihn in "
            "Anführungszeichen oder schreiben Sie ihn als Block mit „|“."
        )
    if "boolean" in expected and isinstance(instance, str):
        return " Schreiben Sie true (ja) oder false (nein)."
    return ""


def _id_message(value: str, at: str) -> str:
    suggestion = id_suggestion(value)
    hint = f" Zum Beispiel: „{suggestion}“." if suggestion else ""
    return (
        f"„{_short(value)}“{at} ist keine gültige ID: erlaubt sind Kleinbuchstaben a–z, Ziffern "
        f"und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer.{hint}"
    )


def _generic(error: _Failure, subject: str, at: str) -> str:
    keyword, value = error.validator, error.validator_value
    hint = f" {error.description}" if error.description else ""
    if keyword in ("minLength", "minItems"):
        return f"{subject} darf nicht leer sein."
    if keyword == "minimum":
        return f"{subject} muss mindestens {value} sein.{hint}"
    if keyword == "pattern":
        found = _short(str(error.instance))
        if value == LANGUAGE_PATTERN:
            hint = f" {language_hint(found)}"
        return f"„{found}“{at} hat nicht die erwartete Form.{hint}"
    return f"{subject} entspricht nicht dem Format.{hint}"
