"""The 简报's content: what a one-sheet briefing keeps of the report, by rules, never retyped.

What goes in, most important first (templates/briefing/profile.yaml bounds it):
0. the structure: headline, the preamble's first sentence, every section
   heading, 存在的不足 and 下一年度安排 in a sentence each (always); then every
   subsection heading, the 主要数据 table's rows (highlighted metrics, then the highlighted
   rows of the report's tables: _table_row) and any
   author-written `brief:` text;
1. each paragraph's strongest figure sentence if it holds a highlighted metric;
2. every paragraph's lead phrase (政务服务实现“新提升”。);
3. each paragraph's strongest figure sentence with a rank (全市第1, 列全市前列),
4. … else with any other figure;
5. each paragraph's further figure sentences.
Pieces are taken in that order, whole sentences only, each one only if the
body stays within max_chars and the layout within max_pages; what the page
limit kept out (and the length alone would have let in) is reported. Sentences are copied from the
resolved report, so every figure (and {{ date }}) reads exactly as there; which metrics a sentence
holds is what its text recorded when it was rendered (Text.uses), never guessed from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.content.model import (
    Location,
    Metric,
    Report,
    Section,
    Table,
    TableRow,
    Text,
    paragraphs_of,
    walk_sections,
)
from docgen.content.templating import metric_record
from docgen.document.blocks import Block, DocumentInfo
from docgen.document.brief_headline import headline as brief_headline
from docgen.document.brief_layout import brief_blocks
from docgen.format.cjk import word_count
from docgen.format.profile import Profile
from docgen.format.sentences import sentences
from docgen.pdf.layout import EstimatedFonts, Typesetter, paginate

_TABLE = 10_000                 # the table's rows sort after every section's pieces
_RANK_WORDS = re.compile(r"全[市省国区]第|前列|领先|第[一二三1-9]")


@dataclass(frozen=True)
class Piece:
    """A candidate sentence for the body: kept by priority, shown in report order."""
    text: str
    priority: int
    position: tuple[int, ...]           # (section, subsection, paragraph, sentence) in the report
    label: str                          # how the report of what was left out names it
    bold: bool = False                  # a lead phrase
    kind: str = "text"                  # text | heading (a subsection's) | row (of the 主要数据 table)
    needs: tuple[int, ...] | None = None    # the position of the heading it belongs under
    cells: tuple[str, ...] = ()         # a row's cells (Text: they know where they were written)
    where: Location | None = None       # where the clerk wrote it, for messages


@dataclass(frozen=True)
class Part:
    """A subsection of the brief: its pieces make one paragraph."""
    position: tuple[int, int]
    heading: str = ""
    run_in: bool = False
    fixed: str = ""                     # a text that is always shown (不足, 安排, an author's brief:)
    fixed_where: Location | None = None

    @property
    def heading_position(self) -> tuple[int, ...]:
        return self.position + (-1, 0)


@dataclass
class Briefing:
    blocks_for: object                  # (measure) → list[Block], for the writers
    info: DocumentInfo
    body_chars: int
    notes: list[str]
    left_out: list[str]                 # what the page limit left out, one line each (`brief --explain`)


def condense(resolved: Report, profile: Profile) -> Briefing:
    """The briefing of a report as resolved (rendered and numbered: the same report the
    writers get); profile: the briefing's."""
    outline = Outline(resolved, profile)
    style, settings = outline.style, resolved.brief
    min_chars = settings.min_chars or style.min_chars
    max_chars = settings.max_chars or style.max_chars
    pages = _PageCounter(profile)
    chosen: list[Piece] = []
    for piece in sorted(outline.pieces, key=lambda p: (p.priority, p.position)):
        if piece.needs is not None and not any(c.position == piece.needs for c in chosen):
            continue                                       # its subsection heading did not fit
        trial = sorted(chosen + [piece], key=lambda p: p.position)
        if outline.fixed_chars + sum(word_count(p.text) for p in trial) > max_chars:
            continue
        if pages(brief_blocks(outline, trial)) <= style.max_pages:
            chosen = trial
    notes = []
    by_length = _choose(outline.pieces, max_chars - outline.fixed_chars)
    left_out = [p for p in by_length if p not in chosen]
    if left_out:
        notes.append(f"to fit {style.max_pages} pages the brief leaves out {len(left_out)} sentence(s); "
                     "`docgen brief --explain` lists them")
    body_chars = outline.fixed_chars + sum(word_count(p.text) for p in chosen)
    if any(p.kind == "row" for p in chosen):
        body_chars += word_count(_table_words(style))
    if body_chars < min_chars:
        notes.append(f"the brief has {body_chars} characters, fewer than the {min_chars} wanted: "
                     "the report has no more lead phrases or figures to add")
    info = DocumentInfo(f"{outline.name}（{outline.issue_text}）", outline.unit, outline.headline, outline.date)
    explained = [f"{p.label}: {_abridged(p.text or '、'.join(p.cells))}" for p in left_out]
    return Briefing(lambda _measure: brief_blocks(outline, chosen), info, body_chars, notes, explained)


def _abridged(text: str, length: int = 40) -> str:
    """For a message only: the start of a sentence."""
    return text if len(text) <= length else text[:length] + "……"


def _choose(pieces: list[Piece], budget: int) -> list[Piece]:
    """The most important pieces that fit the budget, whole, in report order."""
    chosen: list[Piece] = []
    used = 0
    for piece in sorted(pieces, key=lambda p: (p.priority, p.position)):
        if piece.needs is not None and not any(c.position == piece.needs for c in chosen):
            continue
        if used + word_count(piece.text) <= budget:
            chosen.append(piece)
            used += word_count(piece.text)
    return sorted(chosen, key=lambda p: p.position)


class _PageCounter:
    """Pages blocks take, laid out on the grid without fonts (the same count for DOCX and
    PDF). Each trial changes one paragraph, so blocks already set are remembered."""

    def __init__(self, profile: Profile):
        self.typesetter = Typesetter(profile, EstimatedFonts())
        self.lines_per_page = profile.lines_per_page
        self.set: dict[Block, list] = {}

    def __call__(self, blocks: list[Block]) -> int:
        for block in blocks:
            if block not in self.set:
                self.set[block] = self.typesetter.set_block(block)
        return len(paginate([self.set[block] for block in blocks], self.lines_per_page))


class Outline:
    """The report seen as the brief's skeleton and its candidate pieces."""

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
        self.pieces: list[Piece] = []
        self.sections = [self._section(i, section) for i, section in enumerate(resolved.sections)]
        rows = [self._row(m) for m in resolved.metrics.values() if m.highlight]
        rows += [_table_row(table, row) for table in _tables(resolved) for row in table.rows if row.highlight]
        self.pieces += [Piece("".join(row), 0, (_TABLE, r), self.style.table_title, kind="row", cells=row,
                              where=row[0].where)
                        for r, row in enumerate(rows)]
        fixed = [self.headline, self.opening] + [s.heading for s in self.sections]
        fixed += [part.fixed for s in self.sections for part in s.parts]
        self.fixed_chars = sum(word_count(t) for t in fixed if t)

    # -- reading the report -------------------------------------------------
    def _section(self, index: int, section: Section) -> BriefSection:
        heading = f"{section.number}{section.title}"
        where = section.title.where
        if section.brief:
            return BriefSection(heading, section.role, [Part((index, 0), fixed=str(section.brief),
                                                             fixed_where=section.brief.where)], where)
        if section.role == "shortcomings":
            first = next(_all_paragraphs(section), None)
            text = sentences(first.text)[0] if first else ""
            return BriefSection(heading, section.role, [Part((index, 0), fixed=text,
                                                             fixed_where=first.text.where if first else None)], where)
        if section.role == "next_year":
            plans = [s.title.rstrip("。；") for s in section.sections]
            first = next(_all_paragraphs(section), None)
            if plans:
                part = Part((index, 0), fixed="；".join(plans) + "。", fixed_where=section.sections[0].title.where)
            else:               # its first sentence; nothing for a heading alone
                part = Part((index, 0), fixed=sentences(first.text)[0] if first else "",
                            fixed_where=first.text.where if first else None)
            return BriefSection(heading, section.role, [part], where)
        parts = []
        if paragraphs_of(section.paragraphs):
            parts.append(self._part(Part((index, 0)), paragraphs_of(section.paragraphs)))
        for j, sub in enumerate(section.sections, start=1):
            part = Part((index, j), f"{sub.number}{sub.title}", sub.run_in)
            self.pieces.append(Piece(_as_sentence(part.heading), 0, part.heading_position, part.heading,
                                     kind="heading", where=sub.title.where))
            if sub.brief:
                self.pieces.append(Piece(str(sub.brief), 0, part.position + (0, 0), part.heading,
                                         needs=part.heading_position, where=sub.brief.where))
                parts.append(part)
                continue
            parts.append(self._part(part, list(_all_paragraphs(sub))))
        return BriefSection(heading, section.role, parts, where)

    def _part(self, part: Part, paragraphs) -> Part:
        """Offer each paragraph's lead (or brief:) and its figure sentences, ranked."""
        label = part.heading or "opening paragraphs"
        needs = part.heading_position if part.heading else None
        for k, paragraph in enumerate(paragraphs):
            if paragraph.brief:
                self.pieces.append(Piece(str(paragraph.brief), 0, part.position + (k, 0), label, needs=needs,
                                         where=paragraph.brief.where))
                continue
            if paragraph.lead:
                self.pieces.append(Piece(str(paragraph.lead), 2, part.position + (k, 0), label, bold=True,
                                         needs=needs, where=paragraph.lead.where))
            ranked = sorted(((self._score(paragraph.text, start, sentence), n, sentence)
                             for n, (start, sentence) in enumerate(_sentences_at(paragraph.text), start=1)),
                            key=lambda item: (-item[0], item[1]))
            for order, (score, n, sentence) in enumerate(r for r in ranked if r[0] > 0):
                priority = 5 if order else {3: 1, 2: 3}.get(score, 4)
                self.pieces.append(Piece(sentence, priority, part.position + (k, n), label, needs=needs,
                                         where=paragraph.text.where))
        return part

    def _row(self, metric: Metric) -> tuple[Text, Text, Text]:
        """A row of the 主要数据 table: label, value, and the 比较 column — the computed 同比
        where last year's value is known, else the rank. Each cell knows where it was written."""
        record = metric_record(metric, self.profile.year_on_year)
        compared = record.yoy if metric.value is not None and record.yoy is not None else None
        comparison = compared or record.rank or record.comparison
        return (Text(record.label, metric.label.where), Text(record.value, metric.where),
                Text(comparison, metric.where))

    def _score(self, text: Text, start: int, sentence: str) -> int:
        """3: holds a highlighted metric; 2: a rank; 1: any other figure; 0: no figure."""
        metrics = [self.resolved.metrics[m] for m in text.metrics_in(start, start + len(sentence))
                   if m in self.resolved.metrics]
        if any(m.highlight for m in metrics):
            return 3
        if any(m.rank for m in metrics) or (metrics and _RANK_WORDS.search(sentence)):
            return 2
        return 1 if metrics else 0


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


@dataclass
class BriefSection:
    heading: str
    role: str | None
    parts: list[Part]
    where: Location | None = None       # of the heading


def _table_words(style) -> str:
    """The table's title and header, which count as body text."""
    return style.table_title + "".join(style.table_header)


def _as_sentence(heading: str) -> str:
    """A heading run into its text ends like a sentence."""
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
