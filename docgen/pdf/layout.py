"""The PDF layout engine: blocks → lines on the grid → pages (no drawing, no reportlab).

Every line sits on one (or several) of the profile's grid lines; body
characters are narrowed as format/grid.py decides for every writer, so that 28
fill a line; lines are broken by Chinese rules and justified (typeset.py); a
heading keeps with its text; a block marked page_break_before (an attachment's
label) starts a new page; blocks marked at_foot (the 版记 or 报尾 and the blank
line before it) go to the foot of the last page. The fonts
object gives advances and which font draws each character: pdf_fonts.PdfFonts
for a real PDF, EstimatedFonts to count lines without any font.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.document.blocks import (
    Block,
    LetterheadBlock,
    Rule,
    SpaceBlock,
    Span,
    TableBlock,
    TextBlock,
    marked_pieces,
    text_span,
)
from docgen.errors import MissingGlyph
from docgen.format import cjk, grid
from docgen.format.profile import Profile, TextStyle
from docgen.pdf.table_pages import add_table, first_lines, repeats_header
from docgen.pdf.typeset import Glyph, Line, break_lines, place, script_ends, script_spaces
from docgen.record import record

FALLBACK = "fallback"


class EstimatedFonts:
    """Advances without fonts (cjk.char_width_in_em). Enough to count lines and pages the
    same way for DOCX and PDF."""

    def __init__(self):
        self.fallback_used: list[MissingGlyph] = []

    def key_for(self, char: str, role: str) -> str:
        return role

    def width(self, char: str, key: str, size: float) -> float:
        return size * cjk.char_width_in_em(char)


class CountingFonts:
    """A PDF's fonts lent to count lines (the DOCX writer's): their choices and advances,
    with nothing recorded as drawn in the fallback font."""

    def __init__(self, fonts):
        self.fonts = fonts
        self.fallback_used: list[MissingGlyph] = []

    def key_for(self, char: str, role: str) -> str | None:
        return self.fonts.key_for(char, role)

    def width(self, char: str, key: str, size: float) -> float:
        return self.fonts.width(char, key, size)


@record
class GlyphStyle:
    font: str           # the font key that draws it (pdf_fonts: role, role's full font, fallback)
    size: float
    bold: bool
    color: str          # hex RGB
    marked: bool = False    # a draft's open item: drawn on a highlight


@dataclass
class SetLine:
    """A line ready to draw: its glyphs placed relative to the text block's left edge,
    with the rules on its edges."""
    line: Line | None                   # None: an empty grid line
    left: float = 0.0
    block: Block | None = None
    first: bool = False                 # first / last line of its block (of its row, in a table)
    last: bool = False
    span: int = 1                       # grid lines it takes
    rule_above: Rule | None = None      # across the text block, on the line's top edge
    rule_below: Rule | None = None      # … on its bottom edge
    edges: tuple[float, ...] = ()       # a table line: x of the column rules
    edge_rule: Rule | None = None       # … drawn with this rule
    cells: tuple[Line, ...] = ()        # … and its cells' lines, placed from the text block's edge
    placed: tuple[tuple[float, SetLine], ...] = ()  # the 版头: lines by their em box's top below this line's top
    rule_depth: float | None = None     # … and rule_below this far below the line's top, not on its bottom edge

    @property
    def at_foot(self) -> bool:
        return self.block is not None and self.block.at_foot

    @property
    def keep_next(self) -> bool:
        return self.block is not None and self.block.keep_next

    @property
    def page_break_before(self) -> bool:
        return isinstance(self.block, TextBlock) and self.block.page_break_before


class Typesetter:
    """Blocks → lines on the grid, with the profile's measures."""

    def __init__(self, profile: Profile, fonts):
        self.profile, self.fonts = profile, fonts
        self.char = grid.char_unit_pt(profile)      # one 字 of an indent
        self.width = profile.text_width_pt
        self.hanging = frozenset(profile.line_breaking.hanging_marks)
        self.missing: list[MissingGlyph] = []
        # by size: the grid's narrowing and the space between scripts (computed per glyph, they cost
        # more than the rest of the layout)
        self._tracking: dict[float, float] = {}
        self._script_space: dict[float, float] = {}
        self._chosen: dict[tuple[str, float], dict[str, tuple[str | None, float]]] = {}

    def advance(self, char: str, style: GlyphStyle) -> float:
        """The font's advance and the grid's narrowing of characters of its size."""
        return self.fonts.width(char, style.font, style.size) + self._tracking_pt(style.size)

    def _tracking_pt(self, size: float) -> float:
        if size not in self._tracking:
            self._tracking[size] = grid.tracking_pt(self.profile, size)
        return self._tracking[size]

    def _script_space_pt(self, size: float) -> float:
        if size not in self._script_space:
            self._script_space[size] = grid.script_space_pt(self.profile, size)
        return self._script_space[size]

    def glyphs(self, span: Span, color: str | None = None) -> list[Glyph]:
        return self.spans_glyphs((span,), color)

    def spans_glyphs(self, spans: tuple[Span, ...], color: str | None = None) -> list[Glyph]:
        """The glyphs of spans set one after the other as one text: a change of script is found
        across their boundaries, as LibreOffice finds it across a paragraph's runs (measured)."""
        result: list[Glyph] = []
        color = color or self.profile.text_color
        text = "".join(span.text for span in spans)
        ends, spaces = script_ends(text), script_spaces(text)
        for i, span in enumerate(spans):
            role, size = span.style.font, span.style.size_pt
            tracking, script_space = self._tracking_pt(size), self._script_space_pt(size)
            chosen = self._chosen_for(role, size)
            styles: dict[tuple[str, bool], GlyphStyle] = {}     # of this span's glyphs, by font and mark
            marks = [marked for piece, marked in marked_pieces(span) for _ in piece]
            run_end = self._ends_a_run(spans, i)
            last = len(span.text) - 1
            for k, (char, marked) in enumerate(zip(span.text, marks)):
                at = len(result)
                found = chosen.get(char)
                if found is None:
                    found = chosen[char] = self._choose(char, role, size)
                font, natural_width = found
                if font is None or font.startswith(FALLBACK):
                    font = self._note_missing(char, role, span, font)
                style = styles.get((font, marked))
                if style is None:
                    style = styles[font, marked] = GlyphStyle(font, size, span.style.bold, color, marked)
                # before a change of script or at a run's end: no narrowing (typeset.py); next to a hanzi: a space
                width = natural_width if ends[at] or (run_end and k == last) else natural_width + tracking
                space = script_space if spaces[at] else 0.0
                result.append(Glyph(char, width + space, style, space))
        return result

    def _chosen_for(self, role: str, size: float) -> dict[str, tuple[str | None, float]]:
        """Each character's font key and advance at this role and size, found once per layout:
        the fonts' own lookups cost more than the rest of setting a glyph."""
        chosen = self._chosen.get((role, size))
        if chosen is None:
            chosen = self._chosen[role, size] = {}
        return chosen

    def _choose(self, char: str, role: str, size: float) -> tuple[str | None, float]:
        font = self.fonts.key_for(char, role)
        return font, self.fonts.width(char, role if font is None else font, size)

    def _note_missing(self, char: str, role: str, span: Span, font: str | None) -> str:
        """Record a character no font of the role draws (the role's font stands in) or the
        fallback font draws, at each place it is set; the font key that draws it."""
        if font is None:
            self.missing.append(MissingGlyph(char, role, span.where))
            return role
        self.fonts.fallback_used.append(MissingGlyph(char, role, span.where))
        return font

    def _ends_a_run(self, spans: tuple[Span, ...], i: int) -> bool:
        """Whether span i's last character ends a run of the DOCX's next to **…** words: LibreOffice 7.4
        applies no w:spacing (the narrowing) to the last character of a run (README, "Notes on
        rendering"). Not yet so set before or after a lead phrase or a run-in heading (0.3 pt:
        the bundled report's PDF stays as it is)."""
        emphasis = self.profile.emphasis
        return i + 1 < len(spans) and (spans[i].style is emphasis) != (spans[i + 1].style is emphasis)

    def measure(self, text: str, style: TextStyle) -> float:
        """Width in 字 (format/grid.py), for the shared plan."""
        return sum(g.width for g in self.glyphs(Span(text, style))) / self.char

    def set_block(self, block: Block) -> list[SetLine]:
        match block:
            case SpaceBlock():
                return [SetLine(None, block=block, first=True, last=True)]
            case TableBlock():
                return self._table(block)
            case LetterheadBlock():
                return [self._letterhead(block)]
        return self._text(block)

    def _letterhead(self, block: LetterheadBlock) -> SetLine:
        """The 版头 as one line of block.lines grid lines, holding its lines at their depths and
        its rule. The plan refuses a line wider than the block; should one wrap all the same
        (the DOCX writer's plan measures without fonts), what wraps goes one pitch lower."""
        pitch = self.profile.line_pitch_pt
        placed = tuple((item.top_pt + i * pitch, line) for item in block.placed
                       for i, line in enumerate(self._text(item.text)))
        return SetLine(None, block=block, first=True, last=True, span=block.lines, placed=placed,
                       rule_below=block.rule, rule_depth=block.rule_pt)

    def _text(self, block: TextBlock) -> list[SetLine]:
        left, right = block.left * self.char, block.right * self.char
        first = block.first_line * self.char
        width = self.width - left - right
        if "\n" in block.text or block.role == "title":
            lines = [Line(self.glyphs(Span(text, span.style, span.where), block.color), is_last=True)
                     for span in block.spans for text in span.text.split("\n")]
            set_lines = [self._placed(line, left, width, block.align, block) for line in lines]
        elif block.centres:
            set_lines = [self._centred(block)]
        elif block.tab_right:
            set_lines = [self._tabbed(block, left, width)]
        else:
            glyphs = self.spans_glyphs(block.spans, block.color)
            lines = break_lines(glyphs, width - first, width, self.hanging)
            set_lines = [self._placed(line, left + (first if i == 0 else 0), width - (first if i == 0 else 0),
                                      block.align, block) for i, line in enumerate(lines)]
        set_lines[0].first, set_lines[-1].last = True, True
        set_lines[0].rule_above, set_lines[-1].rule_below = block.rule_above, block.rule_below
        return set_lines

    @staticmethod
    def _placed(line: Line, left: float, width: float, align: str, block: TextBlock) -> SetLine:
        place(line, width, align)
        return SetLine(line, left, block, span=block.line_span)

    def _tabbed(self, block: TextBlock, left: float, width: float) -> SetLine:
        """One line: the spans' text before the tab at the left (after the first-line indent),
        the rest flush right."""
        sides: tuple[list[Glyph], list[Glyph]] = ([], [])
        side = 0
        for span in block.spans:
            for i, text in enumerate(span.text.split("\t", 1)):
                side += i
                sides[side].extend(self.glyphs(Span(text, span.style, span.where), block.color))
        head, tail = Line(sides[0], is_last=True), Line(sides[1], is_last=True)
        place(head, width, "left")
        head.x = [x + block.first_line * self.char for x in head.x]
        place(tail, width, "right")
        return SetLine(Line(head.glyphs + tail.glyphs, head.x + tail.x, is_last=True), left, block,
                        span=block.line_span)

    def _centred(self, block: TextBlock) -> SetLine:
        """One line of spans side by side, each centred on its own x (joint issuers' names)."""
        glyphs: list[Glyph] = []
        xs: list[float] = []
        for span, centre in zip(block.spans, block.centres):
            line = Line(self.glyphs(span, block.color), is_last=True)
            place(line, 0.0, "center")          # centred on x = 0
            glyphs += line.glyphs
            xs += [centre * self.char + x for x in line.x]
        return SetLine(Line(glyphs, xs, is_last=True), 0.0, block, span=block.line_span)

    def _table(self, block: TableBlock) -> list[SetLine]:
        """Each row on whole grid lines; a cell wraps within its column; a rule above
        every row, below the last and at every column edge."""
        widths = [share * self.width for share in block.columns]
        edges = [sum(widths[:i]) for i in range(len(widths) + 1)]
        padding = block.cell_padding_pt
        set_lines = []
        for r, row in enumerate(block.rows):
            style = block.cell_style(r)
            rooms = [w - 2 * padding - block.cell_inset(r, c) for c, w in enumerate(widths)]
            cells = [break_lines(self.glyphs(text_span(text, style), block.color), room, room, self.hanging)
                     for text, room in zip(row, rooms)]
            height = max(len(lines) for lines in cells)
            for c, (lines, room) in enumerate(zip(cells, rooms)):
                align = block.cell_align(r, c)
                inset = {"center": 0.5, "right": 1.0}.get(align, 0.0) * block.cell_inset(r, c)
                for line in lines:
                    place(line, room, align)
                    line.x = [inset + x for x in line.x]
            for i in range(height):
                # Each cell's line on its own (not one line across the columns), an empty one
                # where a cell has no line i: the painter draws a row cell by cell, each cell's
                # lines in column c, so that text extraction reads it so.
                row_line = tuple(Line(lines[i].glyphs, [x0 + padding + x for x in lines[i].x], is_last=True)
                                 if i < len(lines) else Line([], [], is_last=True)
                                 for lines, x0 in zip(cells, edges))
                set_lines.append(SetLine(None, 0.0, block, first=i == 0, last=i == height - 1,
                                          rule_above=block.rule if i == 0 else None,
                                          edges=tuple(edges), edge_rule=block.rule, cells=row_line))
        set_lines[-1].rule_below = block.rule
        return set_lines


def grid_lines(set_lines: list[SetLine]) -> list[int]:
    """The grid lines a set block takes: one count for a text block, one for each row of a table."""
    counts: list[int] = []
    for line in set_lines:
        if line.first:
            counts.append(0)
        counts[-1] += line.span
    return counts


def paginate(blocks: list[list[SetLine]], lines_per_page: int) -> list[list[SetLine]]:
    """Lay set lines onto pages of lines_per_page grid lines.

    A block marked page_break_before starts a new page (unless it starts one anyway).
    A block marked keep_next starts a new page unless it, the blocks chained to
    it and the first line of the block after them fit on this one. Blocks marked
    at_foot (版记, 报尾) go to the foot of the last page, after foot_padding empty
    lines. A line taking several grid lines is followed by empty slots.
    """
    pages = _fill([lines for lines in blocks if not lines[0].at_foot], lines_per_page)
    foot = [line for lines in blocks if lines[0].at_foot for line in lines]
    if foot:
        _add(pages, [SetLine(None)] * foot_padding(blocks, lines_per_page) + foot, lines_per_page)
    return pages


def foot_padding(blocks: list[list[SetLine]], lines_per_page: int) -> int:
    """Empty grid lines between the text and the at_foot blocks, so that these end on
    the last grid line of a page, the first page that holds all of them after the text
    (GB/T 9704 §7.4: the 版记 at the foot of the last page). Every writer pads with this
    number: the PDF here, the DOCX with as many empty paragraphs."""
    foot = sum(line.span for lines in blocks if lines[0].at_foot for line in lines)
    if not foot:
        return 0
    used = len(_fill([lines for lines in blocks if not lines[0].at_foot], lines_per_page)[-1])
    return -(used + foot) % lines_per_page


def _fill(blocks: list[list[SetLine]], lines_per_page: int) -> list[list[SetLine]]:
    """The blocks' lines on pages, keep_next chains kept together."""
    pages: list[list[SetLine]] = [[]]
    for i, lines in enumerate(blocks):
        chain = _kept_together(blocks, i)
        room = lines_per_page - len(pages[-1])
        if pages[-1] and (lines[0].page_break_before or room < chain <= lines_per_page):
            pages.append([])
        if repeats_header(lines):
            add_table(pages, lines, lines_per_page)
        else:
            _add(pages, lines, lines_per_page)
    return pages


def _add(pages: list[list[SetLine]], lines: list[SetLine], lines_per_page: int) -> None:
    """Lines onto the last page, a new one when the next does not fit."""
    for line in lines:
        if len(pages[-1]) + line.span > lines_per_page:
            pages.append([])
        pages[-1] += [line] + [SetLine(None)] * (line.span - 1)


def _kept_together(body: list[list[SetLine]], i: int) -> int:
    """Lines that must share a page with block i's start: its keep_next chain and the start of the
    block after it (table_pages.first_lines), or, with no chain, its own start."""
    needed, j = 0, i
    while j < len(body) and body[j][0].keep_next:
        needed += sum(line.span for line in body[j])
        j += 1
    if j == i:
        return first_lines(body[i])
    return needed + (first_lines(body[j]) if j < len(body) else 0)
