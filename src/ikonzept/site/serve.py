"""``ikonzept site --serve``: a local preview that rebuilds on every save and reloads the page.

The site is built into a temporary folder (the published one stays untouched) and served
on 127.0.0.1 only; saves are noticed as for ``build --watch`` (`ikonzept.base.watching`). A
small script, added to each page as it is served (never written), asks every second
whether a newer build exists. While the concept has errors, every page shows them, and the
preview recovers by itself once they are fixed.
"""

from __future__ import annotations

import dataclasses
import errno
import html
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ikonzept.base.errors import UsageError
from ikonzept.site.build import SiteOptions, SiteResult, build_site

_PREFIX = "/.ikonzept/"
_RELOAD_JS = b"""(function () {
  var seen = null;
  function ask() {
    fetch("/.ikonzept/version", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (version) {
        if (seen !== null && version !== seen) { window.location.reload(); }
        seen = version;
      }).catch(function () {}).then(function () { window.setTimeout(ask, 1000); });
  }
  ask();
})();
"""
_SCRIPT_TAG = b'<script src="/.ikonzept/reload.js"></script>'


class Preview:
    """The preview's state: the last build, the files it was built from, the server."""

    def __init__(self, options: SiteOptions, port: int, log: Any = None) -> None:
        self._temporary = tempfile.TemporaryDirectory(prefix="ikonzept-vorschau-")
        self.options = dataclasses.replace(options, out=Path(self._temporary.name) / "site")
        if options.pdfs is None:  # the PDFs stay where build wrote them
            self.options = dataclasses.replace(self.options, pdfs=options.out.resolve().parent)
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self.version = 0
        self.errors: list[str] = []
        self._lock = threading.Lock()
        try:
            self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        except OSError as error:
            self._temporary.cleanup()
            if error.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"Port {port} ist schon belegt. Wählen Sie mit --port einen anderen, "
                    "z. B. --port 8001."
                ) from error
            raise
        # The preview's own address as base: links of the page for missing addresses work.
        self.options = dataclasses.replace(self.options, basis_url=self.url)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def _handler(self) -> Any:
        return partial(_Handler, preview=self)

    def build(self) -> SiteResult | None:
        """Build once; remember the findings of a failed build for the browser."""
        from ikonzept.base.findings import Severity
        from ikonzept.pipeline.reporters import text

        started = time.perf_counter()
        try:
            result = build_site(self.options)
        except UsageError as error:
            self._failed([error.message])
            return None
        if not result.written:
            validation = result.validation
            errors = [f for f in validation.findings if f.severity is Severity.ERROR]
            self._failed([_finding_line(f) for f in errors])
            text(validation, self.options.root, sys.stderr)
            return result
        with self._lock:
            self.errors = []
            self.version += 1
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        self.log(f"Gebaut: {result.pages} Seiten in {seconds} s")
        return result

    def _failed(self, lines: list[str]) -> None:
        with self._lock:
            self.errors = lines
            self.version += 1
        self.log("Das Konzept enthält Fehler; die Vorschau zeigt sie, bis sie behoben sind.")

    def watch(self, stop: threading.Event, ready: Callable[[], None] | None = None) -> None:
        """Build again after every save (watchfiles), until ``stop`` is set."""
        from ikonzept.base.watching import saves

        folders = [self.options.root, *([self.options.templates] if self.options.templates else [])]
        for _names in saves(folders, [self.options.out], stop, ready):
            try:
                self.build()
            except Exception as error:  # keep previewing; the next save may fix it
                self._failed([f"Interner Fehler: {error}"])

    def serve(self) -> int:
        """Build, serve and watch until Ctrl-C; returns the exit code."""
        self.build()
        stop = threading.Event()
        watcher = threading.Thread(target=self.watch, args=(stop,), daemon=True)
        watcher.start()
        self.log(f"Vorschau: {self.url} (beenden mit Strg+C)")
        try:
            self.server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            self.log("Vorschau beendet.")
        finally:
            stop.set()
            self.close()
        return 0

    def close(self) -> None:
        self.server.server_close()
        self._temporary.cleanup()


def _finding_line(finding: Any) -> str:
    where = finding.file + (f":{finding.line}" if finding.line else "")
    return f"{where}: {finding.message}"


class _Handler(SimpleHTTPRequestHandler):
    """Files of the last good build; the reload script; the errors while there are any."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, directory=str(preview.options.out), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are not news

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == f"{_PREFIX}version":
            self._send(str(self.preview.version).encode(), "text/plain; charset=utf-8")
        elif path == f"{_PREFIX}reload.js":
            self._send(_RELOAD_JS, "text/javascript; charset=utf-8")
        elif self.preview.errors and (path.endswith((".html", "/"))):
            self._send(_error_page(self.preview.errors), "text/html; charset=utf-8")
        elif path.endswith((".html", "/")):
            self._page(path)
        else:
            super().do_GET()

    def _page(self, path: str) -> None:
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            file = Path(self.directory) / "404.html"
            status = 404
        else:
            status = 200
        try:
            body = file.read_bytes()
        except OSError:
            self.send_error(404)
            return
        body = body.replace(b"</body>", _SCRIPT_TAG + b"\n</body>", 1)
        self._send(body, "text/html; charset=utf-8", status)

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _error_page(lines: list[str]) -> bytes:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Vorschau: Fehler im Konzept</title></head><body><main>"
        "<h1>Das Konzept enthält Fehler</h1>"
        "<p>Die Vorschau zeigt die Seiten wieder, sobald diese Fehler behoben sind:</p>"
        f"<ul>{items}</ul></main>{_SCRIPT_TAG.decode()}</body></html>"
    ).encode()


def preview(options: SiteOptions, port: int) -> int:
    return Preview(options, port).serve()
