"""A Word document's body as a flat series of blocks, in reading order: headings with their
level and automatic number, paragraphs and list items as our Markdown, tables. What a
reader of the printed document does not read is left out: the table of contents, deleted
text of tracked changes (the accepted view), field instructions; comments are collected
for the report, not imported."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ikonzept.importer import pictures
from ikonzept.importer.numbering import Numbering, W, _val

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}proofErr", f"{W}bookmarkStart",
            f"{W}bookmarkEnd", f"{W}commentRangeStart", f"{W}commentRangeEnd"}  # fmt: skip
_HEADING_NAME = re.compile(r"^(heading|überschrift)\s*([1-9])$", re.I)
_MARKDOWN = re.compile(r"([\\*_\[\]`<])")
# A piece of a paragraph: its text, bold, italic, and whether it is Markdown already.
Segment = tuple[str, bool, bool, bool]


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "title", "heading", "para", "item" or "table"
    text: str  # Markdown; a heading's plain title
    level: int = 0  # a heading's level (1–9), a list item's depth (0–8)
    label: str = ""  # Word's automatic number („4.1.2“) or bullet
    ordered: bool = False  # a numbered list item
    bold: bool = False  # a paragraph in bold throughout: maybe a heading in disguise
    number: int = 0  # the paragraph's place in the body, counted from 1
    footnotes: tuple[tuple[str, str], ...] = ()  # (marker, Markdown text)
    cells: tuple[tuple[str, ...], ...] = ()  # a table's rows of plain cell texts
    pseudo: bool = False  # a bold paragraph read as a heading
    page: int = 0  # a PDF's page (Word documents have none to tell)

    @property
    def where(self) -> str:
        """Its place for the report: the page of a PDF, else the paragraph."""
        return f"Seite {self.page}" if self.page else f"Absatz {self.number}"


@dataclass(frozen=True, slots=True)
class Comment:
    author: str
    text: str
    number: int  # the paragraph it is attached to


@dataclass(slots=True)
class _Context:
    numbering: Numbering
    styles: dict[str, tuple[str, str | None, str | None]]  # id → (name, basedOn, outlineLvl)
    links: dict[str, str]  # relationship id → external target
    footnotes: dict[str, str]
    comment_texts: dict[str, tuple[str, str]]
    fields: list[list[str]] = field(default_factory=list)  # open fields: [instruction, state]
    notes: list[tuple[str, str]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    paragraph: int = 0
    note_count: int = 0
    part: Any = None  # the document's package part, for its pictures
    pictures: list[pictures.Picture] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # pictures not taken, for the report
    boxes: list[Any] = field(default_factory=list)  # text boxes met in the paragraph read
    endnotes: dict[str, str] = field(default_factory=dict)  # become footnotes at their place

    @property
    def in_toc(self) -> bool:
        return any(f[0].strip().upper().startswith("TOC") for f in self.fields)

    @property
    def hidden(self) -> bool:
        """Inside a field's instruction: not text a reader sees."""
        return any(f[1] == "instruction" for f in self.fields)


@dataclass(frozen=True, slots=True)
class Walked:
    blocks: list[Block]
    comments: list[Comment]
    pictures: list[pictures.Picture]
    left_out: list[str]  # what the report says about pictures not taken


def blocks(document: Any) -> Walked:
    """The blocks of a python-docx ``Document``, the comments on them and its pictures."""
    part = document.part
    context = _Context(
        Numbering.read(_root(part, "numbering"), _root(part, "styles")),
        _styles(_root(part, "styles")),
        {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external},
        {},
        {},
        part=part,
    )
    context.footnotes = _notes(_root(part, "footnotes"), context, "footnote")
    context.endnotes = _notes(_root(part, "endnotes"), context, "endnote")
    context.comment_texts = _comments(_root(part, "comments"), context)
    result: list[Block] = []
    _body(document.element.body, context, result)
    return Walked(result, context.comments, context.pictures, context.left_out)


def _root(part: Any, kind: str) -> Any:
    """The XML root of a related part (numbering, styles, footnotes, comments), or None."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.endswith(f"/{kind}"):
            target = rel.target_part
            element = getattr(target, "element", None)
            if element is not None:
                return element
            from lxml import etree

            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(target.blob, parser)
    return None


def _styles(root: Any) -> dict[str, tuple[str, str | None, str | None]]:
    found = {}
    for style in root.iter(f"{W}style") if root is not None else ():
        ppr = style.find(f"{W}pPr")
        found[style.get(f"{W}styleId")] = (
            (_val(style, "name") or "").strip(), _val(style, "basedOn"), _val(ppr, "outlineLvl"),
        )  # fmt: skip
    return found


def _body(container: Any, context: _Context, result: list[Block]) -> None:
    for child in container:
        if child.tag == f"{W}p":
            context.paragraph += 1
            block = _paragraph(child, context)
            if block is not None:
                result.append(block)
        elif child.tag == f"{W}tbl":
            context.paragraph += 1
            markdown, cells = _table(child, context)
            result.append(Block("table", markdown, number=context.paragraph, cells=cells))
        elif child.tag == f"{W}sdt":
            gallery = child.find(f".//{W}docPartGallery")
            if gallery is not None and "Table of Contents" in (gallery.get(f"{W}val") or ""):
                continue
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _body(content, context, result)
        if context.boxes:  # a text box's paragraphs follow the one it is anchored to
            boxes, context.boxes = context.boxes, []
            for box in boxes:
                _body(box, context, result)


def _style_chain(style: str | None, context: _Context) -> list[str]:
    chain, seen = [], set()
    while style and style not in seen and style in context.styles:
        seen.add(style)
        chain.append(style)
        style = context.styles[style][1]
    return chain


def _heading_level(p: Any, style: str | None, context: _Context) -> int:
    ppr = p.find(f"{W}pPr")
    own = _val(ppr, "outlineLvl")
    if own is not None and own.isdigit():
        return int(own) + 1 if int(own) < 9 else 0
    for ident in _style_chain(style, context):
        name, _based, outline = context.styles[ident]
        if outline is not None and outline.isdigit():
            return int(outline) + 1 if int(outline) < 9 else 0
        match = _HEADING_NAME.match(name) or _HEADING_NAME.match(ident)
        if match:
            return int(match.group(2))
    return 0


def _paragraph(p: Any, context: _Context) -> Block | None:
    ppr = p.find(f"{W}pPr")
    style = _val(ppr, "pStyle")
    names = [context.styles[s][0].casefold() for s in _style_chain(style, context)]
    was_toc = context.in_toc
    segments: list[Segment] = []
    context.notes = []
    _inline(p, context, segments, False, False)
    if was_toc or context.in_toc or any(n.startswith("toc") for n in names[:1]):
        return None
    markdown, plain, bold = _joined(segments)
    if not plain.strip():
        return None
    tabbed = markdown.strip()
    markdown, plain = markdown.replace("\t", " "), plain.replace("\t", " ")
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    num = _val(numpr, "numId") if numpr is not None else None
    ilvl_text = _val(numpr, "ilvl") if numpr is not None else None
    inherited = context.numbering.style_levels.get(style or "", (None, 0))
    ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else inherited[1]
    numbered = context.numbering.label(num if num is not None else inherited[0], ilvl)
    label, fmt = numbered if numbered else ("", "")
    number, notes = context.paragraph, tuple(context.notes)
    if names and names[0] in ("title", "titel"):
        return Block("title", plain.strip(), number=number)
    level = _heading_level(p, style, context)
    if level:
        return Block("heading", plain.strip(), level, label.strip(), number=number,
                     footnotes=notes)  # fmt: skip
    if numbered is not None and fmt != "none":
        return Block("item", markdown.strip(), ilvl, label.strip(), ordered=fmt != "bullet",
                     number=number, footnotes=notes)  # fmt: skip
    return Block("para", tabbed, bold=bold, number=number, label=label.strip(),
                 footnotes=notes)  # fmt: skip


def _inline(element: Any, context: _Context, out: list[Segment], bold: bool, italic: bool) -> None:
    for child in _chosen(element):
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{W}r":
            rpr = child.find(f"{W}rPr")
            _run(child, context, out, _toggle(rpr, "b", bold), _toggle(rpr, "i", italic))
        elif tag == f"{W}hyperlink":
            inner: list[Segment] = []
            _inline(child, context, inner, bold, italic)
            text = "".join(t for t, _b, _i, _raw in inner)
            target = context.links.get(child.get(f"{R}id") or "")
            if target and text.strip() and re.match(r"https?://|mailto:", target):
                out.append((f"[{escaped(text)}]({target})", False, False, True))
            else:
                out += inner
        elif tag == f"{W}fldSimple":
            if not (child.get(f"{W}instr") or "").strip().upper().startswith("TOC"):
                _inline(child, context, out, bold, italic)
        else:  # w:ins, w:smartTag, w:sdt, w:sdtContent, w:customXml, w:moveTo …
            _inline(child, context, out, bold, italic)


def _toggle(rpr: Any, tag: str, inherited: bool) -> bool:
    found = rpr.find(f"{W}{tag}") if rpr is not None else None
    if found is None:
        return inherited
    return found.get(f"{W}val", "true") not in ("0", "false", "off")


def _chosen(element: Any) -> Iterator[Any]:
    """The children of a run or paragraph, with Word's choice in place of an
    ``mc:AlternateContent`` (not the fallback for older readers beside it)."""
    for child in element:
        if child.tag != f"{MC}AlternateContent":
            yield child
            continue
        chosen = child.find(f"{MC}Choice")
        chosen = chosen if chosen is not None else child.find(f"{MC}Fallback")
        if chosen is not None:
            yield from chosen


def _run(run: Any, context: _Context, out: list[Segment], bold: bool, italic: bool) -> None:
    for child in _chosen(run):
        tag = child.tag
        if tag in (f"{W}fldChar", f"{W}instrText"):
            _field(child, context)
        elif context.hidden or context.in_toc:
            continue
        elif tag == f"{W}t":
            out.append((child.text or "", bold, italic, False))
        elif tag == f"{W}tab":  # kept: it separates a term from its explanation
            out.append(("\t", bold, italic, False))
        elif tag in (f"{W}br", f"{W}cr"):
            out.append((" ", bold, italic, False))
        elif tag in (f"{W}drawing", f"{W}pict"):
            _drawing(child, context, out)
        elif tag == f"{W}noBreakHyphen":
            out.append(("-", bold, italic, False))
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            context.note_count += 1
            marker = str(context.note_count)
            texts = context.footnotes if tag == f"{W}footnoteReference" else context.endnotes
            context.notes.append((marker, texts.get(child.get(f"{W}id") or "", "")))
            out.append((f"[^{marker}]", False, False, True))
        elif tag == f"{W}commentReference":
            author, text = context.comment_texts.get(child.get(f"{W}id") or "", ("", ""))
            if text:
                context.comments.append(Comment(author, text, context.paragraph))


def _drawing(drawing: Any, context: _Context, out: list[Segment]) -> None:
    """A picture into the text; a text box's content after the paragraph."""
    box = drawing.find(f".//{W}txbxContent")
    if box is not None:
        context.boxes.append(box)
        return
    if drawing.tag == f"{W}pict":
        context.left_out.append(f"Absatz {context.paragraph}: ein Bild im alten Word-Format "
                                "(VML), nicht übernommen")  # fmt: skip
        return
    number = len(context.pictures) + 1
    found = pictures.read(drawing, context.part, number, context.paragraph)
    if isinstance(found, str):
        context.left_out.append(found)
        return
    context.pictures.append(found)
    out.append((f"![{escaped(found.alt)}]({found.path})", False, False, True))


def _field(child: Any, context: _Context) -> None:
    """A complex field: its instruction is hidden, its result is text (a TOC is skipped)."""
    if child.tag == f"{W}instrText":
        if context.fields:
            context.fields[-1][0] += child.text or ""
        return
    kind = child.get(f"{W}fldCharType")
    if kind == "begin":
        context.fields.append(["", "instruction"])
    elif kind == "separate" and context.fields:
        context.fields[-1][1] = "result"
    elif kind == "end" and context.fields:
        context.fields.pop()


def _clean(text: str) -> str:
    """Soft hyphens out, no-break and narrow spaces as spaces, runs of spaces as one; a tab
    among them stays one tab."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r" *\t[ \t]*", "\t", re.sub(r" {2,}", " ", text))


def escaped(text: str) -> str:
    """Plain text as Markdown that shows it as it is."""
    return _MARKDOWN.sub(r"\\\1", _clean(text))


def _joined(segments: list[Segment]) -> tuple[str, str, bool]:
    """(Markdown, plain text, all in bold) of a paragraph's runs."""
    parts: list[str] = []
    plain: list[str] = []
    merged: list[Segment] = []
    for text, bold, italic, raw in segments:
        if merged and not raw and not merged[-1][3] and merged[-1][1:3] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic, False)
        else:
            merged.append((text, bold, italic, raw))
    visible = [m for m in merged if m[0].strip() and not m[3]]  # a picture's is not text
    all_bold = bool(visible) and all(m[1] for m in visible)
    for text, bold, italic, raw in merged:
        if raw:
            parts.append(text)
            plain.append(re.sub(r"\[\^\d+\]", "", re.sub(r"!?\[(.*?)\]\((.*?)\)", r"\1", text)))
            continue
        plain.append(_clean(text))
        body = escaped(text)
        stripped = body.strip()
        if not stripped:
            parts.append(body)
            continue
        mark = "***" if bold and italic else "**" if bold else "*" if italic else ""
        lead = body[: len(body) - len(body.lstrip())]
        trail = body[len(body.rstrip()) :]
        parts.append(f"{lead}{mark}{stripped}{mark}{trail}")
    return _clean("".join(parts)), _clean("".join(plain)), all_bold


def _table(table: Any, context: _Context) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """A table as a Markdown table (merged cells repeat nothing, the first row heads it),
    and its cells as plain text for the directories: a vertically merged cell's text in
    each row it spans, a row that is one cell across the table (a group's label) as a
    single cell."""
    rows: list[list[str]] = []
    plain_rows: list[list[str]] = []
    above: dict[int, str] = {}  # plain text by grid column, for vertically merged cells
    for tr in table.iter(f"{W}tr"):
        cells: list[str] = []
        plain_cells: list[str] = []
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = _val(tcpr, "gridSpan")
            merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            continued = merge is not None and merge.get(f"{W}val") in (None, "continue")
            markdown, plain = (
                ("", above.get(len(plain_cells), "")) if continued else _texts(tc, context)
            )
            above[len(plain_cells)] = plain
            extra = int(span) - 1 if span and span.isdigit() else 0
            cells += [markdown.replace("|", "\\|")] + [""] * extra
            plain_cells += [plain] + [""] * extra
        rows.append(cells)
        spanning = len(tr.findall(f"{W}tc")) == 1 and len(plain_cells) > 1
        plain_rows.append(plain_cells[:1] if spanning else plain_cells)
    if not rows:
        return "", ()
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines), tuple(tuple(r) for r in plain_rows)


def _texts(element: Any, context: _Context) -> tuple[str, str]:
    """(Markdown, plain text) of the paragraphs inside a note, comment or table cell."""
    markdown, plain = [], []
    for p in element.iter(f"{W}p"):
        segments: list[Segment] = []
        _inline(p, context, segments, False, False)
        joined = _joined(segments)
        markdown.append(joined[0].replace("\t", " ").strip())
        plain.append(joined[1].replace("\t", " ").strip())
    return " ".join(t for t in markdown if t), " ".join(t for t in plain if t)


def _notes(root: Any, context: _Context, kind: str) -> dict[str, str]:
    """The foot- or endnotes' Markdown by id (Word's separators left out)."""
    notes = {}
    for note in root.iter(f"{W}{kind}") if root is not None else ():
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[note.get(f"{W}id")] = _texts(note, context)[0]
    return notes


def _comments(root: Any, context: _Context) -> dict[str, tuple[str, str]]:
    """The comments' (author, plain text) by id."""
    return {
        comment.get(f"{W}id"): (comment.get(f"{W}author") or "", _texts(comment, context)[1])
        for comment in (root.iter(f"{W}comment") if root is not None else ())
    }
