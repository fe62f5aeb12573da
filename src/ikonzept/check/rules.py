"""The catalogue of validation rules: stable ids, severity and the German explanation.

Ids never change meaning; a retired rule keeps its number unused.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikonzept.check.findings import Anchor, DocPath, Finding, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str
    explanation: str


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        # --- reading the files -----------------------------------------------------------
        Rule(
            "IK001",
            _E,
            "YAML-Syntaxfehler",
            "Die Datei ist kein gültiges YAML. Häufige Ursachen: ein Doppelpunkt mit "
            "Leerzeichen mitten im Text (dann den Text in Anführungszeichen setzen), eine "
            "falsche Einrückung oder ein fehlendes „- “ vor einem Listeneintrag.",
        ),
        Rule(
            "IK002",
            _E,
            "Tabulator in der Einrückung",
            "YAML erlaubt zum Einrücken nur Leerzeichen. Ersetzen Sie die Tabulatoren durch "
            "Leerzeichen (in VS Code: „Einrückung in Leerzeichen konvertieren“).",
        ),
        Rule(
            "IK003",
            _E,
            "Doppelter Schlüssel",
            "Ein Schlüssel steht im selben Abschnitt zweimal. YAML würde den ersten Wert "
            "stillschweigend überschreiben; ikonzept lehnt das ab. Löschen oder benennen Sie "
            "einen der beiden Einträge um.",
        ),
        Rule(
            "IK004",
            _E,
            "Datei ist nicht UTF-8-kodiert",
            "Alle Dateien müssen als UTF-8 gespeichert sein. Dateien aus Word oder älteren "
            "Editoren sind oft Windows-1252-kodiert; dann erscheinen Umlaute falsch. Öffnen Sie "
            "die Datei im Editor und speichern Sie sie mit der Kodierung UTF-8 (in VS Code: "
            "unten rechts auf die Kodierung klicken → „Mit Codierung speichern“ → UTF-8).",
        ),
        Rule(
            "IK005",
            _E,
            "Leere Datei",
            "Die Datei enthält keine Daten. Füllen Sie sie oder löschen Sie sie.",
        ),
        Rule(
            "IK006",
            _E,
            "Datei nicht lesbar",
            "Die Datei konnte nicht gelesen werden (fehlende Berechtigung, ein Ordner statt "
            "einer Datei oder ein Lesefehler). Prüfen Sie die Dateirechte.",
        ),
        Rule(
            "IK007",
            _E,
            "Datei zu groß",
            "Die Datei überschreitet die zulässige Größe. Konzeptdateien sind Text; "
            "teilen Sie sehr große Dateien auf (z. B. ein Akteur je Datei).",
        ),
        Rule(
            "IK008",
            _E,
            "Anker und Aliase nicht erlaubt",
            "YAML-Anker (&name) und Aliase (*name) werden nicht unterstützt: Sie machen "
            "Dateien schwer lesbar und können sehr große Datenmengen vortäuschen. Schreiben "
            "Sie die Angaben aus.",
        ),
        Rule(
            "IK009",
            _E,
            "Verknüpfung zeigt aus dem Konzeptordner heraus",
            "Eine symbolische Verknüpfung zeigt auf eine Datei außerhalb des Konzeptordners. "
            "ikonzept liest aus Sicherheitsgründen nur Dateien im Konzeptordner. Kopieren Sie "
            "die Datei in den Ordner.",
        ),
        Rule(
            "IK010",
            _E,
            "konzept.yaml fehlt",
            "Jeder Konzeptordner braucht eine Datei konzept.yaml mit den Stammdaten "
            "(Titel, Ausgabe, Herausgeber, Kommunen). `ikonzept init ORDNER` legt ein "
            "vollständiges Grundgerüst an.",
        ),
        Rule(
            "IK011",
            _W,
            "Unbekannte Datei",
            "Die Datei gehört zu keiner Dateiart des Formats und wird nicht gelesen. Prüfen "
            "Sie den Dateinamen (z. B. glossar.yaml) und den Ordner (handlungsfelder/, "
            "akteure/).",
        ),
        # --- the schema ------------------------------------------------------------------
        Rule(
            "IK100",
            _E,
            "Ungültige Angabe",
            "Eine Angabe entspricht nicht dem Format (siehe FORMAT und die Tooltips im Editor).",
        ),
        Rule(
            "IK101",
            _E,
            "Unbekannter Schlüssel",
            "Der Schlüssel ist an dieser Stelle nicht vorgesehen; oft ist es ein Tippfehler. "
            "Die Meldung schlägt den ähnlichsten erlaubten Schlüssel vor.",
        ),
        Rule(
            "IK102",
            _E,
            "Pflichtangabe fehlt",
            "Eine Angabe, ohne die der Eintrag nicht verarbeitet werden kann, fehlt.",
        ),
        Rule(
            "IK103",
            _E,
            "Falsche Art von Angabe",
            "An dieser Stelle wird eine andere Art von Angabe erwartet, z. B. ein Abschnitt "
            "mit Schlüsseln statt einer Liste, oder ein Text statt einer Zahl.",
        ),
        Rule(
            "IK104",
            _E,
            "Unzulässiger Wert",
            "Der Wert gehört nicht zu den erlaubten Werten (z. B. beim Umsetzungsstand oder "
            "der Art eines Akteurs).",
        ),
        Rule(
            "IK105",
            _E,
            "Kein gültiges Datum",
            "Daten werden als JJJJ-MM-TT geschrieben, z. B. 2016-11-15, und müssen einen "
            "existierenden Tag bezeichnen.",
        ),
        Rule(
            "IK106",
            _E,
            "Ungültige ID",
            "IDs bestehen aus Kleinbuchstaben a–z, Ziffern und Bindestrichen und beginnen mit "
            "einem Buchstaben oder einer Ziffer. Umlaute werden umschrieben (ä → ae, ß → ss). "
            "Eine ID bleibt über alle Fortschreibungen gleich.",
        ),
        # --- the domain ------------------------------------------------------------------
        Rule(
            "IK201",
            _E,
            "ID doppelt vergeben",
            "Jede ID darf innerhalb ihrer Art (Handlungsfeld, Ziel, Maßnahme, Akteur, Angebot, "
            "Kapitel, Rechtsgrundlage, Kommune) nur einmal vorkommen – auch über Dateien "
            "hinweg. Über die IDs werden Ausgaben miteinander verglichen.",
        ),
        Rule(
            "IK202",
            _E,
            "Unbekannter Akteur",
            "Eine Maßnahme nennt eine Akteurs-ID, die im Akteursverzeichnis (akteure/) nicht "
            "vorkommt. Prüfen Sie die Schreibweise oder legen Sie den Akteur an.",
        ),
        Rule(
            "IK203",
            _E,
            "Unbekannte Kommune",
            "Eine Kommunen-ID kommt in konzept.yaml unter `kommunen` nicht vor.",
        ),
        Rule(
            "IK204",
            _E,
            "Unbekanntes Handlungsfeld",
            "Ein Akteur nennt unter `handlungsfelder` eine ID, zu der es kein Handlungsfeld gibt.",
        ),
        Rule(
            "IK205",
            _E,
            "Unbekannter Glossarbegriff",
            "Ein Verweis unter `siehe` nennt einen Begriff, der im Glossar nicht vorkommt. "
            "Die Schreibweise muss genau übereinstimmen.",
        ),
        Rule(
            "IK206",
            _E,
            "Bild nicht gefunden oder nicht erlaubt",
            "Bilder werden nur aus dem Ordner bilder/ des Konzepts geladen, nie aus dem "
            "Internet oder anderen Ordnern. Geben Sie den Pfad relativ zum Konzeptordner an, "
            "z. B. bilder/karte.svg, und prüfen Sie, ob die Datei existiert.",
        ),
        Rule(
            "IK207",
            _E,
            "Begründung für „entfallen“ fehlt",
            "Eine Maßnahme mit `stand: entfallen` braucht `stand_begruendung`: Der Kreistag "
            "soll nachvollziehen können, warum eine empfohlene Maßnahme nicht weiter "
            "verfolgt wird.",
        ),
        Rule(
            "IK208",
            _E,
            "Maßnahme nennt Zuständigkeit oder Frist",
            "Der konzeptionelle Teil nennt bewusst keine Verantwortlichkeiten und keine "
            "Umsetzungsfristen: Sie werden vor Ort mit den Städten und Gemeinden, "
            "Wohlfahrtsverbänden und Initiativen vereinbart, weil Ausgangslagen und "
            "Prioritäten sich unterscheiden. Entfernen Sie `verantwortlich`, `zustaendig`, "
            "`frist` und `termin`; beteiligte Einrichtungen gehören unter `akteure`.",
        ),
        Rule(
            "IK209",
            _E,
            "Glossarbegriff doppelt",
            "Ein Begriff steht mehrfach im Glossar (ohne Beachtung der Groß- und "
            "Kleinschreibung). Führen Sie die Erklärungen zusammen.",
        ),
        Rule(
            "IK210",
            _E,
            "Abkürzung doppelt",
            "Eine Abkürzung steht mehrfach im Abkürzungsverzeichnis (ohne Beachtung der "
            "Groß- und Kleinschreibung).",
        ),
        Rule(
            "IK211",
            _W,
            "Abkürzung nicht erklärt",
            "Im Text steht eine Abkürzung, die in abkuerzungen.yaml fehlt. Leserinnen und "
            "Leser und Screenreader brauchen die Langform; ergänzen Sie sie im "
            "Abkürzungsverzeichnis.",
        ),
        Rule(
            "IK212",
            _W,
            "Handlungsfeld ohne Ziele",
            "Ein Handlungsfeld ohne Ziele bleibt eine Beschreibung der Lage; das Land erwartet "
            "überprüfbare Ziele.",
        ),
        Rule(
            "IK213", _W, "Ziel ohne Maßnahmen", "Zu einem Ziel ist noch keine Maßnahme empfohlen."
        ),
        Rule(
            "IK214",
            _W,
            "Konzept älter als drei Jahre",
            "Das Konzept wurde vor mehr als drei Jahren beschlossen. Die Landesförderung des "
            "Kommunalen Integrationszentrums setzt ein abgestimmtes und aktuelles Konzept "
            "voraus; planen Sie die Fortschreibung.",
        ),
        Rule(
            "IK215",
            _E,
            "Reihenfolge doppelt",
            "Zwei Handlungsfelder haben dieselbe `reihenfolge`. Die Nummerierung im Dokument "
            "ergibt sich aus der Reihenfolge und wäre sonst nicht eindeutig.",
        ),
        Rule(
            "IK216",
            _E,
            "Anlage der Vorlage nicht gefunden",
            "Eine weitere Anlage in vorlage.yaml nennt unter `datei` eine PDF-Datei, die es im "
            "Konzeptordner nicht gibt. Der Pfad gilt relativ zum Konzeptordner, z. B. "
            "anlagen/stellungnahme.pdf; die Datei wird in den OParl-Export übernommen.",
        ),
        Rule(
            "IK217",
            _E,
            "ID bezeichnet jetzt etwas anderes",
            "Eine ID der vorigen Ausgabe steht jetzt für eine andere Art von Eintrag (etwa "
            "eine frühere Maßnahme als Ziel). IDs bleiben über alle Fortschreibungen gleich; "
            "nur so vergleicht die Synopse richtig. Geben Sie dem neuen Eintrag eine neue ID.",
        ),
        Rule(
            "IK218",
            _E,
            "„ersetzt“ nennt eine unbekannte ID",
            "`ersetzt` nennt die IDs, die es in der vorigen Ausgabe gab und die dieser "
            "Eintrag zusammenführt oder ersetzt. Eine ID, die es dort nicht gab, ist meist "
            "ein Tippfehler; `ikonzept diff` zeigt die IDs der vorigen Ausgabe.",
        ),
        Rule(
            "IK219",
            _W,
            "Maßnahme ohne Vermerk entfernt",
            "Eine Maßnahme der vorigen Ausgabe fehlt, ohne dass eine neue Maßnahme sie unter "
            "`ersetzt` nennt. Der Kreistag sieht in der Synopse dann nur „entfällt“ ohne "
            "Grund. Behalten Sie die Maßnahme mit `stand: entfallen` und "
            "`stand_begruendung`, oder nennen Sie sie in `ersetzt` der Maßnahme, die sie "
            "aufnimmt.",
        ),
        Rule(
            "IK220",
            _E,
            "Vorgängerausgabe nicht lesbar",
            "`ausgabe.vorgaenger` nennt die vorige Ausgabe (einen Konzeptordner oder einen "
            "Schnappschuss wie ausgaben/1.json). Sie lässt sich nicht laden; ohne sie gibt es "
            "keine Synopse und keine Prüfung der Fortschreibung.",
        ),
        Rule(
            "IK222",
            _W,
            "Erklärung zur Barrierefreiheit widerspricht sich",
            "Unter `barrierefreiheit` in webseite.yaml passen Stand und Mängel nicht zusammen: "
            "„vollstaendig“ mit aufgeführten Mängeln oder ohne Video in Gebärdensprache "
            "(`gebaerdensprache`), oder „teilweise“/„nicht“ ohne einen genannten Mangel. Die "
            "Erklärung ist eine Angabe des Kreises nach BITV NRW; sie muss stimmen.",
        ),
        Rule(
            "IK223",
            _E,
            "Bild ohne Alternativtext",
            "Jedes Bild braucht einen Alternativtext, der sagt, was es zeigt: "
            "`![Karte des Kreises mit seinen elf Städten und Gemeinden](bilder/karte.svg)`. "
            "Screenreader lesen ihn vor, und ohne ihn ist das PDF nicht barrierefrei (WCAG "
            "1.1.1, PDF/UA). Der Dateiname ist kein Alternativtext.",
        ),
        Rule(
            "IK224",
            _W,
            "Zeile der Silbentrennung nicht lesbar",
            "silbentrennung.txt nennt je Zeile ein Wort mit seinen Trennstellen als "
            "Bindestriche, etwa `Fort-schrei-bung` (ein Wort ohne Bindestrich wird nie "
            "getrennt); `#` leitet einen Kommentar ein. Eine Zeile mit anderen Zeichen "
            "(Leerzeichen im Wort, Ziffern, doppelte Bindestriche) wird nicht verwendet.",
        ),
        Rule(
            "IK221",
            _E,
            "Schnappschuss der Vorgängerausgabe verändert",
            "Der eingefrorene Schnappschuss der vorigen Ausgabe hat nicht mehr die Prüfsumme, "
            "die `ikonzept edition new` eingetragen hat. Die beschlossene Fassung darf sich "
            "nicht ändern: Stellen Sie die Datei wieder her (z. B. aus git).",
        ),
    )
}


def finding(
    rule_id: str,
    file: str,
    message: str,
    *,
    path: DocPath | None = None,
    anchor: Anchor = Anchor.VALUE,
    needle: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    """Create a finding whose severity comes from the rule catalogue."""
    return Finding(
        file=file,
        rule=rule_id,
        severity=RULES[rule_id].severity,
        message=message,
        line=line,
        column=column,
        path=path,
        anchor=anchor,
        needle=needle,
    )
