"""What a page's content streams draw, grouped by marked-content sequence.

Reads every page (and the form XObjects it draws) once: which marked-content identifiers
(MCIDs) occur and what text they show, what is drawn as an artifact, what is drawn
outside both, and which character codes a font cannot map to Unicode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

# Operators that put marks on the page (clipping paths end in `n` and paint nothing).
_PAINTING = frozenset(
    ["Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do",
     "INLINE IMAGE"]
)  # fmt: skip
_TEXT = frozenset(["Tj", "TJ", "'", '"'])


@dataclass
class Sequence:
    """One marked-content sequence with an MCID."""

    page: int
    mcid: int
    tag: str
    text: str = ""
    in_artifact: bool = False  # nested inside an artifact (01-004)
    actual_text: str | None = None  # /ActualText of the sequence: what it stands for

    @property
    def spoken(self) -> str:
        """What a reader takes the sequence to say: its replacement text, if it has one."""
        return self.text if self.actual_text is None else self.actual_text


@dataclass
class PageContent:
    number: int  # 0-based
    sequences: dict[int, Sequence] = field(default_factory=dict)
    duplicate_mcids: list[int] = field(default_factory=list)
    artifact_text: str = ""
    artifacts: list[dict[str, str]] = field(default_factory=list)  # property lists
    untagged: list[str] = field(default_factory=list)  # operators outside tags/artifacts
    artifacts_in_tagged: int = 0  # artifact sequences inside tagged content (01-003)
    unmapped: list[tuple[str, int]] = field(default_factory=list)  # (font, code) (10-001)
    # Character codes shown with each font (by font object), for the font checks.
    used: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    fonts: dict[tuple[int, int], pikepdf.Dictionary] = field(default_factory=dict)


class _Font:
    """A font's mapping from character codes to Unicode (ToUnicode CMap)."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        self.obj = font
        self.name = str(font.get("/BaseFont", "?"))
        self.two_bytes = font.get("/Subtype") == "/Type0"
        self.map: dict[int, str] = {}
        to_unicode = font.get("/ToUnicode")
        if isinstance(to_unicode, pikepdf.Stream):
            self.map = _parse_cmap(to_unicode.read_bytes().decode("latin-1"))

    def decode(self, data: bytes, content: PageContent) -> str:
        width = 2 if self.two_bytes else 1
        text = []
        key = self.obj.objgen
        content.fonts[key] = self.obj
        used = content.used.setdefault(key, set())
        unmapped = content.unmapped
        for position in range(0, len(data) - width + 1, width):
            code = int.from_bytes(data[position : position + width], "big")
            used.add(code)
            char = self.map.get(code)
            if not char or char in ("\ufffe", "\ufeff", "\x00"):
                unmapped.append((self.name, code))
                char = "\ufffd"
            text.append(char)
        return "".join(text)


def _parse_cmap(data: str) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(source, 16)] = bytes.fromhex(target).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for first, last, target in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            base = int(target, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[code] = chr(base + offset)
    return mapping


@dataclass
class _Marks:
    """The stack of open marked-content sequences."""

    stack: list[tuple[str, int | None, bool]] = field(default_factory=list)

    @property
    def mcid(self) -> int | None:
        return next((m for _tag, m, _art in reversed(self.stack) if m is not None), None)

    @property
    def artifact(self) -> bool:
        return any(art for _tag, _m, art in self.stack)


def read_page(pdf: pikepdf.Pdf, number: int) -> PageContent:
    page = pdf.pages[number]
    content = PageContent(number)
    marks = _Marks()
    _read(page.obj, pikepdf.parse_content_stream(page), content, marks, set())
    return content


def _fonts(resources: pikepdf.Dictionary) -> dict[str, _Font]:
    return {str(k): _Font(v) for k, v in resources.get("/Font", {}).items()}


def _read(
    owner: pikepdf.Object,
    instructions: list[pikepdf.ContentStreamInstruction],
    content: PageContent,
    marks: _Marks,
    seen: set[tuple[int, int]],
) -> None:
    resources = owner.get("/Resources", pikepdf.Dictionary())
    fonts = _fonts(resources)
    font: _Font | None = None
    for instruction in instructions:
        operator = str(instruction.operator)
        operands = instruction.operands if hasattr(instruction, "operands") else []
        if operator in ("BDC", "BMC"):
            _begin(operator, operands, content, marks)
        elif operator == "EMC":
            if marks.stack:
                marks.stack.pop()
        elif operator == "Tf":
            font = fonts.get(str(operands[0]))
        elif operator == "Do" and _is_form(resources, operands):
            _form(resources, operands, content, marks, seen)
        elif operator in _PAINTING:
            _paint(operator, operands, content, marks, font)


def _begin(operator: str, operands: list[object], content: PageContent, marks: _Marks) -> None:
    tag = str(operands[0])
    properties = operands[1] if operator == "BDC" and len(operands) > 1 else None
    mcid = None
    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
        mcid = int(properties.MCID)
    artifact = tag == "/Artifact"
    if artifact:
        if marks.mcid is not None:
            content.artifacts_in_tagged += 1
        props = {}
        if isinstance(properties, pikepdf.Dictionary):
            props = {str(k): str(v) for k, v in properties.items()}
        content.artifacts.append(props)
    if mcid is not None:
        if mcid in content.sequences:
            content.duplicate_mcids.append(mcid)
        actual = (
            properties.get("/ActualText") if isinstance(properties, pikepdf.Dictionary) else None
        )
        content.sequences[mcid] = Sequence(
            content.number,
            mcid,
            tag,
            in_artifact=marks.artifact,
            actual_text=None if actual is None else str(actual),
        )
    marks.stack.append((tag, mcid, artifact))


def _paint(
    operator: str, operands: list[object], content: PageContent, marks: _Marks,
    font: _Font | None,
) -> None:  # fmt: skip
    text = ""
    if operator in _TEXT and font is not None:
        strings = operands[0] if operator == "TJ" else operands[-1:]
        for item in strings:  # type: ignore[attr-defined]
            if isinstance(item, pikepdf.String):
                text += font.decode(bytes(item), content)
    mcid = marks.mcid
    if marks.artifact:
        content.artifact_text += text
    elif mcid is not None:
        content.sequences[mcid].text += text
    else:
        content.untagged.append(operator)


def _is_form(resources: pikepdf.Dictionary, operands: list[object]) -> bool:
    xobject = resources.get("/XObject", {}).get(str(operands[0]))
    return isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form"


def _form(
    resources: pikepdf.Dictionary, operands: list[object], content: PageContent,
    marks: _Marks, seen: set[tuple[int, int]],
) -> None:  # fmt: skip
    """The content of a form XObject counts where the form is drawn."""
    xobject = resources.XObject[str(operands[0])]
    if xobject.objgen in seen:  # a form drawing itself
        return
    _read(xobject, pikepdf.parse_content_stream(xobject), content, marks,
          seen | {xobject.objgen})  # fmt: skip


def read_pages(pdf: pikepdf.Pdf) -> Iterator[PageContent]:
    for number in range(len(pdf.pages)):
        yield read_page(pdf, number)
