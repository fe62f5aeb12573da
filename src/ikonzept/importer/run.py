"""``ikonzept import``: a Word document into a new concept folder, with the report of what
was recognised and what a person must check. The folder is written beside the target and
renamed into place only when complete; an existing folder with content is never touched."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ikonzept import __version__
from ikonzept.base import fsutil
from ikonzept.base.errors import IkonzeptError
from ikonzept.importer import yamlout
from ikonzept.importer.concept import Draft, build, law_id, slug
from ikonzept.importer.structure import LevelError, Levels, levels, parse_levels, tree
from ikonzept.pipeline.reporters import counted

if TYPE_CHECKING:
    from ikonzept.importer.pdf import Read

MAX_BYTES = 100 * 1024 * 1024  # the file
MAX_UNPACKED = 400 * 1024 * 1024  # all its parts unpacked
MAX_RATIO = 200  # unpacked to packed, above a megabyte: a zip bomb
MAX_PARTS = 5000
REPORT = "import-bericht.md"
PLACEHOLDER_TOWN = {"id": "bitte-eintragen", "name": "Bitte eintragen"}


class ImportRefused(IkonzeptError):
    """The document cannot be imported; the message says why, in German."""


@dataclass(slots=True)
class ImportResult:
    target: Path
    draft: Draft
    levels: Levels | None
    findings: tuple[Any, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


def import_document(
    source: Path, target: Path, *, ebenen: str | None = None, kommunen: str | None = None,
    herausgeber: str | None = None, today: dt.date | None = None,
) -> ImportResult:  # fmt: skip
    given = _given_levels(ebenen)
    _check_target(target)
    day = today or dt.date.today()
    pictures: list[Any] = []
    left_out: list[str] = []  # pictures not taken
    if source.suffix.lower() == ".pdf":
        read, title, note = _from_pdf(source)
        found, comments, stand = read.blocks, [], day
        pictures, left_out = read.pictures, read.left_out
    else:
        document = _opened(source)
        from ikonzept.importer.walk import blocks

        walked = blocks(document)
        found, comments = walked.blocks, walked.comments
        pictures, left_out = walked.pictures, walked.left_out
        title = _title(document, found, source)
        stand, note = _stand(document, day), _stand_note(document)
    root = tree(found)
    recognised = levels(root, given)
    towns = _towns(kommunen)
    draft = build(root, recognised, {t["name"].casefold(): t["id"] for t in towns})
    for comment in comments:
        who = f" ({comment.author})" if comment.author else ""
        draft.pruefen.append(f"Kommentar{who} zu Absatz {comment.number}, nicht übernommen: "
                             f"„{comment.text}“")  # fmt: skip
    files = _files(draft, title, stand, towns, herausgeber)
    files.update({picture.path: picture.data for picture in pictures})
    draft.pruefen += _picture_checks(pictures, left_out)
    draft.pruefen.insert(0, note)
    result = ImportResult(target, draft, recognised)
    _write(target, files, result, source, day)
    return result


def _from_pdf(source: Path) -> tuple[Read, str, str]:
    """What a PDF gives, its title and the note on what to check."""
    from ikonzept.importer import pdf

    _check_size(source)
    try:
        read = pdf.read(source)
    except pdf.NoTextLayer:
        raise ImportRefused(
            f"„{source.name}“ hat keine Textebene – wohl ein Scan. ikonzept erkennt keinen Text "
            "in Bildern; bitte die Word-Fassung oder ein PDF mit Text verwenden."
        ) from None
    except Exception as error:
        raise ImportRefused(
            f"„{source.name}“ lässt sich nicht als PDF lesen ({type(error).__name__})."
        ) from None
    return (read, read.title or source.stem.replace("_", " ").replace("-", " "),
            "Aus einem PDF übernommen: Tabellen ohne Linien sind Fließtext, Bilder ohne "
            "Beschreibung; bitte Gliederung, Texte und Tabellen gegen das Original prüfen. Als "
            "Stand der Ausgabe steht das Datum des Imports.")  # fmt: skip


def _picture_checks(pictures: list[Any], left_out: list[str]) -> list[str]:
    """What the report asks about the pictures: descriptions to write, pictures missing."""
    checks = []
    bare = [p for p in pictures if not p.described]
    if bare:
        where = ", ".join(f"{p.path} ({p.where})" for p in bare)
        checks.append(
            f"{len(bare)} Bilder haben im Dokument keine Beschreibung; ihr Alternativtext sagt "
            f"das nur: {where}. Bitte in den eckigen Klammern beschreiben, was sie zeigen."
            if len(bare) > 1 else
            f"Ein Bild hat im Dokument keine Beschreibung; sein Alternativtext sagt das nur: "
            f"{where}. Bitte in den eckigen Klammern beschreiben, was es zeigt."
        )  # fmt: skip
    checks += [f"Nicht übernommen – {text}." for text in left_out]
    return checks


def _given_levels(ebenen: str | None) -> dict[str, int]:
    try:
        return parse_levels(ebenen) if ebenen else {}
    except LevelError as error:
        raise ImportRefused(str(error)) from None


def _check_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ImportRefused(
            f"„{target}“ gibt es schon und ist nicht leer; der Import schreibt nur in einen "
            "neuen oder leeren Ordner."
        )


def _check_size(source: Path) -> None:
    try:
        size = source.stat().st_size
    except OSError:
        raise ImportRefused(f"„{source}“ gibt es nicht oder ist nicht lesbar.") from None
    if size > MAX_BYTES:
        raise ImportRefused(f"„{source.name}“ ist {size // 1_048_576} MB groß; höchstens 100 MB.")


def _opened(source: Path) -> Any:
    """The python-docx document, after the package passed the size and zip-bomb limits."""
    suffix = source.suffix.lower()
    _check_size(source)
    data = _converted(source) if suffix in CONVERTED else source.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            unpacked = sum(p.file_size for p in parts)
            if (
                len(parts) > MAX_PARTS
                or unpacked > MAX_UNPACKED
                or (unpacked > 1 << 20 and unpacked > MAX_RATIO * max(len(data), 1))
            ):
                raise ImportRefused(f"„{source.name}“ entpackt sich auf ein Vielfaches; "
                                    "abgelehnt.")  # fmt: skip
    except zipfile.BadZipFile:
        raise ImportRefused(
            f"„{source.name}“ ist kein Word-Dokument (.docx) oder beschädigt."
        ) from None
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ImportRefused(
            f"„{source.name}“ lässt sich nicht als Word-Dokument lesen ({type(error).__name__})."
        ) from None


CONVERTED = (".doc", ".odt", ".rtf")  # read after LibreOffice saved them as .docx


def _converted(source: Path) -> bytes:
    """A Word 97–2003, OpenDocument or RTF file as LibreOffice saves it in .docx."""
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise ImportRefused(
            f"„{source.name}“: Für {source.suffix.lower()}-Dateien braucht ikonzept LibreOffice "
            "(soffice), das hier fehlt. Installieren Sie es (Debian: apt install "
            "libreoffice-writer-nogui) oder speichern Sie das Dokument als .docx."
        )
    with tempfile.TemporaryDirectory(prefix="ikonzept-import-") as folder:
        work = Path(folder)
        try:
            done = subprocess.run(
                [office, f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless",
                 "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                 str(work / "docx"), str(source.resolve())],
                capture_output=True, timeout=300, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise ImportRefused(f"„{source.name}“: LibreOffice brauchte zu lange.") from None
        target = work / "docx" / f"{source.stem}.docx"
        if done.returncode != 0 or not target.is_file():
            raise ImportRefused(f"„{source.name}“ ließ sich mit LibreOffice nicht als .docx "
                                "speichern; ist die Datei beschädigt?")  # fmt: skip
        return target.read_bytes()


def _title(document: Any, found: list[Any], source: Path) -> str:
    titled = next((b.text for b in found if b.kind == "title"), None)
    core = (document.core_properties.title or "").strip()
    return titled or core or source.stem.replace("_", " ").replace("-", " ")


def _stand(document: Any, today: dt.date) -> dt.date:
    modified = document.core_properties.modified
    return modified.date() if isinstance(modified, dt.datetime) else today


def _stand_note(document: Any) -> str:
    modified = document.core_properties.modified
    if isinstance(modified, dt.datetime):
        return (
            "konzept.yaml: Als Stand der Ausgabe steht das Datum der letzten Änderung des "
            f"Dokuments ({modified:%d.%m.%Y}); bitte das Datum des Beschlusses eintragen."
        )
    return "konzept.yaml: Als Stand der Ausgabe steht das Datum des Imports; bitte anpassen."


def _towns(kommunen: str | None) -> list[dict[str, str]]:
    towns: list[dict[str, str]] = []
    taken: set[str] = set()
    for name in filter(None, (n.strip() for n in (kommunen or "").split(","))):
        towns.append({"id": slug(name, taken, "kommune"), "name": name})
    return towns


def _files(
    draft: Draft, title: str, stand: dt.date, towns: list[dict[str, str]],
    herausgeber: str | None,
) -> dict[str, Any]:  # fmt: skip
    if not towns:
        towns = [dict(PLACEHOLDER_TOWN)]
        draft.pruefen.insert(
            0,
            "konzept.yaml: Die Städte und Gemeinden des Kreises "
            "eintragen (`kommunen`; beim Import mit --kommunen „A, B, …“).",
        )
    if not herausgeber:
        draft.pruefen.insert(
            0,
            "konzept.yaml: Den Herausgeber eintragen "
            "(`herausgeber.name`, etwa „Kreis Coesfeld“; beim Import mit "
            "--herausgeber).",
        )
    kapitel = draft.kapitel or [{
        "id": "einleitung", "titel": "Einleitung",
        "text": "(Das Dokument hat außer den Handlungsfeldern keinen Text.)",
    }]  # fmt: skip
    files: dict[str, Any] = {
        "konzept.yaml": {
            "id": slug(title, set(), "integrationskonzept"),
            "titel": title,
            "ausgabe": {"nummer": 1, "stand": stand.isoformat()},
            "herausgeber": {
                "name": herausgeber or "Bitte eintragen",
                "stelle": "Kommunales Integrationszentrum",
            },
            "kommunen": towns,
            "kapitel": kapitel,
        }
    }
    for feld in draft.felder:
        files[f"handlungsfelder/{feld['reihenfolge']:02d}-{feld['id']}.yaml"] = feld
    found = draft.verzeichnisse
    if found.glossar:
        files["glossar.yaml"] = found.glossar
    if found.abkuerzungen:
        files["abkuerzungen.yaml"] = found.abkuerzungen
    if found.rechtsgrundlagen:
        taken: set[str] = set()
        files["rechtsgrundlagen.yaml"] = [law.as_data(law_id(law, taken))
                                          for law in found.rechtsgrundlagen]  # fmt: skip
    for akteur in found.akteure:
        files[f"akteure/{akteur['id']}.yaml"] = akteur
    if found.orte:
        draft.pruefen.append(
            f"{found.orte} Akteuren ist die Kommune aus ihrer Anschrift zugeordnet (`kommunen`): "
            "Das ist ihr Sitz; bitte prüfen, in welchen Kommunen sie tätig sind."
        )
    if found.personen:
        draft.pruefen.append(
            f"{found.personen} Ansprechpersonen aus den Tabellen sind ohne Einwilligung "
            "übernommen (`veroeffentlichen: false`): Sie erscheinen in keiner öffentlichen "
            "Ausgabe, bis ihre Einwilligung eingetragen ist."
        )
    return files


_SCHEMA_OF = {"konzept.yaml": "konzept", "glossar.yaml": "glossar",
              "abkuerzungen.yaml": "abkuerzungen", "rechtsgrundlagen.yaml": "rechtsgrundlagen",
              "handlungsfelder/": "handlungsfeld",
              "akteure/": "akteur"}  # fmt: skip


def _write(target: Path, files: dict[str, Any], result: ImportResult, source: Path,
           day: dt.date) -> None:  # fmt: skip
    from ikonzept.pipeline.validate import validate
    from ikonzept.project.scaffold import LOCAL_SCHEMAS, write_schemas

    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".ikonzept-import-", dir=parent))
    try:
        write_schemas(work / LOCAL_SCHEMAS)
        for rel, data in files.items():
            if isinstance(data, bytes):  # a picture
                fsutil.write_bytes(work / rel, data)
                continue
            depth = "../" * rel.count("/")
            kind = _SCHEMA_OF.get(rel) or _SCHEMA_OF[rel.split("/")[0] + "/"]
            header = f"# yaml-language-server: $schema={depth}{LOCAL_SCHEMAS}/{kind}.schema.json\n"
            fsutil.write_text(work / rel, header + yamlout.dump(data))
        validation = validate(work, day)
        result.findings = validation.findings
        fsutil.write_text(work / REPORT, report(result, source, day))
        if target.exists():
            target.rmdir()  # empty, checked before
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def report(result: ImportResult, source: Path, day: dt.date) -> str:
    """import-bericht.md: what was recognised as what, where it came from, what to check."""
    draft = result.draft
    count = {art: sum(1 for f in draft.gefunden if f.art == art)
             for art in ("Handlungsfeld", "Ziel", "Maßnahme", "Kapitel")}  # fmt: skip
    found = result.levels
    lines = [
        f"# Import-Bericht: {source.name}", "",
        f"Erstellt von ikonzept {__version__} am {day:%d.%m.%Y}. Was der Import erkannt hat, "
        "woher es im Dokument stammt und was eine Person prüfen muss.", "",
        "## Erkannt", "",
        f"{structure(count, ' und ')}; dazu {_directory_counts(draft)}.", "",
    ]  # fmt: skip
    if found is None:
        lines += [
            "Keine Handlungsfelder erkannt: Keine Überschrift nennt ein Handlungsfeld. Alles "
            "steht als Kapitel in konzept.yaml. Geben Sie die Ebenen der Überschriften an, "
            "z. B. `--ebenen handlungsfeld=2,ziel=3,massnahme=4`.",
            "",
        ]
    else:
        how = "erkannt an den Überschriften" if found.inferred else "angegeben mit --ebenen"
        lines += [f"Ebenen der Überschriften ({how}): Handlungsfeld {found.handlungsfeld}, "
                  f"Ziel {found.ziel}, Maßnahme {found.massnahme}.", ""]  # fmt: skip
    lines += ["| Art | Nr. | Titel | Nr. im Dokument | Stelle im Dokument |",
              "| --- | --- | --- | --- | --- |"]  # fmt: skip
    lines += [f"| {f.art} | {f.nummer} | {_cell(f.titel)} | {f.dokument or ''} | "
              f"{_cell(f.quelle)} |" for f in draft.gefunden]  # fmt: skip
    checks = review(result) + [f"{f.file}: {f.rule} {f.message}" for f in result.findings]
    lines += ["", "## Bitte prüfen", ""] + [f"{n}. {text}" for n, text in enumerate(checks, 1)]
    return "\n".join(lines) + "\n"


def review(result: ImportResult) -> list[str]:
    """What a person must check, validate's findings aside (the report lists both)."""
    draft = result.draft
    differing = [f for f in draft.gefunden if f.dokument and not _same_number(f.dokument, f.nummer)]
    checks = list(draft.pruefen)
    if differing:
        checks.append(f"{len(differing)} Einträge tragen im Dokument eine andere Nummer als bei "
                      "uns (Spalte „Nr. im Dokument“): ikonzept nummeriert nach der "
                      "Reihenfolge.")  # fmt: skip
    checks.append("Personen, die nur im Text genannt sind, stehen nicht im Akteursverzeichnis; "
                  "wer veröffentlicht werden soll, kommt mit Einwilligung "
                  "(`veroeffentlichen: true`) dorthin.")  # fmt: skip
    return checks


def _directory_counts(draft: Draft) -> str:
    found = draft.verzeichnisse
    laws = counted(len(found.rechtsgrundlagen), "Rechtsgrundlage", "Rechtsgrundlagen")
    return (
        f"{counted(len(found.akteure), 'Akteur', 'Akteure')}, "
        f"{counted(len(found.glossar), 'Glossarbegriff', 'Glossarbegriffe')}, "
        f"{counted(len(found.abkuerzungen), 'Abkürzung', 'Abkürzungen')} und {laws}"
    )


def structure(count: dict[str, int], last: str = ", ") -> str:
    """„9 Handlungsfelder, 27 Ziele, 81 Maßnahmen, 7 Kapitel“ with the last joint given."""
    parts = [counted(count["Handlungsfeld"], "Handlungsfeld", "Handlungsfelder"),
             counted(count["Ziel"], "Ziel", "Ziele"),
             counted(count["Maßnahme"], "Maßnahme", "Maßnahmen"),
             counted(count["Kapitel"], "Kapitel", "Kapitel")]  # fmt: skip
    return ", ".join(parts[:-1]) + last + parts[-1]


def _same_number(document: str, ours: str) -> bool:
    """„4.1.2“ in a document whose fields are chapter 4 is our „1.2“: compared from the end."""
    theirs, mine = document.rstrip(".").split("."), ours.split(".")
    width = min(len(theirs), len(mine))
    return theirs[-width:] == mine[-width:]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
