"""`docgen check` and the checks `docgen build` runs: findings printed with code, place, caret,
rule and fix, JSON for tools, exit 1 on errors only; build refuses error-level findings (and
writes nothing) unless --no-check."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from docgen.cli import main
from lint_cases import content


def _wrong_year(tmp_path):
    """all-elements titled with last year (R103, an error), at line 7."""
    return content(tmp_path, "date: 2024-02-28\n", "date: 2024-02-28\ntitle: 某区司法局2022年法治政府建设情况报告\n")


def test_the_bundled_content_has_warnings_only_and_builds():
    """The published text's real problems (figures typed without a metric, a rate that disagrees
    with its counts) are warnings: the bundled report builds as published."""
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r".*xinwu-2023: 0 error\(s\), \d+ warning\(s\)", result.output.splitlines()[-1])
    assert "warning F103 a rate that disagrees with its counts: 调解和解率: stated 13.96%, 20/143 = 13.986%" \
        in result.output


def test_an_error_is_printed_with_its_place_caret_rule_and_fix_and_exits_1(tmp_path):
    folder = _wrong_year(tmp_path)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:5] == [f"{folder}/report.yaml:7:13: error R103 the title names another year than the report's: "
                         "2022, the report's is 2023",
                         "    title: 某区司法局2022年法治政府建设情况报告",
                         "                     ^^^^",
                         "    rule: 《法治政府建设与责任落实督察工作规定》第四章 年度报告",
                         "    fix: write the report's year, or {{ year }}年"]
    assert lines[-1] == f"{folder}: 1 error(s), 1 warning(s)"


def test_warnings_alone_exit_0(tmp_path):
    folder = content(tmp_path, "date: 2024-02-28", "date: 2024-04-02")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0 and "warning R102" in result.output


def test_json_lists_each_finding_for_tools(tmp_path):
    folder = _wrong_year(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(folder)])
    [report] = json.loads(result.output)
    finding, stale = report["findings"]                 # R104 too: 2022年…法治政府建设 names last year
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == ("R103", "error", 7, 13)
    assert finding["text"] == "2022" and finding["fixable"] is False
    assert (stale["code"], stale["severity"]) == ("R104", "warning")
    assert report["summary"] == "1 error(s), 1 warning(s)" and result.exit_code == 1


def test_build_refuses_an_error_and_writes_nothing_unless_told(tmp_path):
    folder = _wrong_year(tmp_path)
    out = tmp_path / "out"
    refused = CliRunner().invoke(main, ["build", str(folder), "--out", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    assert refused.stderr.splitlines()[0] == (
        f"{folder}/report.yaml:7:13: error R103 the title names another year than the report's: 2022, the "
        "report's is 2023; fix: write the report's year, or {{ year }}年")
    assert refused.stderr.splitlines()[-1] == ("1 error(s) found by the checks before publishing (`docgen check` "
                                               "shows the warnings too; `--no-check` builds anyway); "
                                               "nothing was written.")
    built = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--no-check"])
    assert built.exit_code == 0 and (out / "case-2023.docx").exists()


def test_an_unreadable_content_is_reported_as_such(tmp_path):
    folder = content(tmp_path, "year: 2023", "year: 二〇二三")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1 and "report.yaml:4:7: year:" in result.stderr


COLON = ("this text has an ASCII colon followed by a space (\": \"), which YAML reads as \"key: value\": "
         "write the full-width ： or put the text in quotes")
BRACE = ("this value starts with {{, which YAML reads as the start of a mapping: put the whole text in quotes, "
         "e.g. \"{{ year }}年……\"")


def test_a_paragraph_with_an_ascii_colon_is_explained_at_its_line(tmp_path):
    folder = content(tmp_path, "      - 主要负责人带头学法。\n", "      - 主要负责人带头学法: 全年学法4次。\n")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{folder}/report.yaml:33:9: sections[1].paragraphs[0]: {COLON}"


def test_a_title_with_an_ascii_colon_is_explained_at_its_line(tmp_path):
    folder = content(tmp_path, "    title: 存在的不足和原因\n", "    title: 存在的不足: 原因\n")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.stderr.splitlines()[0] == f"{folder}/report.yaml:35:17: {COLON}"


def test_every_value_starting_with_braces_gets_the_quoting_hint_at_its_line(tmp_path):
    folder = content(tmp_path, "    paragraphs: [继续努力。]\n", "    paragraphs:\n      - {{ year }}年继续努力。\n")
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("signature: 某市某区司法局\n",
                                                             "signature: {{ issuer }}\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.stderr.splitlines()[:2] == [f"{folder}/report.yaml:7:12: {BRACE}",
                                              f"{folder}/report.yaml:40:9: {BRACE}"]


def test_fix_changes_only_the_safe_characters_prints_each_and_a_second_run_finds_nothing(tmp_path):
    folder = content(tmp_path, "      - 主要负责人带头学法。\n", "      - 主要负责人带头学法,全年学法4次...\n")
    path = folder / "report.yaml"
    before = path.read_text(encoding="utf-8")
    fixed = CliRunner().invoke(main, ["check", "--fix", str(folder)])
    assert fixed.exit_code == 0, fixed.output
    lines = fixed.output.splitlines()
    assert lines[:2] == [f"fixed {folder}/report.yaml:33:18: P101 , → ，",
                         f"fixed {folder}/report.yaml:33:25: P106 ... → ……"]
    assert path.read_text(encoding="utf-8") == before.replace("学法,全年学法4次...", "学法，全年学法4次……")
    again = CliRunner().invoke(main, ["check", "--fix", str(folder)])
    assert not any(line.startswith("fixed ") for line in again.output.splitlines())
    assert path.read_text(encoding="utf-8") == before.replace("学法,全年学法4次...", "学法，全年学法4次……")


def test_fix_refuses_files(tmp_path):
    result = CliRunner().invoke(main, ["check", "--fix", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "--fix changes content folders" in result.stderr


def test_a_docx_and_a_pdf_are_checked_against_the_profile(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--format", "all", "--out", str(out)]).exit_code == 0
    docx, pdf = out / "xinwu-2023.docx", out / "xinwu-2023.pdf"
    result = CliRunner().invoke(main, ["check", str(docx), str(pdf)])
    assert result.exit_code == 0, result.output
    assert "all 27 checks passed" in result.output and "all 15 checks passed" in result.output
    as_json = CliRunner().invoke(main, ["check", "--format", "json", str(docx)])
    [report] = json.loads(as_json.output)
    assert report["passed"] is True and len(report["checks"]) == 27
    brief = CliRunner().invoke(main, ["check", str(out / "xinwu-2023-brief.docx")])
    assert brief.exit_code == 1 and "FAIL page numbers" in brief.output       # the gbt9704 profile wants them
    assert CliRunner().invoke(main, ["check", "--profile", "briefing", str(out / "xinwu-2023-brief.docx")]
                              ).exit_code == 0


def test_an_unreadable_file_is_one_located_error(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(fake)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {fake}: not a PDF file (it does not start with %PDF-)"]


def test_what_validate_let_through_is_found(tmp_path):
    """The issue's list, in one report that `docgen validate` passes: ASCII marks between hanzi,
    an ASCII ..., an unclosed “, a sentence without 。, typed numbering doubled by the generated
    one, a figure typed instead of its metric; and after new-year, last year's rank carried."""
    folder = content(tmp_path, "      - 主要负责人带头学法。\n",
                     "      - 主要负责人带头学法,全年学法(4次)...\n"
                     "      - 开展“法治讲堂活动。\n"
                     "      - 全年审查文件1200余件\n")
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      - title: 健全制度体系\n",
                                                             "      - title: （一）健全制度体系\n"), encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(folder)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", "--format", "json", str(folder)])
    [report] = json.loads(result.output)
    found = {(f["code"], f["text"]) for f in report["findings"]}
    assert {("P101", ","), ("P101", "("), ("P101", ")"), ("P106", "..."), ("P102", "“"), ("P104", "件"),
            ("P108", "（一）"), ("F101", "1200余件")} <= found, found
    assert result.exit_code == 1
