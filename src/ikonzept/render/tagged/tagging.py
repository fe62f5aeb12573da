"""What only the HTML knows, written into the structure tree while WeasyPrint builds it.

WeasyPrint tags each page on its own from the laid-out boxes and forgets the HTML. We wrap
its (internal) tree builder once per process and leave hints in the structure elements:
which HTML element a fragment comes from, what a link says, which text is decoration,
which element is a footnote and which its call. `render/tagged/structure` reads the hints
from WeasyPrint's objects before the file is written, `render/tagged/accessible` repairs
the tree with them, and they are removed. If a WeasyPrint release
changes the builder, the hints are missing and the tests of the tagged PDFs say so.

Some corrections need nothing else and are made here: `abbr` becomes a Span with its
expansion (/E), footnote markers become labels (Lbl), lists say how they are numbered,
header cells say what they head.
"""

from __future__ import annotations

from typing import Any

from ikonzept.render import libraries

# Marks an element that `render/layout/split` reopened in a later part; the merge joins its
# structure element with the one it continues (CONTINUES).
CONTINUATION_ATTRIBUTE = "data-fortsetzung"

# Hint keys in structure elements, all beginning with PREFIX (second-class names, removed
# before the file is final).
PREFIX = "/Ik"
ELEMENT = "/IkElement"  # int: the HTML element (and pseudo-element) a fragment comes from
TEXT = "/IkText"  # str: what a link or a changed passage says
DECORATION = "/IkDecoration"  # true: leaders and other drawn-on text, not content
# int: on a footnote call, the IkElement number of its footnote body
NOTE_CALL = "/IkNoteCall"
CHANGE = "/IkChange"  # str: „gestrichen“ or „eingefügt“ (del and ins in the Synopse)
CONTINUES = "/IkContinues"  # true: an element reopened in a later part (render/layout/split)
CONTENTS = "/IkContents"  # true: a table of contents (`role="doc-toc"`), its lists a TOC

_CHANGES = {"del": "gestrichen", "ins": "eingefügt"}
# CSS list-style-type → ListNumbering (ISO 32000-1, table 347)
_NUMBERING = {
    "decimal": "Decimal", "decimal-leading-zero": "Decimal", "lower-roman": "LowerRoman",
    "upper-roman": "UpperRoman", "lower-alpha": "LowerAlpha", "lower-latin": "LowerAlpha",
    "upper-alpha": "UpperAlpha", "upper-latin": "UpperAlpha", "disc": "Disc",
    "circle": "Circle", "square": "Square", "none": "None",
}  # fmt: skip


def install() -> None:
    """Wrap WeasyPrint's structure tree builder (once per process)."""
    libraries.import_weasyprint()
    try:
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover
        return
    original = getattr(tags, "_build_box_tree", None)
    if original is None or getattr(original, "ikonzept", False):
        return

    def build_box_tree(box: Any, parent: Any, pdf: Any, *args: Any) -> Any:
        for element in original(box, parent, pdf, *args):
            if getattr(box, "element", None) is not None and not _passes_through(box):
                _annotate(box, element, pdf)
            yield element

    build_box_tree.ikonzept = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


def _passes_through(box: Any) -> bool:
    """Boxes whose call yields their children's elements, not one of their own."""
    from weasyprint.formatting_structure import boxes

    return box.element_tag in ("html", "body") or isinstance(box, boxes.PageBox)


def _serial(pdf: Any, node: Any, pseudo: str) -> int:
    """A number for an HTML element (or one of its pseudo-elements), unique in this PDF."""
    numbers: dict[tuple[int, str], tuple[Any, int]] = pdf.__dict__.setdefault(
        "_ikonzept_elements", {}
    )
    key = (id(node), pseudo)
    if key not in numbers:
        numbers[key] = (node, len(numbers) + 1)  # the node is kept: its id stays unique
    return numbers[key][1]


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _annotate(box: Any, element: Any, pdf: Any) -> None:
    import pydyf

    node, tag = box.element, box.element_tag
    name, _, pseudo = tag.partition("::")
    element[ELEMENT[1:]] = _serial(pdf, node, pseudo)
    if getattr(box, "is_leader", False):
        element[DECORATION[1:]] = True
    if CONTINUATION_ATTRIBUTE in node.attrib and not pseudo:
        element[CONTINUES[1:]] = True
    if node.attrib.get("role") == "doc-toc" and not pseudo:
        element[CONTENTS[1:]] = True
    if pseudo == "footnote-call":
        element[NOTE_CALL[1:]] = _serial(pdf, node, "")
        element["S"] = "/Reference"
    elif pseudo == "footnote-marker":
        element["S"] = "/Lbl"
    if pseudo:
        return
    if name == "a" and box.link_annotation is not None:
        label = node.attrib.get("aria-label") or node.attrib.get("title") or _text(node)
        element[TEXT[1:]] = pydyf.String(label)
    elif name == "abbr" and node.attrib.get("title"):
        element["S"] = "/Span"
        element["E"] = pydyf.String(node.attrib["title"])
    elif name in _CHANGES:
        element["S"] = "/Span"
        element[CHANGE[1:]] = pydyf.String(_CHANGES[name])
        element[TEXT[1:]] = pydyf.String(_text(node))
    elif name in ("ol", "ul", "dl"):
        style = "none" if name == "dl" else str(box.style["list_style_type"])
        numbering = _NUMBERING.get(style, "None")
        element["A"] = pydyf.Dictionary({"O": "/List", "ListNumbering": f"/{numbering}"})
    elif name == "th" and isinstance(element.get("A"), pydyf.Dictionary):
        scope = node.attrib.get("scope", "col").lower()
        element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
