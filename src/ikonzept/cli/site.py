"""The web site command: write it, or preview it while editing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ikonzept.cli.app import ConceptDir, QuietOption, TodayOption, app, concept_folder, day, guarded

if TYPE_CHECKING:
    from ikonzept.site.build import SiteOptions, SiteResult


@app.command(options_metavar="[OPTIONEN]")
@guarded
def site(
    ordner: ConceptDir = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="ORDNER", help="Zielordner für die Internetseiten."),
    ] = Path("out/site"),
    basis_url: Annotated[
        str | None,
        typer.Option(
            "--basis-url",
            metavar="URL",
            help="Adresse, unter der die Seiten erscheinen (für kanonische Links, Sitemap und "
            "Open-Data-Metadaten). Vorgabe: basis_url in webseite.yaml.",
        ),
    ] = None,
    pdfs: Annotated[
        Path | None,
        typer.Option(
            "--pdfs",
            metavar="ORDNER",
            help="Wo ikonzept build die PDFs geschrieben hat; sie werden zum Herunterladen "
            "angeboten. Vorgabe: der Ordner über dem Zielordner (z. B. out/).",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="ORDNER",
            help="Eigene Vorlagen (site/*.html.j2, site/site.css); ergänzt templates/ im "
            "Konzeptordner.",
        ),
    ] = None,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="Vorschau im Browser unter http://127.0.0.1:PORT; baut bei jedem Speichern "
            "neu und lädt die Seite neu.",
        ),
    ] = False,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port für --serve.")] = 8000,
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Konzept und Verzeichnis der Akteure als barrierefreie Internetseiten mit offenen Daten.

    Prüft zuerst; bei Fehlern wird nichts geschrieben, und die vorigen Seiten bleiben, wie
    sie waren. Die Seiten laden nichts aus dem Internet und funktionieren auf jedem
    Webserver und direkt von der Festplatte. Exit-Codes wie bei validate.
    """
    from ikonzept.site.build import SiteOptions

    root = concept_folder(ordner)
    options = SiteOptions(
        root=root,
        out=output,
        basis_url=basis_url,
        pdfs=pdfs,
        templates=templates,
        today=day(today),
    )
    if serve:
        from ikonzept.site.serve import preview

        raise typer.Exit(preview(options, port))
    raise typer.Exit(write(options, quiet))


def write(options: SiteOptions, quiet: bool) -> int:
    """Build once and report; returns the exit code."""
    from ikonzept.site.build import build_site

    result = build_site(options)
    return report(result, options, quiet)


def report(result: SiteResult, options: SiteOptions, quiet: bool) -> int:
    from ikonzept.pipeline.reporters import text

    validation = result.validation
    if validation.findings and (not quiet or validation.failed()):
        text(validation, options.root, sys.stdout)
    if not result.written:
        print("Es wurde nichts geschrieben: Bitte beheben Sie zuerst die Fehler.", file=sys.stderr)
        return 1
    if quiet:
        return 0
    size = f"{result.bytes / 1_000_000:.1f}".replace(".", ",")
    print(
        f"Geschrieben: {options.out} ({_count(result.pages)} Seiten, "
        f"{_count(result.files - result.pages)} weitere Dateien, {size} MB)"
    )
    print(f"Startseite: {options.out / 'index.html'}")
    for hint in result.hints:
        print(f"Hinweis: {hint}", file=sys.stderr)
    return 0


def _count(number: int) -> str:
    """1.039"""
    return f"{number:,}".replace(",", ".")
