"""Make a tagged PDF from WeasyPrint what PDF/UA-1 asks for and a screen reader needs.

Runs on every tagged PDF we write (each part of a long concept, the proposal, the Synopse),
with the hints `render/tagging` left in the structure tree:

- running headers and footers, leaders and repeated table headers become artifacts, so
  that a screen reader does not read „Seite 3 von 100“ or a row of dots as content;
- an element that WeasyPrint wrote once per page or line (a section over three pages, a
  link over two lines) becomes one element again;
- footnotes become Note elements with an ID, right after their call (a Reference);
- a link is one Link element with one annotation per page, described in /Contents
  („Glossar, Seite 88“); annotations inside the link's text move into it;
- deletions and insertions in the Synopse say so („gestrichen: …“);
- every element ID is in the IDTree, with a prefix that keeps the IDs of joined parts apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ikonzept.render import tagging
from ikonzept.render.structure import Marked, Node, Tree, is_objr

PAGINATION = "/Pagination"
LAYOUT = "/Layout"


def repair(pdf: Any, *, pages: Mapping[str, int], id_prefix: str = "") -> None:
    """Repair the structure of a tagged PDF (pikepdf); ``pages`` gives the printed page
    number of every anchor, ``id_prefix`` keeps the IDs of a document's parts apart."""
    tree = Tree.read(pdf)
    _drop_decoration(tree)
    _relocate_notes(tree)
    headers: dict[bytes, bytes] = {}
    for node in tree.top:
        _merge_fragments(node, tree, headers)
    _links(tree, pages)
    _table_of_contents(tree)
    _changes(tree)
    _identify(tree, id_prefix, headers)
    claimed = tree.claimed()
    tree.write()
    _mark_artifacts(pdf, claimed, tree.artifacts)


def _discard(node: Node, tree: Tree, kind: str) -> list[Any]:
    """Make the content of ``node`` an artifact; returns the annotations it held (OBJRs)."""
    for marked in node.marked():
        tree.artifacts[marked] = kind
    return [kid for below in node.walk() for kid in below.kids if is_objr(kid)]


def _remove(node: Node, tree: Tree, kind: str) -> None:
    """Drop ``node``: its content becomes an artifact, its annotations go to its parent."""
    kept = _discard(node, tree, kind)
    if node.parent is not None:
        node.parent.replace(node, kept)
    else:
        tree.top.remove(node)


def _drop_decoration(tree: Tree) -> None:
    """Leaders (the dots in the table of contents) are layout, not text."""
    for node in list(tree.walk()):
        if node.hint(tagging.DECORATION):
            _remove(node, tree, LAYOUT)


def _relocate_notes(tree: Tree) -> None:
    """Put every footnote body, as a Note, right after its call, and give the call its role.

    WeasyPrint tags the bodies where it draws them: in the footnote area at the foot of the
    page, after the page's text, under the Document element.
    """
    calls = {int(n.hint(tagging.NOTE_CALL)): n for n in tree.walk() if n.hint(tagging.NOTE_CALL)}
    if not calls:
        return
    emptied: dict[int, Node] = {}  # the footnote areas, by identity
    for node in list(tree.walk()):
        call = calls.get(node.serial) if node.serial is not None else None
        if call is None or node is call or node.parent is None:
            continue
        if node.parent.serial == node.serial:
            continue  # inside a body already moved
        emptied[id(node.parent)] = node.parent
        node.parent.replace(node, [])
        node.kind = "Note"
        node.obj.S = _name("Note")
        anchor = call
        while anchor.parent is not None:
            following = _next_sibling(anchor)
            if following is None or following.serial != node.serial:
                break
            anchor = following  # a body continued from an earlier page: after that part
        assert anchor.parent is not None
        anchor.parent.insert_after(anchor, node)
    for container in emptied.values():
        if not container.kids and container.parent is not None:
            container.parent.replace(container, [])
        elif not container.kids and container in tree.top:
            tree.top.remove(container)


def _next_sibling(node: Node) -> Node | None:
    assert node.parent is not None
    kids = node.parent.kids
    index = next(i for i, k in enumerate(kids) if k is node)
    following = kids[index + 1] if index + 1 < len(kids) else None
    return following if isinstance(following, Node) else None


def _same(a: Node, b: Node) -> bool:
    """Fragments of one HTML element (or pseudo-element)."""
    return a.serial is not None and a.serial == b.serial and a.kind == b.kind


def _merge_fragments(node: Node, tree: Tree, headers: dict[bytes, bytes]) -> None:
    """Join neighbouring fragments of one HTML element (pages, lines), top down."""
    kids: list[Node | Marked | Any] = []
    for kid in node.kids:
        last = kids[-1] if kids else None
        if isinstance(last, Node) and isinstance(kid, Node) and _same(last, kid):
            _absorb(last, kid, tree, headers)
        else:
            kids.append(kid)
    node.kids = kids
    for kid in kids:
        if isinstance(kid, Node):
            _merge_fragments(kid, tree, headers)


def _absorb(first: Node, later: Node, tree: Tree, headers: dict[bytes, bytes]) -> None:
    """Move the kids of ``later`` into ``first``, which it continues."""
    kids = later.kids
    if first.kind == "Table":
        kids = _without_repeated_groups(first, later, tree, headers)
    elif first.kind == "TR":
        # A row over two pages: each cell continues its own cell, not the last one.
        cells = {kid.serial: kid for kid in first.kids if isinstance(kid, Node)}
        rest: list[Node | Marked | Any] = []
        for kid in kids:
            match = cells.get(kid.serial) if isinstance(kid, Node) else None
            if match is not None and isinstance(kid, Node) and _same(match, kid):
                _note_header(match, kid, headers)
                _absorb(match, kid, tree, headers)
            else:
                rest.append(kid)
        kids = rest
    _note_header(first, later, headers)
    for kid in kids:
        first.append(kid)


def _without_repeated_groups(
    first: Node, later: Node, tree: Tree, headers: dict[bytes, bytes]
) -> list[Node | Marked | Any]:
    """The kids of a table's later fragment, without the header rows repeated on its page."""
    groups = {
        kid.serial: kid
        for kid in first.kids
        if isinstance(kid, Node) and kid.kind in ("THead", "TFoot")
    }
    kept: list[Node | Marked | Any] = []
    for kid in later.kids:
        original = groups.get(kid.serial) if isinstance(kid, Node) else None
        if original is not None and isinstance(kid, Node) and original.kind == kid.kind:
            cells = {cell.serial: cell for cell in original.walk() if cell.kind == "TH"}
            for cell in kid.walk():
                if cell.kind == "TH" and cell.serial in cells:
                    _note_header(cells[cell.serial], cell, headers)
            kept += _discard(kid, tree, PAGINATION)
        else:
            kept.append(kid)
    return kept


def _note_header(kept: Node, dropped: Node, headers: dict[bytes, bytes]) -> None:
    """Cells that named the dropped element's ID as their header name the kept one's."""
    if "/ID" in dropped.obj and "/ID" in kept.obj:
        headers[bytes(dropped.obj.ID)] = bytes(kept.obj.ID)


def _links(tree: Tree, pages: Mapping[str, int]) -> None:
    for node in list(tree.walk()):
        if node.kind == "Link" and not _inside_link(node):
            _gather_link(node)
            _one_annotation_per_page(node, tree)
            for kid in node.kids:
                if is_objr(kid):
                    kid.Obj.Contents = _pdf_string(_describe(kid.Obj, node, pages))
    # An annotation that WeasyPrint put under another element: its element is the link.
    for node in list(tree.walk()):
        if node.kind != "Link" and any(is_objr(kid) for kid in node.kids):
            node.kind = "Link"
            node.obj.S = _name("Link")


def _inside_link(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.kind == "Link":
            return True
        parent = parent.parent
    return False


def _gather_link(link: Node) -> None:
    """One Link element per link: nested Links dissolve, annotations move up to it."""
    moved: list[Any] = []
    for node in list(link.walk()):
        if node is link:
            continue
        objrs = [kid for kid in node.kids if is_objr(kid)]
        if objrs:
            node.kids = [kid for kid in node.kids if not is_objr(kid)]
            moved += objrs
        if node.kind == "Link" and node.parent is not None:
            node.parent.replace(node, node.kids)
    for objr in moved:
        link.append(objr)


def _target(annotation: Any) -> str:
    if "/Dest" in annotation:
        return "#" + str(annotation.Dest)
    action = annotation.get("/A")
    return str(action.get("/URI", "")) if action is not None else ""


def _one_annotation_per_page(link: Node, tree: Tree) -> None:
    """A link over several lines: one annotation that covers them all (QuadPoints)."""
    import pikepdf

    by_page: dict[tuple[int, str], list[Any]] = {}
    for kid in link.kids:
        if is_objr(kid):
            page = tree.page_index.get(kid.Pg.objgen, -1) if "/Pg" in kid else -1
            by_page.setdefault((page, _target(kid.Obj)), []).append(kid)
    dropped: set[tuple[int, int]] = set()
    for (page, _), objrs in by_page.items():
        if len(objrs) < 2 or page < 0:
            continue
        keep = objrs[0].Obj
        rects = [[float(v) for v in objr.Obj.Rect] for objr in objrs]
        keep.Rect = pikepdf.Array(
            [min(r[0] for r in rects), min(r[1] for r in rects),
             max(r[2] for r in rects), max(r[3] for r in rects)]
        )  # fmt: skip
        if tree.pdf.pdf_version >= "1.6":
            # Upper left, upper right, lower left, lower right, as readers expect them.
            keep.QuadPoints = pikepdf.Array(
                [v for x1, y1, x2, y2 in rects for v in (x1, y2, x2, y2, x1, y1, x2, y1)]
            )
        dropped |= {objr.Obj.objgen for objr in objrs[1:]}
        page_obj = tree.pages[page]
        page_obj.Annots = pikepdf.Array([a for a in page_obj.Annots if a.objgen not in dropped])
    if dropped:
        link.kids = [k for k in link.kids if not (is_objr(k) and k.Obj.objgen in dropped)]


def _describe(annotation: Any, link: Node, pages: Mapping[str, int]) -> str:
    """What the link leads to, for a screen reader: „Glossar, Seite 88“."""
    text_hint = link.hint(tagging.TEXT)
    text = str(text_hint) if text_hint is not None else ""
    target = _target(annotation)
    if target.startswith("#"):
        number = pages.get(target[1:])
        if number is None:
            return text or str(annotation.get("/Contents", target))
        return f"{text}, Seite {number}" if text else f"Seite {number}"
    if target.lower().startswith("mailto:"):
        return f"E-Mail an {target[7:]}"
    if not text or text == target:
        return f"Internetseite {target}"
    return f"{text}, Internetseite {target}"


def _table_of_contents(tree: Tree) -> None:
    """The lists of a table of contents become TOC, their items TOCI, each link a Reference."""
    for node in list(tree.walk()):
        if node.hint(tagging.CONTENTS):
            for below in list(node.walk()):
                if below.kind == "L":
                    _rename(below, "TOC")
                elif below.kind == "LI":
                    _rename(below, "TOCI")
                elif below.kind == "LBody" and below.parent is not None:
                    below.parent.replace(below, below.kids)
            for below in list(node.walk()):
                if below.kind == "Link" and below.parent is not None:
                    _wrap(below, "Reference", tree)
            for below in list(node.walk()):
                if below.kind == "TOCI":
                    _entry_parts(below, tree)


def _entry_parts(entry: Node, tree: Tree) -> None:
    """What else an entry holds (such as a space between its link and a nested list) is a P."""
    for kid in entry.children():
        if kid.kind == "NonStruct":
            _entry_parts(kid, tree)
        elif kid.kind not in ("TOC", "Lbl", "Reference", "P"):
            _wrap(kid, "P", tree)


def _rename(node: Node, kind: str) -> None:
    node.kind = kind
    node.obj.S = _name(kind)
    if "/A" in node.obj and kind == "TOC":
        del node.obj.A  # ListNumbering belongs to lists


def _wrap(node: Node, kind: str, tree: Tree) -> None:
    """Put ``node`` into a new element of ``kind`` in its place."""
    import pikepdf

    assert node.parent is not None
    obj = tree.pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=_name(kind), K=pikepdf.Array())
    )
    if node.page is not None:
        obj.Pg = tree.pages[node.page]
    wrapper = Node(obj, kind, node.page)
    node.parent.replace(node, [wrapper])
    wrapper.append(node)


def _changes(tree: Tree) -> None:
    """Deleted and inserted text says so, while the page shows strike-through and underline."""
    for node in tree.walk():
        change = node.hint(tagging.CHANGE)
        if change is not None:
            node.obj.ActualText = _pdf_string(f"{change}: {node.hint(tagging.TEXT)}")


def _identify(tree: Tree, prefix: str, headers: dict[bytes, bytes]) -> None:
    """IDs for notes; every ID with the prefix, header references to match; the IDTree."""
    import pikepdf

    found: dict[bytes, Any] = {}
    notes = 0
    for node in tree.walk():
        if node.kind == "Note":
            notes += 1
            node.obj.ID = pikepdf.String(f"fussnote-{notes}".encode())
        if "/ID" in node.obj:
            identifier = prefix.encode() + bytes(node.obj.ID)
            node.obj.ID = pikepdf.String(identifier)
            found[identifier] = node.obj
        attributes = node.obj.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            attributes.Headers = pikepdf.Array(
                [
                    pikepdf.String(prefix.encode() + headers.get(bytes(h), bytes(h)))
                    for h in attributes.Headers
                ]
            )
    root = tree.pdf.Root.StructTreeRoot
    if found:
        names: list[Any] = []
        for identifier in sorted(found):
            names += [pikepdf.String(identifier), found[identifier]]
        root.IDTree = tree.pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))
    elif "/IDTree" in root:
        del root.IDTree


def _mark_artifacts(pdf: Any, claimed: set[Marked], kinds: dict[Marked, str]) -> None:
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


def _name(kind: str) -> Any:
    import pikepdf

    return pikepdf.Name("/" + kind)


def _pdf_string(text: str) -> Any:
    import pikepdf

    return pikepdf.String(text)
