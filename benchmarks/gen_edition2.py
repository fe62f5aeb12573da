"""A second edition of the generated concept with known changes, for ``ikonzept diff``.

``second_edition(first, …)`` deep-copies the first edition's model and edits it the way an
update round does: measures reworded, their status changed, removed, added, moved to
another goal and merged (``ersetzt: [a, b]``); goals reworded, actors changed, glossary terms
added. Every edit is recorded as the change a comparison must report, in the vocabulary of
``ikonzept diff --format json`` (``art``, ``typ``, ``id``). All randomness comes from
generators of their own, so the first edition stays byte for byte the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

import gen_build as b
import gen_words as w
from gen_model import Begriff, Beratung, Concept, Massnahme, Ziel
from gen_text import Prose, Subject, cap, slug

STAND_2 = dt.date(2028, 10, 15)  # two years later: the usual update cycle
_NEW_STAENDE = (("umgesetzt", 45), ("dauerhaft", 20), ("entfallen", 15))


@dataclass(frozen=True, slots=True)
class Plan:
    """How many edits of each kind (at scale 1.0); overlaps give two changes per measure."""

    reworded: int = 150  # titel and/or beschreibung, includes the two overlaps below
    staende: int = 80
    removed: int = 40
    added: int = 60
    moved: int = 30
    merged: int = 20  # pairs, each replaced by one new measure
    goals: int = 10
    actors: int = 30
    terms: int = 20
    stand_and_reworded: int = 25  # of the status changes, also reworded
    moved_and_reworded: int = 10  # of the moved measures, also reworded

    def at(self, scale: float) -> Plan:
        return Plan(**{f.name: max(1, round(getattr(self, f.name) * scale)) for f in fields(self)})


@dataclass(frozen=True, slots=True)
class Expected:
    """One change the comparison must report; ``grund`` says which edit caused it."""

    art: str
    typ: str
    id: str
    grund: str
    ersetzt: tuple[str, ...] = ()


class _Editor:
    def __init__(self, concept: Concept, prose: Prose, rng: random.Random) -> None:
        self.c, self.prose, self.rng = concept, prose, rng
        self.expected: list[Expected] = []
        self.ids = b.Ids()
        self.ids.taken.update(m.id for m in concept.massnahmen())
        self.goal: dict[str, Ziel] = {m.id: z for z in concept.ziele() for m in z.massnahmen}
        self.order = list(concept.massnahmen())
        rng.shuffle(self.order)
        self.used: set[str] = set()

    def expect(self, art: str, typ: str, ident: str, grund: str, *ersetzt: str) -> None:
        self.expected.append(Expected(art, typ, ident, grund, tuple(ersetzt)))

    def pick(self, count: int, keep_goal: bool = False) -> Iterator[Massnahme]:
        """Unused measures in shuffled order; ``keep_goal``: never the last one of its goal."""
        taken = 0
        for m in self.order:
            if taken == count:
                return
            if m.id in self.used or (keep_goal and len(self.goal[m.id].massnahmen) < 2):
                continue
            self.used.add(m.id)
            taken += 1
            yield m

    def text(self) -> str:
        return self.prose.markdown((1, 1), sentences=(1, 2), width=86)

    def measure_title(self) -> str:
        obj, other = self.rng.sample(w.MEASURE_OBJECTS, 2)
        return cap(f"{obj} und {other} {self.rng.choice(w.MEASURE_PLACES)} bündeln")

    # --- measures -----------------------------------------------------------------------

    def merge(self, pairs: int) -> None:
        """Pairs from the same goal become one new measure in the place of the first."""
        done = 0
        for first in self.order:
            if done == pairs:
                break
            ziel = self.goal[first.id]
            others = [m for m in ziel.massnahmen if m is not first and m.id not in self.used]
            if first.id in self.used or not others:
                continue
            partner = self.rng.choice(others)
            self.used.update((first.id, partner.id))
            towns = set(first.kommunen) | set(partner.kommunen)
            titel = self.measure_title()
            merged = Massnahme(
                id=self.ids.take(titel),
                titel=titel,
                beschreibung=self.text().rstrip("\n")
                + " Sie führt zwei Maßnahmen der ersten Ausgabe zusammen.\n",
                kommunen=[k.id for k in self.c.kommunen if k.id in towns],
                akteure=list(dict.fromkeys(first.akteure + partner.akteure))[:4],
                ersetzt=[first.id, partner.id],
            )
            ziel.massnahmen[ziel.massnahmen.index(first)] = merged
            ziel.massnahmen.remove(partner)
            self.used.add(merged.id)
            self.expect("ersetzt", "massnahme", merged.id, "merged", first.id, partner.id)
            done += 1

    def remove(self, count: int) -> None:
        for m in self.pick(count, keep_goal=True):
            self.goal[m.id].massnahmen.remove(m)
            self.expect("entfernt", "massnahme", m.id, "removed")

    def add(self, count: int) -> None:
        ziele = list(self.c.ziele())
        for _ in range(count):
            obj, place, verb = (self.rng.choice(x) for x in (w.MEASURE_OBJECTS,
                                w.MEASURE_PLACES, w.MEASURE_VERBS))  # fmt: skip
            titel = cap(f"{obj} {place} neu {verb}")
            m = Massnahme(id=self.ids.take(titel), titel=titel, beschreibung=self.text(),
                          akteure=self.rng.sample([a.id for a in self.c.akteure()], 2))  # fmt: skip
            ziel = self.rng.choice(ziele)
            ziel.massnahmen.insert(self.rng.randint(0, len(ziel.massnahmen)), m)
            self.used.add(m.id)
            self.expect("hinzugefuegt", "massnahme", m.id, "added")

    def move(self, count: int) -> list[Massnahme]:
        ziele = list(self.c.ziele())
        moved: list[Massnahme] = []
        for m in self.pick(count, keep_goal=True):  # lazily: a goal is never emptied
            moved.append(m)
            source = self.goal[m.id]
            target = self.rng.choice([z for z in ziele if z is not source])
            source.massnahmen.remove(m)
            target.massnahmen.insert(self.rng.randint(0, len(target.massnahmen)), m)
            self.goal[m.id] = target
            self.expect("verschoben", "massnahme", m.id, f"moved from goal {source.id}")
        return moved

    def change_stand(self, count: int) -> list[Massnahme]:
        changed: list[Massnahme] = []
        for m in self.order:
            if len(changed) == count:
                break
            if m.id in self.used or m.stand == "entfallen":
                continue
            targets = [(s, n) for s, n in _NEW_STAENDE if s != m.stand]
            stand = self.rng.choices(*zip(*targets, strict=True))[0]
            self.used.add(m.id)
            self.expect("stand", "massnahme", m.id, f"stand {m.stand or 'offen'} -> {stand}")
            if stand == "entfallen":
                m.stand_begruendung = self.rng.choice(w.DROPPED_REASONS) + "\n"
                self.expect("geaendert", "massnahme", m.id, "stand_begruendung added")
            m.stand = stand
            changed.append(m)
        return changed

    def reword(self, measures: list[Massnahme]) -> None:
        for index, m in enumerate(measures):
            if index % 3 != 1:  # titel: another verb
                verb = next((v for v in w.MEASURE_VERBS if m.titel.endswith(f" {v}")), "")
                others = [v for v in w.MEASURE_VERBS if v != verb]
                m.titel = f"{m.titel.removesuffix(verb).rstrip()} {self.rng.choice(others)}"
            if index % 3 != 0:  # beschreibung: new or first written
                old = m.beschreibung
                while m.beschreibung == old:
                    m.beschreibung = self.text()
            self.used.add(m.id)
            self.expect("geaendert", "massnahme", m.id, "reworded")

    # --- other kinds ----------------------------------------------------------------------

    def goals(self, count: int) -> None:
        for index, ziel in enumerate(self.rng.sample(list(self.c.ziele()), count)):
            if index % 2 == 0:
                old = next(p for p in w.GOAL_PREDICATES if f" {p} " in ziel.titel)
                new = self.rng.choice([p for p in w.GOAL_PREDICATES if p != old])
                ziel.titel = ziel.titel.replace(f" {old} ", f" {new} ", 1)
            else:
                ziel.beschreibung = self.prose.markdown((1, 1), sentences=(2, 3), width=88)
            self.expect("geaendert", "ziel", ziel.id, "reworded")

    def actors(self, count: int) -> None:
        towns = [k.id for k in self.c.kommunen]
        felder = [f.id for f in self.c.handlungsfelder]
        for index, a in enumerate(self.rng.sample(list(self.c.akteure()), count)):
            mode = ("name", "telefon", "kommunen", "aufgaben", "handlungsfelder")[index % 5]
            if mode == "name":
                a.name = f"{a.name} und Umgebung"
            elif mode == "telefon":
                kontakt = {**a.kontakt, "telefon": f"0{self.rng.randint(2500, 2599)} 100-0"}
                order = ("anschrift", "telefon", "email", "web")
                a.kontakt = {k: kontakt[k] for k in order if k in kontakt}
            elif mode == "kommunen":
                extra = self.rng.choice([t for t in towns if t not in a.kommunen])
                a.kommunen = [t for t in towns if t in a.kommunen or t == extra]
            elif mode == "aufgaben":
                a.aufgaben = self.prose.markdown((1, 1), sentences=(2, 3), width=90)
            else:
                extra = self.rng.choice([f for f in felder if f not in a.handlungsfelder])
                a.handlungsfelder = [f for f in felder if f in a.handlungsfelder or f == extra]
            self.expect("geaendert", "akteur", a.id, f"{mode} changed")

    def terms(self, count: int) -> None:
        have = {t.begriff for t in self.c.glossar}
        fresh = [p + s for p in w.TERM_PREFIXES for s in w.TERM_SUFFIXES if p + s not in have]
        for term in self.rng.sample(fresh, count):
            lead = f"{term} {self.rng.choice(w.DEFINITIONS)} {self.rng.choice(w.DEFINIENDA)}."
            text = self.prose.markdown((1, 1), sentences=(1, 2), width=88, lead=lead)
            self.c.glossar.append(Begriff(term, text))
            self.expect("hinzugefuegt", "begriff", term, "added")
        self.c.glossar.sort(key=lambda t: slug(t.begriff))


def second_edition(
    first: Concept, vorgaenger: str, scale: float = 1.0, seed: int = b.SEED
) -> tuple[Concept, list[Expected]]:
    """The first edition with known edits; ``vorgaenger`` is the path to the first."""
    plan = Plan().at(scale)
    sizes = b.Sizes.at(scale)
    subjects: list[Subject] = b.abkuerzungen(sizes.abkuerzungen, b.rng_for(seed, "abk"))[1]
    concept = copy.deepcopy(first)
    edit = _Editor(
        concept,
        Prose(b.rng_for(seed, "text-edition-2"), subjects),
        b.rng_for(seed, "edition-2"),
    )
    # Disjoint sets first (merged, removed), then the ones that may overlap on purpose.
    edit.merge(plan.merged)
    edit.remove(plan.removed)
    moved = edit.move(plan.moved)
    staende = edit.change_stand(plan.staende)
    edit.reword(moved[: plan.moved_and_reworded] + staende[: plan.stand_and_reworded])
    rest = plan.reworded - plan.moved_and_reworded - plan.stand_and_reworded
    edit.reword(list(edit.pick(rest)))
    edit.add(plan.added)
    edit.goals(plan.goals)
    edit.actors(plan.actors)
    edit.terms(plan.terms)
    concept.nummer, concept.stand, concept.vorgaenger = 2, STAND_2, vorgaenger
    if concept.vorlage is not None:
        concept.vorlage = replace(
            concept.vorlage,
            nummer="SV-13-0412",
            datum=dt.date(2028, 10, 20),
            beratungsfolge=[
                Beratung("Integrationsausschuss", dt.date(2028, 11, 9), "Vorberatung"),
                Beratung("Kreisausschuss", dt.date(2028, 11, 23), "Empfehlung"),
                Beratung("Kreistag", dt.date(2028, 12, 14), "Entscheidung"),
            ],
            bezug=["SV-11-0815"],
        )
    return concept, edit.expected
