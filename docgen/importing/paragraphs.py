"""A source's blocks as the recogniser reads them, and their text as report.yaml writes it.

Every reader hands on paragraphs of runs (source.py). The recogniser wants each
paragraph's text without its indent (web copies and Word files indent with
full-width or ordinary spaces), the bold spans in that text, and a way to cut a
paragraph in two (a run-in heading and its text, a lead and the rest) with the
bold spans following the cut. A TextWriter then writes a piece as a content
field: bold spans as `**…**`, and whatever the loader would read as markup kept
as text — `{{`, `{%`, `{#` written as templates that print themselves, a literal
`*` next to bold markup (or `**` anywhere) made full-width, each such change listed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docgen.content.emphasis import MARKER
from docgen.importing.source import Block, Change
from docgen.record import record

SPACES = " \t\u3000\u00a0"
# The openers and closers a sentence end inside does not count: “提出‘……。’” is one clause.
_OPENERS = "“‘《（(「『〔【"
_CLOSERS = "”’》）)」』〕】"
SENTENCE_ENDS = "。！？"
_TEMPLATE_OPEN = re.compile(r"\{(?=[{%#])")
_LINE_BREAK = re.compile(r"[ \t\u3000]*[\n\r\u2028\v][ \t\u3000]*")


@record
class Para:
    """One block, trimmed: its text (Word's numbering label first), its bold spans [start, end)
    in that text, and the block it came from (alignment, size, colour, page break)."""
    where: int
    text: str
    bold: tuple[tuple[int, int], ...]
    block: Block
    page_break: bool = False

    @property
    def is_table(self) -> bool:
        return self.block.is_table

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        return self.block.rows

    def tail(self, start: int) -> Para:
        """The paragraph from `start` on (trimmed), its bold spans moved along."""
        while start < len(self.text) and self.text[start] in SPACES:
            start += 1
        spans = tuple((max(a, start) - start, b - start) for a, b in self.bold if b > start)
        return replace(self, text=self.text[start:], bold=spans)

    def head(self, end: int) -> Para:
        """The paragraph up to `end` (trimmed), with its bold spans there."""
        while end > 0 and self.text[end - 1] in SPACES:
            end -= 1
        return replace(self, text=self.text[:end], bold=tuple((a, min(b, end)) for a, b in self.bold if a < end))

    def bold_prefix(self) -> int:
        """Where the bold text the paragraph starts with ends (0: it starts in normal weight)."""
        return self.bold[0][1] if self.bold and self.bold[0][0] == 0 else 0


def paragraphs_of(blocks: tuple[Block, ...]) -> list[Para]:
    """The non-empty blocks as Paras, in order. An empty paragraph that starts a page (Word's
    page break on a blank line) hands its page break on to the next block."""
    result: list[Para] = []
    page_break = False
    for block in blocks:
        page_break = page_break or block.page_break_before
        if block.is_table:
            if any(cell.strip(SPACES) for row in block.rows for cell in row):
                result.append(Para(block.where, "", (), block, page_break))
                page_break = False
            continue
        para = _trimmed(block, page_break)
        if para is not None:
            result.append(para)
            page_break = False
    return result


def _trimmed(block: Block, page_break: bool) -> Para | None:
    pieces = [(block.numbering, False)] + [(run.text, run.bold) for run in block.runs]
    text = "".join(piece for piece, _ in pieces)
    start, end = len(text) - len(text.lstrip(SPACES)), len(text.rstrip(SPACES))
    if start >= end:
        return None
    spans: list[tuple[int, int]] = []
    position = 0
    for piece, bold in pieces:
        a, b = max(position, start), min(position + len(piece), end)
        position += len(piece)
        while bold and a < b and text[a] in SPACES:       # a bold space is no bold word
            a += 1
        while bold and a < b and text[b - 1] in SPACES:
            b -= 1
        if not bold or a >= b:
            continue
        if spans and spans[-1][1] == a - start:            # runs split mid-word (Word does): one span
            spans[-1] = (spans[-1][0], b - start)
        else:
            spans.append((a - start, b - start))
    return Para(block.where, text[start:end], tuple(spans), block, page_break)


def sentence_end(text: str, start: int = 0) -> int:
    """The index just after the first sentence from `start` (its 。！？ outside quotes and
    brackets, or the closer that follows it), or -1 when the text has no sentence end."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
            if depth == 0 and i > start and text[i - 1] in SENTENCE_ENDS:
                return i + 1
        elif ch in SENTENCE_ENDS and depth == 0:
            return i + 1
    return -1


def one_line(paras: list[Para]) -> str:
    """A title's lines as one text: its paragraphs joined, and the line breaks inside them taken
    out (a title is broken into lines by its layout, GB/T 9704 7.3.1, not by its words)."""
    return _LINE_BREAK.sub("", "".join(para.text for para in paras))


class TextWriter:
    """Writes pieces of paragraphs as content text, listing every character it had to change."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def plain(self, text: str, where: int, template: bool = True) -> str:
        """Text with no bold, as a field takes it (template=False: a field printed as written)."""
        return self._escaped(text, where, marked=False, template=template)

    def marked(self, para: Para, start: int = 0, end: int | None = None) -> str:
        """Characters [start, end) of a paragraph, bold spans as **…**."""
        end = len(para.text) if end is None else end
        spans = [(max(a, start), min(b, end)) for a, b in para.bold if a < end and b > start]
        spans = [(a, b) for a, b in spans if para.text[a:b].strip(SPACES)]
        marked = bool(spans)
        out: list[str] = []
        position = start
        for a, b in spans:
            out.append(self._escaped(para.text[position:a], para.where, marked))
            out.append(MARKER + self._escaped(para.text[a:b], para.where, marked) + MARKER)
            position = b
        out.append(self._escaped(para.text[position:end], para.where, marked))
        return "".join(out)

    def _escaped(self, text: str, where: int, marked: bool, template: bool = True) -> str:
        before = text
        if marked and "*" in text:
            # Next to ** markup a lone * would join a marker (a***b** is bold "*b"): all made full-width.
            text = text.replace("*", "＊")
            self.changes.append(Change(where, before, text, "* beside bold text, where ** marks bold: made ＊"))
        elif MARKER in text:
            text = text.replace(MARKER, "＊＊")
            self.changes.append(Change(where, before, text, "** marks bold text in report.yaml: made ＊＊"))
        if template and _TEMPLATE_OPEN.search(text):
            # {{ {% {# would start a template: each such { is written as a template printing "{".
            text = _TEMPLATE_OPEN.sub('{{ "{" }}', text)
        return text
