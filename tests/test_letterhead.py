"""The 版头 (GB/T 9704-2012 7.2), built through the CLI and measured on docgen's PDF and
on LibreOffice's render of the DOCX as shipped.

The fixture tests/fixtures/letterhead is built as it is (份号, 密级, 紧急程度, three
签发人 on two lines) and with other letterheads: one 签发人 (发文字号 and 签发人 on one
line), none with a long organ name (the mark shrinks), two without 发文字号 (a draft's),
and none at all (where a plain report's title sits). An element's top and bottom are those of its em box, as the
profile defines them: 0.88 of its size above the baseline and 0.12 below
(format/cjk.py, IDEOGRAPHIC_ASCENT), measured from the baseline the PDF draws at,
whatever the font's own ascent (LibreOffice and reportlab write different ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, require
from docgen.cli import main
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docx_xml import NS, body_paragraphs, part, w
from grid_checks import LEFT, MM, RIGHT, TOP
from libreoffice import docx_files_to_pdf, soffice

TOLERANCE = 1 * MM                      # GB/T 9704 allows ±1 mm
CENTRE = (LEFT + RIGHT) / 2
RED = (1, 0, 0)
# The grid's pitch as each sets it: 225 mm / 22 (docgen), 579 twips (the DOCX).
PITCH = {"docgen": 225 * MM / 22, "libreoffice": 579 / 20}
WRITERS = ("docgen", "libreoffice")
# The substitutes of the official fonts (templates/fonts/substitutes.yaml), as the PDFs name them.
XIAOBIAOSONG, FANGSONG, HEITI, KAITI = "NotoSerifCJK", "FandolFang", "WenQuanYiMicroHei", "UKaiCN"
LONG_ORGAN = "无锡市新吴区人民政府办公室关于法治建设文件"      # 21 字: 42 pt would be 311 mm
LETTERHEADS = {
    "three-signers": None,              # the fixture's own
    "one-signer": "letterhead: {organ: 无锡市新吴区人民政府, number: 新府发〔2024〕12号, signer: 张三}\n",
    "no-signer": f"letterhead: {{organ: {LONG_ORGAN}, number: 新府发〔2024〕12号}}\n",
    "no-number": "letterhead: {organ: 无锡市新吴区人民政府, signer: [张三, 李四]}\n",     # a draft's
    "plain": "",
}


@dataclass
class Piece:
    """Characters of one line of page 1, left to right."""
    chars: list[dict]
    page_height: float

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    @property
    def baseline(self) -> float:
        """From the page top."""
        return self.page_height - self.chars[0]["matrix"][5]

    @property
    def top(self) -> float:
        """Of the em box."""
        return self.baseline - IDEOGRAPHIC_ASCENT * self.size

    @property
    def bottom(self) -> float:
        return self.top + self.size

    @property
    def fonts(self) -> set[str]:
        return {c["fontname"].split("+", 1)[-1] for c in self.chars}

    @property
    def colours(self) -> set[tuple]:
        return {tuple(c["non_stroking_color"] or (0,)) for c in self.chars}

    def part(self, text: str) -> Piece:
        start = self.text.index(text)
        return Piece(self.chars[start:start + len(text)], self.page_height)


@dataclass
class Page:
    lines: list[Piece]
    rules: list[dict]       # horizontal rules: x0, x1, y (from the page top), width, colour

    def line(self, start: str) -> Piece:
        [line] = [line for line in self.lines if line.text.startswith(start)]
        return line

    def containing(self, text: str) -> Piece:
        [line] = [line for line in self.lines if text in line.text]
        return line

    @property
    def mark(self) -> Piece:
        [line] = [line for line in self.lines if RED in line.colours]
        return line


def _page_one(path: Path) -> Page:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        lines: list[list[dict]] = []
        for char in sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (c["matrix"][5] * -1, c["x0"])):
            if lines and abs(lines[-1][0]["matrix"][5] - char["matrix"][5]) < 1:
                lines[-1].append(char)
            else:
                lines.append([char])
        height = float(page.height)
        rules = [{"x0": r["x0"], "x1": r["x1"], "y": (r["top"] + r["bottom"]) / 2, "width": r["linewidth"],
                  "colour": tuple(r["stroking_color"] or (0,))}
                 for r in page.lines if abs(r["top"] - r["bottom"]) < 0.01]
        return Page([Piece(sorted(chars, key=lambda c: c["x0"]), height) for chars in lines], rules)


@pytest.fixture(scope="module")
def built(tmp_path_factory, fontconfig_file) -> dict[str, dict[str, Path]]:
    """For each letterhead: its DOCX and the two PDFs, built by `docgen build --format all`."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    root = tmp_path_factory.mktemp("letterhead")
    source = (FIXTURES / "letterhead" / "report.yaml").read_text(encoding="utf-8")
    start, end = source.index("letterhead:"), source.index("preamble:")
    outputs = {}
    for name, letterhead in LETTERHEADS.items():
        folder = root / name
        folder.mkdir()
        text = source if letterhead is None else source[:start] + letterhead + source[end:]
        (folder / "report.yaml").write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["build", str(folder), "--format", "all", "--out", str(root / "out")])
        assert result.exit_code == 0, result.output
        outputs[name] = {"docx": root / "out" / f"{name}.docx", "docgen": root / "out" / f"{name}.pdf"}
    rendered = docx_files_to_pdf([paths["docx"] for paths in outputs.values()], root / "libreoffice", fontconfig_file)
    for paths, pdf in zip(outputs.values(), rendered):
        paths["libreoffice"] = pdf
    return outputs


@pytest.fixture(scope="module")
def pages(built) -> dict[tuple[str, str], Page]:
    return {(name, writer): _page_one(paths[writer]) for name, paths in built.items() for writer in WRITERS}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("name", ["three-signers", "no-signer"])
def test_the_mark_is_red_xiaobiaosong_centred_its_top_35mm_below_the_text_block(pages, name, writer):
    mark = pages[name, writer].mark
    assert mark.top == pytest.approx(TOP + 35 * MM, abs=TOLERANCE)              # 72 mm from the page top
    assert (mark.x0 + mark.x1) / 2 == pytest.approx(CENTRE, abs=TOLERANCE)
    assert mark.colours == {RED}
    assert all(font.startswith(XIAOBIAOSONG) and "Bold" in font for font in mark.fonts), mark.fonts


@pytest.mark.parametrize("writer", WRITERS)
def test_the_mark_is_the_profiles_size_and_a_long_organ_name_shrinks_to_the_block(pages, writer):
    assert pages["three-signers", writer].mark.size == pytest.approx(42)          # 初号
    long = pages["no-signer", writer].mark
    assert long.text == LONG_ORGAN
    assert long.size == pytest.approx(21)          # 156 mm / 21 字, in whole half-points
    assert LEFT - 0.5 <= long.x0 and long.x1 <= RIGHT + 0.5                        # never wider than the block


@pytest.mark.parametrize("writer", WRITERS)
def test_without_signer_the_number_is_centred_two_lines_under_the_mark(pages, writer):
    page = pages["no-signer", writer]
    number = page.line("新府发〔2024〕12号")
    assert number.text == "新府发〔2024〕12号" and number.fonts == {f"{FANGSONG}-Regular"}
    assert number.size == pytest.approx(16)
    assert (number.x0 + number.x1) / 2 == pytest.approx(CENTRE, abs=TOLERANCE)
    # two blank lines under the mark, its em box centred in the third
    pitch = PITCH[writer]
    assert number.top == pytest.approx(page.mark.bottom + 2 * pitch + (pitch - 16) / 2, abs=TOLERANCE)


@pytest.mark.parametrize("writer", WRITERS)
def test_one_signer_on_the_numbers_line_right_1_char_in_the_number_left_1_char_in(pages, writer):
    page = pages["one-signer", writer]
    line = page.line("新府发〔2024〕12号")
    assert line.text == "新府发〔2024〕12号签发人：张三"
    number, label, name = line.part("新府发〔2024〕12号"), line.part("签发人："), line.part("张三")
    assert number.x0 == pytest.approx(LEFT + 16, abs=TOLERANCE)                  # 1 字 of 3号
    assert name.x1 == pytest.approx(RIGHT - 16, abs=TOLERANCE)
    assert label.x1 <= name.x0 + 0.5
    assert (number.fonts, label.fonts) == ({f"{FANGSONG}-Regular"}, {f"{FANGSONG}-Regular"})
    assert all(KAITI in font for font in name.fonts)
    pitch = PITCH[writer]
    assert line.top == pytest.approx(page.mark.bottom + 2 * pitch + (pitch - 16) / 2, abs=TOLERANCE)


@pytest.mark.parametrize("writer", WRITERS)
def test_three_signers_two_a_line_the_number_on_the_last_signers_line(pages, writer):
    page = pages["three-signers", writer]
    first, last = page.line("签发人："), page.line("新府发〔2024〕12号")
    assert first.text == "签发人：张三李四" and last.text == "新府发〔2024〕12号王五"     # (U+3000 not drawn)
    assert first.x1 == pytest.approx(RIGHT - 16, abs=TOLERANCE)
    # the next line's name starts under the first name of the line above
    assert last.part("王五").x0 == pytest.approx(first.part("张三").x0, abs=TOLERANCE)
    assert last.part("新府发").x0 == pytest.approx(LEFT + 16, abs=TOLERANCE)
    pitch = PITCH[writer]
    assert first.top == pytest.approx(page.mark.bottom + 2 * pitch + (pitch - 16) / 2, abs=TOLERANCE)
    assert last.baseline - first.baseline == pytest.approx(pitch, abs=0.5)


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("name", ["three-signers", "one-signer", "no-signer"])
def test_the_red_rule_spans_the_block_4mm_below_the_number(pages, name, writer):
    """4 mm from the bottom of the 发文字号's em box to the middle of the rule, 1.5 pt red."""
    page = pages[name, writer]
    [rule] = page.rules
    assert rule["colour"] == RED and rule["width"] == pytest.approx(1.5, abs=0.05)
    assert rule["x0"] == pytest.approx(LEFT, abs=TOLERANCE)                      # 28 mm from the left
    assert rule["x1"] - rule["x0"] == pytest.approx(156 * MM, abs=TOLERANCE)
    number = page.containing("新府发〔2024〕12号").part("新府发〔2024〕12号")
    assert rule["y"] == pytest.approx(number.bottom + 4 * MM, abs=TOLERANCE)


@pytest.mark.parametrize("writer", WRITERS)
def test_without_number_the_signers_line_stays_and_the_rule_keeps_its_place(pages, writer):
    """A draft's 版头 (new-year empties the 发文字号): the 签发人 line where it would be, the rule
    4 mm under the em box the 发文字号 would have on it."""
    page, pitch = pages["no-number", writer], PITCH[writer]
    signer = page.line("签发人：")
    assert signer.text == "签发人：张三李四" and signer.x1 == pytest.approx(RIGHT - 16, abs=TOLERANCE)
    assert signer.top == pytest.approx(page.mark.bottom + 2 * pitch + (pitch - 16) / 2, abs=TOLERANCE)
    [rule] = page.rules
    assert rule["y"] == pytest.approx(signer.bottom + 4 * MM, abs=TOLERANCE)


@pytest.mark.parametrize("writer", WRITERS)
def test_copy_number_secrecy_and_urgency_flush_left_on_lines_1_to_3(pages, writer):
    page, pitch = pages["three-signers", writer], PITCH[writer]
    for row, (text, font) in enumerate((("000123", FANGSONG), ("秘密★1年", HEITI), ("特急", HEITI))):
        line = page.line(text)
        assert line.text == text and line.x0 == pytest.approx(LEFT, abs=TOLERANCE)
        assert TOP + row * pitch <= line.top and line.bottom <= TOP + (row + 1) * pitch
        assert all(font in f for f in line.part(text[:2]).fonts)


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("name, lines", [("three-signers", 11), ("one-signer", 10), ("no-signer", 9),
                                         ("no-number", 10)])
def test_the_title_is_on_the_grid_two_lines_under_the_rule(pages, name, lines, writer):
    """The 版头 takes whole grid lines: the title's first line sits as in a plain report,
    that many lines lower, its line's top 2 ± ½ lines under the rule."""
    page, plain, pitch = pages[name, writer], pages["plain", writer], PITCH[writer]
    title, plain_title = page.line("无锡市新吴区人民政府2023年"), plain.line("无锡市新吴区人民政府2023年")
    assert title.baseline - plain_title.baseline == pytest.approx(lines * pitch, abs=0.3)
    [rule] = page.rules
    assert 1.5 <= (TOP + lines * pitch - rule["y"]) / pitch <= 2.5
    assert plain.rules == [] and RED not in {c for line in plain.lines for c in line.colours}


def _paragraph(paragraphs, style_name: str):
    return next(p for p in paragraphs if p.style_name == style_name)


def test_the_docx_sets_each_element_in_its_font_size_and_colour(built):
    paragraphs = body_paragraphs(built["three-signers"]["docx"])
    expected = {"份号": [("000123", "仿宋_GB2312", 32, "000000")],
                "密级和保密期限": [("秘密★1年", "黑体", 32, "000000")],
                "紧急程度": [("特急", "黑体", 32, "000000")],
                "发文机关标志": [("无锡市新吴区人民政府", "方正小标宋简体", 84, "FF0000")]}
    for style, runs in expected.items():
        assert [(r.text, r.east_asia, r.size_half_points, r.color) for r in _paragraph(paragraphs, style).runs] == runs
    signers = [p for p in paragraphs if p.style_name == "签发人"]
    assert [[(r.text, r.east_asia, r.size_half_points) for r in p.runs] for p in signers] == [
        [("签发人：", "仿宋_GB2312", 32), ("张三　李四", "楷体_GB2312", 32)],
        [("新府发〔2024〕12号", "仿宋_GB2312", 32), ("\t王五", "楷体_GB2312", 32)]]
    long = body_paragraphs(built["no-signer"]["docx"])
    [organ] = _paragraph(long, "发文机关标志").runs
    assert (organ.east_asia, organ.size_half_points, organ.color) == ("方正小标宋简体", 42, "FF0000")
    [number] = _paragraph(long, "发文字号").runs
    assert (number.text, number.east_asia, number.size_half_points) == ("新府发〔2024〕12号", "仿宋_GB2312", 32)


def test_the_docx_rule_is_a_red_border_across_the_text_block(built):
    """The top border of a one-row table 156 mm wide (8844 twips), 1.5 pt (12 eighths), red."""
    body = part(built["three-signers"]["docx"], "word/document.xml").find("w:body", NS)
    [table] = body.findall("w:tbl", NS)
    assert table.find("w:tblPr/w:tblW", NS).get(w("w")) == "8844"
    [border] = table.findall(".//w:tcBorders/*", NS)
    assert (border.tag, border.get(w("sz")), border.get(w("color"))) == (w("top"), "12", "FF0000")
    assert part(built["plain"]["docx"], "word/document.xml").find("w:body/w:tbl", NS) is None



def test_a_line_of_the_letterhead_too_wide_for_the_block_is_refused_with_its_place(tmp_path, substitute_fonts):
    """Each element of the 版头 is one line: a 密级 or a 签发人 line that would not fit is a
    located error in both formats, and nothing is written."""
    source = (FIXTURES / "letterhead" / "report.yaml").read_text(encoding="utf-8")
    names = ", ".join(["欧阳" + "长" * 8 + "名"] * 2)
    text = (source.replace("secrecy: 秘密★1年", "secrecy: " + "秘密" * 15)
            .replace("signer: [张三, 李四, 王五]", f"signer: [{names}]"))
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    for fmt in ("docx", "pdf"):
        result = CliRunner().invoke(main, ["build", str(tmp_path), "--format", fmt, "--out", str(tmp_path / "out")])
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            f"{tmp_path}/report.yaml:13:12: letterhead.signer: '新府发〔2024〕12号 签发人：欧阳长长长长长长长长名　"
            "欧阳长长长长长长长长名' does not fit on one line of the 版头 (GB/T 9704 7.2); shorten it",
            f"{tmp_path}/report.yaml:15:12: letterhead.secrecy: '{'秘密' * 15}' does not fit on one line of the 版头 "
            "(GB/T 9704 7.2); shorten it",
            "2 error(s); nothing was written."]
        assert not (tmp_path / "out").exists()
    checked = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert checked.exit_code == 1 and checked.output.splitlines()[:2] == result.output.splitlines()[:2]
