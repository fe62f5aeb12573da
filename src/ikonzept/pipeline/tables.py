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
from ikonzept.model.indicators import Indikator, Wert, indikator
from ikonzept.pipeline.values import values


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
        rows, problems = read_table(text, table.rel)
        typed, wrong = values(rows, table.rel)
        findings += problems + wrong
        read[table.rel] = tuple(typed)
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
    return tuple(sorted(result, key=lambda i: i.id)), findings
