"""A fast yes/no schema check for the common case: every document is valid.

jsonschema explains failures well but validates about twenty times slower than code that
fastjsonschema generates from the same schemas, and its import alone costs 0.1 s. So every
document goes through the generated check first; only failing documents are handed to
jsonschema for the German explanations. The generated code is cached (marshalled, per
Python and fastjsonschema version) in the user's cache folder; without one it is generated
in memory (about 0.06 s).

A document found valid is remembered by its text and the schemas' content (`remember_valid`):
most files do not change between two runs, and checking the large concept's 183 files
took 0.08 s of every command that reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import sys
from collections.abc import Callable
from functools import cache
from types import CodeType
from typing import Any

from ikonzept.base import fsutil
from ikonzept.base.resources import schema_dir
from ikonzept.load import cache as user_cache
from ikonzept.load.sources import Kind

Check = Callable[[Any], bool]


def _key(schemas: bytes) -> str:
    import fastjsonschema

    version = f"{sys.version}|{fastjsonschema.VERSION}|".encode()
    return hashlib.sha256(version + schemas).hexdigest()[:24]


def _generate(sources: dict[Kind, bytes]) -> dict[str, CodeType]:
    import fastjsonschema

    code = {}
    for kind, text in sources.items():
        schema = json.loads(text)
        # The generator knows drafts 4 to 7; our schemas use nothing newer than draft 7
        # (a test compares both validators on the whole corpus).
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        source = fastjsonschema.compile_to_code(schema, handlers={}, detailed_exceptions=False)
        code[kind.value] = compile(source, f"<schema {kind.value}>", "exec")
    return code


@cache
def _sources() -> dict[Kind, bytes]:
    return {kind: (schema_dir() / f"{kind.value}.schema.json").read_bytes() for kind in Kind}


@cache
def _schemas() -> str:
    """The schemas' identity: a verdict holds as long as none of them changes."""
    return hashlib.sha256(b"".join(_sources().values())).hexdigest()[:24]


@cache
def _checks() -> dict[Kind, Check]:
    sources = _sources()
    key = _key(b"".join(sources.values()))
    cached = user_cache.folder() / f"schemas-{key}.marshal"
    code: dict[str, CodeType] | None = None
    try:
        loaded = marshal.loads(cached.read_bytes())
        if isinstance(loaded, dict) and set(loaded) == {k.value for k in Kind}:
            code = loaded
    except (OSError, ValueError, EOFError, TypeError):
        code = None
    if code is None:
        code = _generate(sources)
        with contextlib.suppress(OSError):  # a read-only home costs the generation next time
            fsutil.write_bytes(cached, marshal.dumps(code))
    return {kind: _runner(code[kind.value]) for kind in Kind}


def _runner(code: CodeType) -> Check:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    # The schema's own function has the shortest name; `$defs` get suffixed ones.
    validate = namespace[min((k for k in namespace if k.startswith("validate_")), key=len)]
    exception = namespace["JsonSchemaValueException"]

    def check(document: Any) -> bool:
        try:
            validate(document)
        except exception:
            return False
        return True

    return check


def is_valid(kind: Kind, document: Any) -> bool:
    """True when ``document`` certainly passes the schema of ``kind``."""
    return _checks()[kind](document)


def known_valid(kind: Kind, text: str) -> bool:
    """True when a document of exactly this text passed the schema of ``kind`` before."""
    return user_cache.get(_verdict(kind, text)) is True


def remember_valid(kind: Kind, text: str) -> None:
    """Remember that the document of this text passes the schema of ``kind``."""
    user_cache.put(_verdict(kind, text), True)


def _verdict(kind: Kind, text: str) -> str:
    # The cache key holds ikonzept's version (the loader that made the data from the text).
    return user_cache.key(f"gültig|{kind.value}|{_schemas()}", text)
