"""The blocks every writer renders: text (styled spans), tables, empty grid lines, the 版头.

A document (the report, the 简报) is planned once as a list of blocks
(plan.py, brief_layout.py); each writer turns blocks into its format and
decides nothing about what goes where. Indents are in 字: characters of the
body size (format/grid.py). Every block takes whole grid lines: a rule is
drawn on the edge of the lines it borders and takes no room of its own; only
inside the 版头 are lines and its rule placed at exact depths, off the grid.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from docgen.content.model import Location
from docgen.format.cjk import TO_FILL_MARK
from docgen.format.profile import TextStyle
from docgen.record import record

# measure(text, style) → the width of text as the writer sets it, in 字 (format/grid.py).
Measure = Callable[[str, TextStyle], float]


@record
class Span:
    text: str
    style: TextStyle
    where: Location | None = None   # where the clerk wrote it, for messages
    marked: bool = False            # a draft's open item: highlighted


def marked_pieces(span: Span) -> list[tuple[str, bool]]:
    """The span's text in pieces, each with whether to highlight it: a marked span
    whole, else just its placeholders of values still to fill (【待填：…】)."""
    if span.marked:
        return [(span.text, True)]
    pieces = re.split(f"({re.escape(TO_FILL_MARK)}[^】]*】)", span.text)
    return [(piece, piece.startswith(TO_FILL_MARK)) for piece in pieces if piece]


def text_span(text, style: TextStyle, marked: bool = False) -> Span:
    """A span of a content text, keeping where the clerk wrote it."""
    return Span(str(text), style, getattr(text, "where", None), marked)


@record
class Rule:
    """A rule across the whole text block (GB/T 9704 §7.4.1: 版记 rules are as wide as the block)."""
    width_mm: float
    color: str                      # hex RGB


@record
class Picture:
    """An image over the text, anchored to its block's first grid line: a seal (GB/T 9704
    7.3.5.1). It takes no room on the grid, and is drawn under the text, as the black text
    shows through a stamped seal's red ink."""
    png: bytes
    centre_x_pt: float              # from the text block's left edge
    centre_y_pt: float              # below the top of the block's first grid line (negative: above)
    width_pt: float
    height_pt: float
    description: str                # what it shows, for readers that cannot see it (DOCX alt text)


@record
class TextBlock:
    """A paragraph of styled spans: one or more lines on the grid."""
    role: str                       # what it is (title addressee paragraph heading attachment signature
                                    # date note cc printed brief-*): for styles and messages, never placement
    spans: tuple[Span, ...] = ()
    align: str = "justify"          # justify | center | left | right
    first_line: float = 0           # first-line indent, 字 (negative: hanging)
    left: float = 0                 # 字
    right: float = 0                # 字
    keep_next: bool = False         # never the last line of a page
    rule_above: Rule | None = None
    rule_below: Rule | None = None
    tab_right: bool = False         # text after a tab is set flush right
    color: str | None = None        # text colour (hex RGB); None: the profile's text colour
    line_span: int = 1              # grid lines each line of the block takes (a large 简报 name)
    at_foot: bool = False           # set at the foot of the last page (版记, 报尾)
    level: int = 0                  # a heading's level (1–4), 0: none; the heading is the first span
                                    # (a run-in heading begins its paragraph): the PDF's outline
    page_break_before: bool = False # starts a new page (an attachment's label, GB/T 9704 §7.3.7)
    centres: tuple[float, ...] = ()     # one line of spans side by side, each centred on its own x,
                                        # 字 from the text block's left edge (joint issuers' names)
    pictures: tuple[Picture, ...] = ()  # floating over the text, anchored here (seals)

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@record
class TableBlock:
    """A table across the text block, every cell ruled on all four sides (above the
    first row, between rows and columns, below the last row, at both ends). A row
    takes as many whole grid lines as its cell with the most lines.

    A table with repeat_header (the report's tables, the 简报's) never splits a row across
    pages and repeats its header row at the top of each page it continues on (DOCX:
    w:tblHeader and w:cantSplit); the rows of one without run on line by line. One with
    keep_together (the 简报's 主要数据) is not split at all when it fits on a page: it goes
    whole to the next page (DOCX: w:keepNext on every row's paragraphs but the last's)."""
    rows: tuple[tuple[str, ...], ...]   # header row first
    columns: tuple[float, ...]          # the columns' shares of the text width
    style: TextStyle                    # of every cell
    rule: Rule                          # every rule of the table
    cell_padding_pt: float = 0          # a cell's text from its column rules
    color: str | None = None            # None: the profile's text colour
    keep_next: bool = False
    at_foot: bool = False
    header_style: TextStyle | None = None   # of the header row's cells; None: style
    align: tuple[tuple[str, ...], ...] = ()  # each cell's: left | center | right | justify; (): all left
    insets: tuple[tuple[float, ...], ...] = ()   # each cell's text narrowed by this many pt (the
                                    # side its alignment leaves open; both halves if centred); (): none
    repeat_header: bool = False
    keep_together: bool = False

    def cell_style(self, row: int) -> TextStyle:
        return self.header_style if row == 0 and self.header_style is not None else self.style

    def cell_align(self, row: int, column: int) -> str:
        return self.align[row][column] if self.align else "left"

    def cell_inset(self, row: int, column: int) -> float:
        return self.insets[row][column] if self.insets else 0.0


@record
class SpaceBlock:
    """One empty grid line (at_foot: the blank line that parts the 版记 or 报尾 from the text)."""
    keep_next: bool = False
    at_foot: bool = False


@record
class PlacedText:
    """A line set at an exact depth, off the grid: its em box's top top_pt below the top of
    the block that holds it (format/cjk.py, IDEOGRAPHIC_ASCENT)."""
    top_pt: float
    text: TextBlock                 # one line: spans, alignment, indents, colour


@record
class LetterheadBlock:
    """版头 (GB/T 9704 7.2): lines at exact depths and a rule across the text block at an
    exact depth, in `lines` whole grid lines, so that what follows is on the grid."""
    placed: tuple[PlacedText, ...]  # top down
    rule: Rule
    rule_pt: float                  # the rule's middle, below the block's top
    lines: int
    keep_next: bool = True
    at_foot: bool = False


# The closed set of blocks every writer handles.
Block = TextBlock | TableBlock | SpaceBlock | LetterheadBlock


@record
class DocumentInfo:
    """What a writer records about the document (DOCX core properties, PDF metadata)."""
    title: str
    author: str
    subject: str
    date: datetime.date | None      # the date the document bears (None in a draft)
    draft: bool = False             # open items remain: label every page (profile.draft)
    language: str = "zh-CN"         # BCP 47, of the text

    @property
    def written(self) -> datetime.datetime:
        """When the file says it was written: the date it bears at midnight UTC; a draft has
        none yet and a fixed one instead, so that its file stays reproducible."""
        return datetime.datetime.combine(self.date or UNDATED, datetime.time(), datetime.UTC)


UNDATED = datetime.date(2000, 1, 1)
