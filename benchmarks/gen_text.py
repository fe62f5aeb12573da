"""German-ish prose and Markdown for the benchmark concept, from a seeded random generator.

Sentences are assembled from the word lists in ``gen_words`` so that texts read like the
sample concept (same sentence and paragraph lengths, umlauts, lists, footnotes) without
copying it. Every capital run that can appear comes from the abbreviations handed in,
which keeps the generated concept free of IK211 warnings.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import gen_words as w

WIDTH = 92  # the sample wraps Markdown at about 92 to 96 characters
_IRREGULAR = {"beraten": "berät"}
# Articles of the fixed abbreviations as they appear as a sentence subject.
_FIXED_SUBJECTS = {"KI": "das", "BAMF": "das", "VHS": "die", "JMD": "der", "AWO": "die"}
_SLUG_MAP = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "é": "e"})


def slug(text: str) -> str:
    """The id an author would write for ``text``: lower case, umlauts spelled out."""
    folded = text.lower().translate(_SLUG_MAP)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def singular(verb: str) -> str:
    """Third person singular of a regular verb from its infinitive (begleiten → begleitet)."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    stem = verb[:-2] if verb.endswith("en") else verb[:-1]
    return stem + ("et" if stem.endswith(("t", "d")) else "t")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Subject:
    """A singular organisation that may act in a sentence, e.g. ("der", "RAE")."""

    article: str
    name: str


class Prose:
    """Sentences, paragraphs and Markdown blocks; all randomness comes from ``rng``."""

    def __init__(self, rng: random.Random, subjects: Sequence[Subject] = ()) -> None:
        self.rng = rng
        self.subjects = list(subjects) + [Subject(a, k) for a, k in _FIXED_SUBJECTS.items()]

    def pick(self, items: Sequence[str]) -> str:
        return self.rng.choice(items)

    def sample(self, items: Sequence[str], low: int, high: int) -> list[str]:
        return self.rng.sample(list(items), self.rng.randint(low, min(high, len(items))))

    # --- sentences --------------------------------------------------------------------

    def sentence(self) -> str:
        """One sentence of 60 to 160 characters in one of several common shapes."""
        r = self.rng.random()
        if r < 0.35:
            verb, subject = self.pick(w.VERBS), self.pick(w.SUBJECTS)
            return f"{cap(subject)} {verb} {self.pick(w.OBJECTS)} {self.pick(w.ADVERBIALS)}."
        if r < 0.55:
            return (
                f"{self.pick(w.OPENERS)} {self.pick(w.VERBS)} {self.pick(w.SUBJECTS)} "
                f"{self.pick(w.OBJECTS)} {self.pick(w.ADVERBIALS)}."
            )
        if r < 0.72:
            return f"{self.pick(w.TOPICS)} ist {self.pick(w.STATES)}."
        if r < 0.85:
            actor = self.rng.choice(self.subjects)
            return (
                f"{cap(actor.article)} {actor.name} {singular(self.pick(w.VERBS))} "
                f"{self.pick(w.OBJECTS)} {self.pick(w.ADVERBIALS)}."
            )
        if r < 0.93:
            number = self.rng.randint(12, 2400)
            return (
                f"Nach den Angaben der Träger nahmen im Jahr {self.rng.randint(2019, 2025)} "
                f"rund {number:,} Menschen an solchen Angeboten teil.".replace(",", ".")
            )
        return self.pick(w.CONCLUSIONS)

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    # --- Markdown ---------------------------------------------------------------------

    def markdown(
        self,
        paragraphs: tuple[int, int],
        *,
        sentences: tuple[int, int] = (3, 6),
        bullets: float = 0.0,
        numbered: float = 0.0,
        footnotes: int = 0,
        emphasis: float = 0.0,
        link: float = 0.0,
        image: tuple[str, str] | None = None,
        width: int = WIDTH,
        lead: str | None = None,
    ) -> str:
        """A Markdown block ending in a newline, wrapped at ``width`` like authors do.

        Footnote references are attached to sentence ends in the text and their
        definitions follow at the bottom, as in the sample concept. ``lead`` opens the
        first paragraph (a definition, a date line).
        """
        blocks: list[str] = []
        for index in range(self.rng.randint(*paragraphs)):
            text = self.sentences(*sentences)
            if index == 0 and lead:
                text = f"{lead} {text}"
            if self.rng.random() < emphasis:
                text = self._emphasise(text)
            blocks.append(text)
        if self.rng.random() < link:
            blocks.append(
                "Weitere Informationen stehen unter "
                f"[www.example.de](https://www.example.de/{slug(self.pick(w.OFFERS))}) bereit."
            )
        if self.rng.random() < bullets:
            self._insert(blocks, "Es fehlen vor allem:", self.sample(w.LIST_ITEMS, 2, 5), False)
        if self.rng.random() < numbered:
            self._insert(blocks, "Das Vorgehen hat drei Schritte:", self._steps(), True)
        if image:
            blocks.insert(1, f"![{image[0]}]({image[1]})")
        notes = self._add_footnotes(blocks, footnotes)
        wrapped = [_wrap(block, width) for block in blocks]
        wrapped += [_wrap_item(f"[^{n}]: ", note, width, 4) for n, note in notes]
        return "\n\n".join(wrapped) + "\n"

    def _emphasise(self, text: str) -> str:
        phrase = next((o for o in w.OBJECTS if o in text), None)
        return text.replace(phrase, f"**{phrase}**", 1) if phrase else text

    def _steps(self) -> list[str]:
        return [f"**{cap(self.pick(w.MEASURE_OBJECTS))}:** {self.sentence()}" for _ in range(3)]

    def _insert(self, blocks: list[str], lead: str, items: list[str], numbered: bool) -> None:
        position = self.rng.randint(1, max(1, len(blocks)))
        if numbered:
            lines = [_wrap_item(f"{n}. ", item, WIDTH, 3) for n, item in enumerate(items, 1)]
        else:
            lines = [_wrap_item("- ", item, WIDTH, 2) for item in items]
            lines[:-1] = [line + "," for line in lines[:-1]]
            lines[-1] += "."
        blocks.insert(position, lead)
        blocks.insert(position + 1, "\n".join(lines))

    def _add_footnotes(self, blocks: list[str], count: int) -> list[tuple[int, str]]:
        prose = [i for i, b in enumerate(blocks) if b[:1].isalpha() and b.endswith(".")]
        notes: list[tuple[int, str]] = []
        for n in range(1, count + 1):
            if not prose:
                break
            index = self.rng.choice(prose)
            blocks[index] = blocks[index][:-1] + f"[^{n}]."
            prose.remove(index)
            notes.append((n, self.pick(w.FOOTNOTES)))
        return notes


def _wrap(block: str, width: int) -> str:
    """Wrap a paragraph; lists and images are already laid out and pass unchanged."""
    if block.startswith(("- ", "1. ", "![")) or "\n" in block:
        return block
    return textwrap.fill(block, width, break_long_words=False, break_on_hyphens=False)


def _wrap_item(marker: str, text: str, width: int, indent: int) -> str:
    return textwrap.fill(
        text,
        width,
        initial_indent=marker,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
