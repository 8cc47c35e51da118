"""The report as a sequence of blocks: what goes where, shared by every writer.

The order and the rules of GB/T 9704 — title then a blank line, headings by
level, run-in headings, lead phrases, the attachments note, the unsealed
signature and date, 附注, 版记 — are decided here once. Writers turn blocks into
their format. Indents are in 字: characters of the body size (format/grid.py).
"""

from __future__ import annotations

from collections.abc import Callable

from docgen.content.model import Item, Paragraph, Report, Section, Table
from docgen.document.blocks import Block, DocumentInfo, Rule, SpaceBlock, Span, TextBlock, text_span
from docgen.document.table_plan import table_blocks
from docgen.format import cjk, grid
from docgen.format.profile import Profile, TextStyle
from docgen.format.titlebreak import break_title

# measure(text, style) → the width of text as the writer sets it, in 字 (format/grid.py).
Measure = Callable[[str, TextStyle], float]


def report_info(report: Report) -> DocumentInfo:
    return DocumentInfo(report.title.replace("\n", ""), str(report.issuer),
                        f"{report.year}年法治政府建设年度报告", report.date, draft=bool(report.open_items))


def plan(report: Report, profile: Profile, measure: Measure) -> list[Block]:
    """The blocks of a resolved report, top to bottom; measure tells how wide the
    writer sets a text (the signature and the attachments align on it)."""
    return _Planner(report, profile, measure).blocks()


class _Planner:
    def __init__(self, report: Report, profile: Profile, measure: Measure):
        self.report, self.profile, self.measure = report, profile, measure
        self.char_pt = grid.char_unit_pt(profile)
        self.body = profile.body
        self.indent = profile.body.first_line_indent_chars
        self.out: list[Block] = []

    def blocks(self) -> list[Block]:
        self.title()
        if self.report.addressee:
            self.out.append(TextBlock("addressee", (text_span(self.report.addressee, self.profile.addressee),),
                                  align="left"))
        self.items(self.report.preamble)
        for section in self.report.sections:
            self.section(section)
        self.open_plan()
        self.attachments()
        self.signature()
        self.note()
        self.distribution()
        return self.out

    def open_plan(self) -> None:
        """A draft lists, marked, last year's planned items not yet reported on."""
        for item in self.report.checklist:
            if not item.addressed:
                text = f"【上年安排待报告：{item.text}】"
                self.out.append(TextBlock("paragraph", (Span(text, self.body, item.where, marked=True),),
                                      first_line=self.indent))

    def blank(self, count: int, keep_next: bool = False, at_foot: bool = False) -> None:
        self.out.extend(SpaceBlock(keep_next=keep_next, at_foot=at_foot) for _ in range(count))

    def title(self) -> None:
        style = self.profile.title
        lines = break_title(self.report.title, style.max_chars_per_line, units=(self.report.issuer,))
        self.out.append(TextBlock("title", (Span("\n".join(lines), style, self.report.title.where),),
                              align="center", keep_next=True))
        self.blank(style.blank_lines_after, keep_next=True)

    def paragraph(self, paragraph: Paragraph, heading: Span | None = None, level: int = 0) -> None:
        spans = [heading] if heading else []
        if paragraph.lead:
            spans.append(text_span(paragraph.lead, self.profile.lead, paragraph.carried))
        spans.append(text_span(paragraph.text, self.body, paragraph.carried))
        self.out.append(TextBlock("paragraph", tuple(spans), first_line=self.indent, level=level))

    def items(self, items: tuple[Item, ...]) -> None:
        for item in items:
            if isinstance(item, Table):
                self.out += table_blocks(item, self.profile)
            else:
                self.paragraph(item)

    def section(self, section: Section) -> None:
        heading = Span(f"{section.number}{section.title}", self.profile.headings[section.level - 1],
                       section.title.where)
        items = list(section.paragraphs)
        first = items[0] if items else None
        if section.run_in and isinstance(first, Paragraph):
            self.paragraph(first, heading, section.level)
            items.pop(0)
        else:
            # A heading alone (a plan item with no text under it) does not keep with what follows.
            self.out.append(TextBlock("heading", (heading,), first_line=self.indent,
                                      keep_next=bool(items or section.sections), level=section.level))
        self.items(tuple(items))
        for child in section.sections:
            self.section(child)

    def attachments(self) -> None:
        """附件：1.名称 / 2.名称, the names aligned after the label."""
        names = [attachment.title for attachment in self.report.attachments]
        if not names:
            return
        style = self.profile.attachments
        self.blank(style.blank_lines_before)
        label = style.label
        text_start = self.indent + self.measure(label, self.body)
        for i, name in enumerate(names, start=1):
            number = f"{i}." if len(names) > 1 else ""
            first = i == 1
            text = f"{label if first else ''}{number}{name}"
            self.out.append(TextBlock("attachment", (Span(text, self.body, name.where),), align="left", left=text_start,
                                  first_line=-self.measure(label, self.body) if first else 0))

    def signature(self) -> None:
        """Unsealed (GB/T 9704 7.3.5.2): the signature 2 字 from the right, the date on
        the next line starting 2 字 right of the signature's start; a date longer than
        that keeps 2 字 from the right and the signature moves left instead."""
        style = self.profile.signature
        signature, date = self.report.signatures[0], cjk.official_date(self.report.date)
        signature_width, date_width = self.measure(signature, self.body), self.measure(date, self.body)
        edge, offset = style.right_indent_chars, style.date_offset_chars
        self.blank(style.blank_lines_before, keep_next=True)
        if offset + date_width <= signature_width:
            text_width = self.profile.text_width_pt / self.char_pt
            signature_block = TextBlock("signature", (text_span(signature, self.body),), align="right", right=edge,
                                    keep_next=True)
            date_block = TextBlock("date", (Span(date, self.body),), align="left",
                               left=text_width - edge - signature_width + offset)
        else:
            signature_block = TextBlock("signature", (text_span(signature, self.body),), align="right",
                                    right=edge + date_width + offset - signature_width, keep_next=True)
            date_block = TextBlock("date", (Span(date, self.body),), align="right", right=edge)
        self.out += [signature_block, date_block]

    def note(self) -> None:
        if self.report.note:
            note = str(self.report.note)
            text = note if note.startswith("（") else f"（{note}）"
            self.out.append(TextBlock("note", (Span(text, self.body, self.report.note.where),),
                                  first_line=self.profile.note_indent_chars))

    def distribution(self) -> None:
        """版记 at the foot of the last page, after blank lines: 抄送 and 印发 lines
        between rules in the text colour (GB/T 9704 §7.4)."""
        dist = self.report.distribution
        if dist is None:
            return
        style = self.profile.distribution
        side = style.side_indent_chars * style.size_pt / self.char_pt
        label = self.measure(style.cc_label, style)
        outer = Rule(style.outer_rule_mm, self.profile.text_color)
        inner = Rule(style.inner_rule_mm, self.profile.text_color)
        self.blank(style.blank_lines_before, at_foot=True)
        if dist.cc:
            text = style.cc_label + "、".join(dist.cc) + "。"
            self.out.append(TextBlock("cc", (Span(text, style, dist.cc[0].where),), align="left", left=side + label,
                                  right=side, first_line=-label, rule_above=outer, rule_below=inner,
                                  keep_next=True, at_foot=True))
        printed = f"{dist.printer}\t{cjk.official_date(dist.printed, '印发日期')}{style.printed_suffix}"
        self.out.append(TextBlock("printed", (Span(printed, style, dist.printer.where),), align="left", left=side,
                              right=side, rule_above=None if dist.cc else outer, rule_below=outer,
                              tab_right=True, at_foot=True))
