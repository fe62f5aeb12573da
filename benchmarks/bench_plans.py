"""The towns' action plans at a county's scale: ``python benchmarks/bench_plans.py``.

A copy of the large concept gets a plan for each of eleven towns with 100 entries each
(measures recommended there, in order; a lead and a partner from the actors; every
third entry with two steps), deterministic. Timed as whole processes, median of seven runs
after a warm-up: ``validate``, ``plan status`` and ``build --only plaene`` (all plans'
PDFs, median of three after a warm-up; each with an empty layout cache and the YAML cache
filled by a ``validate``, as after an author's edit: the cache folder's other entries, such
as the hyphenation patterns, stay). Targets: 0.5 s, 0.5 s, 10 s. The first build on a
machine, with every cache empty, is printed beside them.

The build's time depends on how fast this machine lays out at the moment, which a simple
Python loop does not tell (it ran at its usual speed while the plans took half as long
again): one plan, laid out and written in one process (the second of two runs, CPU time),
is printed beside it. Eleven plans on two workers take about start-up + 6 × that. So is the
interpreter: pyenv's default build (no profile-guided optimization) took 1.06–1.34 times as
long for the same plan as Debian's (`make` takes the distribution's where there is one).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "benchmarks" / "data" / "large"
TOWNS, ENTRIES = 11, 100


def _plans(root: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from ikonzept.pipeline.validate import validate

    konzept = validate(root).konzept
    assert konzept is not None
    actors = [a.id for a in konzept.akteure]
    folder = root / "plaene"
    folder.mkdir()
    for t, town in enumerate(konzept.kommunen[:TOWNS]):
        measures = [m for *_, m in konzept.massnahmen() if not m.kommunen or town.id in m.kommunen]
        lines = [f"kommune: {town.id}", "stand: 2026-06-01", "massnahmen:"]
        for e, massnahme in enumerate(measures[:ENTRIES]):
            lines += [f"  - massnahme: {massnahme.id}",
                      f"    verantwortlich: {actors[(t * 7 + e) % len(actors)]}",
                      f"    partner: [{actors[(t * 11 + e * 3 + 1) % len(actors)]}]",
                      f"    prioritaet: {('hoch', 'mittel', 'niedrig')[e % 3]}",
                      "    beginn: 2026-09", "    ende: 2027-06"]  # fmt: skip
            if e % 3 == 0:
                lines += ["    schritte:",
                          "      - {titel: Partner einladen, bis: 2026-10-31,",
                          "         erledigt: 2026-10-20}",
                          "      - {titel: Angebot starten, bis: 2027-02-28}"]  # fmt: skip
        (folder / f"{town.id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _time(args: list[str], env: dict[str, str], runs: int = 7) -> float:
    subprocess.run(args, capture_output=True, env=env, check=False)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


_ONE_PLAN = """
import gc, sys, time
from pathlib import Path
from ikonzept.base.resources import template_dirs
from ikonzept.pipeline.validate import validate
from ikonzept.render import pdf
from ikonzept.render.content.handlungsplan import render_plan
from ikonzept.render.hyphenation import with_exceptions

root, out = Path(sys.argv[1]), Path(sys.argv[2])
konzept = validate(root).konzept
dirs = template_dirs(root)
html = with_exceptions(render_plan(konzept, konzept.plaene[0], root, dirs, "2026-12-01"),
                       konzept.silbentrennung)
for _ in range(2):
    gc.disable()
    started = time.process_time()
    pdf.write(pdf.layout(html, root=root, template_dirs=dirs), out)
    seconds = time.process_time() - started
    gc.enable()
    gc.collect()
print(f"{seconds:.2f}")
"""


def main() -> int:
    ik = str(Path(sys.executable).with_name("ikonzept"))
    if not (LARGE / "konzept.yaml").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py")], check=True)
    with tempfile.TemporaryDirectory(prefix="ikonzept-plans-") as work:
        root = Path(work) / "konzept"
        shutil.copytree(LARGE, root)
        _plans(root)
        entries = sum(1 for p in (root / "plaene").glob("*.yaml")
                      for line in p.read_text(encoding="utf-8").splitlines()
                      if line.startswith("  - massnahme:"))  # fmt: skip
        # As installed by pip, which compiles the modules once: a machine that forbids
        # writing bytecode (PYTHONDONTWRITEBYTECODE) compiles every edited one at each start.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        rows = [
            ("validate", _time([ik, "validate", str(root), "--today", "2026-12-01"], env), 0.5),
            (
                "plan status",
                _time([ik, "plan", "status", str(root), "--today", "2026-12-01"], env),
                0.5,
            ),
        ]
        from ikonzept.render.layout.layoutcache import FOLDER

        def build(run: str, cache: Path) -> float:
            cached = {**env, "XDG_CACHE_HOME": str(cache)}
            # The parsed YAML cached, as after the author's `validate`; no laid-out plan.
            subprocess.run([ik, "validate", str(root)], capture_output=True, env=cached,
                           check=False)  # fmt: skip
            shutil.rmtree(cache / "ikonzept" / FOLDER, ignore_errors=True)
            started = time.perf_counter()
            subprocess.run([ik, "build", str(root), "-o", str(Path(work) / f"out-{run}"),
                            "--only", "plaene", "-q"], capture_output=True, env=cached,
                           check=True)  # fmt: skip
            return time.perf_counter() - started

        # The first build on a machine also prepares what every later one reuses (the
        # hyphenation patterns, 0.9 s); after an edit, only the layout cache is of no use.
        first = build("erster", Path(work) / "cache-leer")
        shared = Path(work) / "cache"
        build("vorlauf", shared)
        builds = [build(f"lauf-{run}", shared) for run in range(3)]
        rows.append(("build --only plaene (all PDFs, empty layout cache)",
                     statistics.median(builds), 10))  # fmt: skip
        one = subprocess.run([sys.executable, "-c", _ONE_PLAN, str(root),
                              str(Path(work) / "ein-plan.pdf")], capture_output=True,
                             text=True, env=env, check=True).stdout.strip()  # fmt: skip
    print(
        f"{TOWNS} towns, {entries} plan entries, on the large concept "
        f"(Python {platform.python_version()}, {Path(sys.executable).resolve()}):"
    )
    for name, seconds, target in rows:
        print(
            f"- {name}: {seconds:.2f} s "
            f"(target < {target} s: {'yes' if seconds < target else 'NO'})"
        )
    print(f"- the same build as the first on a machine (every cache empty): {first:.2f} s")
    print(f"- one plan ({ENTRIES} entries) laid out and written in one process: {one} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
