"""A table of the report as blocks: its title centred above, the table, its note below.

GB/T 9704 practice (shared/spec/gbt9704.md "Tables"; the profile's elements.table):
the table is as wide as the text block, each row on whole grid lines, every rule
drawn, the header row repeated on each page the table runs on and no row split
(TableBlock.repeat_header), the title kept with the table.

The columns take their widths from their text. When every column's longest cell
fits on one line they do, and share what is left of the text block in proportion.
Otherwise the widths are searched for: fewest cells left ending in a lone character
(a 率 alone on a cell's last line), then fewest lines for the whole table, then
fewest cells narrowed. A cell that would end in a lone character at its column's
width has its text narrowed within the column (TableBlock.insets: a paragraph
indent in the DOCX) to half a character more than a whole number of them, so that
one more character goes down to the last line: no writer's own line-breaking rule
is needed, and none is possible in Word, which breaks a DOCX's lines itself.

The cells are measured and broken here as the PDF's typesetter breaks them
(pdf/typeset.break_lines), on the official fonts' widths (layout.EstimatedFonts: a
hanzi one em, a digit half), so that the DOCX and the PDF get the same columns on any
machine. At the table's size (no narrowing: format/grid.py) a hanzi is one em in
every font, so Word and LibreOffice break Chinese text where this does.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from typing import NamedTuple

from docgen.content.model import Table
from docgen.document.blocks import Block, Rule, Span, TableBlock, TextBlock, text_span
from docgen.format.profile import Profile, TextStyle
from docgen.format.units import pt_to_mm
from docgen.pdf.layout import EstimatedFonts, Typesetter
from docgen.pdf.typeset import Glyph, Line, break_lines, clusters, set_width

# Column widths are whole steps of half a character of the table's size: a digit's width,
# fine enough for any text, coarse enough to search.
_STEPS_PER_CHAR = 2
# The search stops after breaking this many cells' lines or comparing this many rows (a
# table of 1,000 rows × 12 columns still builds in seconds; a smaller one is searched to the end).
_BREAK_BUDGET = 60_000
_COMPARE_BUDGET = 3_000_000


def table_blocks(table: Table, profile: Profile) -> list[Block]:
    """The title (kept with the table), the table, the note: what a Table of the content shows."""
    style = profile.table
    out: list[Block] = []
    if table.title:
        title = TextStyle(style.title_font, style.title_size)
        out.append(TextBlock("table-title", (text_span(table.title, title),), align="center", keep_next=True))
    out.append(planned_table(
        (table.header, *(row.cells for row in table.rows)), profile,
        header=TextStyle(style.header_font, style.size_pt),
        body=TextStyle(style.font, style.size_pt, style.bold),
        padding_pt=style.cell_padding_chars * style.size_pt,
        rule=Rule(pt_to_mm(style.rule_width_pt), profile.text_color),
    ))
    if table.note:
        note = TextStyle(style.note_font, style.note_size)
        label = "" if table.note.startswith(style.note_label) else style.note_label
        out.append(TextBlock("table-note", (Span(label + table.note, note, table.note.where),)))
    return out


def planned_table(rows, profile: Profile, *, header: TextStyle, body: TextStyle, padding_pt: float, rule: Rule,
                  keep_together: bool = False) -> TableBlock:
    """Rows (the header row first) as a table across the text block: the columns' widths from
    their text, each cell's alignment (profile elements.table: align, wrapped_align) and
    narrowing, the header repeated and no row split. keep_together: on one page with what is
    kept with it (the 简报's 主要数据), moved whole to the next page when it does not fit."""
    style = profile.table
    layout = _Columns(rows, (header, body), profile, padding_pt, body.size_pt, style.min_column_chars)
    steps = layout.choose()
    shapes = list(zip(*(layout.shape(c, w) for c, w in enumerate(steps))))     # by row
    return TableBlock(
        rows=tuple(tuple(row) for row in rows),
        columns=tuple(step / layout.total for step in steps),
        style=body,
        rule=rule,
        cell_padding_pt=padding_pt,
        header_style=header,
        align=tuple(tuple(style.align if r == 0 or cell.lines == 1 else style.wrapped_align for cell in row)
                    for r, row in enumerate(shapes)),
        insets=tuple(tuple(cell.narrowed for cell in row) for row in shapes),
        repeat_header=True,
        keep_together=keep_together,
    )


class _Shape(NamedTuple):
    """A cell at a column's width: its lines, how much its text is narrowed within the column
    (pt) to keep a lone character off its last line, and whether one is left there still."""
    lines: int
    narrowed: float = 0.0
    lonely: bool = False


class _Columns:
    """The table's columns in steps of the text block's width, and how each cell breaks in them."""

    def __init__(self, rows, styles: tuple[TextStyle, TextStyle], profile: Profile,
                 padding: float, size: float, least_chars: float):
        self.size = size
        self.total = max(1, round(profile.text_width_pt * _STEPS_PER_CHAR / size))
        self.step = profile.text_width_pt / self.total           # the text block in whole steps
        self.padding = padding
        self.least = least_chars * size
        self.hanging = frozenset(profile.line_breaking.hanging_marks)
        typesetter = Typesetter(profile, EstimatedFonts())
        self.cells = [[typesetter.glyphs(Span(str(text), styles[r > 0])) for text in row]
                      for r, row in enumerate(rows)]
        self.count = len(rows[0])
        self.breaks = 0                             # cells broken into lines so far
        self.compared = 0                           # rows compared so far
        self._shapes: dict[tuple[int, int], tuple[_Shape, ...]] = {}

    def steps_for(self, width_pt: float) -> int:
        """The steps a column needs to hold width_pt of text between its paddings."""
        return max(1, math.ceil(round((width_pt + 2 * self.padding) / self.step, 6)))

    def column(self, c: int) -> list[list[Glyph]]:
        return [row[c] for row in self.cells]

    def shape(self, c: int, steps: int) -> tuple[_Shape, ...]:
        """Each row's cell of column c at a width of `steps`."""
        key = (c, steps)
        if key not in self._shapes:
            room = steps * self.step - 2 * self.padding
            self._shapes[key] = tuple(self._fitted(glyphs, room) for glyphs in self.column(c))
        return self._shapes[key]

    def _fitted(self, glyphs: list[Glyph], room: float) -> _Shape:
        """The cell's shape in `room`; if its last line would hold a lone character, its text
        narrowed to half a character more than a whole number of them (clear of where a
        writer's rounding could tip a line), the least narrowing that adds no line, else one."""
        self.breaks += 1
        lines = break_lines(glyphs, room, room, self.hanging)
        if not _lonely(lines):
            return _Shape(len(lines))
        for chars in range(math.ceil(room / self.size), 0, -1):
            narrower = (chars - 0.5) * self.size
            if narrower >= room:
                continue
            self.breaks += 1
            trial = break_lines(glyphs, narrower, narrower, self.hanging)
            if len(trial) > len(lines) + 1:
                break
            if not _lonely(trial):
                return _Shape(len(trial), room - narrower)
        return _Shape(len(lines), lonely=True)

    def cost(self, steps: list[int]) -> tuple[int, int, int]:
        """(cells left with a lone character, the table's lines, cells narrowed): the less the better."""
        shapes = [self.shape(c, w) for c, w in enumerate(steps)]
        return _cost(list(zip(*shapes)))

    def choose(self) -> list[int]:
        """The columns' widths in steps, summing to the text block's."""
        widest = [max((set_width(unit) for glyphs in self.column(c) for unit in clusters(glyphs)), default=0.0)
                  for c in range(self.count)]
        least = [self.steps_for(max(w, self.least)) for w in widest]
        most = [self.steps_for(max(max((set_width(glyphs) for glyphs in self.column(c)), default=0.0), self.least))
                for c in range(self.count)]
        if sum(most) <= self.total:              # every cell on one line: nothing to search
            return _apportion(most, self.total)
        if sum(least) >= self.total:             # not even the longest numbers fit: break them
            return _apportion(least, self.total)
        spare = _apportion([m - low for m, low in zip(most, least)], self.total - sum(least))
        return self._search([low + s for low, s in zip(least, spare)], least)

    def _search(self, steps: list[int], least: list[int]) -> list[int]:
        """Move width from one column to another, the move that lowers the cost most, until
        none does (or the budget is spent)."""
        best = self.cost(steps)
        while best[0] or best[1] > len(self.cells):
            found = None
            for wider, narrower in itertools.permutations(range(self.count), 2):
                if self.breaks > _BREAK_BUDGET or self.compared > _COMPARE_BUDGET:
                    return steps
                # The rows' shapes in the other columns, which this pair's moves leave alone.
                rest = [[shape for c, shape in enumerate(row) if c not in (wider, narrower)]
                        for row in zip(*(self.shape(c, w) for c, w in enumerate(steps)))]
                for move in range(1, steps[narrower] - least[narrower] + 1):
                    pair = zip(self.shape(wider, steps[wider] + move), self.shape(narrower, steps[narrower] - move))
                    cost = _cost([(*others, a, b) for others, (a, b) in zip(rest, pair)])
                    self.compared += len(rest)
                    if cost < (found or (best, steps))[0]:
                        trial = list(steps)
                        trial[wider] += move
                        trial[narrower] -= move
                        found = (cost, trial)
            if found is None:
                break
            best, steps = found
        return steps


def _cost(rows: list[tuple[_Shape, ...]]) -> tuple[int, int, int]:
    lonely = sum(shape.lonely for row in rows for shape in row)
    narrowed = sum(shape.narrowed > 0 for row in rows for shape in row)
    return lonely, sum(max(shape.lines for shape in row) for row in rows), narrowed


def _lonely(lines: list[Line]) -> bool:
    """Whether the last of several lines holds one character, punctuation aside."""
    return len(lines) > 1 and sum(not unicodedata.category(g.char).startswith("P") for g in lines[-1].glyphs) == 1


def _apportion(weights: list[int], total: int) -> list[int]:
    """total split in whole numbers in proportion to weights (largest remainders first)."""
    weight = sum(weights)
    if weight == 0:
        weights, weight = [1] * len(weights), len(weights)
    exact = [w * total / weight for w in weights]
    shares = [int(e) for e in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[:total - sum(shares)]:
        shares[i] += 1
    return shares

