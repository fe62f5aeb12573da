"""The report for the working groups: what came back, as Markdown.

Every remark and every proposal of every form is in it, with who said it about which
measure: nothing an actor wrote is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ikonzept.model import Konzept
from ikonzept.model.numbering import numbers
from ikonzept.round.feedback.receive import Intake


def _plain(text: str) -> str:
    """Form text as Markdown text: no HTML, no table breaks, no headings or links."""
    escaped = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    for char in "|*_`[]#":
        escaped = escaped.replace(char, "\\" + char)
    return " ".join(escaped.split())


class _Writer:
    """The report's sections, each from the intake."""

    def __init__(self, konzept: Konzept, intake: Intake, names: dict[str, str]) -> None:
        self.intake = intake
        self.numbering = numbers(konzept)
        self.titles = {m.id: m.titel for _f, _z, m in konzept.massnahmen()}
        self.current = {m.id: m.stand for _f, _z, m in konzept.massnahmen()}
        self.who = {file: names.get(recipient, recipient) for file, recipient in intake.forms}
        self.towns = {k.id: k.name for k in konzept.kommunen}
        self.in_plans = {(p.kommune, e.massnahme): e.stand for p in konzept.plaene
                         for e in p.massnahmen}  # fmt: skip

    def measure(self, ident: str) -> str:
        number = self.numbering.massnahmen.get(ident, "?")
        return f"{number} {_plain(self.titles.get(ident, ident))}"

    def changes(self) -> list[str]:
        if not self.intake.changes:
            return ["Keine."]
        lines = ["| Maßnahme | bisher | neu | Begründung |", "| --- | --- | --- | --- |"]
        for change in self.intake.changes:
            lines.append(
                f"| {self.measure(change.massnahme)} | {self.current[change.massnahme].label} | "
                f"{change.stand.label} | {_plain(change.begruendung or '')} |"
            )
        return lines

    def plans(self) -> list[str]:
        """What the towns reported about their plans: statuses and steps done."""
        lines = []
        for change in self.intake.plan_changes:
            town = _plain(self.towns.get(change.kommune, change.kommune))
            where = f"{self.measure(change.massnahme)} ({town})"
            if change.stand is not None:
                old = self.in_plans[(change.kommune, change.massnahme)].label
                reason = f" – {_plain(change.begruendung)}" if change.begruendung else ""
                lines.append(f"- {where}: Stand {old} → {change.stand.label}{reason}")
            for titel, day in change.erledigt:
                lines.append(f"- {where}: Schritt „{_plain(titel)}“ erledigt am {day:%d.%m.%Y}")
        return lines

    def conflicts(self) -> list[str]:
        lines = []
        for conflict in self.intake.conflicts:
            said = "; ".join(f"{_plain(self.who[f])}: {s.label}" for f, s in conflict.reports)
            lines.append(f"- {self.measure(conflict.massnahme)} – {said}")
        return lines

    def remarks(self) -> list[str]:
        """Remarks, and reasons given without a new status, by measure."""
        by_measure: dict[str, list[str]] = defaultdict(list)
        for answer in self.intake.answers:
            reason = answer.begruendung if answer.stand is None else None
            for label, text in (("Anmerkung", answer.anmerkung), ("Begründung", reason)):
                if text:
                    by_measure[answer.massnahme].append(
                        f"- **{_plain(self.who[answer.file])}** ({label}): {_plain(text)}"
                    )
        if not by_measure:
            return ["Keine.", ""]
        lines: list[str] = []
        order = sorted(by_measure, key=lambda i: _sort_key(self.numbering.massnahmen.get(i, "")))
        for ident in order:
            lines += [f"### {self.measure(ident)}", "", *by_measure[ident], ""]
        return lines

    def proposals(self) -> list[str]:
        lines = []
        for proposal in self.intake.proposals:
            extra = f" – Beteiligte: {_plain(proposal.beteiligt)}" if proposal.beteiligt else ""
            extra += f" – Anmerkung: {_plain(proposal.anmerkung)}" if proposal.anmerkung else ""
            feld = f" ({_plain(proposal.handlungsfeld)})" if proposal.handlungsfeld else ""
            who = _plain(self.who[proposal.file])
            lines.append(f"- **{who}**{feld}: {_plain(proposal.text)}{extra}")
        return lines or ["Keine."]


def markdown(
    konzept: Konzept, intake: Intake, names: dict[str, str], today: dt.date, waiting: list[str]
) -> str:
    writer = _Writer(konzept, intake, names)
    senders = ", ".join(sorted(_plain(name) for name in writer.who.values()))
    lines = [
        f"# Rückmeldungen zum {_plain(konzept.titel)} – {konzept.ausgabe.bezeichnung}",
        "",
        f"Eingelesen am {today:%d.%m.%Y}: {len(intake.forms)} "
        f"{'Bogen' if len(intake.forms) == 1 else 'Bögen'} ({senders}).",
        "",
        "## Geänderte Stände",
        "",
        *writer.changes(),
    ]
    if intake.plan_changes:
        lines += ["", "## Handlungspläne der Kommunen", "", *writer.plans()]
    if intake.conflicts:
        lines += ["", "## Widersprüchliche Angaben (nicht übernommen)", "", *writer.conflicts()]
    lines += ["", "## Anmerkungen zu Maßnahmen", "", *writer.remarks()]
    lines += ["## Neue Bedarfe und Vorschläge", "", *writer.proposals()]
    if waiting:
        lines += ["", "## Noch ausstehend", "", *(f"- {_plain(name)}" for name in waiting)]
    return "\n".join(lines) + "\n"


def _sort_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())
