"""The memory of a feedback round: who was asked about which measures, by when, and whose
form came back. A small YAML file in the concept folder (`rueckmeldungen/runde.yaml`),
written by `feedback export` and `feedback import`, read by `status` and `feedback status`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikonzept.base import fsutil
from ikonzept.base.errors import IkonzeptError
from ikonzept.edit.yamltext import YamlFile
from ikonzept.model import Konzept

FOLDER = "rueckmeldungen"
FILE = f"{FOLDER}/runde.yaml"
_HEADER = (
    "# Rückmelderunde: wer wann zu welchen Maßnahmen gefragt wurde und wessen Bogen zurückkam.\n"
    "# Geschrieben von `ikonzept feedback export` und `feedback import`; bitte nicht von Hand "
    "ändern.\n"
)


class RoundFileError(IkonzeptError):
    """The round file cannot be read."""


@dataclass(frozen=True, slots=True)
class Request:
    """One actor (or municipality) asked about measures, in one workbook."""

    empfaenger: str  # the actor's or municipality's id
    datei: str  # the workbook's file name
    massnahmen: tuple[str, ...]
    angefragt: dt.date
    zurueck: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Waiting:
    """Measures nobody asked has answered about yet; ``open`` while any form is out."""

    measures: frozenset[str]
    open: bool


@dataclass(frozen=True, slots=True)
class Round:
    ausgabe: int | None = None
    stichtag: dt.date | None = None
    nach: str = "akteur"  # "akteur" or "kommune": who the workbooks are for
    requests: tuple[Request, ...] = ()

    def not_reported(self, konzept: Konzept) -> Waiting:
        if not self.requests:
            return Waiting(frozenset(), False)
        answered = {m for r in self.requests if r.zurueck for m in r.massnahmen}
        asked = {m for r in self.requests for m in r.massnahmen}
        known = {m.id for _f, _z, m in konzept.massnahmen()}
        return Waiting(
            frozenset((asked - answered) & known), any(r.zurueck is None for r in self.requests)
        )

    def returned(self, empfaenger: str, when: dt.date) -> Round:
        requests = tuple(
            dataclasses.replace(r, zurueck=when) if r.empfaenger == empfaenger else r
            for r in self.requests
        )
        return dataclasses.replace(self, requests=requests)


@dataclass(frozen=True, slots=True)
class Reminder:
    """Someone asked who has not answered: for the reminder."""

    empfaenger: str
    name: str
    email: str  # the public contact address, or empty
    angefragt: dt.date
    massnahmen: int


def reminders(round_: Round, konzept: Konzept) -> list[Reminder]:
    actors = {a.id: a for a in konzept.akteure}
    towns = {k.id: k.name for k in konzept.kommunen}
    result = []
    for request in round_.requests:
        if request.zurueck is not None:
            continue
        actor = actors.get(request.empfaenger)
        email = actor.kontakt.email if actor and actor.kontakt and actor.kontakt.email else ""
        name = actor.name if actor else towns.get(request.empfaenger, request.empfaenger)
        result.append(
            Reminder(
                request.empfaenger, name, email or "", request.angefragt, len(request.massnahmen)
            )
        )
    return result


def load(root: Path) -> Round:
    path = root / FILE
    if not path.is_file():
        return Round()
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
        return Round(
            data.get("ausgabe"),
            _date(data.get("stichtag")),
            data.get("nach", "akteur"),
            tuple(
                Request(
                    r["empfaenger"],
                    r["datei"],
                    tuple(r.get("massnahmen") or ()),
                    _date(r["angefragt"]) or dt.date.today(),
                    _date(r.get("zurueck")),
                )
                for r in data.get("anfragen") or ()
            ),
        )
    except (YAMLError, KeyError, TypeError, AttributeError, ValueError) as error:
        raise RoundFileError(
            f"{FILE} lässt sich nicht lesen ({_reason(error)}). Die Datei schreibt `ikonzept "
            "feedback export`; ist sie beschädigt, löschen Sie sie und exportieren Sie die Bögen "
            "neu."
        ) from error


class _BadDate(ValueError):
    pass


def _reason(error: Exception) -> str:
    """Why the round file cannot be read, in German where the text is not ours already."""
    if isinstance(error, UnicodeDecodeError):
        return "sie ist nicht in UTF-8 gespeichert"
    if isinstance(error, ValueError) and not isinstance(error, _BadDate):
        return "ein Datum ist ungültig"  # the YAML loader reads dates itself
    return str(error)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _BadDate(f"„{value}“ ist kein gültiges Datum") from None


def returns_recorded(root: Path, before: Round, after: Round) -> YamlFile | None:
    """The round file with the dates the forms came back, changed in place and checked
    (not yet written); None without a round file."""
    path = root / FILE
    if not path.is_file():
        return None
    edited = YamlFile(path, FILE)
    for index, (old, new) in enumerate(zip(before.requests, after.requests, strict=True)):
        if new.zurueck is not None and new.zurueck != old.zurueck:
            edited.set(("anfragen", index), "zurueck", new.zurueck, after=("angefragt",))
    edited.result()
    return edited


def save(root: Path, memory: Round) -> Path:
    import io

    from ruamel.yaml import YAML

    data: dict[str, Any] = {"ausgabe": memory.ausgabe, "nach": memory.nach}
    if memory.stichtag:
        data["stichtag"] = memory.stichtag
    data["anfragen"] = [
        {
            "empfaenger": r.empfaenger,
            "datei": r.datei,
            "angefragt": r.angefragt,
            **({"zurueck": r.zurueck} if r.zurueck else {}),
            "massnahmen": list(r.massnahmen),
        }
        for r in memory.requests
    ]
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.representer.ignore_aliases = lambda _data: True  # one date, many requests: no anchors
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path = root / FILE
    fsutil.write_text(path, _HEADER + buffer.getvalue())
    return path
