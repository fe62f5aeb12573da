"""The text of a PDF, page by page, as a reader sees it (pdftotext from poppler-utils)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def page_texts(pdf: Path, *, layout: bool = False) -> list[str]:
    """One string per page; ``layout`` keeps the columns (table of contents with leaders)."""
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) folded into single spaces."""
    return " ".join(text.replace("\xa0", " ").split())
