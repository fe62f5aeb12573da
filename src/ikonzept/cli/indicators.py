"""`ikonzept indikator`: whether the goals move - the indicators and their ratings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ikonzept.cli.app import ConceptDir, app, guarded
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
        kind = (
            "Wirkung" if item.art.value == "wirkung" else "Kontext, den Maßnahmen nicht zurechenbar"
        )
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
