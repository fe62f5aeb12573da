"""The recognised structure as the files of a concept folder (as plain data), with what the
report says about each piece: where in the document it came from, and what a person must
check."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ikonzept.importer import laws, terms
from ikonzept.importer.structure import Levels, Section, title_of
from ikonzept.importer.tables import Directories, add_entry, kind_of, take
from ikonzept.importer.walk import Block


@dataclass(slots=True)
class Found:
    """One recognised item for the report."""

    art: str  # „Handlungsfeld“, „Ziel“, „Maßnahme“, „Kapitel“, „Rechtsgrundlage“
    nummer: str  # ours
    titel: str
    quelle: str  # „Absatz 12, 4.1.2 Überschrift“
    dokument: str | None = None  # the document's own number, where it shows one


@dataclass(slots=True)
class Draft:
    kapitel: list[dict[str, Any]] = field(default_factory=list)
    felder: list[dict[str, Any]] = field(default_factory=list)
    gefunden: list[Found] = field(default_factory=list)
    pruefen: list[str] = field(default_factory=list)  # what a person must check
    ids: set[str] = field(default_factory=set)
    verzeichnisse: Directories = field(default_factory=Directories)
    akteur_ids: set[str] = field(default_factory=set)


def slug(text: str, taken: set[str], fallback: str) -> str:
    """A readable id from a title, unique among ``taken`` (which it joins)."""
    plain = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    plain = plain.replace("ß", "ss")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w]
    base = "-".join(words[:6])[:48].strip("-") or fallback
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def law_id(law: laws.Law, taken: set[str]) -> str:
    """„aufenthaltsgesetz“ from „Gesetz über den Aufenthalt … (Aufenthaltsgesetz)“; else
    from a short title, the short name, or the first words."""
    named = re.search(r"\((\w+)\)", law.titel)
    short_title = len(law.titel.split()) <= 4
    source = named.group(1) if named else law.titel if short_title else law.kurz or law.titel
    return slug(source, taken, "rechtsgrundlage")


def markdown(blocks: Sequence[Block], sections: Sequence[Section] = (), depth: int = 2) -> str:
    """Blocks and the sections below them as one Markdown text (sub-headings as ##…)."""
    parts: list[str] = []
    notes: list[tuple[str, str]] = []
    previous = ""
    for block in blocks:
        notes += block.footnotes
        if block.kind == "item":
            marker = "1." if block.ordered else "-"
            line = f"{'   ' * block.level}{marker} {block.text}"
            if previous == "item":
                parts[-1] += "\n" + line
            else:
                parts.append(line)
        elif block.text:
            parts.append(block.text.replace("\t", " "))
        previous = block.kind
    for section in sections:
        assert section.heading is not None
        title, _number = title_of(section.heading)
        parts.append(f"{'#' * min(depth, 6)} {title}")
        inner = markdown(section.content, section.children, depth + 1)
        if inner:
            parts.append(inner)
    parts += [f"[^{marker}]: {text}" for marker, text in notes if text]
    return "\n\n".join(p for p in parts if p.strip())


def _place(section: Section) -> str:
    heading = section.heading
    assert heading is not None
    if heading.pseudo:
        return f"{heading.where}, fett gesetzt „{heading.text}“ (als Überschrift gelesen)"
    label = f"{heading.label} " if heading.label else ""
    return f"{heading.where}, Überschrift „{label}{heading.text}“"


def _document_number(heading: Block, typed: str | None, draft: Draft) -> str | None:
    computed = heading.label.rstrip(".") if heading.label else None
    if typed and computed and typed != computed:
        draft.pruefen.append(
            f"{heading.where}: In der Überschrift steht die Nummer {typed}, Word "
            f"nummeriert sie als {computed}."
        )
    return computed or typed


def build(root: Section, found_levels: Levels | None, towns: dict[str, str]) -> Draft:
    """``towns``: the county's towns by lower-case name → id (for the actors' town column)."""
    draft = Draft()
    _directories(root, [], draft, towns)
    if root.content:
        draft.kapitel.append(_chapter("Vorbemerkung", root.content, [], draft, "Anfang"))
    for section in root.children:
        _top(section, found_levels, draft)
    draft.gefunden.sort(key=lambda f: f.art == "Rechtsgrundlage")  # after the text's parts
    return draft


def _directories(section: Section, titles: list[str], draft: Draft,
                 towns: dict[str, str]) -> None:  # fmt: skip
    """Take the actor, glossary, abbreviation and law tables, the glossary's and
    abbreviations' paragraphs and the legal bases out of the text into their files."""
    path = [*titles, section.heading.text] if section.heading else titles
    found = draft.verzeichnisse
    kept = []
    for block in section.content:
        kind = kind_of(block.cells, path) if block.kind == "table" else None
        if kind is None:
            kept.append(block)
            continue
        take(kind, block.cells, found, towns, draft.akteur_ids)
        section.emptied = True
    section.content = kept
    if laws.is_legal(path):
        _legal(section, draft)
    else:
        listed = terms.entries(section.content) if terms.kind_of_section(path) else None
        if listed is not None:
            section.content = listed[1]
            section.emptied = True
            _add_terms(listed[0], terms.kind_of_section(path), found)
    for child in section.children:
        _directories(child, path, draft, towns)


def _add_terms(found: list[terms.Term], kind: str | None, into: Directories) -> None:
    for term in found:
        if kind == "abkuerzungen" or (kind == "beides" and term.abbreviation):
            add_entry(into.abkuerzungen, ("kuerzel", "bedeutung"), term.term,
                      terms.plain(term.text))  # fmt: skip
        else:
            add_entry(into.glossar, ("begriff", "erklaerung"), term.term, term.text)


def _legal(section: Section, draft: Draft) -> None:
    """The laws of a legal chapter: from its paragraphs, then one per sub-heading."""
    named, section.content = laws.laws(section.content)
    rest = []
    for child in section.children:
        assert child.heading is not None
        if child.children or not laws.LAW.search(child.heading.text):
            rest.append(child)
            continue
        law = laws.from_heading(child.heading)
        for block in child.content:
            laws.describe(law, block)
        named.append(law)
    if named:
        section.children = rest
        section.emptied = True
        draft.verzeichnisse.rechtsgrundlagen += named
        draft.gefunden += [Found("Rechtsgrundlage", "", law.titel, law.quelle) for law in named]


def _has_goals(section: Section, levels: Levels) -> bool:
    return any(c.level == levels.ziel for c in section.children)


def _top(section: Section, levels: Levels | None, draft: Draft) -> None:
    """A chapter, a field, or a chapter with fields inside."""
    if levels is not None and section.level == levels.handlungsfeld and _has_goals(section, levels):
        _field(section, levels, draft)
        return
    inner = [c for c in section.children if levels is not None and _contains_fields(c, levels)]
    rest = [c for c in section.children if c not in inner]
    assert section.heading is not None
    title, _number = title_of(section.heading)
    rest = [c for c in rest if not _empty(c)]
    if section.content or rest or not (inner or section.emptied):
        draft.kapitel.append(_chapter(title, section.content, rest, draft, _place(section)))
    for child in inner:
        _top(child, levels, draft)


def _empty(section: Section) -> bool:
    """A section left without text once its tables went into the directories."""
    return section.emptied and not section.content and all(_empty(c) for c in section.children)


def _contains_fields(section: Section, levels: Levels) -> bool:
    if section.level == levels.handlungsfeld:
        return _has_goals(section, levels)
    return any(_contains_fields(c, levels) for c in section.children)


def _chapter(
    title: str, content: list[Block], sections: list[Section], draft: Draft, place: str
) -> dict[str, Any]:
    ident = slug(title, draft.ids, "kapitel")
    text = markdown(content, sections) or "(Im Dokument steht unter dieser Überschrift kein Text.)"
    draft.gefunden.append(Found("Kapitel", "", title, place))
    return {"id": ident, "titel": title, "text": text}


def _field(section: Section, levels: Levels, draft: Draft) -> None:
    assert section.heading is not None
    title, typed = title_of(section.heading)
    number = str(len(draft.felder) + 1)
    goals = [c for c in section.children if c.level == levels.ziel]
    other = [c for c in section.children if c.level != levels.ziel]
    situation = markdown(section.content, other)
    if not situation:
        situation = "(Im Dokument steht vor den Zielen kein Text zur Ausgangslage.)"
        draft.pruefen.append(f"Handlungsfeld {number} „{title}“: keine Ausgangslage im Dokument.")
    ident = slug(title, draft.ids, "handlungsfeld")
    draft.gefunden.append(Found("Handlungsfeld", number, title, _place(section),
                                _document_number(section.heading, typed, draft)))  # fmt: skip
    ziele = [_goal(g, f"{number}.{n}", levels, draft) for n, g in enumerate(goals, 1)]
    draft.felder.append({"id": ident, "reihenfolge": len(draft.felder) + 1, "titel": title,
                         "ausgangslage": situation, "ziele": ziele})  # fmt: skip


def _goal(section: Section, number: str, levels: Levels, draft: Draft) -> dict[str, Any]:
    assert section.heading is not None
    title, typed = title_of(section.heading)
    draft.gefunden.append(Found("Ziel", number, title, _place(section),
                                _document_number(section.heading, typed, draft)))  # fmt: skip
    measures = [c for c in section.children if c.level == levels.massnahme]
    other = [c for c in section.children if c.level != levels.massnahme]
    content = section.content
    goal: dict[str, Any] = {"id": slug(title, draft.ids, "ziel"), "titel": title}
    massnahmen = [_measure(m, f"{number}.{n}", draft) for n, m in enumerate(measures, 1)]
    if not measures:
        # measures written as list paragraphs under the goal
        items = [b for b in content if b.kind == "item" and b.level == 0]
        massnahmen = [_listed(b, f"{number}.{n}", draft) for n, b in enumerate(items, 1)]
        content = [b for b in content if b not in items]
    text = markdown(content, other)
    if text:
        goal["beschreibung"] = text
    goal["massnahmen"] = massnahmen
    return goal


def _measure(section: Section, number: str, draft: Draft) -> dict[str, Any]:
    assert section.heading is not None
    title, typed = title_of(section.heading)
    draft.gefunden.append(Found("Maßnahme", number, title, _place(section),
                                _document_number(section.heading, typed, draft)))  # fmt: skip
    measure: dict[str, Any] = {"id": slug(title, draft.ids, "massnahme"), "titel": title}
    text = markdown(section.content, section.children)
    if text:
        measure["beschreibung"] = text
    return measure


def _listed(block: Block, number: str, draft: Draft) -> dict[str, Any]:
    """A list paragraph as a measure: its first sentence the title, the rest described."""
    text = block.text
    first = re.match(r"^(.{12,200}?[.!?])\s+(\S.*)$", text, re.S)
    title, rest = (first.group(1), first.group(2)) if first else (text, "")
    plain = re.sub(r"[*_`\\]", "", title).rstrip(".").strip()
    draft.gefunden.append(Found("Maßnahme", number, plain,
                                f"{block.where}, Listenpunkt {block.label}".strip(),
                                block.label.rstrip(".") or None))  # fmt: skip
    measure: dict[str, Any] = {"id": slug(plain, draft.ids, "massnahme"), "titel": plain}
    if rest:
        measure["beschreibung"] = rest
    return measure
