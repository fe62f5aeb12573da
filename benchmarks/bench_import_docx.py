"""A county's concept from Word: ``python benchmarks/bench_import_docx.py``.

The large concept (benchmarks/data/large: 1,000 actors in a table) written as a Word
document the way tests/sample_docx.py writes the sample (numbered headings, actor, glossary
and abbreviation tables), its fields repeated until it has 200 pages' words (400 a page);
imported with
``ikonzept import`` as a whole process, median of five runs. Target: under 5 s.
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
LARGE = ROOT / "benchmarks" / "data" / "large"
PAGES, WORDS_PER_PAGE = 200, 400


def _document(target: Path) -> int:
    """Writes the document; returns its number of words."""
    import copy

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))
    import docx
    from tests.sample_docx import write

    from ikonzept.pipeline.validate import validate

    konzept = validate(LARGE).konzept
    assert konzept is not None
    write(konzept, target)
    document = docx.Document(str(target))
    body = document.element.body
    children = list(body)
    texts = [_text(child) for child in children]
    first = next(i for i, t in enumerate(texts) if t == "Handlungsfelder")
    after = next(i for i, t in enumerate(texts) if t == "Akteure und Angebote")
    fields = children[first + 1 : after]
    # more fields of action, as a longer concept has them (copied in the XML: python-docx
    # adds paragraphs in time growing with the document)
    while _words(document) < PAGES * WORDS_PER_PAGE:
        for element in fields:
            children[after].addprevious(copy.deepcopy(element))
    document.save(str(target))
    return _words(document)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element: object) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))  # type: ignore[attr-defined]


def _words(document: object) -> int:
    body = document.element.body  # type: ignore[attr-defined]
    return sum(len(_text(p).split()) for p in body.iter(f"{W}p"))


def main() -> int:
    if not (LARGE / "konzept.yaml").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py")], check=True)
    ik = str(Path(sys.executable).with_name("ikonzept"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="ikonzept-import-") as folder:
        work = Path(folder)
        source = work / "konzept.docx"
        words = _document(source)
        times = []
        for run in range(6):
            started = time.perf_counter()
            subprocess.run([ik, "import", str(source), "--to", str(work / f"neu-{run}"), "-q"],
                           env=env, check=True, capture_output=True)  # fmt: skip
            if run:  # the first is the warm-up
                times.append(time.perf_counter() - started)
        size = source.stat().st_size // 1024
    median = statistics.median(times)
    print(
        f"{words:,} words (about {words // WORDS_PER_PAGE} pages), {size:,} kB DOCX:".replace(
            ",", "."
        )
    )
    print(f"- import: {median:.2f} s (target < 5 s: {'yes' if median < 5 else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
