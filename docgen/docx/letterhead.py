"""The 版头's lines at exact depths in WordprocessingML: the heights of the paragraphs that hold them.

Office suites put the baseline of a line of exact height H at 4/5 H below its
top, whatever the font and size: LibreOffice (sw/source/core/text/itrform2.cxx,
CalcRealHeight, fixed line spacing: ascent = 4 × height / 5 in whole twips;
measured with 7.4: lines of 20 to 100 pt at 16, 22 and 42 pt, within 0.05 pt)
and Word (a published measurement of Word 16's PDF export: 0.8 H for every font
and size; not measured here, Word was not available). So a line whose em box's
top is to be at depth y (its baseline at y + 0.88 size, format/cjk.py) is a
paragraph of exact height H starting 4/5 H above that baseline, after an empty
paragraph of exact height that fills the gap from what is above it. The rule is
the top border of a one-row table across the text block (a paragraph's border
would be only as wide as its indents; both suites draw a row's top border inside
the row, from its top), and the row ends the 版头's grid lines, so that what
follows is on the grid.
"""

from __future__ import annotations

import math

from docgen.document.blocks import LetterheadBlock, TextBlock
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docgen.format.units import pt_to_twips
from docgen.record import record

# Of a line of exact height, what lies above the baseline (LibreOffice: 4 × height / 5).
ASCENT_NUMERATOR, ASCENT_DENOMINATOR = 4, 5
# No empty paragraph thinner than this (Word's paragraph dialog takes exact heights from
# 0.7 pt): a smaller gap goes into the height of the line below it instead.
MIN_SPACE_TWIPS = 20


@record
class Slice:
    text: TextBlock | None          # None: an empty paragraph
    height_twips: int               # its exact line height


def _ascent(height: int) -> int:
    return ASCENT_NUMERATOR * height // ASCENT_DENOMINATOR


def _height_for(ascent: int) -> int:
    """The least exact height whose ascent is `ascent`."""
    return math.ceil(ascent * ASCENT_DENOMINATOR / ASCENT_NUMERATOR)


def letterhead_slices(block: LetterheadBlock, line_twips: int, rule_twips: int) -> tuple[list[Slice], int]:
    """The paragraphs, top down, that put each of the 版头's lines at its depth; and the
    height of the row whose top border, rule_twips thick, is the rule (to the end of
    the block's grid lines)."""
    slices: list[Slice] = []
    cursor = 0                      # twips below the block's top
    for item in block.placed:
        size = max(span.style.size_pt for span in item.text.spans)
        baseline = pt_to_twips(item.top_pt + IDEOGRAPHIC_ASCENT * size)
        # A grid line's height, or more for a larger size: room above the baseline for the em box.
        natural = max(line_twips, _height_for(pt_to_twips(size)))
        space = baseline - cursor - _ascent(natural)
        height = natural if space >= MIN_SPACE_TWIPS else _height_for(baseline - cursor)
        if space >= MIN_SPACE_TWIPS:
            slices.append(Slice(None, space))
            cursor += space
        slices.append(Slice(item.text, height))
        cursor += height
    row_top = pt_to_twips(block.rule_pt) - rule_twips // 2
    if row_top - cursor >= MIN_SPACE_TWIPS:
        slices.append(Slice(None, row_top - cursor))
        cursor = row_top
    return slices, block.lines * line_twips - cursor
