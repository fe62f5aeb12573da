"""What ``ikonzept build`` shows while it works: steps with timings, then what it wrote."""

from __future__ import annotations

import sys
from pathlib import Path
from time import perf_counter
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ikonzept.build import BuildResult

if TYPE_CHECKING:
    from ikonzept.pipeline.validate import Validation


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


class Reporter:
    """Progress on stderr (a spinner on terminals); findings and results on stdout."""

    def __init__(self, quiet: bool = False) -> None:
        from rich.console import Console

        self.quiet = quiet
        self.err = Console(stderr=True, highlight=False)
        self.out = Console(highlight=False, soft_wrap=True)
        self._status: Any = None
        self._current: tuple[str, float] | None = None
        self._shown = False  # the findings, printed as soon as validation had them

    def __enter__(self) -> Reporter:
        if not self.quiet and self.err.is_terminal:
            self._status = self.err.status("ikonzept build")
            self._status.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._close_step(failed=kind is not None)
        if self._status is not None:
            self._status.__exit__(kind, error, trace)

    def step(self, text: str) -> None:
        self._close_step()
        self._current = (text, perf_counter())
        if self._status is not None:
            self._status.update(f"{text} …")

    def detail(self, text: str) -> None:
        """How far the current step has got (on terminals only; not printed as a line)."""
        if self._status is not None and self._current is not None:
            self._status.update(f"{self._current[0]} – {text} …")

    def _close_step(self, failed: bool = False) -> None:
        if self._current is not None and not self.quiet:
            text, started = self._current
            mark = "[red]✗[/]" if failed else "[green]✓[/]"
            self.err.print(f"{mark} {text} [dim]{_seconds(perf_counter() - started)}[/]")
        self._current = None

    def validated(self, validation: Validation, root: Path) -> None:
        """Print the findings now, before the layout (``build --watch``): they come first."""
        self._close_step()
        self._findings(validation, root, built=not validation.failed())
        self._shown = True

    def _findings(self, validation: Validation, root: Path, built: bool) -> None:
        shown = validation.findings or not built
        if shown and (not self.quiet or validation.failed()):
            # Imported here: an up-to-date build (no validation) needs none of it (70 ms).
            from ikonzept.pipeline.reporters import text

            text(validation, root, sys.stdout)
            sys.stdout.flush()

    def finish(self, result: BuildResult, root: Path) -> int:
        """Print the outcome; return the exit code."""
        self._close_step()
        validation = result.validation
        if validation is not None and not self._shown:
            self._findings(validation, root, result.built)
        if not result.built:
            self.err.print(
                "[red]Es wurde nichts geschrieben:[/] Bitte beheben Sie zuerst die Fehler."
            )
            return 1
        if self.quiet:
            return 0
        if result.skipped:
            self.out.print("Nichts zu tun: Die Dokumente sind aktuell.")
        for url in result.blocked:
            self.err.print(
                f"[yellow]Nicht geladen:[/] {url} (nur Bilder aus bilder/ und die Vorlagen "
                "werden gelesen)"
            )
        for path in result.outputs:
            pages = result.pages.get(path)
            detail = f" ({pages} Seite{'' if pages == 1 else 'n'})" if pages else ""
            verb = "Aktuell" if result.skipped else "Geschrieben"
            self.out.print(f"{verb}: {path}{detail}")
        layout = result.timings.get("umbruch")
        if layout and result.pages and not result.reused:
            rate = f"{sum(result.pages.values()) / layout:.1f}".replace(".", ",")
            self.err.print(
                f"[dim]{sum(result.pages.values())} Seiten, {rate} Seiten/s im Umbruch[/]"
            )
        elif result.reused:
            total = result.reused + result.laid_out
            self.err.print(
                f"[dim]{sum(result.pages.values())} Seiten; {result.laid_out} von {total} "
                "Umbrüchen neu, die übrigen aus dem Zwischenspeicher[/]"
            )
        return 0
