"""Watch a concept's files and report each save (``build --watch``, with watchfiles).

What an editor leaves while saving (swap and backup files, lock files, Vim's probe file
„4913“, temporary files of atomic saves) and what ikonzept writes itself (the output
folder, the caches) never count as a change: otherwise every build would start the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading

# Beyond watchfiles' own list (version control folders, *.swp, *~, .#…, .DS_Store).
EDITOR_FILES = (
    r"^4913$",  # Vim checks whether it may write the folder
    r"\.tmp$",
    r"^\.~lock\..*#$",  # LibreOffice
    r"^\.goutputstream-",  # GNOME
    r"\.kate-swp$",
    r"^\.ikonzept-",  # ours: parts being laid out
    r"^sed[0-9A-Za-z]{6}$",  # sed -i
)
# A file that is gone again by the time the changes are reported counts only if it is one
# the concept is made of: a deleted YAML file or image matters, an editor's scratch file not.
_SOURCES = (".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg", ".css", ".j2", ".ttf", ".otf",
            ".woff", ".woff2", ".json")  # fmt: skip


def _filter(ignored: Sequence[Path]) -> Any:
    from watchfiles import DefaultFilter

    patterns = tuple(DefaultFilter.ignore_entity_patterns) + EDITOR_FILES
    return DefaultFilter(
        ignore_entity_patterns=patterns,
        ignore_paths=[str(path.resolve()) for path in ignored],
    )


def changed_names(changes: set[tuple[Any, str]], roots: Sequence[Path]) -> list[str]:
    """The changed files, relative to the folder they are in, sorted."""
    names = set()
    for _change, path in changes:
        file = Path(path)
        if not file.exists() and file.suffix.lower() not in _SOURCES:
            continue
        for root in roots:
            if file.is_relative_to(root):
                names.add(file.relative_to(root).as_posix())
                break
        else:
            names.add(file.name)
    return sorted(names)


def saves(
    folders: Sequence[Path],
    ignored: Sequence[Path] = (),
    stop: threading.Event | None = None,
    ready: Callable[[], None] | None = None,
) -> Iterator[list[str]]:
    """Each time files in ``folders`` are saved, the names of those that changed.

    ``ready`` is called once the watch has begun: what is saved while it runs (a first
    build) is reported afterwards, not lost.
    """
    from watchfiles import watch

    roots = [folder.resolve() for folder in folders]
    waiting = ready
    for changes in watch(
        *roots, watch_filter=_filter(ignored), stop_event=stop,
        yield_on_timeout=True, rust_timeout=500,
    ):  # fmt: skip
        if waiting is not None:
            call = waiting
            waiting = None
            call()
        names = changed_names(changes, roots)
        if names:
            yield names


def rebuild_on_save(
    build_once: Callable[[], None],
    folders: Sequence[Path],
    ignored: Sequence[Path],
    changed: Callable[[list[str]], None],
    stop: threading.Event | None = None,
) -> None:
    """Build, then build again after every save, until ``stop`` is set (or Ctrl+C)."""
    for names in saves(folders, ignored, stop, ready=build_once):
        changed(names)
        build_once()
