"""Build the in-memory model of the large benchmark concept, deterministically.

Each part draws from its own random generator seeded with ``f"{seed}-{part}"``, so that
changing how many items one part has (or adding a part) leaves the others unchanged; a
second edition built on top of this stays comparable item by item.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

import gen_words as w
from gen_model import (
    Abkuerzung,
    Begriff,
    Beteiligung,
    Handlungsfeld,
    Kapitel,
    Kommune,
    Massnahme,
    Rechtsgrundlage,
    Ziel,
)
from gen_text import Prose, Subject, cap, slug

SEED = 20261125
STAND = dt.date(2026, 11, 15)


@dataclass(frozen=True, slots=True)
class Sizes:
    """How many items of each kind; ``Sizes.at(1.0)`` is the brief's large concept."""

    felder: int
    ziele: int
    massnahmen: int
    akteure: int
    glossar: int
    abkuerzungen: int
    rechtsgrundlagen: int
    beteiligung: int
    kommunen: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        def n(base: int, low: int = 1) -> int:
            return max(low, round(base * scale))

        felder = n(15)
        ziele = n(120, felder)
        return cls(
            felder=felder,
            ziele=ziele,
            massnahmen=n(1000, ziele),
            akteure=n(1000, 4),
            glossar=n(300, 2),
            abkuerzungen=n(150, len(w.FIXED_ABBREVIATIONS) + 1),
            rechtsgrundlagen=n(20),
            beteiligung=n(40),
            kommunen=n(30, 3),
        )


def rng_for(seed: int, part: str) -> random.Random:
    """A generator of its own for each part (string seeds are stable across runs)."""
    return random.Random(f"{seed}-{part}")


class Ids:
    """Hands out unique ids within one kind: the slug, then slug-2, slug-3, …"""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, text: str, words: int = 6) -> str:
        base = "-".join(slug(text).split("-")[:words])
        ident, n = base, 1
        while ident in self.taken:
            n += 1
            ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` positive, unevenly sized counts."""
    counts = [1] * parts
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    for index in rng.choices(range(parts), weights, k=total - parts):
        counts[index] += 1
    return counts


def some(rng: random.Random, items: Sequence[str], low: int, high: int) -> list[str]:
    """A random selection in the items' own order (as an author lists municipalities)."""
    chosen = set(rng.sample(list(items), rng.randint(low, min(high, len(items)))))
    return [item for item in items if item in chosen]


# --- parts ---------------------------------------------------------------------------


def kommunen(count: int, rng: random.Random) -> list[Kommune]:
    base = [stem + end for stem in w.TOWN_STEMS for end in w.TOWN_ENDINGS]
    rng.shuffle(base)
    names, prefixes = list(base), iter(("Nieder", "Ober", "Mittel", "Groß", "Klein"))
    while len(names) < count:  # beyond 216 towns: "Nieder-Lindenberg", …
        prefix = next(prefixes)
        names += [f"{prefix}-{name}" for name in base]
    return sorted((Kommune(slug(n), n) for n in names[:count]), key=lambda k: k.id)


def abkuerzungen(count: int, rng: random.Random) -> tuple[list[Abkuerzung], list[Subject]]:
    """Defined abbreviations, and the organisations they name for use as sentence subjects."""
    result = [Abkuerzung(k, b) for k, b in w.FIXED_ABBREVIATIONS]
    seen = {a.kuerzel.casefold() for a in result}
    subjects: list[Subject] = []
    endings = {"der": "er", "die": "e", "das": "es"}
    for _ in range(count * 200):  # about 2,000 distinct initials exist; stop short of them
        if len(result) >= count:
            break
        adjective, (head, gender), topic = (
            rng.choice(w.ABBR_ADJECTIVES),
            rng.choice(w.ABBR_HEADS),
            rng.choice(w.ABBR_TOPICS),
        )
        meaning = f"{adjective}{endings[gender]} {head} {topic}"
        kuerzel = "".join(word[0] for word in meaning.split() if word[0].isupper())
        if kuerzel.casefold() in seen:
            continue
        seen.add(kuerzel.casefold())
        result.append(Abkuerzung(kuerzel, meaning))
        subjects.append(Subject(gender, kuerzel))
    return sorted(result, key=lambda a: a.kuerzel.casefold()), subjects


def felder_und_ziele(
    sizes: Sizes, prose: Prose, rng: random.Random
) -> tuple[list[Handlungsfeld], list[list[Massnahme]]]:
    """Fields of action with their goals; returns each goal's (still empty) measure list."""
    felder: list[Handlungsfeld] = []
    slots: list[list[Massnahme]] = []
    goal_ids = Ids()
    for number, goals in enumerate(spread(sizes.ziele, sizes.felder, rng), 1):
        ident, titel, saeule, *topics = w.FIELDS[(number - 1) % len(w.FIELDS)]
        if number > len(w.FIELDS):
            round_ = (number - 1) // len(w.FIELDS) + 1
            ident, titel = f"{ident}-{round_}", f"{titel} ({round_})"
        text = prose.markdown(
            (3, 5), bullets=0.7, footnotes=rng.randint(0, 2), emphasis=0.4, link=0.3
        )
        feld = Handlungsfeld(ident, number, titel, saeule, text)
        for _ in range(goals):
            group, topic = rng.choice(w.GOAL_GROUPS), rng.choice(topics)
            ziel = Ziel(
                id=goal_ids.take(f"{group} {topic}"),
                titel=f"{group} {rng.choice(w.GOAL_PREDICATES)} {topic}",
                beschreibung=prose.markdown((1, 1), sentences=(2, 3), width=88)
                if rng.random() < 0.7
                else None,
                indikatoren=prose.sample(w.INDICATORS, 0, 3),
            )
            feld.ziele.append(ziel)
            slots.append(ziel.massnahmen)
        felder.append(feld)
    return felder, slots


_STAENDE = (
    (None, 70), ("in_umsetzung", 12), ("umgesetzt", 6), ("dauerhaft", 5),
    ("zurueckgestellt", 4), ("entfallen", 3),
)  # fmt: skip


def massnahmen(
    slots: list[list[Massnahme]],
    total: int,
    kommune_ids: list[str],
    akteur_ids: list[str],
    prose: Prose,
    rng: random.Random,
) -> None:
    """Fill every goal with measures that reference existing actors and municipalities."""
    ids = Ids()
    staende, weights = zip(*_STAENDE, strict=True)
    for slot, count in zip(slots, spread(total, len(slots), rng), strict=True):
        for _ in range(count):
            obj, place, verb = (
                rng.choice(w.MEASURE_OBJECTS),
                rng.choice(w.MEASURE_PLACES),
                rng.choice(w.MEASURE_VERBS),
            )
            stand = rng.choices(staende, weights)[0]
            slot.append(
                Massnahme(
                    id=ids.take(f"{obj} {place} {verb}"),
                    titel=cap(f"{obj} {place} {verb}"),
                    beschreibung=prose.markdown((1, 1), sentences=(1, 2), width=86)
                    if rng.random() < 0.65
                    else None,
                    kommunen=some(rng, kommune_ids, 1, 4) if rng.random() < 0.35 else [],
                    akteure=rng.sample(akteur_ids, rng.randint(1, 3))
                    if rng.random() < 0.85
                    else [],
                    stand=stand,
                    stand_begruendung=rng.choice(w.DROPPED_REASONS) + "\n"
                    if stand == "entfallen"
                    else None,
                )
            )


def glossar(count: int, prose: Prose, rng: random.Random) -> list[Begriff]:
    """Compound terms in alphabetical order; about 30 % point to other terms with ``siehe``."""
    terms = [p + s for p in w.TERM_PREFIXES for s in w.TERM_SUFFIXES]
    rng.shuffle(terms)
    if count > len(terms):  # scale > 3: three-part compounds
        more = [p + q.lower() + s for p in w.TERM_PREFIXES for q in w.TERM_PREFIXES
                for s in w.TERM_SUFFIXES if p != q]  # fmt: skip
        rng.shuffle(more)
        terms += more
    terms = sorted(terms[:count], key=slug)
    result = []
    for term in terms:
        first = f"{term} {rng.choice(w.DEFINITIONS)} {rng.choice(w.DEFINIENDA)}."
        text = prose.markdown((1, 1), sentences=(1, 2), width=88, lead=first)
        others = [t for t in rng.sample(terms, 3) if t != term]
        siehe = others[: rng.randint(1, 3)] if rng.random() < 0.3 else []
        result.append(Begriff(term, text, siehe))
    return result


def rechtsgrundlagen(count: int, prose: Prose, rng: random.Random) -> list[Rechtsgrundlage]:
    ids = Ids()
    result = []
    for index in range(count):
        law = w.LAWS[index % len(w.LAWS)]
        if index >= len(w.LAWS):
            law = f"{law}, Novelle {index // len(w.LAWS) + 1}"
        day, year, page = rng.randint(1, 28), rng.randint(1990, 2025), rng.randint(12, 3400)
        result.append(
            Rechtsgrundlage(
                id=ids.take(law),
                titel=law,
                fundstelle=f"In der Fassung der Bekanntmachung vom {day}.{rng.randint(1, 12)}."
                f"{year} (BGBl. I S. {page})",
                beschreibung=prose.markdown((1, 2), sentences=(2, 4), width=88),
            )
        )
    return result


def beteiligung(
    count: int, towns: Sequence[Kommune], prose: Prose, rng: random.Random
) -> list[Beteiligung]:
    start, days = dt.date(2025, 1, 15), (STAND - dt.date(2025, 1, 15)).days
    dates = sorted(start + dt.timedelta(days=rng.randrange(days)) for _ in range(count))
    result = []
    for datum in dates:
        form = rng.choice(w.FORMATS)
        lead = f"{form} in {rng.choice(towns).name} mit rund {rng.randint(8, 180)} Teilnehmenden."
        text = prose.markdown((1, 1), sentences=(1, 3), width=88, lead=lead)
        result.append(Beteiligung(datum, form, text))
    return result


def kapitel(prose: Prose, rng: random.Random) -> list[Kapitel]:
    result = []
    for ident, titel in w.CHAPTERS:
        image = ("Karte des Kreises", "bilder/kreiskarte.svg") if ident == "ausgangslage" else None
        text = prose.markdown(
            (3, 6),
            bullets=0.5,
            numbered=0.3,
            footnotes=rng.randint(0, 2),
            emphasis=0.3,
            link=0.3,
            image=image,
        )
        result.append(Kapitel(ident, titel, text))
    return result
