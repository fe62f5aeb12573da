"""Parse YAML text into plain data with the fast C loader; syntax problems become findings.

The result holds only dicts with string keys, lists, str, int, float, bool and None.
Dates stay strings (the schema checks them), so a date that is not a date is a finding
and not a crash inside the loader. Anchors and aliases are refused before loading: they
make files hard to read and let a few lines stand for gigabytes (an "alias bomb").
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.load import cache, yamlerrors

# A concept is deep at about 8 levels; anything far beyond is hostile or broken.
MAX_DEPTH = 64


class _Constructor(SafeConstructor):
    """Keep timestamps as the text the author wrote; refuse tags a concept never needs."""

    def refuse(self, node: Any) -> Any:
        raise yamlerrors.UnsupportedTag(str(node.tag), node.start_mark)


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
)
# None stands for every tag without a constructor (``!wichtig``, ``!!python/object:…``);
# binary, set, omap and pairs would become bytes, sets and tuples that no schema expects.
for _tag in ("binary", "set", "omap", "pairs"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _Constructor.refuse)
_Constructor.add_constructor(None, _Constructor.refuse)


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


# Where an anchor (&name) can begin: at the start, after white space, "[", "{", "," or ":".
# Without one, aliases cannot occur either, so most files skip the event scan below.
_MAYBE_ANCHOR = re.compile(r"(?:\A|[\s\[{,:])&[^\s\[\]{},]")


def parse(text: str, rel: str) -> tuple[Any, Finding | None]:
    """Load one document; return ``(data, None)`` or ``(None, finding)``.

    Only successful results are cached: a finding always comes from a fresh parse.
    """
    entry = cache.key("yaml", text)
    hit = cache.get(entry)
    if hit is not None:
        return hit, None
    data, problem = _parse(text, rel)
    if problem is None:
        cache.put(entry, data)
    return data, problem


def _parse(text: str, rel: str) -> tuple[Any, Finding | None]:
    if _MAYBE_ANCHOR.search(text):
        anchor = _first_anchor(text)
        if anchor is not None:
            return None, _anchor_finding(rel, anchor)
    try:
        data = _YAML.load(text)
    except yamlerrors.UnsupportedTag as error:
        return None, yamlerrors.unsupported_tag(error, text, rel)
    except DuplicateKeyError as error:
        return None, yamlerrors.duplicate_key(error, text, rel)
    except MarkedYAMLError as error:
        return None, yamlerrors.syntax(error, text, rel)
    except ReaderError as error:
        return None, yamlerrors.control_character(error, text, rel)
    except (YAMLError, ValueError, TypeError):
        # Python refuses integers of more than 4300 digits; little else gets here.
        return None, finding(
            "IK001",
            rel,
            "Ein Wert kann nicht gelesen werden, vermutlich eine Zahl mit sehr vielen Ziffern. "
            "Setzen Sie ihn in Anführungszeichen.",
        )
    except RecursionError:
        return None, _too_deep(rel)
    if data is None:
        return None, finding(
            "IK005",
            rel,
            "Die Datei ist leer (oder enthält nur Kommentare). Füllen oder löschen Sie sie.",
        )
    try:
        return _plain(data, set(), 0), None
    except _AliasFound:  # a safety net: the anchor scan should have caught it
        return None, _anchor_finding(rel, _first_anchor(text))
    except _TooDeep:
        return None, _too_deep(rel)


def _first_anchor(text: str) -> tuple[int, int] | None:
    """Line and column (1-based) of the first anchor or alias, from the C parser's events."""
    try:
        for event in _YAML.parse(text):
            if getattr(event, "anchor", None) is not None or isinstance(event, AliasEvent):
                mark = event.start_mark
                return mark.line + 1, mark.column + 1
    except YAMLError:  # a syntax error before any anchor: loading will report it
        return None
    return None


def _anchor_finding(rel: str, where: tuple[int, int] | None) -> Finding:
    line, column = where if where else (None, None)
    return finding(
        "IK008",
        rel,
        "Die Datei verwendet YAML-Anker und -Aliase (&name / *name). Sie werden nicht "
        "unterstützt; schreiben Sie die Angaben aus.",
        line=line,
        column=column,
    )


def _plain(value: Any, seen: set[int], depth: int) -> Any:
    """Copy into plain data with text keys, refusing shared containers and absurd nesting."""
    if isinstance(value, dict | list):
        if id(value) in seen:
            raise _AliasFound
        if depth > MAX_DEPTH:
            raise _TooDeep
        seen.add(id(value))
        if isinstance(value, dict):
            return {_key(k): _plain(v, seen, depth + 1) for k, v in value.items()}
        return [_plain(item, seen, depth + 1) for item in value]
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
