"""Rules across editions: what an update round must keep from the previous edition."""

from __future__ import annotations

from collections.abc import Iterator

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.domain.context import Context
from ikonzept.domain.identity import identified
from ikonzept.load.sources import Kind
from ikonzept.model import Konzept, Origin
from ikonzept.model.numbering import numbers

# The kinds with their indefinite article: „ein Ziel“, „eine Maßnahme“ („k“ + it: „kein Ziel“).
_KINDS = {
    "handlungsfeld": "ein Handlungsfeld",
    "ziel": "ein Ziel",
    "massnahme": "eine Maßnahme",
    "akteur": "ein Akteur",
    "angebot": "ein Angebot",
    "rechtsgrundlage": "eine Rechtsgrundlage",
    "kapitel": "ein Kapitel",
}


def _kinds(konzept: Konzept) -> dict[str, dict[str, Origin]]:
    """Every id of the kinds that keep theirs across editions → kind → where (ids are unique
    only within their kind)."""
    found: dict[str, dict[str, Origin]] = {}
    for kind, ident, origin in identified(konzept):
        if kind in _KINDS:
            found.setdefault(ident, {}).setdefault(kind, origin)
    return found


def same_kinds(konzept: Konzept, context: Context) -> Iterator[Finding]:
    """An id that named one kind and now names another (and no longer the first)."""
    if context.previous is None:
        return
    before = _kinds(context.previous)
    for ident, kinds in _kinds(konzept).items():
        old = before.get(ident, {})
        gone = [kind for kind in old if kind not in kinds]
        for kind, origin in kinds.items():
            if kind not in old and gone:
                yield finding(
                    "IK217",
                    origin.file,
                    f"„{ident}“ war in der vorigen Ausgabe {_KINDS[gone[0]]} und ist "
                    f"jetzt {_KINDS[kind]}. Geben Sie dem neuen Eintrag eine eigene ID.",
                    path=(*origin.path, "id"),
                )


def replaced_ids(konzept: Konzept, context: Context) -> Iterator[Finding]:
    if context.previous is None:
        return
    before = _kinds(context.previous)
    for feld in konzept.handlungsfelder:
        for ziel in feld.ziele:
            items = [("ziel", ziel.ersetzt, ziel.origin)]
            items += [("massnahme", m.ersetzt, m.origin) for m in ziel.massnahmen]
            for kind, ersetzt, origin in items:
                for index, ident in enumerate(ersetzt):
                    if kind not in before.get(ident, {}):
                        yield finding(
                            "IK218",
                            origin.file,
                            f"„ersetzt“ nennt „{ident}“, aber die vorige Ausgabe hat "
                            f"k{_KINDS[kind]} mit dieser ID.",
                            path=(*origin.path, "ersetzt", index),
                        )


def silent_removals(konzept: Konzept, context: Context) -> Iterator[Finding]:
    previous = context.previous
    if previous is None or Kind.HANDLUNGSFELD in context.incomplete:
        return  # a field that did not load is not a field whose measures were removed
    current = {m.id for _f, _z, m in konzept.massnahmen()}
    replaced = {ident for _f, _z, m in konzept.massnahmen() for ident in m.ersetzt}
    fields = {feld.id: feld for feld in konzept.handlungsfelder}
    numbering = numbers(previous)
    for feld, _ziel, massnahme in previous.massnahmen():
        if massnahme.id in current or massnahme.id in replaced:
            continue
        where = fields.get(feld.id)
        file, path = (
            (where.origin.file, ("ziele",))
            if where
            else (konzept.origin.file, ("ausgabe", "vorgaenger"))
        )
        yield finding(
            "IK219",
            file,
            f"Maßnahme {numbering.massnahmen[massnahme.id]} „{massnahme.titel}“ "
            f"({massnahme.id}) der vorigen Ausgabe fehlt, ohne Vermerk. Behalten Sie sie mit "
            "„stand: entfallen“ und Begründung, oder nennen Sie sie unter „ersetzt“.",
            path=path,
        )
