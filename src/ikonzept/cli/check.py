"""Commands that check and set up a concept: validate, schema, init."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from ikonzept.base.errors import UsageError
from ikonzept.cli.app import (
    ConceptDir,
    QuietOption,
    TodayOption,
    app,
    concept_folder,
    day,
    guarded,
    say,
)


class OutputFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


@app.command(options_metavar="[OPTIONEN]")
@guarded
def validate(
    ordner: ConceptDir = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="Ausgabeformat: text, json, github (Anmerkungen in GitHub Actions) oder gitlab "
            "(Code-Quality-Bericht).",
        ),
    ] = OutputFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="DATEI", help="Den Bericht in diese Datei schreiben."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Auch Warnungen führen zu Exit-Code 1.")
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="IKnnn",
            help="Eine Regel erklären (z. B. IK208); „all“ listet alle Regeln.",
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Das Konzept prüfen: Format und Inhalt, alle Befunde auf einmal mit Datei und Zeile.

    Exit-Codes: 0 ohne Fehler, 1 bei Fehlern (mit --strict auch bei Warnungen),
    2 bei falschem Aufruf oder unlesbarem Ordner.
    """
    from ikonzept.pipeline.reporters import REPORTERS
    from ikonzept.pipeline.validate import validate as run

    if explain is not None:
        print(_explain(explain))
        raise typer.Exit(0)
    root = concept_folder(ordner)
    result = run(root, day(today))
    if output is None:
        REPORTERS[output_format.value](result, root, sys.stdout)
    else:
        import io

        from ikonzept.base import fsutil

        report = io.StringIO()
        REPORTERS[output_format.value](result, root, report)
        fsutil.write_text(output, report.getvalue())
    raise typer.Exit(1 if result.failed(strict) else 0)


def _explain(rule_id: str) -> str:
    from ikonzept.base.rules import RULES

    if rule_id.lower() == "all":
        return "\n".join(
            f"{rule.id}  {rule.severity.label:<8} {rule.title}" for rule in RULES.values()
        )
    rule = RULES.get(rule_id.upper())
    if rule is None:
        raise UsageError(
            f"Eine Regel „{rule_id}“ gibt es nicht. `ikonzept validate --explain all` "
            "listet alle Regeln."
        )
    return f"{rule.id} – {rule.title} ({rule.severity.label})\n\n{rule.explanation}"


@app.command(options_metavar="[OPTIONEN]")
@guarded
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="ORDNER", help="Die Schemas in diesen Ordner schreiben."
        ),
    ] = None,
) -> None:
    """Die JSON-Schemas des Formats zeigen oder ausgeben (für Editoren wie VS Code)."""
    from ikonzept.base.resources import schema_dir
    from ikonzept.project.scaffold import SCHEMA_FILES, write_schemas

    if out is None:
        source = schema_dir()
        for name in SCHEMA_FILES:
            print(source / name)
        return
    written = write_schemas(out)
    print(f"{len(written)} Schemas nach {out} geschrieben.")


class CiPlatform(enum.StrEnum):
    github = "github"
    gitlab = "gitlab"


@app.command(options_metavar="[OPTIONEN]")
@guarded
def init(
    ordner: Annotated[
        Path, typer.Argument(help="Neuer, leerer Konzeptordner (mit --ci auch ein vorhandener).")
    ],
    ci: Annotated[
        CiPlatform | None,
        typer.Option(
            "--ci",
            help="Auch eine Pipeline für github oder gitlab schreiben: prüfen bei jedem Push, "
            "Änderungen als Kommentar im Merge Request, PDFs und Internetseiten bei Tags.",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Ein neues Konzept anlegen, das sofort gültig ist; schreibt nur in einen leeren Ordner.

    Mit --ci und einem Ordner, der schon ein Konzept enthält: nur die Pipeline schreiben.
    """
    from ikonzept.project import ci as pipelines
    from ikonzept.project.scaffold import create

    # Checked before anything is written: an existing pipeline is never replaced.
    plan = pipelines.pipeline(pipelines.Platform(ci.value), ordner) if ci else None
    out = say(quiet)
    if plan is not None and (ordner / "konzept.yaml").is_file():
        out(f"Pipeline für das Konzept in {ordner} geschrieben: {pipelines.write(plan)}")
        return
    files = create(ordner)
    out(f"Neues Konzept in {ordner} angelegt ({len(files)} Dateien).")
    if plan is not None:
        out(f"Pipeline geschrieben: {pipelines.write(plan)}")
    out(f"Als Nächstes: Dateien bearbeiten und mit `ikonzept validate {ordner}` prüfen.")
