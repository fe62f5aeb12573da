"""Checkpoints on the document as a whole: 06, 07, 11, 20, 21, 25, 26, 30, and the basics."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pikepdf

from tests.matterhorn.registry import Document, Failure, conditions

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_UA = "http://www.aiim.org/pdfua/ns/id/"
_LANG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")


def _xmp(doc: Document) -> ET.Element | None:
    metadata = doc.pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return None
    try:
        return ET.fromstring(metadata.read_bytes())
    except ET.ParseError:
        return None


def _properties(xmp: ET.Element, namespace: str, name: str) -> list[str]:
    """A property's values, written as attributes or elements of any rdf:Description."""
    key = "{" + namespace + "}" + name
    values = []
    for description in xmp.iter(_RDF + "Description"):
        if key in description.attrib:
            values.append(description.attrib[key])
        for element in description.findall(key):
            values.append("".join(element.itertext()).strip())
    return values


@conditions("06-001", "06-002", "06-003")
def metadata(doc: Document) -> Iterator[Failure]:
    stream = doc.pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream) or stream.get("/Subtype") != "/XML":
        yield Failure("06-001", "kein XMP-Metadatenstrom im Katalog")
        return
    xmp = _xmp(doc)
    if xmp is None:
        yield Failure("06-001", "XMP-Metadaten nicht lesbar")
        return
    if _properties(xmp, _UA, "part") != ["1"]:
        yield Failure("06-002", f"pdfuaid:part ist {_properties(xmp, _UA, 'part')}, nicht 1")
    titles = _properties(xmp, "http://purl.org/dc/elements/1.1/", "title")
    if not any(title.strip() for title in titles):
        yield Failure("06-003", "dc:title fehlt")


@conditions("07-001", "07-002")
def display_title(doc: Document) -> Iterator[Failure]:
    preferences = doc.pdf.Root.get("/ViewerPreferences")
    if not isinstance(preferences, pikepdf.Dictionary) or "/DisplayDocTitle" not in preferences:
        yield Failure("07-001", "ViewerPreferences ohne DisplayDocTitle")
    elif preferences.DisplayDocTitle is not True and bool(preferences.DisplayDocTitle) is False:
        yield Failure("07-002", "DisplayDocTitle ist false")


@conditions("11-001", "11-002", "11-003", "11-004", "11-006")
def language(doc: Document) -> Iterator[Failure]:
    """A valid catalog /Lang decides the language of text, Alt, outline, Contents, XMP."""
    lang = doc.pdf.Root.get("/Lang")
    if lang is None or not str(lang):
        yield Failure("11-001", "Katalog ohne /Lang: Sprache des Textes unbestimmt")
        if doc.tree and any("/Alt" in e.obj or "/E" in e.obj or "/ActualText" in e.obj
                            for e in doc.tree.walk()):  # fmt: skip
            yield Failure("11-002", "Alt/ActualText/E ohne bestimmbare Sprache")
        if "/Outlines" in doc.pdf.Root:
            yield Failure("11-003", "Lesezeichen ohne bestimmbare Sprache")
        if any("/Contents" in annotation for _page, annotation in doc.annotations):
            yield Failure("11-004", "Contents von Anmerkungen ohne bestimmbare Sprache")
        xmp = _xmp(doc)
        if xmp is not None and "x-default" in ET.tostring(xmp, encoding="unicode"):
            yield Failure("11-006", "Metadaten (x-default) ohne bestimmbare Sprache")
    elif not _LANG.match(str(lang)):
        yield Failure("11-001", f"Katalog-/Lang {str(lang)!r} ist kein Sprachkürzel")
    if doc.tree is not None:
        for element in doc.tree.walk():
            value = element.get("/Lang")
            if value is not None and not _LANG.match(str(value)):
                yield Failure("11-001", f"/Lang {str(value)!r} in {element.raw_type} ungültig")


@conditions("20-001", "20-002", "20-003")
def optional_content(doc: Document) -> Iterator[Failure]:
    properties = doc.pdf.Root.get("/OCProperties")
    if not isinstance(properties, pikepdf.Dictionary):
        return
    configs = [("20-002", properties.get("/D"))] + [
        ("20-001", config) for config in properties.get("/Configs", ())
    ]
    for condition, config in configs:
        if not isinstance(config, pikepdf.Dictionary):
            continue
        if not str(config.get("/Name", "")):
            yield Failure(condition, "Konfiguration für optionale Inhalte ohne Name")
        if "/AS" in config:
            yield Failure("20-003", "Konfiguration für optionale Inhalte mit AS")


def _file_specs(doc: Document) -> Iterator[pikepdf.Dictionary]:
    names = doc.pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
        for _name, spec in pikepdf.NameTree(names.EmbeddedFiles).items():
            yield spec
    for _page, annotation in doc.annotations:
        if "/FS" in annotation and isinstance(annotation.FS, pikepdf.Dictionary):
            yield annotation.FS


@conditions("21-001")
def embedded_files(doc: Document) -> Iterator[Failure]:
    for spec in _file_specs(doc):
        if "/EF" in spec and not (str(spec.get("/F", "")) and str(spec.get("/UF", ""))):
            yield Failure("21-001", "eingebettete Datei ohne F und UF")


@conditions("25-001")
def xfa(doc: Document) -> Iterator[Failure]:
    form = doc.pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary) or "/XFA" not in form:
        return
    value = form.XFA
    streams = (
        [value]
        if isinstance(value, pikepdf.Stream)
        else [value[i + 1] for i in range(0, len(value) - 1, 2) if str(value[i]) == "config"]
    )
    for stream in streams:
        if re.search(rb"<dynamicRender>\s*required\s*</dynamicRender>", stream.read_bytes()):
            yield Failure("25-001", "XFA mit dynamicRender required")


@conditions("26-001", "26-002")
def security(doc: Document) -> Iterator[Failure]:
    if not doc.pdf.is_encrypted:
        return
    encrypt = doc.pdf.trailer.get("/Encrypt")  # the dictionary stays readable
    permissions = encrypt.get("/P") if isinstance(encrypt, pikepdf.Dictionary) else None
    if permissions is None:
        yield Failure("26-001", "verschlüsselt, ohne P")
    elif not int(permissions) & 0x200:
        yield Failure("26-002", "verschlüsselt, Auslesen für Barrierefreiheit nicht erlaubt")


def _forms(doc: Document) -> Iterator[tuple[pikepdf.Stream, int]]:
    """Every form XObject with the number of times it is drawn."""
    counts: dict[tuple[int, int], list[object]] = {}

    def visit(resources: pikepdf.Object, content: pikepdf.Object) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        xobjects = resources.get("/XObject", {})
        for instruction in pikepdf.parse_content_stream(content):
            if str(instruction.operator) != "Do":
                continue
            xobject = xobjects.get(str(instruction.operands[0]))
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                entry = counts.setdefault(xobject.objgen, [xobject, 0])
                entry[1] = int(entry[1]) + 1  # type: ignore[call-overload]
                if entry[1] == 1:
                    visit(xobject.get("/Resources", resources), xobject)

    for page in doc.pdf.pages:
        visit(page.obj.get("/Resources"), page)
    for xobject, count in counts.values():
        yield xobject, int(count)  # type: ignore[misc, call-overload]


@conditions("30-001", "30-002")
def xobjects(doc: Document) -> Iterator[Failure]:
    for xobject, count in _forms(doc):
        if "/Ref" in xobject:
            yield Failure("30-001", "Referenz-XObject")
        if "/StructParents" in xobject and count > 1:
            yield Failure("30-002", f"Form-XObject mit MCIDs {count}-mal gezeichnet")


@conditions("S-10")
def basics(doc: Document) -> Iterator[Failure]:
    """veraPDF's rules without a Matterhorn number: header, MarkInfo, structure tree."""
    if not re.fullmatch(r"1\.[0-7]", doc.pdf.pdf_version):
        yield Failure("S-10", f"PDF-Version {doc.pdf.pdf_version} ist nicht PDF 1.x")
    mark_info = doc.pdf.Root.get("/MarkInfo")
    if not isinstance(mark_info, pikepdf.Dictionary) or mark_info.get("/Marked") is not True:
        yield Failure("S-10", "MarkInfo /Marked ist nicht true")
    if doc.tree is None:
        yield Failure("S-10", "kein Strukturbaum")
    else:
        for element in doc.tree.walk():
            if "/P" not in element.obj:
                yield Failure("S-10", f"{element.raw_type} ohne /P")


@conditions("S-12")
def extension_schema(doc: Document) -> Iterator[Failure]:
    """PDF/A-1 to 3 accept only declared XMP schemas: pdfuaid needs an extension schema."""
    xmp = _xmp(doc)
    if xmp is None:
        return
    parts = _properties(xmp, "http://www.aiim.org/pdfa/ns/id/", "part")
    if not parts or parts[0] not in ("1", "2", "3") or not _properties(xmp, _UA, "part"):
        return
    schema = "{http://www.aiim.org/pdfa/ns/schema#}"
    declared = {
        ((li.findtext(schema + "namespaceURI") or "").strip(),
         (li.findtext(schema + "prefix") or "").strip(),
         tuple(n.text for n in li.iter("{http://www.aiim.org/pdfa/ns/property#}name")))
        for li in xmp.iter(_RDF + "li")
        if li.find(schema + "namespaceURI") is not None
    }  # fmt: skip
    if not any(uri == _UA and prefix == "pdfuaid" and "part" in names
               for uri, prefix, names in declared):  # fmt: skip
        yield Failure("S-12", "pdfuaid ist nicht als PDF/A-Erweiterungsschema beschrieben")
