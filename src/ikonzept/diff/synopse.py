"""The Synopse for the council: old wording left, new wording right, one row per item.

Deleted words are struck through, inserted words bold and underlined (colour only adds to
that), and every row carries a label in words: neu, entfallen, verschoben, zusammengeführt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from ikonzept.diff.changes import TYPE_LABELS, Art, Change, Comparison
from ikonzept.diff.items import Item, items
from ikonzept.diff.report import PROSE, format_value, grouped, parent_number, summary_lines
from ikonzept.diff.sides import Side
from ikonzept.diff.words import segments

FIELD_LABELS = {
    "titel": "Titel", "name": "Name", "beschreibung": "Beschreibung",
    "ausgangslage": "Ausgangslage", "text": "Text", "erklaerung": "Erklärung",
    "aufgaben": "Aufgaben", "bedeutung": "Bedeutung", "stand_begruendung": "Begründung",
    "zielgruppe": "Zielgruppe", "fundstelle": "Fundstelle", "kommunen": "Kommunen",
    "akteure": "Akteure", "indikatoren": "Indikatoren", "stand": "Stand",
    "saeule": "Säule", "sprachen": "Sprachen", "siehe": "Siehe auch",
    "handlungsfelder": "Handlungsfelder", "kontakt": "Kontakt", "art": "Art", "kurz": "Kurztitel",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    labels: tuple[str, ...]
    alt: Markup
    neu: Markup


@dataclass(frozen=True, slots=True)
class Group:
    titel: str
    rows: tuple[Row, ...]
    unveraendert: int


def _words(old: str, new: str, side: str) -> Markup:
    parts = []
    for kind, text in segments(old, new):
        if kind == "gleich":
            parts.append(escape(text))
        elif kind == side == "alt":
            parts.append(Markup("<del>{}</del>").format(text))
        elif kind == side == "neu":
            parts.append(Markup("<ins>{}</ins>").format(text))
    return Markup("").join(parts)


def _heading(item: Item | None) -> Markup:
    if item is None:
        return Markup("")
    number = f"{item.nummer} " if item.nummer else ""
    return Markup("<p class='eintrag'><strong>{}{}</strong></p>").format(number, item.titel)


def _row(changes: Sequence[Change], old: Item | None, new: Item | None) -> Row:
    labels: list[str] = []
    alt_parts: list[Markup] = [_heading(old)]
    neu_parts: list[Markup] = [_heading(new)]
    for change in changes:
        if change.art is Art.HINZUGEFUEGT:
            labels.append("neu")
            neu_parts += [Markup("<p>{}</p>").format(v) for k, v in new.fields.items()  # type: ignore[union-attr]
                          if k in PROSE and k not in ("titel", "name") and v]  # fmt: skip
        elif change.art is Art.ENTFERNT:
            labels.append("entfallen")
            alt_parts += [Markup("<p><del>{}</del></p>").format(v) for k, v in old.fields.items()  # type: ignore[union-attr]
                          if k in PROSE and k not in ("titel", "name") and v]  # fmt: skip
        elif change.art is Art.VERSCHOBEN:
            labels.append(
                f"verschoben von {parent_number(change.nummer_alt) or change.felder[0].alt}"
            )
        elif change.art is Art.ERSETZT:
            labels.append("zusammengeführt" if len(change.ersetzt) > 1 else "ersetzt")
            neu_parts.append(
                Markup("<p class='hinweis'>ersetzt: {}</p>").format(", ".join(change.ersetzt))
            )
        elif change.art is Art.REIHENFOLGE:
            labels.append("Reihenfolge geändert")
        else:
            labels.append("Stand geändert" if change.art is Art.STAND else "geändert")
            for item in change.felder:
                label = FIELD_LABELS.get(item.feld, item.feld)
                if item.feld in PROSE and isinstance(item.alt, str) and isinstance(item.neu, str):
                    alt_text, neu_text = (
                        _words(item.alt, item.neu, "alt"),
                        _words(item.alt, item.neu, "neu"),
                    )
                else:
                    alt_text = Markup("<del>{}</del>").format(format_value(item.alt))
                    neu_text = Markup("<ins>{}</ins>").format(format_value(item.neu))
                alt_parts.append(
                    Markup("<p><span class='feld'>{}:</span> {}</p>").format(label, alt_text)
                )
                neu_parts.append(
                    Markup("<p><span class='feld'>{}:</span> {}</p>").format(label, neu_text)
                )
    return Row(tuple(dict.fromkeys(labels)), Markup("").join(alt_parts), Markup("").join(neu_parts))


def groups(comparison: Comparison, old: Side, new: Side, show_all: bool) -> list[Group]:
    before, after = items(old.konzept), items(new.konzept)
    result = []
    for titel, changes in grouped(comparison):
        by_item: dict[tuple[str, str], list[Change]] = {}
        for change in changes:
            by_item.setdefault((change.typ, change.id), []).append(change)
        rows = [
            _row(found, before.get(typ, {}).get(ident), after.get(typ, {}).get(ident))
            for (typ, ident), found in by_item.items()
        ]
        result.append(Group(titel, tuple(rows), 0))
    changed = {(c.typ, c.id) for c in comparison.aenderungen}
    same = [i for i in after.get("massnahme", {}).values() if ("massnahme", i.id) not in changed]
    if show_all and same:
        rows = [Row(("unverändert",), _heading(i), _heading(i)) for i in same]
        result.append(Group("Unveränderte Maßnahmen", tuple(rows), len(same)))
    return result


def unchanged_measures(comparison: Comparison, new: Side) -> int:
    changed = {(c.typ, c.id) for c in comparison.aenderungen}
    return sum(1 for *_, m in new.konzept.massnahmen() if ("massnahme", m.id) not in changed)


def synopse_html(
    comparison: Comparison, old: Side, new: Side, dirs: list[Path], show_all: bool = False
) -> str:
    """The Synopse as HTML for WeasyPrint."""
    from ikonzept import __version__
    from ikonzept.render.html import environment, stylesheet
    from ikonzept.render.markdown import MarkdownRenderer

    env = environment(dirs, MarkdownRenderer({}, dirs[-1]))
    return env.get_template("synopse.html.j2").render(
        vergleich=comparison,
        zusammenfassung=list(summary_lines(comparison)),
        gruppen=groups(comparison, old, new, show_all),
        unveraendert=0 if show_all else unchanged_measures(comparison, new),
        typen=TYPE_LABELS,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
        version=__version__,
        erstellt=comparison.neu.stand,
    )


def write_synopse(
    comparison: Comparison, old: Side, new: Side, target: Path, show_all: bool = False
) -> int:
    """Write the Synopse PDF; returns its page count."""
    from ikonzept.render.pdf import layout, write
    from ikonzept.resources import data_dir

    dirs = [data_dir("templates")]
    laid_out = layout(
        synopse_html(comparison, old, new, dirs, show_all), root=dirs[0], template_dirs=dirs
    )
    write(laid_out, target)
    return laid_out.pages
