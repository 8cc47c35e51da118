"""GB/T 9704 measurements on a rendered PDF, shared by the LibreOffice render of
the DOCX and docgen's own PDF (test helper).

Each check asserts; the numbers are the standard's (A4, margins 37/35/28/26 mm,
22 lines of 28 characters, page numbers 7 mm under the block, 1 字 in). A line may
end with one mark of the profile's line_breaking.hanging_marks hanging just past
the block (W3C clreq 行尾点号悬挂): the checks measure the line without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from docgen.format.cjk import is_cjk_or_full_width
from docx_xml import body_paragraphs
from pdf_lines import Glyph, Line, Page, read_pages

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (210 - 26) * MM
TOP, BOTTOM = 37 * MM, (297 - 35) * MM
PITCH = (RIGHT - LEFT) / 28
GRID_PITCH = (BOTTOM - TOP) / 22            # one grid line, pt
LINE_PITCH_RANGE = (28.9, 29.0)           # 579 twips (Word) … 225 mm / 22 (our PDF)
EDGE_TOLERANCE = 1.5                      # pt (0.53 mm; the standard allows ±1 mm on margins)
# 禁则: a line may not start with these, nor end with the openers.
NO_LINE_START = set("，。、；：？！）》」』〉”’…—%")
NO_LINE_END = set("（《「『〈“‘")
PAGE_NUMBER_SIZE = 14
HANGING_MARKS = set("、，。；：？！")       # templates/gbt9704/profile.yaml, line_breaking


def hanging_mark(line: Line) -> Glyph | None:
    """The mark that hangs past the block's right edge at the line's end, if any."""
    last = line.glyphs[-1]
    if last.text in HANGING_MARKS and last.x0 >= RIGHT - EDGE_TOLERANCE:
        return last
    return None


def inside_glyphs(line: Line) -> list[Glyph]:
    """The line's glyphs inside the block: all but a hanging mark."""
    return line.glyphs[:-1] if hanging_mark(line) else line.glyphs


def body_lines(page: Page) -> list[Line]:
    return [line for line in page.lines if line.bottom <= BOTTOM + EDGE_TOLERANCE]


def grid_line(line: Line) -> int:
    """The grid line (1–22) a line of body text sits on."""
    return int((line.baseline - TOP) / GRID_PITCH) + 1


def footer_lines(page: Page) -> list[Line]:
    return [line for line in page.lines if line.top > BOTTOM + EDGE_TOLERANCE]


@dataclass
class BodyLine:
    line: Line
    source: str         # the characters of the paragraph this line shows, spaces included
    is_last: bool       # the last line of its paragraph


def match_paragraphs(pages: list[Page], paragraphs: list[str]) -> list[BodyLine]:
    """Every body line in reading order, matched to the paragraph text it shows.

    Walking the paragraphs through the lines also proves the PDF reads in the
    document's order with nothing lost or added.
    """
    paragraphs = [p for p in paragraphs if p.strip()]
    result, index, start = [], 0, 0
    for page in pages:
        for line in body_lines(page):
            source = paragraphs[index]
            end = start
            for ch in line.text:                  # advance over the shown glyphs, skipping spaces and tabs
                while source[end] in " \t":
                    end += 1
                assert source[end] == ch, f"page {page.number}: {line.text!r} is not {source[start:]!r}"
                end += 1
            is_last = source[end:].strip() == ""
            result.append(BodyLine(line, source[start:end], is_last))
            index, start = (index + 1, 0) if is_last else (index, end)
    assert index == len(paragraphs), "the PDF lacks paragraphs"
    return result


def check_lines_per_page(pages: list[Page], heading_fonts: tuple[str, ...]) -> list[int]:
    """Lines of text on each page; every page but the first (with the blank line after
    the title) and the last holds 22, 21 only where a heading moved on with its text.
    Returns the counts."""
    counts = [len(body_lines(page)) for page in pages]
    for page, following, count in zip(pages[1:-1], pages[2:], counts[1:-1]):
        heading_moved_on = any(f in font for font in following.lines[0].fonts for f in heading_fonts)
        assert count == 22 or (count == 21 and heading_moved_on), f"page {page.number}: {count} lines"
    return counts


def check_line_pitch(pages: list[Page], body_font: str) -> None:
    """Consecutive lines of body text have their baselines a whole number of grid lines apart."""
    for page in pages:
        baselines = [line.baseline for line in body_lines(page)
                     if all(body_font in font for font in line.fonts)]
        for a, b in zip(baselines, baselines[1:]):
            steps = round((b - a) / 28.95)
            assert LINE_PITCH_RANGE[0] * steps - 0.3 <= b - a <= LINE_PITCH_RANGE[1] * steps + 0.3, \
                f"page {page.number}: lines {b - a:.2f} pt apart"


def _explained_by_line_breaking_rules(following: str) -> bool:
    """A short line is right when the next characters could not be split there:
    a mark that may not start a line (with the character it clings to), an
    opener that may not end one, or a number (or list of numbers, 17.8%、11.9%)
    that may not be split."""
    return (following[0] in NO_LINE_START or following[1:2] in NO_LINE_START
            or following[0] in NO_LINE_END or following[0].isascii())


def check_28_characters(body: list[BodyLine]) -> tuple[int, int]:
    """Full lines of only Chinese characters and full-width marks hold 28 (indent
    included; a hanging mark besides); a shorter one only where the line-breaking
    rules pulled its last characters on. Returns (lines checked, lines shorter than 28)."""
    checked, short = 0, 0
    for current, following in zip(body, body[1:]):
        if current.is_last or not all(is_cjk_or_full_width(ch) for ch in current.source):
            continue
        cells = len(inside_glyphs(current.line)) + round((current.line.x0 - LEFT) / PITCH)
        checked += 1
        if cells != 28:
            short += 1
            assert (cells in (26, 27) or following.source[0].isascii()) \
                and _explained_by_line_breaking_rules(following.source), \
                f"page {current.line.page}: {cells} characters: {current.source}"
    return checked, short


def check_flush_and_indented(body: list[BodyLine], title_size: float = 22.0) -> None:
    """Lines that are not a paragraph's last fill the block; they start at the
    left edge or 2 字 in (a first line); the title is centred."""
    for item in body:
        line = item.line
        indent = (line.x0 - LEFT) / PITCH
        if {g.size for g in line.glyphs} == {title_size}:
            assert (line.x0 + line.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1), line.text
            continue
        if not item.is_last:
            assert min(abs(indent), abs(indent - 2)) < 0.05, f"page {line.page}: {indent:.2f} in: {line.text}"
            right = inside_glyphs(line)[-1].x1
            assert abs(right - RIGHT) <= EDGE_TOLERANCE, f"page {line.page}: ragged: {line.text}"


def check_line_breaking_rules(body: list[BodyLine]) -> int:
    """No line starts with a closing mark or ends with an opening one; —— and …… whole.
    Returns the number of lines checked."""
    for current, following in zip(body, body[1:]):
        text = current.source.strip()
        assert text[0] not in NO_LINE_START, f"page {current.line.page} starts with {text[0]}: {text}"
        assert text[-1] not in NO_LINE_END, f"page {current.line.page} ends with {text[-1]}: {text}"
        if not current.is_last:
            for mark in "—…":
                assert not (text.endswith(mark) and following.source.startswith(mark)), text
    return len(body)


def check_inside_text_block(pages: list[Page]) -> int:
    """Every glyph inside the block but one hanging mark at a line's end, just past the
    right edge (within 1 字). Returns the number of hanging marks."""
    hanging = 0
    for page in pages:
        assert (page.width, page.height) == pytest.approx((595.3, 841.9), abs=0.5)
        for line in body_lines(page):
            mark = hanging_mark(line)
            if mark is not None:
                hanging += 1
                assert mark.x1 <= RIGHT + mark.size + EDGE_TOLERANCE, line.text
            right = inside_glyphs(line)[-1].x1
            assert line.x0 >= LEFT - EDGE_TOLERANCE and right <= RIGHT + EDGE_TOLERANCE, line.text
            assert line.top >= TOP - EDGE_TOLERANCE and line.bottom <= BOTTOM + EDGE_TOLERANCE, line.text
    return hanging


def check_page_numbers(pages: list[Page]) -> None:
    """"— n —" in 14 pt, its middle 7 mm under the block; odd pages right, even left, 1 字 in."""
    for page in pages:
        [number] = footer_lines(page)
        assert number.text.replace(" ", "") == f"—{page.number}—"
        assert {g.size for g in number.glyphs} == {PAGE_NUMBER_SIZE}
        middle_mm = (number.top + number.bottom) / 2 / MM
        assert middle_mm == pytest.approx(269, abs=1.5)
        if page.number % 2:
            assert number.x1 == pytest.approx(RIGHT - PAGE_NUMBER_SIZE, abs=1)
        else:
            assert number.x0 == pytest.approx(LEFT + PAGE_NUMBER_SIZE, abs=1)


def page_fixtures(pdf: str):
    """The fixtures a module of grid tests needs, for the PDF fixture named `pdf`:
    `pages` (its pages, read) and `body` (its lines matched to the DOCX's paragraphs:
    the same text, in reading order). Use: pages, body = page_fixtures("built_pdf")."""

    @pytest.fixture(scope="module", name="pages")
    def pages_fixture(request):
        return read_pages(request.getfixturevalue(pdf))

    @pytest.fixture(scope="module", name="body")
    def body_fixture(pages, built_docx):
        return match_paragraphs(pages, [p.text for p in body_paragraphs(built_docx)])

    return pages_fixture, body_fixture


class GridTests:
    """The GB/T 9704 grid tests for one rendered PDF of the bundled report.

    A test class inherits these and provides the fixtures `pages` (read_pages of
    the PDF) and `body` (match_paragraphs of its lines against the DOCX's text).
    """

    heading_fonts = ("WenQuanYiMicroHei", "UKaiCN")
    body_font = "FandolFang"

    def test_every_full_page_has_22_lines(self, pages):
        # page 1: 22 grid lines, one of them the blank after the title; page 11: the end
        # (15 lines: 17 hanging marks saved 2 lines, the line-breaking rule of the profile)
        assert check_lines_per_page(pages, self.heading_fonts) == [21] + [22] * 9 + [15]

    def test_lines_sit_on_the_grid(self, pages):
        check_line_pitch(pages, self.body_font)

    def test_full_lines_hold_28_characters(self, body):
        # 142 full lines of Chinese only; 4 end early by the rules (3 a character or two:
        # a closing quote or bracket that may not hang; 1 before "17.8%、11.9%")
        assert check_28_characters(body) == (142, 4)

    def test_lines_are_flush_with_both_edges_and_first_lines_indented_2_characters(self, body):
        check_flush_and_indented(body)

    def test_no_line_breaks_a_chinese_line_breaking_rule(self, body):
        assert check_line_breaking_rules(body) == 234       # every body line of the 11 pages

    def test_all_text_is_inside_the_text_block_but_one_hanging_mark_a_line(self, pages):
        assert check_inside_text_block(pages) == 17

    def test_page_numbers_odd_right_even_left_7mm_under_the_block(self, pages):
        check_page_numbers(pages)
