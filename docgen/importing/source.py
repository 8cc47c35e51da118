"""What every reader hands on: a report as it was written, block by block, with no meaning yet.

A Word file, a saved web page and copied text look nothing alike, yet each is a sequence
of paragraphs (some bold words, maybe centred or right-aligned, maybe red) and tables.
The readers (docx.py, html.py, text.py) turn their format into this one shape; the
recogniser (recognise.py) finds the title, the headings, the leads, the signature… in it
once, for all three. Every block remembers where it was in its source (`where`: a line
of the text or page, a paragraph of the Word file), so that every judgement the importer
makes can be shown to the clerk as SOURCE:line → decision.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from docgen.record import record


@record
class Run:
    """Text in one weight: bold (a lead phrase, a bold span) or not."""
    text: str
    bold: bool = False


@record
class Block:
    """A paragraph, or a table (rows of cell texts), as the source has it."""
    where: int                              # 1-based: the source's line (text, HTML) or paragraph (DOCX)
    runs: tuple[Run, ...] = ()              # a paragraph's text; empty for a table
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, its header row first
    align: str = ""                         # "", "center", "right" (as the source sets it)
    size_pt: float | None = None            # the largest font size in the paragraph, when known
    red: bool = False                       # set in red (a 版头's 发文机关标志)
    page_break_before: bool = False         # starts a new page (an attachment's page)
    numbering: str = ""                     # a label the source generates (Word list numbering: "一、", "（一）")
    level: int | None = None                # an outline level the source states (Word heading styles), 1–9
    style: str = ""                         # the source's own style name, for messages

    @property
    def text(self) -> str:
        """The paragraph's text with its generated label, as a reader sees it."""
        return self.numbering + "".join(run.text for run in self.runs)

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


@record
class Change:
    """A change made to the source's text (a web artefact mended), for the import report."""
    where: int
    before: str
    after: str
    why: str


@record
class Source:
    """A source read: its path, its kind (docx, html, txt), its blocks, and the changes the
    reader made on the way (chrome dropped, half-width punctuation made full-width…)."""
    path: Path
    kind: str
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...] = field(default=())
    metadata: tuple[tuple[str, str], ...] = ()   # 信息公开 label → value pairs the reader found apart
                                                 # from the text (an HTML header table), in order
