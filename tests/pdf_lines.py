"""Read a PDF back as positioned lines of glyphs (test helper, pdfplumber).

A line is the glyphs of one page that share a baseline; the measurements the
tests make (lines a page, glyphs a line, edges, fonts) are all on these. The
text render mode (docgen draws bold as fill and stroke) is read with pdfminer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

_MM = 72 / 25.4


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str
    size: float
    baseline: float     # from the page top, pt


@dataclass
class Line:
    page: int           # 1-based
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def fonts(self) -> set[str]:
        """Font names without the subset prefix (ABCDEF+Name → Name)."""
        return {g.font.split("+", 1)[-1] for g in self.glyphs}


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def read_pages(pdf_path) -> list[Page]:
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            glyphs = [Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["fontname"],
                            round(c["size"], 2), float(page.height) - c["matrix"][5])
                      for c in page.chars if c["text"].strip()]
            pages.append(Page(number, float(page.width), float(page.height), group_lines(number, glyphs)))
    return pages


def text_in_render_mode(pdf_path, mode: int) -> str:
    """Every character the PDF draws in a text render mode (PDF 32000-1 §9.3.6; 2 is
    fill and stroke, docgen's bold), in drawing order, spaces left out."""
    with open(pdf_path, "rb") as handle:
        resources = PDFResourceManager()
        device = _RenderModes(resources)
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    return "".join(char for char, drawn_in in device.chars if drawn_in == mode and char.strip())


class _RenderModes(PDFLayoutAnalyzer):
    """Records each character drawn with the text render mode in force."""

    def __init__(self, resources: PDFResourceManager):
        super().__init__(resources)
        self.chars: list[tuple[str, int]] = []
        self._mode = 0

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        self._mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        self.chars.append((font.to_unichr(cid), self._mode))
        return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)


def group_lines(page: int, glyphs: list[Glyph]) -> list[Line]:
    """Glyphs on the same baseline (within 1 pt) share a line."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if lines and abs(glyph.baseline - lines[-1][0].baseline) < 1:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [Line(page, sorted(line, key=lambda g: g.x0)) for line in lines]


def rules(pdf_path) -> list[tuple[int, str, float, float, float, float, float, tuple]]:
    """Every rule: (page, direction, x0, x1, top, bottom, width, colour); a vertical rule drawn
    in pieces (docgen draws a table's column rules line by line) joined into one."""
    rules = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for line in page.lines:
                direction = "-" if line["top"] == line["bottom"] else "|"
                rules.append((number, direction, line["x0"], line["x1"], line["top"], line["bottom"],
                              round(line["linewidth"] / _MM, 2), tuple(line["stroking_color"] or (0,))))
    joined: list = []
    for rule in sorted(set(rules), key=lambda r: (r[0], r[1], round(r[4]) if r[1] == "-" else round(r[2]), r[2], r[4])):
        last = joined[-1] if joined else None
        if (last and rule[1] == "|" and last[:4] == rule[:4] and abs(last[5] - rule[4]) < 0.01
                and last[6:] == rule[6:]):
            joined[-1] = last[:5] + (rule[5],) + last[6:]
        elif not (last and rule[:2] == last[:2] and all(abs(a - b) < 0.5 for a, b in zip(rule[2:6], last[2:6]))):
            joined.append(rule)          # LibreOffice draws some rules twice
    return joined
