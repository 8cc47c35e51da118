"""How numbers are written (GB/T 15835-2011 《出版物上数字用法》): Arabic digits for counts and
measures, with 万/亿 as the only hanzi multipliers (3.6万, never 4千 or 3百万); dates without
leading zeros (2024年3月9日); half-width digits; one form for a range of numbers throughout.

N101 error    digits mixed with 千/百/十 (4千, 3百万)
N102 error    a leading zero in a date's month or day (2024年03月09日)     safe fix: drop the zero
N103 error    full-width digits (２０２３)                                  safe fix: ASCII digits
N104 warning  a range written with another mark than the report's other ranges (3至5 among 3～5)

Hanzi numbers in fixed expressions (二十大, 十四五, 第一责任人, 百万党员) are not digits and are
never matched: only an Arabic digit directly before 千/百/十 is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from docgen.checking.context import CheckContext, Item
from docgen.checking.findings import ERROR, WARNING, Finding, Rule

GBT15835 = "GB/T 15835-2011"
_PROSE = ("title", "heading", "lead", "paragraph", "cell", "caption")

N101 = Rule("N101", ERROR, "digits mixed with 千/百/十",
            f"{GBT15835} (多位数): 万、亿 may follow digits as units, 千、百、十 may not",
            "write the number in digits (4000, 300万) or wholly in hanzi")
N102 = Rule("N102", ERROR, "a leading zero in a date",
            "GB/T 9704-2012 7.3.5.1 and GB/T 15835-2011 (年月日): 2024年3月9日, 月、日不编虚位",
            "drop the zero")
N103 = Rule("N103", ERROR, "full-width digits", f"{GBT15835} (书写格式): Arabic digits are half-width",
            "type the digits half-width (0-9)")
N104 = Rule("N104", WARNING, "ranges written in two forms", f"{GBT15835} (数值范围) and GB/T 15834-2011 (连接号)",
            "write every range of numbers with the same mark")

_MIXED = re.compile(r"\d+(?:\.\d+)?[千百十]")
_DATE_ZERO = re.compile(r"(?<![\d.])0([1-9])(?=[月日])")
_FULL_WIDTH = re.compile(r"[０-９]+")
_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")
# A range: a number (with 万/亿 and one unit of time or per cent), a mark, a number. A hyphen or dash
# only between bare numbers, and not in a code (2024-00580), a date (2024-03-09) or a standard
# number (GB/T 9704—2012): no letter, slash or dot before, no leading zero, no second mark after.
_RANGE = re.compile(r"(?<![\dA-Za-z/. \-—–])(\d+(?:\.\d+)?(?:[万亿])?([年月日号时%])?)(～|~|〜|至)(\d)"
                    r"|(?<![\dA-Za-z/. \-—–])([1-9]\d*)([-—–])([1-9]\d*)(?![\d\-—–])")
_RANGE_FORMS = {"～": "～", "~": "～", "〜": "～", "至": "至", "-": "-", "—": "-", "–": "-"}
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def check(context: CheckContext) -> Iterator[Finding]:
    items = list(context.texts(*_PROSE))
    for item in items:
        text, plain = item.text, _without_templates(item.text)
        for match in _MIXED.finditer(plain):
            yield context.finding(N101, text, match.start(), match.end(), match.group(0))
        for match in _DATE_ZERO.finditer(plain):
            yield context.finding(N102, text, match.start(), match.end(), match.group(0), replacement=match.group(1))
        for match in _FULL_WIDTH.finditer(plain):
            yield context.finding(N103, text, match.start(), match.end(), match.group(0),
                                  replacement=match.group(0).translate(_TO_ASCII))
    yield from _ranges(context, items)


def _ranges(context: CheckContext, items: list[Item]) -> Iterator[Finding]:
    """Every range in the report by its mark; the marks used less often than the most used one
    (the first used wins a tie) are the inconsistent ones."""
    found = [(item, match, _RANGE_FORMS[match.group(3) or match.group(6)])
             for item in items for match in _RANGE.finditer(_without_templates(item.text))]
    counts = Counter(form for _, _, form in found)
    if len(counts) < 2:
        return
    usual = max(counts, key=lambda form: (counts[form], -[f for _, _, f in found].index(form)))
    for item, match, form in found:
        if form != usual:
            yield context.finding(N104, item.text, match.start(), match.end(),
                                  f"{match.group(0)} here, {usual} in {counts[usual]} other range(s)")


def _without_templates(text: str) -> str:
    """The text with {{ … }} and {% … %} blanked (same length): their digits are not the clerk's."""
    return _TEMPLATE.sub(lambda m: " " * len(m.group(0)), text)
