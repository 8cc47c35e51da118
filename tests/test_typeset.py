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


HANGING = frozenset("、，。；：？！")


def test_a_comma_that_does_not_fit_hangs_instead_of_pulling_its_character_on():
    [first, second] = break_lines(glyphs("一二三四五，六七"), 5, 5, HANGING)
    assert (first.text, first.hanging, second.text) == ("一二三四五，", True, "六七")
    place(first, 5, "justify")
    assert first.x[:5] == [0, 1, 2, 3, 4] and first.x[5] == 5      # the mark just past the line


def test_only_one_mark_hangs_and_only_a_hanging_mark():
    assert lines_of_hanging("一二三四五。”六七", 5) == ["一二三四", "五。”六七"]    # ” may not hang
    assert lines_of_hanging("一二三四五）六七", 5) == ["一二三四", "五）六七"]
    assert lines_of_hanging("一二三四五，。六", 5) == ["一二三四", "五，。六"]      # two marks: pushed


def test_without_hanging_marks_the_character_is_pulled_on():
    assert lines_of("一二三四五，六七", 5) == ["一二三四", "五，六七"]


def lines_of_hanging(text: str, width: float) -> list[str]:
    return [line.text for line in break_lines(glyphs(text), width, width, HANGING)]


def test_a_list_of_numbers_is_not_broken_after_its_separator():
    assert lines_of("一二三四17.8%、11.9%。", 7) == ["一二三四", "17.8%、11.9%。"]
    assert lines_of("一二三四汉、11汉", 6) == ["一二三四汉、", "11汉"]


def test_the_script_changes_after_the_last_character_of_each_script():
    from docgen.pdf.typeset import script_ends
    # a weak mark (“ ”) takes the script of what precedes it
    assert script_ends("新办2023年“A”。") == [False, True, False, False, False, True,
                                                 False, True, False, True, False]
    assert script_ends("“2”汉") == [False, False, True, False]   # a weak mark at the start takes what follows


def test_a_space_parts_a_hanzi_from_a_digit_or_letter_but_not_from_a_mark():
    from docgen.pdf.typeset import script_spaces
    assert script_spaces("定26个") == [True, False, True, False]
    assert script_spaces("批-监，2") == [False] * 5
    assert script_spaces("2%二") == [False] * 3


def test_the_space_before_a_change_of_script_is_not_counted_at_a_line_end():
    spaced = [Glyph("一", 1.0, None), Glyph("二", 1.0, None), Glyph("2", 0.5 + 0.25, None, 0.25),
              Glyph("三", 1.0, None)]
    assert [line.text for line in break_lines(spaced, 2.5, 2.5)] == ["一二2", "三"]
