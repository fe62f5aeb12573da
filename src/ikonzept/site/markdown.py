"""Markdown for web pages: footnotes as a numbered list under their text, images copied.

The print renderer floats footnotes to the page foot and points images at the concept
folder; a web page needs linked note numbers with a way back, and images inside the site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from ikonzept.render.content.markdown import MarkdownRenderer


class WebMarkdown(MarkdownRenderer):
    """One per site; remembers the images the texts use, so that only those are copied."""

    def __init__(self, abbreviations: Mapping[str, str], root: Path) -> None:
        super().__init__(abbreviations, root)
        self._md.add_render_rule("footnote_ref", _note_call)
        self.images: set[str] = set()
        self._base = ""
        self._blocks = 0
        self._inline: dict[tuple[str, str], str] = {}

    def page_block(self, text: str | None, heading_offset: int, base: str) -> str:
        """A text block on a page ``base`` away from the site root ("" or "../")."""
        self._base = base
        return self.block(text, heading_offset)

    def page_inline(self, text: str | None, base: str) -> str:
        # Titles recur (a measure on its field's page and on each actor's): render once.
        key = (text or "", base)
        if key not in self._inline:
            self._base = base
            self._inline[key] = self.inline(text)
        return self._inline[key]

    def block(self, text: str | None, heading_offset: int = 1) -> str:
        # Note ids must be unique on a page that holds several texts: number the blocks.
        self._blocks += 1
        return super().block(text, heading_offset)

    def _new_env(self) -> dict[str, Any]:
        return {"ikonzept_block": self._blocks}

    def _image_src(self, src: str) -> str:
        self.images.add(src)
        return self._base + src

    def _after(self, env: dict[str, Any]) -> str:
        notes: dict[int, str] = env.get("ikonzept_notes", {})
        if not notes:
            return ""
        items = "".join(
            f'<li id="fn{self._blocks}-{ident + 1}">{html} '
            f'<a href="#fnref{self._blocks}-{ident + 1}" class="zurueck" '
            f'aria-label="Zurück zum Text der Fußnote {ident + 1}">↩</a></li>'
            for ident, html in sorted(notes.items())
        )
        return f'<ol class="fussnoten" aria-label="Fußnoten">{items}</ol>'


def _note_call(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    number = int(tokens[idx].meta["id"]) + 1
    block = env.get("ikonzept_block", 0)
    return (
        f'<sup class="fussnote"><a href="#fn{block}-{number}" id="fnref{block}-{number}" '
        f'aria-label="Fußnote {number}">{number}</a></sup>'
    )
