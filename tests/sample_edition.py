"""How the sample's second edition (`concept-2019/`, the 1st Fortschreibung) was made.

With the commands an author uses, from the first edition (`concept/`): `edition new`, the
feedback round (`feedback export`, three filled forms from `tests/data/rueckmeldungen/`,
`feedback import`), `status set`, and then the edits an author makes in an editor: two
measures merged, one moved to another goal, a new goal for a new need, the proposal for
2019, and the action plans three towns agreed in May 2019 (`plan new`, `plan add`,
`plan schritt`), and the indicators the KI keeps since (written as in an editor).
`python -m tests.sample_edition` makes it anew (into `concept-2019/`);
`tests/test_sample_edition.py` checks that the committed folder is what this gives.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

FORMS = Path(__file__).parent / "data" / "rueckmeldungen"
TARGET = ROOT / "concept-2019"
ACTORS = ("vhs-coesfeld", "jobcenter-kreis-coesfeld", "caritas-coesfeld")

# What the three actors wrote into their forms: Stand neu, Begründung, Anmerkung.
ANSWERS: dict[str, dict[str, tuple[str | None, str | None, str | None]]] = {
    "vhs-coesfeld": {
        "sprachkurs-koordination": (
            "umgesetzt",
            None,
            "Die Kursübersicht steht seit Mai 2018 online und wird monatlich aktualisiert.",
        ),
        "kurse-kinderbetreuung": (
            "in Umsetzung",
            None,
            "Coesfeld und Dülmen bieten seit 2018 je einen Kurs mit Kinderbetreuung an.",
        ),
        "alphabetisierungskurse": (
            "entfallen",
            "Das BAMF hat die Alphabetisierungskurse 2017 "
            "deutlich ausgeweitet; eigene Kurse sind nicht mehr nötig.",
            None,
        ),
        "berufsbezogene-deutschkurse": ("umgesetzt", None, None),
    },
    "jobcenter-kreis-coesfeld": {
        "integration-point": (
            "dauerhaft (Regelaufgabe)",
            "Seit 2018 fester Teil der Arbeit von Agentur für Arbeit und Jobcenter.",
            None,
        ),
        "anerkennungsberatung-vor-ort": (
            "umgesetzt",
            None,
            "Sprechstunde jeden zweiten Dienstag im Kreishaus.",
        ),
        "frauen-berufseinstieg": ("In Umsetzung", None, None),
        "anerkennungskosten": (
            "zurückgestellt",
            "Das Land plant ein eigenes Förderprogramm; "
            "bis dahin prüft das Jobcenter im Einzelfall.",
            None,
        ),
        "berufsbezogene-deutschkurse": ("umgesetzt", None, None),
    },
    "caritas-coesfeld": {
        "sprachmittler-pool": ("dauerhaft", None, "Der Pool vermittelt 2018 rund 600 Einsätze."),
        "psz-aussensprechstunde": ("umgesetzt", None, None),
        "gewaltschutz-unterkuenfte": ("in Umsetzung", None, None),
        "sprachcafes": (None, None, "Sprachcafés gibt es inzwischen in neun von elf Kommunen."),
    },
}
PROPOSALS = {
    "vhs-coesfeld": [
        (
            "5 Ausbildung, Arbeit und Wirtschaft",
            "Berufssprachkurse in Teilzeit für Beschäftigte",
            "Jobcenter, Betriebe",
            None,
        )
    ],
    "caritas-coesfeld": [
        (
            "5 Ausbildung, Arbeit und Wirtschaft",
            "Beratung für Beschäftigte aus anderen EU-Staaten, vor allem in der Fleischindustrie",
            "Caritas, Jobcenter, Gewerkschaften",
            "Viele kennen ihre Rechte als Arbeitnehmerinnen und Arbeitnehmer nicht.",
        )
    ],
}


# The action plans of three towns, May 2019: (measure, lead, partners, priority, start, end
# or None for a lasting task).
PLANS: dict[str, tuple[str, list[tuple[str, str, list[str], str, str, str | None]]]] = {
    "coesfeld": ("2019-05-20", [
        ("elterncafes-interkulturell", "familienzentrum-st-viktor", ["fbs-coesfeld"], "mittel",
         "2019-09", "2020-12"),
        ("beratung-eu-beschaeftigte", "caritas-coesfeld", ["jobcenter-kreis-coesfeld"], "hoch",
         "2019-07", None),
        ("wohnraumboerse", "stadt-coesfeld-soziales", [], "niedrig", "2020-01", "2020-12"),
    ]),
    "duelmen": ("2019-05-15", [
        ("kurse-kinderbetreuung", "vhs-duelmen", ["caritas-duelmen"], "hoch", "2019-08",
         "2020-07"),
        ("frauen-sprachtreffs", "caritas-duelmen", [], "mittel", "2019-09", None),
        ("griffbereit", "fbs-coesfeld", ["caritas-duelmen"], "hoch", "2019-10", "2020-06"),
        ("elterncafes-interkulturell", "caritas-duelmen", [], "niedrig", "2020-01", "2020-12"),
    ]),
    "nottuln": ("2019-05-27", [
        ("sprachcafes-und-sprachlernbegleitung", "willkommen-in-nottuln", ["vhs-coesfeld"],
         "hoch", "2019-06", None),
        ("brueckenspielgruppen", "drk-coesfeld", [], "mittel", "2019-09", "2020-08"),
    ]),
}  # fmt: skip


# Where a town's round table reported progress by the time of the 2019 edition.
PLAN_STATUS = [
    ("coesfeld", "beratung-eu-beschaeftigte", "in_umsetzung"),
    ("duelmen", "frauen-sprachtreffs", "in_umsetzung"),
    ("nottuln", "sprachcafes-und-sprachlernbegleitung", "dauerhaft"),
]

# The steps the round tables agreed: (town, measure, step, by, done on or None).
STEPS = [
    ("coesfeld", "elterncafes-interkulturell", "Familienzentren für ein erstes Elterncafé "
     "gewinnen", "2019-07-31", "2019-07-12"),
    ("coesfeld", "elterncafes-interkulturell", "Sprachmittlerinnen für die Elterncafés anfragen",
     "2019-08-31", None),
    ("coesfeld", "beratung-eu-beschaeftigte", "Sprechzeiten in der Caritas-Beratungsstelle "
     "festlegen", "2019-06-30", "2019-06-24"),
    ("duelmen", "kurse-kinderbetreuung", "Räume für die Kinderbetreuung in der VHS klären",
     "2019-06-30", "2019-06-18"),
    ("duelmen", "kurse-kinderbetreuung", "Betreuungskräfte einstellen", "2019-07-31", None),
    ("duelmen", "griffbereit", "Zwei Familienzentren als Orte gewinnen", "2019-09-15", None),
    ("nottuln", "sprachcafes-und-sprachlernbegleitung", "Termine der Sprachcafés im "
     "Gemeindeblatt veröffentlichen", "2019-06-15", "2019-06-10"),
]  # fmt: skip


def plans(target: Path, run: Command) -> None:
    """Each town's plan as its round table agreed it, with the commands."""
    for town, (stand, entries) in PLANS.items():
        run("plan", "new", town, "-C", str(target), "--today", stand, "-q")
        for massnahme, lead, partners, priority, start, end in entries:
            args = ["plan", "add", town, massnahme, "-C", str(target), "-q", "--verantwortlich",
                    lead, "--prioritaet", priority, "--beginn", start]  # fmt: skip
            for partner in partners:
                args += ["--partner", partner]
            args += ["--ende", end] if end else ["--dauerhaft"]
            run(*args)
    for town, massnahme, stand in PLAN_STATUS:
        run("status", "set", massnahme, stand, "--kommune", town, "-C", str(target), "-q")
    for town, massnahme, step, by, done in STEPS:
        run("plan", "schritt", town, massnahme, step, "--bis", by, "-C", str(target), "-q",
            *(["--erledigt", done] if done else []))  # fmt: skip


def fill_forms(blank: Path, target: Path = FORMS) -> None:
    """The three actors' answers, in the forms exported for them."""
    from tests.forms import fill

    target.mkdir(parents=True, exist_ok=True)
    for actor in ACTORS:
        fill(
            blank / f"{actor}.xlsx",
            ANSWERS[actor],
            PROPOSALS.get(actor, []),
            target / f"{actor}.xlsx",
        )


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _cut(path: Path, start: str, end: str) -> str:
    """Remove the lines from ``start`` to before ``end``; returns them."""
    text = path.read_text(encoding="utf-8")
    first, last = text.index(start), text.index(end)
    path.write_text(text[:first] + text[last:], encoding="utf-8")
    return text[first:last]


def author_edits(root: Path) -> None:
    """What the KI changed by hand for the 1st Fortschreibung."""
    sprache = root / "handlungsfelder" / "01-sprache.yaml"
    # Two measures merged into one.
    _cut(sprache, "      - id: sprachcafes\n", "      - id: frauen-sprachtreffs\n")
    _replace(
        sprache,
        "      - id: frauen-sprachtreffs\n",
        """\
      - id: sprachcafes-und-sprachlernbegleitung
        titel: Sprachcafés und ehrenamtliche Sprachlernbegleitung gemeinsam weiterentwickeln
        beschreibung: |
          Sprachcafés und Sprachlernbegleitung arbeiten seit 2018 unter einem Dach: Die
          Ehrenamtlichen der Sprachcafés erhalten die Grundqualifizierung und den
          Materialpool der Volkshochschulen[^1].

          [^1]: Verabredet in der Arbeitsgruppe Sprache am 12. März 2019.
        akteure: [caritas-coesfeld, vhs-coesfeld, willkommen-in-nottuln, asylkreis-senden]
        ersetzt: [sprachcafes, sprachlernbegleitung]
        stand: in_umsetzung
      - id: frauen-sprachtreffs
""",
    )
    # One measure moved to the goal where it belongs now.
    moved = _cut(sprache, "      - id: frauen-sprachtreffs\n", "  - id: sprachmittlung-gesichert\n")
    _insert_after_measure(sprache, "kursorte-laendlicher-raum", moved)
    # A new goal for a new need.
    arbeit = root / "handlungsfelder" / "05-arbeit-wirtschaft.yaml"
    arbeit.write_text(
        arbeit.read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + """\
  - id: eu-beschaeftigte-rechte
    titel: Beschäftigte aus anderen EU-Staaten kennen ihre Rechte und finden Beratung
    beschreibung: |
      Seit 2017 arbeiten im Kreis mehrere hundert Menschen aus Rumänien, Bulgarien und Polen
      in der Fleischindustrie und der Landwirtschaft, oft mit Werkverträgen und in
      Sammelunterkünften. Die Rückmelderunde 2019 hat diesen Bedarf als neu benannt.
    indikatoren:
      - Zahl der Beratungen für Beschäftigte aus anderen EU-Staaten
    massnahmen:
      - id: beratung-eu-beschaeftigte
        titel: Mehrsprachige Beratung für Beschäftigte aus anderen EU-Staaten anbieten
        beschreibung: |
          Eine Beratungsstelle bietet in Coesfeld und Dülmen Sprechstunden auf Rumänisch,
          Bulgarisch und Polnisch an: zu Arbeitsvertrag, Lohn, Unterkunft und
          Krankenversicherung.
        kommunen: [coesfeld, duelmen]
        akteure: [caritas-coesfeld, jobcenter-kreis-coesfeld]
""",
        encoding="utf-8",
    )
    _proposal(root / "vorlage.yaml")


def _insert_after_measure(path: Path, ident: str, block: str) -> None:
    """Put ``block`` after the measure ``ident`` (before the next measure or goal)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n      - id: {ident}\n") + 1
    ends = [text.find(marker, start) for marker in ("\n      - id: ", "\n  - id: ")]
    end = min(e for e in ends if e > 0) + 1
    path.write_text(text[:end] + block + text[end:], encoding="utf-8")


def _proposal(path: Path) -> None:
    _replace(
        path, "nummer: SV-9-0676\ndatum: 2016-11-08\n", "nummer: SV-9-1187\ndatum: 2019-05-21\n"
    )
    for old, new in (
        ("2016-11-22", "2019-06-04"),
        ("2016-12-07", "2019-06-19"),
        ("2016-12-14", "2019-07-03"),
    ):
        _replace(path, f"    sitzung: {old}\n", f"    sitzung: {new}\n")
    _replace(
        path,
        "  Das 1. Integrationskonzept des Kreises Coesfeld wird verabschiedet und dem "
        "Land NRW zur\n  Verfügung gestellt.",
        "  Die 1. Fortschreibung des "
        "Integrationskonzepts des Kreises Coesfeld wird verabschiedet\n  und dem Land NRW "
        "zur Verfügung gestellt.",
    )


Command = Callable[..., object]


# The indicators the KI keeps since 2019: illustrative values in the order of magnitude of
# public statistics for a county like Coesfeld (not the real figures; the files say so).
ILLUSTRATIVE = (
    "Beispielwerte für das Muster, an die Größenordnung der amtlichen Statistik angelehnt."
)
INDICATORS: dict[str, tuple[str, str]] = {
    "kursplatz-drei-monate": ("""id: kursplatz-drei-monate
titel: Neu Zugewanderte mit Platz im Integrationskurs binnen drei Monaten
beschreibung: Anteil der Berechtigten, die innerhalb von drei Monaten nach der Berechtigung
  einen Kurs beginnen. {illustrative}
art: wirkung
einheit: "%"
nachkommastellen: 0
richtung: steigend
ziele: [sprachkurs-zugang]
basis: {{jahr: 2015, wert: 38}}
zielwerte:
  - {{jahr: 2020, wert: 75}}
quelle: BAMF, Integrationskursgeschäftsstatistik, Auswertung des KI
naechste_daten: 2020-03
""", """jahr;gebiet;wert;kennzeichen;anmerkung
2015;kreis;38;;
2016;kreis;44;;
2017;kreis;53;;
2018;kreis;61;p;vorläufig
"""),
    "u3-betreuung": ("""id: u3-betreuung
titel: Betreuungsquote der Kinder unter drei Jahren mit ausländischer Staatsangehörigkeit
beschreibung: Anteil der Kinder unter drei Jahren in Kita oder Kindertagespflege. {illustrative}
art: wirkung
einheit: "%"
richtung: steigend
ziele: [kita-zugang]
basis: {{jahr: 2016, wert: 11.2}}
zielwerte:
  - {{jahr: 2021, wert: 20}}
quelle: IT.NRW, Kinder- und Jugendhilfestatistik (Tabelle 22541-01i)
""", """jahr;gebiet;wert;kennzeichen;anmerkung
2016;kreis;11,2;;
2017;kreis;11,9;;
2018;kreis;12,4;;
2016;coesfeld;12,8;;
2017;coesfeld;13,5;;
2018;coesfeld;14,1;;
2016;duelmen;10,9;;
2017;duelmen;11,0;;
2018;duelmen;;.;Meldung der Stadt fehlt
"""),
    "auslaenderanteil": ("""id: auslaenderanteil
titel: Anteil der Einwohnerinnen und Einwohner mit ausländischer Staatsangehörigkeit
beschreibung: Monitoring der Lage, den Maßnahmen des Konzepts nicht zurechenbar. {illustrative}
art: kontext
einheit: "%"
richtung: halten
quelle: IT.NRW, Bevölkerungsfortschreibung (Tabelle 12411-02i)
brueche:
  - {{jahr: 2011, grund: Fortschreibung auf Basis des Zensus 2011}}
""", """jahr;gebiet;wert;kennzeichen;anmerkung
2010;kreis;4,9;;
2011;kreis;4,4;;Zensus-Basis
2015;kreis;6,1;;
2016;kreis;7,0;;
2017;kreis;7,3;;
2018;kreis;7,6;;
2015;coesfeld;6,3;;
2016;coesfeld;7,2;;
2017;coesfeld;7,6;;
2018;coesfeld;7,9;;
2015;duelmen;7,4;;
2016;duelmen;8,5;;
2017;duelmen;8,8;;
2018;duelmen;9,1;;
2015;nottuln;4,1;;
2016;nottuln;4,8;;
2017;nottuln;5,0;;
2018;nottuln;5,2;;
"""),
    "sgb2-auslaendisch": ("""id: sgb2-auslaendisch
titel: SGB-II-Quote der Ausländerinnen und Ausländer
beschreibung: Anteil der Leistungsberechtigten nach SGB II an der ausländischen Bevölkerung
  unter 65 Jahren. Monitoring, den Maßnahmen nicht zurechenbar. {illustrative}
art: kontext
einheit: "%"
richtung: fallend
quelle: Statistik der Bundesagentur für Arbeit
vergleichsgebiete:
  - {{id: nrw, name: Nordrhein-Westfalen, schluessel: "05"}}
""", """jahr;gebiet;wert;kennzeichen;anmerkung
2015;kreis;14,2;;
2016;kreis;17,8;;
2017;kreis;19,1;;
2018;kreis;18,4;;
2015;nrw;17,5;;
2016;nrw;20,9;;
2017;nrw;22,6;;
2018;nrw;21,8;;
"""),
    "seiteneinstieg-regelklasse": ("""id: seiteneinstieg-regelklasse
titel: Seiteneinsteigerinnen und Seiteneinsteiger nach zwei Jahren im Regelunterricht
beschreibung: {illustrative}
art: wirkung
einheit: "%"
nachkommastellen: 0
richtung: steigend
ziele: [regelunterricht-nach-zwei-jahren]
basis: {{jahr: 2016, wert: 55}}
zielwerte:
  - {{jahr: 2021, wert: 80}}
quelle: Schulstatistik des Kreises, Auswertung des KI
""", """jahr;gebiet;wert;kennzeichen;anmerkung
2016;kreis;55;;
2017;kreis;54;;
2018;kreis;;…;Auswertung folgt im Herbst
"""),
}  # fmt: skip


def indicators(target: Path) -> None:
    """The indicators and their values, as the KI writes them in an editor."""
    folder = target / "indikatoren"
    folder.mkdir(exist_ok=True)
    header = "# yaml-language-server: $schema=../../schemas/indikator.schema.json\n"
    for ident, (yaml, table) in INDICATORS.items():
        (folder / f"{ident}.yaml").write_text(header + yaml.format(illustrative=ILLUSTRATIVE),
                                              encoding="utf-8")  # fmt: skip
        (folder / f"{ident}.csv").write_text(table, encoding="utf-8")


# The Sachstandsbericht the KI gives the committee half a year after the adoption.
REPORT = """\
# yaml-language-server: $schema=../schemas/bericht.schema.json
titel: Sachstandsbericht 2019 zum Integrationskonzept des Kreises Coesfeld
stichtag: 2019-12-31
einleitung: |
  Der Kreistag hat die 1. Fortschreibung des Integrationskonzepts am 3. Juli 2019
  beschlossen. Dieser Bericht zeigt dem Integrationsausschuss, wie weit die Maßnahmen
  gekommen sind, ob die Ziele vorankommen und was die Städte und Gemeinden in ihren
  Handlungsplänen vereinbart haben.
hinweise: |
  Die Werte der Indikatoren in diesem Muster sind Beispielwerte, an die Größenordnung der
  amtlichen Statistik angelehnt; es sind nicht die Zahlen des Kreises Coesfeld.
vorlage:
  nummer: MV-9-1302
  datum: 2020-01-21
  beratungsfolge:
    - gremium: Integrationsausschuss
      sitzung: 2020-02-04
      zustaendigkeit: Kenntnisnahme
  unterschrift: Der Landrat
"""


def make(target: Path, run: Command, forms: Path = FORMS) -> None:
    """The second edition in ``target``, made with ``run(*args)`` (the CLI) from the first."""
    run("edition", "new", str(SAMPLE), "--to", str(target), "--stand", "2019-06-04")
    with tempfile.TemporaryDirectory() as work:
        blank = Path(work) / "boegen"
        run(
            "feedback",
            "export",
            str(target),
            "-o",
            str(blank),
            "--bis",
            "2019-03-29",
            "--today",
            "2019-02-18",
        )
        if forms == FORMS and not all((FORMS / f"{a}.xlsx").exists() for a in ACTORS):
            fill_forms(blank)
    run(
        "feedback",
        "import",
        str(target),
        *(str(forms / f"{a}.xlsx") for a in ACTORS),
        "--today",
        "2019-04-02",
    )
    run("status", "set", "impfluecken-schliessen", "umgesetzt", "-C", str(target))
    run("status", "set", "schwimmkurse", "dauerhaft", "-C", str(target))
    run(
        "status",
        "set",
        "schulweg-unterkuenfte",
        "entfallen",
        "--begruendung",
        "Die Unterkünfte in Schulnähe wurden 2018 geschlossen; die Kinder wohnen jetzt in "
        "Wohnungen.",
        "-C",
        str(target),
    )
    author_edits(target)
    plans(target, run)
    indicators(target)
    (target / "bericht.yaml").write_text(REPORT, encoding="utf-8")


def _cli(*args: str) -> None:
    from ikonzept.cli import main

    code = main(list(args))
    if code:
        raise SystemExit(f"ikonzept {' '.join(args)}: Exit-Code {code}")


if __name__ == "__main__":
    if TARGET.exists():
        shutil.rmtree(TARGET)
    make(TARGET, _cli)
    print(f"{TARGET} neu erzeugt.", file=sys.stderr)
