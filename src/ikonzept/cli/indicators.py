"""`ikonzept indikator`: whether the goals move - the indicators and their ratings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ikonzept.cli.app import ConceptDir, ConceptOption, app, guarded, iso_date
from ikonzept.cli.rounds import FormatOption, StatusFormat, concept, emit

if TYPE_CHECKING:
    from ikonzept.model import Konzept
    from ikonzept.monitoring.status import IndicatorStatus

indicator_app = typer.Typer(
    help="Indikatoren: ob sich die Ziele bewegen (art: wirkung) und wie die Lage im Kreis "
    "ist (art: kontext); indikatoren/<id>.yaml mit den Werten in indikatoren/<id>.csv.",
    no_args_is_help=True,
    options_metavar="[OPTIONEN]",
    subcommand_metavar="BEFEHL [ARGUMENTE]...",
)
app.add_typer(indicator_app, name="indikator")


@indicator_app.command("status", options_metavar="[OPTIONEN]")
@guarded
def indicator_status(
    ordner: ConceptDir = None,
    output_format: FormatOption = StatusFormat.text,
) -> None:
    """Je Indikator der letzte Wert, Basis, Ziel und die Bewertung des Fortschritts („auf
    Kurs“, „beschleunigen“, „kaum Fortschritt“, „rückläufig“). JSON für Programme, CSV für
    Tabellen."""
    from ikonzept.monitoring.status import as_json, csv_rows, status

    _root, konzept = concept(ordner)
    rows = status(konzept)
    emit(output_format, lambda: as_json(konzept, rows), lambda: csv_rows(konzept, rows),
         lambda: _print(konzept, rows))  # fmt: skip


def _print(konzept: Konzept, rows: list[IndicatorStatus]) -> None:
    from ikonzept.model.indicators import Art
    from ikonzept.monitoring.status import area_name

    typer.echo(typer.style(konzept.titel, bold=True) + ": Indikatoren")
    if not rows:
        typer.echo(
            "Noch keine Indikatoren. Legen Sie indikatoren/<id>.yaml an (Titel, Art, Einheit, "
            "Richtung, Ziele, Basis, Zielwerte) und die Werte in indikatoren/<id>.csv."
        )
        return
    for row in rows:
        item = row.indikator
        kind = "Wirkung" if item.art is Art.WIRKUNG else "Kontext, den Maßnahmen nicht zurechenbar"
        lines = ["", f"{item.titel} ({kind})"]
        last = row.zuletzt
        parts = [
            f"zuletzt {last.jahr}: {row.shown(last.wert)} ({area_name(konzept, last.gebiet)})"
            if last
            else "noch kein Wert"
        ]
        if item.basis:
            parts.append(f"Basis {item.basis.jahr}: {row.shown(item.basis.wert)}")
        if row.ziel:
            parts.append(f"Ziel {row.ziel.jahr}: {row.shown(row.ziel.wert)}")
        lines.append("  " + " · ".join(parts))
        rating = row.bewertung
        how = "von Hand" if rating.von_hand else rating.grund
        lines.append(f"  Bewertung: {rating.stufe.label} ({how})"
                     + (f": {rating.grund}" if rating.von_hand else ""))  # fmt: skip
        typer.echo("\n".join(lines))


@indicator_app.command("import", options_metavar="[OPTIONEN]")
@guarded
def indicator_import(
    ident: Annotated[str, typer.Argument(metavar="ID", help="ID des Indikators.")],
    datei: Annotated[
        Path, typer.Argument(metavar="DATEI", help="Flatfile-CSV (ffcsv) oder ihr ZIP-Archiv.")
    ],
    ordner: ConceptOption = None,
    wert: Annotated[
        str | None,
        typer.Option("--wert", metavar="CODE", help="Welche Wertespalte, wenn es mehrere gibt."),
    ] = None,
    auswahl: Annotated[
        list[str] | None,
        typer.Option(
            "--auswahl",
            metavar="MERKMAL=AUSPRÄGUNG",
            help="Nur Zeilen mit dieser Ausprägung, z. B. NAT=NATA (mehrfach möglich).",
        ),
    ] = None,
    stand: Annotated[
        str | None,
        typer.Option("--stand", metavar="JJJJ-MM-TT", help="Datenstand (Spalte stand, wenn da)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur zeigen, was sich ändern würde.")
    ] = False,
) -> None:
    """Werte aus einer Tabelle von GENESIS-Online oder der Landesdatenbank NRW (ffcsv, im
    bisherigen und im neuen Format) oder aus einem CSV-Export des Wegweisers Kommune
    übernehmen: neue Werte dazu, geänderte als Berichtigung mit altem Wert und Stand.
    Zugeordnet wird über die Regionalschlüssel in konzept.yaml, beim Wegweiser über die
    Namen von Kreis und Kommunen."""

    from ikonzept.base.errors import UsageError
    from ikonzept.monitoring.intake import import_table

    pairs = []
    for item in auswahl or ():
        merkmal, sep, auspraegung = item.partition("=")
        if not sep or not merkmal.strip() or not auspraegung.strip():
            raise UsageError(f"--auswahl „{item}“: bitte als MERKMAL=AUSPRÄGUNG, z. B. NAT=NATA.")
        pairs.append((merkmal.strip(), auspraegung.strip()))
    day = iso_date("--stand", stand) if stand is not None else None
    root, konzept = concept(ordner)
    result = import_table(root, konzept, ident, datei, wert=wert, auswahl=tuple(pairs),
                          stand=day, dry_run=dry_run)  # fmt: skip
    would = "würden übernommen" if dry_run else "übernommen"
    new = "1 neuer Wert" if result.neu == 1 else f"{result.neu} neue Werte"
    count = len(result.revisionen)
    revised = "1 Berichtigung" if count == 1 else f"{count} Berichtigungen"
    typer.echo(f"{ident}: {new}, {revised} {would}; {result.gleich} unverändert.")
    for revision in result.revisionen:
        typer.echo(f"  Berichtigt: {revision.gebiet} {revision.jahr}: {revision.vorher} → "
                   f"{revision.neu}")  # fmt: skip
    if result.andere_gebiete:
        others = result.andere_gebiete
        typer.echo(f"{others} {'Wert' if others == 1 else 'Werte'} anderer Gebiete ausgelassen.")
    if result.datei is not None:
        typer.echo(f"Geschrieben: {result.datei.relative_to(root)}")
