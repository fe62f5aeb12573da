"""Time whole ikonzept processes against the targets: ``python benchmarks/run.py [--runs N]``.

Authors feel the wall-clock time of a command, start-up and imports included, so this
times complete processes (``subprocess.run`` between two ``perf_counter`` calls), never
functions inside one interpreter. Each benchmark gets one warm-up run (it fills the page
cache and the ``.pyc`` files), one run under a helper that measures peak memory, then N
timed runs. The median is the typical time and the minimum the least disturbed one; the
median CPU time (user + system) says whether a process computed or waited (disk, a busy
core); on a virtual machine, stolen time inflates both wall clock and CPU time. The
comparison, check-jsonschema, checks the same files against the same schemas, one process
per file kind. The results go to stdout and to benchmarks/results/latest.md (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE = Path("benchmarks/data/large")  # relative to ROOT, as the commands are shown
RESULTS = ROOT / "benchmarks" / "results" / "latest.md"
SINGLE_FILES = ("konzept", "glossar", "abkuerzungen", "rechtsgrundlagen", "beteiligung", "vorlage")
# Runs the given commands one after another in a fresh process and prints the largest
# resident set size among them: RUSAGE_CHILDREN only ever grows, so it needs a new parent.
_PEAK_RSS = (
    "import resource, subprocess, sys, json\n"
    "for cmd in json.loads(sys.argv[1]):\n"
    "    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


@dataclass(frozen=True, slots=True)
class Bench:
    name: str
    label: str
    commands: tuple[tuple[str, ...], ...]  # one run = all of them, times summed
    target: float | None = None  # seconds, median


@dataclass(frozen=True, slots=True)
class Result:
    bench: Bench
    times: tuple[float, ...]
    cpu_times: tuple[float, ...]  # user + system; close to the wall clock = never waited
    peak_rss_kib: int

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_times)


def tool(name: str) -> str | None:
    """The project venv's executable, else one on PATH."""
    local = ROOT / ".venv" / "bin" / name
    return str(local) if local.exists() else shutil.which(name)


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
    ]
    cj = tool("check-jsonschema")
    if cj:
        commands = [
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


def _cpu(*who: int) -> float:
    """User + system seconds of ``who`` (RUSAGE_SELF, RUSAGE_CHILDREN); these sums only grow."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, who))


def _run_once(bench: Bench) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    cpu, started = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    for cmd in bench.commands:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        if done.returncode != 0:
            output = (done.stdout + done.stderr).decode(errors="replace")[-2000:]
            raise SystemExit(
                f"{bench.name}: {' '.join(cmd[:4])} … exited {done.returncode}\n{output}"
            )
    return time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - cpu


def _capture(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)


def _peak_rss(bench: Bench) -> int:
    """The largest resident set size among the bench's processes, in KiB (Linux)."""
    return int(_capture(sys.executable, "-c", _PEAK_RSS, json.dumps(bench.commands)).stdout)


def measure(bench: Bench, runs: int) -> Result:
    _run_once(bench)  # warm-up, and it fails loudly when a command fails
    rss = _peak_rss(bench)
    wall, cpu = zip(*(_run_once(bench) for _ in range(runs)), strict=True)
    return Result(bench, wall, cpu, rss)


def help_imports() -> tuple[bool, int, list[tuple[float, str]]]:
    """Whether ``ikonzept --help`` imports WeasyPrint; module count; slowest top-level imports."""
    out = _capture(tool("python") or sys.executable, "-X", "importtime", "-m", "ikonzept", "--help")
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


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.system()}"
    )


def folder_size(path: Path) -> str:
    files = [p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.2f} MB"


def _busy_seconds() -> float | None:
    """CPU seconds used by all processes of the machine since boot (Linux only)."""
    try:
        ticks = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def other_load(since: tuple[float | None, float, float]) -> str:
    """How many cores other processes kept busy since ``since``: they skew every timing."""
    busy, own, started = since
    now = _busy_seconds()
    if busy is None or now is None:
        return "unknown"
    own_now = _cpu(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    cores = (now - busy - (own_now - own)) / (time.perf_counter() - started)
    return f"{max(cores, 0.0):.2f} of {os.cpu_count()} cores"


def report(
    large: Path,
    load: str,
    results: Sequence[Result],
    runs: int,
    imports: tuple[bool, int, list[tuple[float, str]]] | None,
) -> str:
    version = _capture(tool("ikonzept") or "ikonzept", "--version").stdout.strip()
    lines = [
        f"# ikonzept benchmarks, {dt.date.today().isoformat()}",
        "",
        f"- Machine: {machine()}",
        f"- Other processes kept busy on average: {load}",
        f"- ikonzept: {version}; {runs} timed runs after 1 warm-up; CPU = user + system time",
        f"- Sample concept: {folder_size(ROOT / 'concept')}",
        f"- Large concept: {folder_size(ROOT / large)}",
        "",
        "| Benchmark | median (s) | min (s) | CPU (s) | peak RSS (MB) | target | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    by_name = {r.bench.name: r for r in results}
    for r in results:
        target, met = "", ""
        if r.bench.target is not None:
            target, met = (
                f"< {r.bench.target:g} s",
                "yes" if r.median < r.bench.target else "**no**",
            )
        if r.bench.name == "validate-large" and "check-jsonschema" in by_name:
            ratio = by_name["check-jsonschema"].median / r.median
            target += ", faster than check-jsonschema"
            met += f"; {ratio:.1f}× {'faster' if ratio > 1 else '**slower**'}"
        rss = r.peak_rss_kib / 1024
        lines.append(
            f"| {r.bench.label} | {r.median:.3f} | {r.best:.3f} | {r.cpu:.3f} | {rss:.0f} "
            f"| {target} | {met} |"
        )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per benchmark (default 7)")
    names = [b.name for b in benchmarks()]
    parser.add_argument(
        "--only",
        action="append",
        choices=names,
        metavar="NAME",
        help=f"one of {', '.join(names)}; repeatable",
    )
    parser.add_argument(
        "--large",
        type=Path,
        default=LARGE,
        metavar="DIR",
        help=f"the large concept, relative to the repository (default {LARGE}; generated "
        "when missing)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    large: Path = args.large
    if not (ROOT / large / "konzept.yaml").exists():
        if large != LARGE:
            parser.error(f"{large} holds no concept")
        print(f"{large} is missing; generating it first", flush=True)
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py")]
        subprocess.run(generate, cwd=ROOT, check=True)
    selected = [b for b in benchmarks(large) if not args.only or b.name in args.only]
    own = _cpu(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    since = (_busy_seconds(), own, time.perf_counter())
    results = []
    for bench in selected:
        print(f"{bench.name} …", end=" ", flush=True)
        result = measure(bench, args.runs)
        print(
            f"median {result.median:.3f} s, min {result.best:.3f} s, CPU {result.cpu:.3f} s",
            flush=True,
        )
        results.append(result)
    imports = help_imports() if not args.only or "help" in args.only else None
    text = report(large, other_load(since), results, args.runs, imports)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print("\n" + text + f"\nwritten to {RESULTS.relative_to(ROOT)}")
    if imports is not None and imports[0]:
        print("error: `ikonzept --help` imports WeasyPrint", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
