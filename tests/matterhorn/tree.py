"""The structure tree of a tagged PDF, read once into plain Python objects.

Elements keep their dictionary (``obj``), their standard type after role mapping, their
parent and their kids in order: elements, marked content (page and MCID) and object
references (annotations).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD_TYPES = frozenset(
    [
        "Document",
        "Part",
        "Art",
        "Sect",
        "Div",
        "BlockQuote",
        "Caption",
        "TOC",
        "TOCI",
        "Index",
        "NonStruct",
        "Private",
        "P",
        "H",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "TR",
        "TH",
        "TD",
        "THead",
        "TBody",
        "TFoot",
        "Span",
        "Quote",
        "Note",
        "Reference",
        "BibEntry",
        "Code",
        "Link",
        "Annot",
        "Ruby",
        "RB",
        "RT",
        "RP",
        "Warichu",
        "WT",
        "WP",
        "Figure",
        "Formula",
        "Form",
    ]
)


@dataclass(frozen=True)
class Content:
    """A marked-content sequence claimed by an element."""

    page: int
    mcid: int


@dataclass(frozen=True)
class ObjectRef:
    """An annotation (or other object) claimed by an element through an OBJR."""

    page: int | None
    objgen: tuple[int, int]
    obj: pikepdf.Object


@dataclass(eq=False)
class Element:
    obj: pikepdf.Dictionary
    raw_type: str  # as written, without the slash
    type: str  # after role mapping; the raw type when the mapping fails
    parent: Element | None
    page: int | None
    kids: list[Element | Content | ObjectRef] = field(default_factory=list)
    depth: int = 0

    @property
    def children(self) -> list[Element]:
        return [kid for kid in self.kids if isinstance(kid, Element)]

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def contents(self) -> Iterator[Content]:
        for kid in self.kids:
            if isinstance(kid, Content):
                yield kid
            elif isinstance(kid, Element):
                yield from kid.contents()

    def get(self, key: str) -> pikepdf.Object | None:
        return self.obj.get(key)

    def attribute(self, owner: str, key: str) -> pikepdf.Object | None:
        """An attribute of the given owner (e.g. ``/Table``, ``/List``), from /A."""
        attributes = self.obj.get("/A")
        if attributes is None:
            return None
        items = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
        for item in items:
            if isinstance(item, pikepdf.Dictionary) and item.get("/O") == owner and key in item:
                return item[key]
        return None


@dataclass
class Tree:
    root: pikepdf.Dictionary
    elements: list[Element]  # in document order (depth first)
    top: list[Element]
    role_map: dict[str, str]
    role_map_errors: list[str]
    problems: list[str]  # structural defects found while reading (cycles, bad kids)
    parent_tree: dict[int, pikepdf.Object]
    ids: dict[bytes, list[Element]]
    id_tree: dict[bytes, pikepdf.Object] | None

    def walk(self) -> Iterator[Element]:
        for element in self.top:
            yield from element.walk()


def _standard(raw: str, role_map: dict[str, str]) -> tuple[str, str | None]:
    """The standard type a raw type maps to, or an error."""
    seen = [raw]
    current = raw
    while current not in STANDARD_TYPES:
        mapped = role_map.get(current)
        if mapped is None:
            return raw, f"„{raw}“ ist kein Standardtyp und hat keine Rollenzuordnung"
        if mapped in seen:
            return raw, f"Rollenzuordnung im Kreis: {' → '.join([*seen, mapped])}"
        seen.append(mapped)
        current = mapped
    return current, None


def _leaves(node: pikepdf.Object, key: str) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """The pairs of a number tree (``/Nums``) or name tree (``/Names``), in order."""
    pairs = node.get(key)
    if pairs is not None:
        for position in range(0, len(pairs) - 1, 2):
            yield pairs[position], pairs[position + 1]
    for kid in node.get("/Kids", ()):
        yield from _leaves(kid, key)


def read(pdf: pikepdf.Pdf) -> Tree | None:
    """The structure tree, or None when the document has none."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return None
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    role_map = {str(k)[1:]: str(v)[1:] for k, v in root.get("/RoleMap", {}).items()}
    tree = Tree(root, [], [], role_map, [], [], {}, {}, None)
    for raw in role_map:
        if raw in STANDARD_TYPES:
            tree.role_map_errors.append(f"Standardtyp „{raw}“ wird umgedeutet")
    if "/ParentTree" in root:
        tree.parent_tree = {int(k): v for k, v in _leaves(root.ParentTree, "/Nums")}
    if "/IDTree" in root:
        tree.id_tree = {bytes(k): v for k, v in _leaves(root.IDTree, "/Names")}
    seen: set[tuple[int, int]] = set()
    for kid in _as_list(root.get("/K")):
        element = _read_element(kid, None, pages, tree, seen, 0)
        if element is not None:
            tree.top.append(element)
    return tree


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _page(obj: pikepdf.Object, pages: dict[tuple[int, int], int]) -> int | None:
    page = obj.get("/Pg")
    return pages.get(page.objgen) if isinstance(page, pikepdf.Dictionary) else None


def _read_element(
    obj: pikepdf.Object, parent: Element | None, pages: dict[tuple[int, int], int],
    tree: Tree, seen: set[tuple[int, int]], depth: int,
) -> Element | None:  # fmt: skip
    if not isinstance(obj, pikepdf.Dictionary) or "/S" not in obj:
        tree.problems.append(
            f"Kind ohne Strukturtyp unter {parent.raw_type if parent else 'Wurzel'}"
        )
        return None
    if obj.is_indirect:
        if obj.objgen in seen:
            tree.problems.append(f"Strukturelement {obj.objgen} kommt zweimal im Baum vor")
            return None
        seen.add(obj.objgen)
    raw = str(obj.S)[1:]
    standard, error = _standard(raw, tree.role_map)
    if error and error not in tree.role_map_errors:
        tree.role_map_errors.append(error)
    element = Element(obj, raw, standard, parent, _page(obj, pages), depth=depth)
    tree.elements.append(element)
    if "/ID" in obj:
        tree.ids.setdefault(bytes(obj.ID), []).append(element)
    for kid in _as_list(obj.get("/K")):
        item = _read_kid(kid, element, pages, tree, seen, depth)
        if item is not None:
            element.kids.append(item)
    return element


def _read_kid(
    kid: pikepdf.Object, element: Element, pages: dict[tuple[int, int], int],
    tree: Tree, seen: set[tuple[int, int]], depth: int,
) -> Element | Content | ObjectRef | None:  # fmt: skip
    if isinstance(kid, int):
        if element.page is None:
            tree.problems.append(f"MCID {kid} in {element.raw_type} ohne Seite (/Pg)")
            return None
        return Content(element.page, kid)
    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
        page = _page(kid, pages)
        page = element.page if page is None else page
        if page is None or "/Stm" in kid:
            tree.problems.append(f"MCR in {element.raw_type} ohne Seite oder in einem Stream")
            return None
        return Content(page, int(kid.MCID))
    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
        return ObjectRef(_page(kid, pages), kid.Obj.objgen, kid.Obj)
    return _read_element(kid, element, pages, tree, seen, depth + 1)
