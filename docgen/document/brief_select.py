"""The 简报's selection: which parts and sentences of the report fit one sheet, most important first.

What goes in, in this order, each piece only if the body stays within max_chars and the layout
within max_pages (templates/briefing/profile.yaml), ties in reading order:
0. the headline and the opening (the opening left out, with a note, only if it alone overruns);
1. for the first section of each role (举措, 第一责任人, 不足, 安排): its strongest part — a
   closing section's first sentence, another's part with the strongest figure;
2. every other part of those sections whose strongest sentence holds a highlighted metric;
3. the 主要数据 table's rows: highlighted metrics, then the highlighted rows of the report's tables;
4. the other parts, strongest figure first (a rank, any figure, then none), repeated
   sections (of a role already shown) after the first;
5. a shown part's further sentences with figures, strongest first;
6. the second sentence of 不足 and 安排.
A part comes with its leading title or lead phrase and its strongest sentence (brief_outline.py),
a section's heading only with a part under it: never a heading alone.

Planned with the layout engine's line counts, not by laying the 简报 out for every piece: each
part's paragraph is set once for each text it is tried with (lines cached), and a piece that
cannot fit the lines left — its width alone needs more — is refused without any setting. The
writers then lay the chosen blocks out once. `Briefing.layouts` counts the trial paginations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from docgen.content.model import Report
from docgen.document.blocks import Block, DocumentInfo
from docgen.document.brief_layout import BriefBlocks, brief_blocks
from docgen.document.brief_outline import HIGHLIGHTED, PLAIN, Outline, Part, Row, Sentence
from docgen.format import cjk, grid
from docgen.format.cjk import word_count
from docgen.format.profile import Profile
from docgen.pdf.layout import CountingFonts, EstimatedFonts, SetLine, Typesetter, paginate
from docgen.record import record


@record
class Selection:
    """What the 简报 shows: each shown part's sentences (in reading order), the table's rows."""
    parts: dict[tuple[int, int], tuple[Sentence, ...]] = field(default_factory=dict)
    rows: tuple[Row, ...] = ()

    def adding(self, piece: Piece) -> Selection:
        if piece.row is not None:
            return replace(self, rows=tuple(sorted(self.rows + (piece.row,), key=lambda r: r.order)))
        assert piece.part is not None and piece.sentence is not None
        shown = self.parts.get(piece.part.key, ())
        sentences = tuple(sorted(shown + (piece.sentence,), key=lambda s: s.order))
        return replace(self, parts={**self.parts, piece.part.key: sentences})


@record
class Piece:
    """A part (with its strongest sentence), a further sentence of a part, or a table row."""
    priority: tuple
    label: str
    text: str
    part: Part | None = None
    sentence: Sentence | None = None
    row: Row | None = None

    @property
    def opens_part(self) -> bool:
        return self.part is not None and self.sentence is self.part.base


@record
class ShownPart:
    """A part the 简报 shows: its title or lead phrase and the sentences chosen, in reading order."""
    lead: str
    sentences: tuple[str, ...]


@record
class ShownSection:
    """A top-level section of the report with parts in the 简报."""
    index: int                          # among the report's top-level sections, 0-based
    heading: str                        # numbered: 一、推进…
    parts: tuple[ShownPart, ...]


@record
class Shown:
    """What the 简报 shows, as texts rather than blocks: for readers of the selection
    (docgen build --format json), not for the writers."""
    headline: str
    opening: str
    sections: tuple[ShownSection, ...]
    table_title: str
    rows: tuple[tuple[str, ...], ...]   # 主要数据: 指标, 数值, 比较


@dataclass
class Briefing:
    blocks_for: object                  # (measure) → list[Block], for the writers
    info: DocumentInfo
    body_chars: int
    notes: list[str]
    left_out: list[str]                 # what the page limit left out, one line each (`brief --explain`)
    layouts: int                        # trial paginations the plan took
    shown: Shown                        # the selection as texts


def condense(resolved: Report, profile: Profile, fonts=None) -> Briefing:
    """The briefing of a report as resolved (rendered and numbered: the same report the
    writers get); profile: the briefing's; fonts: the PDF's (line counts as the writers set
    them), or None to count on the official fonts' widths."""
    outline = Outline(resolved, profile)
    style, settings = outline.style, resolved.brief
    min_chars = settings.min_chars or style.min_chars
    max_chars = settings.max_chars or style.max_chars
    fonts = CountingFonts(fonts) if fonts else EstimatedFonts()
    plan = _Plan(outline, fonts)
    notes, explained = [], []
    if plan.over and outline.opening:       # one sentence longer than the sheet: the sheet wins
        notes.append(f"the opening does not fit {style.max_pages} pages and is left out: "
                     "write a shorter brief: summary:")
        explained.append(f"opening: {_abridged(outline.opening)}")
        outline.opening = ""
        plan = _Plan(outline, fonts)
    chosen, left_out = Selection(), []
    for piece in _pieces(outline):
        if piece.part is not None and not piece.opens_part and piece.part.key not in chosen.parts:
            continue                                    # its part is not shown: the part is reported
        trial = chosen.adding(piece)
        blocks = brief_blocks(outline, trial)
        if _length(blocks) > max_chars:
            continue
        if plan.fits(trial, blocks, piece):
            chosen = trial
        else:
            left_out.append(piece)
    if left_out:
        notes.append(f"to fit {style.max_pages} pages the brief leaves out {len(left_out)} part(s) or sentence(s); "
                     "`docgen brief --explain` lists them")
    if plan.over:
        notes.append(f"the headline and the 报尾 alone take more than {style.max_pages} pages: "
                     "shorten the 报/送/发 lists")
    length = _length(brief_blocks(outline, chosen))
    if length < min_chars:
        why = (f"its {style.max_pages} pages are full (a shorter 报尾 or opening leaves more room)" if left_out
               else "the report has no more parts or figures to add")
        notes.append(f"the brief has {length} characters, fewer than the {min_chars} wanted: {why}")
    info = DocumentInfo(f"{outline.name}（{outline.issue_text}）", outline.unit, outline.headline, outline.date)
    explained += [f"{p.label}: {_abridged(p.text)}" for p in left_out]
    return Briefing(lambda _measure: brief_blocks(outline, chosen).blocks, info, length, notes, explained,
                    plan.layouts, _shown(outline, chosen))


def _shown(outline: Outline, chosen: Selection) -> Shown:
    sections = []
    for section in outline.sections:
        parts = tuple(ShownPart(part.lead, tuple(s.text for s in chosen.parts[part.key]))
                      for part in section.parts if part.key in chosen.parts)
        if parts:
            sections.append(ShownSection(section.index, section.heading, parts))
    return Shown(outline.headline, outline.opening, tuple(sections), outline.style.table_title,
                 tuple(tuple(str(cell) for cell in row.cells) for row in chosen.rows))


def _length(blocks: BriefBlocks) -> int:
    """The body's length as Word counts 字数: headline, opening, shown headings and paragraphs,
    and the table (title, header, rows)."""
    return sum(word_count(text) for text in blocks.body_texts)


def _pieces(outline: Outline) -> list[Piece]:
    """Every candidate piece, most important first (the module docstring's order)."""
    pieces = []
    for section in outline.sections:
        if not section.parts:
            continue
        best = min(section.parts, key=lambda p: (-p.score, p.key))
        first_of_role = section.rank == 0
        for part in section.parts:
            if part is best and first_of_role:
                tier = 1
            elif part.score >= HIGHLIGHTED and first_of_role:
                tier = 2
            else:
                tier = 4
            order = (section.rank, part.key)
            pieces.append(Piece((tier, -part.score) + order, part.label, part.lead + part.base.text, part, part.base))
            for sentence in part.sentences:
                if sentence is part.base:
                    continue
                if part.closing:
                    pieces.append(Piece((6, 0) + order + (sentence.order,), part.label, sentence.text, part, sentence))
                elif sentence.score > PLAIN:
                    pieces.append(Piece((5, -sentence.score) + order + (sentence.order,), part.label, sentence.text,
                                        part, sentence))
    pieces += [Piece((3, 0, row.order), outline.style.table_title, "、".join(row.cells), row=row)
               for row in outline.rows]
    return sorted(pieces, key=lambda p: p.priority)


class _Plan:
    """Whether a selection fits the 简报's pages, counted on the layout engine's set lines."""

    def __init__(self, outline: Outline, fonts):
        profile = outline.profile
        self.outline = outline
        self.typesetter = Typesetter(profile, fonts)
        self.lines_per_page = profile.lines_per_page
        self.capacity = outline.style.max_pages * self.lines_per_page
        self.chars_per_line = profile.text_width_pt / grid.char_unit_pt(profile)
        self.set: dict[Block, list[SetLine]] = {}
        self.layouts = 0
        base = brief_blocks(outline, Selection())
        self.used, self.lines = self._measure(base)
        self.over = self._pages(base.blocks) > outline.style.max_pages

    def fits(self, trial: Selection, blocks: BriefBlocks, piece: Piece) -> bool:
        if self._needs_at_least(trial, piece) > self.capacity - self.used:
            return False                            # its width alone needs more lines than are left
        if self._pages(blocks.blocks) > self.outline.style.max_pages:
            return False
        self.used, self.lines = self._measure(blocks)
        return True

    def _pages(self, blocks: list[Block]) -> int:
        self.layouts += 1
        return len(paginate([self._set(block) for block in blocks], self.lines_per_page))

    def _set(self, block: Block) -> list[SetLine]:
        if block not in self.set:
            self.set[block] = self.typesetter.set_block(block)
        return self.set[block]

    def _measure(self, blocks: BriefBlocks) -> tuple[int, dict[tuple[int, int], int]]:
        """Grid lines the blocks take, and each part's paragraph's lines."""
        used = sum(line.span for block in blocks.blocks for line in self._set(block))
        return used, {key: len(self._set(block)) for key, block in blocks.by_part.items()}

    def _needs_at_least(self, trial: Selection, piece: Piece) -> int:
        """Lines the piece adds at the least: its paragraph's width over full lines, less the
        lines it takes now (a mark may hang, and figures be narrower than ½ em: 2 em spare)."""
        if piece.row is not None:
            return 1
        assert piece.part is not None
        shown = trial.parts[piece.part.key]
        width = (self.outline.profile.body.first_line_indent_chars + cjk.width_in_em(piece.part.lead)
                 + sum(cjk.width_in_em(s.text) for s in shown))
        return math.ceil((width - 2) / self.chars_per_line) - self.lines.get(piece.part.key, 0)


def _abridged(text: str, length: int = 40) -> str:
    """For a message only: the start of a sentence."""
    return text if len(text) <= length else text[:length] + "……"
