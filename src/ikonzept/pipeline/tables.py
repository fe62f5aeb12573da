"""The indicators of a folder: each schema-valid indikatoren/<id>.yaml with the values of
indikatoren/<id>.csv beside it, read and checked row by row."""

from __future__ import annotations

from collections.abc import Sequence

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.load.reading import read_text
from ikonzept.load.sources import Kind, SourceFile
from ikonzept.load.table import read_table
from ikonzept.model.assemble import Document
from ikonzept.model.indicators import Indikator, Wert, indikator, related
from ikonzept.pipeline.values import values


def _checked(text: str, rel: str) -> tuple[tuple[Wert, ...], list[Finding]]:
    """The table's values and findings, kept in the cache by its content: a county's
    tables hold thousands of rows that seldom change (0.2 s for 9,000 rows each time)."""
    import datetime as dt

    from ikonzept.load import cache

    entry = cache.key("werte", text)
    kept = cache.get(entry)
    if kept is None:
        rows, problems = read_table(text, rel)
        typed, wrong = values(rows, rel)
        kept = (
            [(w.jahr, w.gebiet, w.wert, w.kennzeichen, w.anmerkung,
              w.stand.isoformat() if w.stand else None, w.line, w.kopf) for w in typed],
            [(f.rule, f.message, f.line, f.column) for f in problems + wrong],
        )  # fmt: skip
        cache.put(entry, kept)
    stored, said = kept
    werte = tuple(
        Wert(year, area, value, mark, note, dt.date.fromisoformat(stand) if stand else None,
             line, tuple(head))
        for year, area, value, mark, note, stand, line, head in stored
    )  # fmt: skip
    return werte, [finding(rule, rel, message, line=line, column=column)
                   for rule, message, line, column in said]  # fmt: skip


def indicators(
    documents: Sequence[Document], tables: Sequence[SourceFile]
) -> tuple[tuple[Indikator, ...], list[Finding]]:
    findings: list[Finding] = []
    read: dict[str, tuple[Wert, ...]] = {}
    for table in tables:
        text = read_text(table.path, table.rel)
        if isinstance(text, Finding):
            findings.append(text)
            continue
        typed, problems = _checked(text, table.rel)
        findings += problems
        read[table.rel] = typed
    result = []
    stems = set()
    for document in documents:
        if document.kind is not Kind.INDIKATOR:
            continue
        stem = document.rel.rsplit(".", 1)[0]
        stems.add(stem)
        rel = f"{stem}.csv"
        result.append(indikator(document.data, document.rel, read.get(rel, ()),
                                rel if rel in read else None))  # fmt: skip
    for table in tables:
        if table.rel.rsplit(".", 1)[0] not in stems:
            findings.append(finding(
                "IK248", table.rel, f"Zu „{table.rel}“ fehlt der Indikator "
                f"„{table.rel.rsplit('.', 1)[0]}.yaml“ (Titel, Art, Einheit, Richtung).",
            ))  # fmt: skip
    return related(sorted(result, key=lambda i: i.id)), findings
