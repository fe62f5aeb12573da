"""The web site: `ikonzept site` on the large concept (1,000 actors), the weight of the
sample's pages, and how fast the directory of the large concept filters in a browser.

The filter is timed in Debian's chromium (Playwright, as in the tests), typing a few
searches key by key and choosing municipalities with the arrow key, as a visitor does; the
browser's Event Timing reports how long each key press took until the result was drawn.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench_core import ROOT, Bench, environ, tool

SITE = Path("benchmarks/data/large-site")
QUERIES = ("sprachkurs", "beratung arabisch", "integration", "xyz")


def benchmarks(large: Path) -> list[Bench]:
    ik = tool("ikonzept") or "ikonzept"
    return [
        Bench(
            "site",
            f"`ikonzept site {large} -o {SITE}` (every page, the open data)",
            ((ik, "site", str(large), "-o", str(SITE), "-q"),),
            3.0,
        )
    ]


def page_weights() -> str:
    """The heaviest pages of the sample's site: HTML plus the stylesheet and script it loads."""
    ik = tool("ikonzept") or "ikonzept"
    with tempfile.TemporaryDirectory(prefix="ikonzept-site-") as work:
        site = Path(work) / "site"
        subprocess.run([ik, "site", str(ROOT / "concept"), "-o", str(site), "-q"],
                       check=True, env=environ())  # fmt: skip
        weights = []
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            loaded = re.findall(r'(?:href|src)="((?:\.\./)?assets/[^"]+)"', html)
            size = page.stat().st_size + sum((page.parent / p).stat().st_size for p in loaded)
            weights.append((size, page.relative_to(site).as_posix()))
    weights.sort(reverse=True)
    top = ", ".join(f"{name} {size / 1000:.1f} kB" for size, name in weights[:3])
    verdict = "yes" if weights[0][0] <= 100_000 else "NO"
    return (
        f"Sample site: {len(weights)} pages; heaviest (HTML + CSS + JS, before images): {top}. "
        f"Target ≤ 100 kB: {verdict}."
    )


def filter_timing() -> str:
    """Each keystroke in the large site's directory, from key press to the next frame drawn."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    directory = ROOT / SITE / "akteure.html"
    if chromium is None or not directory.is_file():
        return "Filter timing skipped: needs chromium and the site benchmark's output."
    # Event Timing (the measure behind "Interaction to Next Paint"): how long from the key
    # press until the browser drew the result, for real key events. Chromium reports events
    # of 16 ms and more, in steps of 8 ms.
    observe = """() => {
        window.slow = [];
        new PerformanceObserver(list => {
            for (const e of list.getEntries()) window.slow.push([e.name, e.duration]);
        }).observe({type: "event", durationThreshold: 16});
    }"""
    presses = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(directory.as_uri())
        # A directory of pages: the first page lists a hundred, the filters search all.
        actors = page.locator("#treffer").inner_text().rsplit(" von ", 1)[-1]
        page.evaluate(observe)
        page.focus("#suche")
        for query in QUERIES:
            page.keyboard.type(query, delay=120)
            for _ in query:
                page.keyboard.press("Backspace", delay=120)
            presses += 2 * len(query)
        page.focus("#kommune")
        for _ in range(10):
            page.keyboard.press("ArrowDown", delay=150)
            presses += 1
        page.wait_for_timeout(500)
        slow: list[tuple[str, float]] = page.evaluate("window.slow")
        browser.close()
    longest = max((duration for _name, duration in slow), default=0.0)
    verdict = "yes" if longest < 50 else "NO"
    return (
        f"Directory filter, large site ({actors} actors, in pages), {presses} key presses "
        f"(typing and deleting {len(QUERIES)} searches, 10 municipalities chosen with the "
        "arrow key): "
        f"longest key press to next frame {longest:.0f} ms"
        f"{'' if slow else ' (none reached 16 ms)'}; {len(slow)} events of 16 ms or more. "
        f"Target < 50 ms: {verdict}."
    )
