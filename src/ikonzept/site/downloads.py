"""The PDFs that ``ikonzept build`` wrote for this edition, offered on the site.

They are found by the names ``build`` gives them and copied into the site, so that the
site folder can be published on its own. The proposal is offered only when it is public.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ikonzept.build import MANIFEST, output_name
from ikonzept.model import Konzept

FOLDER = "downloads"


@dataclass(frozen=True, slots=True)
class Download:
    titel: str
    source: Path
    name: str  # file name inside downloads/
    bytes: int
    seiten: int | None

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}"


def find(konzept: Konzept, folder: Path | None) -> tuple[Download, ...]:
    """The PDFs of this edition in ``folder`` (the build's output), in reading order."""
    if folder is None or not folder.is_dir():
        return ()
    base = output_name(konzept.id, konzept.ausgabe.nummer)
    wanted = [(f"{base}.pdf", "Integrationskonzept, vollständige Fassung")]
    vorlage = konzept.vorlage
    if vorlage is not None and vorlage.oeffentlich:
        wanted.append((f"{base}-vorlage.pdf", f"Sitzungsvorlage {vorlage.nummer}"))
    if konzept.ausgabe.vorgaenger:
        wanted.append((f"{base}-synopse.pdf", "Synopse: Änderungen gegenüber der vorigen Ausgabe"))
    wanted += [
        (f"{output_name(konzept.id, konzept.ausgabe.nummer, k.id)}.pdf", f"Auszug für {k.name}")
        for k in konzept.kommunen
    ]
    pages = _pages(folder)
    found = []
    for name, titel in wanted:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            found.append(Download(titel, path, name, path.stat().st_size, pages.get(name)))
    return tuple(found)


def _pages(folder: Path) -> dict[str, int]:
    """Page counts as the last build recorded them."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        pages = data.get("seiten", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in pages.items() if isinstance(k, str) and isinstance(v, int)}
