"""Glossary and abbreviations written as paragraphs rather than a table: „Begriff –
Erklärung“, „Begriff: Erklärung“, a bold term and then its explanation, or term and
explanation separated by a tab. Read only under a heading that names the glossary or the
abbreviations, and only where most paragraphs there have one of these forms; a paragraph
without the form that follows an entry continues its explanation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ikonzept.importer.walk import Block

_BOLD = re.compile(r"^\*\*(?P<term>[^*]{1,80}?)\*\*\s*(?:[–—:-]\s*)?(?P<text>\S.*)$", re.S)
_TAB = re.compile(r"^(?P<term>[^\t]{1,80}?)\t+(?P<text>\S.*)$", re.S)
_DASH = re.compile(r"^(?P<term>[^–—\t]{1,80}?)\s+[–—-]\s+(?P<text>\S.*)$", re.S)
_COLON = re.compile(r"^(?P<term>[^:\t]{1,80}?):\s+(?P<text>\S.*)$", re.S)
_FORMS = (_BOLD, _TAB, _DASH, _COLON)
_MARKUP = re.compile(r"\*\*|__|(?<!\\)[*_`]|\\(?=[\\*_\[\]`<])")
# „AufenthG“, „SGB II“, „KI“, „U3“: short, no lower-case word of four letters or more
_ABBREVIATION = re.compile(r"^(?=.*[A-ZÄÖÜ].*[A-ZÄÖÜ0-9])(?!.*\b[a-zäöüß]{4,}\b)\S.{0,15}$")
GLOSSARY_TITLE = re.compile(r"glossar|begriffserkl|begriffe", re.I)
ABBREVIATION_TITLE = re.compile(r"abkürzung", re.I)


@dataclass(frozen=True, slots=True)
class Term:
    term: str  # plain text
    text: str  # the explanation, Markdown
    abbreviation: bool  # looks like an abbreviation („AufenthG“), not a term


def plain(markdown: str) -> str:
    """Markdown emphasis and escapes removed."""
    return " ".join(_MARKUP.sub("", markdown).split())


def abbreviated(text: str) -> bool:
    """„AufenthG“, „SGB II“, „TIntG NRW“: short, capitals or digits twice, no lower-case
    word of four letters or more („Aufenthaltsgesetz“ is a word, not a short name)."""
    return bool(_ABBREVIATION.match(text))


def split(text: str) -> Term | None:
    """A paragraph's term and explanation, where it has one of the forms."""
    for form in _FORMS:
        found = form.match(text.strip())
        if found is None:
            continue
        term = plain(found.group("term")).rstrip(":–—- ").strip()
        explanation = " ".join(found.group("text").replace("\t", " ").split())
        if term and len(term.split()) <= 8 and explanation and not term.endswith((".", ",")):
            return Term(term, explanation, abbreviated(term))
    return None


def kind_of_section(titles: Sequence[str]) -> str | None:
    """„glossar“, „abkuerzungen“, „beides“ (a heading naming both) or None."""
    under = " ".join(titles[-2:])
    glossary, abbreviations = GLOSSARY_TITLE.search(under), ABBREVIATION_TITLE.search(under)
    if glossary and abbreviations:
        return "beides"
    return "abkuerzungen" if abbreviations else "glossar" if glossary else None


def entries(blocks: Sequence[Block]) -> tuple[list[Term], list[Block]] | None:
    """The terms in a section's paragraphs and the blocks that stay text; None where the
    paragraphs do not read as a list of terms (fewer than two, or not most of them)."""
    texts = [b for b in blocks if b.kind in ("para", "item")]
    terms = {b.number: split(b.text) for b in texts}
    matching = [t for t in terms.values() if t is not None]
    if len(matching) < 2 or len(matching) * 2 < len(texts):
        return None
    found: list[Term] = []
    kept: list[Block] = []
    for block in blocks:
        term = terms.get(block.number) if block.kind in ("para", "item") else None
        if term is not None:
            found.append(term)
        elif found and block.kind in ("para", "item"):
            last = found[-1]  # a further paragraph of the explanation
            found[-1] = Term(last.term, f"{last.text}\n\n{block.text}", last.abbreviation)
        else:
            kept.append(block)
    return found, kept
