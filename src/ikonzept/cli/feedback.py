"""Commands for the feedback forms: export, import, and who has not answered yet."""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ikonzept.base.errors import UsageError
from ikonzept.cli.app import ConceptDir, QuietOption, TodayOption, app, day, guarded, say
from ikonzept.cli.rounds import FormatOption, StatusFormat, concept

if TYPE_CHECKING:
    from ikonzept.edit.plans import PlanChange
    from ikonzept.model import Konzept

feedback_app = typer.Typer(
    help="Rückmeldebögen an die Akteure: ausgeben, einlesen, Rücklauf verfolgen.",
    no_args_is_help=True,
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
)
app.add_typer(feedback_app, name="feedback")


class Recipients(enum.StrEnum):
    akteur = "akteur"
    kommune = "kommune"


class FormFormat(enum.StrEnum):
    xlsx = "xlsx"
    ods = "ods"


@feedback_app.command("export", options_metavar="[OPTIONEN]")
@guarded
def feedback_export(
    ordner: ConceptDir = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="ORDNER", help="Zielordner für die Bögen."),
    ] = Path("out/rueckmeldebogen"),
    nach: Annotated[
        Recipients,
        typer.Option("--nach", help="Ein Bogen je Akteur (Vorgabe) oder je Kommune."),
    ] = Recipients.akteur,
    bis: Annotated[
        dt.datetime | None,
        typer.Option(
            "--bis",
            metavar="JJJJ-MM-TT",
            formats=["%Y-%m-%d"],
            help="Rücksendefrist, steht im Bogen.",
        ),
    ] = None,
    form_format: Annotated[
        FormFormat,
        typer.Option(
            "--format",
            "-f",
            help="xlsx (Excel) oder ods (LibreOffice, OpenDocument). Eingelesen "
            "werden beide, gleich mit welchem Programm ausgefüllt.",
        ),
    ] = FormFormat.xlsx,
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Rückmeldebögen ausgeben: je Akteur eine Arbeitsmappe mit den Maßnahmen, die ihn
    nennen (Stand neu, Begründung, Anmerkung; Blatt für neue Vorschläge). Die Runde wird in
    rueckmeldungen/runde.yaml vermerkt."""
    from ikonzept.round.feedback.export import export

    root, konzept = concept(ordner)
    result = export(
        root,
        konzept,
        output,
        nach=nach.value,
        bis=bis.date() if bis else None,
        heute=day(today),
        fmt=form_format.value,
    )
    out = say(quiet)
    plans = f" und {result.plan_rows} Zeilen aus Handlungsplänen" if result.plan_rows else ""
    out(
        f"{len(result.files)} Rückmeldebögen mit {result.measures} Maßnahmen{plans} in {output} "
        "geschrieben."
    )
    out(
        f"Die Runde ist in {result.round_file.relative_to(root)} vermerkt; "
        "`ikonzept feedback status` zeigt, wer noch antworten muss."
    )


def _folder_and_files(paths: list[Path]) -> tuple[Path | None, list[Path]]:
    """`[ORDNER] DATEI…`: a first path that is a concept folder is the folder."""
    if paths and paths[0].is_dir() and (paths[0] / "konzept.yaml").is_file():
        return paths[0], paths[1:]
    return None, paths


@feedback_app.command("import", options_metavar="[OPTIONEN]")
@guarded
def feedback_import(
    pfade: Annotated[
        list[Path],
        typer.Argument(
            metavar="[ORDNER] DATEI...", help="Konzeptordner und Bögen.", show_default=False
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur zeigen, was sich ändern würde.")
    ] = False,
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Ausgefüllte Rückmeldebögen einlesen: Stände und Begründungen ins Konzept, Anmerkungen
    und Vorschläge in einen Bericht (rueckmeldungen/bericht-DATUM.md). Hat ein Bogen einen
    Fehler, ändert sich nichts; widersprechen sich zwei Bögen, bleibt die Maßnahme, wie sie
    ist."""
    from ikonzept.round.feedback.apply import import_forms

    ordner, files = _folder_and_files(pfade)
    if not files:
        raise UsageError("Welche Bögen? Geben Sie die ausgefüllten .xlsx- oder .ods-Dateien an.")
    root, konzept = concept(ordner)
    result = import_forms(root, konzept, files, dry_run=dry_run, today=day(today))
    out = say(quiet)
    intake = result.intake
    count = len(intake.changes)
    changed = f"{count} {'Stand' if count == 1 else 'Stände'}"
    would = "würde sich ändern" if count == 1 else "würden sich ändern"
    verb = would if dry_run else "geändert"
    forms = len(intake.forms)
    out(f"{forms} {'Bogen' if forms == 1 else 'Bögen'} gelesen; {changed} {verb}.")
    titles = {m.id: m for _f, _z, m in konzept.massnahmen()}
    for change in intake.changes:
        old = titles[change.massnahme].stand.label
        reason = f" ({change.begruendung})" if change.begruendung else ""
        out(f"  {change.massnahme}: {old} → {change.stand.label}{reason}")
    _print_plan_changes(konzept, intake.plan_changes, out, dry_run)
    for conflict in intake.conflicts:  # also under --quiet (on stderr): not applied
        said = "; ".join(f"{file}: {stand.label}" for file, stand in conflict.reports)
        typer.echo(f"  Widerspruch, nicht übernommen: {conflict.massnahme} ({said})", err=quiet)
    remarks = sum(1 for a in intake.answers if a.anmerkung) + len(intake.proposals)
    if result.report is not None:
        out(f"{remarks} Anmerkungen und Vorschläge im Bericht {result.report.relative_to(root)}.")
    elif remarks:
        out(f"{remarks} Anmerkungen und Vorschläge kämen in den Bericht.")
    if result.waiting:
        out(f"Noch ausstehend: {len(result.waiting)} (`ikonzept feedback status`).")


def _print_plan_changes(
    konzept: Konzept, changes: list[PlanChange], out: Callable[[str], None], dry_run: bool
) -> None:
    """The towns' plans: a status and the steps done, per measure."""
    if not changes:
        return
    entries = {(p.kommune, e.massnahme): e for p in konzept.plaene for e in p.massnahmen}
    towns = {k.id: k.name for k in konzept.kommunen}
    out("In den Handlungsplänen" + (" würde sich ändern:" if dry_run else " geändert:"))
    for change in changes:
        where = f"{change.massnahme} in {towns.get(change.kommune, change.kommune)}"
        if change.stand is not None:
            old = entries[(change.kommune, change.massnahme)].stand.label
            reason = f" ({change.begruendung})" if change.begruendung else ""
            out(f"  {where}: {old} → {change.stand.label}{reason}")
        for titel, done in change.erledigt:
            out(f"  {where}: Schritt „{titel}“ erledigt am {done:%d.%m.%Y}")


@feedback_app.command("status", options_metavar="[OPTIONEN]")
@guarded
def feedback_status(
    ordner: ConceptDir = None,
    output_format: FormatOption = StatusFormat.text,
) -> None:
    """Wer hat noch nicht geantwortet? Mit öffentlicher E-Mail-Adresse, für die Erinnerung."""
    from ikonzept.round import memory

    root, konzept = concept(ordner)
    round_ = memory.load(root)
    if not round_.requests:
        print("Es läuft keine Rückmelderunde (`ikonzept feedback export` beginnt eine).")
        return
    rows = [
        [r.empfaenger, r.name, r.email, f"{r.angefragt:%d.%m.%Y}", str(r.massnahmen)]
        for r in memory.reminders(round_, konzept)
    ]
    answered = len(round_.requests) - len(rows)
    if output_format is StatusFormat.json:
        keys = ("id", "name", "email", "angefragt", "massnahmen")
        print(
            json.dumps(
                [dict(zip(keys, row, strict=True)) for row in rows], ensure_ascii=False, indent=2
            )
        )
        return
    if output_format is StatusFormat.csv:
        from ikonzept.base.cells import german_csv

        header = ["ID", "Name", "E-Mail", "angefragt am", "Maßnahmen"]
        sys.stdout.write(german_csv([header, *rows]))
        return
    frist = f", Frist {round_.stichtag:%d.%m.%Y}" if round_.stichtag else ""
    print(
        f"Rückmelderunde zur Ausgabe {round_.ausgabe}{frist}: {answered} von "
        f"{len(round_.requests)} Bögen zurück."
    )
    for _ident, name, email, asked, count in rows:
        contact = email or "keine öffentliche E-Mail-Adresse"
        print(f"  {name} – {contact} (angefragt am {asked}, {count} Maßnahmen)")
