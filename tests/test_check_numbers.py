"""Number rules (docgen/checking/numbers.py, GB/T 15835): each fires on its fault at its
characters with its severity, and stays silent on hanzi numbers in fixed expressions, correct
dates and consistent ranges."""

from __future__ import annotations

from lint_cases import codes, content, lint_content, lint_paragraph, marked, only


def test_digits_mixed_with_thousands_are_an_error(tmp_path):
    finding = only(lint_paragraph(tmp_path, "全年开展宣传活动4千场次。"), "N101")
    assert finding.severity == "error" and marked(finding) == "4千" and finding.where.column == 14
    assert marked(only(lint_paragraph(tmp_path / "b", "惠及群众3百万人。"), "N101")) == "3百"


def test_hanzi_numbers_in_fixed_expressions_and_wan_are_not_mixed_digits(tmp_path):
    text = ("深入学习贯彻党的二十大精神，落实“十四五”规划和三年行动计划，履行第一责任人职责，"
            "参加“百万党员学宪法”考试，办件3.6万件。")
    assert "N101" not in codes(lint_paragraph(tmp_path, text))


def test_a_leading_zero_in_a_date_is_an_error_with_a_safe_fix(tmp_path):
    findings = [f for f in lint_paragraph(tmp_path, "2024年03月09日召开会议。") if f.rule.code == "N102"]
    assert [(marked(f), f.severity, f.where.column, f.fix.replacement) for f in findings] == \
        [("03", "error", 11, "3"), ("09", "error", 14, "9")]
    assert "N102" not in codes(lint_paragraph(tmp_path / "ok", "2024年3月9日召开会议，编号2024-00580。"))


def test_full_width_digits_are_an_error_fixed_to_ascii(tmp_path):
    finding = only(lint_paragraph(tmp_path, "全年办结案件１２３件。"), "N103")
    assert finding.severity == "error" and marked(finding) == "１２３" and finding.fix.replacement == "123"
    assert "N103" not in codes(lint_paragraph(tmp_path / "ok", "全年办结案件123件。"))


def test_a_range_in_the_minority_form_is_a_warning(tmp_path):
    text = "每场培训3～5人，每期讲座2～4场，时间为1至3个月。"
    finding = only(lint_paragraph(tmp_path, text), "N104")
    assert finding.severity == "warning" and marked(finding) == "1至3"
    assert finding.detail == "1至3 here, ～ in 2 other range(s)"


def test_consistent_ranges_codes_and_standard_numbers_are_not_flagged(tmp_path):
    text = "每场培训3～5人，每期讲座2～4场，依照GB/T 9704—2012排版，文号2024-00580，日期2024-03-09。"
    assert "N104" not in codes(lint_paragraph(tmp_path, text))


def test_the_valid_report_has_no_number_finding(tmp_path):
    assert [c for c in codes(lint_content(content(tmp_path))) if c.startswith("N")] == []
