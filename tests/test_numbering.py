"""Heading numbers end to end: `numbering: continue` counts 1. 2. 3. 4. straight through a
section's （一）（二）, the default (and `numbering: restart`) starts again under each, the
profile's heading_numbering switches the default; a `number: false` section takes no number,
is not counted and starts at the indent of its numbered siblings; heading-only sections
(run in or not) print as their heading alone, keep nothing with them, and feed the 简报 and
`new-year`; the PDF's outline and the DOCX's outline levels follow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from conftest import FIXTURES, require
from docgen.cli import main
from docgen.content.load import load_report
from docx_xml import body_paragraphs
from hostile_corpus import edit
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import read_pages

SOURCE = FIXTURES / "emphasis-numbering"
CONTINUE = "    numbering: continue\n"          # on 一、主要举措及成效
PLAN = ["（一）持续深化法治政府示范创建，力争进入全省第一方阵。", "（二）全面提升行政执法质效。",
        "（三）加强法治宣传教育。"]


def _outline(first: list[str], second: list[str]) -> list[tuple[int, str]]:
    """The report's headings, level and text, with level 3 of 一 and of 二 numbered as given."""
    a, b = first, second
    return [(1, "一、主要举措及成效"), (2, "（一）健全制度体系"), (3, f"{a[0]}.完善规范性文件审查"),
            (3, f"{a[1]}.推进合法性审核"), (4, "（1）严格审核程序"), (4, "（2）提升审核能力"),
            (2, "（二）规范执法行为"), (3, f"{a[2]}.开展执法检查"), (3, f"{a[3]}.加强执法监督"),
            (4, "（1）完善监督机制"), (1, "二、履行第一责任人职责情况"), (2, "（一）带头学法"),
            (3, f"{b[0]}.党组会学法"), (3, f"{b[1]}.专题讲座"), (2, "其他工作"), (2, "（二）带头守法"),
            (3, f"{b[2]}.依法决策"), (3, f"{b[3]}.依法履职"),
            (1, "三、存在的不足和原因"), (1, "四、下一年度的主要安排"), *((2, item) for item in PLAN)]


RESTARTED, CONTINUED = list("1212"), list("1234")
# (profile's heading_numbering, what 一 says) → the outline
VARIANTS = {
    ("restart", "continue"): _outline(CONTINUED, RESTARTED),
    ("restart", None): _outline(RESTARTED, RESTARTED),
    ("continue", None): _outline(CONTINUED, CONTINUED),
    ("continue", "restart"): _outline(RESTARTED, CONTINUED),
}


def _build(root: Path, name: str, profile: str, numbering: str | None, formats: str = "pdf") -> Path:
    content = root / name
    shutil.copytree(SOURCE, content)
    report = content / "report.yaml"
    report.write_text(edit(report.read_text(encoding="utf-8"), CONTINUE,
                           f"    numbering: {numbering}\n" if numbering else ""), encoding="utf-8")
    args = ["build", str(content), "--format", formats, "--out", str(root / "out")]
    if profile != "restart":
        (root / "house.yaml").write_text(f"extends: gbt9704\nname: house\nelements:\n  heading_numbering: {profile}\n",
                                         encoding="utf-8")
        args += ["--profile", str(root / "house.yaml")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return root / "out"


def _pdf_outline(pdf_path: Path) -> list[tuple[int, str]]:
    with open(pdf_path, "rb") as handle:
        return [(level, title) for level, title, *_ in PDFDocument(PDFParser(handle)).get_outlines()]


@pytest.mark.parametrize("profile, numbering", list(VARIANTS), ids=[f"{p}-{n}" for p, n in VARIANTS])
def test_numbering_continues_or_restarts_as_the_section_or_the_profile_says(tmp_path, substitute_fonts, profile,
                                                                            numbering):
    """The PDF's outline: every heading, run-in ones too, at its level and with its number."""
    out = _build(tmp_path, "numbered-2023", profile, numbering)
    assert _pdf_outline(out / "numbered-2023.pdf") == VARIANTS[(profile, numbering)]


@pytest.fixture(scope="module")
def standard(tmp_path_factory, fontconfig_file) -> dict[str, Path]:
    """The fixture's report (DOCX, PDF) and 简报 (DOCX) by the CLI, and LibreOffice's PDF of the DOCX."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    root = tmp_path_factory.mktemp("numbering")
    out = _build(root, "numbered-2023", "restart", "continue", formats="all")
    [rendered] = docx_files_to_pdf([out / "numbered-2023.docx"], root / "lo", fontconfig_file)
    return {"docx": out / "numbered-2023.docx", "pdf": out / "numbered-2023.pdf", "lo": rendered,
            "brief": out / "numbered-2023-brief.docx"}


def test_the_docx_gives_every_heading_paragraph_its_level_and_number(standard):
    """Headings as paragraphs of their level's style with its outline level; a run-in heading (with
    text or alone) begins a body paragraph, as the PDF's outline lists it."""
    expected = VARIANTS[("restart", "continue")]
    paragraphs = body_paragraphs(standard["docx"])
    styles = ["公文一级标题", "公文二级标题", "公文三级标题", "公文四级标题"]
    headings = [(styles.index(p.style_name) + 1, p.text, p.ppr("outlineLvl", "val")) for p in paragraphs
                if p.style_name in styles]
    run_in = {"3.开展执法检查", "（二）全面提升行政执法质效。"}
    assert [(level, text) for level, text, _ in headings] == [h for h in expected if h[1] not in run_in]
    assert all(outline == str(level - 1) for level, _, outline in headings)
    body = [p for p in paragraphs if p.style_name == "公文正文"]
    assert [p.runs[0].text for p in body if p.runs[0].text in run_in] == ["3.开展执法检查", PLAN[1]]
    assert [p.ppr("outlineLvl") for p in body] == [None] * len(body)


def _line(pages, text: str):
    return next(line for page in pages for line in page.lines if line.text == text)


@pytest.mark.parametrize("pdf", ["pdf", "lo"])
def test_an_unnumbered_heading_starts_where_its_numbered_siblings_do(standard, pdf):
    """number: false: no number and no gap before the title, at the level's indent (2 字)."""
    pages = read_pages(standard[pdf])
    unnumbered, numbered = _line(pages, "其他工作"), _line(pages, "（二）带头守法")
    assert abs(unnumbered.x0 - numbered.x0) < 0.1


@pytest.mark.parametrize("pdf", ["pdf", "lo"])
def test_heading_only_items_print_as_their_heading_at_the_level_indent(standard, pdf):
    pages = read_pages(standard[pdf])
    plan = [_line(pages, item) for item in PLAN]
    indent = _line(pages, "（一）带头学法").x0
    assert all(abs(line.x0 - indent) < 0.1 for line in plan)
    # run in or not, in the heading font of their level (楷体), one after the other
    assert len({frozenset(line.fonts) for line in plan}) == 1
    assert [line.baseline for line in plan] == sorted(line.baseline for line in plan)


def test_a_heading_alone_keeps_nothing_with_it_in_the_docx(standard):
    paragraphs = {p.text: p for p in body_paragraphs(standard["docx"])}
    alone, run_in = paragraphs[PLAN[0]], paragraphs[PLAN[1]]
    assert alone.style_name == "公文二级标题" and alone.ppr("keepNext", "val") == "0"
    assert paragraphs["（一）健全制度体系"].ppr("keepNext") is not None
    assert paragraphs["（一）健全制度体系"].ppr("keepNext", "val") in (None, "1", "true")
    assert run_in.style_name == "公文正文" and run_in.ppr("keepNext") is None
    assert [(r.text, r.east_asia, r.bold) for r in run_in.runs] == [(PLAN[1], "楷体_GB2312", False)]


def test_the_brief_lists_the_heading_only_plan_items(standard):
    texts = [p.text for p in body_paragraphs(standard["brief"])]
    assert "持续深化法治政府示范创建，力争进入全省第一方阵；全面提升行政执法质效；加强法治宣传教育。" in texts


HEADING_ONLY = """kind: annual-report
year: 2023
issuer: 某市某区司法局
date: 2024-02-28
signature: 某市某区司法局
preamble: [现将有关情况报告如下。]
sections:
  - role: next_year
    title: 下一年度的主要安排
    sections:
{items}"""


def test_a_string_of_heading_only_items_fills_every_page(tmp_path, fontconfig_file):
    """Eighty plan items, every third run in: none keeps with the next, so no page ends early
    (the title's 2 lines, a blank line, the preamble and the heading, then 17 items; 22 a page),
    in the PDF and in LibreOffice's render."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    items = "".join(f"      - title: 第{i}项安排。\n" + ("        run_in: true\n" if i % 3 == 0 else "")
                    for i in range(1, 81))
    content = tmp_path / "plan-2023"
    content.mkdir()
    (content / "report.yaml").write_text(HEADING_ONLY.format(items=items), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(content), "--format", "all", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [rendered] = docx_files_to_pdf([tmp_path / "out" / "plan-2023.docx"], tmp_path / "lo", fontconfig_file)
    for pdf in (tmp_path / "out" / "plan-2023.pdf", rendered):
        pages = [[line.text for line in page.lines if not line.text.startswith("—")] for page in read_pages(pdf)]
        assert [len(page) for page in pages[:3]] == [21, 22, 22]
        items_shown = [text for page in pages for text in page if text.endswith("项安排。")]
        assert items_shown == [f"（{_numeral(i)}）第{i}项安排。" for i in range(1, 81)]


def _numeral(n: int) -> str:
    ones = "一二三四五六七八九"
    tens, unit = divmod(n, 10)
    return (("" if tens == 1 else ones[tens - 1]) + "十" if tens else "") + (ones[unit - 1] if unit else "")


def test_new_year_takes_the_heading_only_plan_items_without_their_marks(tmp_path):
    content = tmp_path / "numbered-2023"
    shutil.copytree(SOURCE, content)
    result = CliRunner().invoke(main, ["new-year", str(content)])
    assert result.exit_code == 0, result.output
    draft = tmp_path / "numbered-2024"
    assert [str(item.text) for item in load_report(draft).checklist] == [
        "持续深化法治政府示范创建，力争进入全省第一方阵", "全面提升行政执法质效", "加强法治宣传教育"]
    result = CliRunner().invoke(main, ["build", str(draft), "--format", "docx", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in body_paragraphs(tmp_path / "out" / "numbered-2024.docx")]
    assert "【上年安排待报告：全面提升行政执法质效】" in texts
    assert not any("*" in text for text in texts)


def test_new_year_cuts_a_first_sentence_inside_a_bold_span_cleanly(tmp_path):
    """The plan's paragraphs give their first sentences: one that ends inside **…** must not take
    a lone ** into the draft (which would not load)."""
    content = tmp_path / "plan-2023"
    content.mkdir()
    paragraphs = '    paragraphs: ["完善**制度。健全**机制。", "**加强**宣传。"]\n'
    plan = HEADING_ONLY.replace("    sections:\n{items}", paragraphs)
    (content / "report.yaml").write_text(plan, encoding="utf-8")
    result = CliRunner().invoke(main, ["new-year", str(content)])
    assert result.exit_code == 0, result.output
    assert [str(item.text) for item in load_report(tmp_path / "plan-2024").checklist] == ["完善制度。", "加强宣传。"]
