"""Attachments with pages of their own (GB/T 9704 §7.3.7), built through the command and
measured in docgen's PDF and in LibreOffice's rendering of the DOCX as shipped.

The content (tests/fixtures/attachment-pages) has two attachments with a body and one
name only, listed in that order in the 附件说明. Its main text ends on the last grid line
of page 1 (the 附注 on line 22), so that the first attachment's page break comes when
the page is exactly full, where a break could leave a blank page; the second attachment
takes two pages and its last one carries the 版记.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import grid_checks as grid
from conftest import FIXTURES, require
from docgen.cli import main
from docx_xml import NS, body_paragraphs
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import Line, Page, read_pages

CONTENT = FIXTURES / "attachment-pages"
NAME = CONTENT.name
TITLES = ("某市某区2023年度法治政府建设重点任务完成情况", "2024年度法治政府建设工作要点",
          "某市某区2023年度法治政府建设工作台账")
# The substitutes of the label's 黑体 and the title's 小标宋 (the fonts docgen embeds, and
# those the tests' fontconfig file gives LibreOffice).
HEITI, XIAOBIAOSONG = "WenQuanYiMicroHei", "NotoSerifCJK"
# Pages of the attachments' labels, and where each attachment's text begins (grid line,
# text): the body after the title (one line or two) and one blank line.
ATTACHMENTS = (("附件1", 2, ("某市某区2023年度法治政府建设", "重点任务完成情况"), (6, "一、制度建设")),
               ("附件2", 3, (TITLES[1],), (5, "一是深入学习宣传贯彻")))


def _build(runner: CliRunner, content: Path, out: Path, fmt: str) -> None:
    result = runner.invoke(main, ["build", str(content), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory, fontconfig_file) -> Path:
    """docgen/: the report and 简报 as `docgen build --format all` writes them;
    libreoffice/: the report's DOCX rendered by LibreOffice."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("attachment-pages")
    _build(CliRunner(), CONTENT, out / "docgen", "all")
    docx_files_to_pdf([out / "docgen" / f"{NAME}.docx"], out / "libreoffice", fontconfig_file)
    return out


@pytest.fixture(scope="module", params=["docgen", "libreoffice"])
def pages(request, built) -> list[Page]:
    return read_pages(built / request.param / f"{NAME}.pdf")


def _body(page: Page) -> list[Line]:
    return grid.body_lines(page)


def _family(line: Line) -> set[str]:
    return {font.split("-")[0] for font in line.fonts}


def test_each_attachment_starts_a_page_with_its_label_flush_left_on_line_1(pages):
    """附件1, 附件2 in 黑体 3号 (16 pt), 顶格: the first glyph on the text block's left edge
    (28 mm), the glyphs within grid line 1 (37 mm from the top, one line pitch high), ±1 mm."""
    for label, page, _, _ in ATTACHMENTS:
        first = _body(pages[page - 1])[0]
        assert first.text == label
        assert abs(first.x0 - grid.LEFT) <= grid.MM, (first.x0 - grid.LEFT) / grid.MM
        assert grid.TOP - grid.MM <= first.top and first.bottom <= grid.TOP + grid.GRID_PITCH + grid.MM
        assert grid.grid_line(first) == 1
        assert _family(first) == {HEITI} and {g.size for g in first.glyphs} == {16}


def test_the_title_is_centred_on_line_3_in_xiaobiaosong_2hao_then_a_blank_line_and_the_text(pages):
    """The title broken as the report's title is (≤ 20 a line, at word boundaries), each line
    centred in the block in 小标宋 22 pt, from grid line 3; the text after one blank line."""
    for _, page, title_lines, (text_line, text) in ATTACHMENTS:
        body = _body(pages[page - 1])
        titles = body[1:1 + len(title_lines)]
        assert [line.text for line in titles] == list(title_lines)
        assert [grid.grid_line(line) for line in titles] == list(range(3, 3 + len(title_lines)))
        for line in titles:
            assert abs((line.x0 + line.x1) / 2 - (grid.LEFT + grid.RIGHT) / 2) <= grid.MM, line.text
            assert all(font.startswith(XIAOBIAOSONG) and "Bold" in font for font in line.fonts), line.fonts
            assert {g.size for g in line.glyphs} == {22}
        after = body[1 + len(title_lines)]
        assert (grid.grid_line(after), after.text[:len(text)]) == (text_line, text)


def test_the_page_before_the_first_attachment_ends_the_main_text_and_no_page_is_blank(pages):
    """Page 1 holds the signature, the date and the 附注, the 附注 on its last grid line (a
    full page); the first attachment follows on page 2: no blank page between them."""
    first = _body(pages[0])
    assert [line.text for line in first[-3:]] == ["某市某区司法局", "2024年2月28日", "（此件公开发布）"]
    assert grid.grid_line(first[-1]) == 22
    assert _body(pages[1])[0].text == "附件1"
    assert len(pages) == 4


def test_page_numbers_continue_on_the_attachment_pages(pages):
    """— 1 — … — 4 —, odd pages right, even left (GB/T 9704 §7.5)."""
    grid.check_page_numbers(pages)
    assert [grid.footer_lines(page)[0].text.replace(" ", "") for page in pages] == [f"—{n}—" for n in range(1, 5)]


def test_the_distribution_is_at_the_foot_of_the_last_attachment_page(pages):
    """The 版记 (抄送, 印发) on grid lines 21 and 22 of the page where the second
    attachment's text ends: after the attachments, at the foot of the last page (§7.4)."""
    last = _body(pages[-1])
    assert last[0].text.startswith("七是加强法治工作队伍建设") and last[2].text.endswith("中的作用。")
    assert [(line.text[:3], grid.grid_line(line)) for line in last[-2:]] == [("抄送：", 21), ("某市某", 22)]
    assert len(last) == 5


def test_the_attachments_note_lists_every_attachment_by_its_number(pages):
    """The 附件说明 names all three, the name-only one too, numbered 1. 2. 3. in their order."""
    lines = [line.text for line in _body(pages[0])]
    start = next(i for i, text in enumerate(lines) if text.startswith("附件："))
    note = "".join(lines[start:start + 4])
    assert note == "附件：" + "".join(f"{n}.{title}" for n, title in enumerate(TITLES, start=1))


def test_the_docx_breaks_the_page_before_each_label(built):
    """w:pageBreakBefore on the labels' paragraphs (their style, 附件标识) and on no other;
    labels flush left in 黑体 16 pt, titles centred in 小标宋 22 pt, with a line break where
    the title is broken."""
    paragraphs = body_paragraphs(built / "docgen" / f"{NAME}.docx")
    breaking = [p for p in paragraphs if p.ppr("pageBreakBefore") is not None]
    assert [(p.text, p.style_name) for p in breaking] == [("附件1", "附件标识"), ("附件2", "附件标识")]
    for label in breaking:
        assert label.ppr("jc", "val") == "left" and label.ppr("ind") is None
        assert {(run.east_asia, run.size_half_points, run.bold) for run in label.runs} == {("黑体", 32, False)}
    titles = [p for p in paragraphs if p.style_name == "附件标题"]
    assert [p.text for p in titles] == ["".join(lines) for _, _, lines, _ in ATTACHMENTS]
    assert len(titles[0].element.findall(".//w:br", NS)) == 1
    for title in titles:
        assert title.ppr("jc", "val") == "center"
        assert {(run.east_asia, run.size_half_points) for run in title.runs} == {("方正小标宋简体", 44)}


def _with_attachments(tmp_path: Path, attachments: str) -> Path:
    """The test content with its attachments: replaced."""
    folder = tmp_path / NAME
    shutil.copytree(CONTENT, folder)
    path = folder / "report.yaml"
    text = re.sub(r"(?ms)^attachments:\n.*?(?=^note:)", lambda _: attachments, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return folder


BODY = "    paragraphs: [完成各项任务。]\n"


@pytest.mark.parametrize(("attachments", "labels"), [
    ("attachments:\n  - title: 工作要点\n" + BODY, ["附件"]),
    ("attachments:\n  - 名单\n  - title: 工作要点\n" + BODY + "  - 台账\n  - title: 任务清单\n" + BODY,
     ["附件2", "附件4"]),
    ("attachments:\n  - 名单\n  - 台账\n", []),
], ids=["one attachment: no number", "numbered by their place in the list", "names only: no pages"])
def test_a_label_is_numbered_as_in_the_attachments_note(tmp_path, attachments, labels):
    """附件 alone when there is one attachment (§7.3.4 numbers only several); else 附件 and
    the number of its place in the 附件说明, names without a body counted too."""
    _build(CliRunner(), _with_attachments(tmp_path, attachments), tmp_path / "out", "docx")
    paragraphs = body_paragraphs(tmp_path / "out" / f"{NAME}.docx")
    assert [p.text for p in paragraphs if p.ppr("pageBreakBefore") is not None] == labels
    assert [p.text for p in paragraphs if p.style_name == "附件标识"] == labels


def test_the_brief_is_the_same_with_or_without_attachment_pages(built, tmp_path):
    """The 简报 is made of the report's own text: the attachments' bodies change no byte of it."""
    names_only = "attachments:\n" + "".join(f"  - {title}\n" for title in TITLES)
    _build(CliRunner(), _with_attachments(tmp_path, names_only), tmp_path / "out", "all")
    for suffix in (".docx", ".pdf"):
        ours = (built / "docgen" / f"{NAME}-brief{suffix}").read_bytes()
        assert ours == (tmp_path / "out" / f"{NAME}-brief{suffix}").read_bytes(), suffix
