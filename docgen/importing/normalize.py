"""Web artefacts in Chinese text mended and a site's chrome dropped, every change recorded.

Text copied from a government web page, or saved with it, carries what the web did to the
report: ASCII , ( ) : ; ? ! where the report had full-width marks (a CMS converting, a
Western keyboard layout), "--" for a dash, "..." for an ellipsis, indents made of spaces,
and the page's tools (字体大小 放大 正常 缩小, 打印, 关闭, 分享到…) copied with the article.
Both web readers (text.py, html.py) mend them here, in one place, as Edits on a paragraph's
text; each edit becomes a Change, the same kind with the same words, for the import report.

The rule for a mark (GB/T 15834-2011 标点符号用法: Chinese text takes full-width marks):
- an ASCII , ; : ? ! becomes full-width when its nearest non-space neighbour on either
  side is Chinese: a hanzi, a CJK or full-width mark, “ ” ‘ ’ — … · (format/cjk.py's
  is_cjk_or_full_width). A mark with a digit or a Latin letter on both sides stays, so no
  number, time or ratio is touched: 1,000  14:33  1:2  a,b;
- a pair of parentheses becomes full-width when it holds Chinese — (依法行政) (一) — or
  follows Chinese — 组织(WTO), 系统(www.gsxt.gov.cn), 第(2023)号 — or is followed by Chinese
  and does not follow a Latin letter or a digit: (1)办理. So f(x)的 and ISO9001(2015)认证 stay.
  An unpaired one follows the rule for a mark, looking inwards;
- "--" (exactly two hyphens) becomes "——", and three dots or more, or 。。。, "……", beside
  Chinese;
- spaces beside a mark made full-width go: a full-width mark carries its own space;
- nothing inside a URL or an e-mail address changes. Codes such as 014032126/2024-00580,
  1+3+N, B2B, 3.6 hold none of these marks and are left as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, groupby

from docgen.format.cjk import DASH, ELLIPSIS, FULL_WIDTH_MARKS, is_cjk_or_full_width
from docgen.importing.source import Change, Run
from docgen.record import record

WHY_CHROME = "site chrome dropped"

_TOKEN = re.compile(r"(?<!-)--(?!-)|\.{3,}|。{3,}|[,;:?!()]")
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[!-~]+"                                      # a URL: ASCII up to a space or a hanzi
    r"|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[!-~]*"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")        # an e-mail address
_NOT_IN_URL_END = ".,;:!?)"     # a sentence's mark right after a URL is not part of it
_INDENT = re.compile(r"[ \t\xa0\u3000]+")

# A site's tools, as a reader copies them or a saved page keeps them. Each item is chrome at
# the end of a line (or as the whole line): bare after a space, a bar or the line's start
# (so "请打印" in a sentence stays), bracketed 【打印】 [关闭窗口] anywhere. Tails that run to
# the line's end (分享到 微信 微博…) hold no sentence end: a sentence is never chrome.
_BARE_CHROME = (
    r"字体(?:大小)?\s*[:：]?\s*[\[【(（]?\s*(?:放大|大)\s*(?:正常|中|默认)\s*(?:缩小|小)\s*[\]】)）]?",
    r"字号\s*[:：]?\s*[\[【(（]?\s*大\s*中\s*小\s*[\]】)）]?",
    r"(?:打印|关闭)(?:本页|此页|窗口|本文)?",
    r"收藏(?:本页)?", r"返回顶部", r"我要纠错",
    r"(?:点击率|点击数|点击量|浏览次数|浏览量|阅读次数|阅读量|访问次数|访问量)\s*[:：]?\s*\d*\s*次?",
    r"分享到\s*[:：]?[^。！？]{0,40}",
    r"扫一扫[^。！？]{0,30}",
    r"(?:上一篇|下一篇)\s*[:：]?[^。！？]{0,80}",
    r"相关(?:链接|文章|阅读)\s*[:：]?[^。！？]{0,80}",
    r"(?:当前位置|您现在的位置|您的位置)\s*[:：][^。！？]{0,80}",
    r"版权所有[^。！？]{0,80}", r"网站标识码[^。！？]{0,40}",
    r"\S{0,3}ICP备[^。！？]{0,40}", r"\S{0,3}公网安备[^。！？]{0,40}",
)
_BARE = "|".join(_BARE_CHROME)
_CHROME_AT_END = re.compile(
    rf"(?:[【\[]\s*(?:{_BARE})\s*[】\]]|(?<![^\s|｜·])(?:{_BARE}))[\s|｜·]*$")


@record
class Edit:
    """Text [start, end) of a paragraph replaced by `after`, and why."""
    start: int
    end: int
    after: str
    why: str


def _protected(text: str) -> bytearray:
    """1 at each position inside a URL or an e-mail address."""
    inside = bytearray(len(text))
    for match in _PROTECTED.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _NOT_IN_URL_END:
            end -= 1
        inside[match.start():end] = b"\1" * (end - match.start())
    return inside


@record
class _Unit:
    """What is made full-width as one: a mark, or a pair of parentheses (both or neither)."""
    kind: str                              # "mark", "pair", "(" or ")" (unpaired)
    spans: tuple[tuple[int, int], ...]     # its parts' [start, end)
    holds_chinese: bool = False            # a pair with Chinese inside


def _units(text: str, tokens: Sequence[re.Match[str]]) -> list[_Unit]:
    """The tokens as units: parentheses matched into pairs (an unmatched one alone)."""
    units, open_ = [], []
    chinese_before = list(accumulate((is_cjk_or_full_width(ch) for ch in text), initial=0))
    for match in tokens:
        start, mark = match.start(), match.group()
        if mark == "(":
            open_.append(start)
        elif mark == ")" and open_:
            first = open_.pop()
            inside = chinese_before[start] > chinese_before[first + 1]
            units.append(_Unit("pair", ((first, first + 1), (start, start + 1)), inside))
        else:
            units.append(_Unit(mark if mark in "()" else "mark", ((start, match.end()),)))
    return units + [_Unit("(", ((start, start + 1),)) for start in open_]


class _Marks:
    """A paragraph's marks and which of them the rule makes full-width. A mark made
    full-width is Chinese to its neighbours in turn (",,中", "(1),中"), so the decisions
    spread from mark to mark until none changes, each mark looked at again only when a
    neighbour changed: linear, however long a run of marks a hostile text holds."""

    def __init__(self, text: str, tokens: Sequence[re.Match[str]]):
        self.text = text
        self.units = _units(text, tokens)
        self.unit_at = {i: unit for unit in self.units for start, end in unit.spans for i in range(start, end)}
        self.converted: set[int] = set()

    def chinese(self, index: int) -> bool:
        return 0 <= index < len(self.text) and (index in self.converted or is_cjk_or_full_width(self.text[index]))

    def neighbour(self, index: int, step: int) -> int:
        """The position of the nearest character that is not an ASCII space (may be outside)."""
        index += step
        while 0 <= index < len(self.text) and self.text[index] == " ":
            index += step
        return index

    def qualifies(self, unit: _Unit) -> bool:
        (start, end), close = unit.spans[0], unit.spans[-1][0]
        if unit.kind == "pair":
            before = self.neighbour(start, -1)
            after_western = before >= 0 and self.text[before].isascii() and self.text[before].isalnum()
            return unit.holds_chinese or self.chinese(before) or (
                not after_western and self.chinese(self.neighbour(close, 1)))
        if unit.kind in "()":              # an unpaired ( looks right, an unpaired ) looks left
            return self.chinese(self.neighbour(start, 1 if unit.kind == "(" else -1))
        return self.text[start] == "。" or self.chinese(self.neighbour(start, -1)) or self.chinese(
            self.neighbour(end - 1, 1))

    def settle(self) -> set[int]:
        """The start of every part made full-width (each position of a dash or an ellipsis)."""
        waiting = list(self.units)
        while waiting:
            unit = waiting.pop()
            if unit.spans[0][0] in self.converted or not self.qualifies(unit):
                continue
            for start, end in unit.spans:
                self.converted.update(range(start, end))
                for side in (self.neighbour(start, -1), self.neighbour(end - 1, 1)):
                    if side in self.unit_at and side not in self.converted:
                        waiting.append(self.unit_at[side])
        return self.converted


def web_artefacts(text: str) -> list[Edit]:
    """The edits that mend a paragraph's web artefacts (see the module's rule), left to right."""
    protected = _protected(text)
    tokens = [m for m in _TOKEN.finditer(text) if not protected[m.start()]]
    converted = _Marks(text, tokens).settle()
    chosen = [(m.start(), m.end(), *_mended_mark(m.group())) for m in tokens if m.start() in converted]
    return _take_spaces(text, chosen)


def _mended_mark(mark: str) -> tuple[str, str]:
    """A web artefact's mended form, and why."""
    if mark == "--":
        return DASH, "double hyphen made a dash (——)"
    if mark[0] in ".。":
        return ELLIPSIS, "dots made an ellipsis (……)"
    return FULL_WIDTH_MARKS[mark], f"ASCII '{mark}' in Chinese text made full-width"


def _take_spaces(text: str, chosen: Sequence[tuple[int, int, str, str]]) -> list[Edit]:
    """Each chosen mark's edit widened over the ASCII spaces on either side of it."""
    edits: list[Edit] = []
    previous_end = 0
    for start, end, after, why in chosen:
        while start > previous_end and text[start - 1] == " ":
            start -= 1
        while end < len(text) and text[end] == " ":
            end += 1
        edits.append(Edit(start, end, after, why))
        previous_end = end
    return edits


def chrome_at_end(text: str) -> Edit | None:
    """The site chrome that ends the line (or is the whole line), as one edit, or None."""
    start = len(text)
    while (match := _CHROME_AT_END.search(text, 0, start)) and match.end() == start:
        start = match.start()
        while start and text[start - 1] in " \t\xa0\u3000|｜·":
            start -= 1
    return Edit(start, len(text), "", WHY_CHROME) if start < len(text) else None


def indent(text: str) -> str:
    """The white space a paragraph starts with (spaces, tabs, no-break or full-width spaces)."""
    match = _INDENT.match(text)
    return match.group() if match else ""


def apply(runs: Sequence[Run], edits: Iterable[Edit]) -> tuple[Run, ...]:
    """The runs with the edits made; replaced text takes the weight of the first character it
    replaces that is not a space (a mark inside a bold lead stays bold)."""
    text = "".join(run.text for run in runs)
    ends = list(accumulate(len(run.text) for run in runs))
    pieces: list[tuple[str, bool]] = []

    def keep(start: int, end: int) -> None:          # text[start:end] as it is, run by run
        index = bisect_right(ends, start)
        while start < end:
            stop = min(end, ends[index])
            pieces.append((text[start:stop], runs[index].bold))
            start, index = stop, index + 1

    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        keep(position, edit.start)
        replaced = text[edit.start:edit.end]
        weight_at = edit.start + next((i for i, ch in enumerate(replaced) if not ch.isspace()), 0)
        bold = runs[bisect_right(ends, weight_at)].bold if weight_at < len(text) else False
        pieces.append((edit.after, bold))
        position = edit.end
    keep(position, len(text))
    merged = ((bold, "".join(piece for piece, _ in group)) for bold, group in groupby(pieces, key=lambda p: p[1]))
    return tuple(Run(words, bold) for bold, words in merged if words)


def changes(where: int, text: str, edits: Iterable[Edit]) -> list[Change]:
    """A Change for each edit of a paragraph, at the paragraph's line. One per mark, with the
    same `why` for the same kind: the import report (summary.py) counts and groups them."""
    return [Change(where, text[edit.start:edit.end], edit.after, edit.why) for edit in edits]


def mend(runs: Sequence[Run], where: int) -> tuple[tuple[Run, ...], list[Change]]:
    """A paragraph's runs with its web artefacts mended, and the changes made."""
    text = "".join(run.text for run in runs)
    edits = web_artefacts(text)
    return (apply(runs, edits), changes(where, text, edits)) if edits else (tuple(runs), [])


def mend_text(text: str, where: int) -> tuple[str, list[Change]]:
    """mend() for plain text (a table cell, a metadata value)."""
    runs, made = mend((Run(text),), where)
    return "".join(run.text for run in runs), made


def _describe(white: str) -> str:
    names = {" ": "space", "\t": "tab", "\xa0": "no-break space", "\u3000": "full-width space"}
    if len(set(white)) == 1:
        return f"{len(white)} {names[white[0]]}{'s' if len(white) > 1 else ''}"
    return f"{len(white)} characters of white space"


def indent_changes(indents: Iterable[tuple[int, str]]) -> list[Change]:
    """A Change for each paragraph's indent removed, the kind of white space named in `why`:
    the import report says each kind once, with the lines that had it."""
    return [Change(where, white, "", f"indent ({_describe(white)}) removed") for where, white in indents]
