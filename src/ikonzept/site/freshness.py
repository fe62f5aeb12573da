"""How current the actor directory is: the day its files last changed.

In a git work tree that is the date of the last commit that touched them (a fresh clone
gives every file today's modification time), unless a file has uncommitted changes; then,
as outside git, the newest modification time counts. The date comes from the files, not
from the clock, so the same files give the same site.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from pathlib import Path


def last_changed(root: Path, files: Sequence[Path]) -> dt.date | None:
    """The day the newest of ``files`` was changed, or None without files."""
    if not files:
        return None
    committed, changed = _git_dates(root, files)
    dates = [committed] if committed else []
    dates += [_modified(path) for path in changed]
    return max(dates) if dates else None


def _modified(path: Path) -> dt.date:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).date()


def _git_dates(root: Path, files: Sequence[Path]) -> tuple[dt.date | None, list[Path]]:
    """The last commit date of the clean files, and the files git cannot date."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=20
        ).stdout

    names = [str(path.resolve()) for path in files]
    try:
        dirty = git("status", "--porcelain", "--untracked-files=all", "-z", "--", *names)
        top = Path(git("rev-parse", "--show-toplevel").strip())
        stamp = git("log", "-1", "--format=%cI", "--", *names).strip()
    except (OSError, subprocess.SubprocessError):
        return None, list(files)
    unclean = {(top / entry[3:]).resolve() for entry in dirty.split("\0") if len(entry) > 3}
    changed = [path for path in files if path.resolve() in unclean]
    if not stamp:  # nothing committed yet
        return None, list(files)
    return dt.datetime.fromisoformat(stamp).date(), changed
