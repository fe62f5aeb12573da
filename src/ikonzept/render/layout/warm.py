"""A process made ready to lay out, once, for the worker processes forked from it.

Imported by the fork server that starts the build's workers (Linux, `build.run.worker_pool`):
importing it imports WeasyPrint, pikepdf and our tagging, and lays out and writes a small
page with the shipped stylesheet. Each worker forked from that process starts laying out at
once and at full speed: started on their own, each spent about a second importing and its
first document took 0.6 s longer than the next ones (fonts, hyphenation patterns, WeasyPrint's
caches). The fork server does this beside the build's validation, on the second core.

Nothing here may fail the import: the fork server would end, and the workers with it.
"""

from __future__ import annotations

import contextlib
import gc
import tempfile
from pathlib import Path

# Headings, text in the four faces of the font, a hyphenated word, a list and a table: what
# every document we write has, so that each is loaded and compiled before the fork.
_PAGE = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Vorbereitung</title>
<link rel="stylesheet" href="{stylesheet}"></head>
<body><h1>Handlungsplan</h1><h2>Sprache und Bildung</h2>
<p>Die <strong>Integrationsbeauftragten</strong> der <em>Kommunen</em> vereinbaren
<strong><em>Sprachförderangebote</em></strong> für Zugewanderte – „gemeinsam“.</p>
<ul><li>Elterncafés in den Kindertageseinrichtungen</li></ul>
<table class="plan"><thead><tr><th scope="col">Nr.</th><th scope="col">Maßnahme</th></tr>
</thead><tbody><tr><td>1.1</td><td>Willkommenskultur in Vereinen und Verbänden stärken</td>
</tr></tbody></table></body></html>
"""


def _prepare() -> None:
    from ikonzept.base.resources import data_dir
    from ikonzept.render import pdf

    templates = data_dir("templates")
    html = _PAGE.format(stylesheet=(templates / "konzept.css").resolve().as_uri())
    with tempfile.TemporaryDirectory(prefix="ikonzept-vorbereitung-") as folder:
        laid_out = pdf.layout(html, root=Path(folder), template_dirs=[templates])
        pdf.write(laid_out, Path(folder) / "vorbereitung.pdf")
    # Its fonts were copied to a temporary folder of this page's: each worker loads the
    # build's stylesheet itself (`render/pdf._styles`, 0.06 s).
    pdf.forget_styles()


with contextlib.suppress(Exception):  # not ready: each worker gets ready on its own, as before
    _prepare()
# What is alive now lives as long as the workers: the cyclic collector, which each worker
# runs after each document, need not look at it again.
gc.collect()
gc.freeze()
