"""``ikonzept bericht``: the Sachstandsbericht as PDF, its Mitteilungsvorlage, the OParl
``Paper`` of both, and the concept's state as a snapshot that the next report can compare
with (``seit`` in bericht.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ikonzept.base import fsutil
from ikonzept.build.plan import Progress

if TYPE_CHECKING:
    from ikonzept.diff.changes import Comparison
    from ikonzept.model import Konzept
    from ikonzept.pipeline.validate import Validation
    from ikonzept.render.content.bericht import BerichtView


@dataclass(frozen=True, slots=True)
class ReportOptions:
    root: Path
    out: Path
    stichtag: dt.date | None = None  # None: bericht.yaml's, else today
    today: dt.date | None = None
    oparl_base: str | None = None


@dataclass(slots=True)
class ReportResult:
    validation: Validation
    stichtag: dt.date | None = None
    outputs: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    ohne_vorlage: bool = False  # bericht.yaml names no Mitteilungsvorlage


def report_name(konzept: Konzept, stichtag: dt.date) -> str:
    return f"{konzept.id}-sachstandsbericht-{stichtag.isoformat()}"


def write_report(options: ReportOptions, progress: Progress | None = None) -> ReportResult:
    """Validate, then write the report; nothing is written when validation finds errors."""
    from ikonzept.pipeline.validate import validate

    step = progress or (lambda _text: None)
    step("Laden und prüfen")
    # checked as of the reporting date where it is given: overdue steps as the report counts them
    validation = validate(options.root, options.today or options.stichtag)
    result = ReportResult(validation)
    konzept = validation.konzept
    if validation.failed() or konzept is None:
        return result
    bericht = konzept.bericht
    stichtag = (
        options.stichtag
        or (bericht.stichtag if bericht is not None else None)
        or options.today
        or dt.date.today()
    )
    if options.today is None and options.stichtag is None and stichtag != dt.date.today():
        # bericht.yaml's date: checked again as of it, as a date on the command line is
        validation = validate(options.root, stichtag)
        result = ReportResult(validation)
        konzept = validation.konzept
        if validation.failed() or konzept is None:
            return result
    result.stichtag = stichtag
    step("Vergleichen")
    comparison = _comparison(options.root, konzept, validation.previous)
    step("Satz und Umbruch")
    _write(options, konzept, stichtag, comparison, result)
    return result


def _comparison(root: Path, konzept: Konzept, previous: Konzept | None) -> Comparison | None:
    """Against `seit` in bericht.yaml, else the previous edition; None without either."""
    from ikonzept.diff import comparison
    from ikonzept.pipeline.sides import Side, load_side

    current = Side(konzept, str(root))
    seit = konzept.bericht.seit if konzept.bericht is not None else None
    if seit is not None:
        return comparison(load_side(seit, root), current)
    if previous is not None and konzept.ausgabe.vorgaenger is not None:
        return comparison(Side(previous, konzept.ausgabe.vorgaenger), current)
    return None


def _write(
    options: ReportOptions, konzept: Konzept, stichtag: dt.date,
    comparison: Comparison | None, result: ReportResult,
) -> None:  # fmt: skip
    from ikonzept.base.resources import template_dirs
    from ikonzept.monitoring.status import as_of
    from ikonzept.pipeline import snapshot
    from ikonzept.render.content.bericht import render_bericht, report_view

    dirs = template_dirs(options.root, None)
    reported = as_of(konzept, stichtag.year)
    view = report_view(reported, stichtag, comparison)
    created = stichtag.isoformat()
    name = report_name(konzept, stichtag)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"{name}.pdf"
    pages = _pdf(konzept, render_bericht(reported, options.root, dirs, view, created), report,
                 options.root, dirs)  # fmt: skip
    result.outputs.append(report)
    result.pages[report] = pages
    if konzept.bericht is None or konzept.bericht.vorlage is None:
        result.ohne_vorlage = True
    else:
        _mitteilung(options, reported, view, dirs, report, pages, result)
    state = out / f"{name}.konzept.json"
    fsutil.write_text(state, snapshot.to_json(konzept))
    result.outputs.append(state)


def _mitteilung(
    options: ReportOptions, konzept: Konzept, view: BerichtView, dirs: list[Path],
    report: Path, pages: int, result: ReportResult,
) -> None:  # fmt: skip
    from ikonzept.build import oparl
    from ikonzept.render.content.bericht import federfuehrung, mitteilung_betreff, render_mitteilung

    assert konzept.bericht is not None and konzept.bericht.vorlage is not None
    vorlage = konzept.bericht.vorlage
    html = render_mitteilung(konzept, options.root, dirs, view, pages, vorlage.datum.isoformat())
    target = report.with_name(report.stem + "-vorlage.pdf")
    result.pages[target] = _pdf(konzept, html, target, options.root, dirs)
    result.outputs.append(target)
    papier = oparl.Papier(
        vorlage.nummer, vorlage.datum, "Mitteilungsvorlage", federfuehrung(konzept),
        vorlage.beratungsfolge, (konzept.vorlage.nummer,) if konzept.vorlage else (),
        ("Sachstandsbericht", "Integrationskonzept", "Integration"),
    )  # fmt: skip
    document = oparl.paper(
        papier, mitteilung_betreff(konzept, view),
        oparl.Datei(target, f"Mitteilungsvorlage {vorlage.nummer}"),
        [oparl.Datei(report, f"Anlage 1: {view.titel}")],
        oparl.base_url(konzept, options.oparl_base),
    )  # fmt: skip
    paper = report.with_name(report.stem + ".oparl.json")
    fsutil.write_text(paper, oparl.to_json(document))
    result.outputs.append(paper)


def _pdf(konzept: Konzept, html: str, target: Path, root: Path, dirs: list[Path]) -> int:
    from ikonzept.render import pdf
    from ikonzept.render.hyphenation import with_exceptions

    return pdf.document(with_exceptions(html, konzept.silbentrennung), target, root=root,
                        template_dirs=dirs)  # fmt: skip
