"""`ikonzept diff`: exact, symmetric comparisons by id, in every output format."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonzept.diff.changes import Art, Change
from ikonzept.diff.compare import compare
from ikonzept.diff.words import marked
from ikonzept.model import Konzept
from ikonzept.pipeline.validate import validate
from tests import editions
from tests.conftest import SAMPLE, RunCli

_SAMPLE: Konzept | None = None


def sample() -> Konzept:
    global _SAMPLE
    if _SAMPLE is None:
        _SAMPLE = validate(SAMPLE, today=dt.date(2017, 1, 1)).konzept
        assert _SAMPLE is not None
    return _SAMPLE


def _measure_ids() -> list[str]:
    return [m.id for *_, m in sample().massnahmen()]


def test_a_concept_compared_with_itself_has_no_changes() -> None:
    assert compare(sample(), sample()) == []


def _mirror(change: Change) -> tuple[str, str, str, tuple[tuple[str, object, object], ...]]:
    return (
        change.art.mirrored().value,
        change.typ,
        change.id,
        tuple((f.feld, f.neu, f.alt) for f in change.felder),
    )


def _key(change: Change) -> tuple[str, str, str, tuple[tuple[str, object, object], ...]]:
    return (
        change.art.value,
        change.typ,
        change.id,
        tuple((f.feld, f.alt, f.neu) for f in change.felder),
    )


@st.composite
def edited(draw: st.DrawFn) -> tuple[Konzept, editions.Expected]:
    ids = _measure_ids()
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=8, unique=True))
    konzept, expected = sample(), set()
    for ident in chosen:
        edit = draw(st.sampled_from(editions.MEASURE_EDITS))
        konzept, found = edit(konzept, ident)
        expected |= found
    extras = draw(st.sets(st.sampled_from(["begriff", "abkuerzung", "akteur", "ziel"])))
    if "begriff" in extras:
        konzept, found = editions.add_term(konzept)
        expected |= found
    if "abkuerzung" in extras:
        konzept, found = editions.change_abbreviation(konzept)
        expected |= found
    if "akteur" in extras:
        konzept, found = editions.rename_actor(konzept)
        expected |= found
    if "ziel" in extras:
        konzept, found = editions.retitle_goal(konzept, sample().handlungsfelder[-1].ziele[-1].id)
        expected |= found
    return konzept, expected


@given(edited())
@settings(max_examples=40, deadline=None)
def test_random_edits_are_reported_exactly(case: tuple[Konzept, editions.Expected]) -> None:
    konzept, expected = case
    assert editions.known(compare(sample(), konzept)) == expected


@given(edited())
@settings(max_examples=25, deadline=None)
def test_swapping_sides_mirrors_every_change(case: tuple[Konzept, editions.Expected]) -> None:
    konzept, _ = case
    forward = sorted(_mirror(c) for c in compare(sample(), konzept))
    backward = sorted(_key(c) for c in compare(konzept, sample()))
    assert forward == backward


def test_merging_is_reported_once_instead_of_removals() -> None:
    first, second = _measure_ids()[3:5]
    konzept, expected = editions.merge(sample(), first, second)
    changes = compare(sample(), konzept)
    assert editions.known(changes) == expected
    (merged,) = changes
    assert merged.ersetzt == (first, second)


def test_a_likely_rename_is_hinted() -> None:
    konzept = sample()
    old = konzept.massnahmen()[0][2]
    renamed = dataclasses.replace(old, id=old.id + "-x")
    konzept2 = editions._replace_measure(konzept, old.id, lambda m: renamed)
    added = next(c for c in compare(konzept, konzept2) if c.art is Art.HINZUGEFUEGT)
    assert added.umbenannt_von == old.id


def test_order_changes_only_with_order_flag() -> None:
    konzept = sample()
    feld = konzept.handlungsfelder[0]
    ziel = feld.ziele[0]
    swapped = dataclasses.replace(ziel, massnahmen=tuple(reversed(ziel.massnahmen)))
    konzept2 = editions._replace_goal(konzept, ziel.id, lambda z: swapped)
    assert compare(konzept, konzept2) == []
    assert {c.art for c in compare(konzept, konzept2, order=True)} == {Art.REIHENFOLGE}


def test_word_marks_without_colour() -> None:
    assert marked("Kurse in Dülmen anbieten", "Kurse in Dülmen und Senden anbieten") == (
        "Kurse in Dülmen {+und Senden +}anbieten"
    )


@pytest.fixture(scope="module")
def second_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as a 2nd edition with known changes, written as YAML files."""
    from ruamel.yaml import YAML

    target = tmp_path_factory.mktemp("fortschreibung") / "konzept"
    shutil.copytree(SAMPLE, target)
    yaml = YAML()
    konzept_file = target / "konzept.yaml"
    data = yaml.load(konzept_file.read_text(encoding="utf-8"))
    data["ausgabe"]["nummer"] = 2
    data["ausgabe"]["stand"] = "2019-05-10"
    with konzept_file.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    feld_file = target / "handlungsfelder" / "01-sprache.yaml"
    feld = yaml.load(feld_file.read_text(encoding="utf-8"))
    first = feld["ziele"][0]["massnahmen"][0]
    first["stand"] = "umgesetzt"
    first["titel"] = first["titel"] + " und verstetigen"
    del feld["ziele"][0]["massnahmen"][1]
    with feld_file.open("w", encoding="utf-8") as stream:
        yaml.dump(feld, stream)
    return target


def test_cli_terminal_output_without_colour(run_cli: RunCli, second_edition: Path) -> None:
    result = run_cli("diff", str(SAMPLE), str(second_edition))
    assert result.exit_code == 0
    out = result.stdout
    assert "alt: 1. Integrationskonzept, Stand 15.11.2016" in out
    assert "neu: 1. Fortschreibung, Stand 10.05.2019" in out
    assert "Maßnahmen: 1 entfallen, 1 geändert, 1 Stand geändert" in out
    assert "{+ und verstetigen+}" in out
    assert "stand: [-offen-] → {+umgesetzt+}" in out


def test_cli_exit_code_and_json(run_cli: RunCli, second_edition: Path) -> None:
    assert run_cli("diff", str(SAMPLE), str(SAMPLE), "--exit-code").exit_code == 0
    result = run_cli("diff", str(SAMPLE), str(second_edition), "--format", "json", "--exit-code")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["alt"]["nummer"] == 1 and document["neu"]["nummer"] == 2
    assert document["zusammenfassung"]["massnahme"] == {"geaendert": 1, "stand": 1, "entfernt": 1}
    arten = {(c["art"], c["typ"]) for c in document["aenderungen"]}
    assert ("stand", "massnahme") in arten
    changed = next(
        c for c in document["aenderungen"] if c["art"] == "geaendert" and c["typ"] == "massnahme"
    )
    assert changed["felder"]["titel"]["neu"].endswith("und verstetigen")


def test_cli_markdown_and_html(run_cli: RunCli, second_edition: Path) -> None:
    markdown = run_cli("diff", str(SAMPLE), str(second_edition), "--format", "markdown").stdout
    assert markdown.startswith("# Vergleich: Integrationskonzept des Kreises Coesfeld")
    assert "**und verstetigen**" in markdown
    html = run_cli("diff", str(SAMPLE), str(second_edition), "--format", "html").stdout
    assert "<ins> und verstetigen</ins>" in html


def test_snapshot_is_a_side(run_cli: RunCli, tmp_path: Path, second_edition: Path) -> None:
    from ikonzept.pipeline.snapshot import to_json

    snapshot = tmp_path / "konzept.json"
    snapshot.write_text(to_json(sample()), encoding="utf-8")
    result = run_cli("diff", str(snapshot), str(SAMPLE), "--format", "json")
    assert result.exit_code == 0
    kinds = {c["typ"] for c in json.loads(result.stdout)["aenderungen"]}
    assert kinds <= {"akteur"}  # contact persons without consent are not in snapshots


def test_invalid_side_is_reported_like_validate(run_cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt"
    shutil.copytree(SAMPLE, broken)
    (broken / "glossar.yaml").write_text("- begriff: [\n", encoding="utf-8")
    result = run_cli("diff", str(broken), str(SAMPLE))
    assert result.exit_code == 2
    assert "Fehler IK001" in result.stdout
    assert "enthält Fehler" in result.stderr


def test_json_matches_its_schema(run_cli: RunCli, second_edition: Path) -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    from ikonzept.base.resources import schema_dir

    schema = json.loads((schema_dir() / "diff.schema.json").read_text(encoding="utf-8"))
    result = run_cli("diff", str(SAMPLE), str(second_edition), "--format", "json")
    errors = Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(
        json.loads(result.stdout)
    )
    assert list(errors) == []


@pytest.mark.slow
def test_synopse_pdf(run_cli: RunCli, second_edition: Path, tmp_path: Path) -> None:
    import pikepdf

    target = tmp_path / "synopse.pdf"
    result = run_cli("diff", str(SAMPLE), str(second_edition), "--format", "pdf", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Geschrieben:" in result.stdout
    with pikepdf.open(target) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "de-DE"
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "2"
            assert xmp.get("pdfuaid:part") == "1"
        assert str(pdf.docinfo.Title).startswith(
            "Synopse – Integrationskonzept des Kreises Coesfeld"
        )
    again = tmp_path / "nochmal.pdf"
    run_cli("diff", str(SAMPLE), str(second_edition), "--format", "pdf", "-o", str(again))
    assert again.read_bytes() == target.read_bytes()
    assert run_cli("diff", str(SAMPLE), str(second_edition), "--format", "pdf").exit_code == 2


def test_synopse_rows_are_labelled_in_words(second_edition: Path) -> None:
    from ikonzept.diff import comparison
    from ikonzept.pipeline.sides import load_side
    from ikonzept.render.content.synopse import groups

    old, new = load_side(str(SAMPLE), Path(".")), load_side(str(second_edition), Path("."))
    result = comparison(old, new)
    labels = {label for g in groups(result, old, new, False) for r in g.rows for label in r.labels}
    assert labels == {"geändert", "Stand geändert", "entfallen"}
    rows = [r for g in groups(result, old, new, False) for r in g.rows]
    assert any("<ins>" in r.neu and "<del>" in r.alt for r in rows)


def test_git_revision_as_a_side(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "konzept")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "2016")
    glossar = repo / "konzept" / "glossar.yaml"
    glossar.write_text(
        glossar.read_text(encoding="utf-8") + "- begriff: Zzz-Neu\n  erklaerung: Neu.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD:konzept", "konzept", "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["aenderungen"]
    assert [(c["art"], c["typ"], c["id"]) for c in changes] == [
        ("hinzugefuegt", "begriff", "Zzz-Neu")
    ]
    missing = run_cli("diff", "v9:konzept", "konzept")
    assert missing.exit_code == 2
    assert "Gibt es die Revision „v9“" in missing.stderr


@pytest.mark.parametrize("filtering", [True, False], ids=["filter", "ohne-filter"])
def test_a_git_archive_is_unpacked_only_below_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filtering: bool
) -> None:
    """With Python's own filter (3.11.4 and newer) and without (Debian 12's 3.11.2)."""
    import io
    import tarfile

    from ikonzept.pipeline.sides import extract

    if not filtering:
        monkeypatch.delattr(tarfile, "data_filter", raising=False)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in [("konzept/glossar.yaml", b"[]\n"), ("../ausserhalb.txt", b"x")]:
            member = tarfile.TarInfo(name)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
        link = tarfile.TarInfo("konzept/verweis")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    buffer.seek(0)
    target = tmp_path / "ziel"
    target.mkdir()
    with tarfile.open(fileobj=buffer) as tar:
        try:
            extract(tar, target)
        except tarfile.FilterError:
            assert filtering  # Python's filter refuses the archive as a whole
    assert not (tmp_path / "ausserhalb.txt").exists()
    assert not (target / "konzept" / "verweis").is_symlink()
    if not filtering:
        assert (target / "konzept" / "glossar.yaml").read_bytes() == b"[]\n"


def test_moved_items_name_where_they_stood() -> None:
    from ikonzept.diff.changes import Comparison, EditionInfo
    from ikonzept.diff.report import headline

    ident = _measure_ids()[0]
    konzept, _ = editions.move(sample(), ident)
    (moved,) = compare(sample(), konzept)
    assert moved.nummer_alt == "1.1.1"
    info = EditionInfo("", "", 1, "2016-11-15", "")
    assert "verschoben von 1.1 nach " in headline(moved, Comparison(info, info, (moved,)))


def test_a_new_field_is_shown_in_document_order_and_readers_never_see_ids() -> None:
    from ikonzept.diff import comparison
    from ikonzept.diff.report import plain_style, terminal
    from ikonzept.model import Handlungsfeld, Saeule, Ziel
    from ikonzept.pipeline.sides import Side

    old = sample()
    fields = list(old.handlungsfelder)
    # A new field (5, last of the first pillar): its changes sort before those of field 1 (type
    # „handlungsfeld“ first), but the report follows the document.
    new_field = Handlungsfeld(
        "digitales",
        35,
        "Digitale Teilhabe",
        "Neu.",
        Saeule.BILDUNG,
        (Ziel("digital-ziel", "Alle sind online"),),
    )
    edited = dataclasses.replace(old, handlungsfelder=(*fields, new_field))
    first = fields[0].ziele[1]
    merged, _ = editions.merge(edited, first.massnahmen[0].id, first.massnahmen[1].id)
    result = comparison(Side(old, "alt"), Side(merged, "neu"))
    text = terminal(result, plain_style)
    assert text.index("Handlungsfeld 1 Sprache") < text.index("Handlungsfeld 5 Digitale Teilhabe")
    assert (
        "zusammengeführt aus „1.2.1 Sprachcafés in allen Städten und Gemeinden einrichten“"
        " und „1.2.2 " in text
    )
    assert first.massnahmen[0].id not in text.split("Zusammenfassung", 1)[1].replace(
        "sprachcafes-und", ""
    )


def test_status_and_names_read_as_words() -> None:
    from ikonzept.diff import comparison
    from ikonzept.diff.report import plain_style, terminal
    from ikonzept.pipeline.sides import Side

    old = sample()
    edited, _ = editions.set_stand(old, _measure_ids()[0])
    measure = next(m for *_, m in edited.massnahmen() if m.id == _measure_ids()[0])
    moved_actors = dataclasses.replace(measure, akteure=("vhs-duelmen",))
    edited = editions._replace_measure(edited, measure.id, lambda m: moved_actors)
    text = terminal(comparison(Side(old, "alt"), Side(edited, "neu")), plain_style)
    assert "stand: [-offen-] → {+umgesetzt+}" in text
    assert "akteure: [-" in text and "{+VHS Dülmen – Haltern am See – Havixbeck+}" in text
    assert "vhs-duelmen" not in text


def test_a_snapshot_loads_back_as_the_edition_it_froze(tmp_path: Path) -> None:
    """Every part comes back (fields, actors, glossary, abbreviations, legal bases,
    participation, proposal); only persons without consent stay out."""
    from ikonzept.pipeline.sides import load_side
    from ikonzept.pipeline.snapshot import to_json

    concept = sample()
    snapshot = tmp_path / "konzept.json"
    snapshot.write_text(to_json(concept), encoding="utf-8")
    frozen = load_side(str(snapshot), tmp_path).konzept
    public = dataclasses.replace(
        concept,
        akteure=tuple(
            dataclasses.replace(a, ansprechpersonen=a.oeffentliche_ansprechpersonen)
            for a in concept.akteure
        ),
        webseite=None,
    )
    assert frozen == public
    assert frozen.beteiligung and frozen.vorlage is not None


def test_a_broken_snapshot_names_the_part(run_cli: RunCli, tmp_path: Path) -> None:
    from ikonzept.pipeline.snapshot import to_data

    data = to_data(sample())
    del data["handlungsfelder"][1]["titel"]
    snapshot = tmp_path / "konzept.json"
    snapshot.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("diff", str(snapshot), str(SAMPLE))
    assert result.exit_code == 2
    assert "konzept.json#handlungsfelder/1" in result.stdout
