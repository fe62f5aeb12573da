"""The command line's frame: the Typer app, German usage errors, the one exception boundary.

Heavy modules (WeasyPrint, jsonschema, ruamel) are imported inside the commands so that
``ikonzept --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from click import exceptions as click_exceptions
from typer.core import TyperGroup

from ikonzept import __version__
from ikonzept.base.errors import IkonzeptError
from ikonzept.cli import german

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


_OS_REASONS = {
    errno.EEXIST: "dort liegt eine Datei, wo ein Ordner hingehört",
    errno.ENOTDIR: "ein Teil des Pfads ist eine Datei, kein Ordner",
    errno.ENOSPC: "kein Speicherplatz mehr frei",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EROFS: "das Dateisystem ist schreibgeschützt",
    errno.ENOENT: "nicht gefunden",
    errno.EISDIR: "das ist ein Ordner, keine Datei",
}


def _file_system_message(error: OSError) -> str:
    reason = _OS_REASONS.get(error.errno or 0, error.strerror or str(error))
    what = f"„{error.filename}“" if error.filename else "Eine Datei"
    return (
        f"{what} lässt sich nicht lesen oder schreiben: {reason}. "
        "Vorhandene Dateien bleiben unverändert."
    )


def _debug_requested() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def report_failure(error: Exception) -> int:
    """Tell the user what went wrong, in German; the exit code it ends with.

    The one place that turns failures into messages: for every command (``guarded``) and
    for each build of ``build --watch``, which reports a failure and goes on watching.
    """
    if isinstance(error, IkonzeptError):
        _error(error.message)
        return error.exit_code
    if isinstance(error, OSError):
        # The file system refused (full disk, no permission, a file where a folder
        # belongs): not a bug, and atomic writes have left the old files as they were.
        _error(_file_system_message(error))
        return 2
    if _debug_requested():
        traceback.print_exception(error)
    _stderr(
        f"Interner Fehler in ikonzept {__version__}: {type(error).__name__}: {error}\n"
        "Das ist ein Fehler im Programm, nicht in Ihren Dateien. Bitte melden Sie ihn "
        "mit der Ausgabe von `ikonzept --debug …`."
    )
    return INTERNAL_ERROR


def guarded(command: F) -> F:
    """The one exception boundary: user errors become German messages and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, click_exceptions.ClickException):
            raise
        except KeyboardInterrupt:
            _stderr("Abgebrochen.")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away (`ikonzept status | head`): nothing to report, and the
            # interpreter's final flush must not fail again on the closed pipe.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except Exception as error:
            raise typer.Exit(report_failure(error)) from error

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


# Options several commands share. --today fixes "today" for reproducible tests and samples.
TodayOption = Annotated[
    dt.datetime | None, typer.Option("--today", hidden=True, formats=["%Y-%m-%d"])
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Nur Fehler ausgeben (für Skripte).")
]


def say(quiet: bool) -> Callable[[str], None]:
    """``print`` for what a command did, or nothing under --quiet."""
    return _silent if quiet else print


def _silent(_text: str) -> None:
    pass


# The concept folder of a command whose arguments name something else (a measure, a file).
ConceptOption = Annotated[
    Path | None,
    typer.Option("--ordner", "-C", metavar="ORDNER", help="Konzeptordner (Vorgabe wie sonst)."),
]
ConceptDir = Annotated[
    Path | None,
    typer.Argument(
        help="Konzeptordner. Vorgabe: der aktuelle Ordner, wenn er eine konzept.yaml "
        "enthält, sonst ./concept.",
        show_default=False,
    ),
]


def concept_folder(ordner: Path | None) -> Path:
    """The folder named on the command line, else the default that ``ConceptDir`` explains."""
    from ikonzept.load.sources import default_concept_dir

    return ordner if ordner is not None else default_concept_dir(Path("."))


def iso_date(option: str, value: str) -> dt.date:
    """The date an option gives as JJJJ-MM-TT, or a German message saying how to write it."""
    import re

    from ikonzept.base.errors import UsageError

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} „{value}“: bitte als JJJJ-MM-TT angeben, z. B. 2019-12-31."
        ) from None


# Where a command's proposal is exported to OParl (build, bericht).
OparlBaseOption = Annotated[
    str | None,
    typer.Option(
        "--oparl-basis",
        metavar="URL",
        help="Basisadresse für die IDs im OParl-Export (Vorgabe: Internetadresse des "
        "Herausgebers + /oparl).",
    ),
]


def day(today: dt.datetime | None) -> dt.date | None:
    """The date of ``--today``, if given."""
    return today.date() if today else None


def main(argv: list[str] | None = None) -> int:
    """Console entry point."""
    try:
        app(args=argv, prog_name="ikonzept")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 0
    return 0
