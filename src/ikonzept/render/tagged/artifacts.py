"""Content that no structure element claims becomes an artifact in the content stream.

Running headers and footers (WeasyPrint tags the margin boxes, but outside the tree) are
pagination artifacts, with the subtype Header or Footer by where their text starts;
leaders are layout artifacts; so are table headers repeated on a later page.

WeasyPrint writes its content streams one token or one operation per line; such a stream
is read with regular expressions and only the lines of each new artifact replaced, among
WeasyPrint's objects before the file is written (`mark_streams`). Parsing it with pikepdf
took two thirds of this step (a plan of 12 pages: 0.1 s of 0.16 s). Any other stream (a
literal string that may hold a line break, an inline image, a compressed one) is left to
`mark`, which parses and writes it with pikepdf once the file is written.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ikonzept.render.tagged.structure import Marked, Tree, resolve

PAGINATION = "/Pagination"
LAYOUT = "/Layout"

# Marked content as WeasyPrint writes it: the tag, the properties (``<</MCID 12>>`` or with
# more entries after the number: ``<</MCID 9/ActualText <feff…>>>``) and BDC, a line each.
_BDC = re.compile(rb"(?m)^/[^\n]*\n<</MCID (\d+)(?=[/> ])[^\n]*\nBDC$")
# The operations that place text, each on its own line with its operands.
_OPERATION = re.compile(rb"(?m)^(?:(q|Q|BDC|EMC)|((?:[-+.\deE]+ ){5}[-+.\deE]+) (cm|Tm))$")
# The same operators anywhere: as many as `_OPERATION` finds, or the stream has another form.
_OPERATOR = re.compile(rb"(?<!\S)(?:q|Q|cm|Tm|BDC|EMC)(?!\S)")
# What may hide an operator from both: a literal string outside the properties, a string in
# them not closed on its line (may hold anything, a line break too), an inline image's data.
_OPAQUE = re.compile(rb"(?m)^(?!<<)[^\n]*[()]|^ID(?: |$)")
_STRINGS_IN_PROPERTIES = re.compile(rb"(?m)^<<[^\n]*\(.*$")
_ESCAPED = re.compile(rb"\\.")
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Unmarked:
    """Pages whose artifacts `mark_streams` could not mark: for `mark`, in the written file."""

    pages: tuple[int, ...] = ()
    claimed: frozenset[Marked] = frozenset()
    kinds: Mapping[Marked, str] = field(default_factory=dict)


def mark_streams(tree: Tree, claimed: set[Marked]) -> Unmarked:
    """Mark the artifacts in WeasyPrint's content streams (pydyf), before they are written.

    A stream not in WeasyPrint's line-per-token form is left for `mark` (the result says
    which pages).
    """
    import pydyf

    left: list[int] = []
    for number, page in enumerate(tree.pages):
        box = page["MediaBox"]
        middle = (float(box[1]) + float(box[3])) / 2
        stream = resolve(tree.pdf, page.get("Contents"))
        content = None
        if isinstance(stream, pydyf.Stream) and "Filter" not in stream.extra:
            serialize = pydyf._to_bytes  # what pydyf writes for each item
            content = b"\n".join(serialize(item) for item in stream.stream)
        form = _lines_form(content) if content is not None else None
        if content is None or form is None:
            left.append(number)
            continue
        rewritten = _marked_lines(content, *form, number, claimed, tree.artifacts, middle)
        if rewritten is not None:
            stream.stream = [rewritten]
    if not left:
        return Unmarked()
    return Unmarked(tuple(left), frozenset(claimed), dict(tree.artifacts))


def mark(
    pdf: Any, claimed: Collection[Marked], kinds: Mapping[Marked, str],
    pages: Collection[int] | None = None,
) -> None:  # fmt: skip
    """Marked content that no element claims any more is an artifact in the content stream
    (pikepdf; of ``pages`` only, if given).

    Running headers and footers are pagination artifacts with the subtype Header or Footer,
    told apart by where on the page their text starts.
    """
    for number, page in enumerate(pdf.pages):
        if pages is not None and number not in pages:
            continue
        middle = (float(page.mediabox[1]) + float(page.mediabox[3])) / 2
        content = _content(page)
        form = _lines_form(content) if content is not None else None
        if content is not None and form is not None:
            rewritten = _marked_lines(content, *form, number, claimed, kinds, middle)
        else:
            rewritten = _marked_parsed(page, number, claimed, kinds, middle)
        if rewritten is not None:
            page.obj.Contents = pdf.make_stream(rewritten)


def _artifact(kind: str, height: float | None, middle: float) -> dict[str, str]:
    """The properties of an artifact: its type and, for pagination, Header or Footer."""
    if kind == PAGINATION and height is not None:
        return {"/Type": kind, "/Subtype": "/Header" if height > middle else "/Footer"}
    return {"/Type": kind}


def _content(page: Any) -> bytes | None:
    """The page's content as one stream of bytes, if it is stored unfiltered."""
    import pikepdf

    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    if not streams or any(
        not isinstance(s, pikepdf.Stream) or s.get("/Filter") is not None for s in streams
    ):
        return None
    return b"\n".join(s.read_raw_bytes() for s in streams)


_Operation = tuple[int, bytes, list[bytes]]  # offset, operator, operands


def _lines_form(content: bytes) -> tuple[list[_Operation], list[re.Match[bytes]]] | None:
    """The operations that place text (q, Q, cm, Tm, BDC, EMC) and the marked content, if
    the stream has them in WeasyPrint's form: each operation on its own line, each BDC with
    an MCID, its tag and properties on the two lines before it."""
    if _OPAQUE.search(content) is not None:
        return None
    for line in _STRINGS_IN_PROPERTIES.findall(content):
        unescaped = _ESCAPED.sub(b"", line)  # pydyf escapes every parenthesis in a string
        if unescaped.count(b"(") != unescaped.count(b")"):
            return None
    operations = [
        (m.start(), alone or operator, operands.split() if operands else [])
        for m in _OPERATION.finditer(content)
        for alone, operands, operator in [m.groups()]
    ]
    if len(operations) != len(_OPERATOR.findall(content)):
        return None
    marks = list(_BDC.finditer(content))
    if len(marks) != sum(1 for _, operator, _ in operations if operator == b"BDC"):
        return None
    return operations, marks


def _marked_lines(
    content: bytes, operations: list[_Operation], marks: list[re.Match[bytes]], page: int,
    claimed: Collection[Marked], kinds: Mapping[Marked, str], middle: float,
) -> bytes | None:  # fmt: skip
    """The content with every unclaimed MCID made an artifact; None if nothing changed.

    Only the tag and properties lines of each such BDC are replaced.
    """
    unclaimed = {
        found.end() - 3: (found, marked)  # by where its BDC starts, as in `operations`
        for found in marks
        if (marked := Marked(page, int(found.group(1)))) not in claimed
    }
    if not unclaimed:
        return None
    heights = _heights(operations, set(unclaimed))
    pieces, done = [], 0
    for position, (found, marked) in unclaimed.items():
        properties = _artifact(kinds.get(marked, PAGINATION), heights.get(position), middle)
        pieces += [
            content[done : found.start()],
            b"/Artifact\n<<",
            b" ".join(f"{key} {value}".encode() for key, value in properties.items()),
            b">>\n",
        ]
        done = position
    pieces.append(content[done:])
    return b"".join(pieces)


def _marked_parsed(
    page: Any, number: int, claimed: Collection[Marked], kinds: Mapping[Marked, str],
    middle: float,
) -> bytes | None:  # fmt: skip
    """As `_marked_lines`, for a stream in any form: parsed and written by pikepdf."""
    import pikepdf

    instructions = pikepdf.parse_content_stream(page)
    operations = (
        (position, str(i.operator).encode(), [str(o).encode() for o in i.operands])
        for position, i in enumerate(instructions)
        if str(i.operator) in ("q", "Q", "cm", "Tm", "BDC", "EMC")
    )
    unclaimed: dict[int, Marked] = {}
    for position, instruction in enumerate(instructions):
        if str(instruction.operator) != "BDC":
            continue
        properties = instruction.operands[1]
        if not isinstance(properties, pikepdf.Dictionary) or "/MCID" not in properties:
            continue
        marked = Marked(number, int(properties.MCID))
        if marked not in claimed:
            unclaimed[position] = marked
    if not unclaimed:
        return None
    heights = _heights(operations, set(unclaimed))
    for position, marked in unclaimed.items():
        artifact = _artifact(kinds.get(marked, PAGINATION), heights.get(position), middle)
        replacement = pikepdf.Dictionary({k: pikepdf.Name(v) for k, v in artifact.items()})
        instructions[position] = pikepdf.ContentStreamInstruction(
            [pikepdf.Name.Artifact, replacement], pikepdf.Operator("BDC")
        )
    result: bytes = pikepdf.unparse_content_stream(instructions)
    return result


def _heights(operations: Iterable[_Operation], wanted: set[int]) -> dict[int, float]:
    """Where on the page (in points from the bottom) the first text of each wanted BDC
    starts, by the BDC's position."""
    matrix: tuple[float, ...] = _IDENTITY
    saved: list[tuple[float, ...]] = []
    opened: int | None = None
    heights: dict[int, float] = {}
    for position, operator, operands in operations:
        if operator == b"q":
            saved.append(matrix)
        elif operator == b"Q" and saved:
            matrix = saved.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            m = matrix
            matrix = (a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2],
                      c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4],
                      e * m[1] + f * m[3] + m[5])  # fmt: skip
        elif operator == b"BDC":
            opened = position if position in wanted else None
        elif operator == b"Tm" and opened is not None:
            x, y = (float(v) for v in operands[4:6])
            heights[opened] = x * matrix[1] + y * matrix[3] + matrix[5]
            opened = None
        elif operator == b"EMC":
            opened = None
    return heights
