"""``ikonzept init``: a new concept that validates cleanly, with schema hints for editors."""

from __future__ import annotations

import shutil
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import TargetNotEmptyError
from ikonzept.base.resources import schema_dir

SCHEMA_FILES = (
    "konzept.schema.json",
    "handlungsfeld.schema.json",
    "akteur.schema.json",
    "glossar.schema.json",
    "abkuerzungen.schema.json",
    "rechtsgrundlagen.schema.json",
    "beteiligung.schema.json",
    "vorlage.schema.json",
    "webseite.schema.json",
    "plan.schema.json",
    "indikator.schema.json",
    "bericht.schema.json",
    "schnappschuss.schema.json",
    "diff.schema.json",
)
# Inside a new concept, the schemas live here, so that editors find them without a network.
LOCAL_SCHEMAS = ".schemas"

_SKELETON: dict[str, tuple[str, str]] = {
    # file: (schema, body)
    "konzept.yaml": (
        "konzept",
        """\
id: integrationskonzept-musterkreis
titel: Integrationskonzept des Musterkreises
ausgabe:
  nummer: 1
  stand: {heute}
herausgeber:
  name: Musterkreis
  stelle: Kommunales Integrationszentrum
kommunen:
  - id: musterstadt
    name: Musterstadt
  - id: beispieldorf
    name: Beispieldorf
kapitel:
  - id: einleitung
    titel: Einleitung
    text: |
      Hier beginnt das Integrationskonzept. Texte sind Markdown: Absätze,
      Listen, **Hervorhebungen**, Links und Fußnoten[^1].

      [^1]: Fußnoten erscheinen im PDF unten auf der Seite.
""",
    ),
    "handlungsfelder/01-sprache.yaml": (
        "handlungsfeld",
        """\
id: sprache
reihenfolge: 1
titel: Sprache und Sprachförderung
saeule: bildung
ausgangslage: |
  Was gibt es bereits, was funktioniert, was fehlt?
ziele:
  - id: deutsch-fuer-alle
    titel: Alle Zugewanderten finden zeitnah einen passenden Sprachkurs
    indikatoren:
      - Wartezeit bis zum Kursbeginn
    massnahmen:
      - id: kursuebersicht
        titel: Eine gemeinsame Übersicht der Sprachkurse im Kreis veröffentlichen
        akteure: [integrationszentrum]
""",
    ),
    "akteure/integrationszentrum.yaml": (
        "akteur",
        """\
id: integrationszentrum
name: Musterkreis – Kommunales Integrationszentrum
art: behoerde
handlungsfelder: [sprache]
kontakt:
  anschrift: Musterstraße 1, 12345 Musterstadt
  email: integration@example.org
ansprechpersonen:
  - name: Erika Mustermann
    funktion: Leitung
    veroeffentlichen: false
""",
    ),
    "glossar.yaml": (
        "glossar",
        """\
- begriff: Integrationskonzept
  erklaerung: Die gemeinsame Planung der Integrationsarbeit im Kreis.
""",
    ),
    "webseite.yaml": (
        "webseite",
        """\
# Für die Internetseiten (ikonzept site). Alles ist optional; was fehlt, ergänzt ikonzept.
kontakt:
  email: integration@example.org
lizenz: dl-de/by-2-0
# Das Datenportal, das den Datenkatalog einsammelt (in Nordrhein-Westfalen openNRW), und der
# Kreisschlüssel für die Open-Data-Metadaten:
datenportal: openNRW
# regionalschluessel: "05558"
barrierefreiheit:
  stand: teilweise
""",
    ),
    "abkuerzungen.yaml": (
        "abkuerzungen",
        """\
- kuerzel: KI
  bedeutung: Kommunales Integrationszentrum
- kuerzel: PDF
  bedeutung: Portable Document Format
""",
    ),
}


def write_schemas(target: Path) -> list[Path]:
    """Copy the format's JSON Schemas into ``target``."""
    source = schema_dir()
    written = []
    for name in SCHEMA_FILES:
        path = target / name
        fsutil.write_bytes(path, (source / name).read_bytes())
        written.append(path)
    return written


def create(target: Path, today: str | None = None) -> list[Path]:
    """Write a new concept into ``target``, which must be empty or not exist yet."""
    import datetime as dt

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmptyError(
            f"„{target}“ ist nicht leer. `ikonzept init` schreibt nur in einen neuen oder "
            "leeren Ordner, damit nichts überschrieben wird."
        )
    heute = today or dt.date.today().isoformat()
    written: list[Path] = []
    try:
        written += write_schemas(target / LOCAL_SCHEMAS)
        for rel, (kind, body) in _SKELETON.items():
            depth = rel.count("/")
            schema = "../" * depth + f"{LOCAL_SCHEMAS}/{kind}.schema.json"
            header = f"# yaml-language-server: $schema={schema}\n"
            path = target / rel
            fsutil.write_text(path, header + body.replace("{heute}", heute))
            written.append(path)
        (target / "bilder").mkdir()
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return written
