"""Read a DOCX back as XML for assertions (test helper).

A paragraph's and a run's properties are read as Word resolves them: the
paragraph's or run's own, else its character style's (runs), else its paragraph
style's and the styles that one is based on, else the document defaults.
"""

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


class Styles:
    """styles.xml: each style by its id, and the document defaults."""

    def __init__(self, docx_path):
        root = part(docx_path, "word/styles.xml")
        self.by_id = {s.get(w("styleId")): s for s in root.findall("w:style", NS)}
        self.default_ppr = root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self.default_rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and those it is based on, nearest first."""
        out = []
        while style_id is not None and style_id in self.by_id:
            style = self.by_id[style_id]
            out.append(style)
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else based.get(w("val"))
        return out

    def name(self, style_id: str) -> str:
        return self.by_id[style_id].find("w:name", NS).get(w("val"))


def _first(holders: list[etree._Element | None], path: str) -> etree._Element | None:
    for holder in holders:
        node = None if holder is None else holder.find(path, NS)
        if node is not None:
            return node
    return None


def paragraph_style(paragraph: etree._Element) -> str | None:
    node = paragraph.find("w:pPr/w:pStyle", NS)
    return None if node is None else node.get(w("val"))


def paragraph_property(paragraph: etree._Element, styles: Styles, path: str) -> etree._Element | None:
    """The element at `path` (below w:pPr) that applies to the paragraph."""
    holders = [paragraph.find("w:pPr", NS)] + [s.find("w:pPr", NS) for s in styles.chain(paragraph_style(paragraph))]
    return _first([*holders, styles.default_ppr], path)


def run_property(run: etree._Element, paragraph: etree._Element, styles: Styles, name: str) -> etree._Element | None:
    """The w:<name> run property that applies to the run."""
    own = run.find("w:rPr", NS)
    char_style = None if own is None else own.find("w:rStyle", NS)
    holders = [own]
    if char_style is not None:
        holders += [s.find("w:rPr", NS) for s in styles.chain(char_style.get(w("val")))]
    holders += [s.find("w:rPr", NS) for s in styles.chain(paragraph_style(paragraph))]
    return _first([*holders, styles.default_rpr], f"w:{name}")


def _on(node: etree._Element | None) -> bool:
    return node is not None and node.get(w("val"), "1") not in ("0", "false")


@dataclass
class Run:
    text: str
    east_asia: str
    fonts: dict[str, str]
    size_half_points: int | None
    spacing: int | None
    bold: bool
    color: str | None


@dataclass
class Para:
    element: etree._Element
    runs: list[Run]
    styles: Styles

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def style_name(self) -> str | None:
        style_id = paragraph_style(self.element)
        return None if style_id is None else self.styles.name(style_id)

    def ppr(self, name: str, attr: str | None = None):
        """The paragraph property w:<name> (or its attribute) as it applies, own or styled."""
        node = paragraph_property(self.element, self.styles, f"w:{name}")
        if node is None or attr is None:
            return node
        return node.get(w(attr))

    def rule(self, side: str) -> tuple[str, str] | None:
        """(width in eighths of a point, colour) of the rule on this side of the table
        row the paragraph stands in, or None."""
        node = self.element.find(f"../w:tcPr/w:tcBorders/w:{side}", NS)
        return None if node is None else (node.get(w("sz")), node.get(w("color")))


def runs_of(paragraph: etree._Element, styles: Styles) -> list[Run]:
    """The paragraph's runs with the properties that apply to them."""
    result = []
    for r in paragraph.findall("w:r", NS):
        def prop(name: str, run: etree._Element = r) -> etree._Element | None:
            return run_property(run, paragraph, styles, name)
        fonts_el = prop("rFonts")
        fonts = {k.split("}")[1]: v for k, v in fonts_el.attrib.items()} if fonts_el is not None else {}
        size, spacing = prop("sz"), prop("spacing")
        text = "".join(t.text or "" for t in r.findall("w:t", NS))
        result.append(Run(text, fonts.get("eastAsia", ""), fonts,
                          int(size.get(w("val"))) if size is not None else None,
                          int(spacing.get(w("val"))) if spacing is not None else None,
                          _on(prop("b")), None if prop("color") is None else prop("color").get(w("val"))))
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
    styles = Styles(docx_path)
    return [Para(p, runs_of(p, styles), styles) for p in paragraphs]


def data_tables(docx_path) -> list[etree._Element]:
    """The body's tables of more than one column."""
    body = part(docx_path, "word/document.xml").find("w:body", NS)
    return [t for t in body.findall("w:tbl", NS) if len(t.findall("w:tblGrid/w:gridCol", NS)) > 1]
