"""Break a title into balanced lines at word boundaries (GB/T 9704: ≤ 20 a line,
trapezoid or diamond shape, never splitting a word or a name).

Chinese has no spaces, so "word boundary" needs knowledge: the issuer's name
and the year are units of the title, and a small vocabulary of the words
official report titles are made of marks the other boundaries. A run of
characters we do not know stays whole. An author can force the breaks by
writing the title on several lines.
"""

from __future__ import annotations

import itertools
import re

# Past this many lines a title is no title: its lines are filled, not balanced (the loader
# refuses titles over 100 characters; only a text expanded by a template can get here).
MAX_BALANCED_LINES = 8

# Words report titles are built from; a boundary is allowed on either side.
TITLE_WORDS = (
    "关于", "法治政府建设", "法治建设", "依法行政", "工作", "情况", "年度", "报告", "总结",
    "的", "和", "及", "人民政府", "办公室", "委员会",
)
_WORDS_LONGEST_FIRST = tuple(sorted(TITLE_WORDS, key=len, reverse=True))
# Where an organ's name may break when it alone is longer than a line.
_ORGAN_SUFFIXES = re.compile(r"(?<=省|市|区|县|州|盟|旗|镇|乡)|(?<=局|厅|委|办)")
_YEAR = re.compile(r"\d{4}年度?|\d{4}")


def _tokens(title: str, units: tuple[str, ...]) -> list[str]:
    """Split into unbreakable pieces: given units, years, known words, unknown runs."""
    tokens: list[str] = []
    unknown_from = i = 0
    units = tuple(sorted((unit for unit in units if unit), key=len, reverse=True))
    while i < len(title):
        match = next((unit for unit in units if title.startswith(unit, i)), None)
        if match is None:
            year = _YEAR.match(title, i)
            match = year.group(0) if year else None
        if match is None:
            match = next((w for w in _WORDS_LONGEST_FIRST if title.startswith(w, i)), None)
        if match is None:
            i += 1
            continue
        if unknown_from < i:
            tokens.append(title[unknown_from:i])
        tokens.append(match)
        i += len(match)
        unknown_from = i
    if unknown_from < len(title):
        tokens.append(title[unknown_from:])
    return tokens


def _split_long(token: str, limit: int) -> list[str]:
    """An organ name longer than a line breaks after its administrative suffixes."""
    if len(token) <= limit:
        return [token]
    pieces = [p for p in _ORGAN_SUFFIXES.split(token) if p]
    return pieces if all(len(p) <= limit for p in pieces) else list(token)


def break_title(title: str, max_chars: int, units: tuple[str, ...] = ()) -> list[str]:
    """The title's lines: fewest lines of ≤ max_chars, then the best shape (a trapezoid or a
    diamond), then the most even (the smallest difference between the longest and the shortest);
    among equals, the one whose first break comes earliest, then its second…"""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    if len(title) <= max_chars or max_chars < 1:
        return [title]
    tokens = [piece for token in _tokens(title, units) for piece in _split_long(token, max_chars)]
    ends = list(itertools.accumulate(len(token) for token in tokens))
    cuts = _filled(ends, max_chars)         # the fewest lines: fill each as far as it goes
    if len(cuts) < MAX_BALANCED_LINES:
        cuts = _balanced(ends, max_chars, len(cuts) + 1)
    bounds = (0, *cuts, len(tokens))
    return ["".join(tokens[a:b]) for a, b in itertools.pairwise(bounds)]


def _filled(ends: list[int], max_chars: int) -> list[int]:
    """Breaks (token indexes) that fill each line as far as it goes."""
    cuts, line_start = [], 0
    for i, end in enumerate(ends[1:], start=1):
        if end - line_start > max_chars:
            cuts.append(i)
            line_start = ends[i - 1]
    return cuts


# A line's length compared with the one before: the shape so far.
_START, _UP, _LEVEL, _DOWN = range(4)


def _balanced(ends: list[int], max_chars: int, line_count: int) -> list[int]:
    """The best breaks into line_count lines. For each spread (longest − shortest line), smallest
    first, and each shortest length, a search over token boundaries finds the earliest breaks with
    every line within those lengths; shaped ones first. Lengths that fit the total are few, and the
    boundaries a line can end at are at most max_chars, so the work grows with the title's length."""
    total = ends[-1]
    for shaped in (True, False):
        for spread in range(max_chars):
            lows = range(max(1, -(-total // line_count) - spread), min(total // line_count, max_chars - spread) + 1)
            found = [cuts for low in lows
                     if (cuts := _Breaks(ends, line_count, low, low + spread, shaped).first()) is not None]
            if found:
                return min(found)
    raise AssertionError("unreachable: the filled breaks are one of the candidates")


class _Breaks:
    """Breaks into exactly line_count lines of low..high characters; shaped: a trapezoid (no line
    longer than the one before) or a diamond (lines grow, then shrink; the last is not the longest)."""

    def __init__(self, ends: list[int], line_count: int, low: int, high: int, shaped: bool):
        self.ends, self.line_count, self.low, self.high, self.shaped = [0, *ends], line_count, low, high, shaped
        self.memo: dict[tuple, bool] = {}

    def first(self) -> list[int] | None:
        """The earliest breaks (compared first to last), or None."""
        cuts: list[int] = []
        state = (0, self.line_count, 0, _START)
        while state[1] > 0:
            step = next((s for s in self._steps(state) if self._finishes(s[1])), None)
            if step is None:
                return None
            cuts.append(step[0])
            state = step[1]
        return cuts[:-1]

    def _steps(self, state: tuple) -> list[tuple[int, tuple]]:
        """(the next break, the state after it) for each next line of low..high characters."""
        i, lines_left, previous, shape = state
        result = []
        for j in range(i + 1, len(self.ends)):
            length = self.ends[j] - self.ends[i]
            if length > self.high:
                break
            if length < self.low:
                continue
            following = self._shape(shape, previous, length) if self.shaped else _START
            if following is not None:
                result.append((j, (j, lines_left - 1, length if self.shaped else 0, following)))
        return result

    @staticmethod
    def _shape(shape: int, previous: int, length: int) -> int | None:
        if shape == _START:
            return _UP
        if length > previous:
            return None if shape == _DOWN else _UP
        if length == previous:
            return _DOWN if shape == _DOWN else _LEVEL
        return _DOWN

    def _finishes(self, state: tuple) -> bool:
        """Whether the lines left can end the title from this state."""
        i, lines_left, _, shape = state
        if lines_left == 0:
            return i == len(self.ends) - 1 and (not self.shaped or shape in (_LEVEL, _DOWN))
        if state not in self.memo:
            self.memo[state] = any(self._finishes(step) for _, step in self._steps(state))
        return self.memo[state]
