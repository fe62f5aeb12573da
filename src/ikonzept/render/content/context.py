"""What the templates receive: the model plus the derived views a document needs.

Templates never see YAML; they get the typed model and these views (numbers, groupings,
resolved references, and only the contact persons who consented to publication).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from markupsafe import Markup

from ikonzept.model import Akteur, Handlungsfeld, Kommune, Konzept, Massnahme, Saeule, Ziel
from ikonzept.model.numbering import PILLAR_ORDER, numbers, reading_order
from ikonzept.render.content.labels import ACTOR_KINDS
from ikonzept.round.status import STAENDE, Row, report

if TYPE_CHECKING:
    from ikonzept.monitoring.status import IndicatorStatus
    from ikonzept.render.content.adoption import PlanAdoption


@dataclass(frozen=True, slots=True)
class MassnahmeView:
    nummer: str
    massnahme: Massnahme
    kommunen: tuple[Kommune, ...]  # empty: county-wide
    akteure: tuple[Akteur, ...]


@dataclass(frozen=True, slots=True)
class ZielView:
    nummer: str
    ziel: Ziel
    massnahmen: tuple[MassnahmeView, ...]
    messung: tuple[IndicatorStatus, ...] = ()  # the indicators that measure it, rated


@dataclass(frozen=True, slots=True)
class FeldView:
    nummer: str
    feld: Handlungsfeld
    ziele: tuple[ZielView, ...]


@dataclass(frozen=True, slots=True)
class SaeuleView:
    titel: str
    anker: str
    felder: tuple[FeldView, ...]


@dataclass(frozen=True, slots=True)
class AkteursGruppe:
    titel: str
    anker: str
    akteure: tuple[Akteur, ...]


@dataclass(frozen=True, slots=True)
class UmsetzungView:
    """The implementation status per field of action: chart, and the same numbers as table."""

    diagramm: Markup  # inline SVG
    zeilen: tuple[Row, ...]
    summe: Row
    staende: tuple[str, ...]  # the column heads, one per status
    plaene: PlanAdoption | None = None  # where towns have taken up measures in their plans


class DocumentContext(TypedDict):
    konzept: Konzept
    kommune: Kommune | None  # set for a municipality's excerpt
    saeulen: list[SaeuleView]
    akteursgruppen: list[AkteursGruppe]
    kommunen_namen: dict[str, str]
    felder_titel: dict[str, str]
    uebersicht: list[MassnahmeView]
    mit_stand: bool
    umsetzung: UmsetzungView | None  # editions with a predecessor: how far the measures got


def umsetzung_view(konzept: Konzept) -> UmsetzungView:
    from ikonzept.render.content.adoption import plan_adoption
    from ikonzept.render.content.chart import status_chart

    status = report(konzept)
    titel = (
        f"Balkendiagramm: Stand der Umsetzung der Maßnahmen je Handlungsfeld "
        f"({status.summe.total} Maßnahmen); die Zahlen stehen in der Tabelle."
    )
    return UmsetzungView(
        Markup(status_chart(status.felder, titel)),
        status.felder,
        status.summe,
        tuple(stand.label for stand in STAENDE),
        plan_adoption(konzept, status),
    )


def build_context(konzept: Konzept, kommune_id: str | None = None) -> DocumentContext:
    """The context for the full concept, or for the excerpt of one municipality."""
    kommunen = {k.id: k for k in konzept.kommunen}
    kommune = kommunen[kommune_id] if kommune_id else None
    akteure = {a.id: a for a in konzept.akteure}
    numbering = numbers(konzept)

    def relevant(ids: tuple[str, ...]) -> bool:
        return kommune is None or not ids or kommune.id in ids

    def massnahme_view(m: Massnahme) -> MassnahmeView:
        return MassnahmeView(
            nummer=numbering.massnahmen[m.id],
            massnahme=m,
            kommunen=tuple(kommunen[k] for k in m.kommunen if k in kommunen),
            akteure=tuple(
                akteure[a] for a in m.akteure if a in akteure and relevant(akteure[a].kommunen)
            ),
        )

    measured = _measured(konzept)

    def feld_view(feld: Handlungsfeld) -> FeldView:
        ziele = tuple(
            ZielView(
                nummer=numbering.ziele[z.id],
                ziel=z,
                massnahmen=tuple(massnahme_view(m) for m in z.massnahmen if relevant(m.kommunen)),
                messung=measured.get(z.id, ()),
            )
            for z in feld.ziele
        )
        return FeldView(numbering.felder[feld.id], feld, ziele)

    saeulen = _pillars([feld_view(f) for f in reading_order(konzept.handlungsfelder)])
    visible = [a for a in konzept.akteure if relevant(a.kommunen)]
    all_measures = [mv for s in saeulen for f in s.felder for z in f.ziele for mv in z.massnahmen]
    return DocumentContext(
        konzept=konzept,
        kommune=kommune,
        saeulen=saeulen,
        akteursgruppen=_actor_groups(visible),
        kommunen_namen={k.id: k.name for k in konzept.kommunen},
        felder_titel={f.id: f.titel for f in konzept.handlungsfelder},
        uebersicht=all_measures,
        mit_stand=konzept.ausgabe.nummer > 1
        or any(mv.massnahme.stand.value != "offen" for mv in all_measures),
        umsetzung=umsetzung_view(konzept)
        if konzept.ausgabe.vorgaenger and kommune is None
        else None,
    )


def _measured(konzept: Konzept) -> dict[str, tuple[IndicatorStatus, ...]]:
    """Per goal, the indicators that measure it (art: wirkung), with their ratings."""
    if not konzept.indikatoren:
        return {}
    from ikonzept.monitoring.status import status

    by_goal: dict[str, list[IndicatorStatus]] = {}
    for row in status(konzept):
        for goal in row.indikator.ziele:
            by_goal.setdefault(goal, []).append(row)
    return {goal: tuple(rows) for goal, rows in by_goal.items()}


def _pillars(felder: list[FeldView]) -> list[SaeuleView]:
    titles: dict[Saeule | None, str] = {
        Saeule.BILDUNG: Saeule.BILDUNG.titel,
        Saeule.QUERSCHNITT: Saeule.QUERSCHNITT.titel,
        None: "Weitere Handlungsfelder",
    }
    groups = []
    for saeule in PILLAR_ORDER:
        members = tuple(f for f in felder if f.feld.saeule is saeule)
        if members:
            anchor = f"saeule-{saeule.value if saeule else 'weitere'}"
            groups.append(SaeuleView(titles[saeule], anchor, members))
    return groups


def _actor_groups(akteure: list[Akteur]) -> list[AkteursGruppe]:
    by_name: Callable[[Akteur], str] = lambda a: a.name.casefold()  # noqa: E731
    return [
        AkteursGruppe(title, f"akteure-{art}", tuple(sorted(members, key=by_name)))
        for art, title in ACTOR_KINDS.items()
        if (members := [a for a in akteure if a.art == art])
    ]
