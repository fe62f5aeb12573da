"""Links and tables of contents in the structure tree, as a screen reader needs them.

- A link is one Link element (WeasyPrint nests one per box: the link, its ::after with the
  page number, the leader), with its annotations; annotations that WeasyPrint hung under a
  span inside the link move up to it.
- A link over several lines has one annotation per page, covering its lines (QuadPoints):
  one tab stop, not three.
- Each annotation says where it leads (/Contents): „Glossar, Seite 85“.
- A table of contents (`role="doc-toc"`) is a TOC of TOCI entries, each link a Reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ikonzept.render.tagged import tagging
from ikonzept.render.tagged.structure import Node, Tree, is_objr, resolve, text


def links(tree: Tree, pages: Mapping[str, int], version: str = "1.7") -> None:
    """One Link element and one described annotation per page for every link; ``version``
    is the PDF version of the file (QuadPoints need 1.6)."""
    import pydyf

    for node in list(tree.walk()):
        if node.kind == "Link" and not _inside_link(node):
            _gather_link(node)
            _one_annotation_per_page(node, tree, quads=version >= "1.6")
            for kid in node.kids:
                if is_objr(kid):
                    annotation = resolve(tree.pdf, kid["Obj"])
                    annotation["Contents"] = pydyf.String(_describe(annotation, node, pages))
    # An annotation that WeasyPrint put under another element: its element is the link.
    for node in list(tree.walk()):
        if node.kind != "Link" and any(is_objr(kid) for kid in node.kids):
            node.rename("Link")


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
    if "Dest" in annotation:
        return "#" + text(annotation["Dest"])
    action = annotation.get("A")
    return text(action.get("URI", "")) if action is not None else ""


def _one_annotation_per_page(link: Node, tree: Tree, *, quads: bool) -> None:
    """A link over several lines: one annotation that covers them all (QuadPoints)."""
    import pydyf

    by_page: dict[tuple[int, str], list[Any]] = {}
    for kid in link.kids:
        if is_objr(kid):
            page = tree.page_index.get(kid["Pg"], -1) if "Pg" in kid else -1
            by_page.setdefault((page, _target(resolve(tree.pdf, kid["Obj"]))), []).append(kid)
    dropped: set[bytes] = set()
    for (page, _), objrs in by_page.items():
        if len(objrs) < 2 or page < 0:
            continue
        keep = resolve(tree.pdf, objrs[0]["Obj"])
        rects = [[float(v) for v in resolve(tree.pdf, objr["Obj"])["Rect"]] for objr in objrs]
        keep["Rect"] = pydyf.Array(
            [min(r[0] for r in rects), min(r[1] for r in rects),
             max(r[2] for r in rects), max(r[3] for r in rects)]
        )  # fmt: skip
        if quads:
            # Upper left, upper right, lower left, lower right, as readers expect them.
            keep["QuadPoints"] = pydyf.Array(
                [v for x1, y1, x2, y2 in rects for v in (x1, y2, x2, y2, x1, y1, x2, y1)]
            )
        dropped |= {objr["Obj"] for objr in objrs[1:]}
        page_obj = tree.pages[page]
        page_obj["Annots"] = pydyf.Array([a for a in page_obj["Annots"] if a not in dropped])
    if dropped:
        link.kids = [k for k in link.kids if not (is_objr(k) and k["Obj"] in dropped)]


def _describe(annotation: Any, link: Node, pages: Mapping[str, int]) -> str:
    """What the link leads to, for a screen reader: „Glossar, Seite 88“."""
    text_hint = link.hint(tagging.TEXT)
    label = str(text_hint) if text_hint is not None else ""
    target = _target(annotation)
    if target.startswith("#"):
        number = pages.get(target[1:])
        if number is None:
            return label or text(annotation.get("Contents", target))
        return f"{label}, Seite {number}" if label else f"Seite {number}"
    if target.lower().startswith("mailto:"):
        return f"E-Mail an {target[7:]}"
    if not label or label == target:
        return f"Internetseite {target}"
    return f"{label}, Internetseite {target}"


def table_of_contents(tree: Tree) -> None:
    """The lists of a table of contents become TOC, their items TOCI, each link a Reference."""
    for node in list(tree.walk()):
        if node.hint(tagging.CONTENTS):
            for below in list(node.walk()):
                if below.kind == "L":
                    below.rename("TOC")
                    below.obj.pop("A", None)  # ListNumbering belongs to lists
                elif below.kind == "LI":
                    below.rename("TOCI")
                elif below.kind == "LBody" and below.parent is not None:
                    below.parent.replace(below, below.kids)
            for below in list(node.walk()):
                if below.kind == "Link" and below.parent is not None:
                    tree.wrap(below, "Reference")
            for below in list(node.walk()):
                if below.kind == "TOCI":
                    _entry_parts(below, tree)


def _entry_parts(entry: Node, tree: Tree) -> None:
    """What else an entry holds (such as a space between its link and a nested list) is a P."""
    for kid in entry.children():
        if kid.kind == "NonStruct":
            _entry_parts(kid, tree)
        elif kid.kind not in ("TOC", "Lbl", "Reference", "P"):
            tree.wrap(kid, "P")
