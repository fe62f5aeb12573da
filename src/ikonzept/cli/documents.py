"""Commands that write documents: build and diff."""

from __future__ import annotations

import enum
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ikonzept.base.errors import UsageError
from ikonzept.cli.app import (
    ConceptDir,
    OparlBaseOption,
    QuietOption,
    TodayOption,
    app,
    concept_folder,
    day,
    guarded,
    iso_date,
    report_failure,
)

if TYPE_CHECKING:
    from ikonzept.build import BuildOptions


class BuildDocument(enum.StrEnum):
    konzept = "konzept"
    vorlage = "vorlage"
    synopse = "synopse"
    plaene = "plaene"


@app.command(options_metavar="[OPTIONEN]")
@guarded
def build(
    ordner: ConceptDir = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="ORDNER", help="Zielordner für die Dokumente.")
    ] = Path("out"),
    kommune: Annotated[
        str | None,
        typer.Option("--kommune", metavar="ID", help="Auszug für eine Kommune (ihre ID)."),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="ORDNER",
            help="Eigene Vorlagen und Stylesheet; ergänzt templates/ im Konzeptordner.",
        ),
    ] = None,
    html: Annotated[
        bool, typer.Option("--html", help="Auch das HTML schreiben, aus dem das PDF entsteht.")
    ] = False,
    pdf_variant: Annotated[
        str | None,
        typer.Option(
            "--pdf-variant",
            metavar="VARIANTE",
            help="PDF-Variante von WeasyPrint. Vorgabe: pdf/a-2a, zusätzlich als PDF/UA-1 "
            "ausgewiesen.",
        ),
    ] = None,
    only: Annotated[
        BuildDocument | None,
        typer.Option(
            "--only",
            help="Nur ein Dokument: konzept, vorlage, synopse oder plaene (die Handlungspläne der "
            "Kommunen).",
        ),
    ] = None,
    oparl_basis: OparlBaseOption = None,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Nach jedem Speichern neu setzen: erst die Befunde, dann die PDFs. Beenden "
            "mit Strg+C.",
        ),
    ] = False,
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Konzept, Sitzungsvorlage und (bei Fortschreibungen) Synopse als barrierefreie,
    archivfähige PDFs setzen; dazu konzept.json und vorlage.oparl.json.

    Prüft zuerst; bei Fehlern wird nichts geschrieben. Nach einer Änderung werden nur die
    betroffenen Teile neu umbrochen. Exit-Codes wie bei validate.
    """
    from ikonzept.build import BuildOptions
    from ikonzept.build import build as run
    from ikonzept.cli.progress import Reporter

    root = concept_folder(ordner)
    if pdf_variant is not None:
        _check_variant(pdf_variant)
    options = BuildOptions(
        root=root,
        out=output,
        kommune=kommune,
        templates=templates,
        html=html,
        variant=pdf_variant,
        today=day(today),
        only=only.value if only else None,
        oparl_base=oparl_basis,
    )
    if watch:
        raise typer.Exit(_watch(options, quiet))
    reporter = Reporter(quiet=quiet)
    with reporter:
        result = run(options, reporter.step, reporter.detail)
    raise typer.Exit(reporter.finish(result, root))


def _watch(options: BuildOptions, quiet: bool) -> int:
    """Build after every save until Ctrl+C; a failed build is reported, the watch goes on."""
    from ikonzept.base.watching import rebuild_on_save
    from ikonzept.build import build as run
    from ikonzept.build import prepare_workers, previous_edition, worker_pool
    from ikonzept.cli.progress import Reporter
    from ikonzept.load import cache

    root = options.root

    def build_once() -> None:
        reporter = Reporter(quiet=quiet)
        try:
            with reporter:
                result = run(
                    options, reporter.step, reporter.detail, pool=pool,
                    validated=lambda validation: reporter.validated(validation, root),
                )  # fmt: skip
            reporter.finish(result, root)
        except Exception as error:  # reported; the last good PDFs stay as they were
            report_failure(error)

    def changed(names: list[str]) -> None:
        print(f"\nGeändert: {', '.join(names)}", flush=True)

    folders = [root, *([options.templates] if options.templates else [])]
    previous = previous_edition(root)
    if (
        previous is not None
        and previous.is_dir()
        and not previous.resolve().is_relative_to(root.resolve())
    ):
        folders.append(previous)
    ignored = [options.out, cache.folder()]
    print(
        f"Beobachte {', '.join(str(f) for f in folders)}: neu gesetzt wird nach jedem "
        "Speichern. Beenden mit Strg+C.",
        flush=True,
    )
    # Ended like Ctrl+C when the system asks (SIGTERM): parts being laid out are cleaned up.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        prepare_workers()  # beside the first build's validation
        with worker_pool() as pool:
            rebuild_on_save(build_once, folders, ignored, changed)
    except KeyboardInterrupt:
        pass
    print("\nBeobachtung beendet.", flush=True)
    return 0


def _check_variant(variant: str) -> None:
    from ikonzept.render.pdf import variants

    if variant not in variants():
        raise UsageError(
            f"Die PDF-Variante „{variant}“ gibt es nicht. Möglich sind: {', '.join(variants())}."
        )


@app.command(options_metavar="[OPTIONEN]")
@guarded
def bericht(
    ordner: ConceptDir = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="ORDNER", help="Zielordner für Bericht und Vorlage."
        ),
    ] = Path("out"),
    stichtag: Annotated[
        str | None,
        typer.Option(
            "--stichtag",
            metavar="JJJJ-MM-TT",
            help="Stand des Berichts (Vorgabe: stichtag in bericht.yaml, sonst heute).",
        ),
    ] = None,
    oparl_basis: OparlBaseOption = None,
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Den Sachstandsbericht für den Ausschuss schreiben: Stand der Maßnahmen, Änderungen,
    Indikatoren je Ziel, Handlungspläne der Kommunen, Monitoring und Hinweise zu den Daten;
    dazu die Mitteilungsvorlage (aus bericht.yaml) und ihr OParl-Export.

    Prüft zuerst; bei Fehlern wird nichts geschrieben. Exit-Codes wie bei validate.
    """
    from ikonzept.build.plan import BuildResult
    from ikonzept.build.report import ReportOptions, write_report
    from ikonzept.cli.progress import Reporter

    root = concept_folder(ordner)
    reporting_date = iso_date("--stichtag", stichtag) if stichtag is not None else None
    options = ReportOptions(root, output, reporting_date, day(today), oparl_basis)
    reporter = Reporter(quiet=quiet)
    with reporter:
        result = write_report(options, reporter.step)
    code = reporter.finish(BuildResult(result.validation, result.outputs, result.pages), root)
    if code == 0 and result.ohne_vorlage and not quiet:
        print(
            "Hinweis: Ohne `vorlage` in bericht.yaml (Nummer, Datum, Beratungsfolge) entsteht "
            "keine Mitteilungsvorlage."
        )
    raise typer.Exit(code)


class DiffFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


@app.command(options_metavar="[OPTIONEN]")
@guarded
def diff(
    alt: Annotated[
        str, typer.Argument(help="Bisherige Ausgabe: Ordner, konzept.json oder REV:pfad.")
    ],
    neu: Annotated[
        str | None,
        typer.Argument(help="Neue Ausgabe (Vorgabe: das aktuelle Konzept).", show_default=False),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text, json, markdown, html oder pdf (Synopse)."),
    ] = DiffFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="DATEI", help="In diese Datei schreiben (bei pdf nötig)."
        ),
    ] = None,
    order: Annotated[
        bool, typer.Option("--order", help="Auch reine Änderungen der Reihenfolge melden.")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Synopse: auch unveränderte Einträge zeigen.")
    ] = False,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit-Code 1, wenn es Unterschiede gibt (wie git diff)."),
    ] = False,
) -> None:
    """Zwei Ausgaben vergleichen: neu, entfallen, geändert, verschoben, Stand, zusammengeführt.

    Exit-Codes: 0 fertig; 1 Unterschiede gefunden (nur mit --exit-code);
    2 falscher Aufruf oder ungültige Eingabe.
    """
    import os

    from ikonzept.diff import comparison, report
    from ikonzept.load.sources import default_concept_dir
    from ikonzept.pipeline.sides import InvalidSideError, load_side

    cwd = Path(".")
    try:
        old = load_side(alt, cwd)
        new = load_side(neu if neu is not None else str(default_concept_dir(cwd)), cwd)
    except InvalidSideError as error:
        from ikonzept.pipeline.reporters import text
        from ikonzept.pipeline.validate import Validation

        text(Validation(error.root, None, error.findings, 0), error.root, sys.stdout)
        raise
    result = comparison(old, new, order)
    if output_format is DiffFormat.pdf:
        if output is None:
            raise UsageError("Für --format pdf bitte mit -o angeben, wohin die Synopse soll.")
        from ikonzept.base.resources import data_dir
        from ikonzept.render import pdf
        from ikonzept.render.content.synopse import synopse_html

        dirs = [data_dir("templates")]
        html = synopse_html(result, old, new, dirs, show_all)
        pages = pdf.document(html, output, root=dirs[0], template_dirs=dirs)
        print(f"Geschrieben: {output} ({pages} Seite{'' if pages == 1 else 'n'})")
    else:
        if output_format is DiffFormat.text:
            color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            style = report.color_style if color else report.plain_style
            rendered = report.terminal(result, style)
        else:
            rendered = {
                DiffFormat.json: report.as_json,
                DiffFormat.markdown: report.markdown,
                DiffFormat.html: report.html,
            }[output_format](result)
        if output is None:
            sys.stdout.write(rendered)
        else:
            from ikonzept.base import fsutil

            fsutil.write_text(output, rendered)
    raise typer.Exit(1 if exit_code and result.aenderungen else 0)
