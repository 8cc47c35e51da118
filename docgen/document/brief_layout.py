"""The 简报 laid out as blocks: 报头 (red name, 期号, unit and date over a red
rule), headline, opening, sections with their chosen pieces, the 主要数据
table, and the 报尾 at the foot. What goes in is chosen by brief_select.py; the
writers render these blocks like the report's. Indents are in 字 of the body
size (format/grid.py).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from docgen.document.blocks import Block, Rule, SpaceBlock, Span, TextBlock
from docgen.document.brief_outline import CLOSING_ROLES
from docgen.document.table_plan import planned_table
from docgen.format import cjk, grid
from docgen.format.profile import TextStyle
from docgen.format.titlebreak import break_title
from docgen.format.units import pt_to_mm
from docgen.record import record

if TYPE_CHECKING:
    from docgen.document.brief_outline import Outline, Part, Row
    from docgen.document.brief_select import Selection


@record
class BriefBlocks:
    blocks: list[Block]
    by_part: dict[tuple[int, int], Block]   # each shown part's paragraph (the plan counts its lines)
    body_texts: list[str]                   # what counts as the body's length (brief_select.body_chars)


def brief_blocks(outline: Outline, selection: Selection) -> BriefBlocks:
    """The brief's blocks; they need no measuring (indents are whole characters)."""
    profile, style = outline.profile, outline.style
    char_pt = grid.char_unit_pt(profile)
    body, indent = profile.body, profile.body.first_line_indent_chars
    out = _masthead(outline, char_pt)
    out += [SpaceBlock(keep_next=True)] * style.headline_blank_lines_before
    title = profile.title
    lines = break_title(outline.headline, title.max_chars_per_line, units=(str(outline.resolved.issuer),))
    out.append(TextBlock("title", (Span("\n".join(lines), title, outline.headline_where),), align="center",
                         keep_next=True))
    out += [SpaceBlock(keep_next=True)] * title.blank_lines_after
    texts = [outline.headline]
    if outline.opening:
        out.append(TextBlock("paragraph", (Span(outline.opening, body, outline.opening_where),), first_line=indent))
        texts.append(outline.opening)
    by_part: dict[tuple[int, int], Block] = {}
    table_done = False
    for section in outline.sections:
        shown = [part for part in section.parts if part.key in selection.parts]
        if not shown:
            continue
        if section.role in CLOSING_ROLES and not table_done:
            out += _table(outline, selection.rows, texts)
            table_done = True
        heading = Span(section.heading, profile.headings[0], section.where)
        texts.append(section.heading)
        if not section.run_in:
            out.append(TextBlock("heading", (heading,), first_line=indent, keep_next=True, level=1))
        numbered = _numbered(outline, shown, selection)
        for ordinal, part in enumerate(shown, start=1):
            spans = [heading] if section.run_in and part is shown[0] else []
            if part.lead:
                spans += _lead(outline, part, ordinal if numbered else None)
            spans += [Span(s.text, body, s.where) for s in selection.parts[part.key]]
            block = TextBlock("paragraph", tuple(spans), first_line=indent)
            out.append(block)
            by_part[part.key] = block
            texts += [span.text for span in spans if span is not heading]
    if not table_done:
        out += _table(outline, selection.rows, texts)
    out += _foot(outline, char_pt)
    return BriefBlocks(out, by_part, texts)


def _numbered(outline: Outline, shown: list[Part], selection: Selection) -> bool:
    """Whether a section's paragraphs start 一是, 二是 …: in the ordinal style, when two or more
    are led by a title or lead phrase and none of their sentences counts 一是 itself (一是…。一是…)."""
    if outline.style.paragraph_lead != "ordinal" or len(shown) < 2 or not all(part.lead for part in shown):
        return False
    first = outline.style.ordinal_format.format(zh=cjk.chinese_numeral(1))
    return not any(first in s.text for part in shown for s in selection.parts[part.key])


def _lead(outline: Outline, part: Part, ordinal: int | None) -> list[Span]:
    """A paragraph's opening: 一是 and its title in the body's style, or its title alone — in the
    lead style where the profile says so or the paragraphs are not numbered."""
    style, profile = outline.style, outline.profile
    if ordinal is None:
        return [Span(part.lead, profile.lead, part.lead_where)]
    return [Span(style.ordinal_format.format(zh=cjk.chinese_numeral(ordinal)), profile.body),
            Span(part.lead, profile.body, part.lead_where)]


def _masthead(outline: Outline, char_pt: float) -> list[Block]:
    """报头: the name in red, shrunk to fit; 期号; unit left and date right over a red rule."""
    style, profile = outline.style, outline.profile
    size = cjk.fitting_size(outline.name, style.name_size, profile.text_width_pt)
    name = TextStyle(style.name_font, size)
    issue = TextStyle(style.issue_font, style.issue_size)
    unit = TextStyle(style.unit_font, style.unit_size)
    side = style.side_indent_chars * style.unit_size / char_pt
    line = f"{outline.unit}{style.unit_suffix}\t{cjk.official_date(outline.date)}"
    return [
        TextBlock("brief-name", (Span(outline.name, name),), align="center", color=style.red,
              line_span=style.name_lines, keep_next=True),
        SpaceBlock(keep_next=True),
        TextBlock("brief-issue", (Span(outline.issue_text, issue),), align="center", keep_next=True),
        TextBlock("brief-unit", (Span(line, unit),), align="left", left=side, right=side, tab_right=True,
              rule_below=Rule(pt_to_mm(style.rule_pt), style.red), keep_next=True),
    ]


def _table(outline: Outline, rows: tuple[Row, ...], texts: list[str]) -> list[Block]:
    """主要数据: its title kept with the table, planned as a report's table is (table_plan.py:
    columns from their text, the header row distinguished, every rule) and kept on one page."""
    if not rows:
        return []
    style, profile = outline.style, outline.profile
    data = [row.cells for row in rows]
    texts += [style.table_title, *style.table_header, *(cell for cells in data for cell in cells)]
    title = TextBlock("heading", (Span(style.table_title, profile.headings[0]),), align="center", keep_next=True,
                      level=1)
    table = planned_table(
        (tuple(style.table_header), *data), profile,
        header=TextStyle(style.table_header_font, style.table_size),
        body=TextStyle(style.table_font, style.table_size),
        padding_pt=style.table_cell_padding_chars * style.table_size,
        rule=Rule(pt_to_mm(style.table_rule_pt), profile.text_color),
        keep_together=True,
    )
    return [title, table]


def _foot(outline: Outline, char_pt: float) -> list[Block]:
    """报尾 at the foot of the last page, after blank lines: 报/送/发 lines between
    rules in the text colour, then （共印N份）."""
    style, settings = outline.style, outline.resolved.brief
    outer = Rule(style.outer_rule_mm, outline.profile.text_color)
    inner = Rule(style.inner_rule_mm, outline.profile.text_color)
    foot = TextStyle(style.foot_font, style.foot_size)
    side = style.side_indent_chars * style.foot_size / char_pt
    lines = [(label, names) for label, names in zip(style.foot_labels, (
        settings.to_superior, settings.to_peer, settings.to_subordinate)) if names]
    blocks = []
    for label, names in lines:
        hang = cjk.width_in_em(label) * style.foot_size / char_pt
        blocks.append(TextBlock("brief-foot", (Span(label + "、".join(names) + "。", foot),), align="left",
                            left=side + hang, right=side, first_line=-hang, at_foot=True,
                            rule_below=inner))
    if settings.copies:
        blocks.append(TextBlock("brief-copies", (Span(style.copies_format.format(copies=settings.copies), foot),),
                            align="right", right=side, at_foot=True))
    if not blocks:
        return []
    blocks[0] = dataclasses.replace(blocks[0], rule_above=outer)
    blocks[-1] = dataclasses.replace(blocks[-1], rule_below=outer)
    blanks: list[Block] = [SpaceBlock(at_foot=True)] * style.foot_blank_lines_before
    return blanks + blocks
