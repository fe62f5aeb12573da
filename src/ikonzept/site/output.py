"""Write the site as a whole or not at all.

The pages go into a new folder next to the target; only when every file is written does
it take the target's place. A failed run leaves the previous site as it was. A folder that
holds anything but an earlier site of ours is never replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import UsageError

MARKER = ".ikonzept-site"


def check_target(target: Path, concept: Path) -> None:
    """Refuse a target that is not ours to replace: before any work is done."""
    real = target.resolve()
    root = concept.resolve()
    if real == root or root.is_relative_to(real) or real.is_relative_to(root):
        raise UsageError(
            f"Der Zielordner „{target}“ ist der Konzeptordner oder liegt in ihm oder um ihn "
            "herum. Die Internetseiten gehören in einen eigenen Ordner, z. B. out/site."
        )
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(f"„{target}“ ist kein Ordner. Geben Sie mit -o einen Ordner an.")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise UsageError(
            f"Der Ordner „{target}“ enthält Dateien, die nicht von ikonzept site stammen; er "
            "wird nicht überschrieben. Geben Sie mit -o einen neuen oder leeren Ordner an."
        )


class SiteFolder:
    """A site being written; ``commit`` puts it in place."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.neu-", dir=target.parent))
        self._mode = 0o777 & ~fsutil.umask()

    def write(self, path: str, data: str | bytes) -> int:
        """Write one file (path relative to the site root); returns its size in bytes."""
        content = data.encode("utf-8") if isinstance(data, str) else data
        file = self._place(path)
        file.write_bytes(content)
        return len(content)

    def copy(self, path: str, source: Path) -> int:
        file = self._place(path)
        shutil.copyfile(source, file)
        return file.stat().st_size

    def _place(self, path: str) -> Path:
        file = self.folder / path
        file.parent.mkdir(parents=True, exist_ok=True)
        return file

    def commit(self) -> None:
        (self.folder / MARKER).write_text("Geschrieben von ikonzept site.\n", encoding="utf-8")
        os.chmod(self.folder, self._mode)  # mkdtemp makes it private
        old: Path | None = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.alt-", dir=self.target.parent))
            os.replace(self.target, old / "site")
        try:
            os.replace(self.folder, self.target)
        except OSError:
            if old is not None:
                os.replace(old / "site", self.target)
            raise
        finally:
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
