"""Markdown to safe HTML for the documents.

Raw HTML is shown as text, links only lead to the web or to e-mail addresses, images only
come from ``bilder/``, and footnotes become inline ``<span class="footnote">`` elements that
CSS floats to the foot of the page (WeasyPrint's ``float: footnote``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ikonzept.domain.references import image_problem

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


class MarkdownRenderer:
    """Render the concept's Markdown texts; one instance per document."""

    def __init__(self, abbreviations: Mapping[str, str], root: Path) -> None:
        self._md = (
            MarkdownIt("commonmark", {"html": False, "typographer": True, "quotes": "„“‚‘"})
            .enable(["replacements", "smartquotes"])
            .use(footnote_plugin)
        )
        self._md.add_render_rule("footnote_ref", _footnote_ref)
        self._md.add_render_rule(
            "text", lambda _renderer, tokens, idx, _options, _env: self._text(tokens[idx])
        )
        self._root = root
        self._abbreviations = dict(abbreviations)
        self._abbr = (
            re.compile(
                r"(?<![\w-])("
                + "|".join(re.escape(k) for k in sorted(self._abbreviations, key=len, reverse=True))
                + r")(?![\w])"
            )
            if self._abbreviations
            else None
        )

    def block(self, text: str | None, heading_offset: int = 1) -> str:
        """A text of paragraphs, lists and footnotes, its headings below ``heading_offset``."""
        if not text:
            return ""
        env = self._new_env()
        tokens = self._md.parse(text, env)
        body, notes = _split_footnotes(tokens)
        for token in body:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1]) + heading_offset)}"
        env["ikonzept_notes"] = {
            ident: self._inline_html(note_tokens, env) for ident, note_tokens in notes.items()
        }
        self._sanitize(body)
        return str(self._md.renderer.render(body, self._md.options, env)) + self._after(env)

    def _new_env(self) -> dict[str, Any]:
        return {}

    def _after(self, env: dict[str, Any]) -> str:
        """What follows a text block: nothing in print, where notes float to the page foot."""
        return ""

    def inline(self, text: str | None) -> str:
        """A one-line text (a title): no paragraph around it."""
        if not text:
            return ""
        env: dict[str, Any] = {}
        tokens = self._md.parseInline(text, env)
        self._sanitize(tokens)
        return str(self._md.renderer.render(tokens, self._md.options, env))

    def _inline_html(self, tokens: Sequence[Token], env: dict[str, Any]) -> str:
        inline = [t for t in tokens if t.type == "inline"]
        self._sanitize(inline)
        renderer: Any = self._md.renderer
        return " ".join(
            renderer.renderInline(t.children or [], self._md.options, env) for t in inline
        )

    def _sanitize(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            if token.children:
                token.children = self._safe_inline(token.children)

    def _safe_inline(self, children: list[Token]) -> list[Token]:
        result: list[Token] = []
        dropped_link = False
        for child in children:
            if child.type == "footnote_anchor":
                continue
            if child.type == "link_open" and not _safe_href(str(child.attrGet("href") or "")):
                dropped_link = True
                continue
            if child.type == "link_close" and dropped_link:
                dropped_link = False
                continue
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                if not self._image_allowed(src):
                    alt = Token("text", "", 0)
                    alt.content = f"[Bild: {child.content}]" if child.content else "[Bild]"
                    result.append(alt)
                    continue
                child.attrSet("src", self._image_src(src))
            if child.children:
                child.children = self._safe_inline(child.children)
            result.append(child)
        return result

    def _image_src(self, src: str) -> str:
        # Absolute, so that the written HTML renders the same from anywhere.
        return (self._root / src).resolve().as_uri()

    def _image_allowed(self, src: str) -> bool:
        return image_problem(src, self._root) is None

    def _text(self, token: Token) -> str:
        content = escapeHtml(token.content)
        if self._abbr is None:
            return content
        return self._abbr.sub(self._abbr_html, content)

    def _abbr_html(self, match: re.Match[str]) -> str:
        word = match.group(1)
        return f'<abbr title="{escapeHtml(self._abbreviations[word])}">{word}</abbr>'


def _safe_href(href: str) -> bool:
    return href.lower().startswith(_SAFE_SCHEMES)


def _split_footnotes(tokens: Sequence[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    body: list[Token] = []
    notes: dict[int, list[Token]] = {}
    current: list[Token] | None = None
    inside_block = False
    for token in tokens:
        if token.type == "footnote_block_open":
            inside_block = True
        elif token.type == "footnote_block_close":
            inside_block = False
        elif token.type == "footnote_open":
            current = notes.setdefault(int(token.meta["id"]), [])
        elif token.type == "footnote_close":
            current = None
        elif current is not None:
            current.append(token)
        elif not inside_block:
            body.append(token)
    return body, notes


def _footnote_ref(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    note = env.get("ikonzept_notes", {}).get(int(tokens[idx].meta["id"]), "")
    return f'<span class="footnote">{note}</span>'
