"""The implementation status per field of action as a bar chart (SVG), drawn by us.

One horizontal bar per field, split by status. Every status has its own fill pattern as well
as its shade, so the chart reads in black and white; every segment that has room carries
its count, every bar its total. The figure's title is its alternative text; the numbers
stand in the table next to it (`chart_table`), for screen readers and for reading off.
"""

from __future__ import annotations

from html import escape

from ikonzept.model import Stand
from ikonzept.round.status import STAENDE, Row

# Fill per status: a solid colour or a pattern. White, dark and medium are told apart by
# lightness, hatching, dots and cross-hatch by their shapes: the chart reads in black and
# white too. The patterns draw lines only, so tiles do not show seams.
_SOLID = {Stand.OFFEN: "#ffffff", Stand.UMGESETZT: "#1f4e79", Stand.DAUERHAFT: "#7f9fbf"}
_PATTERNS = {
    Stand.IN_UMSETZUNG: (
        "umsetzung",
        "#dbe6f1",
        '<path d="M-1,1 L1,-1 M0,8 L8,0 M7,9 L9,7" stroke="#1f4e79" stroke-width="1.2"/>',
    ),
    Stand.ZURUECKGESTELLT: ("zurueck", "#ffffff", '<circle cx="4" cy="4" r="1.3" fill="#404040"/>'),
    Stand.ENTFALLEN: (
        "entfallen",
        "#e6e6e6",
        '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#404040" stroke-width="0.9"/>',
    ),
}
_LIGHT_TEXT = {Stand.UMGESETZT}

_WIDTH = 680
_LABEL = 250  # room for „1 Sprache und Sprachförderung“
_BAR = 20
_GAP = 9
_FONT = 10.5
_LINE = 12.5  # between the lines of a field's name


def _patterns() -> str:
    parts = [
        f'<pattern id="stand-{ident}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{back}"/>{lines}</pattern>'
        for ident, back, lines in _PATTERNS.values()
    ]
    return "<defs>" + "".join(parts) + "</defs>"


def _fill(stand: Stand) -> str:
    return _SOLID[stand] if stand in _SOLID else f"url(#stand-{_PATTERNS[stand][0]})"


def _count(x: float, y: float, count: int, stand: Stand) -> str:
    """A segment's number, on a white plate where the fill is a pattern."""
    middle = y + _BAR / 2 + _FONT * 0.35
    if stand in _LIGHT_TEXT:
        return (
            f'<text x="{x:.2f}" y="{middle:.2f}" text-anchor="middle" font-weight="700" '
            f'fill="#ffffff">{count}</text>'
        )
    plate = 4 + 7 * len(str(count))
    return (
        f'<rect x="{x - plate / 2:.2f}" y="{y + 3:g}" width="{plate}" height="{_BAR - 6}" '
        f'rx="2" fill="#ffffff"/><text x="{x:.2f}" y="{middle:.2f}" text-anchor="middle" '
        f'font-weight="700" fill="#1a1a1a">{count}</text>'
    )


def _label_lines(text: str, limit: int = 42) -> list[str]:
    """A field's name in lines of at most ``limit`` characters, broken between words: a
    long name takes two lines (or more), never cut off."""
    import textwrap

    return textwrap.wrap(text, limit, break_long_words=False, break_on_hyphens=False) or [""]


def _label(x: float, middle: float, lines: list[str]) -> str:
    """The name, right-aligned before the bar, its lines centred on the bar's middle."""
    first = middle - (len(lines) - 1) * _LINE / 2 + _FONT * 0.35
    spans = "".join(
        f'<tspan x="{x}" y="{first + number * _LINE:.2f}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return f'<text text-anchor="end" fill="#1a1a1a">{spans}</text>'


def status_chart(rows: tuple[Row, ...], titel: str) -> str:
    """The chart as inline SVG; ``titel`` is its accessible name."""
    scale_max = max((row.total for row in rows), default=1) or 1
    plot = _WIDTH - _LABEL - 40
    labels = [_label_lines(row.label) for row in rows]
    heights = [max(_BAR, len(lines) * _LINE) for lines in labels]
    legend_y = sum(heights) + _GAP * len(rows) + 8
    height = legend_y + 18
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stand-diagramm" '
        f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" role="img">',
        f"<title>{escape(titel)}</title>",
        _patterns(),
        f'<g font-family="Konzept Sans, sans-serif" font-size="{_FONT}">',
    ]
    top = 0.0
    for row, lines, row_height in zip(rows, labels, heights, strict=True):
        y = top + (row_height - _BAR) / 2
        top += row_height + _GAP
        out.append(_label(_LABEL - 8, y + _BAR / 2, lines))
        x = float(_LABEL)
        for stand in STAENDE:
            count = row.count(stand)
            if not count:
                continue
            width = plot * count / scale_max
            out.append(
                f'<rect x="{x:.2f}" y="{y:g}" width="{width:.2f}" height="{_BAR}" '
                f'fill="{_fill(stand)}" stroke="#1a1a1a" stroke-width="0.6"/>'
            )
            if width >= 16:
                out.append(_count(x + width / 2, y, count, stand))
            x += width
        out.append(
            f'<text x="{x + 6:.2f}" y="{y + _BAR / 2 + _FONT * 0.35:.2f}" fill="#1a1a1a">'
            f"{row.total}</text>"
        )
    x = 0.0
    for stand in STAENDE:
        out.append(
            f'<rect x="{x:.2f}" y="{legend_y}" width="16" height="12" '
            f'fill="{_fill(stand)}" stroke="#1a1a1a" stroke-width="0.6"/>'
            f'<text x="{x + 20:.2f}" y="{legend_y + 10}" fill="#1a1a1a">'
            f"{escape(stand.label)}</text>"
        )
        x += 20 + len(stand.label) * _FONT * 0.52 + 14
    out.append("</g></svg>")
    return "".join(out)
