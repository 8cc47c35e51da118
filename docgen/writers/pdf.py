"""The official-format report as PDF (GB/T 9704-2012), typeset by docgen itself.

The same blocks as the DOCX (blocks.py), set on the profile's grid: every
line on one of the 22 grid lines, body characters at the grid's pitch so that
28 fill a line, lines broken by Chinese rules and justified (typeset.py),
headings kept with their text, the 版记 at the foot of the last page, page
numbers "— n —" outside the block. Drawn glyph by glyph on the reportlab
canvas with embedded subset fonts; same input, same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..blocks import Block, Span, plan
from ..model import Report
from ..errors import MissingGlyph, MissingGlyphs
from ..pdf_fonts import FALLBACK, PdfFonts
from ..profile import Profile, TextStyle
from ..typeset import Glyph, Line, break_lines, place
from ..units import mm_to_pt

# CJK fonts draw ideographs in an em box from 0.12 em below the baseline to
# 0.88 em above it (the OpenType 'ideo' baseline convention); we centre that
# box on the grid line.
IDEOGRAPHIC_ASCENT = 0.88
# 仿宋 has no bold face: bold is drawn as fill + a stroke of this many em.
FAKE_BOLD_STROKE_EM = 0.03


@dataclass(frozen=True)
class _GlyphStyle:
    font: str           # the font key that draws it (pdf_fonts: role, role's full font, fallback)
    size: float
    bold: bool


@dataclass
class _SetLine:
    """A line ready to draw: its glyphs placed relative to the text block's left edge."""
    line: Line | None                   # None: an empty grid line
    left: float = 0.0
    block: Block | None = None
    first: bool = False                 # first / last line of its block
    last: bool = False


class _Typesetter:
    """Blocks → lines on the grid, with the profile's measures."""

    def __init__(self, profile: Profile, fonts: PdfFonts):
        self.profile, self.fonts = profile, fonts
        self.pitch = profile.char_pitch_pt
        self.width = profile.text_width_pt
        self.missing: list[MissingGlyph] = []

    def advance(self, char: str, style: _GlyphStyle) -> float:
        """The font's advance; body-size characters are narrowed by the same amount each
        (as Word's character spacing) so that a full-width character takes one grid
        pitch and 28 fill a line."""
        natural = self.fonts.width(char, style.font, style.size)
        if style.size == self.profile.body.size_pt:
            natural += min(0.0, self.pitch - style.size)
        return natural

    def glyphs(self, span: Span) -> list[Glyph]:
        result = []
        role = span.style.font
        for char in span.text:
            font = self.fonts.key_for(char, role)
            if font is None:
                self.missing.append(MissingGlyph(char, role, span.where))
                font = role
            elif font.startswith(FALLBACK):
                self.fonts.fallback_used.append(MissingGlyph(char, role, span.where))
            style = _GlyphStyle(font, span.style.size_pt, span.style.bold)
            result.append(Glyph(char, self.advance(char, style), style))
        return result

    def measure(self, text: str, style: TextStyle) -> float:
        """Width in 字 (grid characters), for the shared plan."""
        return sum(g.width for g in self.glyphs(Span(text, style))) / self.pitch

    def set_block(self, block: Block) -> list[_SetLine]:
        if block.kind == "blank":
            return [_SetLine(None, block=block, first=True, last=True)]
        left, right = block.left * self.pitch, block.right * self.pitch
        first = block.first_line * self.pitch
        width = self.width - left - right
        if block.kind == "title":
            span = block.spans[0]
            lines = [Line(self.glyphs(Span(text, span.style, span.where)), is_last=True)
                     for text in span.text.split("\n")]
            set_lines = [self._placed(line, left, width, "center", block) for line in lines]
        elif block.tab_right:
            set_lines = [self._tabbed(block, left, width)]
        else:
            glyphs = [g for span in block.spans for g in self.glyphs(span)]
            lines = break_lines(glyphs, width - first, width)
            set_lines = [self._placed(line, left + (first if i == 0 else 0), width - (first if i == 0 else 0),
                                      block.align, block) for i, line in enumerate(lines)]
        set_lines[0].first, set_lines[-1].last = True, True
        return set_lines

    @staticmethod
    def _placed(line: Line, left: float, width: float, align: str, block: Block) -> _SetLine:
        place(line, width, align)
        return _SetLine(line, left, block)

    def _tabbed(self, block: Block, left: float, width: float) -> _SetLine:
        """One line: the text before the tab at the left, the rest flush right."""
        span = block.spans[0]
        before, after = span.text.split("\t", 1)
        head = Line(self.glyphs(Span(before, span.style, span.where)), is_last=True)
        tail = Line(self.glyphs(Span(after, span.style, span.where)), is_last=True)
        place(head, width, "left")
        place(tail, width, "right")
        return _SetLine(Line(head.glyphs + tail.glyphs, head.x + tail.x, is_last=True), left, block)


def paginate(blocks: list[list[_SetLine]], lines_per_page: int) -> list[list[_SetLine]]:
    """Lay set lines onto pages of lines_per_page grid lines.

    A block marked keep_next starts a new page unless it, the blocks chained to
    it and the first line of the block after them fit on this one. The 版记
    blocks (cc, printed) go to the foot of the last page.
    """
    foot = [line for lines in blocks for line in lines if line.block.kind in ("cc", "printed")]
    body = [lines for lines in blocks if lines[0].block.kind not in ("cc", "printed")]
    if foot and body and body[-1][0].block.kind == "blank":
        body.pop()                                          # the blank line before the 版记
    pages: list[list[_SetLine]] = [[]]
    for i, lines in enumerate(body):
        chain = _kept_together(body, i)
        room = lines_per_page - len(pages[-1])
        if pages[-1] and chain > room and chain <= lines_per_page:
            pages.append([])
        for line in lines:
            if len(pages[-1]) == lines_per_page:
                pages.append([])
            pages[-1].append(line)
    if foot:
        if lines_per_page - len(pages[-1]) < len(foot) + 1:
            pages.append([])
        pages[-1] += [_SetLine(None)] * (lines_per_page - len(pages[-1]) - len(foot)) + foot
    return pages


def _kept_together(body: list[list[_SetLine]], i: int) -> int:
    """Lines that must share a page with block i's start: its keep_next chain and one more."""
    needed, j = 0, i
    while j < len(body) and body[j][0].block.keep_next:
        needed += len(body[j])
        j += 1
    if j == i:
        return 1
    return needed + (1 if j < len(body) else 0)


class _Painter:
    """Draws pages of set lines on a reportlab canvas."""

    def __init__(self, canvas: Canvas, profile: Profile, typesetter: _Typesetter):
        self.canvas, self.profile, self.typesetter = canvas, profile, typesetter
        self.fonts = typesetter.fonts
        page = profile.page
        self.page_height = mm_to_pt(page.height_mm)
        self.left = mm_to_pt(page.margin_left_mm)
        self.top = self.page_height - mm_to_pt(page.margin_top_mm)
        self.pitch = profile.line_pitch_pt

    def page(self, lines: list[_SetLine], number: int) -> None:
        self.canvas.setLineWidth(FAKE_BOLD_STROKE_EM * self.profile.body.size_pt)   # for bold glyphs
        for slot, set_line in enumerate(lines):
            line_top = self.top - slot * self.pitch
            if set_line.line is not None:
                self._text(set_line, line_top)
            if set_line.block is not None:
                self._rules(set_line, line_top)
        self._page_number(number)
        self.canvas.showPage()

    def _text(self, set_line: _SetLine, line_top: float) -> None:
        line = set_line.line
        for start, end, spacing in self._runs(line):
            style = line.glyphs[start].style
            if style.bold:                       # fill + stroke, inside q … Q so it cannot leak
                self.canvas.saveState()
            baseline = line_top - (self.pitch - style.size) / 2 - IDEOGRAPHIC_ASCENT * style.size
            text = self.canvas.beginText()
            if style.bold:
                text.setTextRenderMode(2)
            text.setFont(self.fonts.name(style.font), style.size)
            text.setCharSpace(spacing)
            for piece_start, piece_end in self._subset_pieces(line, start, end):
                text.setTextOrigin(self.left + set_line.left + line.x[piece_start], baseline)
                text.textOut("".join(g.char for g in line.glyphs[piece_start:piece_end]))
            self.canvas.drawText(text)
            if style.bold:
                self.canvas.restoreState()

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

    def _rules(self, set_line: _SetLine, line_top: float) -> None:
        block = set_line.block
        for width_mm, y, wanted in ((block.rule_above_mm, line_top, set_line.first),
                                    (block.rule_below_mm, line_top - self.pitch, set_line.last)):
            if width_mm is None or not wanted:
                continue
            self.canvas.saveState()
            self.canvas.setLineWidth(mm_to_pt(width_mm))
            self.canvas.line(self.left, y, self.left + self.profile.text_width_pt, y)
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
        self._text(_SetLine(line, left), middle + self.pitch / 2)


def render(report: Report, profile: Profile, fonts: PdfFonts) -> bytes:
    """The PDF's bytes; raises MissingGlyphs before drawing anything."""
    typesetter = _Typesetter(profile, fonts)
    blocks = plan(report, profile, typesetter.measure, char_pt=profile.char_pitch_pt)
    set_blocks = [typesetter.set_block(block) for block in blocks]
    typesetter.glyphs(Span(profile.page_number.format.format(page="0123456789"), profile.page_number))
    if typesetter.missing:
        unique = list({(m.char, m.role, str(m.where)): m for m in typesetter.missing}.values())
        raise MissingGlyphs(unique, {role: choice.family for role, choice in fonts.choices.items()})
    pages = paginate(set_blocks, profile.lines_per_page)
    buffer = io.BytesIO()
    page = profile.page
    canvas = Canvas(buffer, pagesize=(mm_to_pt(page.width_mm), mm_to_pt(page.height_mm)), invariant=1,
                    pageCompression=1, initialFontName=fonts.name(profile.body.font),
                    initialFontSize=profile.body.size_pt)
    canvas.setTitle(report.title.replace("\n", ""))
    canvas.setAuthor(str(report.issuer))
    canvas.setCreator("docgen")
    canvas.setSubject(f"{report.year}年法治政府建设年度报告")
    painter = _Painter(canvas, profile, typesetter)
    for number, lines in enumerate(pages, start=1):
        painter.page(lines, number)
    canvas.save()
    return buffer.getvalue()

