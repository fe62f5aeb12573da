"""``ikonzept site``: validate, then write the concept and the actor directory as a static,
self-contained web site with its open data.

Same files in, same bytes out: nothing depends on the clock (the directory's date comes
from its files), and every list has a fixed order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ikonzept.base.errors import UsageError
from ikonzept.site.output import SiteFolder, check_target

if TYPE_CHECKING:
    from ikonzept.model.indicators import Indikator
    from ikonzept.pipeline.validate import Validation
    from ikonzept.site.pages import Page
    from ikonzept.site.render import SiteRenderer
    from ikonzept.site.view import SiteView

ASSETS = ("site.css", "site.js", "ohne-skript.css", "frueh.js")
ASSET_FOLDER = "assets"

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class SiteOptions:
    root: Path
    out: Path
    basis_url: str | None = None
    pdfs: Path | None = None  # where `ikonzept build` wrote the PDFs; default: out's parent
    templates: Path | None = None
    today: dt.date | None = None


@dataclass(slots=True)
class SiteResult:
    validation: Validation
    pages: int = 0
    files: int = 0
    bytes: int = 0
    downloads: int = 0
    hints: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.files > 0


def base_url(value: str | None) -> str | None:
    """The base address with exactly one trailing slash; None stays None."""
    if value is None:
        return None
    value = value.strip()
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise UsageError(
            f"„{value}“ ist keine Internetadresse. Die Basisadresse beginnt mit https://, "
            "z. B. https://www.kreis-coesfeld.de/integrationskonzept/."
        )
    return value.rstrip("/") + "/"


def build_site(options: SiteOptions, progress: Progress | None = None) -> SiteResult:
    """Write the site; returns without writing anything when validation finds errors."""
    from ikonzept.pipeline.validate import validate

    step = progress or (lambda _text: None)
    check_target(options.out, options.root)
    basis = base_url(options.basis_url)
    step("Laden und prüfen")
    validation = validate(options.root, options.today)
    result = SiteResult(validation)
    konzept = validation.konzept
    if validation.failed() or konzept is None:
        return result

    from ikonzept.base.resources import template_dirs
    from ikonzept.domain.references import image_problem
    from ikonzept.site import downloads, freshness, images
    from ikonzept.site.pages import pages
    from ikonzept.site.render import SiteRenderer
    from ikonzept.site.view import site_view

    step("Seiten setzen")
    webseite = konzept.webseite
    basis = basis or base_url(webseite.basis_url if webseite else None)
    actor_files = sorted((options.root / "akteure").glob("*.y*ml"))
    stand = freshness.last_changed(options.root, actor_files) or konzept.ausgabe.stand
    pdfs = options.pdfs if options.pdfs is not None else options.out.resolve().parent
    offered = downloads.find(konzept, pdfs)
    logo = konzept.herausgeber.logo
    # read only where it would be copied from
    shape = (
        images.proportions(options.root / logo)
        if logo and not image_problem(logo, options.root)
        else None
    )
    view = site_view(konzept, stand, offered, basis, shape)
    dirs = template_dirs(options.root, options.templates)
    all_pages = list(pages(view))
    renderer = SiteRenderer(view, dirs, options.root, all_pages)
    folder = SiteFolder(options.out)
    try:
        _write(folder, result, renderer, view, all_pages, dirs, options.root)
        step("Schreiben")
        folder.commit()
    except BaseException:
        folder.discard()
        raise
    result.hints = _hints(view, pdfs)
    return result


def _write(
    folder: SiteFolder, result: SiteResult, renderer: SiteRenderer, view: SiteView,
    all_pages: list[Page], dirs: list[Path], root: Path,
) -> None:  # fmt: skip
    from ikonzept.base.resources import template_file
    from ikonzept.domain.references import image_problem
    from ikonzept.site import dcat, opendata
    from ikonzept.site.pages import DIRECTORY_PAGE, DIRECTORY_SCRIPT

    def put(path: str, data: str | bytes) -> int:
        result.files += 1
        size = folder.write(path, data)
        result.bytes += size
        return size

    data = opendata.files(view)
    sizes = {path: put(path, text) for path, text in data.items()}
    put(f"{opendata.FOLDER}/{dcat.FILE}", dcat.catalog(view))
    renderer.env.globals["datendateien"] = _data_files(sizes, view, root)
    for page in all_pages:
        put(page.path, renderer.render(page))
    if len(view.eintraege) > DIRECTORY_PAGE:
        put(DIRECTORY_SCRIPT, renderer.directory_script())
    for path, content in _files_beside_pages(view, root):
        put(path, content)
    result.pages = len(all_pages)
    for asset in ASSETS:
        source = template_file(dirs, f"site/{asset}")
        put(f"{ASSET_FOLDER}/{asset}", source.read_bytes())
    images = set(renderer.markdown.images)
    if view.logo:
        images.add(view.logo)
    for image in sorted(images):
        if image_problem(image, root) is None:  # validated; checked again before reading
            put(image, (root / image).read_bytes())
    for download in view.downloads:
        result.files += 1
        result.bytes += folder.copy(download.path, download.source)
        result.downloads += 1
    if view.basis_url:
        put("sitemap.xml", _sitemap(view, all_pages))
        put("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {view.basis_url}sitemap.xml\n")


def _files_beside_pages(view: SiteView, root: Path) -> Iterator[tuple[str, str | bytes]]:
    """The towns' step calendars and the indicators' values tables."""
    from ikonzept.site import calendar
    from ikonzept.site.view import indikator_data

    for plan in view.konzept.plaene:
        if plan.oeffentlich and calendar.has_steps(plan):
            yield calendar.calendar_page(plan.kommune), calendar.town_calendar(view, plan)
    for item in view.konzept.indikatoren:
        if item.werte_datei:  # validated: inside the concept folder, read before
            yield indikator_data(item.id), (root / item.werte_datei).read_bytes()


def _data_files(sizes: dict[str, int], view: SiteView, root: Path) -> dict[str, Any]:
    """What the data page tells about each file: from the definitions that wrote them."""
    from ikonzept.site import dcat, opendata
    from ikonzept.site.view import indikator_data

    def path(name: str) -> str:
        return f"{opendata.FOLDER}/{name}"

    return {
        "tabellen": [
            {"anker": t.datei.removesuffix(".csv"), "titel": t.titel,
             "beschreibung": t.beschreibung, "datei": t.datei, "path": path(t.datei),
             "bytes": sizes[path(t.datei)], "spalten": t.columns}
            for t in (*opendata.TABLES, opendata.PLAN_TABLE)
            if path(t.datei) in sizes
        ],
        "json": {"datei": opendata.JSON_FILE, "path": path(opendata.JSON_FILE),
                 "bytes": sizes[path(opendata.JSON_FILE)]},
        "katalog": path(dcat.FILE),
        "indikatoren": [
            {"titel": i.titel, "path": indikator_data(i.id),
             "datei": indikator_data(i.id).rsplit("/", 1)[-1],
             "bytes": (root / i.werte_datei).stat().st_size,
             "bezug": _reference(i, view.konzept.indikatoren)}
            for i in view.konzept.indikatoren if i.werte_datei
        ],
    }  # fmt: skip


def _reference(indikator: Indikator, alle: Sequence[Indikator]) -> str | None:
    """„je 1.000 des Indikators „Ausländer““ for an indicator shown as a rate of another
    (its file holds the counts as collected), else None."""
    if indikator.bezug is None:
        return None
    titel = next((i.titel for i in alle if i.id == indikator.bezug.indikator), None)
    if titel is None:
        return None
    je = f"{indikator.bezug.je:,.0f}".replace(",", ".")
    return f"je {je} des Indikators „{titel}“"


def _sitemap(view: SiteView, all_pages: list[Page]) -> str:
    from ikonzept.site.view import NOT_FOUND

    lastmod = view.verzeichnis_stand.isoformat()
    urls = "".join(
        f"  <url><loc>{escape(f'{view.basis_url}{page.path}')}</loc>"
        f"<lastmod>{lastmod}</lastmod></url>\n"
        for page in all_pages
        if page.path != NOT_FOUND
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def _hints(view: SiteView, pdfs: Path) -> list[str]:
    """What the author should add for a complete site; not errors."""
    from ikonzept.site import dcat

    hints = []
    webseite = view.konzept.webseite
    if not view.basis_url:
        hints.append(
            "Ohne Basisadresse (--basis-url oder basis_url in webseite.yaml) gibt es keine "
            "Sitemap und keine kanonischen Links."
        )
    contact = webseite and (webseite.barrierefreiheit.kontakt or webseite.kontakt)
    if not (contact and contact.email):
        hints.append(
            "Für Meldungen von Barrieren fehlt eine E-Mail-Adresse (kontakt.email in "
            "webseite.yaml); die Erklärung zur Barrierefreiheit nennt nur die Anschrift."
        )
    if dcat.portal(view) is None:
        hints.append(
            "Der Datenkatalog (daten/katalog.rdf) nennt kein Datenportal, das ihn einsammelt; "
            "GovData verlangt es. Tragen Sie es in webseite.yaml ein (datenportal, z. B. "
            "openNRW) oder den Regionalschlüssel des Kreises (regionalschluessel)."
        )
    if dcat.contact_missing(view):
        hints.append(
            "Der Datenkatalog nennt keinen Weg, den Herausgeber zu erreichen: Tragen Sie "
            "kontakt.email oder kontakt.telefon in webseite.yaml ein oder web beim Herausgeber "
            "in konzept.yaml."
        )
    if not view.downloads:
        hints.append(
            f"In „{pdfs}“ liegen keine PDFs dieser Ausgabe. Mit `ikonzept build` davor bietet "
            "die Startseite das Konzept zum Herunterladen an."
        )
    return hints
