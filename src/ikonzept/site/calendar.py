"""A town's agreed steps as an iCalendar file (RFC 5545) that its round table subscribes to
in Outlook, Thunderbird or a phone: one all-day event per step, on its deadline.

Written by hand rather than with a library: the format needs a dozen lines, folding and
escaping; the file must come out byte for byte the same for the same concept (no clock:
DTSTAMP is the plan's date), and each step keeps its UID from one build to the next, so a
subscribed calendar updates an event instead of showing it twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

from ikonzept.model.plans import Handlungsplan
from ikonzept.site.directory import plain
from ikonzept.site.view import SiteView, kommune_page, page_url

PRODID = "-//ikonzept//Handlungsplan//DE"
_LINE_OCTETS = 75  # RFC 5545, 3.1: longer content lines are folded


def calendar_page(ident: str) -> str:
    return f"kommunen/{ident}.ics"


def has_steps(plan: Handlungsplan) -> bool:
    return any(e.schritte for e in plan.massnahmen)


def step_uid(county: str, kommune: str, massnahme: str, titel: str, occurrence: int) -> str:
    """The same step of the same measure in the same town's plan keeps its UID, whatever
    is added or reordered around it; the county's name keeps two counties apart."""
    key = "\x1f".join((county, kommune, massnahme, titel, str(occurrence)))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@ikonzept"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current = ""
    size = 0
    limit = _LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, _LINE_OCTETS - 1  # a continuation starts with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def _date(value: dt.date) -> str:
    return f"{value:%Y%m%d}"


def town_calendar(view: SiteView, plan: Handlungsplan) -> str:
    """The calendar of one town's agreed steps."""
    name = view.kommunen_namen.get(plan.kommune, plan.kommune)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(f'Handlungsplan {name}: Schritte')}",
        f"X-WR-CALNAME:{escape_text(f'Handlungsplan {name}: Schritte')}",
        f"X-WR-CALDESC:{escape_text(_description(view, name))}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
        *_events(view, plan),
        "END:VCALENDAR",
    ]
    return "".join(fold_line(line) for line in lines)


def _description(view: SiteView, name: str) -> str:
    return (
        f"Die vereinbarten Schritte des Handlungsplans {name} zum "
        f"{plain(view.konzept.titel)}, jeweils am Tag, bis zu dem sie erledigt sein sollen."
    )


def _events(view: SiteView, plan: Handlungsplan) -> Iterator[str]:
    from ikonzept.model.numbering import numbers

    konzept = view.konzept
    number = numbers(konzept).massnahmen
    titles = {m.id: m.titel for *_, m in konzept.massnahmen()}
    actors = {a.id: a.name for a in konzept.akteure}
    link = page_url(view, kommune_page(plan.kommune)) if view.basis_url else None
    stamp = f"{_date(plan.stand)}T000000Z"
    county = konzept.herausgeber.name
    for eintrag in plan.massnahmen:
        # ids and actors are valid here: the site is only built from a valid concept
        measure = f"Maßnahme {number[eintrag.massnahme]}: {plain(titles[eintrag.massnahme])}"
        seen: dict[str, int] = {}
        for schritt in eintrag.schritte:
            occurrence = seen.get(schritt.titel, 0)
            seen[schritt.titel] = occurrence + 1
            uid = step_uid(county, plan.kommune, eintrag.massnahme, schritt.titel, occurrence)
            summary = schritt.titel + (" (erledigt)" if schritt.erledigt else "")
            details = [measure, f"Verantwortlich: {actors[eintrag.verantwortlich]}"]
            if schritt.erledigt:
                details.append(f"Erledigt am {schritt.erledigt:%d.%m.%Y}.")
            yield "BEGIN:VEVENT"
            yield f"UID:{uid}"
            yield f"DTSTAMP:{stamp}"
            yield f"DTSTART;VALUE=DATE:{_date(schritt.bis)}"
            yield f"DTEND;VALUE=DATE:{_date(schritt.bis + dt.timedelta(days=1))}"
            yield f"SUMMARY:{escape_text(summary)}"
            yield f"DESCRIPTION:{escape_text(chr(10).join(details))}"
            yield "TRANSP:TRANSPARENT"  # a deadline, not an appointment: the day stays free
            if link:
                yield f"URL:{link}"
            yield "END:VEVENT"
