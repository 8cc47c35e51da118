"""The official-format report as DOCX (GB/T 9704-2012), every number from the profile.

Layout decisions that are the standard's arithmetic (twips, grid spacing, the
date's position under the signature) are derived here from profile values;
the XML itself is made by docx_oxml.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from .. import cjk
from ..model import Paragraph, Report, Section
from ..output import write_atomically
from ..profile import Profile, TextStyle
from ..titlebreak import break_title
from ..units import TWIPS_PER_PT, mm_to_twips, pt_to_mm, pt_to_twips
from . import docx_oxml as ox
from .docx_package import new_document, reproducible_bytes

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

    def run(self, style: TextStyle, bold: bool | None = None) -> ox.RunFormat:
        p = self.profile
        return ox.RunFormat(
            font=p.font_name(style.font),
            latin_font=p.latin_font,
            size_pt=style.size_pt,
            bold=style.bold if bold is None else bold,
            spacing_twips=self.spacing_for(style.size_pt),
            color=p.text_color,
        )

    def text_width_twips(self, text: str, run: ox.RunFormat) -> int:
        """Set width of a line of text: ems at the run's size plus its character spacing."""
        return pt_to_twips(cjk.width_in_em(text) * run.size_pt) + len(text) * run.spacing_twips

    def chars(self, count: float, size_pt: float | None = None) -> int:
        """count 字 of the given size (default: body) in twips."""
        return pt_to_twips(count * (size_pt or self.profile.body.size_pt))

    def indented(self, **extra) -> ox.ParagraphFormat:
        """The body paragraph format: justified, first line indented 2 字."""
        indent = self.profile.body.first_line_indent_chars
        return ox.ParagraphFormat(line_twips=self.line, first_line_twips=self.chars(indent),
                                  first_line_chars=round(indent * 100), **extra)

    def blank(self) -> ox.ParagraphFormat:
        return ox.ParagraphFormat(line_twips=self.line)


class _DocumentBuilder:
    def __init__(self, report: Report, profile: Profile):
        self.report = report
        self.profile = profile
        self.layout = _Layout(profile)
        self.body_run = self.layout.run(profile.body)
        self.paragraphs: list = []

    def add(self, fmt: ox.ParagraphFormat, runs: list) -> None:
        self.paragraphs.append(ox.paragraph(fmt, runs))

    def blank_lines(self, count: int, keep_next: bool = False) -> None:
        for _ in range(count):
            self.add(ox.ParagraphFormat(line_twips=self.layout.line, keep_next=keep_next), [])

    # -- parts of the report, top to bottom ------------------------------
    def title(self) -> None:
        style = self.profile.title
        lines = break_title(self.report.title, style.max_chars_per_line, units=(self.report.issuer,))
        fmt = ox.ParagraphFormat(line_twips=self.layout.line, align="center", keep_next=True)
        self.add(fmt, [ox.text_run("\n".join(lines), self.layout.run(style))])
        self.blank_lines(style.blank_lines_after, keep_next=True)

    def addressee(self) -> None:
        if self.report.addressee:
            self.add(ox.ParagraphFormat(line_twips=self.layout.line, align="left"),
                     [ox.text_run(self.report.addressee, self.layout.run(self.profile.addressee))])

    def body_paragraph(self, paragraph: Paragraph, heading_runs: list | None = None) -> None:
        runs = list(heading_runs or [])
        if paragraph.lead:
            runs.append(ox.text_run(paragraph.lead, self.layout.run(self.profile.lead)))
        runs.append(ox.text_run(paragraph.text, self.body_run))
        self.add(self.layout.indented(), runs)

    def section(self, section: Section) -> None:
        style = self.profile.headings[section.level - 1]
        heading = ox.text_run(f"{section.number}{section.title}", self.layout.run(style))
        paragraphs = list(section.paragraphs)
        if section.run_in:
            self.body_paragraph(paragraphs.pop(0), heading_runs=[heading])
        else:
            self.add(self.layout.indented(keep_next=True), [heading])
        for paragraph in paragraphs:
            self.body_paragraph(paragraph)
        for child in section.sections:
            self.section(child)

    def attachments(self) -> None:
        names = self.report.attachments
        if not names:
            return
        style = self.profile.attachments
        self.blank_lines(style.blank_lines_before)
        indent = self.profile.body.first_line_indent_chars
        numbered = len(names) > 1
        for i, name in enumerate(names, start=1):
            label = style.label if i == 1 else ""
            number = f"{i}." if numbered else ""
            text_start = self.layout.chars(indent + len(style.label))
            fmt = ox.ParagraphFormat(line_twips=self.layout.line, align="left", left_twips=text_start,
                                     hanging_twips=self.layout.chars(len(style.label)) if label else 0)
            self.add(fmt, [ox.text_run(f"{label}{number}{name}", self.body_run)])

    def signature(self) -> None:
        """Unsealed (GB/T 9704 7.3.5.2): the signature 2 字 from the right, the date on the
        next line starting 2 字 right of the signature's start; a date longer than that
        keeps 2 字 from the right and the signature moves left instead."""
        style = self.profile.signature
        date = cjk.official_date(self.report.date)
        signature_width = self.layout.text_width_twips(self.report.signature, self.body_run)
        date_width = self.layout.text_width_twips(date, self.body_run)
        edge = self.layout.chars(style.right_indent_chars)
        offset = self.layout.chars(style.date_offset_chars)
        text_width = pt_to_twips(self.profile.text_width_pt)
        line = self.layout.line
        self.blank_lines(style.blank_lines_before, keep_next=True)
        if offset + date_width <= signature_width:
            date_start = text_width - edge - signature_width + offset
            signature_fmt = ox.ParagraphFormat(line_twips=line, align="right", right_twips=edge, keep_next=True)
            date_fmt = ox.ParagraphFormat(line_twips=line, align="left", left_twips=date_start)
        else:
            signature_right = edge + date_width + offset - signature_width
            signature_fmt = ox.ParagraphFormat(line_twips=line, align="right", right_twips=signature_right,
                                               keep_next=True)
            date_fmt = ox.ParagraphFormat(line_twips=line, align="right", right_twips=edge)
        self.add(signature_fmt, [ox.text_run(self.report.signature, self.body_run)])
        self.add(date_fmt, [ox.text_run(date, self.body_run)])

    def note(self) -> None:
        if self.report.note:
            text = self.report.note
            if not text.startswith("（"):
                text = f"（{text}）"
            fmt = ox.ParagraphFormat(line_twips=self.layout.line,
                                     first_line_twips=self.layout.chars(self.profile.note_indent_chars))
            self.add(fmt, [ox.text_run(text, self.body_run)])

    def distribution(self) -> None:
        """版记: 抄送 and 印发 lines between rules, after the body."""
        dist = self.report.distribution
        if dist is None:
            return
        style = self.profile.distribution
        run = self.layout.run(style)
        side = self.layout.chars(style.side_indent_chars, style.size_pt)
        outer, inner = _rule(style.outer_rule_mm), _rule(style.inner_rule_mm)
        line = self.layout.line
        self.blank_lines(1)
        if dist.cc:
            label = self.layout.chars(len(style.cc_label), style.size_pt)
            self.add(ox.ParagraphFormat(line_twips=line, align="left", left_twips=side + label, right_twips=side,
                                        hanging_twips=label, top_border=outer, bottom_border=inner, keep_next=True),
                     [ox.text_run(style.cc_label + "、".join(dist.cc) + "。", run)])
        printed = f"{dist.printer}\t{cjk.official_date(dist.printed)}{style.printed_suffix}"
        tab = pt_to_twips(self.profile.text_width_pt) - 2 * side
        self.add(ox.ParagraphFormat(line_twips=line, align="left", left_twips=side, right_twips=side,
                                    right_tab_twips=tab, top_border=None if dist.cc else outer,
                                    bottom_border=outer),
                 [ox.text_run(printed, run)])

    def build(self) -> list:
        self.title()
        self.addressee()
        for paragraph in self.report.preamble:
            self.body_paragraph(paragraph)
        for section in self.report.sections:
            self.section(section)
        self.attachments()
        self.signature()
        self.note()
        self.distribution()
        return self.paragraphs


def _rule(width_mm: float) -> ox.Border:
    """A 版记 rule of the given width as a Word border (in eighths of a point)."""
    return ox.Border(round(width_mm / pt_to_mm(1) * _EIGHTHS_PER_PT))


def _page_number_paragraph(layout: _Layout, profile: Profile, odd: bool) -> object:
    style = profile.page_number
    run = layout.run(style)
    before, after = style.format.split("{page}")
    indent = layout.chars(style.outer_indent_chars, style.size_pt)
    fmt = ox.ParagraphFormat(line_twips=pt_to_twips(style.size_pt), align="right" if odd else "left",
                             right_twips=indent if odd else 0, left_twips=0 if odd else indent)
    runs = [ox.text_run(before, run), *ox.field_runs("PAGE", "1", run), ox.text_run(after, run)]
    return ox.paragraph(fmt, runs)


def _footer_distance_twips(profile: Profile) -> int:
    """From the page bottom to the footer line's bottom, so the dash line sits
    below_text_block_mm under the text block (the line's middle at that depth)."""
    style = profile.page_number
    line_mm = pt_to_mm(style.size_pt)
    return mm_to_twips(profile.page.margin_bottom_mm - style.below_text_block_mm - line_mm / 2)


def build_document(report: Report, profile: Profile):
    """The python-docx Document of a resolved report."""
    layout = _Layout(profile)
    latin = profile.latin_font or profile.font_name(profile.body.font)
    document = new_document(profile.font_name(profile.body.font), latin, profile.body.size_pt)
    body = document.element.body
    sect_pr = body.sectPr
    for element in _DocumentBuilder(report, profile).build():
        sect_pr.addprevious(element)

    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    ox.replace_content(section.footer._element, [_page_number_paragraph(layout, profile, odd=True)])
    ox.replace_content(section.even_page_footer._element, [_page_number_paragraph(layout, profile, odd=False)])
    page = profile.page
    ox.section_properties(
        sect_pr,
        width=mm_to_twips(page.width_mm), height=mm_to_twips(page.height_mm),
        top=mm_to_twips(page.margin_top_mm), right=mm_to_twips(page.margin_right_mm),
        bottom=mm_to_twips(page.margin_bottom_mm), left=mm_to_twips(page.margin_left_mm),
        footer=_footer_distance_twips(profile), line_pitch=layout.line,
    )
    _core_properties(document, report)
    for part in document.part.package.iter_parts():
        if hasattr(part, "_element"):
            ox.strip_theme_fonts(part._element)
    return document


def _core_properties(document, report: Report) -> None:
    written = dt.datetime.combine(report.date, dt.time())
    props = document.core_properties
    props.title = report.title.replace("\n", "")
    props.author = report.issuer
    props.last_modified_by = report.issuer
    props.created = written
    props.modified = written
    props.revision = 1
    props.language = "zh-CN"


def write(report: Report, profile: Profile, path: Path) -> None:
    """Write the report's DOCX atomically; the same input gives the same bytes."""
    write_atomically(path, reproducible_bytes(build_document(report, profile)))
