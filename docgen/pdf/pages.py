"""The layout run and the page walk that both fixed-layout writers share (PDF, OFD).

lay_out typesets the blocks once (Typesetter → set blocks → pages of SetLines); a
PageWalker walks those pages and works out where each thing goes, on the page in
points from its bottom-left corner as PDF counts. A writer subclasses it and only
draws: a line's glyphs, a rule, a picture. So the OFD shows each glyph where the
PDF puts it, from the same layout, without a second typesetter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docgen.document.blocks import Block, Picture, Rule, Span, TextBlock
from docgen.errors import MissingGlyphs
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docgen.format.profile import Profile, TextStyle
from docgen.format.units import mm_to_pt
from docgen.pdf.layout import SetLine, Typesetter, paginate
from docgen.pdf.typeset import Line, place
from docgen.record import record

# 仿宋 has no bold face: bold is drawn as fill + a stroke of this many em (of the body size).
FAKE_BOLD_STROKE_EM = 0.03

BlocksFor = Callable[[Callable[[str, TextStyle], float]], Sequence[Block]]


@record
class Layout:
    """The blocks set and paginated: what the writers draw."""
    typesetter: Typesetter
    pages: list[list[SetLine]]


def lay_out(blocks_for: BlocksFor, profile: Profile, fonts) -> Layout:
    """Typeset the blocks blocks_for(measure) gives and paginate them; MissingGlyphs before
    anything is drawn."""
    typesetter = Typesetter(profile, fonts)
    blocks = blocks_for(typesetter.measure)
    set_blocks = [typesetter.set_block(block) for block in blocks]
    if profile.page_number.enabled:
        typesetter.glyphs(Span(profile.page_number.format.format(page="0123456789"), profile.page_number))
    if typesetter.missing:
        unique = list({(m.char, m.role, str(m.where)): m for m in typesetter.missing}.values())
        raise MissingGlyphs(unique, {role: choice.family for role, choice in fonts.choices.items()})
    return Layout(typesetter, paginate(set_blocks, profile.lines_per_page))


def baseline(line_top: float, box: float, size: float) -> float:
    """The baseline of glyphs of this size whose em box (format/cjk.py, IDEOGRAPHIC_ASCENT)
    is centred in a line box of height box starting at line_top."""
    return line_top - (box - size) / 2 - IDEOGRAPHIC_ASCENT * size


class PageWalker:
    """Walks the pages of a layout; subclasses draw what it places."""

    def __init__(self, profile: Profile, typesetter: Typesetter):
        self.profile, self.typesetter = profile, typesetter
        self.fonts = typesetter.fonts
        page = profile.page
        self.page_height = mm_to_pt(page.height_mm)
        self.left = mm_to_pt(page.margin_left_mm)
        self.top = self.page_height - mm_to_pt(page.margin_top_mm)
        self.pitch = profile.line_pitch_pt

    # What a writer draws. x, y in pt from the page's bottom-left corner.
    def begin_page(self) -> None:
        pass

    def end_page(self) -> None:
        pass

    def text(self, line: Line, origin: float, line_top: float, box: float) -> None:
        """The line's glyphs, glyph i at origin + line.x[i], each centred in the box (see baseline)."""
        raise NotImplementedError

    def rule(self, rule: Rule, segments: list[tuple[float, float, float, float]]) -> None:
        raise NotImplementedError

    def picture(self, picture: Picture, x: float, y: float) -> None:
        """The picture with its bottom-left corner at (x, y)."""
        raise NotImplementedError

    def heading(self, set_line: SetLine, line_top: float) -> None:
        """A set line is drawn (a heading's first line for an outline entry); nothing by default."""

    # Where things go.
    def page(self, lines: list[SetLine], number: int, draft: bool) -> None:
        self.begin_page()
        if draft:
            self.draft_label()
        for slot, set_line in enumerate(lines):
            if set_line.first and isinstance(set_line.block, TextBlock):
                for picture in set_line.block.pictures:
                    self._picture(picture, self.top - slot * self.pitch)
        for slot, set_line in enumerate(lines):
            line_top = self.top - slot * self.pitch
            if set_line.line is not None:
                self.heading(set_line, line_top)
                self._text(set_line.line, set_line.left, line_top, set_line.span)
            if set_line.cells and (set_line.first or slot == 0):
                self._row(lines[slot:], line_top)
            for depth, placed in set_line.placed:
                self._placed(placed, line_top - depth)
            self._rules(set_line, line_top)
        if self.profile.page_number.enabled:
            self._page_number(number)
        self.end_page()

    def _picture(self, picture: Picture, line_top: float) -> None:
        """A floating image (a seal) placed from its block's first line, drawn before the page's
        text so that the text shows over it, as black text does through a seal's red ink."""
        x = self.left + picture.centre_x_pt - picture.width_pt / 2
        y = line_top - picture.centre_y_pt - picture.height_pt / 2
        self.picture(picture, x, y)

    def _text(self, line: Line, left: float, line_top: float, span: int = 1) -> None:
        """The line, left of the text block's edge by `left`, centred in `span` grid lines."""
        self.text(line, self.left + left, line_top, span * self.pitch)

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

    def _rules(self, set_line: SetLine, line_top: float) -> None:
        """The rules the typesetter put on the line's edges: across the text block above
        and below it (or at its rule_depth), and a table's column rules down it."""
        bottom = line_top - set_line.span * self.pitch
        right = self.left + self.profile.text_width_pt
        if set_line.rule_above is not None:
            self.rule(set_line.rule_above, [(self.left, line_top, right, line_top)])
        if set_line.rule_below is not None:
            below = bottom if set_line.rule_depth is None else line_top - set_line.rule_depth
            self.rule(set_line.rule_below, [(self.left, below, right, below)])
        if set_line.edge_rule is not None:
            self.rule(set_line.edge_rule, [(self.left + x, line_top, self.left + x, bottom) for x in set_line.edges])

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
