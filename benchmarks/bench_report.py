"""The Sachstandsbericht against a clean build: ``python benchmarks/bench_report.py``.

On the sample's second edition (`concept-2019/`: 81 measures, five indicators, three
plans): ``bericht`` (report, Mitteilungsvorlage, OParl) against a clean ``build`` (concept,
proposal, Synopse, plans), both as whole processes with an empty layout cache, median of
three runs after a warm-up. Target: the report in less time than the build.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "concept-2019"


def _time(args: list[str], work: Path, env: dict[str, str], runs: int = 3) -> float:
    times = []
    for run in range(runs + 1):
        # a fresh output folder and layout cache each time: nothing is reused
        cached = {**env, "XDG_CACHE_HOME": str(work / f"cache-{args[1]}-{run}")}
        started = time.perf_counter()
        subprocess.run([*args, "-o", str(work / f"out-{args[1]}-{run}"), "-q"],
                       capture_output=True, env=cached, check=True)  # fmt: skip
        if run:  # the first is the warm-up
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    ik = str(Path(sys.executable).with_name("ikonzept"))
    # As installed by pip, which compiles the modules once (see bench_plans).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="ikonzept-bericht-") as folder:
        work = Path(folder)
        report = _time([ik, "bericht", str(EDITION)], work, env)
        build = _time([ik, "build", str(EDITION)], work, env)
    verdict = "yes" if report < build else "NO"
    print(f"concept-2019: bericht {report:.1f} s, clean build {build:.1f} s "
          f"(target: bericht < build: {verdict})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
