"""Laid-out parts, kept by everything their layout depends on, for builds after an edit.

A part's layout depends on its HTML (in pass 2 with its page numbers as literal values),
the page numbers of the anchors it links to, its place in the document, the stylesheets,
fonts and images it may load, the PDF variant, and the versions of ikonzept, WeasyPrint
and pikepdf. The key hashes all of these, so an entry can only be used where a fresh
layout would give the same bytes; a build from the cache is identical to a clean one.

Entries live in the user's cache folder (``teile/``): a JSON record of the part's pages,
anchors and bookmarks, and for pass 2 its PDF, whose hash the record holds. A record that
does not parse, has the wrong shape, or names another key or another PDF is ignored and
removed, never trusted. The folder is kept below a size limit, least recently used first.
IKONZEPT_CACHE=0 switches it off, as the other caches.

Besides, ``zuletzt/`` keeps the pass-1 layouts of each document's last build: a guess at
the page numbers of the next one, so that a part can be laid out ahead (`render/layout/parts`).
A guess is only ever checked, never trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ikonzept import __version__
from ikonzept.base import fsutil
from ikonzept.load import cache as user_cache
from ikonzept.render.layout.pages import Bookmark, PartLayout

FORMAT = 1
FOLDER = "teile"
LAST = "zuletzt"
DEFAULT_LIMIT_MB = 500
_LINK_TARGET = re.compile(r"""\bhref\s*=\s*(["'])#([^"']*)\1""", re.IGNORECASE)


@functools.cache
def _renderer() -> bytes:
    """The digest of our own rendering code: a change to it (between two releases of the
    same version, or while developing) lays everything out afresh."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent  # ikonzept/render
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def environment(root: Path, dirs: Sequence[Path], variant: str) -> str:
    """The digest of what every layout of this build may read besides its HTML."""
    digest = hashlib.sha256()
    versions = [f"ikonzept {__version__}", f"format {FORMAT}", f"variant {variant}"]
    for package in ("weasyprint", "pikepdf", "pydyf", "fonttools"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{package} {metadata.version(package)}")
    digest.update("\n".join(versions).encode())
    digest.update(_renderer())
    for folder in [root / "bilder", *dirs]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(f"\n{folder.name}/{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def linked_pages(html: str, pages: Mapping[str, int] | None) -> dict[str, int]:
    """The printed pages of the anchors this HTML links to: all of ``pages`` it depends on."""
    if not pages:
        return {}
    targets = {match.group(2) for match in _LINK_TARGET.finditer(html)}
    return {name: pages[name] for name in sorted(targets) if name in pages}


def _layout_to_data(layout: PartLayout) -> dict[str, Any]:
    return {
        "pages": layout.pages,
        "anchors": layout.anchors,
        "bookmarks": [[b.level, b.label, b.page, b.x, b.y, b.closed] for b in layout.bookmarks],
        "blocked": list(layout.blocked),
    }


def _layout_from_data(data: Any) -> PartLayout | None:
    """The layout of a record, or None if anything in it has the wrong shape."""
    try:
        pages, anchors, bookmarks, blocked = (
            data["pages"], data["anchors"], data["bookmarks"], data["blocked"]
        )  # fmt: skip
        if not (isinstance(pages, int) and isinstance(anchors, dict)):
            return None
        if not all(isinstance(k, str) and isinstance(v, int) for k, v in anchors.items()):
            return None
        marks = tuple(
            Bookmark(int(level), str(label), int(page), float(x), float(y), bool(closed))
            for level, label, page, x, y, closed in bookmarks
        )
        if not all(isinstance(url, str) for url in blocked):
            return None
        return PartLayout(pages, dict(anchors), marks, tuple(blocked))
    except (KeyError, TypeError, ValueError):
        return None


class LayoutCache:
    """Layouts of parts by key; ``folder`` None keeps nothing."""

    def __init__(self, folder: Path | None, environment: str) -> None:
        self.folder = folder
        self.environment = environment
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_build(cls, root: Path, dirs: Sequence[Path], variant: str) -> LayoutCache:
        folder = user_cache.folder() / FOLDER if user_cache.enabled() else None
        return cls(folder, environment(root, dirs, variant) if folder else "")

    def key(self, html: str, pages: Mapping[str, int] | None, number: int, written: bool) -> str:
        digest = hashlib.sha256(self.environment.encode())
        digest.update(json.dumps([written, number, linked_pages(html, pages)]).encode())
        digest.update(html.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _paths(self, key: str) -> tuple[Path, Path]:
        assert self.folder is not None
        base = self.folder / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".pdf")

    def get(self, key: str, target: Path | None, *, count: bool = True) -> PartLayout | None:
        """The cached layout for ``key``; with ``target``, its PDF copied there.

        ``count`` False: only a look (for a guess), not a use of the entry.
        """
        if self.folder is None:
            return None
        record_path, pdf_path = self._paths(key)
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return self._count(None) if count else None
        layout = _layout_from_data(record) if isinstance(record, dict) else None
        valid = layout is not None and record.get("format") == FORMAT and record.get("key") == key
        if valid and target is not None:
            valid = self._copy_checked(pdf_path, record.get("sha256"), target)
        if not valid:
            self._forget(key)
            return self._count(None) if count else None
        if not count:
            return layout
        with contextlib.suppress(OSError):
            os.utime(record_path)  # recently used: pruned last
        return self._count(layout)

    def _copy_checked(self, pdf_path: Path, expected: Any, target: Path) -> bool:
        try:
            data = pdf_path.read_bytes()
        except OSError:
            return False
        if not isinstance(expected, str) or hashlib.sha256(data).hexdigest() != expected:
            return False
        fsutil.write_bytes(target, data)
        return True

    def _count(self, layout: PartLayout | None) -> PartLayout | None:
        if layout is None:
            self.misses += 1
        else:
            self.hits += 1
        return layout

    def put(self, key: str, layout: PartLayout, written: Path | None) -> None:
        """Keep a layout (and for pass 2 its PDF); a cache that cannot be written is skipped."""
        if self.folder is None:
            return
        record_path, pdf_path = self._paths(key)
        record = {"format": FORMAT, "key": key, **_layout_to_data(layout)}
        with contextlib.suppress(OSError):
            if written is not None:
                data = written.read_bytes()
                fsutil.write_bytes(pdf_path, data)
                record["sha256"] = hashlib.sha256(data).hexdigest()
            fsutil.write_text(record_path, json.dumps(record, ensure_ascii=False))

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` exists (unchecked, and not counted as a use)."""
        return self.folder is not None and self._paths(key)[0].is_file()

    def _last(self, document: str) -> Path:
        assert self.folder is not None
        name = hashlib.sha256(f"{self.environment}\0{document}".encode()).hexdigest()
        return self.folder / LAST / f"{name}.json"

    def remember(self, document: str, layouts: Sequence[PartLayout]) -> None:
        """Keep the pass-1 layouts of ``document``'s parts for the next build's guess."""
        if self.folder is None:
            return
        record = {"format": FORMAT, "document": document,
                  "parts": [_layout_to_data(layout) for layout in layouts]}  # fmt: skip
        with contextlib.suppress(OSError):
            fsutil.write_text(self._last(document), json.dumps(record, ensure_ascii=False))

    def recall(self, document: str) -> list[PartLayout] | None:
        """The pass-1 layouts of ``document``'s last build, or None (also if damaged)."""
        if self.folder is None:
            return None
        try:
            record = json.loads(self._last(document).read_text(encoding="utf-8"))
            if record["format"] != FORMAT or record["document"] != document:
                return None
            layouts = [_layout_from_data(data) for data in record["parts"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if any(layout is None for layout in layouts):
            return None
        return [layout for layout in layouts if layout is not None]

    def _forget(self, key: str) -> None:
        for path in self._paths(key):
            path.unlink(missing_ok=True)

    def prune(self, limit_bytes: int | None = None) -> None:
        """Remove the least recently used entries until the folder fits the limit."""
        if self.folder is None or not self.folder.is_dir():
            return
        limit = limit_bytes if limit_bytes is not None else _limit()
        with contextlib.suppress(OSError):
            entries = _entries(self.folder.glob("*/*.json"))
            total = sum(size for _, size, _ in entries)
            for _used, size, record in sorted(entries):
                if total <= limit:
                    break
                record.unlink(missing_ok=True)
                record.with_suffix(".pdf").unlink(missing_ok=True)
                total -= size
            for stray in self.folder.glob("*/*.pdf"):  # a PDF without its record
                if not stray.with_suffix(".json").exists():
                    stray.unlink(missing_ok=True)


def _entries(records: Iterable[Path]) -> list[tuple[float, int, Path]]:
    """(last use, bytes with the PDF, record) for every record."""
    found = []
    for record in records:
        with contextlib.suppress(OSError):
            stat = record.stat()
            pdf = record.with_suffix(".pdf")
            size = stat.st_size + (pdf.stat().st_size if pdf.exists() else 0)
            found.append((stat.st_mtime, size, record))
    return found


def _limit() -> int:
    """IKONZEPT_CACHE_MB, else 500 MB."""
    try:
        megabytes = float(os.environ.get("IKONZEPT_CACHE_MB", DEFAULT_LIMIT_MB))
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return int(max(0.0, megabytes) * 1_000_000)
