"""版头 (GB/T 9704-2012 7.2) as one block: its lines at the standard's depths, in whole grid lines.

Top of the first page, inside the text block, every number from the profile's
`letterhead:`:
- 份号, 密级和保密期限, 紧急程度 flush left on the first grid lines, in that order
  top down, those given (7.2.1–7.2.3); 份号 in copy_number_digits digits;
- the 发文机关标志 in red, centred, the top of its em box organ_top_mm below the top of
  the text block, at organ_size or smaller so that it fits the block's width (7.2.4);
- number_blank_lines grid lines under the mark, the 发文字号 centred (7.2.5), or, with
  签发人 (上行文): "签发人：" and the names flush right, side_indent_chars in,
  signers_per_line names a line, each next line's names starting under the first
  name of the line above, and the 发文字号 flush left, side_indent_chars in, on the
  line of the last signer (7.2.5, 7.2.6); lines one grid pitch apart, each line's em
  box centred in a line of that pitch, as on the grid;
- the red rule across the block, its middle rule_below_mm below the bottom of the
  发文字号's em box (7.2.7).

An element's top and bottom are those of its em box (format/cjk.py,
IDEOGRAPHIC_ASCENT): what a reader measures of a line of ideographs, whatever the font.

The mark's depth is off the grid (35 mm is 3.4 lines). The block takes whole grid
lines: those down to the grid line edge nearest the rule, and the title's
title_blank_lines (7.3.1: the title two lines below the rule). The title and all
after it are on the grid as in a report without 版头, its first line 2 ± ½ lines
below the rule. Inside the block each writer puts every line where top_pt says.
"""

from __future__ import annotations

import math

from docgen.content.model import NOWHERE, Letterhead
from docgen.document.blocks import LetterheadBlock, Measure, PlacedText, Rule, Span, TextBlock, text_span
from docgen.errors import ContentError, ContentErrors
from docgen.format import cjk, grid
from docgen.format.profile import LetterheadStyle, Profile, TextStyle
from docgen.format.units import mm_to_pt, pt_to_mm


def letterhead_block(letterhead: Letterhead, profile: Profile, measure: Measure) -> LetterheadBlock:
    style = profile.letterhead
    pitch = profile.line_pitch_pt
    placed = [PlacedText(_centred(row * pitch, block.spans[0].style.size_pt, pitch), block)
              for row, block in enumerate(_marks(letterhead, style))]
    organ = TextStyle(style.organ_font, cjk.fitting_size(str(letterhead.organ), style.organ_size,
                                                          profile.text_width_pt))
    mark_top = mm_to_pt(style.organ_top_mm)
    placed.append(PlacedText(mark_top, TextBlock("letterhead-organ", (text_span(letterhead.organ, organ),),
                                                 align="center", color=style.organ_color)))
    first_line = mark_top + organ.size_pt + style.number_blank_lines * pitch
    lines = _number_lines(letterhead, style, grid.char_unit_pt(profile), measure)
    tops = [_centred(first_line + i * pitch, style.number_size, pitch) for i in range(len(lines))]
    placed += [PlacedText(top, block) for top, block in zip(tops, lines) if block.spans]
    errors = _too_wide([item.text for item in placed], profile, measure)
    if errors:
        raise ContentErrors(sorted(errors, key=lambda e: (e.where.line, e.where.column)))
    rule_pt = tops[-1] + style.number_size + mm_to_pt(style.rule_below_mm)
    # At least down to the rule's line, whatever title_blank_lines is.
    count = max(round(rule_pt / pitch) + style.title_blank_lines, math.floor(rule_pt / pitch) + 1)
    return LetterheadBlock(tuple(placed), Rule(pt_to_mm(style.rule_pt), style.rule_color), rule_pt, count)


# The content field each line of the 版头 shows (the mark shrinks to fit: never too wide).
_FIELDS = {"letterhead-copy": "letterhead.copy_number", "letterhead-secrecy": "letterhead.secrecy",
           "letterhead-urgency": "letterhead.urgency", "letterhead-number": "letterhead.number",
           "letterhead-signer": "letterhead.signer"}


def _too_wide(blocks: list[TextBlock], profile: Profile, measure: Measure) -> list[ContentError]:
    """Each element of the 版头 is set on one line (7.2): a line wider than the block, with
    its indents, as the writer sets it, is refused."""
    room = profile.text_width_pt / grid.char_unit_pt(profile)
    errors = []
    for block in blocks:
        if block.role not in _FIELDS:
            continue
        width = (sum(measure(span.text.replace("\t", ""), span.style) for span in block.spans)
                 + block.left + max(block.first_line, 0) + block.right)
        if width > room + 1e-6:
            shown = block.text.replace("\t", " ")
            errors.append(ContentError(block.spans[-1].where or NOWHERE, _FIELDS[block.role],
                                       f"'{shown}' does not fit on one line of the 版头 (GB/T 9704 7.2); shorten it"))
    return errors


def _centred(line_top: float, size: float, pitch: float) -> float:
    """The top of an em box of `size` centred in a line of `pitch` starting at line_top."""
    return line_top + (pitch - size) / 2


def _marks(letterhead: Letterhead, style: LetterheadStyle) -> list[TextBlock]:
    """份号 (in copy_number_digits digits), 密级和保密期限, 紧急程度: those given, top down, flush left."""
    elements = ((letterhead.copy_number, "letterhead-copy", style.copy_number_font, style.copy_number_size),
                (letterhead.secrecy, "letterhead-secrecy", style.secrecy_font, style.secrecy_size),
                (letterhead.urgency, "letterhead-urgency", style.urgency_font, style.urgency_size))
    blocks = []
    for text, role, font, size in elements:
        if text:
            shown = text.zfill(style.copy_number_digits) if role == "letterhead-copy" else str(text)
            blocks.append(TextBlock(role, (Span(shown, TextStyle(font, size), text.where),), align="left"))
    return blocks


def _number_lines(letterhead: Letterhead, style: LetterheadStyle, char_pt: float,
                  measure: Measure) -> list[TextBlock]:
    """The 发文字号's line: centred; with 签发人 the signers' lines, the 发文字号 flush left
    on the last. A line without text (no 发文字号: a draft's) has no spans."""
    number = TextStyle(style.number_font, style.number_size)
    number_span = text_span(letterhead.number, number) if letterhead.number else None
    if not letterhead.signers:
        return [TextBlock("letterhead-number", (number_span,) if number_span else (), align="center")]
    label = TextStyle(style.signer_label_font, style.signer_size)
    names = TextStyle(style.signer_font, style.signer_size)
    per_line = style.signers_per_line
    groups = [letterhead.signers[i:i + per_line] for i in range(0, len(letterhead.signers), per_line)]
    texts = [style.signer_separator.join(str(name) for name in group) for group in groups]
    widths = [measure(text, names) for text in texts]
    number_side = style.side_indent_chars * style.number_size / char_pt
    signer_side = style.side_indent_chars * style.signer_size / char_pt
    lines = []
    for i, (group, text, width) in enumerate(zip(groups, texts, widths)):
        # Flush right, each line as far in as the widest is short of the right edge: the
        # first names of all lines one under the other.
        spans = [Span(text, names, group[0].where)]
        if i == 0:
            spans.insert(0, Span(style.signer_label, label, group[0].where))
        right = signer_side + max(widths) - width
        if i < len(groups) - 1 or number_span is None:
            lines.append(TextBlock("letterhead-signer", tuple(spans), align="right", right=right))
            continue
        # The 发文字号 at the left, a tab, then what is flush right. Its indent is a first-line
        # one: a DOCX tab stop is measured from the margin (ECMA-376 §17.3.1.37), the writer's
        # tab_right from the left indent.
        spans = [number_span, Span("\t" + spans[0].text, spans[0].style, spans[0].where), *spans[1:]]
        lines.append(TextBlock("letterhead-signer", tuple(spans), align="left", first_line=number_side, right=right,
                               tab_right=True))
    return lines
