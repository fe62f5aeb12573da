"""The imported files' YAML: Markdown texts wrapped without changing what they say, and
read back exactly as they were written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from ruamel.yaml import YAML

from ikonzept.importer.yamlout import dump, wrapped

WORDS = st.sampled_from(
    ["Integration", "der", "Kreis", "-", "1.", "3)", "#", ">", "|", "=", "–", "*", "+", "**fett**",
     "[Link](https://example.org/a)", "Sprachförderung,", "2016.", "`code`"]
)  # fmt: skip


def _meaning(markdown: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [(t.type, " ".join(t.content.split())) for t in tokens]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=60), min_size=1, max_size=3))
def test_wrapping_never_changes_what_the_markdown_says(paragraphs: list[list[str]]) -> None:
    text = "\n\n".join(" ".join(words) for words in paragraphs)
    result = wrapped(text, 30)
    assert _meaning(result) == _meaning(text)
    assert " ".join(result.split()) == " ".join(text.split())


def test_the_files_read_back_as_written_in_the_samples_style() -> None:
    data = {
        "id": "sprache",
        "ausgangslage": ("Ein langer Absatz " * 12).strip() + "\n\n| a | b |\n| --- | --- |",
        "ziele": [{"id": "z", "titel": "Ein Titel " * 12, "massnahmen": [{"id": "m"}]}],
        "stand": "2016-12-01",
        "reihenfolge": 1,
    }
    text = dump(data)
    loaded = YAML(typ="safe").load(text)
    assert loaded["ausgangslage"].split() == data["ausgangslage"].split()  # type: ignore[union-attr]
    assert {k: v for k, v in loaded.items() if k != "ausgangslage"} == {
        k: v for k, v in data.items() if k != "ausgangslage"
    }
    assert "ziele:\n  - id: z\n" in text  # sequences indented under their key
    assert "      - id: m\n" in text
    assert max(len(line) for line in text.splitlines() if "titel" not in line) <= 92
    top = dump([{"begriff": "A", "erklaerung": "B"}])
    assert top == "- begriff: A\n  erklaerung: B\n"  # a list at the top: first column


SCALARS = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(["yes", "No", "null", "~", "a: b", "a #b", "x:", "„Zitat“", "- x", "1.0",
                     "2016-12-01", "line\nbreak", "tail\n\n", " lead\nx", "tab\tx", "\u2028"]),
    st.integers(), st.booleans(),
)  # fmt: skip
KEYS = st.sampled_from(["id", "titel", "text", "kommunen", "a", "b"])
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.dictionaries(KEYS, DATA, max_size=5), st.lists(DATA, max_size=4)))
def test_whatever_is_written_reads_back_the_same(data: object) -> None:
    def plain(value: object, key: str | None = None) -> object:
        """Markdown texts compare by their words: wrapping changes only the spaces."""
        if isinstance(value, dict):
            return {k: plain(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v, key) for v in value]
        if key == "text" and isinstance(value, str):
            return value.split()
        return value

    assert plain(YAML(typ="safe").load(dump(data))) == plain(data)
