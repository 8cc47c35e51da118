"""Chinese text rules: numerals, dates, figures, punctuation width, title breaking."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from docgen.content.figures import parse_quantity, year_on_year
from docgen.format import cjk
from docgen.format.sentences import sentences
from docgen.format.titlebreak import MAX_BALANCED_LINES, break_title


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
                                     (99, "九十九")])
def test_chinese_numerals_for_heading_numbers(n, text):
    assert cjk.chinese_numeral(n) == text


def test_numbering_patterns():
    assert cjk.format_number("（{zh}）", 12) == "（十二）"
    assert cjk.format_number("{n}.", 3) == "3."
    with pytest.raises(ValueError):
        cjk.chinese_numeral(100)


def test_official_dates_have_no_leading_zeros():
    assert cjk.official_date(dt.date(2024, 3, 9)) == "2024年3月9日"
    assert cjk.official_date(dt.date(2024, 12, 29)) == "2024年12月29日"


@pytest.mark.parametrize("display, amount, parts", [
    ("3.6万件", Decimal(36000), ("", "3.6", "万", "", "件")),
    ("9000余件", Decimal(9000), ("", "9000", "", "余", "件")),
    ("255.54万元", Decimal(2555400), ("", "255.54", "万", "", "元")),
    ("96%", Decimal(96), ("", "96", "", "", "%")),
    ("近2亿元", Decimal(200000000), ("近", "2", "亿", "", "元")),
    ("152", Decimal(152), ("", "152", "", "", "")),
])
def test_figures_keep_their_display_form_and_a_value(display, amount, parts):
    q = parse_quantity(display)
    assert str(q) == display and q.amount == amount
    assert (q.prefix, str(q.number), q.multiplier, q.approx, q.unit) == parts


@pytest.mark.parametrize("bad", ["很多", "三千件", "3.6.1万件", "", "约"])
def test_text_that_is_not_a_figure_is_refused(bad):
    with pytest.raises(ValueError, match="expected a figure"):
        parse_quantity(bad)


def test_punctuation_width_folds_for_comparisons():
    # (web punctuation made full-width: importing/normalize.py, tests/test_import_web.py)
    assert cjk.fold_punctuation_width("（一）：，") == "(一):,"


def test_width_counts_digits_as_half():
    assert cjk.width_in_em("2024年3月29日") == 6.5


def test_the_bundled_title_breaks_after_the_year_longer_line_first():
    lines = break_title("无锡市新吴区人民政府2023年法治政府建设情况报告", 20, ("无锡市新吴区人民政府",))
    assert lines == ["无锡市新吴区人民政府2023年", "法治政府建设情况报告"]


def test_short_titles_stay_on_one_line_and_author_breaks_win():
    assert break_title("某区2023年法治政府建设情况报告", 20) == ["某区2023年法治政府建设情况报告"]
    assert break_title("甲乙丙\n丁戊", 20) == ["甲乙丙", "丁戊"]


def test_no_line_exceeds_the_limit_and_words_stay_whole():
    title = "江苏省无锡市新吴区市场监督管理局关于2023年度法治政府建设工作情况的报告"
    lines = break_title(title, 20, ("江苏省无锡市新吴区市场监督管理局",))
    assert "".join(lines) == title and all(len(line) <= 20 for line in lines)
    for word in ("法治政府建设", "2023年度", "江苏省无锡市新吴区市场监督管理局"):
        assert any(word in line for line in lines), (word, lines)
    assert len(lines) == 2          # fewest lines first; the shape only decides between equals


# -- title breaking: the same lines as trying every split, in bounded time -------

def _every_split(pieces: list[str], max_chars: int) -> list[str]:
    """The rule, by brute force: fewest lines of ≤ max_chars, then a trapezoid or a diamond, then the
    smallest longest-minus-shortest, then the earliest breaks."""
    def shape_penalty(lengths: list[int]) -> int:
        if all(a >= b for a, b in itertools.pairwise(lengths)):
            return 0
        peak = lengths.index(max(lengths))
        if peak in (0, len(lengths) - 1):
            return 1
        rising = all(a <= b for a, b in itertools.pairwise(lengths[:peak + 1]))
        falling = all(a >= b for a, b in itertools.pairwise(lengths[peak:]))
        return 0 if rising and falling else 1

    for line_count in range(1, len(pieces) + 1):
        best = None
        for cuts in itertools.combinations(range(1, len(pieces)), line_count - 1):
            bounds = (0, *cuts, len(pieces))
            lines = ["".join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
            lengths = [len(line) for line in lines]
            if max(lengths) <= max_chars:
                score = (shape_penalty(lengths), max(lengths) - min(lengths))
                if best is None or score < best[0]:
                    best = (score, lines)
        if best is not None:
            return best[1]
    raise AssertionError("single characters always fit")


# Pieces the title tokenizer keeps whole and never merges: known title words, and runs of a
# character that is in none of them (at most a line long, so they are not split either).
_WORDS = st.sampled_from(["关于", "法治政府建设", "工作", "情况", "年度", "报告", "的", "和", "人民政府", "委员会"])
_UNKNOWN = st.integers(min_value=1, max_value=6).map(lambda n: "甲" * n)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_UNKNOWN, _WORDS), min_size=1, max_size=6), st.integers(min_value=6, max_value=20))
def test_title_breaking_finds_what_trying_every_split_finds(pairs, max_chars):
    pieces = [piece for pair in pairs for piece in pair]
    expected = _every_split(pieces, max_chars)
    assume(len(expected) <= MAX_BALANCED_LINES)     # longer ones are filled (below)
    assert break_title("".join(pieces), max_chars) == expected


@pytest.mark.parametrize("length", [81, 100, 101, 160])
def test_long_titles_break_in_milliseconds(length):
    """Trying every split took 3.2 s for 81 characters and never ended for 101."""
    title = "甲" * length
    started = time.perf_counter()
    lines = break_title(title, 20)
    assert time.perf_counter() - started < 0.5
    assert "".join(lines) == title and all(len(line) <= 20 for line in lines)
    assert len(lines) == -(-length // 20)          # the fewest lines
    assert max(map(len, lines)) - min(map(len, lines)) <= 1


def test_absurd_titles_fill_their_lines_instead_of_balancing():
    """Past MAX_BALANCED_LINES lines (only a template can make such a title) lines are filled."""
    title = "甲" * (20 * MAX_BALANCED_LINES + 1)
    lines = break_title(title, 20)
    assert [len(line) for line in lines] == [20] * MAX_BALANCED_LINES + [1]
    started = time.perf_counter()
    assert "".join(break_title("法治政府建设" * 20_000, 20)) == "法治政府建设" * 20_000
    assert time.perf_counter() - started < 2


# -- sentences: linear, and the same pieces as before -----------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙 。！？\n", max_size=40))
def test_sentences_end_at_each_full_stop_and_keep_every_character(text):
    found = sentences(text)
    rest = text[len("".join(found)):]
    assert text.startswith("".join(found)) and not rest.strip()
    for sentence in found[:-1]:
        assert sentence[-1] in "。！？" and not any(ch in "。！？" for ch in sentence[:-1])
    if found and found[-1][-1] not in "。！？":
        assert found[-1] == text[len("".join(found[:-1])):] and found[-1].strip()


def test_a_long_text_without_a_full_stop_is_one_sentence_at_once():
    """The old pattern took 29 s for 66,660 characters."""
    started = time.perf_counter()
    assert sentences("继" * 66_660) == ["继" * 66_660]
    assert sentences("继" * 66_660 + "。") == ["继" * 66_660 + "。"]
    assert time.perf_counter() - started < 0.5


# -- figures: bounded digits, exact 同比 ---------------------------------------------

def test_figures_of_more_than_fifteen_digits_are_refused():
    assert parse_quantity("1" * 15 + "件").number == Decimal("1" * 15)
    with pytest.raises(ValueError, match="a figure has at most 15 digits, got 16 in '1111111111111111件'"):
        parse_quantity("1" * 16 + "件")
    with pytest.raises(ValueError, match="a figure is at most 30 characters, got 101"):
        parse_quantity("1" + "件" * 100)


def test_the_largest_change_between_two_figures_is_stated_exactly(profile):
    style = profile.year_on_year
    change = year_on_year(parse_quantity("999999999999999万亿件"), parse_quantity("0.00000000000001件"), style)
    # (999999999999999·10^12 − 10^-14) / 10^-14 · 100, to the last digit
    assert change == f"同比增长{999999999999999 * 10**28 - 100}%"
    assert year_on_year(parse_quantity("3件"), parse_quantity("7件"), style) == "同比下降57.1%"
