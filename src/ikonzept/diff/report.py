"""Write a comparison for the terminal, as JSON, Markdown or HTML."""

from __future__ import annotations

import html as html_lib
import json
from collections.abc import Callable, Iterator
from typing import Any

from ikonzept.diff.changes import ART_LABELS, TYPE_LABELS, TYPES, Art, Change, Comparison
from ikonzept.diff.words import segments

Style = Callable[[str, str], str]  # (kind, text) → styled text; kind: gleich/alt/neu/titel/dim
_CONTEXT = 40
# Fields shown word by word; the others (status, ids, lists) as „alt → neu“.
PROSE = frozenset(
    {"titel", "name", "beschreibung", "ausgangslage", "text", "erklaerung", "aufgaben",
     "bedeutung", "stand_begruendung", "zielgruppe", "fundstelle"}
)  # fmt: skip


def format_date(iso: str) -> str:
    """„15.11.2016“ from an ISO date."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def editions(comparison: Comparison, sources: bool = False) -> list[str]:
    result = []
    for label, info in (("alt", comparison.alt), ("neu", comparison.neu)):
        source = f" ({info.quelle})" if sources else ""
        result.append(f"{label}: {info.bezeichnung}, Stand {format_date(info.stand)}{source}")
    return result


def summary_lines(comparison: Comparison) -> Iterator[str]:
    counts = comparison.counts()
    if not counts:
        yield "Keine Änderungen."
        return
    for typ in TYPES:
        if typ in counts:
            parts = [f"{n} {ART_LABELS[Art(art)]}" for art, n in sorted(counts[typ].items(),
                     key=lambda kv: list(Art).index(Art(kv[0])))]  # fmt: skip
            yield f"{TYPE_LABELS[typ][1]}: {', '.join(parts)}"


def _number(change: Change) -> str:
    old, new = change.nummer_alt, change.nummer_neu
    if old and new and old != new:
        return f"{old} → {new}"
    return new or old or ""


def parent_number(number: str | None) -> str | None:
    """„2.3“ for measure 2.3.1: where an item stood; None for top-level items."""
    return number.rsplit(".", 1)[0] if number and "." in number else None


# List fields whose entries are ids of other items: readers see their names.
_ID_LISTS = {"akteure": "akteur", "kommunen": "kommune", "handlungsfelder": "handlungsfeld",
             "siehe": "begriff"}  # fmt: skip


def replaced_names(change: Change, comparison: Comparison) -> str:
    """„1.2.1 Sprachcafés …“ und „1.2.2 …“: what a merged item replaces, as readers know it."""
    names = [f"„{comparison.name(change.typ, i, old=True)}“" for i in change.ersetzt]
    return ", ".join(names[:-1]) + " und " + names[-1] if len(names) > 1 else names[0]


def moved_from_to(change: Change, comparison: Comparison) -> tuple[str, str]:
    """Where a moved item stood and stands: the parents' numbers, or their names."""
    moved = change.felder[0]
    parent = moved.feld  # the parent's kind: a move changes the field named after it
    before = parent_number(change.nummer_alt) or comparison.name(parent, str(moved.alt), old=True)
    after = parent_number(change.nummer_neu) or comparison.name(parent, str(moved.neu))
    return before, after


def headline(change: Change, comparison: Comparison) -> str:
    label = TYPE_LABELS[change.typ][0]
    number = _number(change)
    name = f"{label} {number} „{change.titel}“" if number else f"{label} „{change.titel}“"
    art = ART_LABELS[change.art]
    if change.art is Art.ERSETZT:
        verb = "zusammengeführt aus" if len(change.ersetzt) > 1 else "ersetzt"
        art = f"{verb} {replaced_names(change, comparison)}"
    elif change.art is Art.VERSCHOBEN and change.felder:
        before, after = moved_from_to(change, comparison)
        art = f"verschoben von {before} nach {after}"
    hint = ""
    if change.umbenannt_von:
        old_name = comparison.name(change.typ, change.umbenannt_von, old=True)
        hint = f" (vermutlich umbenannt von „{old_name}“)"
    return f"{name}: {art}{hint}"


def _shorten(text: str, first: bool, last: bool) -> str:
    if len(text) <= 2 * _CONTEXT + 5:
        return text
    head = "" if first else text[:_CONTEXT]
    tail = "" if last else text[-_CONTEXT:]
    return f"{head} … {tail}".strip() if head or tail else " … "


def format_value(
    value: Any, feld: str = "", comparison: Comparison | None = None, *, old: bool = False
) -> str:
    """A field value as a reader sees it: lists joined, ids as names, statuses as words,
    nothing as a dash."""
    if value is None:
        return "–"
    if feld == "stand" and isinstance(value, str):
        return _stand_label(value)
    if isinstance(value, list):
        typ = _ID_LISTS.get(feld)
        if typ and comparison is not None:
            return ", ".join(comparison.name(typ, str(v), old=old) for v in value) or "–"
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or "–"
    return str(value)


def _stand_label(value: str) -> str:
    from ikonzept.model import Stand

    try:
        return Stand(value).label
    except ValueError:
        return value


def field_lines(
    change: Change, style: Style, comparison: Comparison | None = None
) -> Iterator[str]:
    if change.art in (Art.VERSCHOBEN, Art.ERSETZT, Art.HINZUGEFUEGT, Art.ENTFERNT):
        return
    for item in change.felder:
        if item.feld in PROSE and isinstance(item.alt, str) and isinstance(item.neu, str):
            runs = list(segments(item.alt, item.neu))
            text = "".join(
                style(
                    kind, _shorten(part, i == 0, i == len(runs) - 1) if kind == "gleich" else part
                )
                for i, (kind, part) in enumerate(runs)
            )
        else:
            before = format_value(item.alt, item.feld, comparison, old=True)
            after = format_value(item.neu, item.feld, comparison)
            text = f"{style('alt', before)} → {style('neu', after)}"
        yield f"{item.feld}: {text}"


def grouped(comparison: Comparison) -> Iterator[tuple[str, list[Change]]]:
    """Changes by field of action (in document order), then the other kinds."""
    by_field: dict[str, list[Change]] = {}
    titles = {ident: f"Handlungsfeld {title}" for ident, title in comparison.feldtitel.items()}
    others: dict[str, list[Change]] = {}
    for change in comparison.aenderungen:
        if change.handlungsfeld is not None:
            by_field.setdefault(change.handlungsfeld, []).append(change)
        else:
            others.setdefault(change.typ, []).append(change)
    order = list(comparison.feldtitel)
    for feld in sorted(by_field, key=lambda f: order.index(f) if f in order else len(order)):
        yield titles.get(feld, f"Handlungsfeld „{feld}“"), by_field[feld]
    for typ in TYPES:
        if typ in others:
            yield TYPE_LABELS[typ][1], others[typ]


def terminal(comparison: Comparison, style: Style) -> str:
    lines = [
        style("titel", f"Vergleich: {comparison.neu.titel}"),
        *(f"  {e}" for e in editions(comparison, sources=True)),
        "",
        style("titel", "Zusammenfassung"),
        *(f"  {line}" for line in summary_lines(comparison)),
    ]
    for group, changes in grouped(comparison):
        lines += ["", style("titel", group)]
        for change in changes:
            indent = "    " if change.typ == "massnahme" else "  "
            lines.append(f"{indent}{headline(change, comparison)}")
            lines += [f"{indent}  {line}" for line in field_lines(change, style, comparison)]
    return "\n".join(lines) + "\n"


def plain_style(kind: str, text: str) -> str:
    return {"alt": f"[-{text}-]", "neu": f"{{+{text}+}}"}.get(kind, text)


def color_style(kind: str, text: str) -> str:
    import click

    if kind == "alt":
        return click.style(text, fg="red", strikethrough=True)
    if kind == "neu":
        return click.style(text, fg="green", bold=True, underline=True)
    if kind == "titel":
        return click.style(text, bold=True)
    return text


def as_json(comparison: Comparison) -> str:
    def edition(info: Any) -> dict[str, Any]:
        return {"titel": info.titel, "bezeichnung": info.bezeichnung, "nummer": info.nummer,
                "stand": info.stand, "quelle": info.quelle}  # fmt: skip

    def change(c: Change) -> dict[str, Any]:
        data: dict[str, Any] = {"art": c.art.value, "typ": c.typ, "id": c.id, "titel": c.titel,
                                "nummer_alt": c.nummer_alt, "nummer_neu": c.nummer_neu}  # fmt: skip
        if c.felder:
            data["felder"] = {f.feld: {"alt": f.alt, "neu": f.neu} for f in c.felder}
        if c.ersetzt:
            data["ersetzt"] = list(c.ersetzt)
        if c.umbenannt_von:
            data["umbenannt_von"] = c.umbenannt_von
        for key in ("handlungsfeld", "ziel", "akteur"):
            if getattr(c, key):
                data[key] = getattr(c, key)
        return data

    document = {
        "$schema": "https://ikonzept.de/schema/v1/diff.schema.json",
        "alt": edition(comparison.alt),
        "neu": edition(comparison.neu),
        "zusammenfassung": comparison.counts(),
        "aenderungen": [change(c) for c in comparison.aenderungen],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def markdown(comparison: Comparison) -> str:
    def style(kind: str, text: str) -> str:
        if kind == "alt":
            return f"~~{text.strip()}~~ " if text.strip() else text
        if kind == "neu":
            return f"**{text.strip()}** " if text.strip() else text
        return text

    lines = [f"# Vergleich: {comparison.neu.titel}", "", *(f"- {e}" for e in editions(comparison))]
    lines += ["", "## Zusammenfassung", "", *(f"- {line}" for line in summary_lines(comparison))]
    for group, changes in grouped(comparison):
        lines += ["", f"## {group}", ""]
        for change in changes:
            lines.append(f"- {headline(change, comparison)}")
            lines += [f"  - {line}" for line in field_lines(change, style, comparison)]
    return "\n".join(lines) + "\n"


def html(comparison: Comparison) -> str:
    escape = html_lib.escape

    def style(kind: str, text: str) -> str:
        if kind == "alt":
            return f"<del>{escape(text)}</del>"
        if kind == "neu":
            return f"<ins>{escape(text)}</ins>"
        return escape(text)

    body = [f"<h1>Vergleich: {escape(comparison.neu.titel)}</h1>"]
    body.append("<p>" + "<br>".join(escape(e) for e in editions(comparison)) + "</p>")
    body.append("<h2>Zusammenfassung</h2><ul>")
    body += [f"<li>{escape(line)}</li>" for line in summary_lines(comparison)]
    body.append("</ul>")
    for group, changes in grouped(comparison):
        body.append(f"<h2>{escape(group)}</h2><ul>")
        for change in changes:
            details = "".join(f"<li>{line}</li>" for line in field_lines(change, style, comparison))
            body.append(
                f"<li>{escape(headline(change, comparison))}"
                + (f"<ul>{details}</ul>" if details else "")
                + "</li>"
            )
        body.append("</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>Vergleich: {escape(comparison.neu.titel)}</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "del{text-decoration:line-through;color:#a00}ins{text-decoration:underline;"
        "font-weight:bold;color:#060}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
