"""The report seen as a 简报 can show it: its sections, each cut into parts — the paragraphs a
briefing is written in — and each part's candidate sentences, scored by the figures they hold.

A part is one paragraph of the 简报 (README, "The 简报"):
- a subsection or a run-in item, led by its title (一是优化法治环境。…);
- in a section without subsections, a paragraph with a lead phrase (and the paragraphs after
  it up to the next lead), led by that phrase; the text before the first lead, or a section
  without any, is a part without a lead;
- 存在的不足 and 下一年度安排 are one part each, made from their text: its first sentence, and
  the second item's (or the second sentence) when there is room — never from headings alone.
An author's `brief:` on a section, subsection or paragraph replaces what would be generated
there. Sentences are copied from the resolved report, so every figure reads as printed; which
metrics a sentence holds is what its text recorded when rendered (Text.uses), never guessed.
"""

from __future__ import annotations

import re

from docgen.content.model import (
    Location,
    Metric,
    Paragraph,
    Report,
    Section,
    Table,
    TableRow,
    Text,
    paragraphs_of,
    walk_sections,
)
from docgen.content.templating import metric_record
from docgen.document.brief_headline import headline as brief_headline
from docgen.format.profile import Profile
from docgen.format.sentences import sentences
from docgen.record import record

CLOSING_ROLES = ("shortcomings", "next_year")
_RANK_WORDS = re.compile(r"全[市省国区]第|前列|领先|第[一二三1-9]")
# A figure typed in the text: a digit not part of a year (2023年) or a date.
_TYPED_FIGURE = re.compile(r"\d+(?:\.\d+)?(?![\d.]*[年月日])")

# How strongly a sentence reports its part (the 简报 takes the strongest first).
AUTHOR, HIGHLIGHTED, RANKED, FIGURE, PLAIN = 4, 3, 2, 1, 0


@record
class Sentence:
    text: str
    score: int                      # AUTHOR … PLAIN
    order: int                      # its place in the part, in reading order
    where: Location | None


@record
class Part:
    """One paragraph of the 简报, and the sentences it may hold."""
    key: tuple[int, int]            # (section, part) in reading order
    lead: str                       # the title or lead phrase it starts with, as a sentence ("" none)
    lead_where: Location | None
    sentences: tuple[Sentence, ...]
    label: str                      # how messages name it: its heading, or its section's
    closing: bool = False           # 不足/安排: its sentences in reading order, not by figures

    @property
    def base(self) -> Sentence:
        """The sentence the part is never shown without: the first of a closing part, else
        the strongest (the first of equals)."""
        if self.closing:
            return self.sentences[0]
        return min(self.sentences, key=lambda s: (-s.score, s.order))

    @property
    def score(self) -> int:
        return self.base.score


@record
class BriefSection:
    index: int
    heading: str                    # 一、推进法治政府建设…
    where: Location | None
    role: str | None
    rank: int                       # how many sections of the same role come before it
    run_in: bool                    # its heading runs into its first paragraph, as in the report
    parts: tuple[Part, ...]


@record
class Row:
    """A row of the 主要数据 table (指标, 数值, 比较); each cell knows where it was written."""
    cells: tuple[Text, Text, Text]
    order: int


class Outline:
    """The report as the 简报's skeleton: 报头 facts, headline, opening, sections, table rows."""

    def __init__(self, resolved: Report, profile: Profile):
        if profile.briefing is None:
            raise ValueError(f"profile {profile.name} has no briefing section")
        self.resolved, self.profile, self.style = resolved, profile, profile.briefing
        settings = resolved.brief
        self.name = str(settings.name or self.style.default_name)
        self.unit = str(settings.unit or resolved.publication_value("发布机构", "来源", "发布单位") or resolved.issuer)
        self.date = settings.date or resolved.date
        self.issue_text = self.style.issue_format.format(issue=settings.issue) + (
            self.style.total_issue_format.format(total=settings.total_issue) if settings.total_issue else "")
        headline = brief_headline(resolved, self.style)
        self.headline, self.headline_where = str(headline), headline.where
        preamble = paragraphs_of(resolved.preamble)
        opening = settings.summary or (preamble[0].text if preamble else None)
        self.opening = str(settings.summary or (sentences(opening)[0] if opening else ""))
        self.opening_where = opening.where if opening else None
        seen: dict[str | None, int] = {}
        self.sections: list[BriefSection] = []
        for i, section in enumerate(resolved.sections):
            rank = seen[section.role] = seen.get(section.role, -1) + 1
            self.sections.append(BriefSection(i, f"{section.number}{section.title}", section.title.where,
                                              section.role, rank, section.run_in, tuple(self._parts(i, section))))
        rows = [self._metric_row(m) for m in resolved.metrics.values() if m.highlight]
        rows += [_table_row(table, row) for table in _tables(resolved) for row in table.rows if row.highlight]
        self.rows = [Row(cells, order) for order, cells in enumerate(rows)]

    # -- parts -----------------------------------------------------------------
    def _parts(self, index: int, section: Section) -> list[Part]:
        heading = f"{section.number}{section.title}"
        if section.brief:
            return [Part((index, 0), "", None, (Sentence(str(section.brief), AUTHOR, 0, section.brief.where),),
                         heading)]
        if section.role in CLOSING_ROLES:
            part = self._closing(index, section, heading)
            return [part] if part else []
        parts: list[Part | None] = []
        if section.sections:
            parts.append(self._part((index, 0), "", None, paragraphs_of(section.paragraphs), heading))
            for j, sub in enumerate(section.sections, start=1):
                label = f"{sub.number}{sub.title}"
                if sub.brief:
                    parts.append(Part((index, j), _as_sentence(str(sub.title)), sub.title.where,
                                      (Sentence(str(sub.brief), AUTHOR, 0, sub.brief.where),), label))
                else:
                    parts.append(self._part((index, j), _as_sentence(str(sub.title)), sub.title.where,
                                            list(_all_paragraphs(sub)), label))
        else:
            for j, group in enumerate(_lead_groups(paragraphs_of(section.paragraphs))):
                lead = group[0].lead
                parts.append(self._part((index, j), str(lead or ""), lead.where if lead else None, group,
                                        f"{heading}: {lead}" if lead else heading))
        return [part for part in parts if part is not None]

    def _part(self, key: tuple[int, int], lead: str, lead_where: Location | None,
              paragraphs: list[Paragraph], label: str) -> Part | None:
        """A part whose sentences are its paragraphs' (or their authors' brief: texts), scored."""
        found: list[Sentence] = []
        for paragraph in paragraphs:
            if paragraph.brief:
                found.append(Sentence(str(paragraph.brief), AUTHOR, len(found), paragraph.brief.where))
                continue
            for start, sentence in _sentences_at(paragraph.text):
                found.append(Sentence(sentence, self._score(paragraph.text, start, sentence), len(found),
                                      paragraph.text.where))
        return Part(key, lead, lead_where, tuple(found), label) if found else None

    def _closing(self, index: int, section: Section, heading: str) -> Part | None:
        """不足 or 安排: the first sentence of each item (or of the text), in order: the 简报
        shows the first, and the second when there is room."""
        items = [list(_all_paragraphs(sub)) for sub in section.sections] or [paragraphs_of(section.paragraphs)]
        own = paragraphs_of(section.paragraphs) if section.sections else []
        firsts = [(p, _sentences_at(p.text)) for p in own + [item[0] for item in items if item]]
        if len(firsts) == 1:                # one text: its first two sentences
            paragraph, found = firsts[0]
            picked = [(paragraph, sentence) for _, sentence in found[:2]]
        else:
            picked = [(paragraph, found[0][1]) for paragraph, found in firsts[:2] if found]
        if not picked and section.sections:     # items without text: their titles are all there is
            titles = "；".join(str(sub.title).rstrip("。；") for sub in section.sections) + "。"
            return Part((index, 0), "", None, (Sentence(titles, PLAIN, 0, section.sections[0].title.where),),
                        heading, closing=True)
        if not picked:
            return None
        return Part((index, 0), "", None, tuple(Sentence(text, PLAIN, n, p.text.where)
                                                for n, (p, text) in enumerate(picked)), heading, closing=True)

    def _score(self, text: Text, start: int, sentence: str) -> int:
        metrics = [self.resolved.metrics[m] for m in text.metrics_in(start, start + len(sentence))
                   if m in self.resolved.metrics]
        if any(m.highlight for m in metrics):
            return HIGHLIGHTED
        if any(m.rank for m in metrics) or (metrics and _RANK_WORDS.search(sentence)):
            return RANKED
        return FIGURE if metrics or _TYPED_FIGURE.search(sentence) else PLAIN

    # -- the 主要数据 table --------------------------------------------------------
    def _metric_row(self, metric: Metric) -> tuple[Text, Text, Text]:
        """Label, value, and the 比较 column: the computed 同比 where last year's value is
        known, else the rank."""
        record = metric_record(metric, self.profile.year_on_year)
        compared = record.yoy if metric.value is not None and record.yoy is not None else None
        comparison = compared or record.rank or record.comparison
        return (Text(record.label, metric.label.where), Text(record.value, metric.where),
                Text(comparison, metric.where))


def _table_row(table: Table, row: TableRow) -> tuple[Text, Text, Text]:
    """A highlighted row of a report's table as a row of the 主要数据 table (指标, 数值, 比较):
    its first cell, its second, and the rest — a third cell as it is; from four cells on,
    each after its column's header (2022年：98件；同比：增长22.4%), which alone says what it
    is. A first column that only numbers the rows (序号: 1, 2, 3 …) is left out."""
    skip = 1 if len(table.header) > 1 and all(r.cells[0].isdigit() for r in table.rows) else 0
    header = table.header[skip:]
    cells = list(row.cells[skip:]) + [Text("", row.where)] * (2 - len(row.cells[skip:]))
    rest = cells[2:]
    if len(rest) > 1:
        where = rest[0].where
        rest = [Text("；".join(f"{name}：{cell}" if name else str(cell)
                              for name, cell in zip(header[2:], rest) if cell), where)]
    return cells[0], cells[1], rest[0] if rest else Text("", row.where)


def _tables(report: Report):
    """Every table of the report, in reading order: the preamble's, the sections', the attachments'."""
    lists = [report.preamble, *(s.paragraphs for s in walk_sections(report.sections))]
    for attachment in report.attachments:
        lists += [attachment.paragraphs, *(s.paragraphs for s in walk_sections(attachment.sections))]
    return [item for items in lists for item in items if isinstance(item, Table)]


def _lead_groups(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Paragraphs cut before each lead phrase: each group one item of the section."""
    groups: list[list[Paragraph]] = []
    for paragraph in paragraphs:
        if paragraph.lead or not groups:
            groups.append([])
        groups[-1].append(paragraph)
    return groups


def _as_sentence(heading: str) -> str:
    """A heading that leads a paragraph ends like a sentence."""
    return heading if heading[-1] in "。！？；：" else heading + "。"


def _sentences_at(text: str) -> list[tuple[int, str]]:
    """The text's sentences, each with where it starts in the text."""
    found, start = [], 0
    for sentence in sentences(text):
        start = text.find(sentence, start)
        found.append((start, sentence))
        start += len(sentence)
    return found


def _all_paragraphs(section: Section):
    """Every paragraph of a section and its subsections, in reading order (tables left out)."""
    yield from paragraphs_of(section.paragraphs)
    for child in walk_sections(section.sections):
        yield from paragraphs_of(child.paragraphs)
