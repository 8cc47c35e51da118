"""The official-format report as PDF (GB/T 9704-2012), typeset by docgen itself.

The same blocks as the DOCX (blocks.py), laid out on the profile's grid by
layout.py (once, pages.lay_out, for this and the OFD), placed by pages.PageWalker,
drawn here on the reportlab canvas with embedded subset fonts, page numbers
"— n —" outside the block. Same input, same bytes.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from docgen.document.blocks import DocumentInfo, Picture, Rule, TextBlock
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docgen.format.profile import Profile
from docgen.format.units import mm_to_pt
from docgen.pdf.fonts import PdfFonts
from docgen.pdf.layout import SetLine, Typesetter
from docgen.pdf.pages import FAKE_BOLD_STROKE_EM, Layout, PageWalker, baseline
from docgen.pdf.typeset import Line


class _Painter(PageWalker):
    """Draws pages of set lines on a reportlab canvas."""

    def __init__(self, canvas: Canvas, profile: Profile, typesetter: Typesetter):
        super().__init__(profile, typesetter)
        self.canvas = canvas
        self.outline_levels: list[int] = []     # of the outline entries made so far

    def begin_page(self) -> None:
        self.canvas.setLineWidth(FAKE_BOLD_STROKE_EM * self.profile.body.size_pt)   # for bold glyphs

    def end_page(self) -> None:
        self.canvas.showPage()

    def picture(self, picture: Picture, x: float, y: float) -> None:
        """Its transparency (a PNG's alpha) kept."""
        self.canvas.drawImage(ImageReader(io.BytesIO(picture.png)), x, y, picture.width_pt, picture.height_pt,
                              mask="auto")

    def heading(self, set_line: SetLine, line_top: float) -> None:
        """A heading's first line: an outline entry (its title as the heading reads) that opens
        the page at the line's top. Levels nest one at a time, as PDF outlines do."""
        block = set_line.block
        if not (set_line.first and isinstance(block, TextBlock) and block.level):
            return
        key = f"heading{len(self.outline_levels)}"
        level = min(block.level - 1, self.outline_levels[-1] + 1 if self.outline_levels else 0)
        self.outline_levels.append(level)
        self.canvas.bookmarkPage(key, fit="XYZ", left=self.left + set_line.left, top=line_top)
        self.canvas.addOutlineEntry(block.spans[0].text.replace("\n", ""), key, level)

    def text(self, line: Line, origin: float, line_top: float, box: float) -> None:
        for start, end, spacing in self._runs(line):
            style = line.glyphs[start].style
            coloured = style.color != self.profile.text_color
            if style.bold or coloured:           # inside q … Q so that it cannot leak
                self.canvas.saveState()
            if coloured:
                self.canvas.setFillColor(HexColor("#" + style.color))
                self.canvas.setStrokeColor(HexColor("#" + style.color))
            base = baseline(line_top, box, style.size)
            if style.marked:
                self._highlight(line, origin, start, end, base, style.size)
            self.canvas._code.append(self._text_object(line, start, end, spacing, origin, base))
            if style.bold or coloured:
                self.canvas.restoreState()

    def _text_object(self, line: Line, start: int, end: int, spacing: float, origin: float, base: float) -> str:
        """A run's text object (BT … ET), written as reportlab's PDFTextObject writes it for
        beginText(), setTextRenderMode(2) if bold, setFont, setCharSpace, then, for each piece
        of one font subset, setTextOrigin and textOut: the same operators, the same bytes, without
        its cost per call (a width, the subsets worked out again, for every piece).

        reportlab embeds a font as subsets of 256 glyphs and switches between them inside one
        string; each piece gets its own position so that no reader has to carry the character
        spacing across the switch (pdfminer does not)."""
        style = line.glyphs[start].style
        font = pdfmetrics.getFont(self.fonts.name(style.font))
        doc = self.canvas._doc
        code = ["BT", "1 0 0 1 0 0 Tm"]
        if style.bold:
            code.append("2 Tr")
        code.append(f"{fp_str(spacing)} Tc")
        size = f"{fp_str(style.size)} Tf {fp_str(style.size * 1.2)} TL"     # setFont's leading: 1.2 × size
        shown, position = -1, start
        # splitString fixes each character's subset for this document, in drawing order
        for subset, encoded in font.splitString("".join(g.char for g in line.glyphs[start:end]), doc):
            code.append(f"1 0 0 1 {fp_str(origin + line.x[position], base)} Tm")
            if subset != shown:
                code.append(f"{font.getSubsetInternalName(subset, doc)} {size}")
                shown = subset
            code.append(f"({escapePDF(encoded)}) Tj")
            position += len(encoded)
        code.append("ET")
        return " ".join(code)

    def _highlight(self, line: Line, origin: float, start: int, end: int, base: float, size: float) -> None:
        """A draft's open item: the em boxes of its characters on the profile's mark colour."""
        x0 = origin + line.x[start]
        x1 = origin + line.x[end - 1] + line.glyphs[end - 1].width
        self.canvas.saveState()
        self.canvas.setFillColor(HexColor("#" + self.profile.draft.mark))
        self.canvas.rect(x0, base - (1 - IDEOGRAPHIC_ASCENT) * size, x1 - x0, size, stroke=0, fill=1)
        self.canvas.restoreState()

    def _runs(self, line: Line) -> list[tuple[int, int, float]]:
        """Stretches of a line drawn with one font and one character spacing (Tc):
        (start, end, spacing). Positions come from the typesetter; Tc reproduces them."""
        runs: list[tuple[int, int, float]] = []
        glyphs, xs, natural = line.glyphs, line.x, self.fonts.width
        start, run_style, run_spacing = 0, None, 0.0
        for i, glyph in enumerate(glyphs):
            style = glyph.style
            spacing = xs[i + 1] - xs[i] - natural(glyph.char, style.font, style.size) if i + 1 < len(glyphs) else None
            if i and (style is run_style or style == run_style) and (
                    spacing is None or abs(spacing - run_spacing) < 1e-6):
                continue
            if i:
                runs.append((start, i, run_spacing))
            start, run_style, run_spacing = i, style, spacing if spacing is not None else 0.0
        if glyphs:
            runs.append((start, len(glyphs), run_spacing))
        return runs

    def rule(self, rule: Rule, segments: list[tuple[float, float, float, float]]) -> None:
        self.canvas.saveState()
        self.canvas.setStrokeColor(HexColor("#" + rule.color))
        self.canvas.setLineWidth(mm_to_pt(rule.width_mm))
        for x0, y0, x1, y1 in segments:
            self.canvas.line(x0, y0, x1, y1)
        self.canvas.restoreState()


def draw(layout: Layout, profile: Profile, fonts: PdfFonts, info: DocumentInfo) -> bytes:
    """The PDF of a layout (pages.lay_out)."""
    buffer = io.BytesIO()
    page = profile.page
    canvas = Canvas(buffer, pagesize=(mm_to_pt(page.width_mm), mm_to_pt(page.height_mm)), invariant=1,
                    pageCompression=1, initialFontName=fonts.name(profile.body.font),
                    initialFontSize=profile.body.size_pt, lang=info.language)
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setCreator("docgen")
    canvas.setSubject(info.subject)
    # invariant=1 keeps the file's bytes (its /ID) free of the clock and dates it 2000-01-01;
    # the dates written are the document's own (PDF 32000-1 §7.9.4), as fixed as the input.
    canvas.setDateFormatter(lambda *clock: f"D:{info.written:%Y%m%d%H%M%S}Z")
    painter = _Painter(canvas, profile, layout.typesetter)
    for number, lines in enumerate(layout.pages, start=1):
        painter.page(lines, number, info.draft)
    if painter.outline_levels:
        canvas.showOutline()
    canvas.save()
    return buffer.getvalue()
