"""``ikonzept build`` on the large concept: opt-in, since one run takes minutes.

Group ``build``: the concept PDF alone (``--only konzept --html``), WeasyPrint alone on the
HTML that build wrote (the floor; same PDF variant as the build), and a rebuild with nothing
changed. Group ``build-full``: the whole update round of the second edition (concept,
Synopse, committee proposal, OParl; concept and Synopse laid out in parallel) next to its
concept PDF alone. Every build writes to a fresh folder, so none is skipped as up to date;
each run is one ``bench_core.tracked`` process: wall clock, CPU, peak memory and output.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench_core import Bench, Result, Tracked, tool, tracked

GROUPS = ("build", "build-full")
MAX_RSS_MB = 600  # issue "ikonzept build": peak memory of the concept build
FLOOR_SLACK = 1.10  # the build may be at most 10 % slower than WeasyPrint alone
REBUILD_S = 0.5
FULL_RATIO = 1.15  # issue "Sitzungsvorlage": full build / concept PDF alone
_WROTE = re.compile(r"Geschrieben: (\S+?\.pdf) \((\d+) Seiten\)")
_STAGE = re.compile(r"✓ (.+?) (\d+,\d+) s")
_WARM_HTML = "<!DOCTYPE html><html lang='de'><body><h1>Größe</h1><p>Warm-up</p></body></html>"

Log = Callable[[str], None]


def pages(output: str) -> dict[str, int]:
    """Pages per written PDF, from the lines "Geschrieben: …pdf (N Seiten)"."""
    return {Path(path).name: int(n) for path, n in _WROTE.findall(output)}


def _stages(output: str) -> str:
    return ", ".join(f"{name} {seconds} s" for name, seconds in _STAGE.findall(output))


def _result(bench: Bench, runs: Sequence[Tracked], notes: list[str]) -> Result:
    return Result(
        bench,
        tuple(r.wall for r in runs),
        tuple(r.cpu for r in runs),
        max(r.max_rss_kib for r in runs),
        max(r.tree_rss_kib for r in runs),
        notes,
    )


def _series(bench: Bench, outs: Sequence[Path], log: Log) -> list[Tracked]:
    """One run per entry of ``outs``, with ``{out}`` in the bench's command replaced by it.

    Each run has an empty cache of its own: a clean build lays out every part.
    """
    done = []
    for index, out in enumerate(outs):
        cmd = [str(out) if part == "{out}" else part for part in bench.commands[0]]
        log(f"{bench.name} run {index + 1}/{len(outs)} …")
        done.append(tracked(bench.name, cmd, cache=out.with_name(f"{out.name}.cache-{index}")))
        log(f"  {done[-1].wall:.1f} s, {done[-1].max_rss_kib / 1024:.0f} MB")
    return done


def _pages_note(run: Tracked) -> str:
    counts = pages(run.output)
    total = sum(counts.values())
    listed = ", ".join(f"{name}: {n}" for name, n in counts.items())
    return f"{total} pages ({listed}), {total / run.wall:.2f} pages/s"


def run_build(large: Path, work: Path, runs: int, rebuild_runs: int, log: Log) -> list[Result]:
    """Concept PDF alone, WeasyPrint alone on its HTML, and the rebuild with nothing to do."""
    ik, python = tool("ikonzept") or "ikonzept", tool("python") or sys.executable
    warm = work / "warm.html"
    warm.write_text(_WARM_HTML, encoding="utf-8")  # imports, fonts, fontconfig cache
    tracked("warm-up", (python, "-m", "weasyprint", str(warm), str(work / "warm.pdf")))
    args = ("build", str(large), "-o", "{out}", "--only", "konzept", "--html")
    build = Bench("build-konzept", f"`ikonzept {' '.join(args)}`", ((ik, *args),))
    builds = _series(build, [work / f"konzept-{i}" for i in range(runs)], log)
    last = work / f"konzept-{runs - 1}"
    html = next(last.glob("*.html"))
    notes = [_pages_note(builds[-1]), f"stages: {_stages(builds[-1].output)}"]
    results = [_result(build, builds, notes)]

    floor_args = ("-m", "weasyprint", "--pdf-variant", "pdf/a-2a", "{html}", "{out}")
    floor = Bench(
        "weasyprint",
        f"`python {' '.join(floor_args)}` (same HTML)",
        ((python, *(str(html) if a == "{html}" else a for a in floor_args)),),
    )
    floors = _series(floor, [work / f"floor-{i}.pdf" for i in range(runs)], log)
    count = sum(pages(builds[-1].output).values())
    rate = f"{count} pages, {count / floors[-1].wall:.2f} pages/s"
    results.append(_result(floor, floors, [rate]))

    again = Bench(
        "rebuild",
        "the same build again, nothing changed",
        ((ik, *(str(last) if a == "{out}" else a for a in args)),),
        REBUILD_S,
    )
    tracked("rebuild warm-up", again.commands[0])
    rebuilds = _series(again, [last] * rebuild_runs, log)
    said = sum("Nichts zu tun" in r.output for r in rebuilds)
    note = f"“Nichts zu tun” printed in {said} of {len(rebuilds)} runs"
    results.append(_result(again, rebuilds, [note if said == len(rebuilds) else f"**{note}**"]))
    return results


def run_full(second: Path, work: Path, runs: int, log: Log) -> list[Result]:
    """Full update-round build of the second edition next to its concept PDF alone."""
    ik = tool("ikonzept") or "ikonzept"
    full = Bench(
        "build-full",
        f"`ikonzept build {second} -o {{out}}` (everything)",
        ((ik, "build", str(second), "-o", "{out}"),),
    )
    alone = Bench(
        "build-konzept-2",
        f"`ikonzept build {second} -o {{out}} --only konzept`",
        ((ik, "build", str(second), "-o", "{out}", "--only", "konzept"),),
    )
    fulls: list[Tracked] = []
    alones: list[Tracked] = []
    for index in range(runs):  # interleaved, so a drifting machine affects both alike
        fulls += _series(full, [work / f"full-{index}"], log)
        alones += _series(alone, [work / f"alone-{index}"], log)
    return [
        _result(full, fulls, [_pages_note(fulls[-1]), f"stages: {_stages(fulls[-1].output)}"]),
        _result(alone, alones, [_pages_note(alones[-1]), f"stages: {_stages(alones[-1].output)}"]),
    ]


def verdict(result: Result, by_name: dict[str, Result]) -> tuple[str, str]:
    """Target and whether it was met, for the build rows of the report."""
    name = result.bench.name
    if name == "build-konzept":
        # The build lays out in worker processes: the target is for all of them together.
        rss = (result.tree_rss_kib or result.peak_rss_kib) / 1024
        target = f"RSS of all processes < {MAX_RSS_MB} MB"
        met = f"yes ({rss:.0f} MB)" if rss < MAX_RSS_MB else f"**no** ({rss:.0f} MB)"
        if "weasyprint" in by_name:
            ratio = result.median / by_name["weasyprint"].median
            target += f"; ≤ {FLOOR_SLACK:.2f} × WeasyPrint"
            met += f"; {ratio:.2f} ×" + ("" if ratio <= FLOOR_SLACK else " **no**")
        return target, met
    if name == "rebuild":
        return f"< {REBUILD_S:g} s", "yes" if result.median < REBUILD_S else "**no**"
    if name == "build-full" and "build-konzept-2" in by_name:
        ratio = result.median / by_name["build-konzept-2"].median
        return f"≤ {FULL_RATIO:.2f} × concept alone", f"{ratio:.2f} ×" + (
            "" if ratio <= FULL_RATIO else " **no**"
        )
    return "", ""
