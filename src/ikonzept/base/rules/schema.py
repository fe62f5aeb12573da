"""Rules of the schema: keys, types and forms of values."""

from __future__ import annotations

from ikonzept.base.rules.rule import ERROR, Rule

RULES = (
    Rule(
        "IK100",
        ERROR,
        "Ungültige Angabe",
        "Eine Angabe entspricht nicht dem Format (siehe FORMAT und die Tooltips im Editor).",
    ),
    Rule(
        "IK101",
        ERROR,
        "Unbekannter Schlüssel",
        "Der Schlüssel ist an dieser Stelle nicht vorgesehen; oft ist es ein Tippfehler. "
        "Die Meldung schlägt den ähnlichsten erlaubten Schlüssel vor.",
    ),
    Rule(
        "IK102",
        ERROR,
        "Pflichtangabe fehlt",
        "Eine Angabe, ohne die der Eintrag nicht verarbeitet werden kann, fehlt.",
    ),
    Rule(
        "IK103",
        ERROR,
        "Falsche Art von Angabe",
        "An dieser Stelle wird eine andere Art von Angabe erwartet, z. B. ein Abschnitt "
        "mit Schlüsseln statt einer Liste, oder ein Text statt einer Zahl.",
    ),
    Rule(
        "IK104",
        ERROR,
        "Unzulässiger Wert",
        "Der Wert gehört nicht zu den erlaubten Werten (z. B. beim Umsetzungsstand oder "
        "der Art eines Akteurs).",
    ),
    Rule(
        "IK105",
        ERROR,
        "Kein gültiges Datum",
        "Daten werden als JJJJ-MM-TT geschrieben, z. B. 2016-11-15, und müssen einen "
        "existierenden Tag bezeichnen.",
    ),
    Rule(
        "IK106",
        ERROR,
        "Ungültige ID",
        "IDs bestehen aus Kleinbuchstaben a–z, Ziffern und Bindestrichen und beginnen mit "
        "einem Buchstaben oder einer Ziffer. Umlaute werden umschrieben (ä → ae, ß → ss). "
        "Eine ID bleibt über alle Fortschreibungen gleich.",
    ),
)
