"""The controlling view of an edition: how many measures stand where, per field of action
and per municipality, and which were not reported in the current feedback round; where
towns have action plans, how their entries stand, per town and per measure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ikonzept.model import Konzept, Massnahme, Stand
from ikonzept.model.numbering import numbers

STAENDE = tuple(Stand)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the view: a field of action, a municipality, or the sum."""

    key: str  # the field's or municipality's id; "summe" for the total
    label: str  # „1 Sprache und Sprachförderung“, „Dülmen“, „kreisweit“
    counts: tuple[int, ...]  # per status, in the order of STAENDE
    not_reported: int  # of these, measures whose actors have not answered this round

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, stand: Stand) -> int:
        return self.counts[STAENDE.index(stand)]


@dataclass(frozen=True, slots=True)
class StatusReport:
    titel: str  # „Integrationskonzept des Kreises Coesfeld – 1. Fortschreibung“
    felder: tuple[Row, ...]
    kommunen: tuple[Row, ...]  # one per municipality, then „kreisweit“
    summe: Row
    round_open: bool  # a feedback round is under way (forms sent, not all back)
    # per town with an action plan: its entries by the status the plan gives them
    plaene: tuple[Row, ...] = ()
    # per measure some town took up: in how many towns' plans it stands where
    aufgegriffen: tuple[Row, ...] = ()


def _row(key: str, label: str, measures: list[Massnahme], missing: frozenset[str]) -> Row:
    counted = Counter(m.stand for m in measures)
    return Row(
        key,
        label,
        tuple(counted[stand] for stand in STAENDE),
        sum(1 for m in measures if m.id in missing),
    )


def report(
    konzept: Konzept, not_reported: frozenset[str] = frozenset(), *, round_open: bool = False
) -> StatusReport:
    """The view; ``not_reported`` names the measures still waiting for an answer."""
    numbering = numbers(konzept)
    felder = tuple(
        _row(
            feld.id,
            f"{numbering.felder[feld.id]} {feld.titel}",
            [m for ziel in feld.ziele for m in ziel.massnahmen],
            not_reported,
        )
        for feld in sorted(konzept.handlungsfelder, key=lambda f: numbering.felder[f.id])
    )
    measures = [m for _feld, _ziel, m in konzept.massnahmen()]
    kommunen = tuple(
        _row(k.id, k.name, [m for m in measures if k.id in m.kommunen], not_reported)
        for k in konzept.kommunen
    )
    kreisweit = _row("kreisweit", "kreisweit", [m for m in measures if m.kreisweit], not_reported)
    titel = f"{konzept.titel} – {konzept.ausgabe.bezeichnung}"
    summe = _row("summe", "Summe", measures, not_reported)
    names = {k.id: k.name for k in konzept.kommunen}
    plaene = tuple(
        Row(plan.kommune, names.get(plan.kommune, plan.kommune),
            tuple(Counter(e.stand for e in plan.massnahmen)[stand] for stand in STAENDE), 0)
        for plan in konzept.plaene
    )  # fmt: skip
    taken_up = _taken_up(konzept, measures, numbering.massnahmen)
    return StatusReport(titel, felder, (*kommunen, kreisweit), summe, round_open, plaene,
                        taken_up)  # fmt: skip


def _taken_up(
    konzept: Konzept, measures: list[Massnahme], number: dict[str, str]
) -> tuple[Row, ...]:
    """Per measure in the towns' plans (in the concept's order): how many towns have it in
    which status."""
    in_plans: dict[str, Counter[Stand]] = {}
    for plan in konzept.plaene:
        for entry in plan.massnahmen:
            in_plans.setdefault(entry.massnahme, Counter())[entry.stand] += 1
    return tuple(
        Row(m.id, f"{number[m.id]} {m.titel}",
            tuple(in_plans[m.id][stand] for stand in STAENDE), 0)
        for m in measures
        if m.id in in_plans
    )  # fmt: skip


def as_json(status: StatusReport) -> dict[str, object]:
    def row(r: Row) -> dict[str, object]:
        return {
            "id": r.key,
            "bezeichnung": r.label,
            "stand": {stand.value: r.count(stand) for stand in STAENDE},
            "nicht_gemeldet": r.not_reported,
            "summe": r.total,
        }

    return {
        "titel": status.titel,
        "handlungsfelder": [row(r) for r in status.felder],
        "kommunen": [row(r) for r in status.kommunen],
        "summe": row(status.summe),
        "runde_offen": status.round_open,
        "handlungsplaene": [row(r) for r in status.plaene],
        "massnahmen_in_plaenen": [row(r) for r in status.aufgegriffen],
    }


def csv_rows(status: StatusReport) -> list[list[str]]:
    """One table for spreadsheets: what a row is, its name, the counts."""
    header = ["Art", "ID", "Bezeichnung", *(s.label for s in STAENDE), "nicht gemeldet", "Summe"]
    rows = [header]
    for art, group in (
        ("Handlungsfeld", status.felder),
        ("Kommune", status.kommunen),
        ("Summe", (status.summe,)),
        ("Handlungsplan", status.plaene),
        ("Maßnahme in Handlungsplänen", status.aufgegriffen),
    ):
        for r in group:
            rows.append(
                [art, r.key, r.label, *map(str, r.counts), str(r.not_reported), str(r.total)]
            )
    return rows
