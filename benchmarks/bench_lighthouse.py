"""Lighthouse on every kind of page of the web site: ``python benchmarks/bench_lighthouse.py``.

Google's Lighthouse (npm, installed on first use into benchmarks/.lighthouse/, git-ignored)
drives Debian's chromium against the sample's site, its second edition's page of the state
of implementation, and the large concept's site (1,000 actors: the directory in pages),
each served over HTTP on 127.0.0.1 as a county's web server would. Lighthouse's default
is a mid-range phone on a slow 4G connection (simulated throttling). The four categories
and the Core Web Vitals it can measure without a visitor (largest contentful paint,
cumulative layout shift, total blocking time) go to stdout and to
benchmarks/results/lighthouse.md (git-ignored); benchmarks/README.md records them.
Targets: every category ≥ 0.95; the large directory's performance ≥ 0.90.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench_core import ROOT, environ, tool

VERSION = "12.8.2"
INSTALL = ROOT / "benchmarks" / ".lighthouse"
RESULTS = ROOT / "benchmarks" / "results" / "lighthouse.md"
LARGE = ROOT / "benchmarks" / "data" / "large"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SAMPLE_PAGES = (
    "index.html", "konzept.html", "kapitel/einleitung.html", "handlungsfelder.html",
    "handlungsfelder/sprache.html", "akteure.html",
    "akteure/auslaenderbehoerde-kreis-coesfeld.html", "glossar.html", "abkuerzungen.html",
    "rechtsgrundlagen.html", "beteiligung.html", "daten.html", "barrierefreiheit.html",
    "impressum.html",
)  # fmt: skip
LARGE_PAGES = ("index.html", "akteure.html", "akteure-5.html", "handlungsfelder.html")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _lighthouse() -> Path:
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("Lighthouse needs npm (Debian: apt install npm).")
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(INSTALL), "--no-audit", "--no-fund",
                        f"lighthouse@{VERSION}"], check=True)  # fmt: skip
    return binary


def _audit(lighthouse: Path, url: str, out: Path) -> dict[str, float]:
    chromium = shutil.which("chromium") or "chromium"
    subprocess.run(
        [str(lighthouse), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox"],
        check=True, env={**os.environ, "CHROME_PATH": chromium},
    )  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    return {
        **scores,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
    }


def _site(concept: Path, out: Path) -> Path:
    ik = tool("ikonzept") or "ikonzept"
    subprocess.run([ik, "site", str(concept), "-o", str(out), "-q"], check=True, env=environ())
    return out


def main() -> int:
    if not (LARGE / "konzept.yaml").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py")], check=True)
    lighthouse = _lighthouse()
    rows = []
    with tempfile.TemporaryDirectory(prefix="ikonzept-lighthouse-") as work:
        folder = Path(work)
        sites = [
            ("Beispiel", _site(ROOT / "concept", folder / "beispiel"), SAMPLE_PAGES),
            ("2. Ausgabe", _site(ROOT / "concept-2019", folder / "ausgabe2"), ("umsetzung.html",)),
            ("1.000 Akteure", _site(LARGE, folder / "gross"), LARGE_PAGES),
        ]  # fmt: skip
        for label, site, paths in sites:
            with _served(site) as base:
                for path in paths:
                    result = _audit(lighthouse, base + path, folder / "report.json")
                    rows.append((label, path, result))
                    print(label, path, result, flush=True)
    lines = [
        f"Lighthouse {VERSION}, mobile (simulated slow 4G, 4× CPU slowdown), Debian chromium.",
        "",
        "| Site | Page | Perf. | A11y | Best pr. | SEO | LCP | CLS | TBT | DOM elements |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, path, r in rows:
        lines.append(
            f"| {label} | {path} | {r['performance']:.2f} | {r['accessibility']:.2f} | "
            f"{r['best-practices']:.2f} | {r['seo']:.2f} | {r['lcp']:.1f} s | {r['cls']:.3f} | "
            f"{r['tbt']:.0f} ms | {r['dom']:.0f} |"
        )
    failing = [
        f"{label} {path}"
        for label, path, r in rows
        if min(r[c] for c in CATEGORIES[1:]) < 0.95
        or r["performance"] < (0.90 if label == "1.000 Akteure" else 0.95)
    ]
    lines += ["", f"Targets met: {'yes' if not failing else 'NO: ' + ', '.join(failing)}."]
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if not failing else 1


if __name__ == "__main__":
    sys.exit(main())
