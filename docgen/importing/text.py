"""Text copied from a disclosure page (.txt) read into paragraphs: `read_text(path) -> Source`.

A clerk copies last year's report from the office's website and saves it with Notepad. The
seed (tests/fixtures/import/xinwu-2023.txt) has the common shape: the title line, a 时间
line still carrying the page's font tools, the 信息公开 header lines, then each paragraph on
one line, indented by two spaces, followed by a blank line. Other copies wrap their lines
(a mail client, a PDF), indent with full-width spaces or leave no blank lines. A line break
is a paragraph's end or a hard wrap inside it, by this rule:
- a blank line ends a paragraph, and a line that starts with an indent or a heading marker
  (一、 （一） (1) 1. ① 第一章) starts one;
- in hard-wrapped text (most lines that run on reach one width: MIN_WRAPPED_LINES or more,
  within WRAP_SLACK characters or columns) a line short of that width ends its paragraph
  and a full one runs on, whatever its last character;
- otherwise a line runs on unless it ends a sentence (。！？；：…) or is a heading (starts with
  a marker): a break in mid-sentence is a wrap.
Joined lines meet without a space (Chinese wraps anywhere), or with one between two Latin
letters (a word break). The page's chrome goes line by line, the header is taken out
(metadata.py), then each paragraph's web artefacts are mended (normalize.py); each of these
is a Change. Trailing white space on a line is dropped unrecorded: nobody sees it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.importing import normalize
from docgen.importing.metadata import split_header
from docgen.importing.rawtext import decode, read_bounded, refuse, refuse_binary
from docgen.importing.source import Block, Change, Run, Source

MAX_TEXT_BYTES = 512 * 1024          # a report's text is 10–100 KB; more is no report (mending it takes seconds)
MIN_WRAPPED_LINES = 3                # lines that run on at one width before the text counts as hard-wrapped
WRAP_SLACK = 2                       # a wrapped line may stop this much short of the width (a hanzi that did not fit)
WHAT = "text file"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING_MARKER = re.compile(
    r"[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d)|[①-⑳]"
    r"|第[一二三四五六七八九十百]+[章节部分条]")
_SENTENCE_END = "。！？!?；;：:…"
_CLOSERS = "”’」』）)》"
_WHY_JOINED = "line break inside a paragraph joined"


def read_text(path: Path) -> Source:
    """The paragraphs of a text file, its 信息公开 header apart, with every change made."""
    data = read_bounded(path, MAX_TEXT_BYTES, WHAT)
    refuse_binary(path, data, WHAT)
    text, made = decode(path, data)
    lines = []
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        line = line.rstrip()
        chrome = normalize.chrome_at_end(line)
        if chrome:
            made.append(Change(number, line[chrome.start:].strip(), "", chrome.why))
            line = line[:chrome.start]
        if line.strip():
            lines.append(Block(number, (Run(line),)))
    header = split_header(lines)
    made.extend(header.changes)
    blocks, indents = [], []
    for first, paragraph in _paragraphs(header.blocks):
        white = normalize.indent(paragraph)
        if white:
            indents.append((first, white))
        runs, mended = normalize.mend(_joined(first, paragraph[len(white):], made), first)
        made.extend(mended)
        blocks.append(Block(first, runs))
    made.extend(normalize.indent_changes(indents))
    if not blocks:
        raise refuse(path, "the file holds no text to import")
    return Source(path, "txt", tuple(blocks), tuple(sorted(made, key=lambda c: c.where)), header.pairs)


def _joined(first: int, paragraph: str, made: list[Change]) -> tuple[Run, ...]:
    """A paragraph's lines (kept apart by "\\n") joined, the joins recorded in `made`."""
    edits = [normalize.Edit(i, i + 1, _joiner(paragraph[i - 1], paragraph[i + 1]), _WHY_JOINED)
             for i, ch in enumerate(paragraph) if ch == "\n"]
    made.extend(Change(first + n, "\n", edit.after, edit.why) for n, edit in enumerate(edits))   # at the line it ends
    return normalize.apply((Run(paragraph),), edits)


def _joiner(left: str, right: str) -> str:
    """A space where a wrap fell between two Latin letters (a word break); nothing elsewhere:
    Chinese text wraps anywhere, and a wrap inside 1,280 or a URL split no space."""
    return " " if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else ""


def _paragraphs(lines: Sequence[Block]) -> list[tuple[int, str]]:
    """The lines grouped into paragraphs: (the first line's number, the lines joined by "\\n")."""
    numbered = [(line.where, line.text) for line in lines]
    full = _wrap_width(numbered)
    paragraphs: list[tuple[int, str]] = []
    previous: tuple[int, str] | None = None
    for number, line in numbered:
        if previous and _runs_on(previous, number, line, full):
            first, text = paragraphs[-1]
            paragraphs[-1] = (first, f"{text}\n{line}")
        else:
            paragraphs.append((number, line))
        previous = (number, line)
    return paragraphs


def _starts_paragraph(line: str) -> bool:
    return bool(normalize.indent(line) or _HEADING_MARKER.match(line))


def _runs_on(previous: tuple[int, str], number: int, line: str, full: Callable[[str], bool] | None) -> bool:
    """Whether `line` continues the paragraph of the line before it (the module's rule)."""
    previous_number, previous_line = previous
    if number != previous_number + 1 or _starts_paragraph(line):
        return False
    if full:
        return full(previous_line)
    body = previous_line.strip()
    return not (body.rstrip(_CLOSERS)[-1:] in _SENTENCE_END or _HEADING_MARKER.match(body))


def _columns(line: str) -> int:
    """The line's width in columns, as a fixed-width editor wraps it (a hanzi takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _wrap_width(lines: Sequence[tuple[int, str]]) -> Callable[[str], bool] | None:
    """For hard-wrapped text, whether a line reaches the wrap width (in characters or in
    columns, whichever the lines that run on agree on); None when the text is not wrapped."""
    running = [line for (number, line), (after, following) in zip(lines, lines[1:])
               if after == number + 1 and not _starts_paragraph(following)]
    if len(running) < MIN_WRAPPED_LINES:
        return None
    for measure in (len, _columns):
        top = max(measure(line) for line in running)
        if 3 * sum(measure(line) >= top - WRAP_SLACK for line in running) >= 2 * len(running):
            return _reaching(measure, top - WRAP_SLACK)
    return None


def _reaching(measure: Callable[[str], int], width: int) -> Callable[[str], bool]:
    return lambda line: measure(line) >= width
