"""Rules of the domain: ids and references, contents, editions and their history."""

from __future__ import annotations

from ikonzept.base.rules.rule import ERROR, WARNING, Rule

RULES = (
    Rule(
        "IK201",
        ERROR,
        "ID doppelt vergeben",
        "Jede ID darf innerhalb ihrer Art (Handlungsfeld, Ziel, Maßnahme, Akteur, Angebot, "
        "Kapitel, Rechtsgrundlage, Kommune) nur einmal vorkommen – auch über Dateien "
        "hinweg. Über die IDs werden Ausgaben miteinander verglichen.",
    ),
    Rule(
        "IK202",
        ERROR,
        "Unbekannter Akteur",
        "Eine Maßnahme nennt eine Akteurs-ID, die im Akteursverzeichnis (akteure/) nicht "
        "vorkommt. Prüfen Sie die Schreibweise oder legen Sie den Akteur an.",
    ),
    Rule(
        "IK203",
        ERROR,
        "Unbekannte Kommune",
        "Eine Kommunen-ID kommt in konzept.yaml unter `kommunen` nicht vor.",
    ),
    Rule(
        "IK204",
        ERROR,
        "Unbekanntes Handlungsfeld",
        "Ein Akteur nennt unter `handlungsfelder` eine ID, zu der es kein Handlungsfeld gibt.",
    ),
    Rule(
        "IK205",
        ERROR,
        "Unbekannter Glossarbegriff",
        "Ein Verweis unter `siehe` nennt einen Begriff, der im Glossar nicht vorkommt. "
        "Die Schreibweise muss genau übereinstimmen.",
    ),
    Rule(
        "IK206",
        ERROR,
        "Bild nicht gefunden oder nicht erlaubt",
        "Bilder werden nur aus dem Ordner bilder/ des Konzepts geladen, nie aus dem "
        "Internet oder anderen Ordnern. Geben Sie den Pfad relativ zum Konzeptordner an, "
        "z. B. bilder/karte.svg, und prüfen Sie, ob die Datei existiert.",
    ),
    Rule(
        "IK207",
        ERROR,
        "Begründung für „entfallen“ fehlt",
        "Eine Maßnahme mit `stand: entfallen` braucht `stand_begruendung`: Der Kreistag "
        "soll nachvollziehen können, warum eine empfohlene Maßnahme nicht weiter "
        "verfolgt wird.",
    ),
    Rule(
        "IK208",
        ERROR,
        "Maßnahme nennt Zuständigkeit oder Frist",
        "Der konzeptionelle Teil nennt bewusst keine Verantwortlichkeiten und keine "
        "Umsetzungsfristen: Sie werden vor Ort mit den Städten und Gemeinden, "
        "Wohlfahrtsverbänden und Initiativen vereinbart, weil Ausgangslagen und "
        "Prioritäten sich unterscheiden. Entfernen Sie `verantwortlich`, `zustaendig`, "
        "`frist` und `termin`; beteiligte Einrichtungen gehören unter `akteure`.",
    ),
    Rule(
        "IK209",
        ERROR,
        "Glossarbegriff doppelt",
        "Ein Begriff steht mehrfach im Glossar (ohne Beachtung der Groß- und "
        "Kleinschreibung). Führen Sie die Erklärungen zusammen.",
    ),
    Rule(
        "IK210",
        ERROR,
        "Abkürzung doppelt",
        "Eine Abkürzung steht mehrfach im Abkürzungsverzeichnis (ohne Beachtung der "
        "Groß- und Kleinschreibung).",
    ),
    Rule(
        "IK211",
        WARNING,
        "Abkürzung nicht erklärt",
        "Im Text steht eine Abkürzung, die in abkuerzungen.yaml fehlt. Leserinnen und "
        "Leser und Screenreader brauchen die Langform; ergänzen Sie sie im "
        "Abkürzungsverzeichnis.",
    ),
    Rule(
        "IK212",
        WARNING,
        "Handlungsfeld ohne Ziele",
        "Ein Handlungsfeld ohne Ziele bleibt eine Beschreibung der Lage; das Land erwartet "
        "überprüfbare Ziele.",
    ),
    Rule(
        "IK213", WARNING, "Ziel ohne Maßnahmen", "Zu einem Ziel ist noch keine Maßnahme empfohlen."
    ),
    Rule(
        "IK214",
        WARNING,
        "Konzept älter als drei Jahre",
        "Das Konzept wurde vor mehr als drei Jahren beschlossen. Die Landesförderung des "
        "Kommunalen Integrationszentrums setzt ein abgestimmtes und aktuelles Konzept "
        "voraus; planen Sie die Fortschreibung.",
    ),
    Rule(
        "IK215",
        ERROR,
        "Reihenfolge doppelt",
        "Zwei Handlungsfelder haben dieselbe `reihenfolge`. Die Nummerierung im Dokument "
        "ergibt sich aus der Reihenfolge und wäre sonst nicht eindeutig.",
    ),
    Rule(
        "IK216",
        ERROR,
        "Anlage der Vorlage nicht gefunden",
        "Eine weitere Anlage in vorlage.yaml nennt unter `datei` eine PDF-Datei, die es im "
        "Konzeptordner nicht gibt. Der Pfad gilt relativ zum Konzeptordner, z. B. "
        "anlagen/stellungnahme.pdf; die Datei wird in den OParl-Export übernommen.",
    ),
    Rule(
        "IK217",
        ERROR,
        "ID bezeichnet jetzt etwas anderes",
        "Eine ID der vorigen Ausgabe steht jetzt für eine andere Art von Eintrag (etwa "
        "eine frühere Maßnahme als Ziel). IDs bleiben über alle Fortschreibungen gleich; "
        "nur so vergleicht die Synopse richtig. Geben Sie dem neuen Eintrag eine neue ID.",
    ),
    Rule(
        "IK218",
        ERROR,
        "„ersetzt“ nennt eine unbekannte ID",
        "`ersetzt` nennt die IDs, die es in der vorigen Ausgabe gab und die dieser "
        "Eintrag zusammenführt oder ersetzt. Eine ID, die es dort nicht gab, ist meist "
        "ein Tippfehler; `ikonzept diff` zeigt die IDs der vorigen Ausgabe.",
    ),
    Rule(
        "IK219",
        WARNING,
        "Maßnahme ohne Vermerk entfernt",
        "Eine Maßnahme der vorigen Ausgabe fehlt, ohne dass eine neue Maßnahme sie unter "
        "`ersetzt` nennt. Der Kreistag sieht in der Synopse dann nur „entfällt“ ohne "
        "Grund. Behalten Sie die Maßnahme mit `stand: entfallen` und "
        "`stand_begruendung`, oder nennen Sie sie in `ersetzt` der Maßnahme, die sie "
        "aufnimmt.",
    ),
    Rule(
        "IK220",
        ERROR,
        "Vorgängerausgabe nicht lesbar",
        "`ausgabe.vorgaenger` nennt die vorige Ausgabe (einen Konzeptordner oder einen "
        "Schnappschuss wie ausgaben/1.json). Sie lässt sich nicht laden; ohne sie gibt es "
        "keine Synopse und keine Prüfung der Fortschreibung.",
    ),
    Rule(
        "IK222",
        WARNING,
        "Erklärung zur Barrierefreiheit widerspricht sich",
        "Unter `barrierefreiheit` in webseite.yaml passen Stand und Mängel nicht zusammen: "
        "„vollstaendig“ mit aufgeführten Mängeln oder ohne Video in Gebärdensprache "
        "(`gebaerdensprache`), oder „teilweise“/„nicht“ ohne einen genannten Mangel. Die "
        "Erklärung ist eine Angabe des Kreises nach BITV NRW; sie muss stimmen.",
    ),
    Rule(
        "IK223",
        ERROR,
        "Bild ohne Alternativtext",
        "Jedes Bild braucht einen Alternativtext, der sagt, was es zeigt: "
        "`![Karte des Kreises mit seinen elf Städten und Gemeinden](bilder/karte.svg)`. "
        "Screenreader lesen ihn vor, und ohne ihn ist das PDF nicht barrierefrei (WCAG "
        "1.1.1, PDF/UA). Der Dateiname ist kein Alternativtext.",
    ),
    Rule(
        "IK224",
        WARNING,
        "Zeile der Silbentrennung nicht lesbar",
        "silbentrennung.txt nennt je Zeile ein Wort mit seinen Trennstellen als "
        "Bindestriche, etwa `Fort-schrei-bung` (ein Wort ohne Bindestrich wird nie "
        "getrennt); `#` leitet einen Kommentar ein. Eine Zeile mit anderen Zeichen "
        "(Leerzeichen im Wort, Ziffern, doppelte Bindestriche) wird nicht verwendet.",
    ),
    Rule(
        "IK221",
        ERROR,
        "Schnappschuss der Vorgängerausgabe verändert",
        "Der eingefrorene Schnappschuss der vorigen Ausgabe hat nicht mehr die Prüfsumme, "
        "die `ikonzept edition new` eingetragen hat. Die beschlossene Fassung darf sich "
        "nicht ändern: Stellen Sie die Datei wieder her (z. B. aus git).",
    ),
    Rule(
        "IK225",
        ERROR,
        "Unbekannte Maßnahme",
        "Der Handlungsplan nennt eine Maßnahme, die es im Konzept nicht gibt. Maßnahmen werden "
        "mit ihrer ID aus handlungsfelder/ genannt; die Meldung schlägt die ähnlichste vor.",
    ),
    Rule(
        "IK226",
        ERROR,
        "Handlungsplan passt nicht zu seiner Datei",
        "Jede Kommune hat genau einen Handlungsplan in plaene/<kommune>.yaml; der Dateiname ist "
        "die ID der Kommune, die unter „kommune“ steht. `ikonzept plan new KOMMUNE` legt ihn an.",
    ),
    Rule(
        "IK227",
        ERROR,
        "Maßnahme zweimal im Handlungsplan",
        "Eine Maßnahme steht in einem Handlungsplan nur einmal; mehrere Arbeitsschritte gehören "
        "unter „schritte“.",
    ),
    Rule(
        "IK228",
        ERROR,
        "Zeitraum endet vor seinem Beginn",
        "„ende“ liegt vor „beginn“. Beide werden als JJJJ-MM angegeben; für eine Daueraufgabe "
        "steht statt „ende“ dauerhaft: true.",
    ),
    Rule(
        "IK229",
        WARNING,
        "Maßnahme für diese Kommune nicht empfohlen",
        "Das Konzept empfiehlt die Maßnahme nur für andere Kommunen (ihre Liste „kommunen“ "
        "nennt diese nicht). Vielleicht ist es Absicht; sonst die Maßnahme oder den Plan prüfen.",
    ),
    Rule(
        "IK230",
        WARNING,
        "Schritt überfällig",
        "Der Termin („bis“) eines Schritts ist vorbei, und er ist nicht als erledigt vermerkt. "
        "Tragen Sie „erledigt“ mit dem Datum ein oder vereinbaren Sie einen neuen Termin.",
    ),
    Rule(
        "IK231",
        WARNING,
        "Handlungsplan älter als zwölf Monate",
        "Der Stand des Handlungsplans liegt mehr als zwölf Monate zurück. Handlungspläne werden "
        "mit dem Runden Tisch der Kommune regelmäßig fortgeschrieben; dann „stand“ erneuern.",
    ),
    Rule(
        "IK232",
        WARNING,
        "Entfallene Maßnahme im Handlungsplan",
        "Das Konzept führt die Maßnahme als entfallen, im Handlungsplan der Kommune ist sie "
        "noch aktiv (offen, in Umsetzung oder dauerhaft). Den Stand im Plan angleichen oder die "
        "Maßnahme aus dem Plan nehmen.",
    ),
    Rule(
        "IK233",
        ERROR,
        "Ende und Daueraufgabe zugleich",
        "Eine Maßnahme im Handlungsplan hat entweder ein Ende („ende: JJJJ-MM“) oder ist eine "
        "Daueraufgabe („dauerhaft: true“), nicht beides.",
    ),
    Rule(
        "IK234",
        ERROR,
        "Wert ist keine Zahl",
        "In der Wertetabelle eines Indikators (indikatoren/<id>.csv) steht in „wert“ eine Zahl "
        "mit Dezimalkomma (2,5; ein Punkt geht auch: 2.5; Tausender mit Punkt: 12.345) oder "
        "nichts; in „stand“ ein Datum JJJJ-MM-TT.",
    ),
    Rule(
        "IK235",
        ERROR,
        "Leerer Wert ohne Kennzeichen",
        "Fehlt eine Zahl, sagt das Kennzeichen der amtlichen Statistik warum (– nichts "
        "vorhanden, . unbekannt oder geheim, … folgt später, / nicht sicher genug, x nicht "
        "sinnvoll). Fehlend ist nicht null.",
    ),
    Rule(
        "IK236",
        ERROR,
        "Unbekanntes Kennzeichen",
        "In „kennzeichen“ steht nichts oder ein Zeichen der amtlichen Statistik: – . … / ( ) "
        "x p r s (Bedeutung wie bei den Statistischen Ämtern).",
    ),
    Rule(
        "IK237",
        ERROR,
        "Unbekanntes Gebiet",
        "„gebiet“ ist „kreis“ für den ganzen Kreis, die ID einer Kommune aus konzept.yaml oder "
        "die eines Vergleichsgebiets, das der Indikator unter `vergleichsgebiete` nennt.",
    ),
    Rule(
        "IK238",
        ERROR,
        "Jahr und Gebiet doppelt",
        "Jedes Jahr steht für jedes Gebiet einmal in der Wertetabelle; ein berichtigter Wert "
        "ersetzt den alten (Kennzeichen r).",
    ),
    Rule(
        "IK239",
        ERROR,
        "Unplausibles Jahr",
        "Ein Jahr ist vierstellig und liegt zwischen 1950 und dem nächsten Jahr; spätere "
        "Jahre stehen nur als Zielwerte im Indikator.",
    ),
    Rule(
        "IK240",
        ERROR,
        "Unbekanntes Ziel",
        "„ziele“ nennt IDs von Zielen aus den Handlungsfeldern.",
    ),
    Rule(
        "IK241",
        ERROR,
        "Wirkungsindikator ohne Ziel",
        "Ein Indikator mit „art: wirkung“ misst ein Ziel des Konzepts und nennt es unter "
        "„ziele“. Beschreibt er nur die Lage, ist er „art: kontext“.",
    ),
    Rule(
        "IK242",
        WARNING,
        "Zielwert gegen die Richtung",
        "Bei „richtung: steigend“ liegt ein Zielwert über der Basis, bei „fallend“ darunter, "
        "bei „halten“ auf ihr.",
    ),
    Rule(
        "IK243",
        WARNING,
        "Keine aktuellen Werte",
        "Der Indikator hat für die letzten zwei Jahre keinen Wert. Neue Zahlen eintragen "
        "oder mit „naechste_daten“ sagen, wann sie erscheinen.",
    ),
    Rule(
        "IK244",
        WARNING,
        "Prozentwert über 100",
        "Ein Wert in % über 100 ist fast immer ein Tippfehler; stimmt er, sagt eine "
        "Anmerkung in der Zeile, warum.",
    ),
    Rule(
        "IK245",
        ERROR,
        "Wertetabelle nicht lesbar",
        "Die Wertetabelle hat eine Kopfzeile jahr;gebiet;wert;kennzeichen;anmerkung (optional "
        "stand) und in jeder Zeile so viele Felder wie sie.",
    ),
    Rule(
        "IK246",
        WARNING,
        "Indikator ohne Werte",
        "Neben indikatoren/<id>.yaml fehlt indikatoren/<id>.csv mit den Werten.",
    ),
    Rule(
        "IK247",
        ERROR,
        "Indikator in fremder Datei",
        "Die ID eines Indikators ist der Name seiner Datei: indikatoren/<id>.yaml.",
    ),
    Rule(
        "IK248",
        ERROR,
        "Werte ohne Indikator",
        "Zu einer Wertetabelle indikatoren/<id>.csv gehört indikatoren/<id>.yaml mit Titel, "
        "Art, Einheit und Richtung.",
    ),
    Rule(
        "IK249",
        ERROR,
        "Bezug unbekannt",
        "`bezug.indikator` nennt den Indikator, auf dessen Werte sich die Anzahlen beziehen "
        "(etwa die Bevölkerung): einen anderen Indikator, der selbst keinen Bezug hat.",
    ),
    Rule(
        "IK250",
        ERROR,
        "Vergleichsgebiet mit vergebener ID",
        "Ein Vergleichsgebiet braucht eine eigene ID: nicht „kreis“ und keine ID einer "
        "Kommune, sonst wären seine Werte nicht von deren zu unterscheiden.",
    ),
)
