"""Headings told by their typed (or Word-generated) number and their shape, and the role a
top-level heading's words give its section.

GB/T 9704-2012 7.3.3 numbers the levels of a document's structure 一、 （一） 1. （1）.
Offices type them in full- or half-width forms ((一) 1、 1． (1)) or let Word generate
them; the marker's kind, not the order in which kinds appear, says the level. A heading
is standalone (a short paragraph of its own) or run-in (its sentence, ending in 。, then
the text in the same paragraph, as GB/T 9704 allows for the lower levels and offices do
at every level). A paragraph that starts with （1） and goes on to （2） enumerates in
its text: not a heading. The typed number itself is dropped: docgen numbers headings
from the structure.
"""

from __future__ import annotations

import re
from functools import cached_property

from docgen.format.cjk import MAX_HEADING_NUMBER, chinese_numeral
from docgen.importing.paragraphs import SENTENCE_ENDS, Para, sentence_end
from docgen.record import record

# The longest heading the recogniser takes for one: the bundled report's longest is 29
# characters, an official title line about 20 (GB/T 9704 7.3.1). A numbered paragraph whose
# first sentence is longer is a list item in prose, kept as a paragraph.
MAX_HEADING_CHARS = 60
_ZH = "一二三四五六七八九十"
_ZH_ORDINALS = {chinese_numeral(n): n for n in range(1, MAX_HEADING_NUMBER + 1)}


def chinese_ordinal(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 九十九 → 99 (a heading's number, a month, a day); None if not one."""
    return _ZH_ORDINALS.get(numeral)


@record
class Kind:
    """One kind of heading number (GB/T 9704 7.3.3): its level, its numerals (一 or 1), and
    whether they stand in brackets (（一） (1)) or before a mark (一、 1.)."""
    level: int
    chinese: bool
    bracketed: bool

    def numeral(self, n: int) -> str:
        return chinese_numeral(n) if self.chinese and 1 <= n <= MAX_HEADING_NUMBER else str(n)

    def typed(self, numeral: str) -> str:
        """The pattern of a number of this kind as offices type it, full- or half-width."""
        if self.bracketed:
            return rf"[（(]\s*{numeral}\s*[）)]"
        # After an Arabic numeral a full stop followed by a digit is a decimal point (1.5万件).
        return rf"{numeral}\s*" + (r"[、.．]" if self.chinese else r"(?:[.．](?!\d)|、)")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A number of this kind opening a paragraph (（一）、 and (1). typed so count too)."""
        numeral = rf"(?P<n>[{_ZH}]{{1,3}})" if self.chinese else r"(?P<n>\d{1,2})"
        return re.compile(self.typed(numeral) + (r"[、.．]?" if self.bracketed else "") + r"\s*")

    def ordinal(self, numeral: str) -> int | None:
        n = chinese_ordinal(numeral) if self.chinese else int(numeral)
        return n if n is not None and 1 <= n <= MAX_HEADING_NUMBER else None

    def shown(self, n: int) -> str:
        """The number as GB/T 9704 writes it: 一、 （一） 1. （1）."""
        return f"（{self.numeral(n)}）" if self.bracketed else f"{self.numeral(n)}{'、' if self.chinese else '.'}"

    def inside(self, n: int) -> re.Pattern[str]:
        """Number n of this kind inside a text (not the end of a longer numeral: 十二、, 12.)."""
        guard = "" if self.bracketed else rf"(?<![{_ZH}])" if self.chinese else r"(?<![\d.．])"
        return re.compile(guard + self.typed(re.escape(self.numeral(n))))


KINDS = (Kind(1, chinese=True, bracketed=False), Kind(2, chinese=True, bracketed=True),
         Kind(3, chinese=False, bracketed=False), Kind(4, chinese=False, bracketed=True))


@record
class Heading:
    """A paragraph read as a heading: its number's kind and ordinal as typed (kind None: a
    heading the source marks by its outline level alone, unnumbered), its title, and the
    paragraph's rest when the heading runs in."""
    para: Para
    kind: Kind | None
    ordinal: int | None
    marker: str                 # the number as the source has it: (一), 1、, Word's label
    level: int                  # the level its kind (or the stated outline level) gives
    title: str
    run_in: bool                # the heading sentence is set as the start of a body paragraph
    rest: Para | None = None    # run-in: the text after the heading sentence, if any


@record
class NotHeading:
    """A numbered paragraph kept as a paragraph, and why (for the import report)."""
    why: str
    unplaced: bool              # True: the recogniser could not tell what it is


def heading_of(para: Para, max_level: int) -> Heading | NotHeading | None:
    """The heading a paragraph is, why a numbered one is not, or None (plain text)."""
    if para.is_table:
        return None
    for kind in KINDS:
        match = kind.pattern.match(para.text)
        if match is None:
            continue
        ordinal = kind.ordinal(match["n"])
        if ordinal is None:
            return None
        return _shaped(para, kind, ordinal, match.group().strip(), match.end())
    stated = para.block.level
    if stated is not None and 1 <= stated <= max_level and len(para.text) <= MAX_HEADING_CHARS \
            and not any(ch in para.text for ch in SENTENCE_ENDS):
        return Heading(para, None, None, "", stated, para.text, run_in=False)
    return None


def _shaped(para: Para, kind: Kind, ordinal: int, marker: str, start: int) -> Heading | NotHeading:
    text = para.text
    title_part = text[start:]
    if not title_part:
        return NotHeading(f"a number ({marker}) with nothing after it", True)
    following = kind.inside(ordinal + 1).search(text, start)
    if following is not None:
        return NotHeading(f"{marker} … {following.group()} inside one paragraph: an enumeration in the text, "
                          "not headings; kept as written", False)
    end = sentence_end(text, start)
    if end == -1 or end == len(text):
        if len(title_part) > MAX_HEADING_CHARS:
            return NotHeading(f"starts with {marker} but runs {len(title_part)} characters without a sentence "
                              f"end: longer than a heading ({MAX_HEADING_CHARS}); kept as a paragraph with its "
                              "number", True)
        # A heading sentence with no text after it (a plan's item) is set as body text, run in, unless
        # the source gives it a heading's outline level.
        alone = end == len(text) and para.block.level is None
        return Heading(para, kind, ordinal, marker, kind.level, title_part, run_in=alone)
    if end - start > MAX_HEADING_CHARS:
        return NotHeading(f"starts with {marker} but its first sentence has {end - start} characters: longer "
                          f"than a heading ({MAX_HEADING_CHARS}); kept as a paragraph with its number", True)
    return Heading(para, kind, ordinal, marker, kind.level, text[start:end], run_in=True, rest=para.tail(end))


# Roles of the top-level sections (README "Writing a report"), from words of their titles.
# The first rule that matches decides: a 第一责任人 section may speak of 问题, a plan of 举措.
ROLE_WORDS = (
    ("responsibility", ("第一责任人", "主要负责人")),
    ("shortcomings", ("不足", "问题")),
    ("next_year", ("安排", "打算", "下一步", "计划", "思路")),
    ("measures", ("举措", "成效")),
)
DEFAULT_ROLE = "thematic"


def role_of(title: str) -> tuple[str, str]:
    """The role a top-level title gives its section, and why."""
    for role, words in ROLE_WORDS:
        for word in words:
            if word in title:
                return role, f"role {role}: the title says {word}"
    said = "、".join(word for _, words in ROLE_WORDS for word in words)
    return DEFAULT_ROLE, f"role {DEFAULT_ROLE}: the title names none of {said}"
