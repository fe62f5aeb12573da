"""How far an indicator has come towards its target: the growth-rate method of the SDG
progress reports (UN Statistics Division, Eurostat), on the county's values.

The growth achieved from the base year to the latest value is set against the growth
needed from the base year to reach the target in its year, both per year: compound rates
where base, latest value and target are all positive, else straight-line rates. The
ratio rates the progress:

- at least 0.95, or the target already reached: „auf Kurs“;
- 0.6 to 0.95: „beschleunigen“;
- 0 to 0.6: „kaum Fortschritt“;
- below 0 (moving away from the target): „rückläufig“.

A context indicator without a target is not rated („Monitoring ohne Ziel“).
``richtung: halten`` is „auf Kurs“ while the latest value stays within 5 % of the base,
else „rückläufig“. „keine Bewertung“: no base, no target, no value after the base year,
or a break of the series between the two (the values are not comparable). A rating given
by hand (``bewertung`` with its reason) replaces the computed one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikonzept.model.indicators import Art, Indikator, Messpunkt, Richtung, Stufe

ON_TRACK = 0.95
ACCELERATE = 0.6
HOLD_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class Rating:
    stufe: Stufe
    grund: str  # why, in German: the ratio, or what is missing
    von_hand: bool = False
    quote: float | None = None  # achieved / needed growth per year


def target_for(item: Indikator, year: int) -> Messpunkt | None:
    """The next target after ``year``, or the last one when all have passed."""
    ahead = [z for z in item.zielwerte if z.jahr > year]
    return ahead[0] if ahead else (item.zielwerte[-1] if item.zielwerte else None)


def rate(item: Indikator) -> Rating:
    if item.bewertung is not None:
        return Rating(item.bewertung.stufe, item.bewertung.begruendung, von_hand=True)
    base = item.basis
    if item.art is Art.KONTEXT and not item.zielwerte:
        return Rating(Stufe.KEINE_BEWERTUNG, "Monitoring ohne Ziel")
    if base is None:
        return Rating(Stufe.KEINE_BEWERTUNG, "keine Basis")
    later = [w for w in item.reihe() if w.jahr > base.jahr]
    if not later:
        return Rating(Stufe.KEINE_BEWERTUNG, f"kein Wert des Kreises nach {base.jahr}")
    latest = later[-1]
    assert latest.wert is not None
    broken = [b.jahr for b in item.brueche if base.jahr < b.jahr <= latest.jahr]
    if broken:
        return Rating(Stufe.KEINE_BEWERTUNG, f"Bruch der Reihe {broken[0]}")
    if item.richtung is Richtung.HALTEN:
        return _hold(base.wert, latest.wert)
    target = target_for(item, latest.jahr)
    if target is None:
        return Rating(Stufe.KEINE_BEWERTUNG, "kein Zielwert")
    sign = 1 if item.richtung is Richtung.STEIGEND else -1
    if sign * (latest.wert - target.wert) >= 0:
        return Rating(Stufe.AUF_KURS, "Ziel erreicht")
    compound = base.wert > 0 and latest.wert > 0 and target.wert > 0
    needed = _per_year(base.wert, target.wert, target.jahr - base.jahr, compound)
    achieved = _per_year(base.wert, latest.wert, latest.jahr - base.jahr, compound)
    if needed == 0:
        return _hold(base.wert, latest.wert)
    ratio = achieved / needed
    stufe = _stufe(ratio)
    # a true minus sign, as German typesetting has it
    percent = f"{round(ratio * 100)}".replace("-", "\u2212")
    return Rating(stufe, f"{percent} % des nötigen Fortschritts", quote=ratio)


def _stufe(ratio: float) -> Stufe:
    if ratio >= ON_TRACK:
        return Stufe.AUF_KURS
    if ratio >= ACCELERATE:
        return Stufe.BESCHLEUNIGEN
    return Stufe.KAUM_FORTSCHRITT if ratio >= 0 else Stufe.RUECKLAEUFIG


def _per_year(start: float, end: float, years: int, compound: bool) -> float:
    """Growth per year: compound, or in a straight line."""
    years = max(years, 1)
    if compound:
        return float((end / start) ** (1 / years) - 1)
    return (end - start) / years


def _hold(base: float, latest: float) -> Rating:
    drift = abs(latest - base) / abs(base) if base else abs(latest)
    if drift <= HOLD_TOLERANCE:
        return Rating(Stufe.AUF_KURS, "Niveau gehalten")
    return Rating(Stufe.RUECKLAEUFIG, f"{round(drift * 100)} % von der Basis entfernt")
