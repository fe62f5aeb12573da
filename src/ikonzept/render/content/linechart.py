"""An indicator over the years as a line chart (SVG), drawn by us like the status chart:
the county's values as a line with dots, the target as a dashed, labelled line, the base
year marked, series breaks as a vertical rule with their year. German numbers on the axis;
an axis that does not start at zero says so. The figure's title is its accessible name,
and `sentence` says the same in words for a screen reader; the numbers stand in a table
beside it (the templates' job)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ikonzept.model.indicators import Bruch, Wert, zahl
from ikonzept.monitoring.status import IndicatorStatus

_WIDTH, _HEIGHT = 560, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 96, 16, 40
_PLOT_W, _PLOT_H = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
_FONT = 10.5
_INK, _GREY, _ACCENT = "#1a1a1a", "#595959", "#1f4e79"


def sentence(row: IndicatorStatus) -> str:
    """„2018: 61 %, Basis 2015: 38 %, Ziel 2020: 75 %, auf Kurs.“"""
    parts = []
    if row.zuletzt is not None:
        parts.append(f"{row.zuletzt.jahr}: {row.shown(row.zuletzt.wert)}")
        for area in row.indikator.vergleich:  # the same year, for comparison
            same = [w for w in row.indikator.reihe(area.id) if w.jahr == row.zuletzt.jahr]
            if same:
                parts.append(f"{area.name}: {row.shown(same[0].wert)}")
    base = row.indikator.basis
    if base is not None:
        parts.append(f"Basis {base.jahr}: {row.shown(base.wert)}")
    if row.ziel is not None:
        parts.append(f"Ziel {row.ziel.jahr}: {row.shown(row.ziel.wert)}")
    parts.append(row.bewertung.stufe.label)
    return ", ".join(parts) + "."


def _ticks(low: float, high: float) -> list[float]:
    """About five round steps (1, 2, 2.5 or 5 times a power of ten) from ``low`` to ``high``."""
    span = high - low or abs(high) or 1.0
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [first + i * step for i in range(count + 1)]


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where a year and a value are drawn."""

    first: int
    last: int
    low: float
    high: float

    def x(self, year: float) -> float:
        return _LEFT + (year - self.first) / max(self.last - self.first, 1) * _PLOT_W

    def y(self, value: float) -> float:
        return _TOP + _PLOT_H - (value - self.low) / (self.high - self.low or 1) * _PLOT_H


def line_chart(row: IndicatorStatus) -> str:
    item = row.indikator
    compared = [w for v in item.vergleich for w in item.reihe(v.id)]
    numbered = [w for w in item.reihe() if w.wert is not None] + compared
    marks = [p for p in (item.basis, *item.zielwerte) if p is not None]
    years = [w.jahr for w in numbered] + [p.jahr for p in marks] + [b.jahr for b in item.brueche]
    values = [float(w.wert) for w in numbered if w.wert is not None] + [p.wert for p in marks]
    title = f"Liniendiagramm: {item.titel}. {sentence(row)}"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="linien-diagramm" '
            f'viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" height="{_HEIGHT}" role="img">'
            f"<title>{escape(title)}</title>")  # fmt: skip
    if not years or not values:
        return head + f'<text x="10" y="30" fill="{_INK}">Noch keine Werte.</text></svg>'
    # from zero unless that squeezes the line into the top half
    low = 0.0 if min(values) <= 0.5 * max(values) or min(values) < 0 else min(values)
    ticks = _ticks(min(low, min(values)), max(values))
    frame = _Frame(min(years), max(years), ticks[0], ticks[-1])
    parts = [head, f'<g font-family="Konzept Sans, sans-serif" font-size="{_FONT}">',
             *_axes(frame, ticks, item.nachkommastellen), *_breaks(frame, row),
             *_targets(frame, row), *_comparisons(frame, row), *_series(frame, row),
             "</g></svg>"]  # fmt: skip
    return "".join(parts)


def _axes(frame: _Frame, ticks: list[float], places: int) -> list[str]:
    out = []
    for tick in ticks:
        shown = zahl(tick, places if tick != int(tick) else 0)
        out.append(f'<line x1="{_LEFT}" x2="{_LEFT + _PLOT_W}" y1="{frame.y(tick):.1f}" '
                   f'y2="{frame.y(tick):.1f}" stroke="#d9d9d9" stroke-width="0.6"/>'
                   f'<text x="{_LEFT - 6}" y="{frame.y(tick) + 3.5:.1f}" text-anchor="end" '
                   f'fill="{_GREY}">{shown}</text>')  # fmt: skip
    below = _TOP + _PLOT_H + 16
    out += [f'<text x="{frame.x(year):.1f}" y="{below}" text-anchor="middle" fill="{_GREY}">'
            f"{year}</text>" for year in range(frame.first, frame.last + 1)]  # fmt: skip
    if frame.low != 0:
        out.append(f'<text x="{_LEFT}" y="{_HEIGHT - 4}" fill="{_GREY}" font-size="9">Achse '
                   f"beginnt bei {zahl(frame.low, places)}, nicht bei 0.</text>")  # fmt: skip
    return out


def _breaks(frame: _Frame, row: IndicatorStatus) -> list[str]:
    out = []
    for bruch in row.indikator.brueche:
        at = frame.x(bruch.jahr - 0.5)
        out.append(f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{_TOP}" y2="{_TOP + _PLOT_H}" '
                   f'stroke="{_GREY}" stroke-width="1" stroke-dasharray="2 3"/>'
                   f'<text x="{at + 3:.1f}" y="{_TOP + 10}" fill="{_GREY}" font-size="9">'
                   f"Bruch {bruch.jahr}</text>")  # fmt: skip
    return out


def _targets(frame: _Frame, row: IndicatorStatus) -> list[str]:
    item = row.indikator
    out = []
    for target in item.zielwerte:
        tx, ty = frame.x(target.jahr), frame.y(target.wert)
        out.append(f'<line x1="{_LEFT}" x2="{tx:.1f}" y1="{ty:.1f}" y2="{ty:.1f}" '
                   f'stroke="{_ACCENT}" stroke-width="1.2" stroke-dasharray="6 4"/>'
                   f'<text x="{tx + 6:.1f}" y="{ty + 3.5:.1f}" fill="{_ACCENT}">Ziel '
                   f"{target.jahr}: {escape(row.shown(target.wert))}</text>")  # fmt: skip
    if item.basis is not None:
        bx, by = frame.x(item.basis.jahr), frame.y(item.basis.wert)
        out.append(f'<rect x="{bx - 4:.1f}" y="{by - 4:.1f}" width="8" height="8" '
                   f'fill="#ffffff" stroke="{_INK}" stroke-width="1.2"/><text '
                   f'x="{bx + 7:.1f}" y="{by + 14:.1f}" fill="{_INK}">Basis '
                   f"{item.basis.jahr}</text>")  # fmt: skip
    return out


def _comparisons(frame: _Frame, row: IndicatorStatus) -> list[str]:
    """Each comparison area as a grey dotted line, named at its end: context, not rated."""
    out = []
    for area in row.indikator.vergleich:
        points = [
            (w.jahr, float(w.wert)) for w in row.indikator.reihe(area.id) if w.wert is not None
        ]
        if not points:
            continue
        line = " ".join(f"{frame.x(year):.1f},{frame.y(value):.1f}" for year, value in points)
        out.append(f'<polyline points="{line}" fill="none" stroke="{_GREY}" stroke-width="1.4" '
                   'stroke-dasharray="1.5 3" stroke-linecap="round"/>')  # fmt: skip
        out += [f'<rect x="{frame.x(y) - 2.5:.1f}" y="{frame.y(v) - 2.5:.1f}" width="5" '
                f'height="5" fill="{_GREY}"/>' for y, v in points]  # fmt: skip
        year, value = points[-1]
        # ending at its last point, so that a long name stays inside the figure; above it,
        # or below where the line comes down to it (above, the name would sit on the line)
        falling = len(points) > 1 and points[-2][1] > value
        below = frame.y(value) + (15 if falling else -8)
        out.append(f'<text x="{frame.x(year):.1f}" y="{below:.1f}" '
                   f'text-anchor="end" fill="{_GREY}">{escape(area.name)}</text>')  # fmt: skip
    return out


def _pieces(
    points: list[tuple[int, float]], brueche: Sequence[Bruch]
) -> list[list[tuple[int, float]]]:
    """The points split at the series breaks: a line never joins values that are not
    comparable."""
    breaks = sorted(b.jahr for b in brueche)
    pieces: dict[int, list[tuple[int, float]]] = {}
    for year, value in points:
        pieces.setdefault(sum(1 for b in breaks if year >= b), []).append((year, value))
    return list(pieces.values())


def _series(frame: _Frame, row: IndicatorStatus) -> list[str]:
    points = [(w.jahr, float(w.wert)) for w in row.indikator.reihe() if w.wert is not None]
    out = []
    for piece in _pieces(points, row.indikator.brueche):
        if len(piece) > 1:
            line = " ".join(f"{frame.x(year):.1f},{frame.y(value):.1f}" for year, value in piece)
            out.append(f'<polyline points="{line}" fill="none" stroke="{_INK}" '
                       'stroke-width="2"/>')  # fmt: skip
    out += [f'<circle cx="{frame.x(year):.1f}" cy="{frame.y(value):.1f}" r="3.2" '
            f'fill="{_INK}"/>' for year, value in points]  # fmt: skip
    if points:
        year, value = points[-1]
        shown = escape(row.shown(value))
        out.append(f'<text x="{frame.x(year) + 6:.1f}" y="{frame.y(value) - 6:.1f}" '
                   f'fill="{_INK}" font-weight="700">{shown}</text>')  # fmt: skip
    return out


# Small multiples: one small panel per town, all on the same axes, the county's line in each
# as the reference, so that towns compare by position, not by reading numbers.
_PANEL_W, _PANEL_H, _COLUMNS = 190, 120, 3
_P_LEFT, _P_TOP, _P_BOTTOM, _P_RIGHT = 34, 22, 20, 18


def towns_with_values(row: IndicatorStatus) -> list[str]:
    """The towns with at least one number, in first-seen order."""
    from ikonzept.model.indicators import COUNTY

    seen: dict[str, None] = {}
    compared = {v.id for v in row.indikator.vergleich}
    for w in row.indikator.werte:
        if w.gebiet != COUNTY and w.gebiet not in compared and w.wert is not None:
            seen.setdefault(w.gebiet)
    return list(seen)


def small_multiples(row: IndicatorStatus, names: dict[str, str], order: list[str]) -> str:
    """One panel per town with values (in ``order``), on a shared axis, the county dashed."""
    item = row.indikator
    towns = [t for t in order if t in set(towns_with_values(row))]
    county = item.reihe()
    series = {t: item.reihe(t) for t in towns}
    points = [w for s in (county, *series.values()) for w in s if w.wert is not None]
    rows = -(-len(towns) // _COLUMNS)
    width, height = _PANEL_W * min(len(towns), _COLUMNS), _PANEL_H * rows + 18
    title = (f"Kleine Diagramme: {item.titel} je Kommune, alle auf derselben Achse; "
             "gestrichelt jeweils der Kreis. Die Zahlen stehen in der Tabelle.")  # fmt: skip
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="kleine-diagramme" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">'
            f"<title>{escape(title)}</title>")  # fmt: skip
    if not towns or not points:
        return head + "</svg>"
    values = [float(w.wert) for w in points if w.wert is not None]
    low = 0.0 if min(values) >= 0 else min(values)
    ticks = _ticks(low, max(values))
    first, last = min(w.jahr for w in points), max(w.jahr for w in points)
    parts = [head, '<g font-family="Konzept Sans, sans-serif" font-size="9">']
    for index, town in enumerate(towns):
        left = (index % _COLUMNS) * _PANEL_W
        top = (index // _COLUMNS) * _PANEL_H
        plot_w, plot_h = _PANEL_W - _P_LEFT - _P_RIGHT, _PANEL_H - _P_TOP - _P_BOTTOM

        def x(year: int, left: int = left, plot_w: int = plot_w) -> float:
            return left + _P_LEFT + (year - first) / max(last - first, 1) * plot_w

        def y(value: float, top: int = top, plot_h: int = plot_h) -> float:
            return top + _P_TOP + plot_h - (value - ticks[0]) / (ticks[-1] - ticks[0] or 1) * plot_h

        label = escape(names.get(town, town))
        parts.append(f'<text x="{left + _P_LEFT}" y="{top + 12}" fill="{_INK}" '
                     f'font-size="10" font-weight="700">{label}</text>')  # fmt: skip
        for tick in (ticks[0], ticks[-1]):
            shown = zahl(tick, item.nachkommastellen if tick != int(tick) else 0)
            parts.append(f'<line x1="{left + _P_LEFT}" x2="{left + _P_LEFT + plot_w}" '
                         f'y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d9d9d9" '
                         f'stroke-width="0.6"/><text x="{left + _P_LEFT - 4}" '
                         f'y="{y(tick) + 3:.1f}" text-anchor="end" fill="{_GREY}">'
                         f"{shown}</text>")  # fmt: skip
        for year in sorted({first, last}):
            parts.append(f'<text x="{x(year):.1f}" y="{top + _PANEL_H - 6}" '
                         f'text-anchor="middle" fill="{_GREY}">{year}</text>')  # fmt: skip
        parts += _mini_line(county, item.brueche, x, y,
                            f'stroke="{_GREY}" stroke-dasharray="4 3"', _GREY)  # fmt: skip
        parts += _mini_line(series[town], item.brueche, x, y, f'stroke="{_INK}"', _INK)
    if ticks[0] != 0:
        parts.append(f'<text x="2" y="{height - 4}" fill="{_GREY}">Achse beginnt bei '
                     f"{zahl(ticks[0], item.nachkommastellen)}, nicht bei 0.</text>")  # fmt: skip
    return "".join([*parts, "</g></svg>"])


def _mini_line(
    values: list[Wert], brueche: Sequence[Bruch], x: Callable[[int], float],
    y: Callable[[float], float], stroke: str, dot: str,
) -> list[str]:  # fmt: skip
    points = [(w.jahr, float(w.wert)) for w in values if w.wert is not None]
    out = []
    for piece in _pieces(points, brueche):
        if len(piece) < 2:
            continue
        line = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in piece)
        out.append(f'<polyline points="{line}" fill="none" {stroke} stroke-width="1.6"/>')
    out += [f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="2.2" fill="{dot}"/>'
            for year, value in points]  # fmt: skip
    return out
