"""The structure tree of a PDF as WeasyPrint wrote it, as plain objects to rearrange.

WeasyPrint tags each page on its own: a section, list or table that runs over three pages
is three elements, one per page. `Tree` reads the elements once (with the hints of
`render/tagged/tagging`), lets `render/tagged/accessible` move, merge and drop them, and writes the
result back: kids, parents, marked-content references across pages and the parent tree,
all derived from the one model, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeGuard

from ikonzept.render.tagged import tagging


def id_tree(pdf: Any, ids: Mapping[bytes, Any]) -> Any:
    """An IDTree for ``ids`` (ID → structure element): one flat name tree, sorted."""
    import pikepdf

    names: list[Any] = []
    for identifier in sorted(ids):
        names += [pikepdf.String(identifier), ids[identifier]]
    return pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))


class Marked(NamedTuple):
    """A marked-content sequence: page index and MCID."""

    page: int
    mcid: int


@dataclass(eq=False, slots=True)
class Node:
    """A structure element; ``kids`` holds nodes, marked content and OBJR dictionaries."""

    obj: Any  # pikepdf.Dictionary
    kind: str  # the structure type, without the slash
    page: int | None
    kids: list[Node | Marked | Any] = field(default_factory=list)
    parent: Node | None = None
    # The hints of `render/tagged/tagging`, read once (dictionary look-ups in pikepdf are slow).
    hints: dict[str, Any] = field(default_factory=dict)

    def hint(self, key: str) -> Any:
        return self.hints.get(key)

    def rename(self, kind: str) -> None:
        import pikepdf

        self.kind = kind
        self.obj.S = pikepdf.Name("/" + kind)

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
    return not isinstance(kid, (Node, Marked)) and kid.get("/Type") == "/OBJR"  # type: ignore[attr-defined]


@dataclass(slots=True)
class Tree:
    """The whole structure: the root's elements and everything needed to write it back."""

    pdf: Any
    top: list[Node]
    pages: list[Any]  # page dictionaries by index
    page_index: dict[tuple[int, int], int]  # page object → index
    # MCIDs that are no longer content (page, mcid) → artifact type (/Pagination, /Layout)
    artifacts: dict[Marked, str] = field(default_factory=dict)

    @classmethod
    def read(cls, pdf: Any) -> Tree:
        import pikepdf

        root = pdf.Root.StructTreeRoot
        pages = [page.obj for page in pdf.pages]
        index = {page.objgen: number for number, page in enumerate(pages)}
        tree = cls(pdf, [], pages, index)

        def node(obj: Any, parent: Node | None) -> Node:
            page_obj = obj.get("/Pg")
            page = index.get(page_obj.objgen) if page_obj is not None else None
            hints = {key: obj[key] for key in obj if key.startswith(tagging.PREFIX)}
            made = Node(obj, str(obj.S)[1:], page, parent=parent, hints=hints)
            kids = obj.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if kid is None:
                    continue
                if isinstance(kid, int):
                    assert page is not None
                    made.kids.append(Marked(page, kid))
                elif kid.get("/Type") == "/MCR":
                    made.kids.append(Marked(index[kid.Pg.objgen], int(kid.MCID)))
                elif kid.get("/Type") == "/OBJR":
                    made.kids.append(kid)
                else:
                    made.kids.append(node(kid, made))
            return made

        kids = root.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if kid is not None:
                tree.top.append(node(kid, None))
        return tree

    def walk(self) -> Iterator[Node]:
        for node in self.top:
            yield from node.walk()

    def wrap(self, node: Node, kind: str) -> Node:
        """Put ``node`` into a new element of ``kind``, in its place."""
        import pikepdf

        assert node.parent is not None
        obj = self.pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + kind), K=pikepdf.Array()
            )
        )
        if node.page is not None:
            obj.Pg = self.pages[node.page]
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
        import pikepdf

        pdf, root = self.pdf, self.pdf.Root.StructTreeRoot
        by_page: list[dict[int, Any]] = [{} for _ in self.pages]
        annotations: list[tuple[Any, Any]] = []
        for top in self.top:
            top.obj.P = root
        for node in self.walk():
            kids: list[Any] = []
            for kid in node.kids:
                if isinstance(kid, Node):
                    kid.obj.P = node.obj
                    kids.append(kid.obj)
                elif isinstance(kid, Marked):
                    by_page[kid.page][kid.mcid] = node.obj
                    if kid.page == node.page:
                        kids.append(kid.mcid)
                    else:
                        reference = pikepdf.Dictionary(
                            Type=pikepdf.Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid
                        )
                        kids.append(reference)
                else:
                    annotations.append((kid.Obj, node.obj))
                    kids.append(kid)
            node.obj.K = pikepdf.Array(kids)
            for key in node.hints:
                if key != tagging.CONTINUES:
                    del node.obj[key]
        nums: list[Any] = []
        for number, page in enumerate(self.pages):
            claimed = by_page[number]
            page.StructParents = number
            size = max(claimed, default=-1) + 1
            nums += [number, pikepdf.Array([claimed.get(m) for m in range(size)])]
        next_key = len(self.pages)
        for annotation, element in annotations:
            annotation.StructParent = next_key
            nums += [next_key, element]
            next_key += 1
        root.K = pikepdf.Array([node.obj for node in self.top])
        root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        root.ParentTreeNextKey = next_key


def pdf_string(text: str) -> Any:
    import pikepdf

    return pikepdf.String(text)
