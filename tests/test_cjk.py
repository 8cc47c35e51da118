"""Chinese text rules: numerals, dates, figures, punctuation width, title breaking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from docgen.content.figures import parse_quantity
from docgen.format import cjk
from docgen.format.titlebreak import break_title


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九")])
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
    ("3.6万件", Decimal("36000"), ("", "3.6", "万", "", "件")),
    ("9000余件", Decimal("9000"), ("", "9000", "", "余", "件")),
    ("255.54万元", Decimal("2555400"), ("", "255.54", "万", "", "元")),
    ("96%", Decimal("96"), ("", "96", "", "", "%")),
    ("近2亿元", Decimal("200000000"), ("近", "2", "亿", "", "元")),
    ("152", Decimal("152"), ("", "152", "", "", "")),
])
def test_figures_keep_their_display_form_and_a_value(display, amount, parts):
    q = parse_quantity(display)
    assert str(q) == display and q.amount == amount
    assert (q.prefix, str(q.number), q.multiplier, q.approx, q.unit) == parts


@pytest.mark.parametrize("bad", ["很多", "三千件", "3.6.1万件", "", "约"])
def test_text_that_is_not_a_figure_is_refused(bad):
    with pytest.raises(ValueError, match="expected a figure"):
        parse_quantity(bad)


def test_web_punctuation_becomes_full_width_but_numbers_keep_theirs():
    assert cjk.to_full_width("推进法治政府建设(依法行政),成效:好;") == "推进法治政府建设（依法行政），成效：好；"
    assert cjk.to_full_width("时间14:33,共1,000件") == "时间14:33，共1,000件"
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
