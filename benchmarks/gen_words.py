"""Word lists for the benchmark generator: plausible German administrative vocabulary.

Real words with umlauts and ß exercise the UTF-8 and line-number paths the same way an
author's text does; lorem ipsum would not. No entry contains a run of two capitals, except
the defined FIXED_ABBREVIATIONS, so generated prose passes rule IK211 (undefined
abbreviation). Lists are packed into "|"-separated strings to keep this file short.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """Split a "|"-separated block into stripped entries (line breaks are just spaces)."""
    return tuple(" ".join(part.split()) for part in text.split("|") if part.strip())


def _table(text: str) -> tuple[tuple[str, ...], ...]:
    """Rows separated by "|", columns by ";"."""
    return tuple(tuple(cell.strip() for cell in row.split(";")) for row in _words(text))


# fmt: off
# Plural subjects with article (nominative): "<Subjekt> <Verb> <Objekt> <Umstand>."
SUBJECTS = _words("""
    die Beratungsstellen | die Kitas | die Schulen | die Volkshochschulen |
    ehrenamtliche Initiativen | die Städte und Gemeinden | die Wohlfahrtsverbände |
    die Migrantenorganisationen | die Familienzentren | die Träger der Integrationskurse |
    die Sportvereine | die Kirchengemeinden | viele Betriebe | die Fachkräfte der Jugendhilfe |
    die Lehrkräfte | die Ärztinnen und Ärzte | die Integrationslotsinnen und -lotsen |
    die Jugendmigrationsdienste | die Familienbildungsstätten | die Stadtbüchereien |
    die Quartiersbüros | die Ehrenamtlichen | die Sprachmittlerinnen und Sprachmittler |
    die Ausländerbehörde und das Jobcenter | die Schulsozialarbeiterinnen und -arbeiter
""")
VERBS = _words("""
    unterstützen | begleiten | beraten | erreichen | informieren | qualifizieren | stärken |
    fördern | ermutigen | vernetzen | entlasten | unterrichten
""")
OBJECTS = _words("""
    Familien mit Zuwanderungsgeschichte | neu zugewanderte Jugendliche | geflüchtete Frauen |
    Eltern kleiner Kinder | ältere Zugewanderte | Menschen ohne sichere Bleibeperspektive |
    Seiteneinsteigerinnen und Seiteneinsteiger | Auszubildende aus Drittstaaten |
    Ehrenamtliche in der Flüchtlingshilfe | alleinerziehende Mütter | unbegleitete Minderjährige |
    Zugewanderte aus Südosteuropa | Schülerinnen und Schüler der Erstförderung |
    Beschäftigte mit ausländischen Abschlüssen | Menschen mit Behinderung und Fluchterfahrung |
    Nachbarschaften in großen Wohnanlagen | Vereine und Initiativen vor Ort
""")
ADVERBIALS = _words("""
    bei der Suche nach einer Wohnung | beim Übergang von der Schule in den Beruf |
    in allen Fragen des Aufenthaltsrechts | im Alltag und bei Behördengängen |
    bei der Anerkennung ausländischer Abschlüsse | in ihrer Herkunftssprache |
    vor Ort in den Stadtteilen | über die Grenzen der Zuständigkeiten hinweg |
    mit Unterstützung von Sprachmittlerinnen und Sprachmittlern | regelmäßig und verlässlich |
    in enger Abstimmung mit den Städten und Gemeinden | während der Wartezeit auf einen Kursplatz |
    bei der Anmeldung in Kita und Schule |
    auf dem Weg in eine sozialversicherungspflichtige Arbeit |
    bei Arztbesuchen und im Krankenhaus | in den Abendstunden und am Wochenende |
    ohne lange Wartezeiten | mit mehrsprachigen Informationen
""")
OPENERS = _words("""
    Seit Herbst 2024 | Im vergangenen Jahr | Vor allem in den kleineren Gemeinden |
    Nach Einschätzung der Beteiligten | Trotz knapper Mittel | Auch in Zukunft |
    Gemeinsam mit dem Kreis | In den größeren Städten | Schon heute | Zunehmend
""")
# Singular noun phrases (nominative) for "<Thema> ist <Zustand>."
TOPICS = _words("""
    Die Nachfrage nach Kursen mit Kinderbetreuung | Der Bedarf an Sprachmittlung |
    Die Zahl der Seiteneinsteigerinnen und Seiteneinsteiger | Die Versorgung mit Kitaplätzen |
    Die Wartezeit auf einen Integrationskurs | Das Angebot an bezahlbarem Wohnraum |
    Die Zusammenarbeit zwischen Haupt- und Ehrenamt | Die Anerkennung ausländischer Abschlüsse |
    Der Zugang zu psychosozialer Beratung | Die Beteiligung von Migrantenorganisationen |
    Die Erreichbarkeit der Beratungsstellen mit Bus und Bahn | Die Übersicht über die Angebote
""")
STATES = _words("""
    deutlich gestiegen | in den einzelnen Kommunen sehr unterschiedlich | noch nicht gesichert |
    ein zentrales Anliegen der Beteiligten | weiterhin zu gering | vielerorts ungeklärt |
    in den letzten beiden Jahren spürbar besser geworden |
    stark vom Engagement Einzelner abhängig
""")
CONCLUSIONS = _words("""
    Es fehlen vor allem verlässliche Absprachen und eine gemeinsame Übersicht. |
    Hier setzen die folgenden Ziele und Maßnahmen an. |
    Die Beteiligten wünschen sich einen regelmäßigen Austausch über gelungene Beispiele. |
    Viele gute Ansätze sind bisher nur an einzelnen Orten bekannt. |
    Wichtig ist, dass vorhandene Angebote besser miteinander verzahnt werden. |
    Ehrenamtliche stoßen dabei häufig an die Grenzen dessen, was sie leisten können. |
    Eine dauerhafte Finanzierung ist bisher nur für wenige Angebote gesichert.
""")
LIST_ITEMS = _words("""
    eine kreisweite Übersicht über freie Kursplätze | Kurse mit begleitender Kinderbetreuung |
    qualifizierte Sprachmittlung für Arabisch, Farsi, Tigrinya und Kurdisch |
    verlässliche Ansprechpersonen in jeder Stadt und Gemeinde |
    niedrigschwellige Treffpunkte im Wohnumfeld | mehrsprachige Informationen für Eltern |
    Fortbildungen zur interkulturellen Öffnung |
    Praktikumsplätze in kleinen und mittleren Betrieben |
    eine bessere Anbindung der Beratungsstellen an Bus und Bahn |
    Räume für Begegnung, die abends und am Wochenende geöffnet sind |
    Lotsinnen und Lotsen für die ersten Wochen nach dem Zuzug
""")
FOOTNOTES = _words("""
    Angaben der Träger, Stand 31. Dezember 2025. |
    Auswertung der Befragung der Städte und Gemeinden im Frühjahr 2026. |
    Die Zahlen beruhen auf Schätzungen der Beratungsstellen und sind gerundet. |
    Ergebnis der Arbeitsgruppe auf der Integrationskonferenz im März 2026. |
    Siehe dazu die Übersicht im Anhang; die Angaben werden jährlich fortgeschrieben.
""")
# Measure titles: "<Gegenstand> <Ort> <Infinitiv>".
MEASURE_OBJECTS = _words("""
    Sprachcafés | Beratungsangebote | eine kreisweite Übersicht | Lotsenprojekte |
    Fortbildungen für Fachkräfte | mehrsprachige Informationen | Kooperationen mit Betrieben |
    Elterncafés | Patenschaftsprogramme | Begegnungsorte | Hausaufgabenhilfen |
    Sprechstunden der Ausländerbehörde | Wohnungslotsen | Ferienangebote für Kinder |
    Bewerbungstrainings | Gesundheitslotsinnen | eine gemeinsame Terminplanung |
    Netzwerktreffen der Ehrenamtlichen | Kurse für Frauen mit kleinen Kindern
""")
MEASURE_PLACES = _words("""
    in allen Städten und Gemeinden | in den kleineren Gemeinden | kreisweit |
    gemeinsam mit den Migrantenorganisationen | an allen weiterführenden Schulen |
    in den Familienzentren | digital und vor Ort | für neu Zugewanderte
""")
MEASURE_VERBS = _words("""
    einrichten | ausbauen | verstetigen | aufbauen | bekannt machen | weiterentwickeln | prüfen |
    sichern | fortführen | erproben | bündeln | verbessern
""")
# Goal titles: "<Gruppe> <Prädikat> <Thema des Handlungsfelds>".
GOAL_GROUPS = _words("""
    Alle Kinder | Neu zugewanderte Jugendliche | Geflüchtete Frauen | Eltern |
    Ältere Zugewanderte | Zugewanderte Fachkräfte | Alle Zugewanderten | Ehrenamtliche |
    Familien mit Zuwanderungsgeschichte | Junge Erwachsene ohne Berufsabschluss
""")
GOAL_PREDICATES = _words("""
    finden schneller Zugang zu | erhalten verlässliche Beratung zu | kennen die Angebote zu |
    nutzen gleichberechtigt die Angebote zu | werden früh informiert über |
    profitieren von besser abgestimmten Angeboten zu
""")
INDICATORS = _words("""
    Zahl der Teilnehmenden je Jahr | Durchschnittliche Wartezeit bis zum Beginn |
    Zahl der Städte und Gemeinden mit einem eigenen Angebot | Anteil der erreichten Familien |
    Zahl der geschulten Ehrenamtlichen | Zahl der vermittelten Einsätze pro Jahr |
    Rückmeldungen der Teilnehmenden in der jährlichen Befragung
""")
DROPPED_REASONS = _words("""
    Das Angebot wird inzwischen vom Land getragen und ist kreisweit verfügbar. |
    Der Bedarf ist nach Einschätzung der Beteiligten entfallen. |
    Die Maßnahme ist in einer umfassenderen Maßnahme aufgegangen.
""")
# Fields of action: id; title; pillar; two topics usable after "zu".
FIELDS = _table("""
    sprache; Sprache und Sprachförderung; bildung; Sprachkursen; Sprachmittlung |
    fruehe-bildung; Frühe Bildung; bildung; Kitaplätzen; Elternbildung |
    schule; Schule; bildung; Seiteneinstiegsklassen; Ganztagsangeboten |
    uebergang-schule-beruf; Übergang Schule – Beruf; bildung; Praktika; Ausbildung |
    arbeit-wirtschaft; Arbeit und Wirtschaft; querschnitt; Arbeit; Anerkennung |
    wohnen; Wohnen und Quartier; querschnitt; Wohnraum; Nachbarschaftsarbeit |
    gesundheit; Gesundheit und Pflege; querschnitt; Gesundheitsversorgung; Pflege |
    teilhabe-ehrenamt; Teilhabe und Ehrenamt; querschnitt; Engagement; Vereinen |
    interkulturelle-oeffnung; Interkulturelle Öffnung; querschnitt; Fortbildung; Personalgewinnung |
    sport-kultur; Sport und Kultur; querschnitt; Sportangeboten; Kulturarbeit |
    frauen-familie; Frauen und Familie; querschnitt; Familienberatung; Frauentreffs |
    senioren; Ältere Menschen; querschnitt; Seniorenarbeit; Altenpflege |
    antidiskriminierung; Antidiskriminierung; querschnitt; Beratung; Prävention |
    politische-teilhabe; Politische Teilhabe; querschnitt; Integrationsräten; Wahlen |
    digitale-teilhabe; Digitale Teilhabe; bildung; digitalen Angeboten; Medienbildung
""")
CHAPTERS = _table("""
    vorwort; Vorwort des Landrats | einleitung; Einleitung | leitbild; Leitbild |
    ausgangslage; Ausgangslage im Kreis | zahlen-daten; Zahlen und Daten |
    entstehung; Entstehung des Konzepts | saeulen; Die beiden Säulen der Arbeit |
    umsetzung; Hinweise zur Umsetzung | lesehinweise; Hinweise zum Lesen |
    fortschreibung; Fortschreibung und Berichtswesen | ausblick; Ausblick | dank; Dank
""")
# Municipality names: stem + ending ("Lindenhöven").
TOWN_STEMS = _words("""
    Linden | Mühlen | Eichen | Buchen | Hasel | Birken | Ulmen | Tannen | Rosen | Wester | Oster |
    Süder | Norder | Königs | Grün | Hohen | Lütke | Espel
""")
TOWN_ENDINGS = _words("""
    berg | hausen | dorf | feld | beck | kirchen | münster | höven | horst | bühren | lohe |
    bröck
""")
STREETS = _words("""
    Marktstraße | Kirchplatz | Mühlenweg | Bahnhofstraße | Schulstraße | Lindenallee | Am Rathaus |
    Königsstraße | Grüner Weg | Überwasserstraße | Gartenstraße | Brückstraße
""")
FIRST_NAMES = _words("""
    Jürgen | Sören | Günther | Anna | Fatma | Mehmet | Jörg | Käthe | Leonie | Amir | Björn |
    Maria | Olga | Tarek | Hülya | Sebastian | Ursula | Yusuf | Katrin | Nadia
""")
LAST_NAMES = _words("""
    Müller | Schäfer | Köhler | Schröder | Yılmaz | Becker | Hüsken | Wöstmann | Krämer |
    Große-Böckmann | Özdemir | Schulze Dieckhoff | Nowak | Brüggemann | Hoffmann | Pöppelmann |
    Haddad | Lührmann | Jansen | Vößing
""")
FUNCTIONS = _words("""
    Koordination | Leitung | Beratung | Ehrenamtskoordination | Sachbearbeitung | Projektleitung |
    Schulsozialarbeit | Sprecherin des Vorstands | Geschäftsführung
""")
LANGUAGES = _words("""
    de | en | fr | ar | fa | ru | pl | tr | ti | ku | sq | ro | bg | uk
""")
OFFERS = _words("""
    Migrationsberatung für Erwachsene | Sprachcafé | Hausaufgabenhilfe | Patenschaften |
    Elterncafé | Fahrradwerkstatt | Bewerbungstraining | Frauentreff | Nähwerkstatt |
    Offene Sprechstunde | Ferienfreizeit | Begleitung zu Ärzten und Ämtern | Kleiderkammer |
    Lernförderung | Mutter-Kind-Gruppe | Internationaler Kochabend | Computerkurs | Möbelbörse |
    Schwimmkurs für Frauen | Theaterwerkstatt | Beratung zur Einbürgerung
""")
# Glossary terms are compounds: prefix + suffix ("Sprach" + "förderung").
TERM_PREFIXES = _words("""
    Sprach | Integrations | Anerkennungs | Aufenthalts | Bildungs | Beratungs | Familien |
    Teilhabe | Arbeitsmarkt | Ausbildungs | Wohnungs | Gesundheits | Schul | Eltern | Jugend |
    Einbürgerungs | Herkunfts | Migrations | Willkommens | Ehrenamts | Nachbarschafts | Übergangs |
    Qualifizierungs | Förder | Zuwanderungs | Flüchtlings | Begegnungs | Vermittlungs |
    Betreuungs | Prüfungs
""")
TERM_SUFFIXES = _words("""
    förderung | kurs | verfahren | beratung | recht | stelle | programm | kultur | netzwerk |
    gesetz | nachweis | erlaubnis | angebot | management | lotse | zentrum | bescheinigung |
    perspektive | prüfung | konferenz | begleitung | koordination | bedarf | arbeit | politik |
    bericht | planung | kompetenz | leistung | zuschuss
""")
DEFINITIONS = _words("""
    bezeichnet im Sprachgebrauch der Verwaltung | meint in diesem Konzept |
    ist ein Sammelbegriff für | umfasst nach dem Verständnis der Beteiligten
""")
DEFINIENDA = _words("""
    alle Angebote, die Zugewanderten den Einstieg in Bildung und Arbeit erleichtern |
    die rechtlichen und praktischen Schritte zwischen Ankunft und dauerhaftem Aufenthalt |
    die Zusammenarbeit von Behörden, Wohlfahrtsverbänden und Ehrenamt in einem Sozialraum |
    Leistungen, die an einen bestimmten Aufenthaltsstatus geknüpft sind |
    Maßnahmen, die Einrichtungen für Menschen unterschiedlicher Herkunft zugänglich machen
""")
# Abbreviations: "<Adjektiv> <Kopf> <Thema>" gives a meaning and its initials.
ABBR_ADJECTIVES = _words("""
    Regional | Kommunal | Interkulturell | Mehrsprachig | Kreisweit | Gemeinsam | Ehrenamtlich |
    Zentral | Mobil | Digital | Offen | Lokal | Sozial | Örtlich
""")
# Head nouns with their gender, for the adjective ending.
ABBR_HEADS = _table("""
    Arbeitskreis; der | Netzwerk; das | Fachstelle; die | Programm; das |
    Koordinierungsstelle; die | Bündnis; das | Beirat; der | Zentrum; das | Dienst; der |
    Projekt; das | Verbund; der | Forum; das | Beratungsstelle; die | Lenkungskreis; der |
    Servicestelle; die
""")
ABBR_TOPICS = _words("""
    Sprachbildung | Elternarbeit | Teilhabe | Wohnen | Gesundheit | Ausbildung | Ehrenamt |
    Arbeitsmarkt | Frühe Hilfen | Jugendmigration | Nachbarschaft | Antidiskriminierung |
    Übergang Beruf | Zuwanderung Europa | Kultur | Sport
""")
# Real abbreviations that the fixed phrases of the generated texts use.
FIXED_ABBREVIATIONS = _table("""
    KI; Kommunales Integrationszentrum | NRW; Nordrhein-Westfalen |
    BAMF; Bundesamt für Migration und Flüchtlinge | VHS; Volkshochschule |
    JMD; Jugendmigrationsdienst | MBE; Migrationsberatung für erwachsene Zuwanderer |
    AWO; Arbeiterwohlfahrt | DRK; Deutsches Rotes Kreuz |
    IQ; Förderprogramm „Integration durch Qualifizierung“ | EU; Europäische Union
""")
LAWS = _words("""
    Teilhabe- und Integrationsgesetz | Aufenthaltsgesetz | Asylgesetz |
    Asylbewerberleistungsgesetz | Staatsangehörigkeitsgesetz |
    Berufsqualifikationsfeststellungsgesetz | Integrationskursverordnung |
    Beschäftigungsverordnung | Kinderbildungsgesetz | Schulgesetz | Zweites Buch Sozialgesetzbuch |
    Achtes Buch Sozialgesetzbuch | Fünftes Buch Sozialgesetzbuch | Zwölftes Buch Sozialgesetzbuch |
    Wohnraumförderungsgesetz | Allgemeines Gleichbehandlungsgesetz | Aufnahmegesetz |
    Weiterbildungsgesetz | Kinder- und Jugendförderungsgesetz |
    Gesetz über den öffentlichen Gesundheitsdienst | Fachkräfteeinwanderungsgesetz
""")
FORMATS = _words("""
    Integrationskonferenz | Sitzung der Vorbereitungsgruppe | Arbeitsgruppe | Online-Befragung |
    Bürgermeisterkonferenz | Sitzung des Integrationsausschusses | Fachtag | Werkstattgespräch
""")
# fmt: on
