"""`feedback export`: one workbook per actor (or municipality) with the measures that name
it, for the actor to fill in; the round's memory records who was asked and when."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept.base import fsutil
from ikonzept.model import Konzept, Massnahme, Stand
from ikonzept.model.numbering import numbers
from ikonzept.model.plans import Handlungsplan
from ikonzept.round import memory
from ikonzept.round.feedback import form, planrows
from ikonzept.round.feedback.values import CHOICES


@dataclass(frozen=True, slots=True)
class Recipient:
    id: str
    name: str
    measures: tuple[Massnahme, ...]
    plan: Handlungsplan | None = None  # a town's action plan, asked in its form too


@dataclass(frozen=True, slots=True)
class Exported:
    files: tuple[Path, ...]
    round_file: Path
    measures: int  # rows of the county's measures written, over all workbooks
    plan_rows: int = 0  # rows of the towns' plans: their measures and open steps


def recipients(konzept: Konzept, nach: str) -> list[Recipient]:
    """Who gets a form: every actor named in a measure, or every municipality with one."""
    measures = [m for _f, _z, m in konzept.massnahmen()]
    if nach == "kommune":
        plans = {p.kommune: p for p in konzept.plaene if p.massnahmen}
        return [
            Recipient(k.id, k.name, tuple(m for m in measures if k.id in m.kommunen),
                      plans.get(k.id))
            for k in konzept.kommunen
            if any(k.id in m.kommunen for m in measures) or k.id in plans
        ]  # fmt: skip
    return [
        Recipient(a.id, a.name, tuple(m for m in measures if a.id in m.akteure))
        for a in konzept.akteure
        if any(a.id in m.akteure for m in measures)
    ]


def export(
    root: Path,
    konzept: Konzept,
    out: Path,
    *,
    nach: str = "akteur",
    bis: dt.date | None = None,
    heute: dt.date | None = None,
    fmt: str = "xlsx",
) -> Exported:
    """Write the forms (``fmt``: xlsx or ods) to ``out`` and the round's memory to the
    concept folder."""
    today = heute or dt.date.today()
    everyone = recipients(konzept, nach)
    _write_all(konzept, everyone, out, bis, fmt)
    files = [out / f"{recipient.id}.{fmt}" for recipient in everyone]
    requests = [
        memory.Request(r.id, f"{r.id}.{fmt}", tuple(m.id for m in r.measures), today)
        for r in everyone
    ]
    nummern = numbers(konzept).massnahmen
    plan_rows = sum(len(planrows.rows(konzept, r.plan, nummern)) for r in everyone if r.plan)
    round_ = memory.Round(konzept.ausgabe.nummer, bis, nach, tuple(requests))
    previous = memory.load(root)
    if previous.ausgabe == konzept.ausgabe.nummer and previous.nach == nach:
        # Sent again (a corrected form): who already answered stays answered.
        back = {r.empfaenger: r.zurueck for r in previous.requests if r.zurueck}
        round_ = dataclasses.replace(
            round_,
            requests=tuple(
                dataclasses.replace(r, zurueck=back.get(r.empfaenger)) for r in requests
            ),
        )
    path = memory.save(root, round_)
    return Exported(tuple(files), path, sum(len(r.massnahmen) for r in requests), plan_rows)


# Fewer forms than this are written in this process: starting workers would cost more.
_PARALLEL_FROM = 60


def _write_all(
    konzept: Konzept, everyone: list[Recipient], out: Path, bis: dt.date | None, fmt: str
) -> None:
    """Write every recipient's workbook; a county with hundreds of actors on two cores."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(2, os.cpu_count() or 1)
    if (
        len(everyone) < _PARALLEL_FROM
        or workers < 2
        or "fork" not in (multiprocessing.get_all_start_methods())
    ):
        _write_some(konzept, everyone, out, bis, fmt)
        return
    # fork: the workers start with everything imported (spawn would import it all again).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        halves = [everyone[index::workers] for index in range(workers)]
        for done in [pool.submit(_write_some, konzept, half, out, bis, fmt) for half in halves]:
            done.result()


def _write_some(
    konzept: Konzept, some: list[Recipient], out: Path, bis: dt.date | None, fmt: str
) -> None:
    from ikonzept.round.feedback import ods, xlsx

    writer = ods.write if fmt == "ods" else xlsx.write
    numbering = numbers(konzept)
    names = {k.id: k.name for k in konzept.kommunen}
    for recipient in some:
        content = _form(konzept, recipient, numbering, names, bis)
        fsutil.write_bytes(out / f"{recipient.id}.{fmt}", writer(content))


def _form(
    konzept: Konzept,
    recipient: Recipient,
    numbering: Any,
    names: dict[str, str],
    bis: dt.date | None,
) -> form.Form:
    herausgeber = konzept.herausgeber
    return form.Form(
        sheets=(
            _hints(konzept, recipient, bis),
            _measures(konzept, recipient, numbering, names),
            _proposals(konzept, numbering),
        ),
        active=1,  # opens on the measures
        properties=(
            (form.PROPERTY_FORM, form.FORM_VERSION),
            (form.PROPERTY_CONCEPT, konzept.id),
            (form.PROPERTY_EDITION, str(konzept.ausgabe.nummer)),
            (form.PROPERTY_RECIPIENT, recipient.id),
        ),
        title=f"Rückmeldebogen {recipient.name}",
        creator=f"{herausgeber.name} – {herausgeber.stelle}",
        created=dt.datetime.combine(konzept.ausgabe.stand, dt.time()),
    )


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (roughly)."""
    return max(1, -(-len(text) // max(int(width * 1.1), 1)))


# What each status means, for the people who fill in a form.
_MEANINGS = {
    Stand.OFFEN: "noch nicht begonnen",
    Stand.IN_UMSETZUNG: "begonnen, noch nicht abgeschlossen",
    Stand.UMGESETZT: "erledigt",
    Stand.DAUERHAFT: "umgesetzt und fortan Teil der regulären Arbeit",
    Stand.ZURUECKGESTELLT: "vorerst nicht weiter verfolgt",
    Stand.ENTFALLEN: "wird nicht umgesetzt (bitte begründen)",
}


def _hints(konzept: Konzept, recipient: Recipient, bis: dt.date | None) -> form.Sheet:
    herausgeber = konzept.herausgeber
    frist = f"bis zum {bis:%d.%m.%Y}" if bis else "bald"
    lines = [
        (f"Rückmeldebogen zum {konzept.titel}", True),
        (f"für {recipient.name}", True),
        ("", False),
        (
            f"Das {konzept.ausgabe.bezeichnung} (Stand {konzept.ausgabe.stand:%d.%m.%Y}) wird "
            "fortgeschrieben. Dafür möchten wir wissen, was aus den Maßnahmen geworden ist, an "
            "denen Sie beteiligt sind.",
            False,
        ),
        ("", False),
        ("So füllen Sie den Bogen aus:", True),
        (
            f"1. Im Blatt „{form.SHEET_MEASURES}“ steht je Zeile eine Maßnahme, die Sie nennt. "
            "Tragen Sie unter „Stand neu“ ein, wie weit sie ist (Auswahlliste). Ist der Stand "
            "unverändert, lassen Sie das Feld leer.",
            False,
        ),
        (
            "2. „Begründung“: Warum eine Maßnahme entfällt, ist Pflicht; bei anderen Angaben "
            "hilft sie der Arbeitsgruppe.",
            False,
        ),
        ("3. „Anmerkung“: alles, was die Arbeitsgruppe wissen sollte.", False),
        (
            f"4. Im Blatt „{form.SHEET_PROPOSALS}“ ist Platz für neue Bedarfe und Ideen für "
            "Maßnahmen.",
            False,
        ),
        *_plan_hints(recipient),
        (
            "Andere Spalten und Blätter sind geschützt; bitte keine Zeilen oder Blätter einfügen.",
            False,
        ),
        ("", False),
        ("Die Stände bedeuten:", True),
        *((f"{stand.label} – {_MEANINGS[stand]}", False) for stand in Stand),
        ("", False),
        (
            f"Bitte senden Sie den ausgefüllten Bogen {frist} zurück an: {herausgeber.name}, "
            f"{herausgeber.stelle}"
            + (f", {herausgeber.anschrift}" if herausgeber.anschrift else "")
            + ".",
            False,
        ),
        ("Vielen Dank!", False),
    ]
    rows = tuple(
        (form.Cell(text, ("title" if number <= 2 else "bold") if bold else "hint"),)
        for number, (text, bold) in enumerate(lines, start=1)
    )
    heights = tuple(form.LINE_HEIGHT * _lines(text, form.HINTS_WIDTH) for text, _bold in lines)
    return form.Sheet(form.SHEET_HINTS, rows, (form.HINTS_WIDTH,), heights, landscape=False)


def _plan_hints(recipient: Recipient) -> list[tuple[str, bool]]:
    if recipient.plan is None:
        return []
    return [
        (
            f"5. Zeilen „Handlungsplan {recipient.name}“: die Maßnahmen Ihres Handlungsplans. "
            "„Stand neu“ gilt dort für Ihre Kommune. Darunter je ein noch offener Schritt: "
            "Ist er erledigt, tragen Sie unter „Erledigt am“ das Datum ein (z. B. "
            f"{_EXAMPLE_DAY:%d.%m.%Y}).",
            False,
        )
    ]


_EXAMPLE_DAY = dt.date(2019, 11, 20)


def _measures(
    konzept: Konzept, recipient: Recipient, numbering: Any, names: dict[str, str]
) -> form.Sheet:
    columns = form.COLUMNS + (planrows.COLUMNS if recipient.plan else ())
    widths = {**form.WIDTHS, **planrows.WIDTHS}
    header = tuple(form.Cell(name, "header") for name in columns)
    rows: list[tuple[form.Cell | None, ...]] = [header]
    heights: list[float | None] = [None]

    def add(values: dict[str, str], inputs: tuple[str, ...]) -> None:
        rows.append(tuple(
            form.Cell("", "input") if name in inputs
            else form.Cell(values.get(name, ""), "id" if name == "ID" else "text")
            for name in columns
        ))  # fmt: skip
        height = max(_lines(values.get(name, ""), widths[name]) for name in columns)
        heights.append(form.LINE_HEIGHT * max(height, 2))

    for measure in recipient.measures:
        wo = ", ".join(names.get(k, k) for k in measure.kommunen) or "kreisweit"
        shown = (measure.id, numbering.massnahmen[measure.id], measure.titel, wo,
                 measure.stand.label)  # fmt: skip
        values = dict(zip(form.COLUMNS, shown, strict=False))
        add(values, form.INPUT_COLUMNS)
    if recipient.plan:
        for row in planrows.rows(konzept, recipient.plan, numbering.massnahmen):
            values = {"ID": row.ident, "Nr.": row.nummer, "Maßnahme": row.titel, "Wo": row.wo,
                      "Stand bisher": row.stand_bisher, "Verantwortlich": row.verantwortlich,
                      "Schritt": row.schritt, "Bis": row.bis}  # fmt: skip
            add(values, form.INPUT_COLUMNS if row.status_asked else ("Anmerkung", "Erledigt am"))
    last = len(rows)
    stand = form.COLUMNS.index("Stand neu") + 1
    choices = form.Choices(
        stand,
        2,
        max(last, 2),
        CHOICES,
        strict=True,
        title="Stand neu",
        error="Bitte einen Stand aus der Liste wählen.",
        prompt="Leer lassen, wenn unverändert.",
    )
    return form.Sheet(
        form.SHEET_MEASURES,
        tuple(rows),
        tuple(widths[name] for name in columns),
        tuple(heights),
        landscape=True,
        choices=(choices,),
        frozen=(1, 2),
        title_rows=1,
        # On paper the ID (for the import) is left out: the number and title say which one.
        printed_columns=(2, len(columns)),
        autofilter=True,
    )


def _proposals(konzept: Konzept, numbering: Any) -> form.Sheet:
    header = tuple(form.Cell(name, "header") for name in form.PROPOSAL_COLUMNS)
    empty = tuple(form.Cell("", "input") for _ in form.PROPOSAL_COLUMNS)
    fields = [f"{numbering.felder[f.id]} {f.titel}" for f in konzept.handlungsfelder]
    listed = tuple(field.replace(",", " ") for field in [*fields, "anderes"])
    choices: tuple[form.Choices, ...] = ()
    if len(",".join(listed)) <= 250:  # Excel's limit for a list written into the validation
        choices = (form.Choices(1, 2, form.PROPOSAL_ROWS + 1, listed),)
    return form.Sheet(
        form.SHEET_PROPOSALS,
        (header, *((empty,) * form.PROPOSAL_ROWS)),
        form.PROPOSAL_WIDTHS,
        (None, *((form.LINE_HEIGHT * 3,) * form.PROPOSAL_ROWS)),
        landscape=True,
        choices=choices,
        title_rows=1,
    )
