"""Inline emphasis (**…**) end to end: the words a paragraph's text marks are set in the
profile's emphasis style and nowhere else, in the DOCX (runs of the emphasis character
style, bold, their fonts), in docgen's PDF (their font, drawn bold: fill and stroke, text
render mode 2) and in LibreOffice's render of the DOCX; beside a lead phrase and after a
run-in heading; with the standard profile (bold 仿宋) and a house one (黑体, not bold).
The markers never reach any output, and a field printed as written refuses them.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, require
from docgen.cli import main
from docx_xml import NS, Para, Run, Styles, body_paragraphs, part, w
from hostile_corpus import edit
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import Glyph, read_pages, text_in_render_mode

SOURCE = FIXTURES / "emphasis-numbering"
# The preamble as the reader sees it, its **…** marks showing which words are emphasised.
PREAMBLE = ("2023年，一是**强化组织领导**，全年办结**1200件**；二是**狠抓制度落实**，建成**OA系统**并投入使用，"
            "现将有关情况报告如下。")
EMPHASISED = ["强化组织领导", "1200件", "狠抓制度落实", "OA系统", "86件", "100%", "全覆盖", "基层法治力量"]
LEAD = "一是提高审查质量。"
RUN_IN_HEADING = "3.开展执法检查"      # level 3: bold 仿宋 (elements.headings)
# Everything the report draws bold, in reading order: emphasis, the lead phrase, level-3 headings.
BOLD = ("强化组织领导1200件狠抓制度落实OA系统1.完善规范性文件审查" + LEAD + "86件100%2.推进合法性审核"
        + RUN_IN_HEADING + "全覆盖4.加强执法监督1.党组会学法2.专题讲座1.依法决策2.依法履职基层法治力量")
HOUSE = ("extends: gbt9704\nname: house-heiti\nelements:\n  emphasis:\n    font: heiti\n    bold: false\n"
         "docx_styles:\n  emphasis: 重点词语\n")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, fontconfig_file) -> dict[str, Path]:
    """By the CLI: the report (DOCX, PDF) and its 简报 with the standard profile, the report with
    the house profile; and LibreOffice's PDF of each report DOCX."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    root = tmp_path_factory.mktemp("emphasis")
    content = root / "emphasis-2023"
    shutil.copytree(SOURCE, content)
    (root / "house").mkdir()
    (root / "house" / "profile.yaml").write_text(HOUSE, encoding="utf-8")
    runner = CliRunner()
    for args in (["build", str(content), "--format", "all", "--out", str(root / "standard")],
                 ["build", str(content), "--format", "pdf", "--out", str(root / "house"),
                  "--profile", str(root / "house" / "profile.yaml")],
                 ["build", str(content), "--format", "docx", "--out", str(root / "house"),
                  "--profile", str(root / "house" / "profile.yaml")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    docx_files_to_pdf([root / "standard" / "emphasis-2023.docx"], root / "standard-lo", fontconfig_file)
    docx_files_to_pdf([root / "house" / "emphasis-2023.docx"], root / "house-lo", fontconfig_file)
    return {"docx": root / "standard" / "emphasis-2023.docx", "pdf": root / "standard" / "emphasis-2023.pdf",
            "lo": root / "standard-lo" / "emphasis-2023.pdf",
            "brief-docx": root / "standard" / "emphasis-2023-brief.docx",
            "brief-pdf": root / "standard" / "emphasis-2023-brief.pdf",
            "house-docx": root / "house" / "emphasis-2023.docx", "house-pdf": root / "house" / "emphasis-2023.pdf",
            "house-lo": root / "house-lo" / "emphasis-2023.pdf"}


def _runs(docx_path: Path) -> list[tuple[str, str | None, Run]]:
    """Every run of the body text: (text, the name of its character style or None, the run as read)."""
    return [found for paragraph in body_paragraphs(docx_path) for found in _runs_of(paragraph)]


def _runs_of(paragraph: Para) -> Iterator[tuple[str, str | None, Run]]:
    for element, run in zip(paragraph.element.findall("w:r", NS), paragraph.runs):
        style = element.find("w:rPr/w:rStyle", NS)
        yield run.text, None if style is None else paragraph.styles.name(style.get(w("val"))), run


def test_the_docx_sets_the_marked_words_as_runs_of_the_emphasis_character_style(outputs):
    runs = _runs(outputs["docx"])
    assert [text for text, style, _ in runs if style == "强调文字"] == EMPHASISED
    for _, style, run in runs:
        if style == "强调文字":
            assert run.bold and run.size_half_points == 32
            assert run.fonts["eastAsia"] == run.fonts["ascii"] == "仿宋_GB2312"
    # No other run of a body paragraph is bold but the lead phrase and the run-in level-3 heading.
    body = [p for p in body_paragraphs(outputs["docx"]) if p.style_name == "公文正文"]
    bold = [run.text for p in body for run in p.runs if run.bold]
    assert bold == ["强化组织领导", "1200件", "狠抓制度落实", "OA系统", LEAD, "86件", "100%", RUN_IN_HEADING, "全覆盖",
                    "基层法治力量"]
    assert [style for text, style, _ in runs if text == LEAD] == ["段首主旨句"]
    styles = Styles(outputs["docx"])
    [emphasis] = [s for s in styles.by_id.values() if styles.name(s.get(w("styleId"))) == "强调文字"]
    assert emphasis.get(w("type")) == "character" and emphasis.find("w:rPr/w:b", NS) is not None


def test_the_lead_phrase_and_the_run_in_heading_keep_their_own_runs(outputs):
    texts = {p.text: p for p in body_paragraphs(outputs["docx"])}
    lead = texts[LEAD + "全年审查文件86件，合格率100%。"]
    assert [r.text for r in lead.runs] == [LEAD, "全年审查文件", "86件", "，合格率", "100%", "。"]
    run_in = texts[RUN_IN_HEADING + "执法检查全覆盖。"]
    assert [(r.text, r.bold, r.east_asia) for r in run_in.runs] == [
        (RUN_IN_HEADING, True, "仿宋_GB2312"), ("执法检查", False, "仿宋_GB2312"), ("全覆盖", True, "仿宋_GB2312"),
        ("。", False, "仿宋_GB2312")]


def _mask(marked: str) -> list[bool]:
    """For each character of the text without its ** marks: whether the marks enclose it."""
    return [i % 2 == 1 for i, piece in enumerate(marked.split("**")) for _ in piece]


def _paragraph_glyphs(pdf_path: Path, start: str, length: int) -> list[Glyph]:
    """The glyphs of the paragraph whose first line begins with `start`, `length` of them."""
    lines = [line for page in read_pages(pdf_path) for line in page.lines]
    first = next(i for i, line in enumerate(lines) if line.text.startswith(start))
    glyphs = [g for line in lines[first:] for g in line.glyphs]
    return glyphs[:length]


def _fonts(pdf_path: Path, line_text: str) -> set[str]:
    """The fonts of a whole line (no subset prefix)."""
    return next(line.fonts for page in read_pages(pdf_path) for line in page.lines if line.text == line_text)


@pytest.mark.parametrize("pdf", ["pdf", "lo"])
def test_the_pdfs_draw_the_marked_words_bold_in_the_body_font_and_nothing_else(outputs, pdf):
    """docgen's PDF and LibreOffice's render of the DOCX: the emphasised characters (with the
    lead and the level-3 headings, bold by the profile) and only they are drawn in render mode 2."""
    assert text_in_render_mode(outputs[pdf], 2) == BOLD
    mask = _mask(PREAMBLE)
    glyphs = _paragraph_glyphs(outputs[pdf], "2023年，一是", len(mask))
    assert "".join(g.text for g in glyphs) == PREAMBLE.replace("**", "")
    body = _fonts(outputs[pdf], "审核程序更加规范。")
    assert len(body) == 1 and {g.font.split("+", 1)[-1] for g in glyphs} == body   # bold 仿宋: the body's font


@pytest.mark.parametrize("pdf", ["house-pdf", "house-lo"])
def test_a_house_profile_sets_the_marked_words_in_heiti_not_bold(outputs, pdf):
    """elements.emphasis {font: heiti, bold: false}: the emphasised characters in the font of the
    黑体 headings, the rest of the paragraph in the body's; none of them drawn bold."""
    assert text_in_render_mode(outputs[pdf], 2) == BOLD.replace("".join(EMPHASISED[:4]), "").replace(
        "86件100%", "").replace("全覆盖", "").replace("基层法治力量", "")
    heiti, body = _fonts(outputs[pdf], "一、主要举措及成效"), _fonts(outputs[pdf], "审核程序更加规范。")
    assert heiti != body and len(heiti) == len(body) == 1
    mask = _mask(PREAMBLE)
    glyphs = _paragraph_glyphs(outputs[pdf], "2023年，一是", len(mask))
    assert "".join(g.text for g in glyphs) == PREAMBLE.replace("**", "")
    assert [{g.font.split("+", 1)[-1]} for g in glyphs] == [heiti if bold else body for bold in mask]


def test_the_house_profile_names_its_emphasis_style_and_sets_heiti(outputs):
    runs = _runs(outputs["house-docx"])
    emphasised = [(text, run) for text, style, run in runs if style == "重点词语"]
    assert [text for text, _ in emphasised] == EMPHASISED
    assert all(not run.bold and run.fonts["eastAsia"] == "黑体" for _, run in emphasised)
    assert "强调文字" not in part(outputs["house-docx"], "word/styles.xml").xpath("string()")


def test_libreoffice_sets_every_line_as_the_pdf_does(outputs):
    """The script space next to digits and Latin letters across a run's edge, and the narrowing
    LibreOffice leaves off a run's last character, are set alike: the same lines on each page."""
    for ours, theirs in (("pdf", "lo"), ("house-pdf", "house-lo")):
        assert [[line.text for line in page.lines] for page in read_pages(outputs[theirs])] == \
            [[line.text for line in page.lines] for page in read_pages(outputs[ours])]


def _advances(pdf_path: Path, line_text: str) -> list[float]:
    """The distance from each glyph of the line to the next, pt."""
    line = next(line for page in read_pages(pdf_path) for line in page.lines if line.text == line_text)
    return [b.x0 - a.x0 for a, b in zip(line.glyphs, line.glyphs[1:])]


@pytest.mark.parametrize("line", ["制度落实，建成OA系统并投入使用，现将有关情况报告如下。",
                                  "工作还有差距，基层法治力量仍然薄弱。"])
def test_each_character_advances_as_libreoffice_sets_it_across_the_runs(outputs, line):
    """Last lines of paragraphs (not justified): LibreOffice leaves the narrowing (0.3 pt) off the
    last character of a run (实, 统, ，, 量) and parts a hanzi from a digit or Latin letter across
    a run's edge (成|OA); the PDF sets each advance alike, within 0.1 pt."""
    ours, theirs = _advances(outputs["pdf"], line), _advances(outputs["lo"], line)
    assert len(ours) == len(theirs) == len(line) - 1
    assert max(abs(a - b) for a, b in zip(ours, theirs)) < 0.1


def _docx_text(docx_path: Path) -> str:
    with zipfile.ZipFile(docx_path) as archive:
        return "".join(part(docx_path, name).xpath("string()") for name in archive.namelist()
                       if name.startswith("word/") and name.endswith(".xml"))


def test_no_marker_reaches_any_output(outputs):
    for kind in ("docx", "brief-docx", "house-docx"):
        text = _docx_text(outputs[kind])
        assert "强化组织领导" in text and "*" not in text
    for kind in ("pdf", "brief-pdf", "house-pdf", "lo", "house-lo"):
        text = "".join(line.text for page in read_pages(outputs[kind]) for line in page.lines)
        assert "强化组织领导" in text and "*" not in text


def test_the_brief_keeps_the_marked_sentence_without_its_marks(outputs):
    texts = [p.text for p in body_paragraphs(outputs["brief-docx"])]
    assert PREAMBLE.replace("**", "") in texts


@pytest.mark.parametrize("written, runs", [
    pytest.param("{{ '**' }}重点{{ '**' }}工作。", [("重点", "强调文字"), ("工作。", None)], id="template-made"),
    pytest.param("共**{{ metrics.cases }}**，计算{{ 2**3 }}次。",
                 [("共", None), ("1200件", "强调文字"), ("，计算8次。", None)], id="around-templates"),
    pytest.param("***重点***工作。", [("*重点", "强调文字"), ("*工作。", None)], id="odd-stars"),
])
def test_marks_made_by_templates_and_stars_in_templates(tmp_path, written, runs):
    """A template may write the marks; ** inside template code is Jinja's power; a third star is text."""
    content = tmp_path / "marks-2023"
    shutil.copytree(SOURCE, content)
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8")
    shortcomings = '["工作还有差距，**基层法治力量**仍然薄弱。"]'
    report.write_text(edit(text, shortcomings, f"[{json.dumps(written, ensure_ascii=False)}]"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(content), "--format", "docx", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [paragraph] = [p for p in body_paragraphs(tmp_path / "out" / "marks-2023.docx")
                   if p.text == "".join(t for t, _ in runs)]
    assert [(t, s) for t, s, _ in _runs_of(paragraph)] == runs



def test_a_field_printed_as_written_refuses_the_marks(tmp_path):
    content = tmp_path / "plain"
    shutil.copytree(SOURCE, content)
    report = content / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("issuer: 某市某区司法局", "issuer: 某市**某区**司法局")
                      .replace("label: 办理案件", "label: 办理**案件**"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(content)])
    assert result.exit_code == 1
    message = "** (bold words) is not possible here: this field is printed as written; remove the **"
    assert result.stderr.splitlines() == [f"{content}/report.yaml:5:9: issuer: {message}",
                                          f"{content}/report.yaml:10:12: metrics.cases.label: {message}",
                                          "2 error(s)."]
