"""A small content-addressed cache in the user's cache folder.

Loading YAML is the largest cost of every command (about 0.6 s per MB even with the C
parser), and most files do not change between two runs. Parsed data is kept by the hash
of the file's text, so a changed file is always parsed anew. Entries are plain data in
``marshal`` format; a missing or unwritable cache folder only costs speed. Set
IKONZEPT_CACHE=0 to switch the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

from ikonzept import __version__
from ikonzept.base import fsutil

# Bump when the meaning of cached data changes (the loader's output format).
_FORMAT = "1"
MAX_ENTRIES = 20_000


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ikonzept"


def enabled() -> bool:
    return os.environ.get("IKONZEPT_CACHE", "1") != "0"


def key(kind: str, text: str) -> str:
    digest = hashlib.sha256(f"{kind}|{_FORMAT}|{__version__}|".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _path(entry: str) -> Path:
    return folder() / "daten" / entry[:2] / f"{entry}.marshal"


def get(entry: str) -> Any | None:
    if not enabled():
        return None
    try:
        return marshal.loads(_path(entry).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def put(entry: str, value: Any) -> None:
    if not enabled():
        return
    with contextlib.suppress(OSError, ValueError):
        path = _path(entry)
        fsutil.write_bytes(path, marshal.dumps(value))
        if entry.endswith("00"):  # now and then, keep the folder from growing without end
            _prune(path.parent.parent)


def _prune(root: Path) -> None:
    entries = sorted(root.glob("*/*.marshal"), key=lambda p: p.stat().st_mtime)
    for stale in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        stale.unlink(missing_ok=True)
