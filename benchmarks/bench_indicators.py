"""Indicators at a county's scale: ``python benchmarks/bench_indicators.py``.

A copy of the large concept gets 50 indicators, each with values for the county and 11
towns over 15 years (9,000 rows), deterministic. ``validate`` is timed as a whole process
with and without them, median of seven runs after a warm-up. Target: they add under 0.1 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_plans import _time  # the same timing: a warm-up, then the median of seven

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "benchmarks" / "data" / "large"
INDICATORS, TOWNS, YEARS = 50, 11, 15


def _indicators(root: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from ikonzept.pipeline.validate import validate

    konzept = validate(root).konzept
    assert konzept is not None
    goals = [z.id for f in konzept.handlungsfelder for z in f.ziele]
    areas = ["kreis", *(k.id for k in konzept.kommunen[:TOWNS])]
    folder = root / "indikatoren"
    folder.mkdir()
    for number in range(INDICATORS):
        ident = f"indikator-{number:02d}"
        kontext = number % 5 == 0
        (folder / f"{ident}.yaml").write_text(
            f"id: {ident}\ntitel: Kennzahl {number}\nart: {'kontext' if kontext else 'wirkung'}\n"
            f'einheit: "%"\nrichtung: steigend\n'
            + ("" if kontext else f"ziele: [{goals[number % len(goals)]}]\n")
            + "basis: {jahr: 2012, wert: 20}\nzielwerte:\n  - {jahr: 2030, wert: 40}\n",
            encoding="utf-8",
        )
        rows = ["jahr;gebiet;wert;kennzeichen;anmerkung"]
        for year in range(2012, 2012 + YEARS):
            for index, area in enumerate(areas):
                value = 20 + (year - 2012) * 0.9 + index * 0.3 + number * 0.01
                rows.append(f"{year};{area};{value:.1f}".replace(".", ",") + ";;")
        (folder / f"{ident}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> int:
    ik = str(Path(sys.executable).with_name("ikonzept"))
    if not (LARGE / "konzept.yaml").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py")], check=True)
    # As installed by pip: modules compiled once (see bench_plans.py).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="ikonzept-indikatoren-") as work:
        root = Path(work) / "konzept"
        shutil.copytree(LARGE, root)
        args = [ik, "validate", str(root), "--today", "2026-12-01"]
        without = _time(args, env)
        _indicators(root)
        rows = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1
                   for p in (root / "indikatoren").glob("*.csv"))  # fmt: skip
        with_them = _time(args, env)
    added = with_them - without
    print(f"{INDICATORS} indicators, {rows} values, on the large concept:")
    print(f"- validate without: {without:.2f} s, with: {with_them:.2f} s")
    print(f"- added: {added:.2f} s (target < 0.1 s: {'yes' if added < 0.1 else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
