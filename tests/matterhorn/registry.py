"""The checks by failure condition, and the document they all read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

import pikepdf

from tests.matterhorn.content import PageContent, read_pages
from tests.matterhorn.tree import Tree, read


@dataclass(frozen=True)
class Failure:
    condition: str  # Matterhorn id (e.g. "01-005") or ours ("S-01")
    message: str

    def __str__(self) -> str:
        return f"{self.condition}: {self.message}"


@dataclass
class Document:
    """A PDF and what every check needs of it, each read once, on first use."""

    pdf: pikepdf.Pdf
    _cache: dict[str, object] = field(default_factory=dict)

    @cached_property
    def tree(self) -> Tree | None:
        return read(self.pdf)

    @cached_property
    def contents(self) -> list[PageContent]:
        return list(read_pages(self.pdf))

    @cached_property
    def annotations(self) -> list[tuple[int, pikepdf.Dictionary]]:
        return [
            (number, annotation)
            for number, page in enumerate(self.pdf.pages)
            for annotation in page.obj.get("/Annots", ())
            if isinstance(annotation, pikepdf.Dictionary)
        ]


Check = Callable[[Document], Iterator[Failure]]


@dataclass(frozen=True)
class Registered:
    conditions: tuple[str, ...]
    function: Check


CHECKS: list[Registered] = []


def conditions(*ids: str) -> Callable[[Check], Check]:
    """Register a check that reports the given failure conditions."""

    def register(function: Check) -> Check:
        CHECKS.append(Registered(ids, function))
        return function

    return register


def check(pdf: pikepdf.Pdf) -> list[Failure]:
    doc = Document(pdf)
    failures: list[Failure] = []
    for registered in CHECKS:
        for failure in registered.function(doc):
            assert failure.condition in registered.conditions, failure
            failures.append(failure)
    return failures
