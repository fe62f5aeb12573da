"""An indicator's values as the table beside its chart: years × areas (the county first),
each cell as German statistics print it (number, unit, symbol)."""

from __future__ import annotations

from dataclasses import dataclass

from ikonzept.model import Konzept
from ikonzept.model.indicators import COUNTY
from ikonzept.monitoring.status import IndicatorStatus


@dataclass(frozen=True, slots=True)
class ValuesTable:
    gebiete: tuple[str, ...]  # the areas' names: the county („Kreis“), towns, comparisons
    zeilen: tuple[tuple[int, tuple[str, ...]], ...]  # per year, a cell per area ("" for none)
    zeichen: tuple[str, ...]  # the symbols used, for the legend


def values_table(konzept: Konzept, row: IndicatorStatus) -> ValuesTable:
    werte = row.indikator.werte
    present = {w.gebiet for w in werte}
    compared = [v.id for v in row.indikator.vergleich]
    areas = [a for a in (COUNTY, *(k.id for k in konzept.kommunen), *compared) if a in present]
    cells = {(w.jahr, w.gebiet): w for w in werte}
    years = sorted({w.jahr for w in werte})

    def shown(year: int, area: str) -> str:
        w = cells.get((year, area))
        if w is None:
            return ""
        text = row.shown(w.wert) if w.wert is not None else ""
        return f"{text} {w.kennzeichen}".strip() if w.kennzeichen else text

    names = {COUNTY: "Kreis", **{k.id: k.name for k in konzept.kommunen},
             **{v.id: v.name for v in row.indikator.vergleich}}  # fmt: skip
    return ValuesTable(
        tuple(names.get(a, a) for a in areas),
        tuple((year, tuple(shown(year, a) for a in areas)) for year in years),
        tuple(sorted({w.kennzeichen for w in werte if w.kennzeichen})),
    )
