"""The official-format report as PDF (GB/T 9704-2012), typeset by docgen itself.

The same blocks as the DOCX (blocks.py), laid out on the profile's grid by
layout.py, drawn here on the reportlab canvas with embedded subset fonts,
page numbers "— n —" outside the block. Same input, same bytes.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from docgen.content.model import Report
from docgen.document.blocks import DocumentInfo, Picture, Rule, Span, TextBlock
from docgen.document.plan import plan, report_info
from docgen.errors import MissingGlyphs
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docgen.format.profile import Profile
from docgen.format.units import mm_to_pt
from docgen.pdf.fonts import PdfFonts
from docgen.pdf.layout import SetLine, Typesetter, paginate
from docgen.pdf.typeset import Line, place

# A line's em box (format/cjk.py, IDEOGRAPHIC_ASCENT) is centred on its grid line.
# 仿宋 has no bold face: bold is drawn as fill + a stroke of this many em.
FAKE_BOLD_STROKE_EM = 0.03


class _Painter:
    """Draws pages of set lines on a reportlab canvas."""

    def __init__(self, canvas: Canvas, profile: Profile, typesetter: Typesetter):
        self.canvas, self.profile, self.typesetter = canvas, profile, typesetter
        self.fonts = typesetter.fonts
        page = profile.page
        self.page_height = mm_to_pt(page.height_mm)
        self.left = mm_to_pt(page.margin_left_mm)
        self.top = self.page_height - mm_to_pt(page.margin_top_mm)
        self.pitch = profile.line_pitch_pt
        self.outline_levels: list[int] = []     # of the outline entries made so far

    def page(self, lines: list[SetLine], number: int, draft: bool) -> None:
        self.canvas.setLineWidth(FAKE_BOLD_STROKE_EM * self.profile.body.size_pt)   # for bold glyphs
        if draft:
            self.draft_label()
        for slot, set_line in enumerate(lines):
            if set_line.first and isinstance(set_line.block, TextBlock):
                for picture in set_line.block.pictures:
                    self._picture(picture, self.top - slot * self.pitch)
        for slot, set_line in enumerate(lines):
            line_top = self.top - slot * self.pitch
            if set_line.line is not None:
                self._bookmark(set_line, line_top)
                self._text(set_line.line, set_line.left, line_top, set_line.span)
            if set_line.cells and (set_line.first or slot == 0):
                self._row(lines[slot:], line_top)
            for depth, placed in set_line.placed:
                self._placed(placed, line_top - depth)
            self._rules(set_line, line_top)
        if self.profile.page_number.enabled:
            self._page_number(number)
        self.canvas.showPage()

    def _picture(self, picture: Picture, line_top: float) -> None:
        """A floating image (a seal) placed from its block's first line, drawn before the page's
        text so that the text shows over it, as black text does through a seal's red ink; its
        transparency (a PNG's alpha) kept."""
        x = self.left + picture.centre_x_pt - picture.width_pt / 2
        y = line_top - picture.centre_y_pt - picture.height_pt / 2
        self.canvas.drawImage(ImageReader(io.BytesIO(picture.png)), x, y, picture.width_pt, picture.height_pt,
                              mask="auto")

    def _bookmark(self, set_line: SetLine, line_top: float) -> None:
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

    def _row(self, slots: list[SetLine], line_top: float) -> None:
        """A table row's lines on this page, drawn cell by cell, each cell's lines top to
        bottom, so that text extraction (pdftotext -raw, screen readers) reads it in that order."""
        row = [slots[0]]
        while not row[-1].last and len(row) < len(slots) and slots[len(row)].cells:
            row.append(slots[len(row)])
        for column in range(max(len(set_line.cells) for set_line in row)):
            for i, set_line in enumerate(row):
                if column < len(set_line.cells):
                    self._text(set_line.cells[column], set_line.left, line_top - i * self.pitch)

    def _placed(self, set_line: SetLine, em_top: float) -> None:
        """A line of the 版头, the top of its em box (of its largest size) at em_top."""
        assert set_line.line is not None
        size = max((glyph.style.size for glyph in set_line.line.glyphs), default=0.0)
        # _text centres the em box in a line box of one pitch starting at the given top.
        self._text(set_line.line, set_line.left, em_top + (self.pitch - size) / 2)

    def _text(self, line: Line, left: float, line_top: float, span: int = 1) -> None:
        """The line's glyphs, left of the text block's edge by `left`, centred in `span` grid lines."""
        box = span * self.pitch
        for start, end, spacing in self._runs(line):
            style = line.glyphs[start].style
            coloured = style.color != self.profile.text_color
            if style.bold or coloured:           # inside q … Q so that it cannot leak
                self.canvas.saveState()
            if coloured:
                self.canvas.setFillColor(HexColor("#" + style.color))
                self.canvas.setStrokeColor(HexColor("#" + style.color))
            baseline = line_top - (box - style.size) / 2 - IDEOGRAPHIC_ASCENT * style.size
            if style.marked:
                self._highlight(line, left, start, end, baseline, style.size)
            text = self.canvas.beginText()
            if style.bold:
                text.setTextRenderMode(2)
            text.setFont(self.fonts.name(style.font), style.size)
            text.setCharSpace(spacing)
            for piece_start, piece_end in self._subset_pieces(line, start, end):
                text.setTextOrigin(self.left + left + line.x[piece_start], baseline)
                text.textOut("".join(g.char for g in line.glyphs[piece_start:piece_end]))
            self.canvas.drawText(text)
            if style.bold or coloured:
                self.canvas.restoreState()

    def _highlight(self, line: Line, left: float, start: int, end: int, baseline: float, size: float) -> None:
        """A draft's open item: the em boxes of its characters on the profile's mark colour."""
        x0 = self.left + left + line.x[start]
        x1 = self.left + left + line.x[end - 1] + line.glyphs[end - 1].width
        self.canvas.saveState()
        self.canvas.setFillColor(HexColor("#" + self.profile.draft.mark))
        self.canvas.rect(x0, baseline - (1 - IDEOGRAPHIC_ASCENT) * size, x1 - x0, size, stroke=0, fill=1)
        self.canvas.restoreState()

    def draft_label(self) -> None:
        """草稿 flush right above the text block, the middle of its em box above_text_block_mm
        over the block (as the DOCX's header puts it)."""
        style = self.profile.draft
        glyphs = self.typesetter.glyphs(Span(style.label, style), style.color)
        line = Line(glyphs, is_last=True)
        place(line, self.profile.text_width_pt, "right")
        middle = self.top + mm_to_pt(style.above_text_block_mm)
        # _text centres the em box in a line box of one pitch starting at the given top.
        self._text(line, 0.0, middle + self.pitch / 2)

    def _subset_pieces(self, line: Line, start: int, end: int) -> list[tuple[int, int]]:
        """reportlab embeds a font as subsets of 256 glyphs and switches between them
        inside one string; each piece gets its own position so that no reader has to
        carry the character spacing across the switch (pdfminer does not)."""
        font = line.glyphs[start].style.font
        text = "".join(g.char for g in line.glyphs[start:end])
        # splitString fixes each character's subset for this document, as drawing will.
        pieces, position = [], start
        for _, encoded in pdfmetrics.getFont(self.fonts.name(font)).splitString(text, self.canvas._doc):
            pieces.append((position, position + len(encoded)))
            position += len(encoded)
        return pieces

    def _runs(self, line: Line) -> list[tuple[int, int, float]]:
        """Stretches of a line drawn with one font and one character spacing (Tc):
        (start, end, spacing). Positions come from the typesetter; Tc reproduces them."""
        runs: list[tuple[int, int, float]] = []
        for i, glyph in enumerate(line.glyphs):
            natural = self.fonts.width(glyph.char, glyph.style.font, glyph.style.size)
            spacing = (line.x[i + 1] - line.x[i] - natural) if i + 1 < len(line.glyphs) else None
            if runs:
                start, end, run_spacing = runs[-1]
                same_style = line.glyphs[start].style == glyph.style
                if same_style and end == i and (spacing is None or abs(spacing - run_spacing) < 1e-6):
                    runs[-1] = (start, i + 1, run_spacing)
                    continue
            runs.append((i, i + 1, spacing if spacing is not None else 0.0))
        return runs

    def _rules(self, set_line: SetLine, line_top: float) -> None:
        """The rules the typesetter put on the line's edges: across the text block above
        and below it (or at its rule_depth), and a table's column rules down it."""
        bottom = line_top - set_line.span * self.pitch
        right = self.left + self.profile.text_width_pt
        if set_line.rule_above is not None:
            self._rule(set_line.rule_above, [(self.left, line_top, right, line_top)])
        if set_line.rule_below is not None:
            below = bottom if set_line.rule_depth is None else line_top - set_line.rule_depth
            self._rule(set_line.rule_below, [(self.left, below, right, below)])
        if set_line.edge_rule is not None:
            self._rule(set_line.edge_rule, [(self.left + x, line_top, self.left + x, bottom) for x in set_line.edges])

    def _rule(self, rule: Rule, segments: list[tuple[float, float, float, float]]) -> None:
        self.canvas.saveState()
        self.canvas.setStrokeColor(HexColor("#" + rule.color))
        self.canvas.setLineWidth(mm_to_pt(rule.width_mm))
        for x0, y0, x1, y1 in segments:
            self.canvas.line(x0, y0, x1, y1)
        self.canvas.restoreState()

    def _page_number(self, number: int) -> None:
        """"— n —" outside the block: odd pages right, even pages left, 1 字 in;
        the middle of its em box (where the dashes are) below_text_block_mm under the block."""
        style = self.profile.page_number
        glyphs = self.typesetter.glyphs(Span(style.format.format(page=number), style))
        line = Line(glyphs, is_last=True)
        width = self.profile.text_width_pt
        indent = style.outer_indent_chars * style.size_pt
        place(line, width - indent, "right" if number % 2 else "left")
        left = 0.0 if number % 2 else indent
        block_bottom_line_top = self.top - self.profile.text_height_pt
        middle = block_bottom_line_top - mm_to_pt(style.below_text_block_mm)
        # _text centres the em box in a line box of one pitch starting at the given top.
        self._text(line, left, middle + self.pitch / 2)


def render(report: Report, profile: Profile, fonts: PdfFonts) -> bytes:
    """The report's PDF; raises MissingGlyphs before drawing anything."""
    return render_blocks(lambda measure: plan(report, profile, measure), profile, fonts, report_info(report))


def render_blocks(blocks_for, profile: Profile, fonts: PdfFonts, info: DocumentInfo) -> bytes:
    """Typeset and draw the blocks blocks_for(measure) gives; MissingGlyphs before drawing."""
    typesetter = Typesetter(profile, fonts)
    blocks = blocks_for(typesetter.measure)
    set_blocks = [typesetter.set_block(block) for block in blocks]
    if profile.page_number.enabled:
        typesetter.glyphs(Span(profile.page_number.format.format(page="0123456789"), profile.page_number))
    if typesetter.missing:
        unique = list({(m.char, m.role, str(m.where)): m for m in typesetter.missing}.values())
        raise MissingGlyphs(unique, {role: choice.family for role, choice in fonts.choices.items()})
    pages = paginate(set_blocks, profile.lines_per_page)
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
    painter = _Painter(canvas, profile, typesetter)
    for number, lines in enumerate(pages, start=1):
        painter.page(lines, number, info.draft)
    if painter.outline_levels:
        canvas.showOutline()
    canvas.save()
    return buffer.getvalue()
