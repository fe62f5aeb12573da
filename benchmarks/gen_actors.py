"""Actors, their offers and contact persons, and how they are spread over akteure/ files.

The mix follows the sample: large organisations in a file of their own, initiatives,
schools, clubs and the like in list files of about 20 actors each.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import gen_words as w
from gen_build import Ids, some
from gen_model import Akteur, AkteurDatei, Angebot, Ansprechperson, Kommune
from gen_text import Prose, cap, slug

LIST_FILE_SIZE = 20
SINGLE_SHARE = 0.1  # about one actor in ten has a file of its own
# art: (weight, plural for the list file name, name patterns; {k} is the home town)
ARTEN: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "initiative": (20, "initiativen", (
        "Flüchtlingshilfe {k}", "Willkommensinitiative {k}", "Asylkreis {k}",
        "Runder Tisch Integration {k}", "Helferkreis {k}", "Freundeskreis Asyl {k}")),
    "verein": (18, "vereine", (
        "Sportverein Grün-Weiß {k}", "Heimatverein {k}", "Musikverein {k}",
        "Turn- und Sportverein {k}", "Förderverein Begegnung {k}")),
    "schule": (12, "schulen", (
        "Grundschule am Mühlenbach {k}", "Realschule {k}", "Gesamtschule {k}",
        "Gymnasium St. Ludgeri {k}", "Overberg-Grundschule {k}", "Berufskolleg {k}")),
    "kita": (12, "kitas", (
        "Kita Regenbogen {k}", "Familienzentrum St. Marien {k}", "Kita Sonnenschein {k}",
        "Städtische Kita Löwenzahn {k}")),
    "kirche": (8, "kirchen", (
        "Katholische Kirchengemeinde St. Lamberti {k}", "Evangelische Kirchengemeinde {k}",
        "Moscheegemeinde {k}")),
    "wohlfahrtsverband": (8, "wohlfahrtsverbaende", (
        "Caritasverband {k} e.V.", "Diakonisches Werk {k}", "Ortsverein der Arbeiterwohlfahrt {k}",
        "Rotkreuz-Ortsverein {k}")),
    "migrantenorganisation": (8, "migrantenorganisationen", (
        "Deutsch-Syrischer Verein {k}", "Internationaler Kulturverein {k}",
        "Eritreische Gemeinschaft {k}", "Verein der Russlanddeutschen {k}")),
    "bildungstraeger": (6, "bildungstraeger", (
        "Volkshochschule {k}", "Familienbildungsstätte {k}", "Bildungswerk {k}")),
    "behoerde": (5, "behoerden", (
        "Sozialamt der Stadt {k}", "Bürgerbüro {k}", "Jobcenter-Standort {k}",
        "Ordnungsamt {k}")),
    "sonstige": (3, "sonstige", ("Stadtbücherei {k}", "Kreishandwerkerschaft {k}")),
}  # fmt: skip
_PUBLIC = ((True, 25), (False, 15), (None, 60))  # veroeffentlichen: true, false, omitted


def akteur(
    home: Kommune,
    art: str,
    ids: Ids,
    offer_ids: Ids,
    feld_ids: Sequence[str],
    kommune_ids: Sequence[str],
    prose: Prose,
    rng: random.Random,
) -> Akteur:
    """One actor in ``home`` with about two offers and usually one contact person."""
    name = rng.choice(ARTEN[art][2]).format(k=home.name)
    ident = ids.take(name, words=10)
    if ident != slug(name):  # a second actor of the same kind in the same town
        name = f"{name} – Standort {ident.rsplit('-', 1)[1]}"
    actor = Akteur(
        id=ident,
        name=name,
        art=art,
        kommunen=[home.id] if rng.random() < 0.75 else some(rng, kommune_ids, 1, 3),
        handlungsfelder=some(rng, feld_ids, 1, 2),
        aufgaben=prose.markdown((1, 2), sentences=(2, 3), bullets=0.5, width=90)
        if art == "behoerde" or rng.random() < 0.05
        else None,
    )
    for _ in range(rng.choices((0, 1, 2, 3, 4), (8, 25, 37, 20, 10))[0]):
        titel = rng.choice(w.OFFERS)
        actor.angebote.append(
            Angebot(
                id=offer_ids.take(f"{slug(titel).split('-')[0]} {home.id}", words=8),
                titel=titel,
                beschreibung=prose.markdown((1, 1), sentences=(1, 1), width=86),
                zielgruppe=cap(rng.choice(w.OBJECTS)) if rng.random() < 0.5 else None,
                sprachen=["de", *rng.sample(w.LANGUAGES[1:], rng.randint(0, 3))]
                if rng.random() < 0.5
                else [],
                kommunen=some(rng, kommune_ids, 1, 3) if rng.random() < 0.1 else [],
            )
        )
    if rng.random() < 0.7:
        actor.kontakt = _kontakt(ident, home, rng)
    for _ in range(rng.choices((0, 1, 2), (45, 40, 15))[0]):
        actor.ansprechpersonen.append(_person(rng))
    return actor


def _kontakt(ident: str, home: Kommune, rng: random.Random) -> dict[str, str]:
    plz = rng.randint(48000, 48999)
    result = {
        "anschrift": f"{rng.choice(w.STREETS)} {rng.randint(1, 80)}, {plz} {home.name}",
        "telefon": f"0{plz // 10} {rng.randint(100, 9999)}-{rng.randint(0, 99)}",
        "email": f"kontakt@{ident}.example.org",
        "web": f"https://www.example.org/{ident}",
    }
    return {key: value for key, value in result.items() if rng.random() < 0.75}


def _person(rng: random.Random) -> Ansprechperson:
    first, last = rng.choice(w.FIRST_NAMES), rng.choice(w.LAST_NAMES)
    public: bool | None = rng.choices([v for v, _ in _PUBLIC], [n for _, n in _PUBLIC])[0]
    return Ansprechperson(
        name=f"{first} {last}",
        funktion=rng.choice(w.FUNCTIONS) if rng.random() < 0.9 else None,
        telefon=f"0{rng.randint(2500, 2599)} {rng.randint(1000, 9999)}-{rng.randint(10, 99)}"
        if rng.random() < 0.7
        else None,
        email=f"{slug(first).replace('-', '')}.{slug(last)}@example.org"
        if rng.random() < 0.8
        else None,
        veroeffentlichen=public,
    )


def akteure(
    count: int,
    towns: Sequence[Kommune],
    feld_ids: Sequence[str],
    prose: Prose,
    rng: random.Random,
) -> list[AkteurDatei]:
    """``count`` actors in files: singles first, then list files grouped by kind."""
    ids, offer_ids = Ids(), Ids()
    arten = list(ARTEN)
    weights = [ARTEN[a][0] for a in arten]
    kommune_ids = [k.id for k in towns]
    actors = [
        akteur(rng.choice(towns), art, ids, offer_ids, feld_ids, kommune_ids, prose, rng)
        for art in rng.choices(arten, weights, k=count)
    ]
    singles = max(1, round(count * SINGLE_SHARE))
    files = [AkteurDatei(f"{a.id}.yaml", [a], single=True) for a in actors[:singles]]
    for art in arten:
        group = [a for a in actors[singles:] if a.art == art]
        for start in range(0, len(group), LIST_FILE_SIZE):
            number = start // LIST_FILE_SIZE + 1
            files.append(
                AkteurDatei(
                    f"{ARTEN[art][1]}-{number:02d}.yaml", group[start : start + LIST_FILE_SIZE]
                )
            )
    return files
