"""Punctuation rules (docgen/checking/punctuation.py, GB/T 15834-2011): each fires on the fault it
names, at its characters, with its fix; each stays silent on what must stay as written (decimals,
times, codes, URLs, templates); and on real paragraphs of the bundled report none fires falsely."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import FIXTURES
from docgen.checking import punctuation as punctuation_rules
from docgen.checking.context import CheckContext
from docgen.checking.findings import Finding
from docgen.content.load import load_report_and_texts
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from lint_cases import codes, content, lint_content, lint_paragraph

ROOT = FIXTURES.parent.parent
PREAMBLE_LINE = 16          # the preamble's paragraph in all-elements/report.yaml
PREAMBLE_COLUMN = 6         # after "  - '"


def punctuation(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.code.startswith("P")]


def marked(finding: Finding) -> str:
    return finding.excerpt[finding.mark[0]:finding.mark[1]]


def only(findings: list[Finding], code: str) -> Finding:
    [finding] = [f for f in findings if f.rule.code == code]
    return finding


def test_the_valid_report_has_no_punctuation_finding(tmp_path):
    assert punctuation(lint_content(content(tmp_path))) == []


# P101 ASCII marks ------------------------------------------------------------------------------

def test_ascii_marks_next_to_hanzi_are_errors_with_the_full_width_fix(tmp_path):
    findings = punctuation(lint_paragraph(tmp_path, "深化改革,推进发展;是否落实?坚持到底!注:各街道(园区)已完成。"))
    assert codes(findings) == ["P101"] * 7
    assert [marked(f) for f in findings] == [",", ";", "?", "!", ":", "(", ")"]
    assert [f.fix.replacement for f in findings if f.fix] == ["，", "；", "？", "！", "：", "（", "）"]
    assert all(f.severity == "error" for f in findings)
    assert (findings[0].where.line, findings[0].where.column) == (PREAMBLE_LINE, PREAMBLE_COLUMN + 4)
    assert findings[0].detail == ", → ，"


def test_ascii_marks_that_must_stay_ascii_are_not_flagged(tmp_path):
    paragraph = ("时间2024-03-29 14:33，索引号014032126/2024-00580，构建1+3+N体系，执行GB/T 9704—2012标准，"
                 "办理1,200件，比例1:2，均值255.54，网址https://www.wuxi.gov.cn/a?b=1,c=2，"
                 "邮箱sfj@wuxi.gov.cn，案件{{ metrics.cases }}。")
    assert punctuation(lint_paragraph(tmp_path, paragraph)) == []


def test_ascii_marks_in_other_fields_are_found(tmp_path):
    finding = only(lint_content(content(tmp_path, "addressee: 区人民政府：", "addressee: '区人民政府:'")), "P101")
    assert (finding.where.line, finding.where.column, finding.fix.replacement) == (8, 18, "：")


def test_ascii_brackets_around_chinese_are_fixed_as_a_pair(tmp_path):
    findings = punctuation(lint_paragraph(tmp_path, "完成(含1+3+N)任务。"))
    assert [(marked(f), f.fix.replacement if f.fix else None) for f in findings] == [("(", "（"), (")", "）")]


# P102 unpaired marks -----------------------------------------------------------------------------

def test_an_unclosed_quote_is_an_error_without_a_fix(tmp_path):
    finding = only(lint_paragraph(tmp_path, "推行“一窗受理、集成服务，企业开办时间压缩。"), "P102")
    assert finding.severity == "error" and finding.fix is None
    assert marked(finding) == "“" and finding.detail == "“ never closed (no ”)"
    assert finding.where.column == PREAMBLE_COLUMN + 2


def test_a_stray_closing_title_mark_is_an_error(tmp_path):
    finding = only(lint_paragraph(tmp_path, "学习行政复议法》等法律。"), "P102")
    assert marked(finding) == "》" and finding.detail == "》 never opened (no 《)"


def test_paired_and_nested_marks_are_not_flagged(tmp_path):
    paragraph = "学习《中华人民共和国行政复议法》（2023年修订）和“‘八五’普法”【重点】内容。"
    assert punctuation(lint_paragraph(tmp_path, paragraph)) == []


# P103 straight quotes ----------------------------------------------------------------------------

def test_paired_straight_quotes_around_chinese_are_fixed_to_curly_ones(tmp_path):
    findings = [f for f in lint_paragraph(tmp_path, '推行"一窗受理"和"免申即享"。') if f.rule.code == "P103"]
    assert [(marked(f), f.fix.replacement if f.fix else None) for f in findings] == \
        [('"', "“"), ('"', "”"), ('"', "“"), ('"', "”")]


def test_unpaired_straight_quotes_get_no_fix(tmp_path):
    findings = [f for f in lint_paragraph(tmp_path, '推行"一窗受理"和"免申即享。') if f.rule.code == "P103"]
    assert len(findings) == 3 and all(f.fix is None for f in findings)
    assert findings[0].detail == "3 straight quotes: they do not pair up"


def test_straight_quotes_inside_a_template_or_away_from_chinese_are_not_flagged(tmp_path):
    paragraph = '全年审查{{ metrics.cases }}件，参数 key="A1" 已设置。'
    assert [f for f in lint_paragraph(tmp_path, paragraph) if f.rule.code == "P103"] == []
    template = '{{ x | f(",") }}'
    assert punctuation_rules._masked(f"审查{template}件") == "审查" + "\0" * len(template) + "件"


# P104 sentence end -------------------------------------------------------------------------------

def test_a_paragraph_without_a_full_stop_is_a_warning(tmp_path):
    finding = only(lint_paragraph(tmp_path, "区司法局认真贯彻落实上级部署"), "P104")
    assert finding.severity == "warning" and marked(finding) == "署" and finding.fix is None


def test_accepted_paragraph_ends(tmp_path):
    for i, paragraph in enumerate(["是否落实？", "坚持到底！", "他说：“依法行政。”", "成效明显（见附件。）",
                                   "以此类推……", "开展**专项整治**。"]):
        assert "P104" not in codes(lint_paragraph(tmp_path / str(i), paragraph)), paragraph


def test_a_colon_ends_a_paragraph_only_before_what_it_introduces(tmp_path):
    before = "  - '现将有关情况报告如下：'\n  - 一是加强学习。\n"
    assert "P104" not in codes(lint_content(content(tmp_path, PREAMBLE_LINE_TEXT, before)))
    last = lint_content(content(tmp_path, PREAMBLE_LINE_TEXT, "  - '现将有关情况报告如下：'\n", "last-2023"))
    assert only(last, "P104").detail == "ends in ："


def test_headings_are_exempt_from_the_sentence_end_unless_run_in(tmp_path):
    assert "P104" not in codes(lint_content(content(tmp_path)))   # 主要举措及成效 has no 。
    run_in = lint_content(content(tmp_path, "title: 履行第一责任人职责情况。\n", "title: 履行第一责任人职责情况\n",
                                  "run-in-2023"))
    finding = only(run_in, "P104")
    assert (finding.where.line, finding.where.column, marked(finding)) == (30, 22, "况")


# P105 序次语 forms -------------------------------------------------------------------------------

def test_wrong_ordinal_forms_are_errors_with_their_right_form(tmp_path):
    cases = {"（一）、加强学习。": ("（一）、", "（一）"), "1、加强学习。": ("1、", "1."),
             "(二)加强学习。": ("(二)", "（二）"), "(3)、加强学习。": ("(3)、", "（3）")}
    for i, (paragraph, (wrong, right)) in enumerate(cases.items()):
        findings = punctuation(lint_paragraph(tmp_path / str(i), paragraph))
        assert codes(findings) == ["P105"], paragraph       # the ( ) are not reported again as P101
        assert marked(findings[0]) == wrong and findings[0].fix.replacement == right


def test_right_ordinal_forms_and_inline_ordinals_are_not_flagged(tmp_path):
    for i, paragraph in enumerate(["一、加强学习。", "（一）加强学习。", "1.加强学习。", "（1）加强学习。",
                                   "一是加强学习，二是强化监督。", "2023年、2024年均完成。"]):
        assert punctuation(lint_paragraph(tmp_path / str(i), paragraph)) == [], paragraph


# P106 ellipsis, P107 dash ----------------------------------------------------------------------

def test_wrong_ellipses_are_fixed_to_six_dots(tmp_path):
    findings = punctuation(lint_paragraph(tmp_path, "学法、用法...守法。。。普法…等。"))
    assert codes(findings) == ["P106"] * 3
    assert [marked(f) for f in findings] == ["...", "。。。", "…"]
    assert all(f.fix.replacement == "……" for f in findings)


def test_wrong_dashes_between_hanzi_are_fixed(tmp_path):
    findings = punctuation(lint_paragraph(tmp_path, "坚持一个目标--法治政府，一条主线—依法行政。"))
    assert [(f.rule.code, marked(f), f.fix.replacement) for f in findings] == \
        [("P107", "--", "——"), ("P107", "—", "——")]


def test_right_ellipses_dashes_and_codes_are_not_flagged(tmp_path):
    paragraph = "执行GB/T 9704—2012标准——即公文格式，编号2024-00580，版本v1.2.3，等等……"
    assert punctuation(lint_paragraph(tmp_path, paragraph + "。")) == []


# P108 typed numbering doubled by the generated one -----------------------------------------------

def test_a_typed_number_in_a_numbered_heading_is_removed(tmp_path):
    for i, (typed, title) in enumerate([("（二）", "（二）健全制度体系"), ("1.3.", "1.3.健全制度体系"),
                                        ("一、", "一、 健全制度体系"), ("1、", "1、健全制度体系")]):
        folder = content(tmp_path, "      - title: 健全制度体系\n", f"      - title: {title}\n", f"c{i}-2023")
        findings = punctuation(lint_content(folder))
        assert codes(findings) == ["P108"], title
        assert findings[0].detail == typed and findings[0].fix.replacement == ""
        assert (findings[0].where.line, findings[0].where.column) == (21, 16)


def test_a_typed_number_in_an_attachment_heading_is_found(tmp_path):
    body = "  - title: 工作要点\n    sections:\n      - title: 一、总体要求\n        paragraphs: [全面推进。]\n"
    folder = content(tmp_path, "  - 2024年度法治政府建设工作要点\n", body)
    finding = only(lint_content(folder), "P108")
    assert finding.detail == "一、" and (finding.where.line, finding.where.column) == (44, 16)


def test_an_unnumbered_heading_keeps_its_typed_number(tmp_path):
    folder = content(tmp_path, "      - title: 健全制度体系\n",
                     "      - title: （一）健全制度体系\n        number: false\n")
    assert punctuation(lint_content(folder)) == []


def test_a_heading_beginning_with_a_year_or_decimal_is_not_a_typed_number(tmp_path):
    for i, title in enumerate(["2023年制度体系", "1.5万件案件办结", "十四五规划实施"]):
        folder = content(tmp_path, "      - title: 健全制度体系\n", f"      - title: {title}\n", f"c{i}-2023")
        assert punctuation(lint_content(folder)) == [], title


def test_no_removal_is_offered_when_an_ascii_character_would_start_the_scalar(tmp_path):
    folder = content(tmp_path, "      - title: 健全制度体系\n", "      - title: '1.[重点]制度体系'\n")
    finding = only(lint_content(folder), "P108")
    assert finding.fix is None


# P109 顿号 between quoted items -------------------------------------------------------------------

def test_a_comma_between_quoted_items_is_a_warning(tmp_path):
    finding = only(lint_paragraph(tmp_path, "通过“府院联动”、“府检联动”探索。"), "P109")
    assert finding.severity == "warning" and marked(finding) == "、" and finding.fix is None


def test_a_comma_between_quoted_and_plain_items_is_not_flagged(tmp_path):
    paragraph = "通过“府院联动”“府检联动”、部门协作和《条例》（修订）、《规定》探索。"
    assert "P109" not in codes(lint_paragraph(tmp_path, paragraph))


# Real paragraphs -------------------------------------------------------------------------------------

PREAMBLE_LINE_TEXT = '  - "{{ year }}年，区司法局认真贯彻落实上级部署，现将有关情况报告如下。"\n'
# What the bundled report's published text really has (kept as published): 顿号 between quoted items.
KNOWN_IN_XINWU = {"P109"}


def test_twenty_real_paragraphs_of_the_bundled_report_raise_no_false_positive():
    folder = ROOT / "content" / "xinwu-2023"
    report, texts = load_report_and_texts(folder)
    profile = load_profile()
    paragraphs = [item for item in CheckContext.of(report, texts, report, profile).texts("lead", "paragraph")]
    sample = random.Random(13).sample(paragraphs, 20)
    context = CheckContext.of(report, [item.text for item in sample], resolve(report, profile), profile)
    found = {f.rule.code for f in punctuation_rules.check(context)}
    assert found <= KNOWN_IN_XINWU


def test_the_bundled_reports_have_only_the_known_findings():
    xinwu = punctuation(lint_content(ROOT / "content" / "xinwu-2023"))
    assert [(f.rule.code, f.where.line, marked(f)) for f in xinwu] == [("P109", 185, "、"), ("P109", 189, "、")]
    assert punctuation(lint_content(Path(ROOT / "content" / "example-full"))) == []
