"""`indikator status`: per indicator its latest value, base, target and rating."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ikonzept.model import Konzept
from ikonzept.model.indicators import COUNTY, Indikator, Messpunkt, Wert, zahl
from ikonzept.monitoring.rating import Rating, rate, target_for


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    indikator: Indikator
    zuletzt: Wert | None  # the county's latest value, else the latest of any area
    ziel: Messpunkt | None
    bewertung: Rating

    def shown(self, value: float | None) -> str:
        """„2,5 %“; „–“ where there is no number."""
        if value is None:
            return "–"
        unit = self.indikator.einheit.strip()
        return f"{zahl(value, self.indikator.nachkommastellen)}{' ' + unit if unit else ''}"

    def at(self, point: Messpunkt | Wert | None) -> str:
        """„38 % (2015)“ for a base, target or value; „–“ where there is none."""
        if point is None:
            return "–"
        return f"{self.shown(point.wert)} ({point.jahr})"


def status(konzept: Konzept) -> list[IndicatorStatus]:
    result = []
    for item in konzept.indikatoren:
        series = item.reihe()
        numbered = [w for w in item.werte if w.wert is not None]
        latest = series[-1] if series else max(numbered, key=lambda w: (w.jahr, w.gebiet),
                                                default=None)  # fmt: skip
        target = target_for(item, latest.jahr if latest else 0)
        result.append(IndicatorStatus(item, latest, target, rate(item)))
    return result


def area_name(konzept: Konzept, gebiet: str) -> str:
    if gebiet == COUNTY:
        return "Kreis"
    return next((k.name for k in konzept.kommunen if k.id == gebiet), gebiet)


def as_json(konzept: Konzept, rows: list[IndicatorStatus]) -> dict[str, Any]:
    def point(p: Messpunkt | None) -> dict[str, Any] | None:
        return {"jahr": p.jahr, "wert": p.wert} if p else None

    return {
        "titel": konzept.titel,
        "indikatoren": [
            {
                "id": r.indikator.id,
                "titel": r.indikator.titel,
                "art": r.indikator.art.value,
                "einheit": r.indikator.einheit,
                "zuletzt": {
                    "jahr": r.zuletzt.jahr,
                    "gebiet": r.zuletzt.gebiet,
                    "wert": r.zuletzt.wert,
                }
                if r.zuletzt
                else None,
                "basis": point(r.indikator.basis),
                "ziel": point(r.ziel),
                "bewertung": r.bewertung.stufe.value,
                "bewertung_grund": r.bewertung.grund,
                "bewertung_von_hand": r.bewertung.von_hand,
            }
            for r in rows
        ],
    }


def csv_rows(konzept: Konzept, rows: list[IndicatorStatus]) -> list[list[str]]:
    head = ["ID", "Indikator", "Art", "Einheit", "Jahr", "Gebiet", "Wert", "Basisjahr",
            "Basiswert", "Zieljahr", "Zielwert", "Bewertung", "Begründung"]  # fmt: skip

    def number(value: float | None, places: int) -> str:
        return zahl(value, places) if value is not None else ""

    body = []
    for r in rows:
        item, last, base, target = r.indikator, r.zuletzt, r.indikator.basis, r.ziel
        places = item.nachkommastellen
        body.append([
            item.id, item.titel, item.art.value, item.einheit,
            str(last.jahr) if last else "", area_name(konzept, last.gebiet) if last else "",
            number(last.wert if last else None, places),
            str(base.jahr) if base else "", number(base.wert if base else None, places),
            str(target.jahr) if target else "", number(target.wert if target else None, places),
            r.bewertung.stufe.label, r.bewertung.grund,
        ])  # fmt: skip
    return [head, *body]


def as_of(konzept: Konzept, year: int) -> Konzept:
    """The concept with only the values up to ``year``: a report as of its reporting date."""
    import dataclasses

    return dataclasses.replace(
        konzept,
        indikatoren=tuple(
            dataclasses.replace(item, werte=tuple(w for w in item.werte if w.jahr <= year))
            for item in konzept.indikatoren
        ),
    )
