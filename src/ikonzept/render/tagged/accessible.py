"""Make a tagged PDF from WeasyPrint what PDF/UA-1 asks for and a screen reader needs.

Runs on every tagged PDF we write (each part of a long concept, the proposal, the Synopse,
the plans), on WeasyPrint's objects before the file is written (`render/tagged/structure`),
with the hints `render/tagged/tagging` left in the structure tree:

- running headers and footers, leaders and repeated table headers become artifacts
  (`render/artifacts`), so that a screen reader does not read „Seite 3 von 100“ or a row
  of dots as content;
- an element that WeasyPrint wrote once per page or line (a section over three pages, a
  link over two lines) becomes one element again;
- footnotes become Note elements with an ID, right after their call (a Reference);
- links and tables of contents as `render/navigation` makes them;
- deletions and insertions in the Synopse say so („gestrichen: …“);
- every element ID is in the IDTree, with a prefix that keeps the IDs of joined parts apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ikonzept.render.tagged import artifacts, navigation, tagging
from ikonzept.render.tagged.structure import Marked, Node, Tree, id_tree, is_objr, text


def repair(
    pdf: Any, *, pages: Mapping[str, int], id_prefix: str = "", version: str = "1.7"
) -> artifacts.Unmarked:
    """Repair the structure of a tagged PDF (WeasyPrint's pydyf objects, before writing);
    ``pages`` gives the printed page number of every anchor, ``id_prefix`` keeps the IDs of
    a document's parts apart, ``version`` is the PDF version the file will have.

    Returns the artifacts that only a parsed content stream can mark (`artifacts.mark`).
    """
    tree = Tree.read(pdf)
    _drop_decoration(tree)
    _relocate_notes(tree)
    headers: dict[str, str] = {}
    for node in tree.top:
        _merge_fragments(node, tree, headers)
    navigation.links(tree, pages, version)
    navigation.table_of_contents(tree)
    _changes(tree)
    _identify(tree, id_prefix, headers)
    claimed = tree.claimed()
    tree.write()
    return artifacts.mark_streams(tree, claimed)


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
            _remove(node, tree, artifacts.LAYOUT)


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
        node.rename("Note")
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


def _merge_fragments(node: Node, tree: Tree, headers: dict[str, str]) -> None:
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


def _absorb(first: Node, later: Node, tree: Tree, headers: dict[str, str]) -> None:
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
    first: Node, later: Node, tree: Tree, headers: dict[str, str]
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
            kept += _discard(kid, tree, artifacts.PAGINATION)
        else:
            kept.append(kid)
    return kept


def _note_header(kept: Node, dropped: Node, headers: dict[str, str]) -> None:
    """Cells that named the dropped element's ID as their header name the kept one's."""
    if "ID" in dropped.obj and "ID" in kept.obj:
        headers[text(dropped.obj["ID"])] = text(kept.obj["ID"])


def _changes(tree: Tree) -> None:
    """Deleted and inserted text says so, while the page shows strike-through and underline."""
    import pydyf

    for node in tree.walk():
        change = node.hint(tagging.CHANGE)
        if change is not None:
            node.obj["ActualText"] = pydyf.String(f"{change}: {node.hint(tagging.TEXT)}")


def _identify(tree: Tree, prefix: str, headers: dict[str, str]) -> None:
    """IDs for notes; every ID with the prefix, header references to match; the IDTree."""
    import pydyf

    found: dict[str, Any] = {}
    notes = 0
    for node in tree.walk():
        obj = node.obj
        if node.kind == "Note":
            notes += 1
            obj["ID"] = f"fussnote-{notes}"
        if "ID" in obj:
            identifier = prefix + text(obj["ID"])
            obj["ID"] = pydyf.String(identifier)
            found[identifier] = obj
        attributes = obj.get("A")
        if isinstance(attributes, dict) and "Headers" in attributes:
            attributes["Headers"] = pydyf.Array(
                [
                    pydyf.String(prefix + headers.get(text(h), text(h)))
                    for h in attributes["Headers"]
                ]
            )
    root = tree.root
    if found:
        root["IDTree"] = id_tree(tree, found).reference
    else:
        root.pop("IDTree", None)
