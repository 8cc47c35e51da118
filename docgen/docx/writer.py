"""The official-format report as DOCX (GB/T 9704-2012), every number from the profile.

Each block becomes WordprocessingML with the numbers the plan, the profile
and format/grid.py decided (narrowing, 字, rules); what is left here is the
arithmetic of Word's units and of its borders (twips, eighths of a point, the
height a rule adds). Each paragraph takes the style of its block's role
(styles.py), and writes only what differs from it. The XML is made by oxml.py.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

from docgen.content.model import Report
from docgen.document.blocks import (
    Block,
    DocumentInfo,
    LetterheadBlock,
    Picture,
    Rule,
    SpaceBlock,
    TableBlock,
    TextBlock,
    marked_pieces,
    text_span,
)
from docgen.document.plan import plan, report_info
from docgen.docx import oxml as ox
from docgen.docx.drawing import anchored_picture
from docgen.docx.letterhead import letterhead_slices
from docgen.docx.package import CoreProperties, FontEntry, Package
from docgen.docx.styles import StyleSheet
from docgen.format import grid
from docgen.format.profile import Profile, TextStyle
from docgen.format.units import TWIPS_PER_PT, mm_to_twips, pt_to_mm, pt_to_twips

# The grid layout (no drawing, no reportlab): it counts the lines Word will set.
from docgen.pdf.layout import CountingFonts, EstimatedFonts, Typesetter, foot_padding, grid_lines

# Gives the fonts that count lines (pdf/fonts.PdfFonts), or None; called only if lines are counted.
LineFonts = Callable[[], Any]

# Word stores border widths in eighths of a point.
_EIGHTHS_PER_PT = 8
# The paragraph that ends a document after a table: 1 pt high. (LibreOffice 7.4
# starts a page for one of 1 twip when only the 18 twips that 22 lines of 579
# leave of the 225 mm text block remain.)
_END_LINE_TWIPS = 20


class _Layout:
    """Turns profile styles into run and paragraph formats for this document."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.line = profile.line_pitch_twips
        self.styles = StyleSheet(profile.docx_styles)

    def paragraph(self, key: str, fmt: ox.ParagraphFormat, base: ox.RunFormat,
                  pieces: Sequence[tuple[str, ox.RunFormat, TextStyle | None]]) -> etree._Element:
        """A paragraph of the style `key` (defined by its first use: fmt and the run
        format base), of runs (text, format, the span's style if it may have a character style)."""
        style = self.styles.use(key, fmt, base)
        runs = [ox.text_run(text, self.styles.run_properties(style, run, self.character(span_style, run.color)))
                for text, run, span_style in pieces]
        return self.styles.paragraph(style, fmt, runs)

    def character(self, style: TextStyle | None, color: str) -> tuple[str, ox.RunFormat] | None:
        """The character style (its docx_styles key and format) that runs of a span style take:
        the lead phrase's, the **…** words'; None for other styles."""
        keyed = (("lead", self.profile.lead), ("emphasis", self.profile.emphasis))
        key = next((key for key, text_style in keyed if style is text_style), None)
        return None if key is None or style is None else (key, dataclasses.replace(self.run(style), color=color))

    def run(self, style: TextStyle) -> ox.RunFormat:
        p = self.profile
        return ox.RunFormat(
            font=p.font_name(style.font),
            latin_font=p.latin_font,
            size_pt=style.size_pt,
            bold=style.bold,
            spacing_twips=pt_to_twips(grid.tracking_pt(p, style.size_pt)),
            color=p.text_color,
        )

    def chars(self, count: float, size_pt: float | None = None) -> int:
        """count 字 (format/grid.py), or characters of the given size, in twips."""
        return pt_to_twips(count * (size_pt or grid.char_unit_pt(self.profile)))

    def line_height(self, lines: int, span: int, rules_twips: int) -> int:
        """The exact line height at which `lines` lines and rules as high as rules_twips
        fit in lines × span grid lines."""
        return (lines * span * self.line - rules_twips) // lines


class _BlockWriter:
    """Turns the shared blocks into WordprocessingML paragraphs and tables."""

    def __init__(self, layout: _Layout, package: Package, line_fonts: LineFonts | None = None):
        self.layout = layout
        self.profile = layout.profile
        self._line_fonts = line_fonts
        self.package = package          # where a picture's image goes
        self.pictures = 0               # placed so far (each needs a number of its own)
        self._set: dict[int, list] = {}     # id(block) → its lines as the typesetter sets them

    @functools.cached_property
    def lines(self) -> Typesetter:
        """Word breaks the lines itself; the grid lines a block takes (a table row, a ruled
        block, the text before the 版记) are counted by the PDF's typesetter, with the fonts
        the PDF is set in (those the office suite on this machine sets the DOCX in), or
        without fonts on the ½ em / 1 em widths of the official fonts. Made only when a
        document needs it: loading fonts would triple a plain report's build time."""
        fonts = self._line_fonts() if self._line_fonts else None
        return Typesetter(self.profile, CountingFonts(fonts) if fonts else EstimatedFonts())

    def set_block(self, block: Block) -> list:
        """The block's lines as counted (self.lines), set once: a long table is asked for twice
        (the 版记's padding, its rows' heights) and setting it is most of a DOCX's time."""
        if id(block) not in self._set:
            self._set[id(block)] = self.lines.set_block(block)
        return self._set[id(block)]

    @functools.cached_property
    def _estimate(self) -> Typesetter:
        return Typesetter(self.profile, EstimatedFonts())

    def measure(self, text: str, style: TextStyle) -> float:
        """Width in 字 as the office suite sets it, on the official fonts' widths: character spacing,
        and the space between a hanzi and a digit (2024年3月: LibreOffice adds it), included."""
        return self._estimate.measure(text, style)

    def elements(self, blocks: list[Block]) -> list[etree._Element]:
        """A paragraph for each block; a table for a TableBlock and for each run of text
        blocks with rules (a paragraph's border spans only its indents, a table's the block).
        Word and LibreOffice end a document with a paragraph: after a last table, one of
        _END_LINE_TWIPS that the table's last row makes room for, so that no page is added."""
        units: list[list[Block]] = []
        for block in self.foot_padded(blocks):
            if _ruled(block) and units and _ruled(units[-1][0]):
                units[-1].append(block)
            else:
                units.append([block])
        out: list[etree._Element] = []
        for i, unit in enumerate(units):
            end = _END_LINE_TWIPS if i == len(units) - 1 else 0
            match unit[0]:
                case TableBlock() as table:
                    out.append(self.table(table, end))
                case TextBlock() as text if _ruled(text):
                    out.append(self.ruled([b for b in unit if isinstance(b, TextBlock)], end))
                case TextBlock() as text:
                    out.append(self.paragraph(text, self.layout.line * text.line_span))
                case SpaceBlock() as space:
                    out.append(self.paragraph(TextBlock("blank", keep_next=space.keep_next), self.layout.line))
                case LetterheadBlock() as letterhead:
                    out += self.letterhead(letterhead)
        if out and out[-1].tag == ox.TABLE:
            out.append(self.paragraph(TextBlock("blank"), _END_LINE_TWIPS))
        return out

    def foot_padded(self, blocks: list[Block]) -> list[Block]:
        """The blocks with the empty grid lines that put the 版记 or 报尾 at the foot of the
        last page, as many as the PDF's page layout puts there (layout.foot_padding)."""
        at_foot = [i for i, block in enumerate(blocks) if block.at_foot]
        if not at_foot:
            return blocks
        padding = foot_padding([self.set_block(block) for block in blocks], self.profile.lines_per_page)
        return blocks[:at_foot[0]] + [SpaceBlock()] * padding + blocks[at_foot[0]:]

    def table(self, block: TableBlock, end_twips: int) -> etree._Element:
        """Each row on whole grid lines, as many as its fullest cell; every cell ruled."""
        columns = _column_twips(block.columns, pt_to_twips(self.profile.text_width_pt))
        counts = grid_lines(self.set_block(block))
        heights = self.row_heights([(count, 1) for count in counts], [block.rule] * len(counts), block.rule,
                                   end_twips)
        if block.repeat_header:     # a report's table: every rule on the table, the header repeated, rows whole
            rows = [ox.Row([self.cell(block, r, c, text, line) for c, text in enumerate(texts)], height,
                           header=r == 0, cant_split=True)
                    for r, (texts, (line, height)) in enumerate(zip(block.rows, heights))]
            return ox.table(rows, columns, bottom=None, columns=None, grid=_border(block.rule),
                            padding_twips=pt_to_twips(block.cell_padding_pt))
        rows = [ox.Row([self.cell(block, r, c, text, line) for c, text in enumerate(texts)], height,
                       _border(block.rule))
                for r, (texts, (line, height)) in enumerate(zip(block.rows, heights))]
        return ox.table(rows, columns, bottom=_border(block.rule), columns=_border(block.rule),
                        padding_twips=pt_to_twips(block.cell_padding_pt))

    def cell(self, block: TableBlock, row: int, column: int, text: str, line_twips: int) -> etree._Element:
        """A cell's paragraph: the header row's style or the cells', its alignment, its text
        narrowed by the plan's inset (on the side its alignment leaves open), values to fill
        marked, kept with the next row in a table kept together."""
        style = block.cell_style(row)
        run = dataclasses.replace(self.layout.run(style), color=block.color or self.profile.text_color)
        align = block.cell_align(row, column)
        inset = pt_to_twips(block.cell_inset(row, column))
        left = {"center": inset // 2, "right": inset}.get(align, 0)
        # A table kept together: each row kept with the next, Word's way to keep a table on one
        # page; LibreOffice 7.4 moves such a table whole too (measured: tests/test_brief_table.py).
        keep = block.keep_together and row < len(block.rows) - 1
        fmt = ox.ParagraphFormat(line_twips=line_twips, align={"justify": "both"}.get(align, align),
                                 left_twips=left, right_twips=inset - left, keep_next=keep)
        pieces = [(piece, dataclasses.replace(run, shading=self.profile.draft.mark) if marked else run, None)
                  for piece, marked in marked_pieces(text_span(text, style))] or [(text, run, None)]
        key = "table_header" if row == 0 and block.header_style is not None else "table"
        return self.layout.paragraph(key, fmt, run, pieces)

    def ruled(self, blocks: list[TextBlock], end_twips: int) -> etree._Element:
        """Text blocks with rules as the rows of a one-column table across the text block,
        each rule on the edge between two rows (the wider where two blocks rule one edge)."""
        edges = [blocks[0].rule_above] + [_wider(a.rule_below, b.rule_above) for a, b in itertools.pairwise(blocks)]
        sizes = [(grid_lines(self.set_block(block))[0] // block.line_span, block.line_span) for block in blocks]
        heights = self.row_heights(sizes, edges, blocks[-1].rule_below, end_twips)
        rows = [ox.Row([self.paragraph(block, line)], height, _border(edge))
                for block, edge, (line, height) in zip(blocks, edges, heights)]
        return ox.table(rows, [pt_to_twips(self.profile.text_width_pt)], bottom=_border(blocks[-1].rule_below),
                        columns=None, padding_twips=0)

    def letterhead(self, block: LetterheadBlock) -> list[etree._Element]:
        """The 版头: paragraphs of exact heights that put its lines at their depths, then its
        rule as the top border of a one-row table across the text block, down to the end of
        its grid lines (docx/letterhead.py)."""
        rule = _twips(block.rule)
        slices, row = letterhead_slices(block, self.layout.line, rule)
        self.paragraph(TextBlock("blank"), self.layout.line)     # the blank-line style: a grid line high
        out = [self.paragraph(piece.text or TextBlock("blank"), piece.height_twips) for piece in slices]
        rule_row = ox.Row([self.paragraph(TextBlock("blank"), row - rule)], row, _border(block.rule))
        return out + [ox.table([rule_row], [pt_to_twips(self.profile.text_width_pt)], bottom=None, columns=None,
                               padding_twips=0)]

    def row_heights(self, sizes: list[tuple[int, int]], tops: list[Rule | None], bottom: Rule | None,
                    end_twips: int) -> list[tuple[int, int]]:
        """(exact line height, least row height) of table rows of (lines, grid lines a line)
        each, on whole grid lines. Word and LibreOffice put a row's top rule inside the
        row's height and the table's bottom rule below its last row: the last row is
        shorter by that rule (and by the document's end paragraph after it, end_twips),
        and every row's lines by what its height holds besides them."""
        result = []
        for i, ((lines, span), top) in enumerate(zip(sizes, tops)):
            below = _twips(bottom) + end_twips if i == len(sizes) - 1 else 0
            line = self.layout.line_height(lines, span, _twips(top) + below)
            result.append((line, lines * span * self.layout.line - below))
        return result

    def paragraph(self, block: TextBlock, line_twips: int) -> etree._Element:
        layout = self.layout
        first_line = layout.chars(max(block.first_line, 0))
        fmt = ox.ParagraphFormat(
            line_twips=line_twips,
            align={"justify": "both"}.get(block.align, block.align),
            first_line_twips=first_line,
            first_line_chars=round(max(block.first_line, 0) * 100),
            left_twips=layout.chars(block.left),
            right_twips=layout.chars(block.right),
            hanging_twips=layout.chars(-min(block.first_line, 0)),
            keep_next=block.keep_next,
            page_break_before=block.page_break_before,
            # Tab stops are measured from the page margin, not the indent (ECMA-376 §17.3.1.37; LibreOffice too).
            right_tab_twips=pt_to_twips(self.profile.text_width_pt) - layout.chars(block.right)
            if block.tab_right else None,
            centre_tabs_twips=tuple(layout.chars(centre) for centre in block.centres),
        )
        color = block.color or self.profile.text_color
        key = _ROLE_STYLES.get(block.role, block.role.replace("-", "_"))
        if key == "heading":            # the plan numbers levels 1–4; Word's outline levels are 0–3
            key, fmt = f"heading{block.level}", dataclasses.replace(fmt, outline_level=block.level - 1)
        # The style's run: a body paragraph's the body's (whatever its spans: a run-in heading, a lead,
        # **…** words), another block's its main text's (its last span).
        main = self.profile.body if key == StyleSheet.BODY or not block.spans else block.spans[-1].style
        base = dataclasses.replace(layout.run(main), color=color)
        tab = "\t" if block.centres else ""     # spans side by side: each after a tab to its centred stop
        pieces = [(tab * (i == 0) + text, dataclasses.replace(layout.run(span.style), color=color,
                                                              shading=self.profile.draft.mark if marked else None),
                   span.style)
                  for span in block.spans for i, (text, marked) in enumerate(marked_pieces(span))]
        paragraph = layout.paragraph(key, fmt, base, pieces)
        paragraph.extend(self.picture(picture) for picture in block.pictures)
        return paragraph

    def picture(self, picture: Picture) -> etree._Element:
        """A run with the picture floating from this paragraph; its image a part of the package
        (word/media/imageN.png, N in the order of first use)."""
        rel_id = self.package.image(picture.png)
        self.pictures += 1
        return anchored_picture(picture, rel_id, self.pictures)


# Block roles whose style (profile docx_styles) is named otherwise; a heading's is by its level.
_ROLE_STYLES = {"paragraph": StyleSheet.BODY}


def _column_twips(shares: tuple[float, ...], width_twips: int) -> list[int]:
    """Column widths in twips: each column's edges rounded, so that they add up to the text width."""
    edges = [round(sum(shares[:i]) * width_twips) for i in range(len(shares) + 1)]
    return [b - a for a, b in itertools.pairwise(edges)]


def _ruled(block: Block) -> bool:
    return isinstance(block, TextBlock) and (block.rule_above is not None or block.rule_below is not None)


def _wider(a: Rule | None, b: Rule | None) -> Rule | None:
    """The rule drawn where two blocks rule the same edge."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=lambda rule: rule.width_mm)


def _eighths(rule: Rule) -> int:
    """A rule's width as Word stores a border's: whole eighths of a point."""
    return round(rule.width_mm / pt_to_mm(1) * _EIGHTHS_PER_PT)


def _twips(rule: Rule | None) -> int:
    """The height a rule adds, in whole twips (rounded up: a line never outgrows its grid lines)."""
    return 0 if rule is None else math.ceil(_eighths(rule) * TWIPS_PER_PT / _EIGHTHS_PER_PT)


def _border(rule: Rule | None) -> ox.Border | None:
    return None if rule is None else ox.Border(_eighths(rule), rule.color)


def _page_number_paragraph(layout: _Layout, profile: Profile, odd: bool) -> etree._Element:
    style = profile.page_number
    run = layout.run(style)
    before, after = style.format.split("{page}")
    indent = layout.chars(style.outer_indent_chars, style.size_pt)
    fmt = ox.ParagraphFormat(line_twips=pt_to_twips(style.size_pt), align="right" if odd else "left",
                             right_twips=indent if odd else 0, left_twips=0 if odd else indent)
    page_style = layout.styles.use("page_number", fmt, run)
    rpr = layout.styles.run_properties(page_style, run)
    runs = [ox.text_run(before, rpr), *ox.field_runs("PAGE", "1", rpr), ox.text_run(after, rpr)]
    return layout.styles.paragraph(page_style, fmt, runs)


def _draft_headers(package: Package, layout: _Layout, profile: Profile) -> None:
    """草稿 flush right above the text block of every page (odd and even pages have
    headers of their own); _header_distance_twips puts it where the PDF draws it."""
    style = profile.draft
    run = dataclasses.replace(layout.run(style), color=style.color)
    fmt = ox.ParagraphFormat(line_twips=pt_to_twips(style.size_pt), align="right")
    for kind in ("default", "even"):
        package.header(kind).append(layout.paragraph("draft_label", fmt, run, [(style.label, run, None)]))


def _header_distance_twips(profile: Profile) -> int:
    """From the page top to the header line's top, so that the 草稿 label's line (as
    high as its size) has its middle above_text_block_mm over the text block."""
    style = profile.draft
    return mm_to_twips(profile.page.margin_top_mm - style.above_text_block_mm - pt_to_mm(style.size_pt) / 2)


def _footer_distance_twips(profile: Profile) -> int:
    """From the page bottom to the footer line's bottom, so the dash line sits
    below_text_block_mm under the text block (the line's middle at that depth)."""
    style = profile.page_number
    line_mm = pt_to_mm(style.size_pt)
    return mm_to_twips(profile.page.margin_bottom_mm - style.below_text_block_mm - line_mm / 2)


def build_document(blocks_for, profile: Profile, info: DocumentInfo, line_fonts: LineFonts | None = None) -> Package:
    """The package of the blocks blocks_for(measure) gives; line_fonts() gives the fonts
    (pdf/fonts.py) that count the lines the office suite sets, None: the official fonts' widths."""
    layout = _Layout(profile)
    fonts = [FontEntry(role.name, role.aliases[0] if role.aliases else None) for role in profile.fonts.values()]
    if profile.latin_font:
        fonts.append(FontEntry(profile.latin_font, None))
    package = Package(profile.font_name(profile.body.font), profile.latin_font, profile.body.size_pt, fonts,
                      heading_font=profile.font_name(profile.headings[0].font))
    writer = _BlockWriter(layout, package, line_fonts)
    for element in writer.elements(blocks_for(writer.measure)):
        package.sect_pr.addprevious(element)
    if info.draft:
        _draft_headers(package, layout, profile)
    if profile.page_number.enabled:
        package.footer("default").append(_page_number_paragraph(layout, profile, odd=True))
        package.footer("even").append(_page_number_paragraph(layout, profile, odd=False))
    page = profile.page
    ox.section_properties(
        package.sect_pr,
        width=mm_to_twips(page.width_mm), height=mm_to_twips(page.height_mm),
        top=mm_to_twips(page.margin_top_mm), right=mm_to_twips(page.margin_right_mm),
        bottom=mm_to_twips(page.margin_bottom_mm), left=mm_to_twips(page.margin_left_mm),
        header=_header_distance_twips(profile), footer=_footer_distance_twips(profile), line_pitch=layout.line,
    )
    package.styles.extend(layout.styles.elements())
    written = info.written.replace(tzinfo=None)
    package.core = CoreProperties(title=info.title, author=info.author, written=written, language=info.language)
    return package


def render(report: Report, profile: Profile, line_fonts: LineFonts | None = None) -> bytes:
    """The report's DOCX; the same input gives the same bytes."""
    return render_blocks(lambda measure: plan(report, profile, measure), profile, report_info(report), line_fonts)


def render_blocks(blocks_for, profile: Profile, info: DocumentInfo, line_fonts: LineFonts | None = None) -> bytes:
    """A DOCX of blocks; the same input gives the same bytes."""
    return build_document(blocks_for, profile, info, line_fonts).to_bytes()
