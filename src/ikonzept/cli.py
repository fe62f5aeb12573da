"""The command line: parse options, call one core function, print, choose the exit code.

Heavy modules (WeasyPrint, jsonschema, ruamel) are imported inside the commands so that
``ikonzept --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from click import exceptions as click_exceptions
from typer.core import TyperGroup

from ikonzept import __version__, german
from ikonzept.errors import IkonzeptError, UsageError

german.install()

INTERNAL_ERROR = 3
F = TypeVar("F", bound=Callable[..., Any])


class _Group(TyperGroup):
    """The root command: German usage errors, one place for exit codes."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            param.help = german.translate_help(getattr(param, "help", None))
        return params

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click_exceptions.UsageError as error:
            error.show()
            sys.exit(error.exit_code)
        except click_exceptions.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except (click_exceptions.Abort, KeyboardInterrupt):
            _stderr("Abgebrochen.")
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="ikonzept",
    cls=_Group,
    help="Integrationskonzepte als YAML schreiben, prüfen, vergleichen und setzen.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _error(message: str) -> None:
    _stderr(f"Fehler: {message}")


def _debug_requested() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def guarded(command: F) -> F:
    """The one exception boundary: user errors become German messages and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, click_exceptions.ClickException):
            raise
        except IkonzeptError as error:
            _error(error.message)
            raise typer.Exit(error.exit_code) from error
        except KeyboardInterrupt:
            _stderr("Abgebrochen.")
            raise typer.Exit(130) from None
        except Exception as error:
            if _debug_requested():
                traceback.print_exc()
            _stderr(
                f"Interner Fehler in ikonzept {__version__}: {type(error).__name__}: {error}\n"
                "Das ist ein Fehler im Programm, nicht in Ihren Dateien. Bitte melden Sie ihn "
                "mit der Ausgabe von `ikonzept --debug …`."
            )
            raise typer.Exit(INTERNAL_ERROR) from error

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        print(f"ikonzept {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Version zeigen und beenden."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Bei internen Fehlern den Python-Traceback zeigen."),
    ] = False,
) -> None:
    """Integrationskonzepte als YAML schreiben, prüfen, vergleichen und setzen."""


class OutputFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"


ConceptDir = Annotated[
    Path | None,
    typer.Argument(
        help="Konzeptordner. Vorgabe: der aktuelle Ordner, wenn er eine konzept.yaml "
        "enthält, sonst ./concept.",
        show_default=False,
    ),
]


@app.command(options_metavar="[OPTIONEN]")
@guarded
def validate(
    ordner: ConceptDir = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Ausgabeformat: text, json oder github."),
    ] = OutputFormat.text,
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
    today: Annotated[
        dt.datetime | None, typer.Option("--today", hidden=True, formats=["%Y-%m-%d"])
    ] = None,
) -> None:
    """Das Konzept prüfen: Format und Inhalt, alle Befunde auf einmal mit Datei und Zeile.

    Exit-Codes: 0 ohne Fehler, 1 bei Fehlern (mit --strict auch bei Warnungen),
    2 bei falschem Aufruf oder unlesbarem Ordner.
    """
    from ikonzept.reporters import REPORTERS
    from ikonzept.sources import default_concept_dir
    from ikonzept.validate import validate as run

    if explain is not None:
        print(_explain(explain))
        raise typer.Exit(0)
    root = ordner if ordner is not None else default_concept_dir(Path("."))
    result = run(root, today.date() if today else None)
    REPORTERS[output_format.value](result, root, sys.stdout)
    raise typer.Exit(1 if result.failed(strict) else 0)


def _explain(rule_id: str) -> str:
    from ikonzept.rules import RULES

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
        typer.Option("--out", "-o", help="Die Schemas in diesen Ordner schreiben."),
    ] = None,
) -> None:
    """Die JSON-Schemas des Formats zeigen oder ausgeben (für Editoren wie VS Code)."""
    from ikonzept.resources import schema_dir
    from ikonzept.scaffold import SCHEMA_FILES, write_schemas

    if out is None:
        source = schema_dir()
        for name in SCHEMA_FILES:
            print(source / name)
        return
    written = write_schemas(out)
    print(f"{len(written)} Schemas nach {out} geschrieben.")


@app.command(options_metavar="[OPTIONEN]")
@guarded
def init(
    ordner: Annotated[Path, typer.Argument(help="Neuer, leerer Konzeptordner.")],
) -> None:
    """Ein neues Konzept anlegen, das sofort gültig ist; schreibt nur in einen leeren Ordner."""
    from ikonzept.scaffold import create

    files = create(ordner)
    print(f"Neues Konzept in {ordner} angelegt ({len(files)} Dateien).")
    print(f"Als Nächstes: Dateien bearbeiten und mit `ikonzept validate {ordner}` prüfen.")


class BuildDocument(enum.StrEnum):
    konzept = "konzept"
    vorlage = "vorlage"
    synopse = "synopse"


@app.command(options_metavar="[OPTIONEN]")
@guarded
def build(
    ordner: ConceptDir = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Zielordner für die Dokumente.")
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
        typer.Option("--only", help="Nur ein Dokument: konzept, vorlage oder synopse."),
    ] = None,
    oparl_basis: Annotated[
        str | None,
        typer.Option(
            "--oparl-basis",
            metavar="URL",
            help="Basisadresse für die IDs im OParl-Export (Vorgabe: Internetadresse des "
            "Herausgebers + /oparl).",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Nur Fehler ausgeben (für Skripte).")
    ] = False,
    today: Annotated[
        dt.datetime | None, typer.Option("--today", hidden=True, formats=["%Y-%m-%d"])
    ] = None,
) -> None:
    """Konzept, Sitzungsvorlage und (bei Fortschreibungen) Synopse als barrierefreie,
    archivfähige PDFs setzen; dazu konzept.json und vorlage.oparl.json.

    Prüft zuerst; bei Fehlern wird nichts geschrieben. Exit-Codes wie bei validate.
    """
    from ikonzept.build import BuildOptions
    from ikonzept.build import build as run
    from ikonzept.progress import Reporter
    from ikonzept.sources import default_concept_dir

    root = ordner if ordner is not None else default_concept_dir(Path("."))
    if pdf_variant is not None:
        _check_variant(pdf_variant)
    options = BuildOptions(
        root=root,
        out=output,
        kommune=kommune,
        templates=templates,
        html=html,
        variant=pdf_variant,
        today=today.date() if today else None,
        only=only.value if only else None,
        oparl_base=oparl_basis,
    )
    reporter = Reporter(quiet=quiet)
    with reporter:
        result = run(options, reporter.step)
    raise typer.Exit(reporter.finish(result, root))


def _check_variant(variant: str) -> None:
    from ikonzept.render.pdf import variants

    if variant not in variants():
        raise UsageError(
            f"Die PDF-Variante „{variant}“ gibt es nicht. Möglich sind: {', '.join(variants())}."
        )


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
        typer.Option("--output", "-o", help="In diese Datei schreiben (bei pdf nötig)."),
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
    from ikonzept.diff.sides import InvalidSideError, load_side
    from ikonzept.sources import default_concept_dir

    cwd = Path(".")
    try:
        old = load_side(alt, cwd)
        new = load_side(neu if neu is not None else str(default_concept_dir(cwd)), cwd)
    except InvalidSideError as error:
        from ikonzept.reporters import text
        from ikonzept.validate import Validation

        text(Validation(error.root, None, error.findings, 0), error.root, sys.stdout)
        raise
    result = comparison(old, new, order)
    if output_format is DiffFormat.pdf:
        if output is None:
            raise UsageError("Für --format pdf bitte mit -o angeben, wohin die Synopse soll.")
        from ikonzept.diff.synopse import write_synopse

        pages = write_synopse(result, old, new, output, show_all)
        print(f"Geschrieben: {output} ({pages} Seiten)")
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
            from ikonzept import fsutil

            fsutil.write_text(output, rendered)
    raise typer.Exit(1 if exit_code and result.aenderungen else 0)


def main(argv: list[str] | None = None) -> int:
    """Console entry point."""
    try:
        app(args=argv, prog_name="ikonzept")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 0
    return 0
