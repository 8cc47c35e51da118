"""Six differently shaped reports imported end to end (issue 11, point 9): `docgen import`
through the CLI, then the content folder it wrote loaded and resolved as `build` would, and
its structure and text checked — what the official document will print.

The shapes: 4 levels with numbering continued across parents (text); run-in level-1
headings (text); the metadata header's variants (text lines, an HTML table); a Word file
with no styles, typed numbering and direct formatting; a Word file numbered by Word's own
lists; a saved web page with its site chrome (the seed's page).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import Paragraph, Report, Section
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from make_docx import lvl, numbered, p, r, write_docx


def imported(source: Path, tmp_path: Path) -> Report:
    out = tmp_path / "imported"
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return resolve(load_report(out), load_profile())


def headings(sections: tuple[Section, ...]) -> list:
    """(number as printed, title, run_in, [paragraph texts], children) of every section."""
    return [(s.number, str(s.title), s.run_in, [str(x.text) for x in s.paragraphs if isinstance(x, Paragraph)],
             headings(s.sections)) for s in sections]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


LEVELS = """某区司法局2023年法治政府建设工作报告

  2023年，我局坚持以习近平法治思想为指导，全面推进依法行政。

  一、2023年推进法治政府建设的主要举措和成效

  （一）深化审批制度改革

  1.推进审批改革。全年办理审批事项120件，办结率100%。

  2.优化政务服务。开展服务活动8场。

  （二）强化执法监督

  3.加强执法监督。开展执法检查15次。

  （1）日常检查。全年日常检查12次。

  （2）专项检查。全年专项检查3次。

  4.完善监督制度。出台制度文件3份。

  二、党政主要负责人履行推进法治建设第一责任人职责情况

  局主要负责同志认真履行第一责任人职责，一是带头学法，二是带头依法决策。

  三、存在的不足和原因

  一是执法人员素质有待提高；二是普法形式较为单一。

  四、2024年工作打算

  （一）深化法治政府示范创建。

  （二）提升行政执法质量。

  某区司法局

  2024年3月20日
"""


def test_four_levels_numbered_on_across_parents(tmp_path):
    report = imported(write(tmp_path, "levels.txt", LEVELS), tmp_path)
    assert (str(report.title), report.year, report.date) == ("某区司法局2023年法治政府建设工作报告", 2023,
                                                            dt.date(2024, 3, 20))
    assert [str(s) for s in report.signatures] == ["某区司法局"]
    assert [str(p.text) for p in report.preamble] == ["2023年，我局坚持以习近平法治思想为指导，全面推进依法行政。"]
    assert [s.role for s in report.sections] == ["measures", "responsibility", "shortcomings", "next_year"]
    assert report.sections[0].numbering == "continue"
    assert headings(report.sections) == [
        ("一、", "2023年推进法治政府建设的主要举措和成效", False, [], [      # a year heading stays level 1
            ("（一）", "深化审批制度改革", False, [], [
                ("1.", "推进审批改革。", True, ["全年办理审批事项120件，办结率100%。"], []),
                ("2.", "优化政务服务。", True, ["开展服务活动8场。"], [])]),
            ("（二）", "强化执法监督", False, [], [
                ("3.", "加强执法监督。", True, ["开展执法检查15次。"], [
                    ("（1）", "日常检查。", True, ["全年日常检查12次。"], []),
                    ("（2）", "专项检查。", True, ["全年专项检查3次。"], [])]),
                ("4.", "完善监督制度。", True, ["出台制度文件3份。"], [])])]),
        # 一是…二是… inside a paragraph are no headings
        ("二、", "党政主要负责人履行推进法治建设第一责任人职责情况", False,
         ["局主要负责同志认真履行第一责任人职责，一是带头学法，二是带头依法决策。"], []),
        ("三、", "存在的不足和原因", False, ["一是执法人员素质有待提高；二是普法形式较为单一。"], []),
        ("四、", "2024年工作打算", False, [], [                               # heading-only plan items
            ("（一）", "深化法治政府示范创建。", True, [], []),
            ("（二）", "提升行政执法质量。", True, [], [])]),
    ]


RUN_IN = """某县人民政府关于2023年度法治政府建设情况的报告

市人民政府：

  2023年，我县法治政府建设取得新成效。现报告如下。

  一、坚持党的领导。县政府常务会议专题研究法治工作4次。

  二、深化依法行政。全年审查规范性文件12件。

  三、存在的问题。基层执法力量仍然薄弱。

  四、下一步工作计划。持续推进法治政府示范创建。

  某县人民政府

  2024年3月25日
"""


def test_run_in_level_1_headings(tmp_path):
    report = imported(write(tmp_path, "run-in.txt", RUN_IN), tmp_path)
    assert str(report.title) == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert str(report.issuer) == "某县人民政府" and str(report.addressee) == "市人民政府："
    assert headings(report.sections) == [
        ("一、", "坚持党的领导。", True, ["县政府常务会议专题研究法治工作4次。"], []),
        ("二、", "深化依法行政。", True, ["全年审查规范性文件12件。"], []),
        ("三、", "存在的问题。", True, ["基层执法力量仍然薄弱。"], []),
        ("四、", "下一步工作计划。", True, ["持续推进法治政府示范创建。"], []),
    ]
    assert [s.role for s in report.sections] == ["thematic", "thematic", "shortcomings", "next_year"]


SOURCE_LINES = """某区司法局2023年法治政府建设情况报告

来源：某区司法局 发布时间：2024-03-29 10:20

  2023年，我局全面推进依法行政。

  一、主要举措和成效

  全年办理行政复议案件56件。
"""

INDEX_TABLE = """<html><head><meta charset="utf-8"><title>某区2023年法治政府建设情况报告 - 某区人民政府</title></head>
<body><div class="nav"><a href="/">首页</a> 分享到：微信</div>
<table class="meta">
<tr><th>索引号</th><td>000000001/2024-00012</td><th>主题分类</th><td>法治政府</td></tr>
<tr><th>发文字号</th><td>无</td><th>成文日期</th><td>2024-03-28</td></tr>
<tr><th>发布机构</th><td>某区人民政府</td></tr>
</table>
<div id="content"><h1>某区2023年法治政府建设情况报告</h1>
<p>　　2023年，我区全面推进依法行政。</p>
<p>　　一、主要举措和成效</p>
<p>　　全年办理行政复议案件56件。</p>
</div><div class="footer">版权所有 网站标识码：0000000001</div></body></html>
"""


def test_each_metadata_header_variant_becomes_the_publication_fields(tmp_path):
    (tmp_path / "lines").mkdir()
    (tmp_path / "table").mkdir()
    lines = imported(write(tmp_path / "lines", "x.txt", SOURCE_LINES), tmp_path / "lines")
    assert [(str(f.label), str(f.value)) for f in lines.publication] == [
        ("来源", "某区司法局"), ("发布时间", "2024-03-29 10:20")]
    table = imported(write(tmp_path / "table", "x.html", INDEX_TABLE), tmp_path / "table")
    assert [(str(f.label), str(f.value)) for f in table.publication] == [
        ("索引号", "000000001/2024-00012"), ("主题分类", "法治政府"), ("发文字号", ""),
        ("成文日期", "2024-03-28"), ("发布机构", "某区人民政府")]
    for report in (lines, table):
        assert headings(report.sections) == [("一、", "主要举措和成效", False, ["全年办理行政复议案件56件。"], [])]
    assert [str(p.text) for p in table.preamble] == ["2023年，我区全面推进依法行政。"]
    # the seed's own variant (several label value pairs on a line) is in test_import_roundtrip


BOLD = '<w:b/><w:rFonts w:eastAsia="黑体"/>'


def test_a_word_file_with_no_styles_typed_numbers_and_direct_formatting(tmp_path):
    body = (p(r("某区2023年法治政府建设情况报告", '<w:sz w:val="44"/>'), props='<w:jc w:val="center"/>')
            + p("　　2023年，我区坚持依法行政。")
            + p(r("一、主要举措和成效", BOLD))
            + p("（一）优化法治环境")
            + p(r("政务服务实现新提升。", "<w:b/>"), "全区办件总量3.6万件。")
            + p("二是", r("推行全程网办", "<w:b/>"), "，网办率96%。")
            + p(r("二、存在的不足和原因", BOLD))
            + p("基层执法力量仍然薄弱。")
            + p("某区人民政府", props='<w:jc w:val="right"/>')
            + p("2024年3月29日", props='<w:jc w:val="right"/>'))
    report = imported(write_docx(tmp_path / "typed.docx", body), tmp_path)
    assert (str(report.title), report.date, [str(s) for s in report.signatures]) == (
        "某区2023年法治政府建设情况报告", dt.date(2024, 3, 29), ["某区人民政府"])
    first = report.sections[0].sections[0].paragraphs
    assert (str(first[0].lead), str(first[0].text)) == ("政务服务实现新提升。", "全区办件总量3.6万件。")
    assert str(first[1].text) == "二是推行全程网办，网办率96%。" and first[1].text.emphasis == ((2, 8),)
    assert headings(report.sections) == [
        ("一、", "主要举措和成效", False, [], [
            ("（一）", "优化法治环境", False, ["全区办件总量3.6万件。", "二是推行全程网办，网办率96%。"], [])]),
        ("二、", "存在的不足和原因", False, ["基层执法力量仍然薄弱。"], []),
    ]


def test_a_word_file_numbered_by_words_own_lists(tmp_path):
    levels = lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.")
    numbering = (f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = (p("某区2023年法治政府建设情况报告", props='<w:jc w:val="center"/>')
            + p("2023年，我区坚持依法行政。")
            + numbered("主要举措和成效", 1, 0) + numbered("优化法治环境", 1, 1)
            + numbered("推进审批改革。全年办件3.6万件。", 1, 2) + numbered("优化服务。开展活动8场。", 1, 2)
            + numbered("强化执法监督", 1, 1) + p("全年开展执法检查15次。")
            + numbered("存在的不足和原因", 1, 0) + p("基层执法力量仍然薄弱。")
            + p("某区人民政府", props='<w:jc w:val="right"/>') + p("2024年3月29日", props='<w:jc w:val="right"/>'))
    report = imported(write_docx(tmp_path / "listed.docx", body, numbering=numbering), tmp_path)
    assert headings(report.sections) == [
        ("一、", "主要举措和成效", False, [], [
            ("（一）", "优化法治环境", False, [], [
                ("1.", "推进审批改革。", True, ["全年办件3.6万件。"], []),
                ("2.", "优化服务。", True, ["开展活动8场。"], [])]),
            ("（二）", "强化执法监督", False, ["全年开展执法检查15次。"], [])]),
        ("二、", "存在的不足和原因", False, ["基层执法力量仍然薄弱。"], []),
    ]


CHROME = ("字体大小", "放大", "打印", "关闭", "分享到", "版权所有", "网站标识码", "当前位置", "首页")


def test_a_saved_web_page_loses_its_chrome_and_keeps_the_report(tmp_path):
    report = imported(FIXTURES / "import" / "xinwu-2023.html", tmp_path)
    bundled = resolve(load_report(BUNDLED_EXAMPLE), load_profile())
    assert str(report.title) == str(bundled.title).replace("\n", "")
    assert [(s.number, str(s.title)) for s in report.sections] == [(s.number, str(s.title)) for s in bundled.sections]
    assert [[str(c.title) for c in s.sections] for s in report.sections] == [
        [str(c.title) for c in s.sections] for s in bundled.sections]
    yaml = (tmp_path / "imported" / "report.yaml").read_text(encoding="utf-8")
    body = "\n".join(line for line in yaml.splitlines() if not line.lstrip().startswith("#"))
    assert not [word for word in CHROME if word in body]
    labels = [str(f.label) for f in report.publication]
    assert labels[:3] == ["信息索引号", "生成日期", "公开日期"] and "内容概述" in labels
