"""Join the PDFs of a document's parts into one tagged, archivable PDF (with pikepdf).

The first part is the base: its catalog carries the metadata (XMP with the PDF/A and
PDF/UA identification, Info, output intent, language, MarkInfo). The pages of the other
parts are appended, and with them everything that makes the document one:

- the structure tree: the Document elements of the parts are concatenated, and an element
  a part reopened (a chapter that goes on, marked by `render/tagged/tagging`) continues the
  element of the part before; the keys of the parent tree (one per page, then one per
  link annotation) are shifted; the IDTrees are joined (`render/tagged/accessible` prefixed the
  IDs of each part with its number);
- the fonts: each part has its own subsets, which get their own subset tags;
- the named destinations, each taken from the part that holds the anchor (the other parts
  only had a stand-in, so that WeasyPrint kept the links pointing there);
- the outline, built anew from the bookmark levels, so that a field of action in part 3
  sits under its pillar in part 2.
"""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ikonzept.base import fsutil
from ikonzept.render.layout.pages import Bookmark, Numbering, PartLayout
from ikonzept.render.tagged import subsets


def merge(files: Sequence[Path], layouts: Sequence[PartLayout], target: Path) -> None:
    """Write the joined document to ``target`` atomically."""
    import pikepdf

    with pikepdf.open(files[0]) as base:
        # Untagged variants (e.g. --pdf-variant pdf/a-2b) have no structure tree.
        structure = _Structure(base) if "/StructTreeRoot" in base.Root else None
        destinations: dict[str, Any] = _destinations(base, layouts[0], base, 0)
        for file, layout in zip(files[1:], layouts[1:], strict=True):
            with pikepdf.open(file) as part:
                first_page = len(base.pages)
                with warnings.catch_warnings():
                    # pikepdf warns that named destinations are not carried over: they are,
                    # by `_destinations`.
                    warnings.simplefilter("ignore")
                    base.pages.extend(part.pages)
                if structure is not None:
                    structure.append(part, first_page)
                destinations.update(_destinations(base, layout, part, first_page))
                _detach_streams(base, part)
        if structure is not None:
            structure.finish()
        subsets.retag(base)
        _set_destinations(base, destinations)
        _set_outline(base, _global_bookmarks(layouts))
        data = subsets.to_bytes(base)
    fsutil.write_bytes(target, data)


def _document_element(tree: Any) -> Any:
    import pikepdf

    return tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K


class _Structure:
    """The structure tree of the joined document: its Document element and parent tree."""

    def __init__(self, base: Any) -> None:
        self.base = base
        self.tree = base.Root.StructTreeRoot
        self.document = _document_element(self.tree)
        self.nums: list[Any] = list(self.tree.ParentTree.Nums)
        self.next_key = _next_key(self.nums)
        self.ids: dict[bytes, Any] = _id_tree(self.tree)

    def append(self, part: Any, first_page: int) -> None:
        """Add the structure of a part whose pages were appended from ``first_page`` on."""
        base, tree = self.base, part.Root.StructTreeRoot
        for kid in _document_element(tree).K:
            # Cut the link to the part's own Document element first: copying follows every
            # reference and would otherwise copy the part's Document and root along.
            del kid.P
            copied = base.copy_foreign(kid)
            if not _continue(self.document, copied):
                copied.P = self.document
                self.document.K.append(copied)
        for identifier, element in _id_tree(tree).items():
            self.ids[identifier] = base.copy_foreign(element)
        part_nums = list(tree.ParentTree.Nums)
        for position in range(0, len(part_nums), 2):
            key = self.next_key + int(part_nums[position])
            self.nums += [key, _copied(base, part_nums[position + 1])]
        shift = self.next_key
        for page in base.pages[first_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + shift
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + shift
        self.next_key = shift + _next_key(part_nums)

    def finish(self) -> None:
        import pikepdf

        nums = pikepdf.Array(self.nums)
        self.tree.ParentTree = self.base.make_indirect(pikepdf.Dictionary(Nums=nums))
        self.tree.ParentTreeNextKey = self.next_key
        if self.ids:
            self.tree.IDTree = _new_id_tree(self.base, self.ids)


def _new_id_tree(pdf: Any, ids: dict[bytes, Any]) -> Any:
    """An IDTree for ``ids`` (ID → structure element): one flat name tree, sorted."""
    import pikepdf

    names: list[Any] = []
    for identifier in sorted(ids):
        names += [pikepdf.String(identifier), ids[identifier]]
    return pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))


def _id_tree(tree: Any) -> dict[bytes, Any]:
    import pikepdf

    if "/IDTree" not in tree:
        return {}
    return {bytes(k.encode("latin-1") if isinstance(k, str) else k): v
            for k, v in pikepdf.NameTree(tree.IDTree).items()}  # fmt: skip


def _continue(parent: Any, element: Any) -> bool:
    """Join an element a part reopened with the last kid of ``parent``, which it continues.

    The split reopens the chain of elements around the cut (`main`, the pillar's section):
    the first kid of the continuation may itself continue the last kid of the element it
    continues. Elements with content of their own are left apart (their marked content
    belongs to them in the parent tree).
    """
    import pikepdf

    from ikonzept.render.tagged.tagging import CONTINUES

    if CONTINUES not in element:
        return False
    del element[CONTINUES]
    kids = parent.get("/K")
    last = kids[len(kids) - 1] if isinstance(kids, pikepdf.Array) and len(kids) else None
    own = element.get("/K")
    own = list(own) if isinstance(own, pikepdf.Array) else []
    if (
        not isinstance(last, pikepdf.Dictionary)
        or last.get("/S") != element.get("/S")
        or not own
        or not all(isinstance(kid, pikepdf.Dictionary) and "/S" in kid for kid in own)
    ):
        return False
    for position, kid in enumerate(own):
        if position == 0 and _continue(last, kid):
            continue
        kid.P = last
        last.K.append(kid)
    return True


def _detach_streams(base: Any, part: Any) -> None:
    """Give the copied streams their own data, so that the part can be closed now.

    pikepdf copies stream data lazily, from the open source file, when ``base`` is saved;
    keeping every part open until then costs twice the memory of the joined document.
    """
    import pikepdf

    metadata = part.Root.get("/Metadata")
    for source in part.objects:
        if not isinstance(source, pikepdf.Stream):
            continue
        if metadata is not None and source.objgen == metadata.objgen:
            continue  # the part's XMP is not copied: the base's describes the document
        copied = base.copy_foreign(source)  # the existing copy (copies are remembered)
        copied.write(
            source.read_raw_bytes(),
            filter=copied.get("/Filter"),
            decode_parms=copied.get("/DecodeParms"),
            type_check=False,
        )


def _copied(base: Any, value: Any) -> Any:
    """A parent-tree value (an element, or a page's array of them) as an object of ``base``."""
    import pikepdf

    if value is None:  # an MCID that is an artifact now
        return None
    if value.is_indirect:
        return base.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(base, item) for item in value])
    return value


def _next_key(nums: Sequence[Any]) -> int:
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max(keys, default=-1) + 1


def _destinations(base: Any, layout: PartLayout, part: Any, first_page: int) -> dict[str, Any]:
    """The named destinations of the anchors this part really holds, on the joined pages."""
    import pikepdf

    if "/Names" not in part.Root or "/Dests" not in part.Root.Names:
        return {}
    index = {page.obj.objgen: number for number, page in enumerate(part.pages)}
    found: dict[str, Any] = {}
    for name, destination in pikepdf.NameTree(part.Root.Names.Dests).items():
        if name not in layout.anchors or not isinstance(destination, pikepdf.Array):
            continue
        page = index.get(destination[0].objgen)
        if page is None:
            continue
        found[name] = pikepdf.Array([base.pages[first_page + page].obj, *list(destination)[1:]])
    return found


def _set_destinations(base: Any, destinations: dict[str, Any]) -> None:
    import pikepdf

    flat: list[Any] = []
    for name in sorted(destinations):
        flat += [pikepdf.String(name), destinations[name]]
    if "/Names" not in base.Root:
        base.Root.Names = pikepdf.Dictionary()
    base.Root.Names.Dests = base.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _global_bookmarks(layouts: Sequence[PartLayout]) -> list[Bookmark]:
    """Every part's bookmarks, with page numbers counted over the whole document."""
    offsets = Numbering.of(layouts).offsets
    return [
        dataclasses.replace(mark, page=offset + mark.page)
        for layout, offset in zip(layouts, offsets, strict=True)
        for mark in layout.bookmarks
    ]


def _set_outline(base: Any, bookmarks: Sequence[Bookmark]) -> None:
    """The outline as WeasyPrint writes it, nested by bookmark level across parts."""
    import pikepdf

    root = base.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    # (level, item, children); the root has level 0.
    stack: list[tuple[int, Any, list[Any]]] = [(0, root, [])]
    every: list[tuple[Any, list[Any], bool]] = [(root, stack[0][2], False)]
    for mark in bookmarks:
        while len(stack) > 1 and stack[-1][0] >= mark.level:
            stack.pop()
        parent = stack[-1]
        item = base.make_indirect(
            pikepdf.Dictionary(
                Title=pikepdf.String(mark.label),
                Dest=pikepdf.Array(
                    [base.pages[mark.page].obj, pikepdf.Name.XYZ, mark.x, mark.y, 0]
                ),
                Parent=parent[1],
            )
        )
        parent[2].append(item)
        children: list[Any] = []
        stack.append((mark.level, item, children))
        every.append((item, children, mark.closed))
    for item, children, _closed in every:
        for previous, following in itertools.pairwise(children):
            previous.Next = following
            following.Prev = previous
        if children:
            item.First, item.Last = children[0], children[-1]
    # Count: visible descendants (negative when closed), computed bottom-up.
    for item, children, closed in reversed(every):
        visible = sum(1 + max(int(child.get("/Count", 0)), 0) for child in children)
        if item is root:
            item.Count = visible
        elif children:
            item.Count = -visible if closed else visible
        else:
            item.Count = 0
    if bookmarks:
        base.Root.Outlines = root
    elif "/Outlines" in base.Root:
        del base.Root.Outlines
