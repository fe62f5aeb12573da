"""Commands of an update round: status (view and set), feedback forms, the next edition."""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from ikonzept.base.errors import UsageError
from ikonzept.cli.app import (
    ConceptDir,
    ConceptOption,
    QuietOption,
    app,
    concept_folder,
    guarded,
    say,
)

if TYPE_CHECKING:
    from ikonzept.model import Konzept
    from ikonzept.round.status import Row, StatusReport


class _ViewFirst(TyperGroup):
    """`status [ORDNER]` shows, `status set …` changes: without a subcommand, the view."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["zeigen", *args]
        return super().parse_args(ctx, args)


status_app = typer.Typer(
    cls=_ViewFirst,
    help="Stand der Umsetzung zeigen oder ändern.\n\n"
    "ikonzept status [ORDNER] [--format text|json|csv] zeigt, wie viele Maßnahmen je "
    "Handlungsfeld und je Kommune offen, in Umsetzung, umgesetzt, dauerhaft, zurückgestellt "
    "oder entfallen sind, und während einer Rückmelderunde, zu welchen noch keine Antwort "
    "kam. CSV mit Semikolon und BOM, für Tabellenkalkulationen.\n\n"
    "ikonzept status set MASSNAHME STAND [--begruendung TEXT] ändert den Stand einer "
    "Maßnahme.",
    options_metavar="[OPTIONEN]",
    subcommand_metavar="[ORDNER] | set MASSNAHME STAND",
)
app.add_typer(status_app, name="status")


class StatusFormat(enum.StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    StatusFormat, typer.Option("--format", "-f", help="Ausgabeformat: text, json oder csv.")
]


def concept(ordner: Path | None) -> tuple[Path, Konzept]:
    """The concept, refused with a German message when it has errors."""
    from ikonzept.pipeline.validate import valid_concept

    root = concept_folder(ordner)
    return root, valid_concept(root)


@status_app.command("zeigen", hidden=True, options_metavar="[OPTIONEN]")
@guarded
def show(
    ordner: ConceptDir = None,
    output_format: FormatOption = StatusFormat.text,
) -> None:
    """Stand der Umsetzung: Maßnahmen je Handlungsfeld und je Kommune."""
    from ikonzept.round import memory
    from ikonzept.round.status import as_json, csv_rows, report

    root, konzept = concept(ordner)
    waiting = memory.load(root).not_reported(konzept)
    status = report(konzept, waiting.measures, round_open=waiting.open)
    emit(output_format, lambda: as_json(status), lambda: csv_rows(status),
         lambda: _print_status(status))  # fmt: skip


def emit(
    output_format: StatusFormat,
    data: Callable[[], object],
    rows: Callable[[], list[list[str]]],
    text: Callable[[], None],
) -> None:
    """A view as JSON, as CSV for German spreadsheets, or as text for the terminal."""
    if output_format is StatusFormat.json:
        print(json.dumps(data(), ensure_ascii=False, indent=2))
    elif output_format is StatusFormat.csv:
        from ikonzept.base.cells import german_csv

        sys.stdout.write(german_csv(rows()))
    else:
        text()


# Column heads that fit a terminal; the status words stay the concept's.
_SHORT = {
    "in_umsetzung": "in Um-\nsetzung",
    "dauerhaft": "dauer-\nhaft",
    "zurueckgestellt": "zurück-\ngestellt",
    "umgesetzt": "umge-\nsetzt",
    "entfallen": "ent-\nfallen",
}


def _print_status(status: StatusReport) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ikonzept.round.status import STAENDE

    console = Console(highlight=False)
    console.print(Text.assemble((status.titel, "bold"), ": Stand der Umsetzung"))
    from ikonzept.round.status import Row

    in_plans = Row("summe", "Summe", tuple(map(sum, zip(*(r.counts for r in status.plaene),
                                                         strict=True))), 0)  # fmt: skip
    groups = (
        (status.felder, "Handlungsfeld", status.summe),
        (status.kommunen, "Kommune", status.summe),
        (status.plaene, "Handlungsplan", in_plans),
    )
    for rows, first, total in groups:
        if not rows:
            continue
        table = Table(box=box.SIMPLE_HEAD, padding=0, pad_edge=False)
        heads = [_SHORT.get(stand.value, stand.label) for stand in STAENDE]
        heads += ["nicht\ngemeldet"] if status.round_open else []
        widths = [max(len(line) for line in head.splitlines()) for head in [*heads, "Summe"]]
        # The names wrap so that the numbers always fit the terminal; none is cut off.
        room = console.width - sum(width + 1 for width in widths) - 3
        table.add_column(first, overflow="fold", max_width=max(12, room))
        for head, width in zip([*heads, "Summe"], widths, strict=True):
            table.add_column(head, justify="right", min_width=width, no_wrap=True)
        for index, row in enumerate((*rows, total)):
            cells: list[str | Text] = [Text(row.label), *(str(n) if n else "·" for n in row.counts)]
            if status.round_open:
                cells.append(str(row.not_reported) if row.not_reported else "·")
            cells.append(str(row.total))
            table.add_row(*cells, end_section=index == len(rows) - 1)
        console.print(table)
    if status.aufgegriffen:
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False)
        table.add_column("Maßnahme", overflow="fold", ratio=3)
        table.add_column("in den Handlungsplänen", overflow="fold", ratio=2)
        for row in status.aufgegriffen:
            table.add_row(Text(row.label), _towns_by_status(row))
        console.print(table)
    if status.round_open:
        console.print(
            "„nicht gemeldet“: Maßnahmen, zu denen die angefragten Akteure noch keinen "
            "Rückmeldebogen zurückgegeben haben (`ikonzept feedback status`). Sie behalten "
            "ihren bisherigen Stand."
        )


def _towns_by_status(row: Row) -> str:
    """„3 Kommunen: 2 in Umsetzung, 1 offen“."""
    from ikonzept.round.status import STAENDE

    parts = [f"{row.count(stand)} {stand.label}" for stand in STAENDE if row.count(stand)]
    towns = "1 Kommune" if row.total == 1 else f"{row.total} Kommunen"
    return f"{towns}: {', '.join(parts)}"


@status_app.command("set", options_metavar="[OPTIONEN]")
@guarded
def set_status(
    massnahme: Annotated[str, typer.Argument(metavar="MASSNAHME", help="ID der Maßnahme.")],
    stand: Annotated[
        str,
        typer.Argument(
            metavar="STAND",
            help="offen, in_umsetzung, umgesetzt, dauerhaft, zurueckgestellt oder entfallen.",
        ),
    ],
    begruendung: Annotated[
        str | None,
        typer.Option("--begruendung", metavar="TEXT", help="Begründung (nötig bei „entfallen“)."),
    ] = None,
    kommune: Annotated[
        str | None,
        typer.Option(
            "--kommune",
            metavar="KOMMUNE",
            help="Den Stand im Handlungsplan dieser Kommune ändern (plaene/KOMMUNE.yaml), "
            "nicht den kreisweiten.",
        ),
    ] = None,
    ordner: ConceptOption = None,
    quiet: QuietOption = False,
) -> None:
    """Den Stand einer Maßnahme ändern; nur die Zeile „stand“ (und die Begründung) ändert sich.

    STAND: offen, in_umsetzung, umgesetzt, dauerhaft, zurueckgestellt oder entfallen (auch
    so, wie das Konzept sie schreibt: „in Umsetzung“). „entfallen“ braucht eine Begründung.
    """
    from ikonzept.edit import status as editing
    from ikonzept.round.feedback.values import parse_stand

    new = parse_stand(stand)
    if new is None:
        raise UsageError(
            f"„{stand}“ ist kein Stand. Möglich sind: offen, in_umsetzung, umgesetzt, "
            "dauerhaft, zurueckgestellt, entfallen."
        )
    root, konzept = concept(ordner)
    out = say(quiet)
    if kommune is not None:
        from ikonzept.plans.entries import set_stand

        path = set_stand(root, konzept, kommune, massnahme, new, begruendung)
        if path is None:
            out(f"{massnahme}: Stand in {kommune} ist bereits „{new.label}“; nichts geändert.")
        else:
            out(f"{massnahme}: Stand „{new.label}“ in {path.relative_to(root)} eingetragen.")
        return
    written = editing.apply(root, konzept, [editing.Change(massnahme, new, begruendung)])
    if written:
        out(f"{massnahme}: Stand „{new.label}“ in {written[0].relative_to(root)} eingetragen.")
    else:
        out(f"{massnahme}: Stand ist bereits „{new.label}“; nichts geändert.")


edition_app = typer.Typer(
    help="Ausgaben eines Konzepts: die nächste beginnen.",
    no_args_is_help=True,
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
)
app.add_typer(edition_app, name="edition")


@edition_app.command("new", options_metavar="[OPTIONEN]")
@guarded
def edition_new(
    ordner: ConceptDir = None,
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            metavar="NEUER_ORDNER",
            help="Die neue Ausgabe dorthin schreiben (ein neuer oder leerer Ordner). Ohne "
            "--to: im Ordner selbst, wenn er in einem git-Arbeitsbaum ohne offene Änderungen "
            "liegt.",
        ),
    ] = None,
    stand: Annotated[
        dt.datetime | None,
        typer.Option(
            "--stand",
            metavar="JJJJ-MM-TT",
            formats=["%Y-%m-%d"],
            help="Stand der neuen Ausgabe. Vorgabe: heute.",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Die nächste Ausgabe (Fortschreibung) beginnen: Nummer +1, Stand heute, noch nicht
    beschlossen, die bisherige als Schnappschuss ausgaben/N.json eingefroren und als
    Vorgängerausgabe eingetragen. Überschreibt nie etwas."""
    from ikonzept.round.edition import new_edition

    source = concept_folder(ordner)
    edition = new_edition(source, to, stand.date() if stand else dt.date.today())
    out = say(quiet)
    out(f"Ausgabe {edition.nummer} ({edition.bezeichnung}) in {edition.root} begonnen.")
    out(f"Die vorige Ausgabe ist als {edition.snapshot} eingefroren ({edition.pruefsumme[:19]}…).")
    out(
        "Als Nächstes: Rückmeldebögen an die Akteure (`ikonzept feedback export`), Texte "
        "fortschreiben, in vorlage.yaml Nummer, Datum und Beratungsfolge anpassen, dann "
        "`ikonzept build`."
    )
