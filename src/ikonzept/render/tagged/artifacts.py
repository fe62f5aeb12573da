"""Content that no structure element claims becomes an artifact in the content stream.

Running headers and footers (WeasyPrint tags the margin boxes, but outside the tree) are
pagination artifacts, with the subtype Header or Footer by where their text starts;
leaders are layout artifacts; so are table headers repeated on a later page.
"""

from __future__ import annotations

from typing import Any

from ikonzept.render.tagged.structure import Marked

PAGINATION = "/Pagination"
LAYOUT = "/Layout"


def mark(pdf: Any, claimed: set[Marked], kinds: dict[Marked, str]) -> None:
    """Marked content that no element claims any more is an artifact in the content stream.

    Running headers and footers are pagination artifacts with the subtype Header or Footer,
    told apart by where on the page their text starts.
    """
    import pikepdf

    for number, page in enumerate(pdf.pages):
        instructions = pikepdf.parse_content_stream(page)
        middle = (float(page.mediabox[1]) + float(page.mediabox[3])) / 2
        positions = _text_heights(instructions)
        changed = False
        for position, instruction in enumerate(instructions):
            if str(instruction.operator) != "BDC":
                continue
            properties = instruction.operands[1]
            if not isinstance(properties, pikepdf.Dictionary) or "/MCID" not in properties:
                continue
            marked = Marked(number, int(properties.MCID))
            if marked in claimed:
                continue
            kind = kinds.get(marked, PAGINATION)
            replacement = pikepdf.Dictionary(Type=pikepdf.Name(kind))
            height = positions.get(position)
            if kind == PAGINATION and height is not None:
                replacement.Subtype = (
                    pikepdf.Name.Header if height > middle else pikepdf.Name.Footer
                )
            instructions[position] = pikepdf.ContentStreamInstruction(
                [pikepdf.Name.Artifact, replacement], pikepdf.Operator("BDC")
            )
            changed = True
        if changed:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _text_heights(instructions: list[Any]) -> dict[int, float]:
    """Where on the page (in points from the bottom) the first text of each BDC starts."""
    matrix: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    saved: list[tuple[float, ...]] = []
    opened: int | None = None
    heights: dict[int, float] = {}
    for position, instruction in enumerate(instructions):
        operator = str(instruction.operator)
        if operator == "q":
            saved.append(matrix)
        elif operator == "Q" and saved:
            matrix = saved.pop()
        elif operator == "cm":
            a, b, c, d, e, f = (float(v) for v in instruction.operands)
            m = matrix
            matrix = (a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2],
                      c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4],
                      e * m[1] + f * m[3] + m[5])  # fmt: skip
        elif operator == "BDC":
            opened = position
        elif operator == "Tm" and opened is not None:
            x, y = (float(v) for v in instruction.operands[4:6])
            heights[opened] = x * matrix[1] + y * matrix[3] + matrix[5]
            opened = None
        elif operator == "EMC":
            opened = None
    return heights
