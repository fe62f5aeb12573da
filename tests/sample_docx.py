"""The sample concept as a county would have it in Word: a title, numbered headings (a
multi-level list linked to the heading styles), the chapters, a chapter „Handlungsfelder“
with fields, goals and measures as headings, the legal bases one per heading, and the
actor directory, glossary and abbreviations as tables. For the import's round trip."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ikonzept.model import Kontakt, Konzept
from ikonzept.model.numbering import reading_order
from tests import wordgen as wg


def _plain(markdown: str | None) -> list[str]:
    """Paragraphs of a Markdown text as plain text (what Word would show)."""
    if not markdown:
        return []
    text = re.sub(r"\[\^[^\]]+\]:.*", "", markdown)
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]", "", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def write(konzept: Konzept, path: Path) -> Path:
    doc = wg.document()
    wg.abstract(doc, 20, [{"text": "%1"}, {"text": "%1.%2"}, {"text": "%1.%2.%3"},
                          {"text": "%1.%2.%3.%4"}])  # fmt: skip
    wg.num(doc, 60, 20)
    for level in range(4):
        wg.link_style(doc, f"Heading {level + 1}", 60, level)
    doc.add_heading(konzept.titel, 0)
    for kapitel in konzept.kapitel:
        doc.add_heading(kapitel.titel, 1)
        for paragraph in _plain(kapitel.text):
            doc.add_paragraph(paragraph)
    doc.add_heading("Handlungsfelder", 1)
    for feld in reading_order(konzept.handlungsfelder):
        doc.add_heading(feld.titel, 2)
        for paragraph in _plain(feld.ausgangslage):
            doc.add_paragraph(paragraph)
        for ziel in feld.ziele:
            doc.add_heading(ziel.titel, 3)
            for massnahme in ziel.massnahmen:
                doc.add_heading(massnahme.titel, 4)
                for paragraph in _plain(massnahme.beschreibung):
                    doc.add_paragraph(paragraph)
    _laws(doc, konzept)
    doc.add_heading("Akteure und Angebote", 1)
    rows = []
    for akteur in konzept.akteure:
        k = akteur.kontakt or Kontakt()
        rows.append([akteur.name, k.anschrift or "", k.telefon or "", k.email or "", k.web or ""])
    _table(doc, ["Name", "Anschrift", "Telefon", "E-Mail", "Internet"], rows)
    doc.add_heading("Glossar", 1)
    _table(doc, ["Begriff", "Erklärung"],
           [[b.begriff, " ".join(_plain(b.erklaerung))] for b in konzept.glossar])  # fmt: skip
    doc.add_heading("Abkürzungen", 1)
    _table(
        doc, ["Abkürzung", "Bedeutung"], [[a.kuerzel, a.bedeutung] for a in konzept.abkuerzungen]
    )
    doc.save(path)
    return path


def _laws(doc: Any, konzept: Konzept) -> None:
    doc.add_heading("Rechtsgrundlagen", 1)
    for law in konzept.rechtsgrundlagen:
        doc.add_heading(f"{law.titel} ({law.kurz})" if law.kurz else law.titel, 2)
        if law.fundstelle:
            doc.add_paragraph(law.fundstelle)
        for paragraph in _plain(law.beschreibung):
            doc.add_paragraph(paragraph)


def _table(doc: Any, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows) + 1, cols=len(head), style="Table Grid")
    for column, text in enumerate(head):
        table.cell(0, column).text = text
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            table.cell(number, column).text = text
