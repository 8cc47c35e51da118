"""The report as a sequence of blocks: what goes where, shared by every writer.

The order and the rules of GB/T 9704 — the 版头 if any (letterhead.py), title
then a blank line, headings by level, run-in headings, lead phrases, the
attachments note, the signature and date (signature.py), 附注, the attachments'
own pages, 版记 — are decided here once. Writers turn blocks into their format.
Indents are in 字: characters of the body size (format/grid.py).
"""

from __future__ import annotations

from docgen.content.emphasis import emphasis_pieces
from docgen.content.model import Item, Paragraph, Report, Section, Table, Text
from docgen.document.blocks import Block, DocumentInfo, Measure, Rule, SpaceBlock, Span, TextBlock, text_span
from docgen.document.letterhead import letterhead_block
from docgen.document.signature import signature_blocks
from docgen.document.table_plan import table_blocks
from docgen.format import cjk, grid
from docgen.format.profile import Profile, TextStyle
from docgen.format.titlebreak import break_title


def report_info(report: Report) -> DocumentInfo:
    return DocumentInfo(report.title.replace("\n", ""), str(report.issuer),
                        f"{report.year}年法治政府建设年度报告", report.date, draft=bool(report.open_items))


def plan(report: Report, profile: Profile, measure: Measure) -> list[Block]:
    """The blocks of a resolved report, top to bottom; measure tells how wide the
    writer sets a text (the signature and the attachments align on it)."""
    return _Planner(report, profile, measure).blocks()


def planned(report: Report, profile: Profile) -> list[Block]:
    """The blocks measured on the official fonts' widths, without font files: what `validate`
    plans, to find what only placing shows (a 版头 line too wide for the block, an SVG seal
    that cannot be drawn) before a build does."""
    from docgen.pdf.layout import EstimatedFonts, Typesetter

    return plan(report, profile, Typesetter(profile, EstimatedFonts()).measure)


class _Planner:
    def __init__(self, report: Report, profile: Profile, measure: Measure):
        self.report, self.profile, self.measure = report, profile, measure
        self.char_pt = grid.char_unit_pt(profile)
        self.body = profile.body
        self.indent = profile.body.first_line_indent_chars
        self.out: list[Block] = []

    def blocks(self) -> list[Block]:
        if self.report.letterhead:
            self.out.append(letterhead_block(self.report.letterhead, self.profile, self.measure))
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
        self.attachment_pages()
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
        self.centred_title("title", self.report.title, style)
        self.blank(style.blank_lines_after, keep_next=True)

    def centred_title(self, role: str, title: Text, style: TextStyle) -> None:
        """A title centred, broken into balanced lines at word boundaries (format/titlebreak.py)
        of at most the report title's characters a line."""
        lines = break_title(title, self.profile.title.max_chars_per_line, units=(self.report.issuer,))
        self.out.append(TextBlock(role, (Span("\n".join(lines), style, title.where),), align="center",
                                  keep_next=True))

    def paragraph(self, paragraph: Paragraph, heading: Span | None = None, level: int = 0) -> None:
        spans = [heading] if heading else []
        if paragraph.lead:
            spans.append(text_span(paragraph.lead, self.profile.lead, paragraph.carried))
        spans += self.emphasised(paragraph.text, paragraph.carried)
        self.out.append(TextBlock("paragraph", tuple(spans), first_line=self.indent, level=level))

    def emphasised(self, text: Text, marked: bool) -> list[Span]:
        """A text's spans: the words marked **…** (Text.emphasis) in the profile's emphasis
        style, the rest in the body's."""
        return [Span(piece, self.profile.emphasis if bold else self.body, text.where, marked)
                for piece, bold in emphasis_pieces(text)]

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
        elif section.run_in and not section.sections:
            # A run-in heading with no text to run into (a plan item): a paragraph of the heading
            # alone, set as its siblings with text are.
            self.out.append(TextBlock("paragraph", (heading,), first_line=self.indent, level=section.level))
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

    def attachment_pages(self) -> None:
        """Each 附件 with a body on pages of its own (GB/T 9704 §7.3.7): on a new page its label,
        numbered as in the 附件说明, flush left on line 1, its title centred below, then its text."""
        style = self.profile.attachment_pages
        attachments = self.report.attachments
        for number, attachment in enumerate(attachments, start=1):
            if not attachment.has_pages:
                continue
            label = style.label_format.format(n=number) if len(attachments) > 1 else style.single_label
            self.out.append(TextBlock("attachment-label", (Span(label, style.label, attachment.where),),
                                      align="left", keep_next=True, page_break_before=True))
            self.blank(style.blank_lines_after_label, keep_next=True)
            self.centred_title("attachment-title", attachment.title, style.title)
            self.blank(style.blank_lines_after_title, keep_next=True)
            self.items(attachment.paragraphs)
            for section in attachment.sections:
                self.section(section)

    def signature(self) -> None:
        """署名 and 成文日期, sealed or not, one issuer or joint issuers (signature.py)."""
        self.out += signature_blocks(self.report, self.profile, self.measure)

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
