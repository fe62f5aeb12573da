"""Hints for schema findings: the schema's own descriptions, id and language suggestions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
LANGUAGE_PATTERN = "^[a-z]{2}$"

# The languages counselling in a German county is most often offered in, by German name.
_LANGUAGES = {
    "deutsch": "de",
    "englisch": "en",
    "arabisch": "ar",
    "persisch": "fa",
    "farsi": "fa",
    "dari": "fa",
    "türkisch": "tr",
    "russisch": "ru",
    "ukrainisch": "uk",
    "französisch": "fr",
    "polnisch": "pl",
    "kurdisch": "ku",
    "tigrinya": "ti",
    "spanisch": "es",
    "rumänisch": "ro",
    "bulgarisch": "bg",
    "albanisch": "sq",
    "serbisch": "sr",
    "paschtu": "ps",
    "somali": "so",
}


def description(root: dict[str, Any], schema_path: Iterable[str | int]) -> str:
    """The description nearest to the failing keyword, e.g. the list's for a list entry.

    jsonschema's path leaves out the ``$ref`` steps it followed, so they are followed here.
    """
    node: Any = root
    nearest = ""
    for step in schema_path:
        if isinstance(node, dict) and step not in node and "$ref" in node:
            node = _resolve(root, str(node["$ref"]))
        node = _child(node, step)
        if node is None:
            break
        if isinstance(node, dict) and isinstance(node.get("description"), str):
            nearest = node["description"]
    return nearest.removeprefix("Optional: ")


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return node[step]
    return None


def _resolve(root: dict[str, Any], ref: str) -> Any:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node


def language_hint(value: str) -> str:
    code = _LANGUAGES.get(value.strip().lower())
    if code is None and len(value) == 2 and value.isalpha():
        code = value.lower()
    suggestion = f" Meinten Sie „{code}“?" if code else ""
    return f"Geben Sie Sprachen als Kürzel nach ISO 639-1 an, z. B. de, en, ar.{suggestion}"


def id_suggestion(value: str) -> str:
    """A valid id close to ``value``: German umlauts spelled out, other accents dropped."""
    text = value.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    # NFKD splits é into e and a combining accent, which the ASCII filter below drops.
    text = unicodedata.normalize("NFKD", text).replace(" ", "-").replace("_", "-")
    slug = "".join(c for c in text if c.isascii() and (c.isalnum() or c == "-"))
    while "--" in slug:
        slug = slug.replace("--", "-")
    return slug.strip("-")
