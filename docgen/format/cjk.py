"""Chinese text rules shared by the writers, the loader and the checks.

Numerals for heading numbers, dates as official documents write them, a
draft's placeholders, widths and full-width punctuation.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

_DIGITS = "零一二三四五六七八九"
TO_FILL_MARK = "【待填："
MAX_HEADING_NUMBER = 99         # 九十九: more headings side by side is a structure to regroup (the loader says so)


def to_fill(what: str) -> str:
    """The placeholder a draft shows, marked, where a value is still missing."""
    return f"{TO_FILL_MARK}{what}】"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers)."""
    if not 1 <= n <= MAX_HEADING_NUMBER:
        raise ValueError(f"heading number {n} out of range 1–{MAX_HEADING_NUMBER}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def format_number(pattern: str, n: int) -> str:
    """Fill a numbering pattern of the profile: "{zh}、" or "（{n}）"."""
    return pattern.format(zh=chinese_numeral(n), n=n)


def official_date(day: dt.date | None, missing: str = "成文日期") -> str:
    """2024-03-29 → 2024年3月29日: Arabic numerals, full year, no leading zeros.
    A date a draft left empty reads as a marked placeholder."""
    if day is None:
        return to_fill(missing)
    return f"{day.year}年{day.month}月{day.day}日"


# ASCII marks that web copies put in Chinese text, and their official forms.
FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}
# … and the marks that are never decimals or times either: what Chinese text writes for every
# ASCII mark that web copies and typing put in it (the importer's normalising, the checks' fix).
FULL_WIDTH_MARKS = {**FULL_WIDTH, "?": "？", "!": "！"}
DASH, ELLIPSIS = "——", "……"         # GB/T 15834: 破折号 and 省略号 take two cells
_HALF_WIDTH = {v: k for k, v in FULL_WIDTH.items()}


def fold_punctuation_width(text: str) -> str:
    """Full-width ，（）：； → ASCII, for comparisons that ignore punctuation width."""
    return "".join(_HALF_WIDTH.get(ch, ch) for ch in text)


def char_width_in_em(ch: str) -> float:
    """A character's width without a font, as the official fonts set it: a hanzi, a full-width
    mark or a per cent sign (drawn about ⅚ em wide: ½ em let the 简报 overrun its pages) 1 em,
    digits and Latin letters ½ em."""
    return 1.0 if is_cjk_or_full_width(ch) or ch in "%‰" else 0.5


def width_in_em(text: str) -> float:
    """The text's width in ems without a font (char_width_in_em)."""
    return sum(char_width_in_em(ch) for ch in text)


def fitting_size(text: str, size_pt: float, width_pt: float) -> float:
    """The largest size up to size_pt, in whole half-points (what Word stores), at which
    the text is no wider than width_pt: a 简报's name, a 发文机关标志."""
    width_em = width_in_em(text)
    return size_pt if width_em == 0 else min(size_pt, int(width_pt / width_em * 2) / 2)


# CJK fonts draw ideographs in an em box from 0.12 em below the baseline to 0.88 em
# above it (the OpenType 'ideo' baseline convention): where an element's em box is.
IDEOGRAPHIC_ASCENT = 0.88


def is_hanzi(ch: str) -> bool:
    """A Chinese character (not a mark): what a check of hanzi fonts or of hanzi-digit spacing counts."""
    return is_cjk_or_full_width(ch) and unicodedata.category(ch) == "Lo"


def is_cjk_or_full_width(ch: str) -> bool:
    """A character that takes a full grid cell: a hanzi or full-width punctuation."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF or ch in "“”‘’—…·"
    )


@functools.lru_cache(maxsize=4096)      # the 简报's plan counts the same texts at every step
def word_count(text: str) -> int:
    """The text's length as Word's 字数统计 gives it under 字数 (words): each hanzi and each
    full-width mark counts one (中文字符和朝鲜语单词), each run of other characters without a
    space (2023, 3.6, 98.5%, GB/T) one more (非中文单词). Spaces count nothing. The 简报's
    length bounds (简报最好不超过千字) are in these units."""
    count, in_run = 0, False
    for ch in text:
        if ch.isspace():                    # the ideographic space U+3000 too
            in_run = False
        elif is_cjk_or_full_width(ch):
            count, in_run = count + 1, False
        elif not in_run:
            count, in_run = count + 1, True
    return count
