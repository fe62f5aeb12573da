"""Render the site's pages with the Jinja2 templates in ``templates/site/``.

A county overrides single templates (or ``site/site.css``) through its concept's own
``templates/`` folder or ``--templates``, as for the PDFs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ikonzept import __version__
from ikonzept.model.indicators import SYMBOLS
from ikonzept.render.content.html import environment
from ikonzept.render.content.labels import ACTOR_KIND, ACTOR_KINDS
from ikonzept.render.content.linechart import line_chart, sentence
from ikonzept.site import jsonld
from ikonzept.site.markdown import WebMarkdown
from ikonzept.site.pages import MAIN_NAV, Page
from ikonzept.site.view import (
    NOT_FOUND,
    SiteView,
    akteur_page,
    feld_page,
    indikator_data,
    indikator_page,
    kapitel_page,
    kommune_page,
)


def _size(value: int) -> str:
    """1,2 MB"""
    if value < 1_000_000:
        return f"{max(1, round(value / 1000))} kB"
    return f"{value / 1_000_000:.1f} MB".replace(".", ",")


class SiteRenderer:
    def __init__(
        self, view: SiteView, dirs: Sequence[Path], root: Path, pages: Sequence[Page]
    ) -> None:
        self.view = view
        konzept = view.konzept
        self.markdown = WebMarkdown({a.kuerzel: a.bedeutung for a in konzept.abkuerzungen}, root)
        # The documents' environment, with the site's links and Markdown (relative to a page).
        self.env = environment(dirs, self.markdown)
        self.env.keep_trailing_newline = True
        markdown = self.markdown
        self.present = {page.path for page in pages}
        self.nav = [item for item in MAIN_NAV if item.ziel in self.present]

        @jinja2.pass_context
        def md(context: Any, text: str | None, level: int = 1) -> Markup:
            return Markup(markdown.page_block(text, level, context["base"]))

        @jinja2.pass_context
        def mdi(context: Any, text: str | None) -> Markup:
            return Markup(markdown.page_inline(text, context["base"]))

        @jinja2.pass_context
        def url(context: Any, path: str) -> str:
            return f"{context['base']}{path}"

        self.env.filters.update(
            md=md, mdi=mdi, url=url, groesse=_size, zahl=lambda n: f"{n:,}".replace(",", ".")
        )
        self.env.globals.update(
            v=view,
            konzept=konzept,
            webseite=konzept.webseite,
            arten=ACTOR_KINDS,
            art=ACTOR_KIND,
            akteur_seite=akteur_page,
            kommune_seite=kommune_page,
            kapitel_seite=kapitel_page,
            feld_seite=feld_page,
            version=__version__,
            liniendiagramm=lambda row: Markup(line_chart(row)),
            indikator_seite=indikator_page,
            indikator_daten=indikator_data,
            zeichen_bedeutung=SYMBOLS,
            diagramm_satz=sentence,
        )

    def directory_script(self) -> str:
        """Every entry of the directory for the filters of its pages (site.js reads it)."""
        import json

        module: Any = self.env.get_template("site/_eintrag.html.j2").make_module({"base": ""})
        entry = module.eintrag
        eintraege = self.view.eintraege
        data = {
            "html": "".join(str(entry(e)) for e in eintraege),
            "suchtexte": {e.akteur.id: e.suchtext for e in eintraege},
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return f"window.ikonzeptVerzeichnis = {text};\n"

    def render(self, page: Page) -> str:
        view = self.view
        base = page.base
        if page.path == NOT_FOUND and view.basis_url:
            # Served for any missing address, in any folder: links from the server's root.
            base = urlsplit(view.basis_url).path
        context: dict[str, Any] = {
            "seite": page,
            "base": base,
            "nav": self.nav,
            "vorhanden": self.present,
            "kanonisch": f"{view.basis_url}{page.path}"
            if view.basis_url and page.path != NOT_FOUND
            else None,
            "jsonld": None,
            **page.daten,
        }
        if "e" in page.daten:
            context["jsonld"] = Markup(jsonld.script_json(jsonld.actor(page.daten["e"], view,
                                                                  page.path)))  # fmt: skip
        return self.env.get_template(page.template).render(context)
