"""Web artefacts in Chinese text mended and a site's chrome dropped, every change recorded.

Text copied from a government web page, or saved with it, carries what the web did to the
report: ASCII , ( ) : ; ? ! where the report had full-width marks (a CMS converting, a
Western keyboard layout), "--" for a dash, "..." for an ellipsis, indents made of spaces,
and the page's tools (字体大小 放大 正常 缩小, 打印, 关闭, 分享到…) copied with the article.
Both web readers (text.py, html.py) mend them here, in one place, as Edits on a paragraph's
text; each kind of edit in a paragraph becomes one Change for the import report.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from docgen.format.cjk import FULL_WIDTH, is_cjk_or_full_width
from docgen.importing.source import Change, Run

FULL_WIDTH_MARKS = {**FULL_WIDTH, "?": "？", "!": "！"}
DASH, ELLIPSIS = "——", "……"
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


@dataclass(frozen=True)
class Edit:
    """Text [start, end) of a paragraph replaced by `after`, and why."""
    start: int
    end: int
    after: str
    why: str


def _protected(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _PROTECTED.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _NOT_IN_URL_END:
            end -= 1
        spans.append((match.start(), end))
    return spans


class _Context:
    """A paragraph's characters as the mark rules see them: which are Chinese (or will be,
    once a mark beside them is made full-width), and each position's nearest neighbours."""

    def __init__(self, text: str):
        self.text = text
        self.converted: set[int] = set()

    def chinese(self, index: int) -> bool:
        return 0 <= index < len(self.text) and (index in self.converted or is_cjk_or_full_width(self.text[index]))

    def neighbour(self, index: int, step: int) -> int:
        """The position of the nearest character that is not an ASCII space (may be outside)."""
        index += step
        while 0 <= index < len(self.text) and self.text[index] == " ":
            index += step
        return index

    def beside_chinese(self, start: int, end: int) -> bool:
        return self.chinese(self.neighbour(start, -1)) or self.chinese(self.neighbour(end - 1, 1))


def _pairs(text: str, spots: Sequence[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """ASCII parentheses matched into pairs (innermost first), and those left unpaired."""
    pairs, open_, single = [], [], []
    for index in spots:
        if text[index] == "(":
            open_.append(index)
        elif open_:
            pairs.append((open_.pop(), index))
        else:
            single.append(index)
    return pairs, single + open_


def _parentheses(context: _Context, spots: Sequence[int]) -> None:
    text = context.text
    pairs, single = _pairs(text, spots)
    for start, end in pairs:
        before = context.neighbour(start, -1)
        after_western = 0 <= before and text[before].isascii() and text[before].isalnum()
        if any(is_cjk_or_full_width(ch) for ch in text[start + 1:end]) or context.chinese(before) or (
                not after_western and context.chinese(context.neighbour(end, 1))):
            context.converted.update((start, end))
    for index in single:        # an unpaired ( looks right, an unpaired ) looks left
        if context.chinese(context.neighbour(index, 1 if text[index] == "(" else -1)):
            context.converted.add(index)


def web_artefacts(text: str) -> list[Edit]:
    """The edits that mend a paragraph's web artefacts (see the module's rule), left to right.
    A mark made full-width is Chinese to its neighbours, so the rule runs until nothing more
    changes: ",,中" and "(1),中" come out as mending them twice would leave them."""
    protected = _protected(text)
    tokens = [m for m in _TOKEN.finditer(text)
              if not any(start <= m.start() < end for start, end in protected)]
    parentheses = [m.start() for m in tokens if m.group() in "()"]
    others = [m for m in tokens if m.group() not in "()"]
    context = _Context(text)
    while True:
        converted = len(context.converted)
        _parentheses(context, parentheses)
        for match in others:
            start, end = match.start(), match.end()
            if start not in context.converted and (match.group().startswith("。")
                                                   or context.beside_chinese(start, end)):
                context.converted.update(range(start, end))
        if len(context.converted) == converted:
            break
    chosen = [(m.start(), m.end(), *_mended_mark(m.group())) for m in tokens if m.start() in context.converted]
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
    chars = [(ch, run.bold) for run in runs for ch in run.text]
    out: list[tuple[str, bool]] = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out.extend(chars[position:edit.start])
        replaced = chars[edit.start:edit.end]
        bold = next((b for ch, b in replaced if not ch.isspace()), replaced[0][1] if replaced else False)
        out.extend((ch, bold) for ch in edit.after)
        position = edit.end
    out.extend(chars[position:])
    return tuple(Run("".join(ch for ch, _ in group), bold) for bold, group in groupby(out, key=lambda c: c[1]))


def changes(where: int, text: str, edits: Iterable[Edit]) -> list[Change]:
    """One Change per kind of edit (same text before and after) in a paragraph, with its count."""
    counted: dict[tuple[str, str, str], int] = {}
    for edit in edits:
        key = (text[edit.start:edit.end], edit.after, edit.why)
        counted[key] = counted.get(key, 0) + 1
    return [Change(where, before, after, why if n == 1 else f"{why} ({n}×)")
            for (before, after, why), n in counted.items()]


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
    """One Change per kind of indent removed (each exact run of white space), at its first
    paragraph, with how many paragraphs had it: the report says it once, not per line."""
    found: dict[str, list[int]] = {}
    for where, white in indents:
        found.setdefault(white, []).append(where)
    return [Change(places[0], white, "",
                   f"indent ({_describe(white)}) removed from the start of "
                   + (f"{len(places)} paragraphs" if len(places) > 1 else "the paragraph"))
            for white, places in found.items()]
