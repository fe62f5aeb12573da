"""Content rules: status reasons, empty parts, abbreviations, the concept's age, the
accessibility statement."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.domain.context import Context
from ikonzept.domain.texts import prose
from ikonzept.load.sources import Kind
from ikonzept.model import Konzept, Stand

MAX_AGE_YEARS = 3
# Two or more capitals, digits allowed, hyphenated parts joined (KI, NRW, KOMM-AN), with a
# plural s (KIs); a capital followed by lower case (U3 is not, Kita is not) does not count.
_ABBREVIATION = re.compile(
    r"(?<![\w-])([A-ZÄÖÜ][A-ZÄÖÜ0-9]*[A-ZÄÖÜ][A-ZÄÖÜ0-9]*(?:-[A-ZÄÖÜ][A-ZÄÖÜ0-9]+)*)s?(?![\w])"
)
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# What every abbreviation has: two capitals, digits between them at most.
_CAPITALS = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]*[A-ZÄÖÜ]")
# Link targets, autolinks, footnote labels and code are not prose.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>\s]+>|\[\^[^\]]*\]|`[^`]*`|https?://\S+")


def stand_reasons(konzept: Konzept, context: Context) -> Iterator[Finding]:
    for *_, massnahme in konzept.massnahmen():
        if massnahme.stand is Stand.ENTFALLEN and not massnahme.stand_begruendung:
            yield finding(
                "IK207",
                massnahme.origin.file,
                f"Die Maßnahme „{massnahme.id}“ ist als „entfallen“ markiert, aber ohne "
                "„stand_begruendung“. Begründen Sie kurz, warum sie nicht weiter verfolgt wird.",
                path=(*massnahme.origin.path, "stand"),
            )


def empty_parts(konzept: Konzept, context: Context) -> Iterator[Finding]:
    for feld in konzept.handlungsfelder:
        if not feld.ziele:
            yield finding(
                "IK212",
                feld.origin.file,
                f"Das Handlungsfeld „{feld.titel}“ hat noch keine Ziele.",
                path=("id",),
            )
        for ziel in feld.ziele:
            if not ziel.massnahmen:
                yield finding(
                    "IK213",
                    ziel.origin.file,
                    f"Zum Ziel „{ziel.titel}“ ist noch keine Maßnahme empfohlen.",
                    path=(*ziel.origin.path, "id"),
                )


def undefined_abbreviations(konzept: Konzept, context: Context) -> Iterator[Finding]:
    if Kind.ABKUERZUNGEN in context.incomplete:
        return
    defined = {a.kuerzel for a in konzept.abkuerzungen}
    defined_folded = {a.casefold() for a in defined}
    reported: set[str] = set()
    for text in prose(konzept):
        if not _CAPITALS.search(text.text):  # most texts: no two capitals in a row
            continue
        for match in _ABBREVIATION.finditer(_NOT_PROSE.sub(" ", text.text)):
            word = match.group(1)
            if word in reported or _ROMAN.match(word):
                continue
            if word in defined or word.casefold() in defined_folded:
                continue
            reported.add(word)
            yield finding(
                "IK211",
                text.origin.file,
                f"Die Abkürzung „{word}“ ist im Abkürzungsverzeichnis (abkuerzungen.yaml) "
                "nicht erklärt. Ergänzen Sie sie dort mit ihrer Langform.",
                path=text.origin.path,
                needle=word,
            )


def age(konzept: Konzept, context: Context) -> Iterator[Finding]:
    beschluss = konzept.ausgabe.beschlossen
    if beschluss is None:
        return
    try:
        due = beschluss.datum.replace(year=beschluss.datum.year + MAX_AGE_YEARS)
    except ValueError:  # 29 February
        due = beschluss.datum.replace(year=beschluss.datum.year + MAX_AGE_YEARS, day=28)
    if context.today > due:
        yield finding(
            "IK214",
            konzept.origin.file,
            f"Das Konzept wurde am {beschluss.datum:%d.%m.%Y} beschlossen und ist damit älter "
            f"als {MAX_AGE_YEARS} Jahre. Die Landesförderung des Kommunalen "
            "Integrationszentrums setzt ein aktuelles Konzept voraus: Planen Sie die "
            "Fortschreibung.",
            path=("ausgabe", "beschlossen", "datum"),
        )


def accessibility_statement(konzept: Konzept, context: Context) -> Iterator[Finding]:
    """The statement's conformity must agree with the barriers it lists (BITV NRW)."""
    webseite = konzept.webseite
    if webseite is None:
        return
    statement = webseite.barrierefreiheit
    problem = None
    if statement.stand == "vollstaendig" and statement.maengel:
        problem = (
            "Die Seiten sind als vollständig barrierefrei angegeben, die Erklärung nennt aber "
            "nicht barrierefreie Inhalte (maengel). Setzen Sie `stand: teilweise` oder "
            "streichen Sie behobene Mängel."
        )
    elif statement.stand == "vollstaendig" and not webseite.gebaerdensprache:
        problem = (
            "Die Seiten sind als vollständig barrierefrei angegeben, aber es gibt kein Video "
            "in Gebärdensprache (gebaerdensprache); die Erklärung nennt das als Mangel. "
            "Setzen Sie `stand: teilweise` oder verlinken Sie das Video."
        )
    elif statement.stand != "vollstaendig" and not statement.maengel and webseite.gebaerdensprache:
        problem = (
            f"Die Seiten sind als „{statement.stand}“ barrierefrei angegeben, die Erklärung "
            "nennt aber keinen Mangel. Tragen Sie die bekannten Barrieren unter `maengel` ein."
        )
    if problem:
        yield finding("IK222", webseite.origin.file, problem, path=("barrierefreiheit", "stand"))
