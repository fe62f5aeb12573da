"""Values as YAML scalars on one line, written the way an author would write them."""

from __future__ import annotations

import datetime as dt
import json
import re

Scalar = str | int | bool | dt.date

# Plain scalars we may write without quotes: they read back as the same string.
_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß0-9][\w .,:/()„“–-]*[\w.)“]|[A-Za-zÄÖÜäöüß0-9]")


def scalar(value: Scalar) -> str:
    """``value`` as a YAML scalar on one line: plain where that reads back the same."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)  # dates as 2019-06-04, which YAML reads as a date
    if _PLAIN.fullmatch(value) and _reads_as_string(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _reads_as_string(text: str) -> bool:
    from ruamel.yaml import YAML

    try:
        return bool(YAML(typ="safe", pure=True).load(f"x: {text}\n") == {"x": text})
    except Exception:
        return False
