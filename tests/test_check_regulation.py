"""Regulation rules (docgen/checking/regulation.py): each fires on the fault it names, at its
characters, and stays silent on the valid report."""

from __future__ import annotations

from lint_cases import codes, content, lint_content, lint_paragraph


def test_the_valid_report_has_no_regulation_finding(tmp_path):
    assert [c for c in codes(lint_content(content(tmp_path))) if c.startswith("R")] == []


def test_a_missing_required_part_is_a_warning_naming_it(tmp_path):
    part = "  - role: shortcomings\n    title: 存在的不足和原因\n    paragraphs: [工作还有差距。]\n"
    folder = content(tmp_path, part)
    [finding] = [f for f in lint_content(folder) if f.rule.code == "R101"]
    assert finding.severity == "warning" and finding.detail == "存在的不足和原因 (role: shortcomings)"
    assert str(finding.where).endswith("report.yaml:17:1")            # sections:


def test_a_date_from_april_on_is_a_warning(tmp_path):
    assert "R102" not in codes(lint_content(content(tmp_path, "date: 2024-02-28", "date: 2024-03-31")))
    [late] = [f for f in lint_content(content(tmp_path, "date: 2024-02-28", "date: 2024-04-01", "late-2023"))
              if f.rule.code == "R102"]
    assert late.severity == "warning" and late.detail == "2024-04-01"


def test_a_title_naming_another_year_points_at_that_year(tmp_path):
    title = "title: 某市某区司法局2022年法治政府建设情况报告\n"
    folder = content(tmp_path, "date: 2024-02-28\n", "date: 2024-02-28\n" + title)
    [finding] = [f for f in lint_content(folder) if f.rule.code == "R103"]
    assert str(finding.where).endswith("report.yaml:7:15")
    assert finding.excerpt[finding.mark[0]:finding.mark[1]] == "2022"


def test_last_year_named_as_the_current_one(tmp_path):
    findings = lint_paragraph(tmp_path, "2022年，区司法局认真贯彻落实上级部署。")
    [finding] = [f for f in findings if f.rule.code == "R104"]
    assert finding.detail == "2022年，" and finding.where.column == 6
    assert "R104" not in codes(lint_paragraph(tmp_path / "ok", "与2022年相比，审查文件有所增加。"))


def test_a_carried_rank_is_a_warning_only_in_a_carried_paragraph(tmp_path):
    carried = "      - text: 审查质量位居全市前列。\n        carried: true\n"
    [finding] = [f for f in lint_content(content(tmp_path, "      - 主要负责人带头学法。\n", carried))
                 if f.rule.code == "R105"]
    assert finding.severity == "warning" and finding.detail == "前列"
    plain = lint_content(content(tmp_path, "      - 主要负责人带头学法。\n", "      - 审查质量位居全市前列。\n",
                                 "plain-2023"))
    assert "R105" not in codes(plain)
