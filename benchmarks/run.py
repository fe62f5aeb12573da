"""Time whole ikonzept processes against the targets: ``python benchmarks/run.py [--runs N]``.

Authors feel the wall-clock time of a command, start-up and imports included, so this
times complete processes (``subprocess.run`` between two ``perf_counter`` calls), never
functions inside one interpreter. Each benchmark gets one warm-up run (it fills the page
cache and the ``.pyc`` files), one run under a helper that measures peak memory, then N
timed runs. The median is the typical time and the minimum the least disturbed one; the
median CPU time (user + system) says whether a process computed or waited (disk, a busy
core); on a virtual machine, stolen time inflates both wall clock and CPU time. The
comparison, check-jsonschema, checks the same files against the same schemas, one process
per file kind. ``diff`` also checks that the diff reports every change the generator made.
The build benchmarks take about 20 minutes and run only when asked for (``--only build``,
``--only build-full`` or ``--all``; see bench_build). The results go to stdout and to
benchmarks/results/latest.md (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import bench_build
import bench_diff
import bench_incremental
import bench_round
import bench_site
from bench_core import (
    NO_CACHE,
    ROOT,
    Bench,
    Result,
    busy_seconds,
    capture,
    cpu_seconds,
    environ,
    folder_size,
    machine,
    measure,
    other_load,
    tool,
)

LARGE = Path("benchmarks/data/large")  # relative to ROOT, as the commands are shown
RESULTS = ROOT / "benchmarks" / "results" / "latest.md"
SINGLE_FILES = ("konzept", "glossar", "abkuerzungen", "rechtsgrundlagen", "beteiligung", "vorlage")
QUICK = ("help", "validate-sample", "validate-large", "check-jsonschema", "diff", "round", "site")
CHOICES = (*QUICK, *bench_build.GROUPS, bench_incremental.GROUP)


def benchmarks(large: Path = LARGE) -> list[Bench]:
    ik = tool("ikonzept") or "ikonzept"
    result = [
        Bench("help", "`ikonzept --help`", ((ik, "--help"),), 0.25),
        Bench(
            "validate-sample", "`ikonzept validate concept`", ((ik, "validate", "concept"),), 0.4
        ),
        Bench(
            "validate-large",
            f"`ikonzept validate {large}`",
            ((ik, "validate", str(large)),),
            2.0,
        ),
        Bench(
            "validate-large-nocache",
            f"`IKONZEPT_CACHE=0 ikonzept validate {large}` (no YAML cache)",
            ((ik, "validate", str(large)),),
            2.0,
            env=NO_CACHE,
        ),
    ]
    cj = tool("check-jsonschema")
    if cj:
        commands: list[tuple[str, ...]] = [
            (cj, "--schemafile", f"schemas/{k}.schema.json", f"{large}/{k}.yaml")
            for k in SINGLE_FILES
        ]
        for kind, folder in (("handlungsfeld", "handlungsfelder"), ("akteur", "akteure")):
            files = sorted(
                str(large / folder / p.name) for p in (ROOT / large / folder).glob("*.yaml")
            )
            commands.append((cj, "--schemafile", f"schemas/{kind}.schema.json", *files))
        label = f"`check-jsonschema` on {large} ({len(commands)} processes, summed)"
        result.append(Bench("check-jsonschema", label, tuple(commands)))
    return result


def help_imports() -> tuple[bool, int, list[tuple[float, str]]]:
    """Whether ``ikonzept --help`` imports WeasyPrint; module count; slowest top-level imports."""
    python = tool("python") or sys.executable
    out = capture(python, "-X", "importtime", "-m", "ikonzept", "--help", env=environ())
    modules: list[tuple[int, str]] = []
    for line in out.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line[len("import time:") :].split("|")
            modules.append((int(cumulative), name))
    weasy = any(name.strip().split(".")[0] == "weasyprint" for _, name in modules)
    top = sorted(
        ((us / 1e6, name.strip()) for us, name in modules if not name.startswith("  ")),
        reverse=True,
    )
    return weasy, len(modules), top[:5]


def code_state() -> str:
    """The commit measured, and which files under src/ differ from it (others edit them)."""
    try:
        commit = capture("git", "log", "-1", "--format=%h %s").stdout.strip()
        dirty = capture("git", "status", "--porcelain", "--", "src").stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    changed = [line[3:] for line in dirty if line.strip()]
    return f"{commit[:72]}" + (f"; uncommitted: {', '.join(changed)}" if changed else "")


def _verdict(r: Result, by_name: dict[str, Result]) -> tuple[str, str]:
    if r.bench.name in {"build-konzept", "rebuild", "build-full"}:
        return bench_build.verdict(r, by_name)
    if r.bench.name.endswith(("-clean", "-edit")):
        return bench_incremental.verdict(r, by_name)
    if r.bench.target is None:
        return "", ""
    target = f"< {r.bench.target:g} s"
    met = "yes" if r.median < r.bench.target else "**no**"
    if r.bench.name.startswith("validate-large") and "check-jsonschema" in by_name:
        ratio = by_name["check-jsonschema"].median / r.median
        target += ", faster than check-jsonschema"
        met += f"; {ratio:.1f}× {'faster' if ratio > 1 else '**slower**'}"
    if r.bench.name.startswith("diff-large") and "git-diff" in by_name:
        met += f"; {r.median / by_name['git-diff'].median:.0f}× git diff"
    return target, met


def report(
    large: Path,
    load: str,
    results: Sequence[Result],
    runs: tuple[int, int],
    imports: tuple[bool, int, list[tuple[float, str]]] | None,
    diff_check: bench_diff.DiffCheck | None,
) -> str:
    version = capture(tool("ikonzept") or "ikonzept", "--version").stdout.strip()
    builds = any(r.tree_rss_kib for r in results)
    runs_text = f"{runs[0]} timed runs after 1 warm-up" + (
        f" ({runs[1]} for builds, each in a fresh folder, no warm-up)" if builds else ""
    )
    second = bench_diff.second_edition(large)
    lines = [
        f"# ikonzept benchmarks, {dt.date.today().isoformat()}",
        "",
        f"- Machine: {machine()}",
        f"- Other processes kept busy on average: {load}",
        f"- ikonzept: {version}; {runs_text}; CPU = user + system time",
        f"- Code: {code_state()}",
        *(
            ["- PYTHONDONTWRITEBYTECODE was set; unset for the measured processes (see README)"]
            if "PYTHONDONTWRITEBYTECODE" in os.environ
            else []
        ),
        f"- Sample concept: {folder_size(ROOT / 'concept')}",
        f"- Large concept: {folder_size(ROOT / large)}",
    ]
    if (ROOT / second).exists():
        lines.append(f"- Second edition: {folder_size(ROOT / second)}")
    lines += [
        "",
        "| Benchmark | median (s) | min (s) | CPU (s) | peak RSS (MB) | target | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    by_name = {r.bench.name: r for r in results}
    for r in results:
        target, met = _verdict(r, by_name)
        rss = r.peak_rss_kib / 1024
        lines.append(
            f"| {r.bench.label} | {r.median:.3f} | {r.best:.3f} | {r.cpu:.3f} | {rss:.0f} "
            f"| {target} | {met} |"
        )
    notes = [r for r in results if r.notes or r.tree_rss_kib]
    if notes:
        lines += ["", "Peak RSS is the largest single process; all processes at once:"]
        for r in notes:
            tree = f"{r.tree_rss_kib / 1024:.0f} MB at once; " if r.tree_rss_kib else ""
            lines.append(f"- `{r.bench.name}`: {tree}{'; '.join(r.notes)}")
    if diff_check is not None:
        lines += ["", *diff_check.lines()]
    if "check-jsonschema" in by_name:
        lines += [
            "",
            "check-jsonschema is the comparison only: it reports no line numbers and runs none of "
            "the domain checks (references, duplicate ids, abbreviations, …) that `ikonzept "
            "validate` adds. Its time is the sum of one process per file kind; its peak RSS is the "
            "largest of those processes.",
        ]
    if imports is not None:
        weasy, count, top = imports
        slowest = ", ".join(f"{name} {seconds * 1000:.0f} ms" for seconds, name in top)
        lines += [
            "",
            f"`python -X importtime -m ikonzept --help`: {count} modules imported, WeasyPrint "
            f"{'**imported**' if weasy else 'not imported'}. Slowest top-level imports: {slowest}.",
        ]
    return "\n".join(lines) + "\n"


def _ensure_data(large: Path, parser: argparse.ArgumentParser, second: bool) -> None:
    """Generate the large concept (and its second edition) when missing."""
    needed = [large / "konzept.yaml"]
    if second:
        needed += [bench_diff.second_edition(large), bench_diff.expected_file(large)]
    if all((ROOT / p).exists() for p in needed):
        return
    if large != LARGE:
        parser.error(f"{large}: run benchmarks/generate.py --out {large} --edition 2 first")
    print("generating the large concept" + (" and its second edition" if second else ""))
    generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py")]
    subprocess.run([*generate, "--edition", "2" if second else "1"], cwd=ROOT, check=True)


def _log(text: str) -> None:
    print(text, flush=True)


def _long_runs(wanted: set[str], large: Path, runs: int, build_runs: int) -> list[Result]:
    """The opt-in groups: builds (minutes each) and builds after an edit."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="ikonzept-bench-") as work:
        if "build" in wanted:
            results += bench_build.run_build(large, Path(work), build_runs, runs, _log)
        if bench_incremental.GROUP in wanted:
            results += bench_incremental.run(large, Path(work), build_runs, _log)
        if "build-full" in wanted:
            second = bench_diff.second_edition(large)
            results += bench_build.run_full(second, Path(work), build_runs, _log)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per benchmark (default 7)")
    parser.add_argument(
        "--only",
        action="append",
        choices=CHOICES,
        metavar="NAME",
        help=f"one of {', '.join(CHOICES)}; repeatable (default: all but the build ones)",
    )
    parser.add_argument("--all", action="store_true", help="also the builds (about 20 minutes)")
    parser.add_argument(
        "--build-runs", type=int, default=1, help="runs per build benchmark (default 1)"
    )
    parser.add_argument(
        "--large",
        type=Path,
        default=LARGE,
        metavar="DIR",
        help=f"the large concept, relative to the repository (default {LARGE}; generated "
        "when missing); the second edition is DIR-2",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.build_runs < 1:
        parser.error("--runs and --build-runs must be at least 1")
    large: Path = args.large
    wanted = set(args.only or (CHOICES if args.all else QUICK))
    _ensure_data(large, parser, bool(wanted & {"diff", "build-full"}))
    selected = [b for b in benchmarks(large) if b.name.removesuffix("-nocache") in wanted]
    if "diff" in wanted:
        selected += bench_diff.benchmarks(large)
    if "round" in wanted:
        bench_round.prepare(large)
        selected += bench_round.benchmarks(large)
    if "site" in wanted:
        selected += bench_site.benchmarks(large)
    own = cpu_seconds(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    since = (busy_seconds(), own, time.perf_counter())
    results = []
    for bench in selected:
        print(f"{bench.name} …", end=" ", flush=True)
        result = measure(bench, args.runs)
        print(f"median {result.median:.3f} s, min {result.best:.3f} s, CPU {result.cpu:.3f} s")
        results.append(result)
    diff_check = bench_diff.check(large) if "diff" in wanted else None
    round_note = bench_round.real_import(large) if "round" in wanted else None
    site_note = (
        f"{bench_site.page_weights()}\n{bench_site.filter_timing()}" if "site" in wanted else None
    )
    results += _long_runs(wanted, large, args.runs, args.build_runs)
    imports = help_imports() if "help" in wanted else None
    runs = (args.runs, args.build_runs)
    text = report(large, other_load(since), results, runs, imports, diff_check)
    if round_note:
        text += f"\n{round_note}\n"
    if site_note:
        text += f"\n{site_note}\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print("\n" + text + f"\nwritten to {RESULTS.relative_to(ROOT)}")
    status = 0
    if imports is not None and imports[0]:
        print("error: `ikonzept --help` imports WeasyPrint", file=sys.stderr)
        status = 1
    if diff_check is not None and not diff_check.ok:
        print("error: `ikonzept diff` misses expected changes", file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
