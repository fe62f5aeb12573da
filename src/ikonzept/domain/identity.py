"""Identity rules: ids, orders, glossary terms and abbreviations are unique."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.domain.context import Context
from ikonzept.model import Konzept, Origin

_KIND_NAMES = {
    "handlungsfeld": "Handlungsfeld",
    "ziel": "Ziel",
    "massnahme": "Maßnahme",
    "akteur": "Akteur",
    "angebot": "Angebot",
    "kapitel": "Kapitel",
    "rechtsgrundlage": "Rechtsgrundlage",
    "kommune": "Kommune",
}


def identified(konzept: Konzept) -> Iterator[tuple[str, str, Origin]]:
    """(kind, id, where) of everything that has an id, in the order of the concept."""
    for kommune in konzept.kommunen:
        yield "kommune", kommune.id, kommune.origin
    for kapitel in konzept.kapitel:
        yield "kapitel", kapitel.id, kapitel.origin
    for feld in konzept.handlungsfelder:
        yield "handlungsfeld", feld.id, feld.origin
        for ziel in feld.ziele:
            yield "ziel", ziel.id, ziel.origin
            for massnahme in ziel.massnahmen:
                yield "massnahme", massnahme.id, massnahme.origin
    for akteur in konzept.akteure:
        yield "akteur", akteur.id, akteur.origin
        for angebot in akteur.angebote:
            yield "angebot", angebot.id, angebot.origin
    for grundlage in konzept.rechtsgrundlagen:
        yield "rechtsgrundlage", grundlage.id, grundlage.origin


def _first_seen(origin: Origin) -> str:
    return f"„{origin.file}“"


def unique_ids(konzept: Konzept, context: Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str], Origin] = {}
    for kind, ident, origin in identified(konzept):
        first = seen.get((kind, ident))
        if first is None:
            seen[(kind, ident)] = origin
        else:
            yield finding(
                "IK201",
                origin.file,
                f"Die ID „{ident}“ ist für {_KIND_NAMES[kind]} bereits vergeben (in "
                f"{_first_seen(first)}). Jede ID darf je Art nur einmal vorkommen, auch über "
                "Dateien hinweg; vergeben Sie eine neue.",
                path=(*origin.path, "id"),
            )


def unique_order(konzept: Konzept, context: Context) -> Iterator[Finding]:
    seen: dict[int, str] = {}
    for feld in konzept.handlungsfelder:
        other = seen.get(feld.reihenfolge)
        if other is None:
            seen[feld.reihenfolge] = feld.id
        else:
            yield finding(
                "IK215",
                feld.origin.file,
                f"Die Reihenfolge {feld.reihenfolge} hat auch das Handlungsfeld „{other}“. "
                "Geben Sie jedem Handlungsfeld eine eigene Position.",
                path=("reihenfolge",),
            )


def unique_terms(konzept: Konzept, context: Context) -> Iterator[Finding]:
    yield from _duplicates(
        ((b.begriff, b.origin) for b in konzept.glossar), "IK209", "Der Begriff", "begriff"
    )
    yield from _duplicates(
        ((a.kuerzel, a.origin) for a in konzept.abkuerzungen), "IK210", "Die Abkürzung", "kuerzel"
    )


def _duplicates(
    entries: Iterable[tuple[str, Origin]], rule: str, label: str, key: str
) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for name, origin in entries:
        first = seen.get(name.casefold())
        if first is None:
            seen[name.casefold()] = name
        else:
            yield finding(
                rule,
                origin.file,
                f"{label} „{name}“ steht bereits im Verzeichnis (als „{first}“). Führen Sie die "
                "Einträge zusammen.",
                path=(*origin.path, key),
            )
