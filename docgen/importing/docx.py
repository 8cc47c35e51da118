"""Read a Word .docx (Word's, WPS's, LibreOffice's, docgen's own) into a Source, faithfully.

Each paragraph of the document's body becomes a Block in reading order: its text as it
reads (a tab "\\t", a line break "\\n": a title of two lines stays two lines), its runs
bold or not as Word shows them (docx_styles.py), its alignment, largest size, red, the
label Word's list numbering draws before it (docx_numbering.py), its outline level and
style name. Nothing is interpreted: which block is the title or a heading is the
recogniser's call (recognise.py).

What the reader decides, and why:
- `where` counts every paragraph of the body in document order, 1-based: blank ones, those
  in table cells and those in text boxes (after the paragraph that anchors the box) too,
  so that "paragraph N" is the Nth paragraph mark Word shows, whatever became of it here.
  A table's block has the number of its first paragraph.
- Blank paragraphs (nothing but spaces) are no blocks; a list label alone does not make a
  paragraph less blank. A page break (w:br type="page", w:pageBreakBefore, a section that
  starts a new page) marks the next block: page_break_before. Text after a page break inside
  a paragraph is a block of its own, as it stands on the next page.
- A table of two or more columns is a block of rows (header first): a cell's paragraphs
  joined by "\\n"; a merged cell's text once, "" in the columns it spans (gridSpan) and in
  the rows it continues into (vMerge); a nested table's rows as lines, its cells parted by
  tabs. A table of one column is a box or a rule (docgen's 版头 rule and 版记, a Word
  user's frame): its paragraphs and tables are read as the body's.
- A text box's paragraphs are kept (a 版头 or a date may sit in one); the drawing itself,
  a picture or a seal, is not. Fields show their result (PAGE shows the number Word last
  put there). Deleted revisions and hidden text are not text; inserted revisions are.
- Headers and footers (the page number, a 草稿 label), footnotes and comments are not
  read: they are not the report's text.
"""

from __future__ import annotations

import itertools
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.importing.docx_numbering import ListNumbering
from docgen.importing.docx_package import open_package, refuse
from docgen.importing.docx_styles import Formatting, RunFormat, w
from docgen.importing.source import Block, Run, Source

MAX_PARAGRAPHS = 20_000             # a report has some hundred; a book some ten thousand
MAX_TABLE_CELLS = 50_000
MAX_TABLE_COLUMNS = 63              # Word's most

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_CHOICE, _FALLBACK, _ALTERNATE = f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback", f"{{{_MC}}}AlternateContent"
_P, _TBL, _R, _T = w("p"), w("tbl"), w("r"), w("t")
_BLOCKS, _ROWS, _CELLS, _RUNS = frozenset((_P, _TBL)), frozenset((w("tr"),)), frozenset((w("tc"),)), frozenset((_R,))
_TEXT_BOX = w("txbxContent")
# Elements that only wrap content (content controls, custom XML, inserted or moved-in revisions,
# links, simple fields, direction): their content is read as if they were not there.
_WRAPPERS = frozenset(w(name) for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo",
                                           "hyperlink", "fldSimple", "dir", "bdo"))
_DRAWINGS = frozenset(w(name) for name in ("drawing", "pict", "object"))
_CHARACTERS = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "-"}
# Section breaks that do not start a new page.
_SAME_PAGE_SECTIONS = ("continuous", "nextColumn")
# A w:sym of a symbol font (Wingdings) is a private-use code: no character to keep; nor are
# surrogates, controls or unassigned codes.
_NOT_TEXT = ("Co", "Cs", "Cc", "Cn")


def read_docx(path: Path) -> Source:
    """The .docx's body as blocks; a file that is no readable .docx raises ContentErrors."""
    package = open_package(path)
    formatting = Formatting(package.styles)
    reader = _BodyReader(path, formatting, ListNumbering(package.numbering, formatting))
    reader.container(package.body)
    return Source(path=path, kind="docx", blocks=tuple(reader.blocks))


def _chosen(alternate: etree._Element) -> etree._Element:
    """Of markup-compatibility alternatives, the first choice (else the fallback): one copy of the content."""
    for tag in (_CHOICE, _FALLBACK):
        found = alternate.find(tag)
        if found is not None:
            return found
    return alternate


def _within(element: etree._Element, tags: frozenset[str]) -> Iterator[etree._Element]:
    """The children with these tags, looking through wrappers and markup-compatibility alternatives."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag == _ALTERNATE:
            yield from _within(_chosen(child), tags)
        elif child.tag in _WRAPPERS:
            yield from _within(child, tags)


def _text_boxes(drawing: etree._Element) -> Iterator[etree._Element]:
    """The text boxes of a drawing, each once: not those inside another box (read with it)
    nor the fallback copy a drawing carries for older readers."""
    for box in drawing.iter(_TEXT_BOX):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not drawing:
            if ancestor.tag in (_TEXT_BOX, _FALLBACK):
                break
            ancestor = ancestor.getparent()
        else:
            yield box


def _columns(element: etree._Element | None, name: str, default: int) -> int:
    """A count of grid columns (w:gridSpan, w:gridBefore…), within 0 and one more than a row can have."""
    node = None if element is None else element.find(w(name))
    try:
        value = default if node is None else int(node.get(w("val"), default))
    except ValueError:
        return default
    return min(max(value, 0), MAX_TABLE_COLUMNS + 1)


@dataclass
class _Segment:
    """The text of a paragraph up to a page break (or its end)."""
    page_break_before: bool
    pieces: list[tuple[str, RunFormat]] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return not "".join(text for text, _ in self.pieces).strip()

    def runs(self) -> tuple[Run, ...]:
        """Adjacent text of one weight as one run."""
        pieces = [(text, fmt.bold) for text, fmt in self.pieces if text]
        return tuple(Run("".join(text for text, _ in group), bold)
                     for bold, group in itertools.groupby(pieces, key=lambda piece: piece[1]))

    def shown(self) -> list[RunFormat]:
        """The formats of the text that shows (not only spaces)."""
        return [fmt for text, fmt in self.pieces if text.strip()]


class _ParagraphText:
    """One paragraph's runs read in order: its text in segments, its text boxes."""

    def __init__(self, formatting: Formatting, style_id: str):
        self.formatting = formatting
        self.style_id = style_id
        self.segments = [_Segment(False)]
        self.boxes: list[etree._Element] = []
        self.fields: list[bool] = []    # open fields, innermost last: True once its result shows

    def inline(self, element: etree._Element) -> None:
        for run in _within(element, _RUNS):
            fmt = self.formatting.run(run.find(w("rPr")), self.style_id)
            self.run_content(run, fmt)

    def run_content(self, run: etree._Element, fmt: RunFormat) -> None:
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                self.field(child.get(w("fldCharType"), ""))
            elif tag in _DRAWINGS:
                self.boxes += _text_boxes(child)
            elif tag == _ALTERNATE:
                self.run_content(_chosen(child), fmt)
            elif fmt.hidden or not all(self.fields):
                continue                # hidden text, a field's instructions
            elif tag == _T:
                self.add(child.text or "", fmt)
            elif tag in _CHARACTERS:
                self.add(_CHARACTERS[tag], fmt)
            elif tag == w("br"):
                if child.get(w("type")) == "page":
                    self.segments.append(_Segment(True))
                else:                   # a line break (text wrapping, column): the line ends here
                    self.add("\n", fmt)
            elif tag == w("sym"):
                self.symbol(child.get(w("char"), ""), fmt)

    def field(self, kind: str) -> None:
        """A complex field: instructions from begin to separate, then its result to end."""
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()

    def symbol(self, code: str, fmt: RunFormat) -> None:
        try:
            char = int(code, 16)
        except ValueError:
            return
        if 0 <= char <= sys.maxunicode and unicodedata.category(chr(char)) not in _NOT_TEXT:
            self.add(chr(char), fmt)

    def add(self, text: str, fmt: RunFormat) -> None:
        self.segments[-1].pieces.append((text, fmt))


class _BodyReader:
    """Walks the body in document order, counting paragraphs, making blocks."""

    def __init__(self, path: Path, formatting: Formatting, numbering: ListNumbering):
        self.path = path
        self.formatting = formatting
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.cells = 0
        self.page_break = False         # the next block starts a page

    def container(self, element: etree._Element) -> None:
        """The body, a cell, a text box: its paragraphs and tables."""
        for child in _within(element, _BLOCKS):
            if child.tag == _P:
                self.paragraph(child)
            else:
                self.table(child)

    def paragraph(self, p: etree._Element) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            refuse(self.path, f"more than {MAX_PARAGRAPHS} paragraphs: more than a report docgen imports")
        where = self.paragraphs
        ppr = p.find(w("pPr"))
        fmt = self.formatting.paragraph(ppr)
        # Word counts every numbered paragraph, shown or blank, so the counters are kept for all.
        label = self.numbering.label(fmt.num_id, fmt.ilvl) if fmt.num_id else ""
        text = _ParagraphText(self.formatting, fmt.style_id)
        text.inline(p)
        breaking = self.page_break or fmt.page_break_before
        for segment in text.segments:
            breaking = breaking or segment.page_break_before
            if segment.blank:
                continue
            shown = segment.shown()
            sizes = [run.size_pt for run in shown if run.size_pt is not None]
            self.blocks.append(Block(
                where=where, runs=segment.runs(), align=fmt.align, size_pt=max(sizes) if sizes else None,
                red=all(run.red for run in shown), page_break_before=breaking, numbering=label,
                level=fmt.level, style=fmt.style))
            breaking, label = False, ""
        self.page_break = breaking
        for box in text.boxes:
            self.container(box)
        section = None if ppr is None else ppr.find(w("sectPr"))
        if section is not None:
            kind = section.find(w("type"))
            self.page_break |= kind is None or kind.get(w("val"), "nextPage") not in _SAME_PAGE_SECTIONS

    def table(self, tbl: etree._Element) -> None:
        rows = [(tr, list(_within(tr, _CELLS))) for tr in _within(tbl, _ROWS)]
        if all(len(cells) <= 1 for _, cells in rows):
            for _, cells in rows:
                for tc in cells:
                    self.container(tc)
            return
        where = self.paragraphs + 1
        texts = [self.row(tr, cells) for tr, cells in rows]
        width = max(len(row) for row in texts)
        if any(cell.strip() for row in texts for cell in row):
            self.blocks.append(Block(where=where, rows=tuple(row + ("",) * (width - len(row)) for row in texts),
                                     page_break_before=self.page_break))
            self.page_break = False

    def row(self, tr: etree._Element, cells: list[etree._Element]) -> tuple[str, ...]:
        """A row's cell texts, one per grid column it covers."""
        trpr = tr.find(w("trPr"))
        texts = [""] * _columns(trpr, "gridBefore", 0)
        for tc in cells:
            self.cells += 1
            if self.cells > MAX_TABLE_CELLS:
                refuse(self.path, f"more than {MAX_TABLE_CELLS} table cells: more than a report docgen imports")
            tcpr = tc.find(w("tcPr"))
            text = self.cell_text(tc)
            for name in ("vMerge", "hMerge"):   # the rows (or columns) a merged cell continues into
                merge = None if tcpr is None else tcpr.find(w(name))
                if merge is not None and merge.get(w("val"), "continue") == "continue":
                    text = ""
            texts += [text] + [""] * (max(_columns(tcpr, "gridSpan", 1), 1) - 1)
            if len(texts) > MAX_TABLE_COLUMNS:
                break
        texts += [""] * _columns(trpr, "gridAfter", 0)
        if len(texts) > MAX_TABLE_COLUMNS:
            refuse(self.path, f"a table row has more than {MAX_TABLE_COLUMNS} columns, Word's most")
        return tuple(texts)

    def cell_text(self, tc: etree._Element) -> str:
        """A cell's paragraphs, one a line (its page breaks stay inside it)."""
        outer = self.blocks, self.page_break
        self.blocks, self.page_break = [], False
        self.container(tc)
        inner = self.blocks
        self.blocks, self.page_break = outer
        return "\n".join(block.text if not block.is_table else "\n".join("\t".join(row) for row in block.rows)
                         for block in inner)
