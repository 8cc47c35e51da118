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
from docgen.document.table_plan import planned_table
from docgen.format import cjk, grid
from docgen.format.profile import TextStyle
from docgen.format.titlebreak import break_title
from docgen.format.units import pt_to_mm

if TYPE_CHECKING:
    from docgen.document.brief_select import Outline, Piece


def brief_blocks(outline: Outline, chosen: list[Piece]) -> list[Block]:
    """The brief's blocks; they need no measuring (indents are whole characters)."""
    profile = outline.profile
    char_pt = grid.char_unit_pt(profile)
    body, indent = profile.body, profile.body.first_line_indent_chars
    out = _masthead(outline, char_pt)
    out += [SpaceBlock(keep_next=True)] * outline.style.headline_blank_lines_before
    title = profile.title
    lines = break_title(outline.headline, title.max_chars_per_line, units=(str(outline.resolved.issuer),))
    out.append(TextBlock("title", (Span("\n".join(lines), title, outline.headline_where),), align="center",
                         keep_next=True))
    out += [SpaceBlock(keep_next=True)] * title.blank_lines_after
    out.append(TextBlock("paragraph", (Span(outline.opening, body, outline.opening_where),), first_line=indent))
    by_part: dict[tuple[int, ...], list[Piece]] = {}
    for piece in chosen:
        by_part.setdefault(piece.position[:2], []).append(piece)
    rows = [p.cells for p in chosen if p.kind == "row"]
    table_done = False
    for section in outline.sections:
        if section.role in ("shortcomings", "next_year") and not table_done:
            out += _table(outline, rows)
            table_done = True
        out.append(TextBlock("heading", (Span(section.heading, profile.headings[0], section.where),),
                             first_line=indent, keep_next=True, level=1))
        # All of a section's subsections run in, in one paragraph: a sheet has no room for more.
        spans = []
        for part in section.parts:
            if part.fixed:
                spans.append(Span(part.fixed, body, part.fixed_where))
            for p in by_part.get(part.position, []):
                text_style = profile.headings[1] if p.kind == "heading" else profile.lead if p.bold else body
                spans.append(Span(p.text, text_style, p.where))
        if spans:
            out.append(TextBlock("paragraph", tuple(spans), first_line=indent))
    if not table_done:
        out += _table(outline, rows)
    out += _foot(outline, char_pt)
    return out


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


def _table(outline: Outline, data: list[tuple[str, ...]]) -> list[Block]:
    """主要数据: its title kept with the table, planned as a report's table is (table_plan.py:
    columns from their text, the header row distinguished, every rule) and kept on one page."""
    if not data:
        return []
    style, profile = outline.style, outline.profile
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
