"""Format findings for people (text), machines (json) and CI annotations (github, and gitlab's
Code Quality report)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ikonzept.base.findings import Finding, Severity
from ikonzept.pipeline.validate import Validation

Reporter = Callable[[Validation, Path, TextIO], None]


def _display(display_root: Path, finding: Finding) -> str:
    path = (display_root / finding.file).as_posix() if finding.file else display_root.as_posix()
    return path.removeprefix("./")


def _location(display_root: Path, finding: Finding) -> str:
    where = _display(display_root, finding)
    if finding.line is not None:
        where += f":{finding.line}"
        if finding.column is not None:
            where += f":{finding.column}"
    return where


def text(validation: Validation, display_root: Path, out: TextIO) -> None:
    # click (already loaded for the CLI) colours only terminals and honours NO_COLOR here;
    # rich would add 40 ms of start-up to every run.
    import click

    color = None if "NO_COLOR" not in os.environ else False
    for item in validation.findings:
        label = click.style(
            item.severity.label,
            fg="red" if item.severity is Severity.ERROR else "yellow",
            bold=True,
        )
        click.echo(
            f"{click.style(_location(display_root, item), bold=True)}: {label} "
            f"{click.style(item.rule, dim=True)} {item.message}",
            file=out,
            color=color,
        )
    if validation.konzept is not None and not validation.failed():
        click.echo(overview(validation), file=out)
    summary = validation.summary
    tone = "red" if summary.errors else ("yellow" if summary.warnings else "green")
    click.echo(click.style(summary.text(), fg=tone), file=out, color=color)


def overview(validation: Validation) -> str:
    """One German line on what the concept holds."""
    k = validation.konzept
    assert k is not None
    ziele = sum(len(f.ziele) for f in k.handlungsfelder)
    angebote = sum(len(a.angebote) for a in k.akteure)
    return (
        f"{k.titel} – {k.ausgabe.bezeichnung}, Stand {k.ausgabe.stand:%d.%m.%Y}: "
        f"{counted(len(k.handlungsfelder), 'Handlungsfeld', 'Handlungsfelder')}, "
        f"{counted(ziele, 'Ziel', 'Ziele')}, "
        f"{counted(len(k.massnahmen()), 'Maßnahme', 'Maßnahmen')}, "
        f"{counted(len(k.akteure), 'Akteur', 'Akteure')} mit "
        f"{counted(angebote, 'Angebot', 'Angeboten')}, "
        f"{counted(len(k.glossar), 'Glossarbegriff', 'Glossarbegriffe')}, "
        f"{counted(len(k.abkuerzungen), 'Abkürzung', 'Abkürzungen')}, "
        f"{counted(len(k.rechtsgrundlagen), 'Rechtsgrundlage', 'Rechtsgrundlagen')}"
    )


def counted(number: int, one: str, many: str) -> str:
    """„1 Ziel“, „3 Ziele“."""
    return f"{number} {one if number == 1 else many}"


def as_json(validation: Validation, display_root: Path, out: TextIO) -> None:
    summary = validation.summary
    document = {
        "ordner": display_root.as_posix(),
        "befunde": [
            {
                "datei": item.file,
                "zeile": item.line,
                "spalte": item.column,
                "regel": item.rule,
                "schwere": "fehler" if item.severity is Severity.ERROR else "warnung",
                "meldung": item.message,
            }
            for item in validation.findings
        ],
        "zusammenfassung": {
            "fehler": summary.errors,
            "warnungen": summary.warnings,
            "dateien": summary.files,
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(validation: Validation, display_root: Path, out: TextIO) -> None:
    for item in validation.findings:
        level = "error" if item.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(_display(display_root, item))}"]
        if item.line is not None:
            props.append(f"line={item.line}")
        if item.column is not None:
            props.append(f"col={item.column}")
        props.append(f"title={_escape_property(item.rule)}")
        out.write(f"::{level} {','.join(props)}::{_escape_data(item.message)}\n")
    out.write(validation.summary.text() + "\n")


def gitlab(validation: Validation, display_root: Path, out: TextIO) -> None:
    """GitLab's Code Quality report: merge requests show each finding at its line.

    The fingerprint leaves the line out, so that a finding which only moved is not new.
    """
    issues = []
    for item in validation.findings:
        path = _display(display_root, item)
        fingerprint = hashlib.sha256(f"{item.rule}|{path}|{item.message}".encode()).hexdigest()
        issues.append(
            {
                "description": f"{item.rule} {item.message}",
                "check_name": item.rule,
                "fingerprint": fingerprint,
                "severity": "critical" if item.severity is Severity.ERROR else "minor",
                "location": {"path": path, "lines": {"begin": item.line or 1}},
            }
        )
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")


REPORTERS: dict[str, Reporter] = {
    "text": text, "json": as_json, "github": github, "gitlab": gitlab,
}  # fmt: skip
