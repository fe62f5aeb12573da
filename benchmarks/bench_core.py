"""Timing whole processes: the parts of ``run.py`` that every benchmark group shares.

``measure`` runs a fixed command list (one warm-up, one run under a helper that measures
peak memory, then N timed runs). ``tracked`` runs one long command once and gets wall clock,
CPU time, peak memory and its output from the same run (builds take minutes; a separate
memory run would double that).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_CACHE = (("IKONZEPT_CACHE", "0"),)  # as on a first run, before ikonzept cached parsed YAML
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
    ok: tuple[int, ...] = (0,)  # exit codes that mean success (git diff: 1 = differences)
    env: tuple[tuple[str, str], ...] = ()  # extra environment, e.g. IKONZEPT_CACHE=0

    def environ(self) -> dict[str, str]:
        return environ(self.env)


def environ(extra: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """The environment of every measured process: the caller's, but Python may write .pyc
    files (an installed ikonzept has them; without, every run compiles ikonzept's modules
    anew, about 70 ms), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | dict(extra)


@dataclass(frozen=True, slots=True)
class Result:
    bench: Bench
    times: tuple[float, ...]
    cpu_times: tuple[float, ...]  # user + system; close to the wall clock = never waited
    peak_rss_kib: int
    tree_rss_kib: int | None = None  # peak of the summed RSS of all processes at once
    notes: list[str] = field(default_factory=list)  # e.g. pages, stage times

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


def cpu_seconds(*who: int) -> float:
    """User + system seconds of ``who`` (RUSAGE_SELF, RUSAGE_CHILDREN); these sums only grow."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, who))


def _failed(name: str, cmd: Sequence[str], code: int, output: str) -> SystemExit:
    return SystemExit(f"{name}: {' '.join(cmd[:4])} … exited {code}\n{output[-2000:]}")


def _run_once(bench: Bench) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    cpu, started = cpu_seconds(resource.RUSAGE_CHILDREN), time.perf_counter()
    for cmd in bench.commands:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False, env=bench.environ())
        if done.returncode not in bench.ok:
            output = (done.stdout + done.stderr).decode(errors="replace")
            raise _failed(bench.name, cmd, done.returncode, output)
    return time.perf_counter() - started, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def capture(*cmd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True, env=env)


def _peak_rss(bench: Bench) -> int:
    """The largest resident set size among the bench's processes, in KiB (Linux)."""
    helper = capture(
        sys.executable, "-c", _PEAK_RSS, json.dumps(bench.commands), env=bench.environ()
    )
    return int(helper.stdout)


def measure(bench: Bench, runs: int) -> Result:
    _run_once(bench)  # warm-up, and it fails loudly when a command fails
    rss = _peak_rss(bench)
    wall, cpu = zip(*(_run_once(bench) for _ in range(runs)), strict=True)
    return Result(bench, wall, cpu, rss)


@dataclass(frozen=True, slots=True)
class Tracked:
    """One run of one command: wall, CPU (user + system of all its processes), memory."""

    wall: float
    cpu: float
    max_rss_kib: int  # the largest single process (wait4's ru_maxrss)
    tree_rss_kib: int  # the largest sum over the process tree, sampled every 0.2 s
    output: str


def _tree_rss_kib(root: int) -> int:
    """Summed VmRSS of ``root`` and its descendants right now (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


def tracked(
    name: str, cmd: Sequence[str], ok: tuple[int, ...] = (0,), cache: Path | None = None
) -> Tracked:
    """Run ``cmd`` once; its output goes to a file, so nothing blocks on a full pipe.

    ``cache`` is the cache folder the run uses (XDG_CACHE_HOME); a new one gives a build
    that starts from nothing, as on a fresh machine.
    """
    extra = (("XDG_CACHE_HOME", str(cache)),) if cache is not None else ()
    with tempfile.TemporaryFile() as sink:
        peak = [0]
        started = time.perf_counter()
        process = subprocess.Popen(
            cmd, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=environ(extra)
        )
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss_kib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        output = sink.read().decode(errors="replace")
    if process.returncode not in ok:
        raise _failed(name, cmd, process.returncode, output)
    cpu = usage.ru_utime + usage.ru_stime
    return Tracked(wall, cpu, usage.ru_maxrss, max(peak[0], usage.ru_maxrss), output)


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


def busy_seconds() -> float | None:
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
    now = busy_seconds()
    if busy is None or now is None:
        return "unknown"
    own_now = cpu_seconds(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    cores = (now - busy - (own_now - own)) / (time.perf_counter() - started)
    return f"{max(cores, 0.0):.2f} of {os.cpu_count()} cores"
