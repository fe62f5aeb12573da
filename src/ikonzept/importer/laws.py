"""Legal bases (``rechtsgrundlagen.yaml``) from a chapter that names them („Rechtliche
Grundlagen“): one law per sub-heading, per bold-led paragraph or per list item naming a
law. From the words: the title, the short name in brackets at its end („(AufenthG)“), the
place of publication („vom 25. Februar 2008 (BGBl. I S. 162)“, „in der Fassung …“), and
the paragraphs after it as the description."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ikonzept.importer.terms import abbreviated, plain
from ikonzept.importer.walk import Block

LEGAL_TITLE = re.compile(
    r"rechtsgrundlage|rechtliche\w* grundlage|gesetzliche\w* grundlage|rechtliche\w* rahmen", re.I
)
LAW = re.compile(
    r"gesetz|verordnung|\bSGB\b|richtlinie|erlass|\bGG\b|konvention|charta|übereinkommen", re.I
)
_SOURCE = re.compile(
    r"(?:^|[,;]?\s+)(?P<source>(?:vom|in der fassung|i\.\s?d\.\s?f\.|artikel \d+\w* des "
    r"gesetzes vom|art\. \d+\w* des gesetzes vom)\b.*)$",
    re.I | re.S,
)
_GAZETTE = re.compile(r"BGBl|GV\.\s?NRW|GVBl|Amtsblatt|ABl\.", re.I)
_SHORT = re.compile(r"\s*\((?P<short>[^()]{1,20})\)\s*$")
_LEAD = re.compile(r"^\*\*(?P<head>[^*]{3,300}?)\*\*\s*(?:[–—:,-]\s*)?(?P<rest>.*)$", re.S)
_SPLIT = re.compile(r"^(?P<head>[^–—:]{3,300}?)(?:\s+[–—-]\s+|:\s+)(?P<rest>\S.*)$", re.S)


@dataclass(slots=True)
class Law:
    titel: str
    kurz: str | None = None
    fundstelle: str | None = None
    beschreibung: list[str] = field(default_factory=list)  # Markdown paragraphs
    quelle: str = ""  # the place in the document, for the report

    def as_data(self, ident: str) -> dict[str, Any]:
        data: dict[str, Any] = {"id": ident, "titel": self.titel}
        if self.kurz:
            data["kurz"] = self.kurz
        if self.fundstelle:
            data["fundstelle"] = self.fundstelle
        if self.beschreibung:
            data["beschreibung"] = "\n\n".join(self.beschreibung)
        return data


def is_legal(titles: Sequence[str]) -> bool:
    return bool(titles) and bool(LEGAL_TITLE.search(titles[-1]))


def from_heading(heading: Block) -> Law:
    """A sub-heading naming one law: „Aufenthaltsgesetz (AufenthG)“."""
    from ikonzept.importer.structure import title_of

    law = _named(plain(title_of(heading)[0]))
    law.quelle = f"{heading.where}, Überschrift „{heading.text}“"
    return law


def source_line(text: str) -> str | None:
    """A paragraph that is only the place of publication („Vom 13. Dezember 2004 (BGBl. …)“,
    „Fundstelle: …“), as the text to keep."""
    words = plain(text)
    words = re.sub(r"^fundstelle\s*:\s*", "", words, flags=re.I)
    if len(words) > 400:
        return None
    if re.match(r"(vom|in der fassung|artikel|art\.)\s", words, re.I) or (
        _GAZETTE.search(words) and not LAW.search(words.split("(")[0])
    ):
        return words.rstrip(".") if words.count(".") <= 1 else words
    return None


def from_paragraph(block: Block) -> Law | None:
    """A paragraph or list item that names a law: bold-led, „Gesetz – was es regelt“, or a
    short line naming it."""
    text = block.text.strip()
    found = _LEAD.match(text)
    if found and LAW.search(found.group("head")):
        law = _named(plain(found.group("head")))
        rest = found.group("rest").strip()
        if rest:
            _add(law, rest)
        return law
    found = _SPLIT.match(text)
    if found and LAW.search(plain(found.group("head"))):
        law = _named(plain(found.group("head")))
        _add(law, found.group("rest").strip())
        return law
    words = plain(text)
    if (
        LAW.search(words)
        and len(words) <= 300
        and not re.search(r"[a-zäöüß]{3}[.!?]\s+[A-ZÄÖÜ]", words)
    ):
        law = _named(words.rstrip("."))
        # a list item names a law; a paragraph only where it shows a short name or source
        if block.kind == "item" or law.kurz or law.fundstelle:
            return law
    return None


def describe(law: Law, block: Block) -> None:
    """A paragraph after the law's name: its place of publication or its description."""
    _add(law, block.text.strip())


def _add(law: Law, text: str) -> None:
    source = None if law.fundstelle or law.beschreibung else source_line(text)
    if source:
        law.fundstelle = source
    elif text:
        law.beschreibung.append(text)


def _named(text: str) -> Law:
    """Title, short name and place of publication out of one line."""
    words = " ".join(text.split()).rstrip(" ,;")
    source = None
    found = _SOURCE.search(words)
    if found and found.start("source") > 0:
        source = found.group("source").strip()
        source = source[0].upper() + source[1:]
        words = words[: found.start()].rstrip(" ,;")
    short = _SHORT.search(words)
    kurz = None
    if short and abbreviated(short.group("short").strip()):
        if _GAZETTE.search(short.group("short")):  # „(BGBl. I S. 162)“ is a source
            source = source or short.group("short").strip()
        else:
            kurz = short.group("short").strip()
        words = words[: short.start()].rstrip(" ,;")
    return Law(words or text, kurz, source)


def laws(blocks: Sequence[Block]) -> tuple[list[Law], list[Block]]:
    """The laws named in a legal chapter's paragraphs, and the blocks that stay text (what
    comes before the first law)."""
    found: list[Law] = []
    kept: list[Block] = []
    for block in blocks:
        law = from_paragraph(block) if block.kind in ("para", "item") else None
        if law is not None and (block.kind == "item" or not found or _starts_law(block)):
            law.quelle = block.where + (", Listenpunkt" if block.kind == "item" else "")
            found.append(law)
        elif found and block.kind in ("para", "item"):
            describe(found[-1], block)
        else:
            kept.append(block)
    return found, kept


def _starts_law(block: Block) -> bool:
    """After a first law, a paragraph opens the next only when it is led by the name (bold,
    or a short line), not when it merely mentions a law in a description."""
    text = block.text.strip()
    return bool(_LEAD.match(text)) or (len(plain(text)) <= 300 and not text.endswith("."))
