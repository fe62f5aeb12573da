"""An update round on the large concept: `status`, `feedback export` for every actor, and
`feedback import` of 100 filled forms.

The round works on a copy of the large concept (`benchmarks/data/large-runde/`, export
writes the round's memory into it); 100 of the exported forms are filled in as actors would
(`benchmarks/data/large-runde-boegen/`). The import is timed with `--dry-run` (it reads and
checks every form, then writes nothing), so that every run sees the same forms; one real
import is timed once, after the runs.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from bench_core import ROOT, Bench, environ, tool

FORMS = 100


def paths(large: Path) -> tuple[Path, Path, Path]:
    """The concept copy, the exported forms, the filled forms (relative to ROOT)."""
    base = large.with_name(f"{large.name}-runde")
    return base, base.with_name(f"{base.name}-export"), base.with_name(f"{base.name}-boegen")


def prepare(large: Path) -> None:
    """Copy the large concept, export its forms once, fill 100 of them."""
    from openpyxl import load_workbook

    concept, exported, filled = (ROOT / p for p in paths(large))
    for folder in (concept, exported, filled):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / large, concept)
    ik = tool("ikonzept") or "ikonzept"
    subprocess.run(
        [ik, "feedback", "export", str(concept), "-o", str(exported)],
        check=True,
        capture_output=True,
        env=environ(),
    )
    filled.mkdir(parents=True)
    choices = ("umgesetzt", "in Umsetzung", "dauerhaft (Regelaufgabe)", "zurückgestellt")
    for index, form in enumerate(sorted(exported.glob("*.xlsx"))[:FORMS]):
        book = load_workbook(form)
        sheet = book["Maßnahmen"]
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 6).value = choices[(index + row) % len(choices)]
            sheet.cell(row, 7).value = "Begründung aus der Rückmeldung"
            sheet.cell(row, 8).value = f"Anmerkung {index}-{row}"
        book["Neue Vorschläge"]["B2"] = f"Vorschlag aus Bogen {index}"
        book.save(filled / form.name)


def benchmarks(large: Path) -> list[Bench]:
    concept, exported, filled = paths(large)
    ik = tool("ikonzept") or "ikonzept"
    forms = tuple(str(p.relative_to(ROOT)) for p in sorted((ROOT / filled).glob("*.xlsx")))
    return [
        Bench("status", f"`ikonzept status {large}`", ((ik, "status", str(large)),), 0.5),
        Bench(
            "feedback-export",
            f"`ikonzept feedback export {concept} -o …` (a form for every actor named)",
            ((ik, "feedback", "export", str(concept), "-o", str(exported)),),
            10.0,
        ),
        Bench(
            "feedback-import",
            f"`ikonzept feedback import {concept}` {len(forms)} filled forms `--dry-run`",
            ((ik, "feedback", "import", str(concept), *forms, "--dry-run"),),
            5.0,
        ),
    ]


def real_import(large: Path) -> str:
    """One import that writes (statuses into the YAML files, the report): its time."""
    concept, _exported, filled = (ROOT / p for p in paths(large))
    ik = tool("ikonzept") or "ikonzept"
    forms = sorted(str(p) for p in filled.glob("*.xlsx"))
    started = time.perf_counter()
    result = subprocess.run(
        [ik, "feedback", "import", str(concept), *forms],
        capture_output=True,
        text=True,
        env=environ(),
    )
    seconds = time.perf_counter() - started
    first = result.stdout.splitlines()[0] if result.stdout else result.stderr.strip()[:120]
    return f"`feedback import` of {len(forms)} forms, writing: {seconds:.2f} s ({first})"
