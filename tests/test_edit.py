"""Editing YAML in place: only the lines asked for change, byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ikonzept.edit.yamltext import EditError, YamlFile, scalar

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

    with pytest.raises(EditError) as refused:
        _file(tmp_path).set(("ziele", 0, "massnahmen", 0), "stand", "offen")
    assert str(refused.value) == (
        "feld.yaml, Zeile 12: Diese Angaben stehen in geschweiften Klammern ({…}). ikonzept "
        "ändert nur Angaben mit einem Schlüssel je Zeile; schreiben Sie sie so, dann geht es."
    )


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


ADOPTED = """\
id: k
ausgabe:
  nummer: 1
  stand: 2017-03-01
  beschlossen:
    gremium: Kreistag
    datum: 2017-03-29
herausgeber:
  name: Kreis
"""


def _next_edition(edited: YamlFile) -> str:
    """The batch `edition new` makes: a key added after one added in the same batch."""
    edited.set(("ausgabe",), "nummer", 2)
    edited.set(("ausgabe",), "stand", dt.date(2019, 6, 4))
    edited.remove(("ausgabe",), "beschlossen")
    edited.set(("ausgabe",), "vorgaenger", "ausgaben/1.json", after=("stand",))
    edited.set(("ausgabe",), "vorgaenger_pruefsumme", "sha256:ab", after=("vorgaenger",))
    return edited.result()


NEXT = (
    "  nummer: 2\n  stand: 2019-06-04\n  vorgaenger: ausgaben/1.json\n"
    "  vorgaenger_pruefsumme: sha256:ab\n"
)
ADVANCED = f"id: k\nausgabe:\n{NEXT}herausgeber:\n  name: Kreis\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ADOPTED, ADVANCED),
        (  # the vote in braces
            "ausgabe:\n  nummer: 1\n  stand: 2017-03-01\n"
            "  beschlossen: {gremium: Kreistag, datum: 2017-03-29}\nx: 1\n",
            f"ausgabe:\n{NEXT}x: 1\n",
        ),
        (  # the vote as the file's last key, without a final line break
            "ausgabe:\n  nummer: 1\n  stand: 2017-03-01\n  beschlossen:\n"
            "    gremium: Kreistag\n    datum: 2017-03-29",
            f"ausgabe:\n{NEXT}",
        ),
        (  # comments around and inside the vote; 4 spaces
            "ausgabe:\n    nummer: 1  # erste\n    stand: 2017-03-01\n    # Beschluss:\n"
            "    beschlossen:\n        gremium: Kreistag\n        # Sitzung\n"
            "        datum: 2017-03-29\n        # Ende\n\n# danach\nx: 1\n",
            "ausgabe:\n    nummer: 2  # erste\n    stand: 2019-06-04\n"
            "    vorgaenger: ausgaben/1.json\n    vorgaenger_pruefsumme: sha256:ab\n"
            "    # Beschluss:\n\n# danach\nx: 1\n",
        ),
    ],
    ids=["block", "flow", "last-key-no-newline", "comments-4-spaces"],
)
def test_a_new_edition_of_an_adopted_concept(tmp_path: Path, text: str, expected: str) -> None:
    assert _next_edition(_file(tmp_path, text)) == expected


def test_crlf_and_bom_are_kept_in_every_new_or_changed_line(tmp_path: Path) -> None:
    text = "\ufeff" + ADOPTED.replace("\n", "\r\n")
    path = tmp_path / "konzept.yaml"
    path.write_bytes(text.encode("utf-8"))
    edited = YamlFile(path)
    _next_edition(edited)
    edited.save()
    written = path.read_bytes().decode("utf-8")
    assert written == "\ufeff" + ADVANCED.replace("\n", "\r\n")


def test_a_mixed_file_gives_new_lines_the_ending_of_their_neighbour(tmp_path: Path) -> None:
    edited = _file(tmp_path, "a: 1\r\nb: 2\nc: 3\r\n")
    edited.set((), "n", 1, after=("a",))
    edited.set((), "m", 2, after=("b",))
    assert edited.result() == "a: 1\r\nn: 1\r\nb: 2\nm: 2\nc: 3\r\n"


def test_lists_flush_with_their_key_and_first_keys_of_items(tmp_path: Path) -> None:
    edited = _file(tmp_path, "ziele:\n- id: a\n  titel: A\n- id: b\n  titel: B\nx: 1\n")
    edited.set(("ziele", 0), "stand", "offen", after=("titel",))
    edited.remove(("ziele", 1), "id")
    assert edited.result() == "ziele:\n- id: a\n  titel: A\n  stand: offen\n- titel: B\nx: 1\n"


def test_a_key_added_after_a_first_key_that_goes_takes_its_place(tmp_path: Path) -> None:
    edited = _file(tmp_path, "- id: a\n  titel: A\n- id: b\n")
    edited.set((0,), "neu", "n", after=("id",))
    edited.remove((0,), "id")
    edited.set((1,), "neu", "m", after=("id",))
    edited.remove((1,), "id")
    assert edited.result() == "- neu: n\n  titel: A\n- neu: m\n"


def test_removing_every_key_leaves_an_empty_mapping(tmp_path: Path) -> None:
    edited = _file(tmp_path, "a:\n  b: 1  # weg\n  c: 2\nd: 3\n")
    edited.remove(("a",), "b")
    edited.remove(("a",), "c")
    assert edited.result() == "a: {}\nd: 3\n"


# Found by the property tests (tests/test_edit_properties.py), kept as examples.


def test_a_block_scalar_at_the_end_without_line_break_keeps_its_value(tmp_path: Path) -> None:
    edited = _file(tmp_path, "id: Text\ntitel: |\n  Zeile eins")
    edited.set((), "id", "")
    assert edited.result() == 'id: ""\ntitel: |\n  Zeile eins'


@pytest.mark.parametrize(
    ("header", "stripped"),
    [("|", "|-"), (">", ">-"), ("|+", "|-"), (">2+", ">2-"), ("|+2", "|2-"),
     ("> # Kommentar", ">- # Kommentar"), ("|-", "|-")],
)  # fmt: skip
def test_a_key_after_a_block_scalar_that_ends_the_file_unbroken_leaves_its_value(
    tmp_path: Path, header: str, stripped: str
) -> None:
    """Its value ends without a line break; the line after it would add one, unless the
    header strips it (the same text, read the same)."""
    text = f"id: Text\r\ntitel: {header}\r\n  Zeile eins"
    edited = _file(tmp_path, text)
    edited.set((), "neu", "x")
    assert edited.result() == f"id: Text\r\ntitel: {stripped}\r\n  Zeile eins\r\nneu: x\r\n"
    changed = _file(tmp_path, text)  # a change that adds nothing at the end: no new header
    changed.set((), "id", "Neu")
    assert changed.result() == f"id: Neu\r\ntitel: {header}\r\n  Zeile eins"
    replaced = _file(tmp_path, text)  # the scalar itself replaced
    replaced.set((), "titel", "kurz")
    replaced.set((), "neu", "x")
    assert replaced.result() == "id: Text\r\ntitel: kurz\r\nneu: x\r\n"


def test_a_kept_block_scalar_ending_in_spaces_at_the_end_is_refused(tmp_path: Path) -> None:
    edited = _file(tmp_path, "titel: |+\n  Zeile\n  ")
    edited.set((), "neu", "x")
    with pytest.raises(EditError, match=r"feld\.yaml, Zeile 1: .*behält seine Zeilenumbrüche"):
        edited.result()


@pytest.mark.parametrize("header", ["|+", "|2+", ">+2"])
def test_a_key_after_a_kept_block_scalar_leaves_its_blank_lines_in_it(
    tmp_path: Path, header: str
) -> None:
    edited = _file(tmp_path, f"titel: {header}\n  Zeile\n\nid: x\n")
    edited.set((), "neu", "y", after=["titel"])
    assert edited.result() == f"titel: {header}\n  Zeile\n\nneu: y\nid: x\n"


def test_an_emptied_mapping_keeps_the_blank_lines_between_its_keys(tmp_path: Path) -> None:
    edited = _file(tmp_path, "id: Text\n\ntitel: ''")
    edited.remove((), "id")
    edited.remove((), "titel")
    assert edited.result() == "{}\n\n"


def test_a_value_of_several_lines_is_replaced_whole(tmp_path: Path) -> None:
    edited = _file(tmp_path, "a: |+\n  eins\n\n\nb:\n  - x\n  - y\nc: 1\n")
    edited.set((), "a", "kurz")
    edited.set((), "b", "auch")
    edited.set((), "c", "Zeile\nzwei")
    assert edited.result() == 'a: kurz\nb: auch\nc: "Zeile\\nzwei"\n'


def test_quoted_keys_are_found_and_empty_values_filled(tmp_path: Path) -> None:
    edited = _file(tmp_path, "'stand': offen\n\"leer\":\nx: 1\n")
    edited.set((), "stand", "umgesetzt")
    edited.set((), "leer", "voll")
    assert edited.result() == "'stand': umgesetzt\n\"leer\": voll\nx: 1\n"


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("a: &eins\n  b: 1\nc: *eins\n", ("a",), r"t\.yaml, Zeile 1: .*Anker"),
        ("a:\n  b: 1\n\t c: 2\n", ("a",), r"t\.yaml, Zeile 3: .*Tabulatoren"),
        ("-\tb: 1\n", (0,), r"t\.yaml, Zeile 1: .*Tabulatoren"),
        ("a:\n  ? b\n  : 1\n", ("a",), r"t\.yaml, Zeile 2: .*„\? “"),
        ("a: 1\rb: 2\n", (), r"t\.yaml, Zeile 1: .*Wagenrücklauf"),
        ("a: 1\u2028b: 2\n", (), r"t\.yaml, Zeile 1: .*U\+2028"),
        ("a: [1\n", (), r"t\.yaml, Zeile 2: .*kein gültiges YAML"),
        ("a: 1\na: 2\n", (), r"t\.yaml, Zeile 2: .*doppelt|mehrfach"),
    ],
    ids=["anchor", "tab-indent", "tab-after-dash", "complex-key", "cr", "u2028", "broken", "dup"],
)
def test_forms_the_editor_cannot_change_safely_are_refused_in_german(
    tmp_path: Path, text: str, path: tuple[str | int, ...], message: str
) -> None:
    from ikonzept.edit.yamltext import EditError

    file = tmp_path / "t.yaml"
    file.write_bytes(text.encode("utf-8"))
    with pytest.raises(EditError, match=message):
        edited = YamlFile(file)
        edited.set(path, "neu", "x")
        edited.result()
    assert file.read_bytes() == text.encode("utf-8")


def test_a_file_not_in_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    from ikonzept.edit.yamltext import EditError

    file = tmp_path / "t.yaml"
    file.write_bytes("a: 1\nb: Stra\u00dfe\n".encode("cp1252"))
    with pytest.raises(EditError, match=r"t\.yaml, Zeile 2: .*nicht UTF-8"):
        YamlFile(file)


def test_a_change_inside_a_value_removed_earlier_is_refused(tmp_path: Path) -> None:
    from ikonzept.edit.yamltext import EditError

    edited = _file(tmp_path, ADOPTED)
    edited.remove(("ausgabe",), "beschlossen")
    with pytest.raises(EditError, match="schon ersetzt oder entfernt"):
        edited.set(("ausgabe", "beschlossen"), "datum", dt.date(2017, 3, 30))


# Found by mutation testing (`make mutation`), kept as examples.


@pytest.mark.parametrize(
    ("after", "where"),
    [
        ("a: 1\nb: [x, y]\nc: {d: 2}\n", "c.d"),  # a value the batch did not touch changed
        ("a: 1\nb: [x, z]\nc: {d: 1}\n", "b.1"),  # an item of a list
        ("a: 1\nc: {d: 1}\nb: [x, y]\n", "der Datei"),  # the order of keys
        ("a: '1'\nb: [x, y]\nc: {d: 1}\n", "a"),  # the type of a value
        ("a: 1\nb: [x, y, z]\nc: {d: 1}\n", "b"),  # the length of a list
        ("a: 1\nb: [x, y]\nc: {d: 1, e: 2}\n", "c"),  # a key in a nested mapping
        ("a: 1\nb: [x, y]\nc: [d]\n", "c"),  # a mapping became a list
        ("a: [1\n", "der Datei"),  # not YAML at all
    ],
)
def test_the_check_before_writing_catches_every_difference(after: str, where: str) -> None:
    from ikonzept.edit import expected
    from ikonzept.edit.yamltext import EditError

    before = "a: 1\nb: [x, y]\nc: {d: 1}\n"
    expected.verify(before, before, [], "t.yaml")  # the same text: fine
    with pytest.raises(EditError) as refused:
        expected.verify(before, after, [], "t.yaml")
    assert str(refused.value) == (
        f"t.yaml: Die Änderung bei „{where}“ ließ sich nicht sicher schreiben; nichts wurde "
        "geändert. Das ist ein Fehler in ikonzept: Bitte melden Sie ihn mit der Datei."
    )


def test_a_text_the_loader_refuses_is_not_changed(tmp_path: Path) -> None:
    """Duplicate keys: the composer reads them, our loader does not; its line is named."""
    from ikonzept.edit import expected
    from ikonzept.edit.yamltext import EditError

    with pytest.raises(
        EditError, match=r"^t\.yaml, Zeile 2: .*Die Datei wird so nicht geändert\.$"
    ):
        expected.verify("a: 1\na: 2\n", "a: 1\n", [], "t.yaml")


def test_a_key_added_again_after_its_removal_anchors_the_next_one(tmp_path: Path) -> None:
    edited = _file(tmp_path, "a: 1\nb: 2\nc: 3\n")
    edited.remove((), "a")
    edited.set((), "a", 9, after=("c",))
    edited.set((), "n", 0, after=("a",))
    assert edited.result() == "b: 2\nc: 3\na: 9\nn: 0\n"


def test_several_keys_added_where_a_first_key_goes(tmp_path: Path) -> None:
    edited = _file(tmp_path, "- id: a\n  titel: A\n")
    edited.set((0,), "n1", "x", after=("id",))
    edited.set((0,), "n2", "y", after=("n1",))
    edited.remove((0,), "id")
    assert edited.result() == "- n1: x\n  n2: y\n  titel: A\n"


@pytest.mark.parametrize(
    ("text", "path", "result"),
    [
        ("- a: 1\n  b: 2\n- c: 3\n", (0,), "- {}\n- c: 3\n"),
        ("-\n  a: 1\n  b: 2\n", (0,), "-\n  {}\n"),
        ("# oben\na: 1\nb: 2\n", (), "# oben\n{}\n"),
    ],
    ids=["list-item", "list-item-below-dash", "root"],
)
def test_an_emptied_mapping_stays_where_it_was(
    tmp_path: Path, text: str, path: tuple[int, ...], result: str
) -> None:
    edited = _file(tmp_path, text)
    for key in ("a", "b"):
        edited.remove(path, key)
    assert edited.result() == result


def test_a_result_after_more_changes_holds_them_all(tmp_path: Path) -> None:
    edited = _file(tmp_path, "a: 1\nb: 2\n")
    edited.set((), "a", 3)
    assert edited.result() == "a: 3\nb: 2\n"
    edited.set((), "b", 4)
    assert edited.result() == "a: 3\nb: 4\n"


@pytest.mark.parametrize(("value", "written"), [(True, "true"), (False, "false")])
def test_booleans_are_written_as_authors_write_them(value: bool, written: str) -> None:
    assert scalar(value) == written


def test_an_entry_is_appended_to_an_empty_list_in_brackets(tmp_path: Path) -> None:
    edited = _file(tmp_path, "kommune: a\nmassnahmen: []  # noch leer\nstand: 2017-01-01")
    edited.append((), "massnahmen", {"massnahme": "m1", "partner": ["b", "c, d"], "aktiv": True})
    assert edited.result() == (
        "kommune: a\nmassnahmen:  # noch leer\n  - massnahme: m1\n"
        '    partner: [b, "c, d"]\n    aktiv: true\nstand: 2017-01-01'
    )


def test_an_entry_follows_the_last_of_a_block_list_and_its_comments(tmp_path: Path) -> None:
    text = "liste:\n- a: 1\n  b:\n    - x\n  # zu b\n\n# danach\nende: 1\n"
    edited = _file(tmp_path, text)
    edited.append((), "liste", {"a": 2})
    assert edited.result() == text.replace("  # zu b\n", "  # zu b\n- a: 2\n")


@pytest.mark.parametrize(
    ("text", "path", "result"),
    [
        # the first step of a measure in a plan: a new list after the entry's last key and
        # the comments indented into its value, before the next entry
        ("l:\r\n  - a: 1\r\n    b: |\r\n      x\r\n      # in b\r\n  - a: 2\r\n", ("l", 0),
         "l:\r\n  - a: 1\r\n    b: |\r\n      x\r\n      # in b\r\n    liste:\r\n"
         "      - t: neu\r\n  - a: 2\r\n"),
        ("a: 1\nb: 2", (), "a: 1\nb: 2\nliste:\n  - t: neu\n"),
    ],
    ids=["list-item", "root-without-final-break"],
)  # fmt: skip
def test_an_entry_makes_its_list_where_the_mapping_has_none(
    tmp_path: Path, text: str, path: tuple[str | int, ...], result: str
) -> None:
    edited = _file(tmp_path, text)
    edited.append(path, "liste", {"t": "neu"})
    assert edited.result() == result


def test_a_list_is_not_made_in_a_mapping_in_braces(tmp_path: Path) -> None:
    edited = _file(tmp_path, "l:\n  - {a: 1}\n")
    with pytest.raises(EditError, match=r"Zeile 2: Hier kann ikonzept keine Liste „liste“"):
        edited.append(("l", 0), "liste", {"t": "neu"})


def test_an_entry_only_into_a_list_and_alone(tmp_path: Path) -> None:
    edited = _file(tmp_path, "a: 1\nliste: [x]\n")
    with pytest.raises(EditError, match=r"Zeile 2: „liste“ ist keine Liste, an die"):
        edited.append((), "liste", {"a": 2})
    other = _file(tmp_path, "a: 1\nliste: []\n")
    other.set((), "a", 2)
    with pytest.raises(EditError, match="nur als einzige Änderung"):
        other.append((), "liste", {"a": 2})


# In a file whose line endings are mixed, each new line ends like the line it follows
# (found missing by `make mutation`): the CRLF part here, the file's end LF.
@pytest.mark.parametrize(
    ("text", "change", "expected"),
    [
        ("a: |\r\n  x\r\nb: 2\nc: 3\n", ("set", (), "a", "y"), "a: y\r\nb: 2\nc: 3\n"),
        ("m:\r\n  k: 1\r\nz: 2\n", ("remove", ("m",), "k", None), "m: {}\r\nz: 2\n"),
        ("l:\r\n  - k: 1\r\n    j: 2\r\nz: 3\n", ("first", ("l", 0), "k", None),
         "l:\r\n  - n: 5\r\n    j: 2\r\nz: 3\n"),
        ("l:\r\n  - k: 1\r\nz: 3\n", ("remove", ("l", 0), "k", None), "l:\r\n  - {}\r\nz: 3\n"),
    ],
)  # fmt: skip
def test_new_lines_end_like_their_neighbours(
    tmp_path: Path, text: str, change: tuple[str, tuple[str | int, ...], str, object], expected: str
) -> None:
    edited = _file(tmp_path, text)
    kind, path, key, value = change
    if kind == "set":
        edited.set(path, key, str(value))
    elif kind == "remove":
        edited.remove(path, key)
    else:  # the first key of a list item goes, a new one takes its place
        edited.set(path, "n", 5, after=(key,))
        edited.remove(path, key)
    assert edited.result() == expected
