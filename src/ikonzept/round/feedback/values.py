"""The status words a form may hold: the keys of the format and their German labels."""

from __future__ import annotations

from ikonzept.model import Stand

_WORDS: dict[str, Stand] = {}
for _stand in Stand:
    for _word in (_stand.value, _stand.label, _stand.value.replace("_", " ")):
        _WORDS[_word.casefold()] = _stand


def parse_stand(text: str) -> Stand | None:
    """„umgesetzt“, „In Umsetzung“, „in_umsetzung“ … as a status; None if it is none."""
    return _WORDS.get(" ".join(text.split()).casefold())


# What the drop-down list in a form offers: the labels an author reads in the concept.
CHOICES = tuple(stand.label for stand in Stand)
