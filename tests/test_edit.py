"""Editing YAML in place: only the lines asked for change, byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ikonzept.edit.yamltext import YamlFile, scalar

TEXT = """\
# Kommentar oben
id: sprache   # mit Kommentar
titel: 'In Anführungszeichen'
beschreibung: |
  Zwei Zeilen
  Text.

ziele:
  - id: a
    titel: Erstes Ziel
    massnahmen:
      - {id: m1, titel: Einzeilig}
      - id: m2
        titel: Zweite   # bleibt
        ersetzt: [m0]
"""


def _file(tmp_path: Path, text: str = TEXT) -> YamlFile:
    path = tmp_path / "feld.yaml"
    path.write_text(text, encoding="utf-8")
    return YamlFile(path)


def test_replacing_a_block_scalar_keeps_the_blank_line_after_it(tmp_path: Path) -> None:
    edited = _file(tmp_path)
    edited.set((), "beschreibung", "Kurz")
    assert edited.result() == TEXT.replace("|\n  Zwei Zeilen\n  Text.\n", "Kurz\n")


def test_new_keys_follow_the_named_key_in_the_order_asked(tmp_path: Path) -> None:
    edited = _file(tmp_path)
    path = ("ziele", 0, "massnahmen", 1)
    edited.set(path, "stand", "entfallen", after=("akteure", "titel"))
    edited.set(path, "stand_begruendung", "Ersetzt: durch m3", after=("stand",))
    assert edited.result() == TEXT.replace(
        "titel: Zweite   # bleibt\n",
        "titel: Zweite   # bleibt\n        stand: entfallen\n"
        '        stand_begruendung: "Ersetzt: durch m3"\n',
    )


def test_removing_a_key_removes_its_lines_only(tmp_path: Path) -> None:
    edited = _file(tmp_path)
    edited.remove((), "beschreibung")
    assert edited.result() == TEXT.replace("beschreibung: |\n  Zwei Zeilen\n  Text.\n", "")


def test_flow_mappings_are_refused(tmp_path: Path) -> None:
    from ikonzept.edit.yamltext import EditError

    with pytest.raises(EditError, match="einzeilig"):
        _file(tmp_path).set(("ziele", 0, "massnahmen", 0), "stand", "offen")


def test_a_file_without_final_newline_gets_one_for_a_new_last_key(tmp_path: Path) -> None:
    edited = _file(tmp_path, "id: x\ntitel: y")
    edited.set((), "stand", "offen")
    assert edited.result() == "id: x\ntitel: y\nstand: offen\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("umgesetzt", "umgesetzt"),
        ("Die VHS: ab 2018", '"Die VHS: ab 2018"'),
        ("2019-06-04", '"2019-06-04"'),
        ("true", '"true"'),
        ("# kein Kommentar", '"# kein Kommentar"'),
        ("- kein Listeneintrag", '"- kein Listeneintrag"'),
        ("„Zitat“ – mit Strich", '"„Zitat“ – mit Strich"'),
        ("Zitat „mit“ Strich – gut", "Zitat „mit“ Strich – gut"),
        ("Zeile\nzwei", '"Zeile\\nzwei"'),
        (dt.date(2019, 6, 4), "2019-06-04"),
        (2, "2"),
    ],
)
def test_scalars_read_back_as_written(value: object, written: str) -> None:
    from ruamel.yaml import YAML

    assert scalar(value) == written  # type: ignore[arg-type]
    assert YAML(typ="safe").load(f"x: {written}")["x"] == value
