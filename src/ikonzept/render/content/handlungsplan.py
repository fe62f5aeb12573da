"""A town's action plan as the working paper of its round table: one table per field of
action (Nr., Maßnahme, Verantwortlich, Partner, Zeitraum, Priorität, Stand, Schritte), the
town and the plan's date on top; A4 landscape."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ikonzept import __version__
from ikonzept.model import Konzept
from ikonzept.model.plans import Handlungsplan
from ikonzept.render.content.html import environment, stylesheet
from ikonzept.render.content.markdown import MarkdownRenderer
from ikonzept.render.content.planview import groups


def render_plan(
    konzept: Konzept, plan: Handlungsplan, root: Path, dirs: Sequence[Path], created: str
) -> str:
    """The HTML document that WeasyPrint turns into the plan's PDF."""
    markdown = MarkdownRenderer({a.kuerzel: a.bedeutung for a in konzept.abkuerzungen}, root)
    env = environment(dirs, markdown)
    town = next((k.name for k in konzept.kommunen if k.id == plan.kommune), plan.kommune)
    return env.get_template("handlungsplan.html.j2").render(
        konzept=konzept,
        plan=plan,
        kommune=town,
        gruppen=groups(konzept, plan),
        erstellt=created,
        version=__version__,
        stylesheets=[stylesheet(dirs).resolve().as_uri()],
    )
