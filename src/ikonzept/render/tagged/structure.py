"""The structure tree of a PDF as WeasyPrint builds it, as plain objects to rearrange.

WeasyPrint tags each page on its own: a section, list or table that runs over three pages
is three elements, one per page. `Tree` reads the elements once (with the hints of
`render/tagged/tagging`), lets `render/tagged/accessible` move, merge and drop them, and writes the
result back: kids, parents, marked-content references across pages and the parent tree,
all derived from the one model, so they cannot disagree.

It works on WeasyPrint's own objects (pydyf), after the pages are drawn and before the file
is written: Python dictionaries, read and changed at a fraction of what reading the written
file back with pikepdf cost (a plan of 12 pages: 0.1 s to read its 4,000 elements). Elements
left out of the tree stay among the objects, unreferenced; qpdf, which saves the file
(`render/tagged/subsets`), writes only what the document references.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeGuard

from ikonzept.render.tagged import tagging

# PDF's null, as pydyf writes an item it is given as bytes.
NULL = b"null"


class Marked(NamedTuple):
    """A marked-content sequence: page index and MCID."""

    page: int
    mcid: int


@dataclass(eq=False, slots=True)
class Node:
    """A structure element; ``kids`` holds nodes, marked content and OBJR dictionaries."""

    obj: Any  # pydyf.Dictionary
    kind: str  # the structure type, without the slash
    page: int | None
    kids: list[Node | Marked | Any] = field(default_factory=list)
    parent: Node | None = None
    # The hints of `render/tagged/tagging`, by their PDF names („/IkElement“); strings as str.
    hints: dict[str, Any] = field(default_factory=dict)

    def hint(self, key: str) -> Any:
        return self.hints.get(key)

    def rename(self, kind: str) -> None:
        self.kind = kind
        self.obj["S"] = "/" + kind

    @property
    def serial(self) -> int | None:
        value = self.hints.get(tagging.ELEMENT)
        return int(value) if value is not None else None

    def children(self) -> list[Node]:
        return [kid for kid in self.kids if isinstance(kid, Node)]

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order.

        With a stack, not nested generators: those passed every node up through each level
        above it (a tagged plan of 12 pages: 1.5 million resumptions for 3,000 elements).
        """
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(kid for kid in reversed(node.kids) if isinstance(kid, Node))

    def marked(self) -> Iterator[Marked]:
        """Every marked-content sequence below this node, in document order."""
        stack: list[Node | Marked | Any] = list(reversed(self.kids))
        while stack:
            kid = stack.pop()
            if isinstance(kid, Marked):
                yield kid
            elif isinstance(kid, Node):
                stack.extend(reversed(kid.kids))

    def replace(self, kid: Node, by: list[Node | Marked | Any]) -> None:
        """Put ``by`` where ``kid`` was (an empty list removes it)."""
        index = next(i for i, k in enumerate(self.kids) if k is kid)
        self.kids[index : index + 1] = by
        for item in by:
            if isinstance(item, Node):
                item.parent = self

    def append(self, kid: Node | Marked | Any) -> None:
        self.kids.append(kid)
        if isinstance(kid, Node):
            kid.parent = self

    def insert_after(self, anchor: Node, kid: Node) -> None:
        index = next(i for i, k in enumerate(self.kids) if k is anchor)
        self.kids.insert(index + 1, kid)
        kid.parent = self


def is_objr(kid: object) -> TypeGuard[Any]:
    """An object reference (OBJR) to an annotation, as opposed to an element or content."""
    return not isinstance(kid, (Node, Marked)) and kid.get("Type") == "/OBJR"  # type: ignore[attr-defined]


def text(value: Any) -> str:
    """A string of pydyf's (or an already plain one) as text."""
    return str(getattr(value, "string", value))


@dataclass(slots=True)
class Tree:
    """The whole structure: the root's elements and everything needed to write it back."""

    pdf: Any  # pydyf.PDF
    top: list[Node]
    pages: list[Any]  # page dictionaries by index
    page_index: dict[bytes, int]  # page reference („12 0 R“) → index
    # MCIDs that are no longer content (page, mcid) → artifact type (/Pagination, /Layout)
    artifacts: dict[Marked, str] = field(default_factory=dict)

    @classmethod
    def read(cls, pdf: Any) -> Tree:
        references = list(pdf.page_references)
        index = {reference: number for number, reference in enumerate(references)}
        tree = cls(pdf, [], [resolve(pdf, r) for r in references], index)
        prefix = tagging.PREFIX[1:]

        def node(obj: Any, parent: Node | None) -> Node:
            page_reference = obj.get("Pg")
            page = index.get(page_reference) if page_reference is not None else None
            hints = {"/" + k: _plain(v) for k, v in obj.items() if k.startswith(prefix)}
            made = Node(obj, obj["S"][1:], page, parent=parent, hints=hints)
            for kid in _items(obj.get("K")):
                if isinstance(kid, int):
                    assert page is not None
                    made.kids.append(Marked(page, kid))
                    continue
                target = resolve(pdf, kid) if isinstance(kid, bytes) else kid
                kind = target.get("Type")
                if kind == "/MCR":
                    made.kids.append(Marked(index[target["Pg"]], int(target["MCID"])))
                elif kind == "/OBJR":
                    made.kids.append(target)
                else:
                    made.kids.append(node(target, made))
            return made

        for kid in _items(tree.root.get("K")):
            tree.top.append(node(resolve(pdf, kid), None))
        return tree

    @property
    def root(self) -> Any:
        return resolve(self.pdf, self.pdf.catalog["StructTreeRoot"])

    def add(self, obj: Any) -> Any:
        """``obj`` as an object of the file (it gets a number and a reference)."""
        self.pdf.add_object(obj)
        return obj

    def walk(self) -> Iterator[Node]:
        for node in self.top:
            yield from node.walk()

    def wrap(self, node: Node, kind: str) -> Node:
        """Put ``node`` into a new element of ``kind``, in its place."""
        import pydyf

        assert node.parent is not None
        obj = self.add(pydyf.Dictionary({"Type": "/StructElem", "S": "/" + kind}))
        if node.page is not None:
            obj["Pg"] = self.pages[node.page].reference
        wrapper = Node(obj, kind, node.page)
        node.parent.replace(node, [wrapper])
        wrapper.append(node)
        return wrapper

    def claimed(self) -> set[Marked]:
        return {marked for node in self.top for marked in node.marked()}

    def write(self) -> None:
        """Write kids, parents and the parent tree back; strip the hints.

        The mark of a reopened element stays: `render/layout/merge` needs it to join the parts.
        """
        import pydyf

        root = self.root
        by_page: list[dict[int, bytes]] = [{} for _ in self.pages]
        annotations: list[tuple[Any, bytes]] = []
        for top in self.top:
            top.obj["P"] = root.reference
        kept = tagging.CONTINUES[1:]
        for node in self.walk():
            kids = pydyf.Array()
            reference = node.obj.reference
            for kid in node.kids:
                if isinstance(kid, Node):
                    kid.obj["P"] = reference
                    kids.append(kid.obj.reference)
                elif isinstance(kid, Marked):
                    by_page[kid.page][kid.mcid] = reference
                    if kid.page == node.page:
                        kids.append(kid.mcid)
                    else:
                        kids.append(
                            pydyf.Dictionary(
                                {"Type": "/MCR", "Pg": self.pages[kid.page].reference,
                                 "MCID": kid.mcid}
                            )
                        )  # fmt: skip
                else:
                    annotations.append((resolve(self.pdf, kid["Obj"]), reference))
                    kids.append(kid.reference)
            node.obj["K"] = kids
            for key in node.hints:
                if key[1:] != kept:
                    del node.obj[key[1:]]
        nums = pydyf.Array()
        for number, page in enumerate(self.pages):
            claimed = by_page[number]
            page["StructParents"] = number
            size = max(claimed, default=-1) + 1
            nums += [number, pydyf.Array([claimed.get(m, NULL) for m in range(size)])]
        next_key = len(self.pages)
        for annotation, element in annotations:
            annotation["StructParent"] = next_key
            nums += [next_key, element]
            next_key += 1
        root["K"] = pydyf.Array([node.obj.reference for node in self.top])
        parents = self.add(pydyf.Dictionary({"Nums": nums}))
        root["ParentTree"] = parents.reference
        root["ParentTreeNextKey"] = next_key


def resolve(pdf: Any, reference: Any) -> Any:
    """The object a reference („12 0 R“) names; anything else as it is."""
    if isinstance(reference, bytes):
        return pdf.objects[int(reference.split(None, 1)[0])]
    return reference


def _plain(value: Any) -> Any:
    """A hint's value: a string of pydyf's as text, anything else as it is (numbers, true)."""
    return value.string if hasattr(value, "string") else value


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def id_tree(tree: Tree, ids: dict[str, Any]) -> Any:
    """An IDTree for ``ids`` (ID → structure element): one flat name tree, sorted."""
    import pydyf

    names = pydyf.Array()
    for identifier in sorted(ids, key=lambda i: i.encode("utf-8")):
        names += [pydyf.String(identifier), ids[identifier].reference]
    return tree.add(pydyf.Dictionary({"Names": names}))
