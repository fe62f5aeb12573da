"""The imported files as YAML in the sample's style: block style, keys in our order,
sequences indented under their key, Markdown texts as literal blocks wrapped at 92
columns (a single line break is a space in Markdown), titles on one line.

Written here rather than by ruamel.yaml: its C emitter cannot indent sequences under their
key, and its pure-Python one took 3.6 s of a 200-page import's 5 s for 1,049 files. The
data is plain (mappings with our keys, lists, strings, numbers, booleans); a string is
written plain only where YAML reads it back as the same string, else double-quoted with
every character that could be misread escaped, or as a literal block. Tests load every
written form back (tests/test_import_yaml.py)."""

from __future__ import annotations

import json
import re
from typing import Any

WIDTH = 92  # of a line in the file, its indentation included
MARKDOWN_KEYS = frozenset({"text", "ausgangslage", "beschreibung", "erklaerung"})
# A line must not open with what would make it a list item, heading, quote, table or rule
# (nor, for the eye, with a dash).
_OPENS_BLOCK = re.compile(r"^([-+*>#|=–]+|\d+[.)])$")
_PLAIN_PARAGRAPH = re.compile(r"^(?![-+*>#|]|\d+[.)]\s|\[\^|\s)")
# A plain scalar: opens with a letter or „, has no „: “ or „ #“, does not end in „:“ or a
# space, and is not a word YAML 1.1 reads as a boolean or null.
_PLAIN = re.compile(r"[^\W\d_„“]|„")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"})


def dump(data: Any) -> str:
    lines: list[str] = []
    _node(data, 0, lines, None)
    return "\n".join(lines) + "\n"


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


def _node(value: Any, indent: int, out: list[str], key: str | None) -> None:
    """``value`` at ``indent`` as the lines of a block (a mapping's or list's items)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(pad + "{}")
        for name, item in value.items():
            _entry(f"{pad}{name}:", item, indent, out, name)
    elif isinstance(value, list):
        if not value:
            out.append(pad + "[]")
        for item in value:
            _entry(f"{pad}-", item, indent, out, key, in_list=True)
    else:
        out.append(pad + _scalar(value, indent, key))


def _entry(lead: str, value: Any, indent: int, out: list[str], key: str | None,
           in_list: bool = False) -> None:  # fmt: skip
    """One key's or list item's value after ``lead`` („key:“, „-“)."""
    if isinstance(value, (dict, list)) and value:
        start = len(out)
        _node(value, indent + 2, out, key)
        if in_list:  # „- first: …“ or „- - …“, the rest under it
            out[start] = lead + out[start][len(lead) :]
        else:
            out.insert(start, lead)
    elif isinstance(value, (dict, list)):
        out.append(f"{lead} {'{}' if isinstance(value, dict) else '[]'}")
    else:
        out.append(f"{lead} {_scalar(value, indent + 2, key)}")


def _scalar(value: Any, indent: int, key: str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if key in MARKDOWN_KEYS:
        text = wrapped(text, max(60, WIDTH - indent))
        if "\n" in text:
            text = text.rstrip("\n") + "\n"  # „|“ as in the sample
    if "\n" in text.rstrip("\n") and _literal_safe(text):
        return _literal(text, indent)
    if _plain_safe(text):
        return text
    return _quoted(text)


def _plain_safe(text: str) -> bool:
    return (
        bool(_PLAIN.match(text))
        and text.isprintable()
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text.casefold() not in _RESERVED
    )


def _literal_safe(text: str) -> bool:
    """Its lines read back alike in a literal block: printable (tabs allowed), no line with
    trailing blanks, the first not opening with a blank."""
    lines = text.rstrip("\n").split("\n")
    return (
        all(ch == "\t" or ch.isprintable() for line in lines for ch in line)
        and not lines[0][:1].isspace()
        and all(line == line.rstrip(" \t") for line in lines)
    )


def _literal(text: str, indent: int) -> str:
    body = text.rstrip("\n")
    ending = len(text) - len(body)
    chomp = "-" if ending == 0 else "" if ending == 1 else "+"
    pad = " " * indent
    lines = [pad + line if line else "" for line in body.split("\n")]
    lines += [""] * (ending - 1 if ending > 1 else 0)
    return f"|{chomp}\n" + "\n".join(lines)


def _quoted(text: str) -> str:
    """Double-quoted, every character YAML could misread (line and paragraph separators,
    anything not printable) escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in quoted)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
