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

# Words report titles are built from; a boundary is allowed on either side.
TITLE_WORDS = (
    "关于", "法治政府建设", "法治建设", "依法行政", "工作", "情况", "年度", "报告", "总结",
    "的", "和", "及", "人民政府", "办公室", "委员会",
)
# Where an organ's name may break when it alone is longer than a line.
_ORGAN_SUFFIXES = re.compile(r"(?<=省|市|区|县|州|盟|旗|镇|乡)|(?<=局|厅|委|办)")
_YEAR = re.compile(r"\d{4}年度?|\d{4}")


def _tokens(title: str, units: tuple[str, ...]) -> list[str]:
    """Split into unbreakable pieces: given units, years, known words, unknown runs."""
    tokens: list[str] = []
    pending = ""
    i = 0
    while i < len(title):
        match = None
        for unit in sorted(units, key=len, reverse=True):
            if unit and title.startswith(unit, i):
                match = unit
                break
        if match is None:
            year = _YEAR.match(title, i)
            match = year.group(0) if year else None
        if match is None:
            match = next((w for w in sorted(TITLE_WORDS, key=len, reverse=True) if title.startswith(w, i)), None)
        if match is None:
            pending += title[i]
            i += 1
            continue
        if pending:
            tokens.append(pending)
            pending = ""
        tokens.append(match)
        i += len(match)
    if pending:
        tokens.append(pending)
    return tokens


def _split_long(token: str, limit: int) -> list[str]:
    """An organ name longer than a line breaks after its administrative suffixes."""
    if len(token) <= limit:
        return [token]
    pieces = [p for p in _ORGAN_SUFFIXES.split(token) if p]
    return pieces if all(len(p) <= limit for p in pieces) else list(token)


def _shape_penalty(lengths: list[int]) -> int:
    """0 for a trapezoid (each line no shorter than the next) or a diamond, 1 otherwise."""
    if all(a >= b for a, b in zip(lengths, lengths[1:])):
        return 0
    peak = lengths.index(max(lengths))
    if peak in (0, len(lengths) - 1):
        return 1
    rising = all(a <= b for a, b in zip(lengths[:peak + 1], lengths[1:peak + 1]))
    falling = all(a >= b for a, b in zip(lengths[peak:], lengths[peak + 1:]))
    return 0 if rising and falling else 1


def break_title(title: str, max_chars: int, units: tuple[str, ...] = ()) -> list[str]:
    """The title's lines: fewest lines of ≤ max_chars, then the best shape, then the most even."""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    if len(title) <= max_chars:
        return [title]
    tokens = [piece for token in _tokens(title, units) for piece in _split_long(token, max_chars)]
    best: tuple | None = None
    for line_count in range(2, len(tokens) + 1):
        for cuts in itertools.combinations(range(1, len(tokens)), line_count - 1):
            bounds = (0,) + cuts + (len(tokens),)
            lines = ["".join(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]
            lengths = [len(line) for line in lines]
            if max(lengths) > max_chars:
                continue
            score = (_shape_penalty(lengths), max(lengths) - min(lengths))
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return [title]  # unreachable: single characters always fit
