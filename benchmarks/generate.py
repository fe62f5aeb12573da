"""Generate the large benchmark concept: ``python benchmarks/generate.py [--edition 2]``.

The concept is built in memory first (``build_concept``) and written afterwards
(``write_concept``), so that a second edition can be derived by changing the model and
writing it next to the first. The output is deterministic for a given seed and scale, and
``ikonzept validate --strict`` accepts it without findings; the script checks the
cross-references itself before writing, so a broken generator fails here and not in a
benchmark.

``--edition 2`` writes the first edition and next to it (``<out>-2``) a second one with a
few hundred known changes (``gen_edition2``), plus ``<out>-2.expected.json``: the changes
``ikonzept diff <out> <out>-2`` must report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import gen_actors
import gen_build as b
import gen_edition2
from gen_model import Beratung, Concept, Vorlage
from gen_text import Prose, slug
from gen_yaml import write

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "data" / "large"
COUNTY = "Wesselbrück"  # fictional: the numbers must not be mistaken for a real county's

_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
    '<rect width="{w}" height="{h}" fill="#e8eef4"/><text x="10" y="30">{label}</text></svg>\n'
)


def vorlage(prose: Prose) -> Vorlage:
    def text(paragraphs: tuple[int, int], **options: Any) -> str:
        return prose.markdown(paragraphs, width=88, **options)

    return Vorlage(
        nummer="SV-11-0815",
        datum=dt.date(2026, 11, 10),
        federfuehrung="Kommunales Integrationszentrum",
        beratungsfolge=[
            Beratung("Integrationsausschuss", dt.date(2026, 11, 24), "Vorberatung"),
            Beratung("Kreisausschuss", dt.date(2026, 12, 2), "Empfehlung"),
            Beratung("Kreistag", dt.date(2026, 12, 16), "Entscheidung"),
        ],
        beschlussvorschlag=text((1, 2)),
        begruendung={
            "problem": text((3, 5), footnotes=1),
            "loesung": text((4, 6), numbered=1.0),
            "alternativen": text((1, 1)),
            "zustaendigkeit": text((1, 1)),
        },
        auswirkungen={
            "finanzen": text((2, 2)),
            "personal": "Keine unmittelbaren Auswirkungen.\n",
            "it": "Keine unmittelbaren Auswirkungen.\n",
            "sonstige": text((1, 1)),
        },
        bezug=["SV-11-0816"],
    )


def build_concept(scale: float = 1.0, seed: int = b.SEED) -> Concept:
    """The whole first edition as a model; deterministic for ``(scale, seed)``."""
    sizes = b.Sizes.at(scale)
    abkuerzungen, subjects = b.abkuerzungen(sizes.abkuerzungen, b.rng_for(seed, "abk"))

    def prose(part: str) -> Prose:
        return Prose(b.rng_for(seed, f"text-{part}"), subjects)

    towns = b.kommunen(sizes.kommunen, b.rng_for(seed, "kommunen"))
    felder, slots = b.felder_und_ziele(sizes, prose("felder"), b.rng_for(seed, "felder"))
    dateien = gen_actors.akteure(
        sizes.akteure,
        towns,
        [f.id for f in felder],
        prose("akteure"),
        b.rng_for(seed, "akteure"),
    )
    akteur_ids = [a.id for d in dateien for a in d.akteure]
    town_ids = [k.id for k in towns]
    b.massnahmen(
        slots, sizes.massnahmen, town_ids, akteur_ids, prose("massnahmen"), b.rng_for(seed, "m")
    )
    return Concept(
        id=f"integrationskonzept-kreis-{slug(COUNTY)}",
        titel=f"Integrationskonzept des Kreises {COUNTY}",
        nummer=1,
        stand=b.STAND,
        herausgeber={
            "name": f"Kreis {COUNTY}",
            "stelle": "Kommunales Integrationszentrum",
            "anschrift": f"Am Kreishaus 1, 48999 {COUNTY}",
            "web": f"https://www.example.org/kreis-{slug(COUNTY)}",
            "logo": "bilder/logo.svg",
        },
        kommunen=towns,
        kapitel=b.kapitel(prose("kapitel"), b.rng_for(seed, "kapitel")),
        handlungsfelder=felder,
        akteur_dateien=dateien,
        glossar=b.glossar(sizes.glossar, prose("glossar"), b.rng_for(seed, "glossar")),
        abkuerzungen=abkuerzungen,
        rechtsgrundlagen=b.rechtsgrundlagen(
            sizes.rechtsgrundlagen, prose("recht"), b.rng_for(seed, "recht")
        ),
        beteiligung=b.beteiligung(
            sizes.beteiligung, towns, prose("beteiligung"), b.rng_for(seed, "beteiligung")
        ),
        vorlage=vorlage(prose("vorlage")),
        images={
            "bilder/logo.svg": _SVG.format(w=120, h=40, label=f"Kreis {COUNTY}"),
            "bilder/kreiskarte.svg": _SVG.format(w=400, h=300, label="Kreiskarte"),
        },
    )


def check_references(concept: Concept) -> list[str]:
    """Dangling references and duplicate ids, found before writing (cheap insurance)."""
    problems: list[str] = []
    towns = {k.id for k in concept.kommunen}
    actors = {a.id for a in concept.akteure()}
    terms = {t.begriff for t in concept.glossar}
    for m in concept.massnahmen():
        problems += [f"{m.id}: unknown kommune {k}" for k in m.kommunen if k not in towns]
        problems += [f"{m.id}: unknown akteur {a}" for a in m.akteure if a not in actors]
    for t in concept.glossar:
        problems += [f"{t.begriff}: unknown term {s}" for s in t.siehe if s not in terms]
    kinds = {
        "massnahme": [m.id for m in concept.massnahmen()],
        "ziel": [z.id for z in concept.ziele()],
        "akteur": [a.id for a in concept.akteure()],
        "angebot": [o.id for o in concept.angebote()],
    }
    for kind, ids in kinds.items():
        if len(ids) != len(set(ids)):
            problems.append(f"duplicate {kind} ids")
    return problems


def write_concept(concept: Concept, out: Path) -> dict[str, int]:
    """Write ``concept`` to ``out`` (replacing an earlier generated folder); bytes per file."""
    problems = check_references(concept)
    if problems:
        raise SystemExit("generator bug:\n" + "\n".join(problems[:20]))
    return write(concept, out, ROOT / "schemas")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="target folder")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplies every count; 1.0 = 1,000 measures and actors, 1.6 MB",
    )
    parser.add_argument(
        "--edition",
        type=int,
        choices=(1, 2),
        default=1,
        help="2: also write the second edition to <out>-2 and its expected changes",
    )
    parser.add_argument("--seed", type=int, default=b.SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    concept = build_concept(args.scale, args.seed)
    _summary(args.out, concept, write_concept(concept, args.out), started)
    if args.edition == 2:
        started = time.perf_counter()
        out = args.out.with_name(f"{args.out.name}-2")
        vorgaenger = Path(os.path.relpath(args.out, out)).as_posix()
        second, expected = gen_edition2.second_edition(concept, vorgaenger, args.scale, args.seed)
        _summary(out, second, write_concept(second, out), started)
        target = expected_path(out)
        target.write_text(_expected_json(args.out, out, expected), encoding="utf-8")
        kinds = sorted({(e.art, e.typ, e.id) for e in expected})
        print(f"{target}: {len(kinds)} expected changes")
    return 0


def expected_path(second: Path) -> Path:
    """Where the changes a comparison with the second edition must find are recorded."""
    return second.with_name(f"{second.name}.expected.json")


def _expected_json(first: Path, second: Path, expected: list[gen_edition2.Expected]) -> str:
    counts: dict[str, int] = {}
    for art, typ, _ in sorted({(e.art, e.typ, e.id) for e in expected}):
        counts[f"{art} {typ}"] = counts.get(f"{art} {typ}", 0) + 1
    changes = [
        {"art": e.art, "typ": e.typ, "id": e.id, "grund": e.grund}
        | ({"ersetzt": list(e.ersetzt)} if e.ersetzt else {})
        for e in expected
    ]
    shown = [p.resolve().relative_to(ROOT) if p.resolve().is_relative_to(ROOT) else p
             for p in (first, second)]  # fmt: skip
    document = {"alt": str(shown[0]), "neu": str(shown[1]), "anzahl": counts,
                "aenderungen": changes}  # fmt: skip
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _summary(out: Path, concept: Concept, sizes: dict[str, int], started: float) -> None:
    counts = ", ".join(f"{n} {kind}" for kind, n in concept.counts().items())
    print(
        f"{out}: {len(sizes)} files, {sum(sizes.values()):,} bytes "
        f"in {time.perf_counter() - started:.2f} s\n{counts}"
    )


if __name__ == "__main__":
    sys.exit(main())
