"""The imported files as YAML in the sample's style: block style, keys in our order,
sequences indented under their key, Markdown texts as literal blocks wrapped at 88
columns (a single line break is a space in Markdown), titles on one line."""

from __future__ import annotations

import functools
import io
import re
from typing import Any

WIDTH = 92  # of a line in the file, its indentation included
MARKDOWN_KEYS = frozenset({"text", "ausgangslage", "beschreibung", "erklaerung"})
# A line must not open with what would make it a list item, heading, quote, table or rule
# (nor, for the eye, with a dash).
_OPENS_BLOCK = re.compile(r"^([-+*>#|=–]+|\d+[.)])$")
_PLAIN_PARAGRAPH = re.compile(r"^(?![-+*>#|]|\d+[.)]\s|\[\^|\s)")


def dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(_styled(data, None, 0), stream)
    text = stream.getvalue()
    if isinstance(data, list):  # a list at the top starts in the first column
        text = re.sub(r"(?m)^  ", "", text)
    return text


def wrapped(markdown: str, width: int) -> str:
    """Plain paragraphs of a Markdown text broken at spaces to ``width`` columns; tables,
    headings, list items, footnotes and any paragraph of several lines stay as they are."""
    paragraphs = markdown.split("\n\n")
    return "\n\n".join(
        _fill(p, width) if "\n" not in p and _PLAIN_PARAGRAPH.match(p) else p for p in paragraphs
    )


def _fill(paragraph: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width and word and not _OPENS_BLOCK.match(word):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def _styled(value: Any, key: str | None, depth: int) -> Any:
    """``depth``: the containers around the value; each indents its lines by two."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        return {k: _styled(v, k, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_styled(v, key, depth + 1) for v in value]
    if isinstance(value, str):
        text = wrapped(value, max(60, WIDTH - 2 * depth)) if key in MARKDOWN_KEYS else value
        if "\n" in text:
            return LiteralScalarString(text.rstrip("\n") + "\n")
    return value


@functools.cache
def _yaml() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import LiteralScalarString

    yaml: Any = YAML(typ="safe", pure=True)  # the C emitter cannot indent sequences
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # the keys in our order
    yaml.width = 4096  # titles stay on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        LiteralScalarString,
        lambda r, text: r.represent_scalar("tag:yaml.org,2002:str", str(text), style="|"),
    )
    return yaml
