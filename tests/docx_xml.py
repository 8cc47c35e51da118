"""Read a DOCX back as XML for assertions (test helper)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(docx_path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx_path) as archive:
        return etree.fromstring(archive.read(name))


def xml_parts(docx_path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx_path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels"))}


@dataclass
class Run:
    text: str
    east_asia: str
    fonts: dict[str, str]
    size_half_points: int | None
    spacing: int | None
    bold: bool


@dataclass
class Para:
    element: etree._Element
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def ppr(self, name: str, attr: str | None = None):
        node = self.element.find(f"w:pPr/w:{name}", NS)
        if node is None or attr is None:
            return node
        return node.get(w(attr))

    def rule(self, side: str) -> tuple[str, str] | None:
        """(width in eighths of a point, colour) of the rule on this side of the table
        row the paragraph stands in, or None."""
        node = self.element.find(f"../w:tcPr/w:tcBorders/w:{side}", NS)
        return None if node is None else (node.get(w("sz")), node.get(w("color")))


def runs_of(paragraph: etree._Element) -> list[Run]:
    result = []
    for r in paragraph.findall("w:r", NS):
        fonts_el = r.find("w:rPr/w:rFonts", NS)
        fonts = {k.split("}")[1]: v for k, v in fonts_el.attrib.items()} if fonts_el is not None else {}
        size = r.find("w:rPr/w:sz", NS)
        spacing = r.find("w:rPr/w:spacing", NS)
        text = "".join(t.text or "" for t in r.findall("w:t", NS))
        result.append(Run(text, fonts.get("eastAsia", ""), fonts,
                          int(size.get(w("val"))) if size is not None else None,
                          int(spacing.get(w("val"))) if spacing is not None else None,
                          r.find("w:rPr/w:b", NS) is not None))
    return result


def body_paragraphs(docx_path) -> list[Para]:
    """The text's paragraphs in reading order: the body's own and those of its one-column
    tables (text ruled across the block: the 版记, the 简报's unit line and 报尾); the
    cells of a data table are not paragraphs of the text."""
    body = part(docx_path, "word/document.xml").find("w:body", NS)
    paragraphs = []
    for child in body:
        if child.tag == w("p"):
            paragraphs.append(child)
        elif child.tag == w("tbl") and len(child.findall("w:tblGrid/w:gridCol", NS)) == 1:
            paragraphs += child.findall("w:tr/w:tc/w:p", NS)
    return [Para(p, runs_of(p)) for p in paragraphs]


def data_tables(docx_path) -> list[etree._Element]:
    """The body's tables of more than one column."""
    body = part(docx_path, "word/document.xml").find("w:body", NS)
    return [t for t in body.findall("w:tbl", NS) if len(t.findall("w:tblGrid/w:gridCol", NS)) > 1]
