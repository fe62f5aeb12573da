"""Builds after an edit: the author's loop (opt-in group ``incremental``).

For the sample and for the large concept: clean builds (each with an empty cache, as on a
fresh machine), then one build to fill a cache, then builds after a one-measure edit, each
edit a new wording (so no layout of it is cached yet). The concept is a copy in the work
folder; the edited measure is the first of its first field of action. Targets: after an
edit the sample builds in at most a fifth of its clean time, the large concept in at most a
tenth.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from bench_build import _result, _stages
from bench_core import ROOT, Bench, Result, Tracked, tool, tracked

GROUP = "incremental"
RATIOS = {"sample": 5, "large": 10}  # clean time / time after an edit, at least
WORDS = ("monatlich", "wöchentlich", "täglich", "laufend", "gemeinsam", "verbindlich", "rasch")

Log = Callable[[str], None]


def _edit(concept: Path, run: int, original: dict[Path, str]) -> None:
    """Append one word to the first description of the first field of action.

    Each run edits the original text: edits do not add up to a longer paragraph.
    """
    path = sorted((concept / "handlungsfelder").glob("*.yaml"))[0]
    text = original.setdefault(path, path.read_text(encoding="utf-8"))
    match = re.search(r"^(\s+)beschreibung: \|\n(\s+)(.+)$", text, re.M)
    assert match is not None, f"no description in {path}"
    start, end = match.span(3)
    line = text[start:end]
    text = text[:start] + f"{line} {WORDS[run % len(WORDS)]}{run}" + text[end:]
    path.write_text(text, encoding="utf-8")


def _runs(name: str, concept: Path, work: Path, runs: int, log: Log) -> list[Result]:
    ik = tool("ikonzept") or "ikonzept"
    copy = work / f"{name}-konzept"
    shutil.copytree(ROOT / concept if not concept.is_absolute() else concept, copy)
    out = work / f"{name}-out"
    args = (ik, "build", str(copy), "-o", str(out), "--only", "konzept")
    clean = Bench(f"{name}-clean", f"`ikonzept build {concept} --only konzept`, empty cache",
                  (args,))  # fmt: skip
    cleans: list[Tracked] = []
    for index in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        log(f"{clean.name} run {index + 1}/{runs} …")
        cleans.append(tracked(clean.name, args, cache=work / f"{name}-leer-{index}"))
        log(f"  {cleans[-1].wall:.1f} s")
    cache = work / f"{name}-cache"
    shutil.rmtree(out, ignore_errors=True)  # else the build finds nothing to do
    tracked("fill the cache", args, cache=cache)
    edit = Bench(f"{name}-edit", "the same after a one-measure edit, with the cache", (args,))
    edits: list[Tracked] = []
    original: dict[Path, str] = {}
    for index in range(max(runs, 3)):
        _edit(copy, index, original)
        log(f"{edit.name} run {index + 1} …")
        edits.append(tracked(edit.name, args, cache=cache))
        log(f"  {edits[-1].wall:.2f} s")
    reused = re.findall(r"(\d+) von (\d+) Umbrüchen neu", edits[-1].output)
    note = f"laid out anew: {reused[-1][0]} of {reused[-1][1]}" if reused else ""
    return [
        _result(clean, cleans, [f"stages: {_stages(cleans[-1].output)}"]),
        _result(edit, edits, [note, f"stages: {_stages(edits[-1].output)}"]),
    ]


def run(large: Path, work: Path, runs: int, log: Log) -> list[Result]:
    """The sample (``runs`` clean builds) and the large concept (one clean build)."""
    return [
        *_runs("sample", Path("concept"), work, runs, log),
        *_runs("large", large, work, 1, log),
    ]


def verdict(result: Result, by_name: dict[str, Result]) -> tuple[str, str]:
    name = result.bench.name
    if not name.endswith("-edit"):
        return "", ""
    which = name.removesuffix("-edit")
    clean = by_name.get(f"{which}-clean")
    if clean is None:
        return "", ""
    ratio = clean.median / result.median
    target = f"≥ {RATIOS[which]} × faster than clean"
    return target, f"{ratio:.1f} ×" + ("" if ratio >= RATIOS[which] else " **no**")
