"""Lines of text broken once per process: WeasyPrint's `split_first_line` remembered.

WeasyPrint breaks every line of text by asking Pango to lay out the rest of its paragraph
(two or three Pango layouts per line, then one more to draw it). In a town's action plan
most cells repeat: the status words, priorities, periods and actors' names within a plan,
the measures' titles in every town's plan. Of the 1,740 lines of a plan of 100 entries only
611 differ; of each further plan a worker lays out, 35 to 134 are new.

The answer depends only on the call's arguments and on the style's font and text
properties (`_PROPERTIES`, all that WeasyPrint 70 reads there), and it is an inert
record: WeasyPrint releases the Pango objects before it returns it and makes them anew to
draw the line. So each call gets a copy of the remembered answer, and the PDF is the same,
byte for byte (tests/test_linecache.py). Another version of WeasyPrint whose function takes
other arguments is left alone.
"""

from __future__ import annotations

import copy
import inspect
import weakref
from typing import Any

from ikonzept.render import hyphenation, libraries

# What of the style WeasyPrint's line breaking reads: the font (its `_font_style_cache_key`
# with the size), the features, hyphenation, spacing, wrapping, direction, and the
# decoration (its metrics are kept with the line). Not the line height: the line box's.
_PROPERTIES = (
    "font_family", "font_style", "font_stretch", "font_weight", "font_size",
    "font_variant_ligatures", "font_variant_position", "font_variant_caps",
    "font_variant_numeric", "font_variant_alternates", "font_variant_east_asian",
    "font_feature_settings", "font_variation_settings", "font_language_override",
    "font_kerning", "lang", "direction", "white_space", "hyphens", "hyphenate_character",
    "hyphenate_limit_chars", "hyphenate_limit_zone", "overflow_wrap", "word_break",
    "word_spacing", "letter_spacing", "tab_size", "text_decoration_line",
)  # fmt: skip
_PARAMETERS = [
    "text", "style", "context", "max_width", "justification_spacing", "is_line_start",
    "minimum",
]  # fmt: skip
# About 1.5 kB each: a town's plans need a few thousand, a long concept's parts more, which
# then start anew.
LIMIT = 10_000

_lines: dict[tuple[Any, ...], tuple[Any, ...]] = {}
# The fonts the remembered lines were measured with (weakly: WeasyPrint's configuration
# cleans up when it goes, which it cannot at the interpreter's exit).
_measured_with: weakref.ref[Any] | None = None
hits = 0
enabled = True  # off: every line broken anew (tests compare both)


def install() -> None:
    """Remember WeasyPrint's line breaks (once per process)."""
    libraries.import_weasyprint()
    from weasyprint.layout import inline

    original = inline.split_first_line
    if getattr(original, "ikonzept", False):
        return
    if list(inspect.signature(original).parameters) != _PARAMETERS:
        return  # another WeasyPrint: its lines are broken as it breaks them

    def split_first_line(
        text: str, style: Any, context: Any, max_width: float | None,
        justification_spacing: float, is_line_start: bool = True, minimum: bool = False,
    ) -> tuple[Any, ...]:  # fmt: skip
        global hits, _measured_with
        arguments = (text, style, context, max_width, justification_spacing, is_line_start,
                     minimum)  # fmt: skip
        if not enabled:
            return original(*arguments)  # type: ignore[no-any-return]
        if _measured_with is None or style.font_config is not _measured_with():
            _lines.clear()
            _measured_with = weakref.ref(style.font_config)
        try:
            key = (text, max_width, justification_spacing, is_line_start, minimum,
                   hyphenation.generation(), *[style[name] for name in _PROPERTIES])  # fmt: skip
            known = _lines.get(key)
        except TypeError:  # a value that cannot be a key (none in our stylesheets)
            return original(*arguments)  # type: ignore[no-any-return]
        if known is None:
            known = original(*arguments)
            if len(_lines) >= LIMIT:
                _lines.clear()
            _lines[key] = known
        else:
            hits += 1
        layout, *metrics = known
        return (_copy(layout), *metrics)

    split_first_line.ikonzept = True  # type: ignore[attr-defined]
    split_first_line.__wrapped__ = original  # type: ignore[attr-defined]
    inline.split_first_line = split_first_line


def _copy(layout: Any) -> Any:
    """A line's record of its own: WeasyPrint makes the Pango objects of each anew to draw
    it and may change its text (an ellipsis). Its attributes copied directly: 0.5 µs,
    `copy.copy` 2.9 µs, for 7,500 lines a plan."""
    try:
        state = layout.__dict__
    except AttributeError:  # pragma: no cover - a WeasyPrint with slots
        return copy.copy(layout)
    twin = object.__new__(type(layout))
    twin.__dict__.update(state)
    return twin


def forget() -> None:
    """No line remembered (tests)."""
    global _measured_with
    _lines.clear()
    _measured_with = None
