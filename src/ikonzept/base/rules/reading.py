"""Rules of reading the files: encoding, YAML syntax, file names and places."""

from __future__ import annotations

from ikonzept.base.rules.rule import ERROR, WARNING, Rule

RULES = (
    Rule(
        "IK001",
        ERROR,
        "YAML-Syntaxfehler",
        "Die Datei ist kein gültiges YAML. Häufige Ursachen: ein Doppelpunkt mit "
        "Leerzeichen mitten im Text (dann den Text in Anführungszeichen setzen), eine "
        "falsche Einrückung oder ein fehlendes „- “ vor einem Listeneintrag.",
    ),
    Rule(
        "IK002",
        ERROR,
        "Tabulator in der Einrückung",
        "YAML erlaubt zum Einrücken nur Leerzeichen. Ersetzen Sie die Tabulatoren durch "
        "Leerzeichen (in VS Code: „Einrückung in Leerzeichen konvertieren“).",
    ),
    Rule(
        "IK003",
        ERROR,
        "Doppelter Schlüssel",
        "Ein Schlüssel steht im selben Abschnitt zweimal. YAML würde den ersten Wert "
        "stillschweigend überschreiben; ikonzept lehnt das ab. Löschen oder benennen Sie "
        "einen der beiden Einträge um.",
    ),
    Rule(
        "IK004",
        ERROR,
        "Datei ist nicht UTF-8-kodiert",
        "Alle Dateien müssen als UTF-8 gespeichert sein. Dateien aus Word oder älteren "
        "Editoren sind oft Windows-1252-kodiert; dann erscheinen Umlaute falsch. Öffnen Sie "
        "die Datei im Editor und speichern Sie sie mit der Kodierung UTF-8 (in VS Code: "
        "unten rechts auf die Kodierung klicken → „Mit Codierung speichern“ → UTF-8).",
    ),
    Rule(
        "IK005",
        ERROR,
        "Leere Datei",
        "Die Datei enthält keine Daten. Füllen Sie sie oder löschen Sie sie.",
    ),
    Rule(
        "IK006",
        ERROR,
        "Datei nicht lesbar",
        "Die Datei konnte nicht gelesen werden (fehlende Berechtigung, ein Ordner statt "
        "einer Datei oder ein Lesefehler). Prüfen Sie die Dateirechte.",
    ),
    Rule(
        "IK007",
        ERROR,
        "Datei zu groß",
        "Die Datei überschreitet die zulässige Größe. Konzeptdateien sind Text; "
        "teilen Sie sehr große Dateien auf (z. B. ein Akteur je Datei).",
    ),
    Rule(
        "IK008",
        ERROR,
        "Anker und Aliase nicht erlaubt",
        "YAML-Anker (&name) und Aliase (*name) werden nicht unterstützt: Sie machen "
        "Dateien schwer lesbar und können sehr große Datenmengen vortäuschen. Schreiben "
        "Sie die Angaben aus.",
    ),
    Rule(
        "IK009",
        ERROR,
        "Verknüpfung zeigt aus dem Konzeptordner heraus",
        "Eine symbolische Verknüpfung zeigt auf eine Datei außerhalb des Konzeptordners. "
        "ikonzept liest aus Sicherheitsgründen nur Dateien im Konzeptordner. Kopieren Sie "
        "die Datei in den Ordner.",
    ),
    Rule(
        "IK010",
        ERROR,
        "konzept.yaml fehlt",
        "Jeder Konzeptordner braucht eine Datei konzept.yaml mit den Stammdaten "
        "(Titel, Ausgabe, Herausgeber, Kommunen). `ikonzept init ORDNER` legt ein "
        "vollständiges Grundgerüst an.",
    ),
    Rule(
        "IK011",
        WARNING,
        "Unbekannte Datei",
        "Die Datei gehört zu keiner Dateiart des Formats und wird nicht gelesen. Prüfen "
        "Sie den Dateinamen (z. B. glossar.yaml) und den Ordner (handlungsfelder/, "
        "akteure/).",
    ),
)
