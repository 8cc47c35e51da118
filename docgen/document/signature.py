"""署名 and 成文日期 (GB/T 9704 7.3.5): without seals or with them, one issuer or joint issuers.

Unsealed (7.3.5.2): the name 2 字 from the right after a blank line, the date on
the next line starting 2 字 right of the name's start; a date longer than that
keeps 2 字 from the right and the name moves left instead. Joint issuers: the lead
issuer's name first, the others on the lines below it, each set as the single
name is, the widest deciding the date's place.

Sealed (7.3.5.1; the numbers in the profile's elements.seal): the date 4 字 from
the right, the name centred over it, the seal centred on the date's middle and
pressing both, the name's line a stated distance below the seal's centre and the
seal's top within one line of the text above (the profile checks its numbers
against each other). Joint issuers: the names side by side in issuing order, the
text block divided into equal columns, each name centred in its column under its
own seal, at most seals_per_row a row (fewer when a name would not fit), the rows
balanced and a shorter last row at the right, each row as many grid lines below
the one above as a seal and the gap between seals need (seals 互不相交或相切, none
beyond the text block); then the date as for one issuer. The text stays on the
grid; the seals float over it (blocks.Picture).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from docgen.content.model import Report, Seal, Text
from docgen.document.blocks import Block, Picture, SpaceBlock, Span, TextBlock, text_span
from docgen.document.seal_image import printed_size_mm, seal_png
from docgen.format import cjk, grid
from docgen.format.profile import Profile
from docgen.format.units import mm_to_pt, pt_to_mm

if TYPE_CHECKING:
    from docgen.document.plan import Measure


def signature_blocks(report: Report, profile: Profile, measure: Measure) -> list[Block]:
    """The blank lines, names and date that close the report's text."""
    date = cjk.official_date(report.date)
    if report.seals:
        return _Sealed(profile, measure).blocks(report.signatures, report.seals, date)
    return _unsealed(report.signatures, date, profile, measure)


def _unsealed(names: tuple[Text, ...], date: str, profile: Profile, measure: Measure) -> list[Block]:
    style, body = profile.signature, profile.body
    widest = max(measure(name, body) for name in names)
    date_width = measure(date, body)
    edge, offset = style.right_indent_chars, style.date_offset_chars
    if offset + date_width <= widest:
        text_width = profile.text_width_pt / grid.char_unit_pt(profile)
        right = edge
        date_block = TextBlock("date", (Span(date, body),), align="left", left=text_width - edge - widest + offset)
    else:
        right = edge + date_width + offset - widest
        date_block = TextBlock("date", (Span(date, body),), align="right", right=edge)
    blanks: list[Block] = [SpaceBlock(keep_next=True) for _ in range(style.blank_lines_before)]
    return blanks + [TextBlock("signature", (text_span(name, body),), align="right", right=right, keep_next=True)
                     for name in names] + [date_block]


class _Sealed:
    """The sealed layouts, in 字 across (the plan's unit) and pt down (the grid's)."""

    def __init__(self, profile: Profile, measure: Measure):
        self.profile, self.measure = profile, measure
        self.style = profile.seal
        self.body = profile.body
        self.char_pt = grid.char_unit_pt(profile)
        self.width = profile.text_width_pt / self.char_pt          # the text block, 字
        # The seal's centre below the top of the name's grid line.
        self.centre_y_pt = profile.line_pitch_pt / 2 - mm_to_pt(self.style.centre_above_name_mm)

    def blocks(self, names: tuple[Text, ...], seals: tuple[Seal, ...], date: str) -> list[Block]:
        date_block = TextBlock("date", (Span(date, self.body),), align="right",
                               right=self.style.date_right_indent_chars)
        blocks: list[Block] = [SpaceBlock(keep_next=True) for _ in range(self.style.blank_lines_before)]
        if len(names) == 1:
            blocks.append(self.single(names[0], seals[0], date))
        else:
            blocks += self.rows(names, seals)
        return blocks + [date_block]

    def single(self, name: Text, seal: Seal, date: str) -> TextBlock:
        """The name centred over the date (clamped within the block), the seal on the date's middle."""
        date_centre = self.width - self.style.date_right_indent_chars - self.measure(date, self.body) / 2
        name_width = self.measure(name, self.body)
        centre = min(max(date_centre, name_width / 2), self.width - name_width / 2)
        half = min(centre, self.width - centre)
        return TextBlock("signature", (text_span(name, self.body),), align="center", left=centre - half,
                         right=self.width - centre - half, keep_next=True,
                         pictures=(self.picture(name, seal, date_centre),))

    def rows(self, names: tuple[Text, ...], seals: tuple[Seal, ...]) -> list[Block]:
        """Rows of names, each under its seal, the rows as many grid lines apart as a seal needs."""
        columns = self.columns(names)
        row_count = math.ceil(len(names) / columns)
        columns = math.ceil(len(names) / row_count)          # balanced rows: 4 → 2 + 2, 5 → 3 + 2
        pitch_mm = pt_to_mm(self.profile.line_pitch_pt)
        row_lines = math.ceil((self.style.diameter_mm + self.style.min_gap_mm) / pitch_mm - 1e-9)
        column_width = self.width / columns
        blocks: list[Block] = []
        for start in range(0, len(names), columns):
            row = list(zip(names[start:start + columns], seals[start:start + columns]))
            first_column = columns - len(row)                # a shorter last row at the right
            centres = [(first_column + i + 0.5) * column_width for i in range(len(row))]
            if blocks:
                blocks += [SpaceBlock(keep_next=True) for _ in range(row_lines - 1)]
            blocks.append(TextBlock("signature", tuple(text_span(name, self.body) for name, _ in row),
                                    align="left", keep_next=True, centres=tuple(centres),
                                    pictures=tuple(self.picture(name, seal, centre)
                                                   for (name, seal), centre in zip(row, centres))))
        return blocks

    def columns(self, names: tuple[Text, ...]) -> int:
        """Seals a row: at most seals_per_row, fewer when the widest name would not fit its
        column with the gap between seals to spare."""
        widest = max(self.measure(name, self.body) for name in names)
        gap = mm_to_pt(self.style.min_gap_mm) / self.char_pt
        fitting = [count for count in range(1, self.style.seals_per_row + 1)
                   if widest + gap <= self.width / count]
        return min(max(fitting, default=1), len(names))

    def picture(self, name: Text, seal: Seal, centre: float) -> Picture:
        width_mm, height_mm = printed_size_mm(seal, self.style.diameter_mm)
        return Picture(seal_png(seal, width_mm, height_mm, self.style.raster_dpi), centre * self.char_pt,
                       self.centre_y_pt, mm_to_pt(width_mm), mm_to_pt(height_mm), f"{name}的印章")
