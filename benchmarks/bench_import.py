"""An official table of 100,000 rows into an indicator: ``python benchmarks/bench_import.py``.

A newer-layout ffcsv with ten years for 10,000 regions (those of the test concept among
them), imported with ``ikonzept indikator import`` as a whole process, median of five runs
(each into a fresh copy). Target: under 2 s.
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
sys.path.insert(0, str(ROOT))

from tests.test_indicator_import import NEW_HEADER, concept_with_keys  # noqa: E402

REGIONS, YEARS = 10_000, 10


def _table(path: Path) -> int:
    rows = [NEW_HEADER]
    keys = ["05999", "05999004", *(f"{9_000_000 + n:08d}" for n in range(REGIONS - 2))]
    for year in range(2010, 2010 + YEARS):
        for key in keys:
            rows.append(f"12411;Bevölkerung;STAG;Stichtag;{year}-12-31;GEMEIN;Gemeinden;{key};"
                        f"Ort;{(len(key) + year) % 40},5;%;BEVAN1;Anteil;e")  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows) - 1


def main() -> int:
    ik = str(Path(sys.executable).with_name("ikonzept"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    with tempfile.TemporaryDirectory(prefix="ikonzept-import-") as work:
        source = Path(work) / "tabelle_flat.csv"
        count = _table(source)
        size = source.stat().st_size // 1024
        for run in range(6):
            folder = concept_with_keys(Path(work) / f"run-{run}" / "konzept")
            started = time.perf_counter()
            args = [ik, "indikator", "import", "auslaenderanteil", str(source), "-C", str(folder)]
            done = subprocess.run(args, capture_output=True, env=env, text=True, check=False)
            if run:  # the first run is a warm-up
                times.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stderr
    median = statistics.median(times)
    print(f"{count:,} rows ({size:,} kB):".replace(",", "."))
    print(f"- indikator import: {median:.2f} s (target < 2 s: {'yes' if median < 2 else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
