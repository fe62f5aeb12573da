"""Walk every prose text of a concept with its location: for checks that read the texts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ikonzept.model import Konzept, Origin


@dataclass(frozen=True, slots=True)
class Text:
    parent: Origin  # the item the text belongs to
    key: str | int  # the text's own key (or index) in it
    text: str

    @property
    def origin(self) -> Origin:
        """Where the text itself is: made only for a finding (a county has 7,000 texts)."""
        return Origin(self.parent.file, (*self.parent.path, self.key))


def _at(origin: Origin, key: str, text: str | None) -> tuple[Text, ...]:
    return (Text(origin, key, text),) if text else ()


def prose(konzept: Konzept) -> Iterator[Text]:
    """Titles and Markdown texts, in document order."""
    for kapitel in konzept.kapitel:
        yield from _at(kapitel.origin, "titel", kapitel.titel)
        yield from _at(kapitel.origin, "text", kapitel.text)
    for feld in konzept.handlungsfelder:
        yield from _at(feld.origin, "titel", feld.titel)
        yield from _at(feld.origin, "ausgangslage", feld.ausgangslage)
        for ziel in feld.ziele:
            yield from _at(ziel.origin, "titel", ziel.titel)
            yield from _at(ziel.origin, "beschreibung", ziel.beschreibung)
            if ziel.indikatoren:
                indikatoren = Origin(ziel.origin.file, (*ziel.origin.path, "indikatoren"))
                for index, indikator in enumerate(ziel.indikatoren):
                    yield Text(indikatoren, index, indikator)
            for massnahme in ziel.massnahmen:
                yield from _at(massnahme.origin, "titel", massnahme.titel)
                yield from _at(massnahme.origin, "beschreibung", massnahme.beschreibung)
                yield from _at(massnahme.origin, "stand_begruendung", massnahme.stand_begruendung)
    yield from _akteure(konzept)
    for begriff in konzept.glossar:
        yield from _at(begriff.origin, "erklaerung", begriff.erklaerung)
    for grundlage in konzept.rechtsgrundlagen:
        yield from _at(grundlage.origin, "beschreibung", grundlage.beschreibung)
    for schritt in konzept.beteiligung:
        yield from _at(schritt.origin, "beschreibung", schritt.beschreibung)
    yield from _documents(konzept)


def _documents(konzept: Konzept) -> Iterator[Text]:
    """The texts of the proposal, the web site and the report."""
    if konzept.vorlage:
        yield from _vorlage(konzept)
    if konzept.webseite:
        yield from _webseite(konzept)
    if konzept.bericht:
        yield from _bericht(konzept)


def _bericht(konzept: Konzept) -> Iterator[Text]:
    bericht = konzept.bericht
    assert bericht is not None
    for key in ("titel", "einleitung", "hinweise"):
        yield from _at(bericht.origin, key, getattr(bericht, key))
    if bericht.vorlage is not None:
        vorlage = Origin(bericht.origin.file, ("vorlage",))
        for key in ("betreff", "sachdarstellung"):
            yield from _at(vorlage, key, getattr(bericht.vorlage, key))


def _webseite(konzept: Konzept) -> Iterator[Text]:
    webseite = konzept.webseite
    assert webseite is not None
    origin = webseite.origin
    for key in ("einleitung", "impressum", "leichte_sprache"):
        yield from _at(origin, key, getattr(webseite, key))
    statement = Origin(origin.file, ("barrierefreiheit",))
    maengel = Origin(origin.file, ("barrierefreiheit", "maengel"))
    for index, mangel in enumerate(webseite.barrierefreiheit.maengel):
        yield Text(maengel, index, mangel)
    yield from _at(statement, "ombudsstelle", webseite.barrierefreiheit.ombudsstelle)


def _akteure(konzept: Konzept) -> Iterator[Text]:
    for akteur in konzept.akteure:
        yield from _at(akteur.origin, "aufgaben", akteur.aufgaben)
        for angebot in akteur.angebote:
            yield from _at(angebot.origin, "titel", angebot.titel)
            yield from _at(angebot.origin, "beschreibung", angebot.beschreibung)


def _vorlage(konzept: Konzept) -> Iterator[Text]:
    vorlage = konzept.vorlage
    assert vorlage is not None
    origin = vorlage.origin
    yield from _at(origin, "beschlussvorschlag", vorlage.beschlussvorschlag)
    begruendung = Origin(origin.file, ("begruendung",))
    b = vorlage.begruendung
    for key, text in (
        ("problem", b.problem),
        ("loesung", b.loesung),
        ("alternativen", b.alternativen),
        ("zustaendigkeit", b.zustaendigkeit),
    ):
        yield from _at(begruendung, key, text)
    auswirkungen = Origin(origin.file, ("begruendung", "auswirkungen"))
    a = b.auswirkungen
    for key, optional in (
        ("finanzen", a.finanzen),
        ("personal", a.personal),
        ("it", a.it),
        ("sonstige", a.sonstige),
    ):
        yield from _at(auswirkungen, key, optional)
