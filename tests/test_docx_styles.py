"""The DOCX's named styles: every paragraph styled by its kind, runs carrying only what
differs, a font table and a theme, a valid package (openxml-audit strict), and styles
that work in an office suite: restyling 公文正文 restyles the body and nothing else, and
LibreOffice keeps the names and outline levels when it saves the file again."""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

import docx
import openxml_audit
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from conftest import FIXTURES, require
from docgen.cli import main
from docgen.format.profile import ProfileError, load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import NS, Styles, body_paragraphs, part, run_property, w
from libreoffice import docx_to_docx, docx_to_pdf, soffice
from pdf_lines import read_pages

HEADINGS = ["公文一级标题", "公文二级标题", "公文三级标题", "公文四级标题"]


# The 简报's own settings (masthead, 报尾) added to the report of every element.
BRIEF_SETTINGS = ("brief:\n  name: 依法行政工作简报\n  issue: 3\n  total_issue: 57\n  unit: 区司法局办公室\n"
                  "  date: 2024-03-30\n  to_superior: [市司法局]\n  to_peer: [区委办, 区政府办]\n"
                  "  to_subordinate: 各街道\n  copies: 120\n")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """By the CLI: the bundled report's and its draft's DOCX (docgen new-year, then built),
    example-full's 简报 (with its 主要数据 table); and the report and 简报 of every element
    (addressee, four heading levels, attachments, 附注, 版记, the 简报's 报尾)."""
    out = tmp_path_factory.mktemp("styled")
    runner = CliRunner()
    source, elements, full = out / "xinwu-2023", out / "elements-2023", out / "example-full"
    shutil.copytree(BUNDLED_EXAMPLE, source)
    shutil.copytree(BUNDLED_EXAMPLE.parent / "example-full", full)
    shutil.copytree(FIXTURES / "all-elements", elements)
    with (elements / "report.yaml").open("a", encoding="utf-8") as report:
        report.write(BRIEF_SETTINGS)
    for args in (["build", str(source), "--format", "docx", "--out", str(out)],
                 ["brief", str(full), "--format", "docx", "--out", str(out)],
                 ["new-year", str(source)],
                 ["build", str(out / "xinwu-2024"), "--format", "docx", "--out", str(out)],
                 ["build", str(elements), "--format", "docx", "--out", str(out)],
                 ["brief", str(elements), "--format", "docx", "--out", str(out)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    return {"report": out / "xinwu-2023.docx", "brief": out / "example-full-brief.docx",
            "draft": out / "xinwu-2024.docx", "elements": out / "elements-2023.docx",
            "elements-brief": out / "elements-2023-brief.docx"}


KINDS = ["report", "brief", "draft", "elements", "elements-brief"]


def _styled(docx_path: Path) -> list[tuple[str | None, str]]:
    return [(p.style_name, p.text) for p in body_paragraphs(docx_path)]


def _all_paragraphs(docx_path: Path):
    """Every paragraph of the document, its headers and footers, with its part's name."""
    with zipfile.ZipFile(docx_path) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")
                 and n.split("/")[1].startswith(("document", "header", "footer"))]
    for name in names:
        for paragraph in part(docx_path, name).iter(w("p")):
            yield name, paragraph


@pytest.mark.parametrize("kind", KINDS)
def test_every_paragraph_names_a_style_of_the_document(outputs, kind):
    styles = Styles(outputs[kind])
    count = 0
    for name, paragraph in _all_paragraphs(outputs[kind]):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        assert style is not None and style.get(w("val")) in styles.by_id, (name, paragraph.xpath("string()"))
        count += 1
    assert count >= 25


def test_each_kind_of_report_paragraph_has_its_own_style(outputs):
    assert _styled(outputs["elements"]) == [
        ("公文标题", "某市某区司法局2023年法治政府建设情况报告"), ("空行", ""), ("主送机关", "区人民政府："),
        ("公文正文", "2023年，区司法局认真贯彻落实上级部署，现将有关情况报告如下。"),
        ("公文一级标题", "一、主要举措及成效"), ("公文二级标题", "（一）健全制度体系"),
        ("公文三级标题", "1.完善规范性文件审查"), ("公文四级标题", "（1）严格审查程序"),
        ("公文正文", "一是提高审查质量。全年审查文件1200余件。"),
        ("公文正文", "二、履行第一责任人职责情况。主要负责人带头学法。"),       # a run-in heading
        ("公文一级标题", "三、存在的不足和原因"), ("公文正文", "工作还有差距。"),
        ("公文一级标题", "四、下一年度的主要安排"), ("公文正文", "继续努力。"), ("空行", ""),
        ("附件说明", "附件：1.2023年度法治政府建设工作台账"), ("附件说明", "2.2024年度法治政府建设工作要点"),
        ("空行", ""),
        ("发文机关署名", "某市某区司法局"), ("成文日期", "2024年2月28日"), ("附注", "（此件公开发布）"), ("空行", ""),
        *[("空行", "")] * 18,                          # the 版记 at the foot of the page (tests/test_foot.py)
        ("版记抄送", "抄送：市司法局、区委依法治区办。"), ("版记印发", "某市某区司法局办公室\t2024年2月28日印发"),
        ("空行", "")]


def test_the_briefs_blocks_have_styles_of_their_own(outputs):
    styled = _styled(outputs["elements-brief"])
    assert styled[:4] == [("简报名称", "依法行政工作简报"), ("空行", ""), ("简报期号", "第3期（总第57期）"),
                          ("简报编发单位", "区司法局办公室编\t2024年3月30日")]
    assert styled[-5:] == [("简报报尾", "报：市司法局。"), ("简报报尾", "送：区委办、区政府办。"),
                           ("简报报尾", "发：各街道。"), ("简报印数", "（共印120份）"), ("空行", "")]
    [table] = [t for t in part(outputs["brief"], "word/document.xml").iter(w("tbl"))
               if len(t.findall("w:tblGrid/w:gridCol", NS)) > 1]
    styles = Styles(outputs["brief"])
    header, *rows = table.findall("w:tr", NS)
    assert {styles.name(p.find("w:pPr/w:pStyle", NS).get(w("val"))) for p in header.iter(w("p"))} == {"表格表头"}
    assert {styles.name(p.find("w:pPr/w:pStyle", NS).get(w("val"))) for row in rows for p in row.iter(w("p"))} == {
        "表格文字"}


def test_headings_have_outline_levels_for_the_navigation_pane(outputs):
    """Each heading level's style has its outline level (0 to 3); no other paragraph has one."""
    paragraphs = body_paragraphs(outputs["elements"])
    levels = [(p.style_name, p.ppr("outlineLvl", "val")) for p in paragraphs if p.ppr("outlineLvl") is not None]
    assert levels == [(name, str(level)) for level, name in enumerate(HEADINGS)] + [(HEADINGS[0], "0")] * 2
    styles = Styles(outputs["elements"])
    assert [styles.by_id[f"DocgenHeading{i}"].find("w:pPr/w:outlineLvl", NS).get(w("val")) for i in (1, 2, 3, 4)] == [
        "0", "1", "2", "3"]


def test_the_styles_carry_the_profiles_numbers(outputs):
    """公文正文: 仿宋_GB2312 in all four slots with the eastAsia hint, 三号 (32 half-points),
    narrowed 0.3 pt (format/grid.py), exact 579-twip lines, a 2 字 indent in both forms;
    a heading keeps with the next paragraph."""
    styles = Styles(outputs["report"])
    by_name = {s.find("w:name", NS).get(w("val")): s for s in styles.by_id.values()}
    body = by_name["公文正文"]
    fonts = body.find("w:rPr/w:rFonts", NS)
    assert {slot: fonts.get(w(slot)) for slot in ("ascii", "hAnsi", "eastAsia", "cs", "hint")} == {
        "ascii": "仿宋_GB2312", "hAnsi": "仿宋_GB2312", "eastAsia": "仿宋_GB2312", "cs": "仿宋_GB2312",
        "hint": "eastAsia"}
    assert [body.find(f"w:rPr/w:{tag}", NS).get(w("val")) for tag in ("sz", "szCs", "spacing", "color")] == [
        "32", "32", "-6", "000000"]       # narrowed 6 twips (format/grid.py)
    spacing = body.find("w:pPr/w:spacing", NS)
    assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("579", "exact")
    indent = body.find("w:pPr/w:ind", NS)
    assert (indent.get(w("firstLineChars")), indent.get(w("firstLine"))) == ("200", "640")
    heading = by_name["公文一级标题"]
    assert heading.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "黑体"
    assert heading.find("w:pPr/w:keepNext", NS) is not None
    assert heading.find("w:next", NS).get(w("val")) == body.get(w("styleId"))
    assert by_name["公文标题"].find("w:rPr/w:sz", NS).get(w("val")) == "44"
    lead = by_name["段首主旨句"]
    assert lead.get(w("type")) == "character"
    assert [child.tag for child in lead.find("w:rPr", NS)] == [w("b"), w("bCs")]


@pytest.mark.parametrize("kind", KINDS)
def test_runs_carry_only_what_differs_from_their_style(outputs, kind):
    """Each property a run writes itself changes what its styles give it; in the report
    no run names its size, narrowing or colour (the styles do)."""
    styles = Styles(outputs[kind])
    own_tags = set()
    for name, paragraph in _all_paragraphs(outputs[kind]):
        for run in paragraph.findall("w:r", NS):
            rpr = run.find("w:rPr", NS)
            if rpr is None:
                continue
            styled_only = copy.deepcopy(run)            # the run with its character style alone
            for prop in styled_only.find("w:rPr", NS):
                if prop.tag != w("rStyle"):
                    styled_only.find("w:rPr", NS).remove(prop)
            for prop in rpr:
                tag = prop.tag.split("}")[1]
                if tag == "rStyle":
                    continue
                own_tags.add(tag)
                styled = run_property(styled_only, paragraph, styles, tag)
                assert styled is None or dict(styled.attrib) != dict(prop.attrib), (name, tag, run.xpath("string()"))
    expected = {"report": {"rFonts"},                       # run-in headings' fonts
                "brief": set(),                             # titles leading paragraphs: 段首主旨句 only
                "draft": {"rFonts", "shd"},                 # and the marks of what remains to do
                "elements": {"rFonts"},
                "elements-brief": {"rFonts"}}
    assert own_tags == expected[kind]


def test_lead_phrases_take_the_character_style(outputs):
    paragraphs = body_paragraphs(outputs["report"])
    lead = next(p for p in paragraphs if p.text.startswith("政务服务实现“新提升”。"))
    first, rest = lead.element.findall("w:r", NS)[:2]
    assert first.find("w:rPr/w:rStyle", NS).get(w("val")) == "DocgenLead"
    assert [child.tag for child in first.find("w:rPr", NS)] == [w("rStyle")]
    assert rest.find("w:rPr", NS) is None
    assert [r.bold for r in lead.runs[:2]] == [True, False]


def test_a_font_table_and_a_theme_are_part_of_the_package(outputs):
    docx_path = outputs["report"]
    types = part(docx_path, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    ct = "application/vnd.openxmlformats-officedocument"
    assert overrides["/word/fontTable.xml"] == f"{ct}.wordprocessingml.fontTable+xml"
    assert overrides["/word/theme/theme1.xml"] == f"{ct}.theme+xml"
    rels = {r.get("Type").rsplit("/", 1)[1]: r.get("Target") for r in part(docx_path, "word/_rels/document.xml.rels")}
    assert (rels["fontTable"], rels["theme"]) == ("fontTable.xml", "theme/theme1.xml")
    fonts = {f.get(w("name")): f for f in part(docx_path, "word/fontTable.xml").findall("w:font", NS)}
    assert set(fonts) == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}
    assert {f.find("w:charset", NS).get(w("val")) for f in fonts.values()} == {"86"}      # GB2312
    assert fonts["仿宋_GB2312"].find("w:altName", NS).get(w("val")) == "仿宋"
    assert fonts["宋体"].find("w:panose1", NS).get(w("val")) == "02010600030101010101"


@pytest.mark.parametrize("kind", KINDS)
def test_openxml_audit_strict_finds_nothing(outputs, kind):
    result = openxml_audit.OpenXmlValidator(strict=True).validate(outputs[kind])
    assert (result.error_count, result.warning_count) == (0, 0), [e.description for e in result.errors]


def test_the_docx_is_the_same_bytes_each_build_and_python_docx_reads_its_styles(outputs, tmp_path):
    result = CliRunner().invoke(main, ["build", "--format", "docx", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "xinwu-2023.docx").read_bytes() == outputs["report"].read_bytes()
    document = docx.Document(str(outputs["report"]))
    assert document.styles["公文正文"].font.size == Pt(16)
    assert {p.style.name for p in document.paragraphs} >= {"公文标题", "公文正文", *HEADINGS[:2], "发文机关署名"}


def test_restyling_the_body_restyles_the_body_and_not_the_headings(outputs, tmp_path, fontconfig_file):
    """公文正文 set to 15 pt in python-docx, as a clerk would in Word's 样式 pane, then
    rendered by LibreOffice: body text (lead phrases too) is 15 pt, headings and title stay."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    document = docx.Document(str(outputs["report"]))
    document.styles["公文正文"].font.size = Pt(15)
    restyled = tmp_path / "restyled.docx"
    document.save(str(restyled))
    lines = [(line.text.replace(" ", ""), {g.size for g in line.glyphs if g.text.strip()})
             for page in read_pages(docx_to_pdf(restyled, tmp_path / "pdf", fontconfig_file)) for line in page.lines]

    def sizes(start: str) -> set[float]:
        return next(found for text, found in lines if text.startswith(start))
    assert sizes("2023年，在市委") == {15}                     # the preamble
    assert sizes("政务服务实现“新提升”。") == {15}             # a lead phrase and its text
    assert sizes("一、推进法治政府") == {16}                   # headings as they were
    assert sizes("（一）优化法治环境") == {16}
    assert sizes("无锡市新吴区人民政府") == {22}                # the title
    assert sizes("—1—") == {14}                               # the page number
    body = [found for text, found in lines if found == {15}]
    assert len(body) > 150


@pytest.mark.parametrize("kind", ["report", "elements", "elements-brief"])
def test_a_libreoffice_round_trip_keeps_the_style_names_and_outline_levels(outputs, tmp_path, kind):
    """LibreOffice opens the DOCX as shipped and saves it as DOCX: every paragraph keeps its
    style's name and outline level (its tabs come back as w:tab, hence the text without them)."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    saved = docx_to_docx(outputs[kind], tmp_path)

    def outline(path: Path) -> list[tuple[str | None, str | None, str]]:
        return [(p.style_name, p.ppr("outlineLvl", "val"), p.text.replace("\t", "")) for p in body_paragraphs(path)]
    ours = outline(outputs[kind])
    assert outline(saved) == ours
    assert {style for style, _, _ in ours} >= {"公文标题", "公文正文", "公文一级标题", "空行"}
    assert docx.Document(str(saved)).styles["公文正文"].font.size == Pt(16)


def _house_profile(tmp_path, styles: str) -> Path:
    folder = tmp_path / "house"
    folder.mkdir()
    path = folder / "profile.yaml"
    path.write_text(f"extends: gbt9704\nname: house\ndocx_styles:\n{styles}", encoding="utf-8")
    return path


def test_a_style_name_must_be_text(tmp_path):
    path = _house_profile(tmp_path, '  note: ""\n')
    with pytest.raises(ProfileError) as error:
        load_profile(str(path))
    assert str(error.value).splitlines() == [
        f"{path}:4:9: docx_styles.note: expected text of 1 to 100 characters, without line breaks or tabs, got ''"]


def test_style_names_must_differ_and_match_the_heading_levels(tmp_path):
    path = _house_profile(tmp_path, "  body: 公文标题\n  headings: [一级, 二级, 一级]\n")
    with pytest.raises(ProfileError) as error:
        load_profile(str(path))
    assert str(error.value).splitlines() == [
        f"{path}:4:9: docx_styles.body: '公文标题' is already the name of docx_styles.title: "
        "each style needs a name of its own",
        f"{path}:5:13: docx_styles.headings: expected a style name for each of the 4 heading levels of "
        "elements.headings, got 3",
        f"{path}:5:22: docx_styles.headings.2: '一级' is already the name of docx_styles.headings.0: "
        "each style needs a name of its own"]
