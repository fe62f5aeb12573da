r"""German hyphenation: pyphen's patterns, ready in 30 ms, and a list of our own words.

WeasyPrint hyphenates with pyphen, which parses its 1 MB pattern file once per process:
0.5 s, paid again by every worker process and by every build after an edit. The parsed
patterns are kept in the user's cache (keyed by pyphen's version and the file's content)
and handed to pyphen's own per-process cache. What comes back from the cache is checked
for its shape; anything else is ignored and the file parsed as before.

The patterns break some of the words our documents use most where no typesetter would
(„Forts-chreibung“, „Integrati-onskonzept“). A reviewed list of exceptions
(`templates/silbentrennung.txt`) and a county's own (`silbentrennung.txt` in the concept
folder) give the breaks of such words, as TeX's `\hyphenation` does: „Fort-schrei-bung“.
They also hold inside compounds and inflected forms („Bevölkerungsfortschreibungen“). A
document carries the county's list in its HTML (a meta element), so that every process
that lays it out knows it, and the layout cache tells a changed list from the old one.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_text
import re
from collections.abc import Iterable, Sequence
from importlib import metadata
from typing import Any

from ikonzept.load import cache as user_cache
from ikonzept.load import wordlist

LANGUAGE = "de_DE"
# Endings after a listed word: the rest of the word, or its start before a consonant.
_ENDING = re.compile(
    r"(?:e|en|er|ern|es|em|ens|end|ende|ung|ungen|ungs|ig|ige|igen)(?:[^aeiouäöüy].*)?"
)
_META = re.compile(r'<meta name="ikonzept-silbentrennung" content="([^"]*)">')


def preload(language: str = LANGUAGE) -> None:
    """Put the parsed patterns of ``language`` into pyphen's cache, if not there already."""
    import pyphen  # type: ignore[import-untyped]

    name = pyphen.language_fallback(language)
    if name is None:
        return
    path = pyphen.LANGUAGES[name]
    if path in pyphen.hdcache:
        if not isinstance(pyphen.hdcache[path], _Exceptional):
            pyphen.hdcache[path] = _with_exceptions(pyphen.hdcache[path])
        return
    try:
        content = path.read_bytes()
    except OSError:
        return
    key = user_cache.key(
        "silbentrennung-geteilt",  # pairs shared (`_plain`); the old entry is pruned in time
        f"{metadata.version('pyphen')}|{hashlib.sha256(content).hexdigest()}",
    )
    patterns = _checked(user_cache.get(key))
    if patterns is not None:
        parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
        parsed.patterns = patterns
        parsed.cache = {}
        parsed.maxlen = max(len(pattern) for pattern in patterns)
    else:
        parsed = pyphen.HyphDict(path)
        plain = _plain(parsed.patterns)
        if plain is not None:
            user_cache.put(key, plain)
    pyphen.hdcache[path] = _with_exceptions(parsed)


def _plain(patterns: dict[str, Any]) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The patterns as plain values, or None if a pattern carries more than numbers (a
    nonstandard hyphenation, which only pyphen's own parser represents)."""
    plain: dict[str, tuple[int, tuple[int, ...]]] = {}
    # 66,000 German patterns have 2,500 different (start, values) pairs: each stored once,
    # marshal writes it once and the cache loads in half the time (0.04 → 0.02 s).
    shared: dict[tuple[int, tuple[int, ...]], tuple[int, tuple[int, ...]]] = {}
    for pattern, (start, values) in patterns.items():
        if any(type(value) is not int for value in values):
            return None
        pair = (start, tuple(values))
        plain[pattern] = shared.setdefault(pair, pair)
    return plain


def _checked(data: Any) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """``data`` if it has exactly the shape of parsed patterns, else None."""
    if type(data) is not dict or not data or {type(pattern) for pattern in data} != {str}:
        return None
    # Each different entry once: the cache shares them (`_plain`).
    entries = list({id(entry): entry for entry in data.values()}.values())
    if {type(entry) for entry in entries} != {tuple}:
        return None
    try:
        starts, values = zip(*entries, strict=True)
    except (TypeError, ValueError):  # an entry that is not a pair
        return None
    if {type(start) for start in starts} != {int} or {type(v) for v in values} != {tuple}:
        return None
    numbers = {type(number) for entry in values for number in entry}
    return data if numbers <= {int} else None


# Exceptions ---------------------------------------------------------------------------


def entry_breaks(entry: str) -> tuple[str, tuple[int, ...]]:
    """„Fort-schrei-bung“ → („fortschreibung“, (4, 10))."""
    parts = entry.split("-")
    positions, length = [], 0
    for part in parts[:-1]:
        length += len(part)
        positions.append(length)
    return "".join(parts).lower(), tuple(positions)


@functools.cache
def builtin_entries() -> tuple[str, ...]:
    """Our reviewed list, shipped with the templates."""
    from ikonzept.base.resources import data_dir

    path = data_dir("templates") / wordlist.FILE
    return tuple(wordlist.entries(path.read_text(encoding="utf-8").splitlines()))


def with_exceptions(html: str, entries: Sequence[str]) -> str:
    """The HTML of a document with a county's list in its head."""
    if not entries:
        return html
    words = html_text.escape(" ".join(entries), quote=True)
    return html.replace(
        "</head>", f'<meta name="ikonzept-silbentrennung" content="{words}"></head>', 1
    )


def use_exceptions(html: str) -> None:
    """Hyphenate the document in ``html`` with our list and the one it carries."""
    import pyphen

    preload()
    name = pyphen.language_fallback(LANGUAGE)
    if name is None:
        return
    dictionary = pyphen.hdcache.get(pyphen.LANGUAGES[name])
    if isinstance(dictionary, _Exceptional):
        found = _META.search(html)
        own = html_text.unescape(found.group(1)).split() if found else []
        dictionary.use([*builtin_entries(), *own])


# Counts the changes of the exceptions in use: lines broken before a change are not
# remembered beyond it (`render/linecache`).
_generation = 0


def generation() -> int:
    """A number that changes whenever the hyphenation exceptions in use change."""
    return _generation


class _Exceptional:
    """Mixed into pyphen's dictionary: positions of listed words come from the list."""

    exceptions: dict[str, tuple[int, ...]]
    cache: dict[str, Any]

    def use(self, entries: Sequence[str]) -> None:
        global _generation
        exceptions = dict(entry_breaks(entry) for entry in entries)  # later entries win
        if exceptions != self.exceptions:
            self.exceptions = exceptions
            self.cache.clear()
            _generation += 1

    def positions(self, word: str) -> list[Any]:
        import pyphen

        lowered = word.lower()
        cached = self.cache.get(lowered)
        if cached is not None:
            return list(cached)
        points = list(super().positions(word))  # type: ignore[misc]
        for start, end, breaks in self._listed_parts(lowered):
            # Before an ending, the listed word's last consonant opens the next syllable:
            # „Ar-bei-ten“, „Fort-schrei-bun-gen“. That break of the patterns stays (not
            # before a word of a compound: „Bundes-agentur“, never „Bunde-sagentur“).
            inflected = _ENDING.fullmatch(lowered, end) is not None
            points = [p for p in points if not start < p < end or (inflected and p == end - 1)]
            points += [pyphen.DataInt(start + b) for b in breaks]
        points = sorted(points, key=int)
        self.cache[lowered] = points
        return points

    def _listed_parts(self, word: str) -> Iterable[tuple[int, int, tuple[int, ...]]]:
        """Where listed words stand in ``word`` (the longest first, none overlapping)."""
        taken: list[tuple[int, int]] = []
        for listed in sorted(self.exceptions, key=len, reverse=True):
            start = word.find(listed)
            while start >= 0:
                end = start + len(listed)
                if all(end <= a or start >= b for a, b in taken):
                    taken.append((start, end))
                    yield start, end, self.exceptions[listed]
                start = word.find(listed, start + 1)


def _with_exceptions(parsed: Any) -> Any:
    """pyphen's dictionary, able to take exceptions."""
    kind = type(parsed)
    mixed = type(f"Exceptional{kind.__name__}", (_Exceptional, kind), {})
    dictionary: Any = object.__new__(mixed)
    dictionary.__dict__.update(parsed.__dict__)
    dictionary.exceptions = {}
    return dictionary
