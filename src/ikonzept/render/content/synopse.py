"""The Synopse for the council: old wording left, new wording right, one row per item.

Deleted words are struck through, inserted words bold and underlined (colour only adds to
that), and every row carries a label in words: neu, entfallen, verschoben, zusammengeführt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ikonzept.diff.changes import TYPE_LABELS, Art, Change, Comparison, FieldChange
from ikonzept.diff.items import Item, Items, items
from ikonzept.diff.report import (
    PROSE,
    format_value,
    grouped,
    moved_from_to,
    replaced_names,
    summary_lines,
)
from ikonzept.diff.words import segments
from ikonzept.pipeline.sides import Side
from ikonzept.render.content.markdown import MarkdownRenderer

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


# Private-use characters that mark deleted and inserted runs through Markdown rendering.
_DEL, _DEL_END, _INS, _INS_END = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKS = {_DEL: "<del>", _DEL_END: "</del>", _INS: "<ins>", _INS_END: "</ins>"}
_HTML_PARTS = re.compile(r"(<[^>]*>)|([^<]+)")


class _Prose:
    """Compared texts as the document shows them: Markdown rendered (emphasis, lists, links,
    footnotes), with deleted words struck through on the left, inserted words on the right."""

    def __init__(self, renderer: MarkdownRenderer) -> None:
        self.renderer = renderer

    def marked(self, old: str, new: str, side: str, *, inline: bool) -> Markup:
        opening, closing = (_DEL, _DEL_END) if side == "alt" else (_INS, _INS_END)
        source = "".join(
            text if kind == "gleich" else f"{opening}{text}{closing}"
            for kind, text in segments(old, new)
            if kind in ("gleich", side)
        )
        return self.render(source, inline=inline)

    def plain(self, text: str, *, inline: bool = False, mark: str = "") -> Markup:
        """A whole text, or all of it deleted (``mark="alt"``) or inserted (``"neu"``)."""
        if mark:
            opening, closing = (_DEL, _DEL_END) if mark == "alt" else (_INS, _INS_END)
            text = f"{opening}{text}{closing}"
        return self.render(text, inline=inline)

    def render(self, source: str, *, inline: bool) -> Markup:
        html = self.renderer.inline(source) if inline else self.renderer.block(source, 3)
        return Markup(_tags_from_marks(html))


def _tags_from_marks(html: str) -> str:
    """The marks as del/ins tags, closed before and reopened after every tag in between, so
    that they nest in paragraphs, list items and footnotes alike."""
    result: list[str] = []
    open_tag: str | None = None
    for tag, text in _HTML_PARTS.findall(html):
        if tag:
            clean = "".join(c for c in tag if c not in _MARKS)  # never inside attributes
            if open_tag:
                result.append(f"</{open_tag}>{clean}<{open_tag}>")
            else:
                result.append(clean)
            continue
        for char in text:
            if char in (_DEL, _INS):
                open_tag = "del" if char == _DEL else "ins"
                result.append(_MARKS[char])
            elif char in (_DEL_END, _INS_END):
                if open_tag:
                    result.append(f"</{open_tag}>")
                open_tag = None
            else:
                result.append(char)
    if open_tag:
        result.append(f"</{open_tag}>")
    # Tags that open and close on nothing (around a tag boundary) say nothing.
    return re.sub(r"<(del|ins)></\1>", "", "".join(result))


def _heading(item: Item | None, prose: _Prose) -> Markup:
    if item is None:
        return Markup("")
    number = f"{item.nummer} " if item.nummer else ""
    return Markup("<p class='eintrag'><strong>{}{}</strong></p>").format(
        number, prose.plain(item.titel, inline=True)
    )


class _Rows:
    """The rows of the Synopse, with what both editions need to show them."""

    def __init__(self, comparison: Comparison, before: Items, after: Items, prose: _Prose):
        self.comparison, self.before, self.after, self.prose = comparison, before, after, prose

    def _texts(self, item: Item, mark: str) -> list[Markup]:
        return [
            Markup("<div class='text'>{}</div>").format(self.prose.plain(str(value), mark=mark))
            for key, value in item.fields.items()
            if key in PROSE and key not in ("titel", "name") and value
        ]

    def row(self, changes: Sequence[Change], old: Item | None, new: Item | None) -> Row:
        labels: list[str] = []
        alt: list[Markup] = [_heading(old, self.prose)]
        neu: list[Markup] = [_heading(new, self.prose)]
        for change in changes:
            label, alt_parts, neu_parts = self._change(change, old, new)
            labels.append(label)
            alt += alt_parts
            neu += neu_parts
        return Row(tuple(dict.fromkeys(labels)), Markup("").join(alt), Markup("").join(neu))

    def _change(
        self, change: Change, old: Item | None, new: Item | None
    ) -> tuple[str, list[Markup], list[Markup]]:
        if change.art is Art.HINZUGEFUEGT and new is not None:
            return "neu", [], self._texts(new, "neu")
        if change.art is Art.ENTFERNT and old is not None:
            return "entfallen", self._texts(old, "alt"), []
        if change.art is Art.VERSCHOBEN:
            before, after = moved_from_to(change, self.comparison)
            return f"verschoben von {before} nach {after}", [], []
        if change.art is Art.ERSETZT:
            return self._merged(change, old, new)
        if change.art is Art.REIHENFOLGE:
            return "Reihenfolge geändert", [], []
        alt: list[Markup] = []
        neu: list[Markup] = []
        for item in change.felder:
            label = FIELD_LABELS.get(item.feld, item.feld)
            before, after = self._values(item)
            template = Markup("<div class='feld-wert'><span class='feld'>{}:</span> {}</div>")
            alt.append(template.format(label, before))
            neu.append(template.format(label, after))
        return "Stand geändert" if change.art is Art.STAND else "geändert", alt, neu

    def _values(self, item: FieldChange) -> tuple[Markup, Markup]:
        if item.feld in PROSE and isinstance(item.alt, str) and isinstance(item.neu, str):
            inline = item.feld in ("titel", "name", "fundstelle", "zielgruppe")
            return (
                self.prose.marked(item.alt, item.neu, "alt", inline=inline),
                self.prose.marked(item.alt, item.neu, "neu", inline=inline),
            )
        before = format_value(item.alt, item.feld, self.comparison, old=True)
        after = format_value(item.neu, item.feld, self.comparison)
        return (Markup("<del>{}</del>").format(before), Markup("<ins>{}</ins>").format(after))

    def _merged(
        self, change: Change, old: Item | None, new: Item | None
    ) -> tuple[str, list[Markup], list[Markup]]:
        """The old wording of every item merged, each with its old number; the new in full."""
        alt: list[Markup] = []
        for ident in change.ersetzt:
            replaced = self.before.get(change.typ, {}).get(ident)
            if replaced is not None:
                alt += [_heading(replaced, self.prose), *self._texts(replaced, "alt")]
        names = replaced_names(change, self.comparison)
        neu = [Markup("<p class='hinweis'>fasst zusammen: {}</p>").format(names)]
        if old is None and new is not None:
            neu += self._texts(new, "neu")
        label = "zusammengeführt" if len(change.ersetzt) > 1 else "ersetzt"
        return label, alt, neu


def groups(
    comparison: Comparison, old: Side, new: Side, show_all: bool, prose: _Prose | None = None
) -> list[Group]:
    if prose is None:
        from ikonzept.base.resources import data_dir

        prose = _Prose(MarkdownRenderer({}, data_dir("templates")))
    before, after = items(old.konzept), items(new.konzept)
    rows_of = _Rows(comparison, before, after, prose)
    result = []
    for titel, changes in grouped(comparison):
        by_item: dict[tuple[str, str], list[Change]] = {}
        for change in changes:
            by_item.setdefault((change.typ, change.id), []).append(change)
        rows = [
            rows_of.row(found, before.get(typ, {}).get(ident), after.get(typ, {}).get(ident))
            for (typ, ident), found in by_item.items()
        ]
        result.append(Group(titel, tuple(rows), 0))
    changed = {(c.typ, c.id) for c in comparison.aenderungen}
    same = [i for i in after.get("massnahme", {}).values() if ("massnahme", i.id) not in changed]
    if show_all and same:
        rows = [Row(("unverändert",), _heading(i, prose), _heading(i, prose)) for i in same]
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
    from ikonzept.render.content.html import environment, stylesheet

    renderer = MarkdownRenderer(
        {a.kuerzel: a.bedeutung for a in new.konzept.abkuerzungen}, dirs[-1]
    )
    env = environment(dirs, renderer)
    return env.get_template("synopse.html.j2").render(
        vergleich=comparison,
        zusammenfassung=list(summary_lines(comparison)),
        gruppen=groups(comparison, old, new, show_all, _Prose(renderer)),
        unveraendert=0 if show_all else unchanged_measures(comparison, new),
        typen=TYPE_LABELS,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
        version=__version__,
        erstellt=comparison.neu.stand,
    )
