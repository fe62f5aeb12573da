"""Word documents for the import tests, built with python-docx plus numbering XML the way
Word writes it: lists defined in numbering.xml, linked to the heading styles or set on a
paragraph, restarts, start values, fields, tracked changes."""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


def document() -> Any:
    return Document()


def abstract(doc: Any, ident: int, levels: list[dict[str, Any]]) -> None:
    """An abstract list definition: per level its text („%1.%2“), format, start, style."""
    numbering = doc.part.numbering_part.element
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{lvl.get("start", 1)}"/>'
        f'<w:numFmt w:val="{lvl.get("fmt", "decimal")}"/>'
        + (f'<w:pStyle w:val="{lvl["style"]}"/>' if "style" in lvl else "")
        + ("<w:isLgl/>" if lvl.get("legal") else "")
        + f'<w:lvlText w:val="{lvl["text"]}"/></w:lvl>'
        for i, lvl in enumerate(levels)
    )
    element = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{ident}">{body}</w:abstractNum>')
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(element)
    else:
        numbering.append(element)


def num(doc: Any, ident: int, abstract_id: int, starts: dict[int, int] | None = None) -> None:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for level, value in (starts or {}).items()
    )
    doc.part.numbering_part.element.append(parse_xml(
        f'<w:num {W} w:numId="{ident}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}'
        "</w:num>"
    ))  # fmt: skip


def link_style(doc: Any, style: str, num_id: int, level: int) -> None:
    """Numbering linked to a paragraph style, as Word's „Überschriften nummerieren“ does."""
    ppr = doc.styles[style].element.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))  # fmt: skip


def numbered(paragraph: Any, num_id: int, level: int = 0) -> Any:
    """Numbering set on the paragraph itself."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))  # fmt: skip
    return paragraph


def toc(doc: Any, lines: list[str]) -> None:
    """A table of contents as Word writes it: a TOC field over several paragraphs."""
    first = doc.add_paragraph()
    first._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    first._p.append(parse_xml(f'<w:r {W}><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>'))
    first._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    first._p.append(parse_xml(f"<w:r {W}><w:t>{lines[0]}</w:t></w:r>"))
    for line in lines[1:]:
        doc.add_paragraph(line)
    last = doc.add_paragraph()
    last._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))


def tracked(paragraph: Any, deleted: str, inserted: str) -> Any:
    """A tracked deletion and insertion: the accepted view keeps only the insertion."""
    paragraph._p.append(parse_xml(
        f'<w:del {W} w:id="901" w:author="KI" w:date="2016-10-01T00:00:00Z"><w:r>'
        f'<w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
    ))  # fmt: skip
    paragraph._p.append(parse_xml(
        f'<w:ins {W} w:id="902" w:author="KI" w:date="2016-10-01T00:00:00Z"><w:r>'
        f'<w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
    ))  # fmt: skip
    return paragraph


def link(paragraph: Any, text: str, url: str) -> Any:
    """A hyperlink to an external address, as Word stores it (a relationship)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships" r:id="{rid}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        "</w:hyperlink>"
    ))  # fmt: skip
    return paragraph


def footnotes(doc: Any, notes: dict[int, str], kind: str = "footnote") -> None:
    """A foot- or endnotes part as Word writes it (with its separators), for references."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:{kind} w:id="{ident}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t '
        f'xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for ident, text in notes.items()
    )
    xml = (f'<w:{kind}s {W}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r>'
           f"<w:separator/></w:r></w:p></w:{kind}>{body}</w:{kind}s>")  # fmt: skip
    content = CONTENT_TYPE.WML_FOOTNOTES if kind == "footnote" else CONTENT_TYPE.WML_ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), content, xml.encode(), doc.part.package)
    relation = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    doc.part.relate_to(part, relation)


def footnote(paragraph: Any, ident: int, kind: str = "footnote") -> Any:
    paragraph._p.append(parse_xml(
        f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:{kind}Reference w:id="{ident}"/></w:r>'
    ))  # fmt: skip
    return paragraph


def text_box(paragraph: Any, lines: list[str]) -> Any:
    """A text box anchored to ``paragraph`` as Word 2010 and later write it: the shape in
    ``mc:Choice`` and the same text again in a VML ``mc:Fallback`` for older readers."""
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>"
                   for line in lines)  # fmt: skip
    paragraph._p.append(parse_xml(
        f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<wp:docPr id="7" name="Textfeld 7"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    ))  # fmt: skip
    return paragraph
