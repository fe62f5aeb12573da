"""The command that brings an existing concept in: import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ikonzept.cli.app import QuietOption, TodayOption, app, day, guarded, say


@app.command("import", options_metavar="[OPTIONEN]")
@guarded
def import_(
    datei: Annotated[
        Path, typer.Argument(help="Das bisherige Konzept: .docx, .pdf (oder .doc, .odt, .rtf).")
    ],
    to: Annotated[
        Path,
        typer.Option("--to", metavar="ORDNER", help="Neuer (oder leerer) Ordner für das Konzept."),
    ],
    ebenen: Annotated[
        str | None,
        typer.Option(
            "--ebenen",
            metavar="EBENEN",
            help="Ebenen der Überschriften, wenn sie nicht erkannt werden: "
            "handlungsfeld=2,ziel=3,massnahme=4 (1 ist die oberste).",
        ),
    ] = None,
    kommunen: Annotated[
        str | None,
        typer.Option(
            "--kommunen",
            metavar="NAMEN",
            help="Die Städte und Gemeinden des Kreises, mit Komma getrennt.",
        ),
    ] = None,
    herausgeber: Annotated[
        str | None,
        typer.Option("--herausgeber", metavar="NAME", help="Der Kreis, z. B. „Kreis Coesfeld“."),
    ] = None,
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Ein bestehendes Konzept aus Word (.docx; .doc, .odt, .rtf über LibreOffice) oder PDF
    in einen neuen Konzeptordner übernehmen:
    Handlungsfelder, Ziele und Maßnahmen aus den Überschriften (mit Words automatischer
    Nummerierung), Akteure, Glossar, Abkürzungen und Rechtsgrundlagen in ihre Dateien,
    alles Weitere als Kapitel; dazu import-bericht.md mit allem, was eine Person prüfen
    muss. Das Ergebnis ist sofort gültig (validate, build, diff)."""
    from ikonzept.base.findings import Severity
    from ikonzept.importer.run import REPORT, import_document, review, structure
    from ikonzept.pipeline.reporters import counted

    result = import_document(datei, to, ebenen=ebenen, kommunen=kommunen,
                             herausgeber=herausgeber, today=day(today))  # fmt: skip
    count = {art: sum(1 for f in result.draft.gefunden if f.art == art)
             for art in ("Handlungsfeld", "Ziel", "Maßnahme", "Kapitel")}  # fmt: skip
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    out = say(quiet)
    out(f"Übernommen nach {to}: {structure(count)}.")
    hints, findings = len(review(result)), len(result.findings)
    out(f"Bitte prüfen: {to / REPORT} ({counted(hints, 'Hinweis', 'Hinweise')}, "
        f"{counted(findings, 'Befund', 'Befunde')} von validate).")  # fmt: skip
    raise typer.Exit(1 if errors else 0)
