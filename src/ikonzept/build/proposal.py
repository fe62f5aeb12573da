"""The committee proposal and the Synopse of a build: the comparison with the previous
edition, the Synopse's HTML, the proposal laid out once the concept's page count is known,
and its OParl export."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING

from ikonzept.base import fsutil
from ikonzept.build.plan import OPARL, BuildOptions, BuildResult

if TYPE_CHECKING:
    from ikonzept.diff.changes import Comparison
    from ikonzept.model import Konzept
    from ikonzept.pipeline.sides import Side


class ProposalSteps:
    """The steps of a build run (`run.BuildRun`) that make the proposal and the Synopse."""

    options: BuildOptions
    konzept: Konzept
    previous: Konzept | None
    dirs: list[Path]
    result: BuildResult
    with_synopse: bool
    name: str

    def _single(
        self, pool: Executor, html: str, target: Path
    ) -> Future[tuple[int, tuple[str, ...]]]:
        raise NotImplementedError

    def _hyphenated(self, html: str) -> str:
        raise NotImplementedError

    def _output(self, path: Path, pages: int | None = None, html: str | None = None) -> None:
        raise NotImplementedError

    def _comparison(self) -> tuple[Comparison | None, Side | None]:
        if not self.with_synopse:
            return None, None
        from ikonzept.diff import comparison
        from ikonzept.pipeline.sides import Side

        assert self.previous is not None and self.konzept.ausgabe.vorgaenger is not None
        previous = Side(self.previous, self.konzept.ausgabe.vorgaenger)
        return comparison(previous, Side(self.konzept, str(self.options.root))), previous

    def _synopse_html(self, result: Comparison, previous: Side) -> str:
        from ikonzept.pipeline.sides import Side
        from ikonzept.render.content.synopse import synopse_html

        return synopse_html(result, previous, Side(self.konzept, str(self.options.root)), self.dirs)

    def _vorlage(
        self, pool: Executor, konzept_pages: int, synopse_pages: int | None,
        comparison: Comparison | None, created: str,
    ) -> tuple[Path, int, str]:  # fmt: skip
        """Lay out the committee proposal (in ``pool``); returns its file, pages and HTML."""
        from ikonzept.render.content.vorlage import render_vorlage

        html = self._hyphenated(
            render_vorlage(
                self.konzept,
                self.options.root,
                self.dirs,
                konzept_pages,
                synopse_pages,
                comparison,
                created,
            )
        )
        target = self.options.out / f"{self.name}-vorlage.pdf"
        pages, blocked = self._single(pool, html, target).result()
        self.result.blocked += blocked
        return target, pages, html

    def _oparl(self, vorlage: Path, *, with_synopse: bool) -> None:
        from ikonzept.build import oparl
        from ikonzept.render.content.vorlage import betreff

        out = self.options.out
        auxiliary = [oparl.Datei(out / f"{self.name}.pdf", f"Anlage 1: {self.konzept.titel}")]
        synopse = out / f"{self.name}-synopse.pdf"
        if with_synopse and synopse.is_file():
            auxiliary.append(oparl.Datei(synopse, "Anlage 2: Synopse"))
        auxiliary += [
            oparl.Datei(
                self.options.root / anlage.datei, f"Anlage {len(auxiliary) + n}: {anlage.titel}"
            )
            for n, anlage in enumerate(
                self.konzept.vorlage.anlagen if self.konzept.vorlage else (), 1
            )
            if anlage.datei
        ]
        auxiliary = [d for d in auxiliary if d.path.is_file()]
        main = oparl.Datei(
            vorlage,
            f"Sitzungsvorlage {self.konzept.vorlage.nummer if self.konzept.vorlage else ''}",
        )
        document = oparl.paper(oparl.Papier.of_proposal(self.konzept), betreff(self.konzept),
                               main, auxiliary,
                               oparl.base_url(self.konzept, self.options.oparl_base))  # fmt: skip
        self._output(out / OPARL)
        fsutil.write_text(out / OPARL, oparl.to_json(document))
