"""Whatever a Word document holds, the import leaves no error: `validate`, `build` and
`diff` work on the draft at once (warnings are allowed and listed in the report)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikonzept.base.findings import Severity
from ikonzept.importer.run import import_document
from ikonzept.pipeline.validate import validate
from tests import wordgen as wg

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=80
)
WORDY = st.sampled_from(
    ["Handlungsfeld 1: Sprache", "Handlungsfelder", "Ziel 1.1 Kurse", "Maßnahme 1", "Glossar",
     "Abkürzungen", "Rechtliche Grundlagen", "Aufenthaltsgesetz (AufenthG)", "Einleitung",
     "Duldung – Aussetzung der Abschiebung", "BAMF\tBundesamt", "**fett**", "", " ", "1.",
     "Sprache", "Sprache", "KI: Kommunales Integrationszentrum", "vom 1. Mai 2016 (BGBl. I S. 1)"]
)  # fmt: skip
BLOCK = st.one_of(
    st.tuples(st.just("heading"), st.integers(1, 5), st.one_of(WORDY, TEXT)),
    st.tuples(st.just("para"), st.booleans(), st.one_of(WORDY, TEXT)),
    st.tuples(st.just("item"), st.booleans(), st.one_of(WORDY, TEXT)),
    st.tuples(st.just("table"), st.integers(1, 3), st.lists(st.one_of(WORDY, TEXT), max_size=6)),
)


def _document(blocks: list[tuple[str, Any, Any]], path: Path) -> None:
    doc = wg.document()
    for kind, option, text in blocks:
        if kind == "heading":
            doc.add_heading(_safe(text), option)
        elif kind == "para":
            paragraph = doc.add_paragraph()
            paragraph.add_run(_safe(text)).bold = option
        elif kind == "item":
            doc.add_paragraph(_safe(text), style="List Number" if option else "List Bullet")
        else:
            head = ["Begriff", "Erklärung"] if option == 1 else ["Name", "Anschrift", "Telefon"]
            rows = [head] + [[_safe(t)] * len(head) for t in text]
            table = doc.add_table(rows=len(rows), cols=len(head))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    doc.save(path)


def _safe(text: str) -> str:
    """Text that XML can hold (python-docx refuses the rest, as Word never writes it)."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 0x20 and ch != "\ufffe"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCK, max_size=25))
def test_any_document_comes_in_without_errors(blocks: list[tuple[str, Any, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        _document(blocks, work / "konzept.docx")
        import_document(work / "konzept.docx", work / "neu", kommunen="Ahausen, Bedorf")
        errors = [f for f in validate(work / "neu").findings if f.severity is Severity.ERROR]
        assert errors == []
