"""An update round on the large concept: `status`, `feedback export` for every actor, and
`feedback import` of 100 filled forms; export and import also as OpenDocument (.ods).

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


def paths(large: Path, fmt: str = "xlsx") -> tuple[Path, Path, Path]:
    """The concept copy, the exported forms, the filled forms (relative to ROOT)."""
    base = large.with_name(f"{large.name}-runde")
    suffix = "" if fmt == "xlsx" else f"-{fmt}"
    return (
        base,
        base.with_name(f"{base.name}-export{suffix}"),
        base.with_name(f"{base.name}-boegen{suffix}"),
    )


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
    _prepare_ods(large, choices)


def _prepare_ods(large: Path, choices: tuple[str, ...]) -> None:
    """The same 100 forms exported and filled as .ods."""
    import sys

    from ikonzept.round.feedback.ods_read import read

    sys.path.insert(0, str(ROOT))
    from tests.forms import fill_ods

    concept, exported, filled = (ROOT / p for p in paths(large, "ods"))
    for folder in (exported, filled):
        shutil.rmtree(folder, ignore_errors=True)
    ik = tool("ikonzept") or "ikonzept"
    subprocess.run(
        [ik, "feedback", "export", str(concept), "-o", str(exported), "-f", "ods", "-q"],
        check=True,
        capture_output=True,
        env=environ(),
    )
    filled.mkdir(parents=True)
    for index, form in enumerate(sorted(exported.glob("*.ods"))[:FORMS]):
        ids = [row[0] for row in read(form).sheets["Maßnahmen"][1:]]
        answers = {
            ident: (choices[(index + row) % len(choices)], "Begründung aus der Rückmeldung",
                    f"Anmerkung {index}-{row}")
            for row, ident in enumerate(ids, start=2)
        }  # fmt: skip
        proposal = ("", f"Vorschlag aus Bogen {index}")
        fill_ods(form, answers, [proposal], filled / form.name)


def benchmarks(large: Path) -> list[Bench]:
    concept, exported, filled = paths(large)
    _concept, exported_ods, filled_ods = paths(large, "ods")
    ik = tool("ikonzept") or "ikonzept"
    forms = tuple(str(p.relative_to(ROOT)) for p in sorted((ROOT / filled).glob("*.xlsx")))
    forms_ods = tuple(str(p.relative_to(ROOT)) for p in sorted((ROOT / filled_ods).glob("*.ods")))
    export_ods = (ik, "feedback", "export", str(concept), "-o", str(exported_ods), "-f", "ods")
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
        Bench(
            "feedback-export-ods",
            f"`ikonzept feedback export {concept} -o … -f ods` (as OpenDocument)",
            (export_ods,),
            10.0,
        ),
        Bench(
            "feedback-import-ods",
            f"`ikonzept feedback import {concept}` {len(forms_ods)} filled .ods `--dry-run`",
            ((ik, "feedback", "import", str(concept), *forms_ods, "--dry-run"),),
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
