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
        "ausgangslage": "Ein langer Absatz " * 12 + "\n\n| a | b |\n| --- | --- |",
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
