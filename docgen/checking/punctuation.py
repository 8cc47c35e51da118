"""Punctuation rules of GB/T 15834-2011 (标点符号用法) on the content's Chinese text, and typed
heading numbers the profile generates anyway (GB/T 9704-2012 7.3.3).

P101 error    an ASCII , ( ) : ; ? ! next to Chinese text (fix: the full-width mark)
P102 error    a “” ‘’ 《》 （） 【】 without its partner (no fix: only the clerk knows where it ends)
P103 error    ASCII straight quotes " around Chinese text (fix: “” when they pair up)
P104 warning  a paragraph or run-in heading not ending in 。！？ (or ： before what it introduces)
P105 error    a 序次语 in a wrong form: （一）、 1、 (一) (fix: （一） 1. （一）)
P106 error    an ellipsis written ... 。。。 or a single … (fix: ……)
P107 error    a dash written -- or a single — between Chinese text (fix: ——)
P108 error    a typed number at the start of a heading the profile numbers (fix: remove it)
P109 warning  a 顿号 between items that each carry quotes or 书名号

Characters that must stay ASCII are never marked: a mark counts only when a Chinese character
(a hanzi or a full-width mark) stands next to it, so decimals (255.54), times (14:33), codes
(014032126/2024-00580, 1+3+N, GB/T 9704—2012), numbers (1,200) and ratios (1:2) keep theirs;
URLs, e-mail addresses and {{ … }} templates are masked whole. Only the fixes that cannot change
the meaning are offered (a replacement of the marked characters, applied by docgen/checking/fix.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.checking.context import CheckContext, Item
from docgen.checking.findings import ERROR, WARNING, Finding, Rule
from docgen.content.model import Section, Text, walk_sections
from docgen.format.cjk import DASH, ELLIPSIS, FULL_WIDTH_MARKS

STANDARD = "GB/T 15834-2011"
# Chinese text takes the full-width marks; the ASCII ones belong to numbers, codes and Latin text.
P101 = Rule("P101", ERROR, "ASCII punctuation in Chinese text", f"{STANDARD} 第5章 (标点符号的位置和书写形式)",
            "write the full-width mark")
P102 = Rule("P102", ERROR, "a paired mark without its partner", f"{STANDARD} 4.8 引号, 4.9 括号, 4.15 书名号",
            "add the missing mark or remove the stray one")
P103 = Rule("P103", ERROR, "ASCII straight quotes around Chinese text", f"{STANDARD} 4.8 引号 (“ ” ‘ ’)", "write “…”")
# A sentence ends in 句号, 问号 or 叹号; a 冒号 may end a paragraph that introduces what follows.
P104 = Rule("P104", WARNING, "a sentence does not end in 。！？", f"{STANDARD} 4.1 句号, 4.2 问号, 4.3 叹号, 4.7 冒号",
            "end the sentence with 。 (or ！ ？; ： before what it introduces)")
# 序次语: 一、 with a 顿号; a bracketed number takes no mark after it; an Arabic one takes a dot.
P105 = Rule("P105", ERROR, "a 序次语 in a wrong form", f"{STANDARD} 4.5.3.3 顿号 (序次语之后), 4.9 括号",
            "write 一、 （一） 1. or （1）")
# 省略号 and 破折号 are two characters wide: …… (six dots), ——.
P106 = Rule("P106", ERROR, "an ellipsis not written ……", f"{STANDARD} 4.11 省略号", "write ……")
P107 = Rule("P107", ERROR, "a dash not written ——", f"{STANDARD} 4.10 破折号", "write ——")
P108 = Rule("P108", ERROR, "a typed number the heading gets anyway",
            "GB/T 9704-2012 7.3.3 (结构层次序数), numbered by the profile (elements.headings)",
            "remove the typed number (or give the section `number: false`)")
# 标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号 ("usually": a warning, no fix).
P109 = Rule("P109", WARNING, "a 顿号 between items in quotes or 书名号", f"{STANDARD} 4.5.3.5",
            "remove the 、 (keep it if a 括注 follows)")

TEXT_KINDS = ("title", "heading", "lead", "paragraph", "cell", "caption", "other")   # not metrics: figures
_HANZI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CHINESE = re.compile(rf"[{_HANZI}\u3000-\u303f\uff01-\uff60\u2018\u2019\u201c\u201d\u2014\u2026]")
# What must stay as written, masked before any rule reads the text.
# What must stay as written, masked before any rule reads the text. Each token may start only where
# no longer one could (the look-behinds), so a 10 000-character word is scanned once, not once a letter.
_PROTECTED = re.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}"
                        r"|(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[\x21-\x7e]+|www\.[\x21-\x7e]+"
                        r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_ZH_DIGITS = "一二三四五六七八九十百零〇"
# The 序次语 forms GB/T 15834 refuses, with their right form.
_WRONG_ORDINALS = [
    (re.compile(rf"^（([{_ZH_DIGITS}]+|\d+)）、"), "（{0}）"),
    (re.compile(rf"^\(([{_ZH_DIGITS}]+|\d+)\)、?"), "（{0}）"),
    (re.compile(r"^(\d+)、"), "{0}."),
]
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_SENTENCE_END = "。！？"
_CLOSING_AFTER_END = "”’）》】"
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)")
_DASH = re.compile(r"-{2,}|(?<!—)—(?!—)")
_QUOTED_ITEM_COMMA = re.compile(r"(?<=[”》])、(?=[“《])")


# A mark found, before it becomes a Finding: [start, end) of the text, the rule, the detail, the fix.
Mark = tuple[int, int, Rule, str, "str | None"]


def check(context: CheckContext) -> Iterator[Finding]:
    sections = _sections_by_title(context)
    typed = _typed_number_pattern(context)
    for item in context.texts(*TEXT_KINDS):
        text = item.text
        section = sections.get(id(text))
        prefix = _typed_prefix(item, section is not None and section.numbered, typed)
        if prefix is not None:
            yield context.finding(*prefix)
        # A typed number's own marks are that finding's: the ( ) of (一) are not reported twice.
        skip = prefix[3] if prefix else 0
        marks, view = _width_marks(_masked(str(text)), skip)
        for start, end, rule, detail, replacement in marks:
            yield context.finding(rule, text, start, end, detail, replacement)
        yield from _unpaired(context, text, view)
        yield from _quoted_item_commas(context, text, view)
        # A run-in heading is the first sentence of its paragraph: it ends like one.
        if item.kind == "paragraph" or (section is not None and section.run_in):
            yield from _sentence_end(context, item, view)


def _masked(text: str) -> str:
    """The text with every protected token (template, URL, e-mail) replaced by NULs of its length."""
    return _PROTECTED.sub(lambda m: "\0" * len(m.group()), text)


def _chinese(ch: str) -> bool:
    return bool(_CHINESE.match(ch))


def _next_to_chinese(view: str, start: int, end: int) -> bool:
    return (start > 0 and _chinese(view[start - 1])) or (end < len(view) and _chinese(view[end]))


def _width_marks(masked: str, skip: int) -> tuple[list[Mark], str]:
    """The marks of P101, P103, P106 and P107 in file order, and the text as if fixed (same length:
    ... stands as ………). Found again on that view until nothing new turns up, so that a mark whose
    neighbour is itself a fault (,,, or ,— ) is found in the same run: a second --fix finds nothing."""
    view = masked
    found: dict[int, Mark] = {}
    while True:
        new = [mark for detect in (_ascii_marks, _straight_quotes, _ellipses_and_dashes)
               for mark in detect(view, skip) if mark[0] not in found]
        if not new:
            return sorted(found.values(), key=lambda m: m[0]), view
        for start, end, rule, detail, replacement in new:
            found[start] = (start, end, rule, detail, replacement)
            if replacement is not None:
                view = view[:start] + replacement[0] * (end - start) + view[end:]


def _ascii_marks(view: str, skip: int) -> Iterator[Mark]:
    """ASCII marks next to Chinese; a mark found counts as Chinese for its neighbours, forwards and
    backwards, so a run such as ,,, is found whole in one pass."""
    if FULL_WIDTH_MARKS.keys().isdisjoint(view):       # most texts: nothing to look at, one C-speed scan
        return
    brackets = _ascii_bracket_pairs(view)
    # Chinese characters before each index: whether a bracket pair holds any, in constant time.
    before = [0]
    for ch in view:
        before.append(before[-1] + _chinese(ch))
    chars = list(view)
    found: set[int] = set()

    def chinese_at(j: int) -> bool:
        return 0 <= j < len(chars) and _chinese(chars[j])

    for order in (range(len(chars)), range(len(chars) - 1, -1, -1)):
        for i in order:
            ch = chars[i]
            if i < skip or i in found or ch not in FULL_WIDTH_MARKS:
                continue
            if ch in "()" and i in brackets:
                # A pair is Chinese when its content or either side of it is.
                start, end = sorted((i, brackets[i]))
                chinese = chinese_at(start - 1) or chinese_at(end + 1) or before[end] > before[start + 1]
            else:
                chinese = chinese_at(i - 1) or chinese_at(i + 1)
            if chinese:
                found.add(i)
                chars[i] = FULL_WIDTH_MARKS[ch]
    for i in sorted(found):
        yield i, i + 1, P101, f"{view[i]} → {chars[i]}", chars[i]


def _ascii_bracket_pairs(view: str) -> dict[int, int]:
    """Each matched ASCII ( and ) mapped to its partner's index."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(view):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def _straight_quotes(view: str, skip: int) -> Iterator[Mark]:
    quotes = [i for i, ch in enumerate(view) if ch == '"']
    if not quotes or not (any(_next_to_chinese(view, i, i + 1) for i in quotes)
                          or any(_chinese(c) for c in view[quotes[0]:quotes[-1]])):
        return
    pairs_up = len(quotes) % 2 == 0 and all(quotes[k + 1] - quotes[k] > 1 for k in range(0, len(quotes), 2))
    for k, i in enumerate(quotes):
        right = "“" if k % 2 == 0 else "”"
        if pairs_up:
            yield i, i + 1, P103, f'" → {right}', right
        else:
            yield i, i + 1, P103, f"{len(quotes)} straight quotes: they do not pair up", None


def _ellipses_and_dashes(view: str, skip: int) -> Iterator[Mark]:
    for match in _ELLIPSIS.finditer(view):
        if match.group()[0] != "." or _next_to_chinese(view, match.start(), match.end()):
            yield match.start(), match.end(), P106, f"{match.group()} → {ELLIPSIS}", ELLIPSIS
    for match in _DASH.finditer(view):
        start, end = match.start(), match.end()
        # A single — between digits is a code's (GB/T 9704—2012): only Chinese on both sides makes a dash.
        between = start > 0 and end < len(view) and _chinese(view[start - 1]) and _chinese(view[end])
        if between or (match.group()[0] == "-" and _next_to_chinese(view, start, end)):
            yield start, end, P107, f"{match.group()} → {DASH}", DASH


def _unpaired(context: CheckContext, text: Text, view: str) -> Iterator[Finding]:
    stacks: dict[str, list[int]] = {open_: [] for open_ in _PAIRS}
    stray: list[int] = []
    for i, ch in enumerate(view):
        if ch in _PAIRS:
            stacks[ch].append(i)
        elif ch in _CLOSERS:
            if stacks[_CLOSERS[ch]]:
                stacks[_CLOSERS[ch]].pop()
            else:
                stray.append(i)
    unclosed = [i for opened in stacks.values() for i in opened]
    for i in sorted(unclosed + stray):
        partner = _PAIRS.get(view[i]) or _CLOSERS[view[i]]
        side = "never closed" if i in unclosed else "never opened"
        yield context.finding(P102, text, i, i + 1, f"{view[i]} {side} (no {partner})")


def _quoted_item_commas(context: CheckContext, text: Text, view: str) -> Iterator[Finding]:
    for match in _QUOTED_ITEM_COMMA.finditer(view):
        yield context.finding(P109, text, match.start(), match.end(), view[match.start() - 1:match.end() + 1])


def _typed_prefix(item: Item, numbered: bool, typed: re.Pattern[str]) \
        -> tuple[Rule, Text, int, int, str, str | None] | None:
    """The finding's arguments for a typed number at the start of the text: in a heading the
    profile numbers, the number itself (P108); elsewhere a 序次语 in a wrong form (P105)."""
    text = str(item.text)
    if item.kind == "heading" and numbered:
        match = typed.match(text)
        if match is None or match.end() == len(text):
            return None
        # Never offer a removal that would leave an ASCII character (a YAML indicator such as
        # [ or *) at the start of what may be a plain scalar.
        safe = not text[match.end()].isascii()
        return P108, item.text, 0, match.end(), match.group().strip(), "" if safe else None
    if item.kind not in ("heading", "lead", "paragraph"):
        return None
    for pattern, right in _WRONG_ORDINALS:
        match = pattern.match(text)
        if match:
            fixed = right.format(match.group(1))
            return P105, item.text, 0, match.end(), f"{match.group()} → {fixed}", fixed
    return None


def _sentence_end(context: CheckContext, item: Item, masked: str) -> Iterator[Finding]:
    body = masked.rstrip().rstrip("*").rstrip()     # **…** emphasis markers are not text
    if not body:
        return
    last = body[-1]
    if last in _SENTENCE_END or body.endswith(ELLIPSIS) or \
            (last in _CLOSING_AFTER_END and len(body) > 1 and body[-2] in _SENTENCE_END + "…"):
        return
    if last == "：" and _followed(context, item):
        return
    shown = str(item.text)
    end = len(shown.rstrip())
    yield context.finding(P104, item.text, end - 1, end, f"ends in {shown.rstrip()[-1]}")


def _followed(context: CheckContext, item: Item) -> bool:
    """Whether something follows the paragraph in its list (what its ： introduces)."""
    match = re.search(r"\[(\d+)\](\.\w+)?$", item.text.field)
    if match is None:
        return False
    following = item.text.field[:match.start()] + f"[{int(match.group(1)) + 1}]"
    return any(other.text.field.startswith(following) for other in context.items)


def _sections_by_title(context: CheckContext) -> dict[int, Section]:
    """Each section (the report's and its attachments') by the id of its title's Text."""
    sections = list(walk_sections(context.report.sections))
    sections += [s for attachment in context.report.attachments for s in walk_sections(attachment.sections)]
    return {id(section.title): section for section in sections}


def _typed_number_pattern(context: CheckContext) -> re.Pattern[str]:
    """A typed heading number at the start of a text: the profile's forms (一、 （一） 1. （1）),
    their wrong variants (（一）、 1、 (一)) and nested ones (1.3.), with the spaces after it."""
    forms = {re.escape(h.numbering).replace(r"\{zh\}", f"[{_ZH_DIGITS}]+").replace(r"\{n\}", r"\d+")
             for h in context.profile.headings if h.numbering}
    forms |= {rf"[（(](?:[{_ZH_DIGITS}]+|\d+)[）)]、?", rf"[{_ZH_DIGITS}]+[、.．]", r"\d+(?:[.．]\d+)*[.．、]"}
    return re.compile(rf"^(?:{'|'.join(sorted(forms, key=len, reverse=True))})(?![\d.．])[ \u3000]*")
