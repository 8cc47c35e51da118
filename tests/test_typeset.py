"""The line breaker and justifier as a pure function: text in, lines out."""

from __future__ import annotations

import pytest

from docgen.pdf.typeset import Glyph, break_lines, clusters, place

HALF_WIDTH = "0123456789.%-/+ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz "


def glyphs(text: str, half: str = HALF_WIDTH) -> list[Glyph]:
    """One unit of width per Chinese character, half a unit for digits, Latin and spaces."""
    return [Glyph(ch, 0.5 if ch in half else 1.0, None) for ch in text]


def lines_of(text: str, width: float, first: float | None = None) -> list[str]:
    return [line.text for line in break_lines(glyphs(text), first or width, width)]


def test_a_full_width_comma_never_starts_a_line():
    assert lines_of("一二三四五，六七", 5) == ["一二三四", "五，六七"]


def test_a_closing_quote_and_full_stop_travel_with_their_character():
    assert lines_of("一二三四“五”。六", 5) == ["一二三四", "“五”。六"]
    for line in lines_of("甲乙丙丁戊”。己庚辛", 5):
        assert line[0] not in "”。"


def test_an_opening_quote_or_bracket_never_ends_a_line():
    assert lines_of("一二三四“五六”", 5) == ["一二三四", "“五六”"]
    assert lines_of("一二三四（五）", 5) == ["一二三四", "（五）"]


@pytest.mark.parametrize("mark", ["——", "……"])
def test_dashes_and_ellipses_are_never_split(mark):
    for width in (4, 5, 6):
        lines = lines_of(f"一二三四{mark}五六", width)
        assert all(not line.endswith(mark[0]) or line.endswith(mark) for line in lines), lines
        assert "".join(lines) == f"一二三四{mark}五六"
        assert not any(line.startswith(mark[0]) for line in lines)


@pytest.mark.parametrize("number", ["255.54", "2024-03-29", "014032126/2024-00580", "1+3+N", "13.96%"])
def test_numbers_and_codes_stay_whole(number):
    for width in (4, 5, 6, 7):
        lines = lines_of(f"一二三{number}件", width + len(number) / 2)
        assert any(number in line for line in lines), (number, lines)


def test_the_first_line_may_be_shorter_for_the_indent():
    assert lines_of("一二三四五六七八九", 4, first=2) == ["一二", "三四五六", "七八九"]


def test_spaces_do_not_begin_or_end_a_line():
    assert lines_of("一二三 四五六", 3) == ["一二三", "四五六"]


def test_a_cluster_wider_than_a_line_is_split_by_characters():
    assert lines_of("ABCDEFGHIJKLMNOP", 3) == ["ABCDEF", "GHIJKL", "MNOP"]      # 6 half-width letters a line


def test_justified_lines_fill_the_width_exactly_and_the_last_line_does_not():
    lines = break_lines(glyphs("一二三四五，六七八九"), 5, 5)
    for line in lines:
        place(line, 5, "justify")
    first, last = lines[0], lines[-1]
    assert first.text == "一二三四"
    assert first.x[0] == 0 and first.x[-1] + first.glyphs[-1].width == pytest.approx(5)
    gaps = [b - a for a, b in zip(first.x, first.x[1:])]
    assert max(gaps) == pytest.approx(min(gaps))            # the space is spread evenly
    assert last.x == [0, 1, 2, 3][:len(last.glyphs)]


@pytest.mark.parametrize("align, start", [("right", 2.0), ("center", 1.0), ("left", 0.0)])
def test_other_alignments(align, start):
    [line] = break_lines(glyphs("一二三"), 5, 5)
    place(line, 5, align)
    assert line.x[0] == start


def test_clusters_glue_closers_back_and_openers_forward():
    assert ["".join(g.char for g in c) for c in clusters(glyphs("我说：“好。”"))] == ["我", "说：", "“好。”"]
