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


def _timed(ik: str, source: Path, work: Path, env: dict[str, str], runs: int) -> float:
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        target = work / f"neu-{source.suffix[1:]}-{run}"
        subprocess.run([ik, "import", str(source), "--to", str(target), "-q"], env=env,
                       check=True, capture_output=True)  # fmt: skip
        if run:  # the first is the warm-up
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _pdf(source: Path, work: Path) -> Path | None:
    import shutil

    office = shutil.which("soffice")
    if office is None:
        return None
    subprocess.run([office, f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), str(source)],
                   check=True, capture_output=True, timeout=600)  # fmt: skip
    return source.with_suffix(".pdf")


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def main() -> int:
    if not (LARGE / "konzept.yaml").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py")], check=True)
    ik = str(Path(sys.executable).with_name("ikonzept"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="ikonzept-import-") as folder:
        work = Path(folder)
        source = work / "konzept.docx"
        words = _document(source)
        docx_time = _timed(ik, source, work, env, runs=5)
        size = source.stat().st_size // 1024
        pdf = _pdf(source, work)
        pdf_time = _timed(ik, pdf, work, env, runs=3) if pdf else None
        pdf_pages = _pages(pdf) if pdf else 0
    pages = words // WORDS_PER_PAGE
    print(f"{words:,} words (about {pages} pages), {size:,} kB DOCX:".replace(",", "."))
    print(f"- import DOCX: {docx_time:.2f} s (target < 5 s: {'yes' if docx_time < 5 else 'NO'})")
    if pdf_time is not None:
        # LibreOffice sets the document on more pages than 400 words each (the actor table)
        per_200 = pdf_time * PAGES / max(pdf_pages, 1)
        verdict = "yes" if per_200 < 30 else "NO"
        print(
            f"- import PDF ({pdf_pages} pages): {pdf_time:.2f} s, {per_200:.1f} s per 200 "
            f"pages (target < 30 s: {verdict})"
        )
    else:
        print("- import PDF: not measured (no soffice to write the PDF)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
