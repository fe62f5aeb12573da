"""The actor directory as the web page filters it: one entry per actor with its facets.

Facets are what the filters ask: where an actor works (none listed: county-wide, which
counts everywhere), its kind, its fields of action (declared, or named in a measure of the
field) and the languages of its offers. The search text holds what the entry does not
show (tasks, offer descriptions, target groups), folded the way ``site.js`` folds a query.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from ikonzept.model import Akteur, Konzept
from ikonzept.render.content.labels import ACTOR_KIND, language

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_MARKUP = re.compile(r"[*_`#>\[\]()|~]|\bhttps?://\S+|\[\^\d+\]")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_NOTE = re.compile(r"^\[\^[^\]]+\]:.*(?:\n[ \t]+.*)*|\[\^[^\]]+\]", re.M)
_EMPHASIS = re.compile(r"[*_`]+|^[ \t]*(?:#+|>)[ \t]*", re.M)


def plain(markdown: str) -> str:
    """A Markdown text as one line of plain text: links as their words, no markup."""
    text = _LINK.sub(r"\1", _NOTE.sub("", markdown))
    return " ".join(_EMPHASIS.sub("", text).split())


def fold(text: str) -> str:
    """Lower case, umlauts written out, accents dropped: „Dülmen“ and „Duelmen“ meet.

    site.js folds the query with the same steps; a test keeps the two in step.
    """
    lowered = text.lower().translate(_UMLAUTS)
    plain = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in plain if not unicodedata.combining(c))


def search_words(*texts: str | None) -> str:
    """The distinct words of some texts, folded; what a query's words are looked up in."""
    seen: dict[str, None] = {}
    for text in texts:
        if text:
            for word in _WORD.findall(fold(_MARKUP.sub(" ", text))):
                seen.setdefault(word, None)
    return " ".join(seen)


@dataclass(frozen=True, slots=True)
class Entry:
    akteur: Akteur
    art: str  # „Bildungsträger“
    orte: tuple[str, ...]  # names of the municipalities; empty: county-wide
    felder: tuple[str, ...]  # ids of fields of action
    sprachen: tuple[str, ...]  # language codes of its offers
    suchtext: str


def language_order(code: str) -> tuple[bool, str]:
    """German first, then the others by their German names."""
    return code != "de", fold(language(code))


def entries(konzept: Konzept) -> list[Entry]:
    """Every actor, sorted by name as a reader looks them up."""
    names = {k.id: k.name for k in konzept.kommunen}
    named_in: dict[str, set[str]] = defaultdict(set)
    for feld, _ziel, massnahme in konzept.massnahmen():
        for ident in massnahme.akteure:
            named_in[ident].add(feld.id)
    order = {f.id: (f.reihenfolge, f.id) for f in konzept.handlungsfelder}
    result = []
    for akteur in sorted(konzept.akteure, key=lambda a: (fold(a.name), a.id)):
        felder = set(akteur.handlungsfelder) | named_in[akteur.id]
        # Sorted: a set's order changes from run to run, and the page would with it.
        sprachen = sorted(
            {code for angebot in akteur.angebote for code in angebot.sprachen}, key=language_order
        )
        texts = [akteur.aufgaben]
        for angebot in akteur.angebote:
            texts += [angebot.beschreibung, angebot.zielgruppe]
        result.append(
            Entry(
                akteur=akteur,
                art=ACTOR_KIND.get(akteur.art, akteur.art),
                orte=tuple(names.get(k, k) for k in akteur.kommunen),
                felder=tuple(sorted((f for f in felder if f in order), key=order.__getitem__)),
                sprachen=tuple(sprachen),
                suchtext=search_words(*texts, *(language(c) for c in sprachen)),
            )
        )
    return result
