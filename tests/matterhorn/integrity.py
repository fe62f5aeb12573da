"""The structure tree holds together: what every checkpoint and every reader relies on.

- S-01: the parent tree names, for every MCID on a page, the element that claims it;
- S-02: every MCID an element claims is on its page; no MCID is claimed twice;
- S-03: annotations and their OBJRs point at each other (StructParent ↔ parent tree);
- S-04: every element's /P is its parent;
- S-05: IDs are unique, all in the IDTree, and every /Headers entry names one;
- S-06: ParentTreeNextKey is above every key;
- S-07: no hint of ours (/Ik…) is left in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from tests.matterhorn.registry import Document, Failure, conditions
from tests.matterhorn.tree import Content, ObjectRef, Tree

Claims = dict[tuple[int, int], list[pikepdf.Dictionary]]


def _claims(tree: Tree, kind: type[Content] | type[ObjectRef]) -> Claims:
    """(page, MCID) of marked content, or the object of an OBJR → the elements that list it."""
    claims: Claims = {}
    for element in tree.walk():
        for kid in element.kids:
            if isinstance(kid, Content) and kind is Content:
                claims.setdefault((kid.page, kid.mcid), []).append(element.obj)
            elif isinstance(kid, ObjectRef) and kind is ObjectRef:
                claims.setdefault(kid.objgen, []).append(element.obj)
    return claims


@conditions("S-02")
def marked_content(doc: Document) -> Iterator[Failure]:
    if doc.tree is None:
        return
    present = {(page.number, mcid) for page in doc.contents for mcid in page.sequences}
    for (page, mcid), owners in sorted(_claims(doc.tree, Content).items()):
        where = f"Seite {page + 1}: MCID {mcid}"
        if len(owners) > 1:
            yield Failure("S-02", f"{where} von {len(owners)} Elementen beansprucht")
        if (page, mcid) not in present:
            yield Failure("S-02", f"{where} beansprucht, aber nicht im Inhalt")


@conditions("S-01")
def parent_tree(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None:
        return
    claims = _claims(tree, Content)
    for number, page in enumerate(doc.pdf.pages):
        key = page.obj.get("/StructParents")
        mapping = tree.parent_tree.get(int(key)) if key is not None else None
        if key is not None and not isinstance(mapping, pikepdf.Array):
            yield Failure("S-01", f"Seite {number + 1}: kein Eintrag im Elternbaum")
            continue
        entries = list(mapping) if mapping is not None else []
        for mcid in range(max(len(entries), max((m + 1 for p, m in claims if p == number),
                                                    default=0))):  # fmt: skip
            entry = entries[mcid] if mcid < len(entries) else None
            owners = claims.get((number, mcid), [])
            if not isinstance(entry, pikepdf.Dictionary):
                if owners:
                    yield Failure("S-01", f"Seite {number + 1}: MCID {mcid} fehlt im Elternbaum")
            elif not any(owner.objgen == entry.objgen for owner in owners):
                yield Failure(
                    "S-01",
                    f"Seite {number + 1}: Elternbaum nennt für MCID {mcid} ein Element, "
                    "das sie nicht enthält",
                )


@conditions("S-03")
def object_references(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None:
        return
    owners = _claims(tree, ObjectRef)
    for page, annotation in doc.annotations:
        where = f"Seite {page + 1}: {annotation.get('/Subtype')}"
        claimed = owners.get(annotation.objgen, [])
        if len(claimed) > 1:
            yield Failure("S-03", f"{where} in {len(claimed)} Elementen")
        element = (
            tree.parent_tree.get(int(annotation.StructParent))
            if "/StructParent" in annotation
            else None
        )
        if not isinstance(element, pikepdf.Dictionary):
            if claimed:
                yield Failure("S-03", f"{where}: StructParent führt zu keinem Element")
        elif not any(owner.objgen == element.objgen for owner in claimed):
            yield Failure("S-03", f"{where}: Elternbaum und OBJR nennen verschiedene Elemente")
    annotated = {annotation.objgen for _page, annotation in doc.annotations}
    for objgen in owners:
        if objgen not in annotated:
            yield Failure("S-03", f"OBJR auf {objgen}, das auf keiner Seite steht")


@conditions("S-04")
def parents(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None:
        return
    for problem in tree.problems:
        yield Failure("S-04", problem)
    for element in tree.walk():
        expected = element.parent.obj if element.parent is not None else tree.root
        parent = element.obj.get("/P")
        if not isinstance(parent, pikepdf.Dictionary) or parent.objgen != expected.objgen:
            yield Failure("S-04", f"{element.raw_type}: /P ist nicht das Elternelement")


@conditions("S-05")
def identifiers(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None:
        return
    for identifier, elements in tree.ids.items():
        if len(elements) > 1:
            yield Failure("S-05", f"ID {identifier!r} {len(elements)}-mal vergeben")
    if tree.ids and tree.id_tree is None:
        yield Failure("S-05", f"{len(tree.ids)} IDs, aber kein IDTree")
    listed = tree.id_tree or {}
    for identifier, elements in tree.ids.items():
        entry = listed.get(identifier)
        if entry is None or entry.objgen != elements[0].obj.objgen:
            yield Failure(
                "S-05", f"ID {identifier!r} fehlt im IDTree oder nennt ein anderes Element"
            )
    for identifier in set(listed) - set(tree.ids):
        yield Failure("S-05", f"IDTree nennt {identifier!r}, das kein Element trägt")
    names = list(listed)
    if names != sorted(names):
        yield Failure("S-05", "IDTree nicht sortiert")
    for element in tree.walk():
        headers = element.attribute("/Table", "/Headers")
        for header in headers if headers is not None else ():
            if bytes(header) not in tree.ids:
                yield Failure("S-05", f"Headers nennt {bytes(header)!r}, das es nicht gibt")


@conditions("S-06")
def next_key(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None or "/ParentTreeNextKey" not in tree.root:
        return
    if tree.parent_tree and int(tree.root.ParentTreeNextKey) <= max(tree.parent_tree):
        yield Failure("S-06", "ParentTreeNextKey nicht größer als alle Schlüssel")


@conditions("S-07")
def no_hints(doc: Document) -> Iterator[Failure]:
    tree = doc.tree
    if tree is None:
        return
    for element in tree.walk():
        left = [str(key) for key in element.obj if str(key).startswith("/Ik")]
        if left:
            yield Failure("S-07", f"{element.raw_type} trägt noch {left}")
            return
