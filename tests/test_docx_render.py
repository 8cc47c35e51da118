"""The DOCX rendered by a real renderer (LibreOffice headless) and measured.

The PDF's glyph positions prove the grid: 22 lines a page, 28 characters a
line, everything inside the 156 × 225 mm text block, page numbers in place,
and the official font names resolved to the open substitutes.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

import pytest

from conftest import require
from docgen.cjk import is_cjk_or_full_width
from docx_xml import body_paragraphs
from pdf_lines import Line, read_pages

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (210 - 26) * MM
TOP, BOTTOM = 37 * MM, (297 - 35) * MM
PITCH = (RIGHT - LEFT) / 28
EDGE_TOLERANCE = 1.5        # pt (0.53 mm; the standard allows ±1 mm on margins)
# 禁则: a line may not start with these, nor end with the openers.
NO_LINE_START = set("，。、；：？！）》」』〉”’…—%")
NO_LINE_END = set("（《「『〈“‘")
HEADING_FONTS = ("WenQuanYiMicroHei", "UKaiCN")


@pytest.fixture(scope="module")
def pages(rendered_pdf):
    return read_pages(rendered_pdf)


def body_lines(page) -> list[Line]:
    return [line for line in page.lines if line.bottom <= BOTTOM + EDGE_TOLERANCE]


def footer_lines(page) -> list[Line]:
    return [line for line in page.lines if line.top > BOTTOM + EDGE_TOLERANCE]


@dataclass
class BodyLine:
    line: Line
    source: str         # the characters of the DOCX paragraph this line shows, spaces included
    is_last: bool       # the last line of its paragraph


@pytest.fixture(scope="module")
def body(pages, built_docx) -> list[BodyLine]:
    """Every body line in reading order, matched to the DOCX paragraph text it shows.

    Walking the DOCX paragraphs through the PDF lines also proves the PDF
    reads in the document's order with nothing lost or added.
    """
    paragraphs = [p.text for p in body_paragraphs(built_docx) if p.text.strip()]
    result, index, start = [], 0, 0
    for page in pages:
        for line in body_lines(page):
            source = paragraphs[index]
            end, shown = start, line.text
            for ch in shown:                      # advance over the shown glyphs, skipping spaces
                while source[end] == " ":
                    end += 1
                assert source[end] == ch, f"page {page.number}: {shown!r} is not {source[start:]!r}"
                end += 1
            is_last = source[end:].strip() == ""
            result.append(BodyLine(line, source[start:end], is_last))
            index, start = (index + 1, 0) if is_last else (index, end)
    assert index == len(paragraphs), "the PDF lacks paragraphs of the DOCX"
    return result


def test_every_full_page_has_22_lines(pages):
    assert len(pages) >= 3
    for page, following in zip(pages[1:-1], pages[2:]):
        count = len(body_lines(page))
        heading_moved_on = any(f in font for font in following.lines[0].fonts for f in HEADING_FONTS)
        assert count == 22 or (count == 21 and heading_moved_on), f"page {page.number}: {count} lines"


def test_lines_sit_on_the_579_twip_grid(pages):
    for page in pages:
        tops = [line.top for line in body_lines(page) if {g.size for g in line.glyphs} == {16.0}]
        steps = [b - a for a, b in zip(tops, tops[1:])]
        for step in steps:
            assert step == pytest.approx(round(step / 28.95) * 28.95, abs=0.3), f"page {page.number}"


def _explained_by_line_breaking_rules(following: str) -> bool:
    """A short line is right when the next characters could not be split there:
    a mark that may not start a line (with the character it clings to), an
    opener that may not end one, or a number that may not be split."""
    return (following[0] in NO_LINE_START or following[1:2] in NO_LINE_START
            or following[0] in NO_LINE_END or following[0].isascii())


def test_full_lines_hold_28_characters(body):
    checked = 0
    for current, following in zip(body, body[1:]):
        if current.is_last or not all(is_cjk_or_full_width(ch) for ch in current.source):
            continue
        cells = len(current.source) + round((current.line.x0 - LEFT) / PITCH)
        checked += 1
        if cells != 28:
            assert cells >= 26 and _explained_by_line_breaking_rules(following.source), \
                f"page {current.line.page}: {cells} characters: {current.source}"
    assert checked >= 120            # the bundled report has about 140 such lines


def test_lines_are_flush_with_both_edges_and_first_lines_indented_2_characters(body):
    for item in body:
        line = item.line
        indent = (line.x0 - LEFT) / PITCH
        if {g.size for g in line.glyphs} == {22.0}:      # the title: centred instead
            assert (line.x0 + line.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1), line.text
            continue
        if not item.is_last:
            assert min(abs(indent), abs(indent - 2)) < 0.05, f"page {line.page}: {indent:.2f} in: {line.text}"
            assert abs(line.x1 - RIGHT) <= EDGE_TOLERANCE, f"page {line.page}: ragged: {line.text}"


def test_all_text_is_inside_the_text_block(pages):
    for page in pages:
        assert (page.width, page.height) == pytest.approx((595.3, 841.9), abs=0.5)
        for line in body_lines(page):
            assert line.x0 >= LEFT - EDGE_TOLERANCE and line.x1 <= RIGHT + EDGE_TOLERANCE, line.text
            assert line.top >= TOP - EDGE_TOLERANCE and line.bottom <= BOTTOM + EDGE_TOLERANCE, line.text


def test_page_numbers_odd_right_even_left_7mm_under_the_block(pages):
    one_char = 14                   # 1 字 of the 14 pt page number
    for page in pages:
        [number] = footer_lines(page)
        assert number.text == f"—{page.number}—"
        assert {g.size for g in number.glyphs} == {14.0}
        middle_mm = (number.top + number.bottom) / 2 / MM
        assert middle_mm == pytest.approx(269, abs=1.5)
        if page.number % 2:
            assert number.x1 == pytest.approx(RIGHT - one_char, abs=1)
        else:
            assert number.x0 == pytest.approx(LEFT + one_char, abs=1)


def test_fonts_are_the_mapped_substitutes(pages):
    fonts_by_size = {}
    for page in pages:
        for line in body_lines(page):
            for glyph in line.glyphs:
                fonts_by_size.setdefault(glyph.size, set()).add(glyph.font.split("+", 1)[-1])
    assert {f.split("-")[0] for f in fonts_by_size[22.0]} == {"NotoSerifCJKjp"}   # the SC face, see below
    assert {f.split("-")[0] for f in fonts_by_size[16.0]} == {"FandolFang", "WenQuanYiMicroHei", "UKaiCN"}
    every = set().union(*fonts_by_size.values())
    assert not any(bad in f for f in every for bad in ("ZenHei", "DejaVu", "Droid", "Liberation"))


@pytest.mark.parametrize("name, family", [
    ("仿宋_GB2312", "FandolFang"), ("黑体", "WenQuanYi Micro Hei"), ("楷体_GB2312", "AR PL UKai CN"),
    ("方正小标宋简体", "Noto Serif CJK SC"), ("宋体", "AR PL UMing CN"), ("FangSong", "FandolFang"),
])
def test_fontconfig_maps_each_official_name_to_its_substitute(fontconfig_file, name, family):
    require(shutil.which("fc-match") is not None, "fontconfig is not installed")
    result = subprocess.run(["fc-match", "-f", "%{family}|%{weight}", name], capture_output=True, text=True,
                            env={"FONTCONFIG_FILE": str(fontconfig_file), "PATH": "/usr/bin:/bin"})
    families, weight = result.stdout.split("|")
    assert family in families.split(",")
    if name == "方正小标宋简体":
        assert int(weight) >= 200           # bold
