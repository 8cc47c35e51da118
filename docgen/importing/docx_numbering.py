"""Word list numbering: the label Word shows before each numbered paragraph ("一、", "（二）", "3.").

A numbered paragraph names a list instance (w:num) and a level (w:ilvl). The instance
points to an abstract definition (w:abstractNum, possibly through a numbering style:
w:numStyleLink) whose levels give a start value, a number format (w:numFmt) and a label
pattern (w:lvlText, "%1、" shows level 1's counter). Counting follows Word (ECMA-376
Part 1, 17.9, and as Word and LibreOffice show it): the instances of one definition share
its counters — a list goes on through every w:num of its definition — and an instance
with a w:startOverride sets the counter of that level to it where it is first used
(Word's "Restart numbering", "Set numbering value"). Using a level
restarts the levels below it, unless a level's w:lvlRestart says after which level it
restarts, or (0) that it never does: numbering continued across parents.

A label showing a level not used since it restarted shows that level's start value.
The label is what Word draws, without what follows it (the tab or space of w:suff).
Bullets are decoration, not numbers: they give no label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docgen.importing.docx_styles import OUTLINE_LEVELS, Formatting, w
from docgen.record import record

MAX_START = 32767                   # Word's largest start value
MAX_LETTER_REPEATS = 30             # Word's letters go to ZZZ…Z (30 times): 780
MAX_COUNTED = 9999                  # 一 … 九千九百九十九; larger numbers are shown in digits
_PLACEHOLDER = re.compile(r"%([1-9])")

_DIGITS = "〇一二三四五六七八九"
_UNITS = ("", "十", "百", "千")
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = ("", "拾", "佰", "仟")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Enclosed numbers 1–20: ① ⒈ ⑴ (Word shows larger numbers in plain digits).
_ENCLOSED = {"decimalEnclosedCircle": 0x2460, "decimalEnclosedCircleChinese": 0x2460,
             "decimalEnclosedFullstop": 0x2488, "decimalEnclosedParen": 0x2474}
_ENCLOSED_MAX = 20


def _counting(n: int, digits: str = _DIGITS, units: tuple[str, ...] = _UNITS, zero: str = "零") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 1010 → 一千零一十 (n ≤ MAX_COUNTED)."""
    if n == 0:
        return digits[0]
    out: list[str] = []
    gap = False
    number = str(n)
    for place, digit in zip(range(len(number) - 1, -1, -1), map(int, number)):
        if digit == 0:
            gap = True
            continue
        out.append((zero if gap and out else "") + digits[digit] + units[place])
        gap = False
    text = "".join(out)
    return text[1:] if digits is _DIGITS and 10 <= n < 20 else text    # 十一, never 一十一


def _letters(n: int, alphabet: str) -> str:
    repeats = (n - 1) // 26 + 1
    return alphabet[(n - 1) % 26] * repeats if n >= 1 and repeats <= MAX_LETTER_REPEATS else str(n)


def _roman(n: int) -> str:
    if not 1 <= n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def format_number(fmt: str, n: int) -> str:
    """n in Word's number format `fmt` (w:numFmt); formats docgen does not know read as digits."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand") and n <= MAX_COUNTED:
        return _counting(n)
    if fmt == "chineseLegalSimplified" and n <= MAX_COUNTED:
        return _counting(n, _LEGAL_DIGITS, _LEGAL_UNITS)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in _ENCLOSED and 1 <= n <= _ENCLOSED_MAX:
        return chr(_ENCLOSED[fmt] + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(_BRANCHES):
        return _BRANCHES[n - 1]
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if fmt == "upperLetter" else "abcdefghijklmnopqrstuvwxyz")
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH_DIGITS)
    return str(n)


@record
class Level:
    start: int = 0                  # w:start; without it 0 (ECMA-376 Part 1, 17.9.26)
    fmt: str = "decimal"
    text: str = ""                  # w:lvlText: "%1、"
    restart: int | None = None      # w:lvlRestart: restart after this (1-based) level; 0: never
    legal: bool = False             # w:isLgl: every number in the label in digits


def _level(node: etree._Element) -> Level:
    def value(name: str) -> str | None:
        child = node.find(w(name))
        return None if child is None else child.get(w("val"))

    start = _whole(value("start"), MAX_START)
    legal = node.find(w("isLgl")) is not None and (value("isLgl") or "true").lower() not in ("0", "false", "off")
    return Level(start=start or 0, fmt=value("numFmt") or "decimal", text=value("lvlText") or "",
                 restart=_whole(value("lvlRestart"), OUTLINE_LEVELS), legal=legal)


def _whole(value: str | None, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 <= number <= high else None


def _levels(node: etree._Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in node.iterfind(w("lvl")):
        ilvl = _whole(lvl.get(w("ilvl")), OUTLINE_LEVELS - 1)
        if ilvl is not None:
            out.setdefault(ilvl, _level(lvl))
    return out


@dataclass
class _Instance:
    """A w:num: its definition's levels as it overrides them, the counters of its definition
    (shared by all its instances), and the levels whose start it overrides, until first used."""
    levels: dict[int, Level]
    counters: list[int | None]
    restarts: dict[int, int]


class ListNumbering:
    """The numbering part, counting as the paragraphs come (call label() in document order)."""

    def __init__(self, numbering: etree._Element | None, formatting: Formatting):
        self.instances: dict[str, _Instance] = {}
        if numbering is None:
            return
        definitions = {node.get(w("abstractNumId")): node for node in numbering.iterfind(w("abstractNum"))}
        nums = {node.get(w("numId")): node for node in numbering.iterfind(w("num"))}
        counters: dict[int, list[int | None]] = {}      # by definition (its element's id)
        for num_id, num in nums.items():
            ref = num.find(w("abstractNumId"))
            definition = self._definition(None if ref is None else ref.get(w("val")), definitions, nums, formatting)
            if num_id is None or definition is None:
                continue
            levels = _levels(definition)
            restarts: dict[int, int] = {}
            for override in num.iterfind(w("lvlOverride")):
                ilvl = _whole(override.get(w("ilvl")), OUTLINE_LEVELS - 1)
                if ilvl is None:
                    continue
                own = override.find(w("lvl"))
                if own is not None:
                    levels[ilvl] = _level(own)
                start = override.find(w("startOverride"))
                value = None if start is None else _whole(start.get(w("val")), MAX_START)
                if value is not None:
                    restarts[ilvl] = value
            shared = counters.setdefault(id(definition), [None] * OUTLINE_LEVELS)
            self.instances[num_id] = _Instance(levels, shared, restarts)

    @staticmethod
    def _definition(abstract_id: str | None, definitions: dict, nums: dict,
                    formatting: Formatting) -> etree._Element | None:
        """The w:abstractNum, followed through a numbering style (w:numStyleLink) to the
        definition that the style's own list uses (at most a few links: a loop ends)."""
        seen: set[str] = set()
        while abstract_id is not None and abstract_id in definitions and abstract_id not in seen:
            seen.add(abstract_id)
            definition = definitions[abstract_id]
            link = definition.find(w("numStyleLink"))
            if link is None:
                return definition
            style = formatting.by_id.get(link.get(w("val"), ""))
            num_id = None if style is None else style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
            num = None if num_id is None else nums.get(num_id.get(w("val")))
            ref = None if num is None else num.find(w("abstractNumId"))
            abstract_id = None if ref is None else ref.get(w("val"))
        return None

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Count this paragraph in its list and give its label ("" when it has none)."""
        instance = self.instances.get(num_id or "")
        if instance is None:                    # numId 0 (numbering removed) or unknown
            return ""
        level = instance.levels.get(ilvl, Level())
        counters = instance.counters
        current = counters[ilvl]
        if ilvl in instance.restarts:           # this instance's first paragraph at the level
            counters[ilvl] = instance.restarts.pop(ilvl)
        else:
            counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, OUTLINE_LEVELS):
            after = instance.levels.get(deeper, Level()).restart
            if after is None or after > deeper:     # default, or a restart level that is not above it
                after = deeper
            if after and ilvl < after:
                counters[deeper] = None
        if level.fmt in ("none", "bullet"):
            return ""

        def number(match: re.Match) -> str:
            shown = int(match.group(1)) - 1
            other = instance.levels.get(shown, Level())
            value = counters[shown]
            return format_number("decimal" if level.legal else other.fmt, other.start if value is None else value)

        return _PLACEHOLDER.sub(number, level.text)
