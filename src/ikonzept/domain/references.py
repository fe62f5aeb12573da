"""Reference rules: every id, term and image a text points at exists."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from ikonzept.base.findings import Finding
from ikonzept.base.rules import finding
from ikonzept.domain.context import Context
from ikonzept.domain.texts import prose
from ikonzept.load.sources import Kind
from ikonzept.model import Konzept, Origin

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
# ![alt](target "title") — the target up to whitespace or the closing parenthesis.
_Message = Callable[[str, set[str]], tuple[str, str]]
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?")


def references(konzept: Konzept, context: Context) -> Iterator[Finding]:
    kommunen = {k.id for k in konzept.kommunen}
    akteure = {a.id for a in konzept.akteure}
    felder = {f.id for f in konzept.handlungsfelder}
    check_akteure = Kind.AKTEUR not in context.incomplete
    check_felder = Kind.HANDLUNGSFELD not in context.incomplete

    for *_, massnahme in konzept.massnahmen():
        yield from _unknown(
            massnahme.kommunen, kommunen, massnahme.origin, "kommunen", unknown_kommune
        )
        if check_akteure:
            yield from _unknown(
                massnahme.akteure, akteure, massnahme.origin, "akteure", unknown_akteur
            )
    for akteur in konzept.akteure:
        yield from _unknown(akteur.kommunen, kommunen, akteur.origin, "kommunen", unknown_kommune)
        if check_felder:
            yield from _unknown(
                akteur.handlungsfelder, felder, akteur.origin, "handlungsfelder", _feld
            )
        for angebot in akteur.angebote:
            yield from _unknown(
                angebot.kommunen, kommunen, angebot.origin, "kommunen", unknown_kommune
            )
    if Kind.GLOSSAR not in context.incomplete:
        begriffe = {b.begriff for b in konzept.glossar}
        for begriff in konzept.glossar:
            yield from _unknown(begriff.siehe, begriffe, begriff.origin, "siehe", _begriff)


def _unknown(
    used: tuple[str, ...], known: set[str], origin: Origin, key: str, message: _Message
) -> Iterator[Finding]:
    for index, ident in enumerate(used):
        if ident not in known:
            rule, text = message(ident, known)
            yield finding(rule, origin.file, text, path=(*origin.path, key, index))


def suggest(ident: str, known: set[str]) -> str:
    close = difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.6)
    return f" Meinten Sie „{close[0]}“?" if close else ""


def unknown_kommune(ident: str, known: set[str]) -> tuple[str, str]:
    return "IK203", (
        f"Die Kommune „{ident}“ ist in konzept.yaml unter „kommunen“ nicht aufgeführt."
        f"{suggest(ident, known)}"
    )


def unknown_akteur(ident: str, known: set[str]) -> tuple[str, str]:
    return "IK202", (
        f"Den Akteur „{ident}“ gibt es im Akteursverzeichnis (akteure/) nicht."
        f"{suggest(ident, known)}"
    )


def _feld(ident: str, known: set[str]) -> tuple[str, str]:
    return "IK204", f"Ein Handlungsfeld „{ident}“ gibt es nicht.{suggest(ident, known)}"


def _begriff(ident: str, known: set[str]) -> tuple[str, str]:
    return "IK205", (
        f"Den Begriff „{ident}“ gibt es im Glossar nicht; die Schreibweise muss genau "
        f"übereinstimmen.{suggest(ident, known)}"
    )


def images(konzept: Konzept, context: Context) -> Iterator[Finding]:
    logo = konzept.herausgeber.logo
    if logo:
        problem = image_problem(logo, context.root)
        if problem:
            yield finding("IK206", konzept.origin.file, problem, path=("herausgeber", "logo"))
    for text in prose(konzept):
        if "![" not in text.text:
            continue
        for match in _IMAGE.finditer(text.text):
            alt, target = match.group(1), match.group(2)
            if _says_nothing(alt, target):
                yield finding(
                    "IK223",
                    text.origin.file,
                    f"Das Bild „{target}“ hat keinen Alternativtext"
                    + (f" (nur „{alt.strip()}“)" if alt.strip() else "")
                    + ". Schreiben Sie in die eckigen Klammern, was es zeigt: "
                    f"![Was das Bild zeigt]({target}).",
                    path=text.origin.path,
                    needle=match.group(0).split("\n", 1)[0],
                )
            problem = image_problem(target, context.root)
            if problem:
                # This image's own markup (its first line, should the alt text wrap): a bare
                # "![" would find the first image of the text, not this one.
                needle = match.group(0).split("\n", 1)[0]
                yield finding(
                    "IK206", text.origin.file, problem, path=text.origin.path, needle=needle
                )


def _says_nothing(alt: str, target: str) -> bool:
    """An alternative text that tells a listener nothing: empty, blank, or the file name
    (with its extension, or a stem like „karte-2016“ or „IMG_0815“; „Karte“ is a word)."""
    words = " ".join(alt.split()).casefold()
    name = PurePosixPath(target)
    names = {target.casefold(), name.name.casefold()}
    if re.search(r"[\d_-]", name.stem):
        names.add(name.stem.casefold())
    return not words or words in names


def image_problem(target: str, root: Path) -> str | None:
    """Why an image path may not be used, or None when it is fine."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("//"):
        return (
            f"Das Bild „{target}“ liegt nicht im Konzeptordner. Bilder werden nie aus dem "
            "Internet oder von anderen Orten geladen: Legen Sie die Datei unter bilder/ ab."
        )
    path = PurePosixPath(target)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0] != "bilder":
        return (
            f"Das Bild „{target}“ muss im Ordner bilder/ liegen und relativ zum Konzeptordner "
            "angegeben werden, z. B. bilder/karte.svg."
        )
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return (
            f"„{target}“ ist kein unterstütztes Bildformat; erlaubt sind "
            f"{', '.join(sorted(IMAGE_SUFFIXES))}."
        )
    file = root / path
    if not file.is_file():
        return f"Das Bild „{target}“ gibt es nicht. Prüfen Sie Dateinamen und Schreibweise."
    if not file.resolve().is_relative_to(root.resolve()):
        return f"Das Bild „{target}“ ist eine Verknüpfung nach außerhalb des Konzeptordners."
    return None


def attachments(konzept: Konzept, context: Context) -> Iterator[Finding]:
    vorlage = konzept.vorlage
    if vorlage is None:
        return
    root = context.root.resolve()
    for index, anlage in enumerate(vorlage.anlagen):
        if anlage.datei is None:
            continue
        path = (context.root / anlage.datei).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            yield finding(
                "IK216",
                vorlage.origin.file,
                f"Die Anlage „{anlage.titel}“ nennt die Datei „{anlage.datei}“, die es im "
                "Konzeptordner nicht gibt.",
                path=("anlagen", index, "datei"),
            )
