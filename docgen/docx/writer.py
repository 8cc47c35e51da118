"""The official-format report as DOCX (GB/T 9704-2012), every number from the profile.

Layout decisions that are the standard's arithmetic (twips, grid spacing, the
date's position under the signature) are derived here from profile values;
the XML itself is made by docx_oxml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from docgen.format import cjk
from docgen.document.blocks import Block, DocumentInfo, SpaceBlock, TableBlock, TextBlock, marked_pieces
from docgen.document.plan import plan, report_info
from docgen.content.model import Report
from docgen.format.profile import Profile, TextStyle
from docgen.format.units import TWIPS_PER_PT, mm_to_twips, pt_to_mm, pt_to_twips
from docgen.docx import oxml as ox
from docgen.docx.package import new_document, reproducible_bytes

# Word stores border widths in eighths of a point.
_EIGHTHS_PER_PT = 8


class _Layout:
    """Turns profile styles into run and paragraph formats for this document."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.line = profile.line_pitch_twips

    def spacing_for(self, size_pt: float) -> int:
        """Character spacing (1/20 pt) that lets body-size text hold chars_per_line a line.

        28 × 16 pt = 448 pt is wider than the 442.2 pt block, so each body
        character is narrowed by the next whole 1/20 pt: −5 = −0.25 pt.
        """
        if size_pt != self.profile.body.size_pt:
            return 0
        excess = self.profile.char_pitch_pt - size_pt
        return min(0, math.floor(excess * TWIPS_PER_PT))

    def run(self, style: TextStyle) -> ox.RunFormat:
        p = self.profile
        return ox.RunFormat(
            font=p.font_name(style.font),
            latin_font=p.latin_font,
            size_pt=style.size_pt,
            bold=style.bold,
            spacing_twips=self.spacing_for(style.size_pt),
            color=p.text_color,
        )

    def text_width_twips(self, text: str, run: ox.RunFormat) -> int:
        """Set width of a line of text: ems at the run's size plus its character spacing."""
        return pt_to_twips(cjk.width_in_em(text) * run.size_pt) + len(text) * run.spacing_twips

    def chars(self, count: float, size_pt: float | None = None) -> int:
        """count 字 of the given size (default: body) in twips."""
        return pt_to_twips(count * (size_pt or self.profile.body.size_pt))


class _BlockWriter:
    """Turns the shared blocks into WordprocessingML paragraphs."""

    def __init__(self, layout: _Layout):
        self.layout = layout
        self.profile = layout.profile

    def measure(self, text: str, style: TextStyle) -> float:
        """Width in 字 (body-size characters) as Word sets it, character spacing included."""
        return self.layout.text_width_twips(text, self.layout.run(style)) / self.layout.chars(1)

    def element(self, block: Block):
        match block:
            case TextBlock():
                return self.paragraph(block)
            case TableBlock():
                return self.table(block)
            case SpaceBlock():
                return self.paragraph(TextBlock("blank", keep_next=block.keep_next))

    def table(self, block: TableBlock):
        """A table in its own size, single-spaced (the grid's exact height would crowd it)."""
        run = dataclasses.replace(self.layout.run(block.style), color=block.color or self.profile.text_color)
        columns = [round(share * pt_to_twips(self.profile.text_width_pt)) for share in block.columns]
        cell_format = ox.ParagraphFormat(line_twips=self.layout.line, align="left", single_spacing=True)
        rows = [[ox.paragraph(cell_format, [ox.text_run(text, run)]) for text in row] for row in block.rows]
        return ox.table(rows, columns, _rule(block.rule_mm), pt_to_twips(block.cell_padding_pt))

    def paragraph(self, block: TextBlock):
        layout = self.layout
        first_line = layout.chars(max(block.first_line, 0))
        fmt = ox.ParagraphFormat(
            line_twips=layout.line * block.line_span,
            align={"justify": "both"}.get(block.align, block.align),
            first_line_twips=first_line,
            first_line_chars=round(max(block.first_line, 0) * 100),
            left_twips=layout.chars(block.left),
            right_twips=layout.chars(block.right),
            hanging_twips=layout.chars(-min(block.first_line, 0)),
            keep_next=block.keep_next,
            top_border=_rule(block.rule_above_mm, block.rule_color),
            bottom_border=_rule(block.rule_below_mm, block.rule_color),
            right_tab_twips=pt_to_twips(self.profile.text_width_pt) - layout.chars(block.left + block.right)
            if block.tab_right else None,
        )
        color = block.color or self.profile.text_color
        runs = [ox.text_run(text, dataclasses.replace(layout.run(span.style), color=color,
                                                      shading=self.profile.draft.mark if marked else None))
                for span in block.spans for text, marked in marked_pieces(span)]
        return ox.paragraph(fmt, runs)


def _rule(width_mm: float | None, color: str | None = None) -> ox.Border | None:
    """A rule of the given width as a Word border (in eighths of a point)."""
    if width_mm is None:
        return None
    return ox.Border(round(width_mm / pt_to_mm(1) * _EIGHTHS_PER_PT), color or "000000")


def _page_number_paragraph(layout: _Layout, profile: Profile, odd: bool) -> object:
    style = profile.page_number
    run = layout.run(style)
    before, after = style.format.split("{page}")
    indent = layout.chars(style.outer_indent_chars, style.size_pt)
    fmt = ox.ParagraphFormat(line_twips=pt_to_twips(style.size_pt), align="right" if odd else "left",
                             right_twips=indent if odd else 0, left_twips=0 if odd else indent)
    runs = [ox.text_run(before, run), *ox.field_runs("PAGE", "1", run), ox.text_run(after, run)]
    return ox.paragraph(fmt, runs)


def _draft_headers(document, layout: _Layout, profile: Profile) -> None:
    """草稿 at the top right of every page (odd and even pages have headers of their own)."""
    style = profile.draft
    run = dataclasses.replace(layout.run(style), color=style.color)
    fmt = ox.ParagraphFormat(line_twips=pt_to_twips(style.size_pt), align="right")
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    for header in (section.header, section.even_page_header):
        ox.replace_content(header._element, [ox.paragraph(fmt, [ox.text_run(style.label, run)])])


def _footer_distance_twips(profile: Profile) -> int:
    """From the page bottom to the footer line's bottom, so the dash line sits
    below_text_block_mm under the text block (the line's middle at that depth)."""
    style = profile.page_number
    line_mm = pt_to_mm(style.size_pt)
    return mm_to_twips(profile.page.margin_bottom_mm - style.below_text_block_mm - line_mm / 2)


def build_document(blocks_for, profile: Profile, info: DocumentInfo):
    """The python-docx Document of the blocks blocks_for(measure, char_pt) gives."""
    layout = _Layout(profile)
    latin = profile.latin_font or profile.font_name(profile.body.font)
    document = new_document(profile.font_name(profile.body.font), latin, profile.body.size_pt)
    sect_pr = document.element.body.sectPr
    writer = _BlockWriter(layout)
    for block in blocks_for(writer.measure, profile.body.size_pt):
        sect_pr.addprevious(writer.element(block))
    section = document.sections[0]
    if info.draft:
        _draft_headers(document, layout, profile)
    if profile.page_number.enabled:
        document.settings.odd_and_even_pages_header_footer = True
        ox.replace_content(section.footer._element, [_page_number_paragraph(layout, profile, odd=True)])
        ox.replace_content(section.even_page_footer._element,
                           [_page_number_paragraph(layout, profile, odd=False)])
    page = profile.page
    ox.section_properties(
        sect_pr,
        width=mm_to_twips(page.width_mm), height=mm_to_twips(page.height_mm),
        top=mm_to_twips(page.margin_top_mm), right=mm_to_twips(page.margin_right_mm),
        bottom=mm_to_twips(page.margin_bottom_mm), left=mm_to_twips(page.margin_left_mm),
        footer=_footer_distance_twips(profile), line_pitch=layout.line,
    )
    _core_properties(document, info)
    for part in document.part.package.iter_parts():
        if hasattr(part, "_element"):
            ox.strip_theme_fonts(part._element)
    return document


# A draft has no date yet; its file still needs a fixed one to be reproducible.
_UNDATED = dt.date(2000, 1, 1)


def _core_properties(document, info: DocumentInfo) -> None:
    written = dt.datetime.combine(info.date or _UNDATED, dt.time())
    props = document.core_properties
    props.title = info.title
    props.author = info.author
    props.last_modified_by = info.author
    props.created = written
    props.modified = written
    props.revision = 1
    props.language = "zh-CN"


def render(report: Report, profile: Profile) -> bytes:
    """The report's DOCX; the same input gives the same bytes."""
    return render_blocks(lambda measure, char_pt: plan(report, profile, measure, char_pt), profile,
                         report_info(report))


def render_blocks(blocks_for, profile: Profile, info: DocumentInfo) -> bytes:
    """A DOCX of blocks; the same input gives the same bytes."""
    return reproducible_bytes(build_document(blocks_for, profile, info))
