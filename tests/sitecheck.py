"""Reading a written web site as a crawler would: its links, its resources, its ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) loaded


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        if tag in ("img", "script", "iframe", "source", "video", "audio") and values.get("src"):
            self.page.resources.append((tag, values["src"]))
        if tag == "link" and values.get("rel") != "canonical":
            self.page.resources.append((tag, values.get("href", "")))


def read(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): read(p) for p in sorted(site.rglob("*.html"))}


def broken_links(site: Path) -> list[str]:
    """Internal links whose file or anchor does not exist."""
    parsed = pages(site)
    problems = []
    for name, page in parsed.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("/"):  # elsewhere, or from the server's root (404)
                continue
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            target_name = target.resolve().relative_to(site.resolve()).as_posix()
            if not target.is_file():
                problems.append(f"{name}: {href} (keine Datei)")
            elif (
                parts.fragment
                and target_name in parsed
                and parts.fragment not in parsed[target_name].ids
            ):
                problems.append(f"{name}: {href} (kein Anker)")
    return problems
