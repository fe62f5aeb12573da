"""`ikonzept plan`: the towns' local action plans - a new one, an entry, the overview."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated

import typer

from ikonzept.base.errors import UsageError
from ikonzept.cli.app import (
    ConceptDir,
    ConceptOption,
    QuietOption,
    TodayOption,
    app,
    day,
    guarded,
    iso_date,
    say,
)
from ikonzept.cli.rounds import FormatOption, StatusFormat, concept, emit

if TYPE_CHECKING:
    from ikonzept.plans.matrix import Adoption

plan_app = typer.Typer(
    help="Handlungspläne der Kommunen: welche empfohlenen Maßnahmen eine Stadt oder Gemeinde "
    "aufgreift, wer federführend ist, mit wem und bis wann (plaene/<kommune>.yaml).",
    no_args_is_help=True,
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
)
app.add_typer(plan_app, name="plan")

Kommune = Annotated[str, typer.Argument(metavar="KOMMUNE", help="ID der Kommune.")]
Massnahme = Annotated[str, typer.Argument(metavar="MASSNAHME", help="ID der Maßnahme.")]
Schritt = Annotated[str, typer.Argument(metavar="SCHRITT", help="Titel des Schritts.")]


@plan_app.command("new", options_metavar="[OPTIONEN]")
@guarded
def plan_new(
    kommune: Kommune,
    ordner: ConceptOption = None,
    today: TodayOption = None,
    quiet: QuietOption = False,
) -> None:
    """Einen Handlungsplan anlegen: Kopf, leere Liste und als Kommentar die Maßnahmen, die
    das Konzept für die Kommune empfiehlt. Überschreibt nie."""
    from ikonzept.plans.menu import new_plan

    root, konzept = concept(ordner)
    path = new_plan(root, konzept, kommune, day(today) or dt.date.today())
    say(quiet)(f"Angelegt: {path.relative_to(root)}")


@plan_app.command("add", options_metavar="[OPTIONEN]")
@guarded
def plan_add(
    kommune: Kommune,
    massnahme: Massnahme,
    verantwortlich: Annotated[
        str,
        typer.Option("--verantwortlich", metavar="AKTEUR", help="ID des federführenden Akteurs."),
    ],
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", metavar="AKTEUR", help="ID eines Partners (mehrfach möglich)."),
    ] = None,
    prioritaet: Annotated[
        str | None,
        typer.Option("--prioritaet", metavar="PRIORITÄT", help="hoch, mittel oder niedrig."),
    ] = None,
    beginn: Annotated[
        str | None, typer.Option("--beginn", metavar="JJJJ-MM", help="Beginn (Monat).")
    ] = None,
    ende: Annotated[
        str | None, typer.Option("--ende", metavar="JJJJ-MM", help="Ende (Monat).")
    ] = None,
    dauerhaft: Annotated[
        bool, typer.Option("--dauerhaft", help="Daueraufgabe (statt --ende).")
    ] = False,
    ordner: ConceptOption = None,
    quiet: QuietOption = False,
) -> None:
    """Eine Maßnahme in den Handlungsplan einer Kommune aufnehmen; nur neue Zeilen, vorher
    geprüft."""
    from ikonzept.model.plans import Prioritaet
    from ikonzept.plans.entries import NewEntry, add_entry

    for name, value in (("--beginn", beginn), ("--ende", ende)):
        if value is not None and not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", value):
            raise UsageError(f"{name} „{value}“: bitte als JJJJ-MM angeben, z. B. 2017-09.")
    choices = {p.value: p for p in Prioritaet}
    if prioritaet is not None and prioritaet not in choices:
        raise UsageError(f"--prioritaet „{prioritaet}“: möglich sind hoch, mittel, niedrig.")
    root, konzept = concept(ordner)
    entry = NewEntry(
        massnahme, verantwortlich, tuple(partner or ()),
        choices[prioritaet] if prioritaet else None, beginn, ende, dauerhaft,
    )  # fmt: skip
    path = add_entry(root, konzept, kommune, entry)
    say(quiet)(f"{massnahme}: in {path.relative_to(root)} aufgenommen.")


@plan_app.command("schritt", options_metavar="[OPTIONEN]")
@guarded
def plan_schritt(
    kommune: Kommune,
    massnahme: Massnahme,
    titel: Schritt,
    bis: Annotated[
        str, typer.Option("--bis", metavar="JJJJ-MM-TT", help="Bis wann der Schritt erledigt ist.")
    ],
    erledigt: Annotated[
        str | None,
        typer.Option("--erledigt", metavar="JJJJ-MM-TT", help="Schon erledigt, an diesem Tag."),
    ] = None,
    ordner: ConceptOption = None,
    quiet: QuietOption = False,
) -> None:
    """Einen vereinbarten Schritt zu einer Maßnahme im Handlungsplan einer Kommune
    eintragen; nur neue Zeilen."""
    from ikonzept.plans.steps import add_step

    deadline = iso_date("--bis", bis)
    done = iso_date("--erledigt", erledigt) if erledigt is not None else None
    root, konzept = concept(ordner)
    path = add_step(root, konzept, kommune, massnahme, titel, deadline, done)
    say(quiet)(f"Schritt bei {massnahme} in {path.relative_to(root)} eingetragen.")


@plan_app.command("erledigt", options_metavar="[OPTIONEN]")
@guarded
def plan_erledigt(
    kommune: Kommune,
    massnahme: Massnahme,
    titel: Schritt,
    am: Annotated[
        str | None,
        typer.Option("--am", metavar="JJJJ-MM-TT", help="Tag der Erledigung (Vorgabe: heute)."),
    ] = None,
    ordner: ConceptOption = None,
    today: TodayOption = None,
    quiet: QuietOption = False,
) -> None:
    """Einen Schritt im Handlungsplan einer Kommune als erledigt eintragen."""
    from ikonzept.plans.steps import complete_step

    done = iso_date("--am", am) if am is not None else day(today) or dt.date.today()
    root, konzept = concept(ordner)
    path = complete_step(root, konzept, kommune, massnahme, titel, done)
    if path is None:
        say(quiet)(f"Der Schritt war schon am {done:%d.%m.%Y} erledigt; nichts geändert.")
    else:
        say(quiet)(f"Erledigt am {done:%d.%m.%Y}: in {path.relative_to(root)} eingetragen.")


@plan_app.command("status", options_metavar="[OPTIONEN]")
@guarded
def plan_status(
    ordner: ConceptDir = None,
    output_format: FormatOption = StatusFormat.text,
    today: TodayOption = None,
) -> None:
    """Welche Kommune welche Maßnahme aufgegriffen hat und wie sie steht; je Kommune das
    Alter des Plans und überfällige Schritte. JSON für Programme, CSV für Tabellen."""
    from ikonzept.plans.matrix import adoption, as_json, csv_rows

    _root, konzept = concept(ordner)
    view = adoption(konzept, day(today) or dt.date.today())
    emit(output_format, lambda: as_json(view), lambda: csv_rows(view), lambda: _print(view))


_CELL = {
    "offen": "offen",
    "in_umsetzung": "in Ums.",
    "umgesetzt": "umges.",
    "dauerhaft": "dauerh.",
    "zurueckgestellt": "zurückg.",
    "entfallen": "entf.",
}


def _print(view: Adoption) -> None:
    """The matrix as plain text (Rich's tables took a second for a county's thousand rows),
    then per town the plan's age and overdue steps. Users' words are never read as markup."""
    import shutil

    width = shutil.get_terminal_size((80, 24)).columns
    typer.echo(typer.style(view.titel, bold=True) + ": Handlungspläne der Kommunen")
    with_plan = [t for t in view.kommunen if t.stand is not None]
    lines: list[str] = []
    if not view.massnahmen:
        lines.append("Noch keine Kommune hat eine Maßnahme in ihren Handlungsplan aufgenommen.")
    else:
        lines += ["", *matrix_lines(view, width), ""]
    for town in with_plan:
        due = len(town.ueberfaellig)
        lines.append(
            f"{town.name}: Plan vom {town.stand:%d.%m.%Y} ({town.alter_monate} Monate), "
            f"{town.eintraege} Maßnahme{'n' if town.eintraege != 1 else ''}"
            + (f", {due} Schritt{'e' if due != 1 else ''} überfällig:" if due else ".")
        )
        lines += [
            f"  – {item.schritt} ({item.massnahme}, bis {item.bis:%d.%m.%Y})"
            for item in town.ueberfaellig
        ]
    without = [t.name for t in view.kommunen if t.stand is None]
    if without:
        lines.append(f"Ohne Handlungsplan: {', '.join(without)}.")
    if not with_plan:
        lines.append("`ikonzept plan new KOMMUNE` legt einen an.")
    typer.echo("\n".join(lines))


_TOWN_WIDTH = max(len(cell) for cell in _CELL.values())


def matrix_lines(view: Adoption, width: int) -> list[str]:
    """Measures × towns with a plan: number, title (wrapped to what the terminal leaves),
    one short status per town, „·“ where a town has not taken the measure up."""
    import textwrap

    columns = [i for i, t in enumerate(view.kommunen) if t.stand is not None]
    number_width = max(3, *(len(row.nummer) for row in view.massnahmen))
    title_width = max(16, width - number_width - 2 - len(columns) * (_TOWN_WIDTH + 1) - 1)
    heads = [textwrap.wrap(view.kommunen[i].name, _TOWN_WIDTH) for i in columns]
    head_lines = max(len(head) for head in heads)

    def line(number: str, title: str, cells: list[str]) -> str:
        row = f"{number:<{number_width}}  {title:<{title_width}}"
        return (row + "".join(f" {cell:^{_TOWN_WIDTH}}" for cell in cells)).rstrip()

    lines = [
        line("Nr." if n == head_lines - 1 else "", "Maßnahme" if n == head_lines - 1 else "",
             [head[n - head_lines + len(head)] if n >= head_lines - len(head) else ""
              for head in heads])
        for n in range(head_lines)
    ]  # fmt: skip
    lines.append("─" * (number_width + 2 + title_width + len(columns) * (_TOWN_WIDTH + 1)))
    for row in view.massnahmen:
        wrapped = textwrap.wrap(row.titel, title_width, break_on_hyphens=False) or [""]
        cells = [_CELL[s.value] if (s := row.staende[i]) else "·" for i in columns]
        lines.append(line(row.nummer, wrapped[0], cells))
        lines += [line("", part, []) for part in wrapped[1:]]
    return lines
