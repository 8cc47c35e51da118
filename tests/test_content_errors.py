"""Content errors end to end through the CLI: located, plain, and nothing written.

Every bad input is the small valid report below with one change. Each must be
reported by `docgen validate` and by `docgen build` as

    file:line:column: field.path: what is wrong        (a content error)
    file:line:column: YAML syntax: what is wrong       (the YAML does not parse)
    file:line:column: what is wrong                    (the file or folder as a whole)

with a non-zero exit, no traceback, and no file in the output folder.
Paths are printed relative to the working folder, so each test runs in tmp_path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main

# A small valid report. Line numbers matter: the cases below point into it.
#  1 kind            5 date             9 metrics         15 role (top level)
#  2 year            6 signature       12 metric value    18 nested section
#  3 issuer          7 publication     13 preamble        20 lead
#  4 title           8 publication[0]  14 sections        21 text
VALID = """\
kind: annual-report
year: 2023
issuer: 无锡市新吴区人民政府
title: "{{ issuer }}{{ year }}年法治政府建设情况报告"
date: 2024-03-29
signature: 无锡市新吴区人民政府
publication:
  - 信息索引号: 014032126/2024-00580
metrics:
  cases:
    label: 办件总量
    value: 3.6万件
preamble: "{{ year }}年，本区坚持依法行政。"
sections:
  - role: measures
    title: 主要举措和成效
    sections:
      - title: 优化法治环境
        paragraphs:
          - lead: 政务服务实现“新提升”。
            text: 全年办件总量为{{ metrics.cases }}。
"""

ROLES = "measures, responsibility, shortcomings, next_year, other, thematic"
NO_FOLDER = object()    # the content folder does not exist
NO_REPORT = object()    # the content folder exists but holds no report.yaml


def edit(old: str, new: str, text: str = VALID) -> str:
    """The report with exactly one occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# -- running the CLI -------------------------------------------------------

@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_content(root: Path, name: str, content) -> Path:
    """Make the content folder root/name holding `content` as report.yaml (str: UTF-8, bytes: raw)."""
    folder = root / name
    if content is NO_FOLDER:
        return folder
    folder.mkdir()
    if isinstance(content, bytes):
        (folder / "report.yaml").write_bytes(content)
    elif isinstance(content, str):
        (folder / "report.yaml").write_text(content, encoding="utf-8")
    return folder


def docgen(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def files_under(folder: Path) -> list[str]:
    """Every file and folder below `folder` (hidden temp files included); [] if it does not exist."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_failed_cleanly(result: Result) -> list[str]:
    """A content failure: non-zero exit by sys.exit, nothing on stdout, no traceback; the stderr lines."""
    assert "Traceback" not in result.output, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code != 0
    assert result.stdout == ""
    return result.stderr.splitlines()


# -- one bad input at a time ---------------------------------------------

@dataclass(frozen=True)
class Bad:
    id: str
    content: object      # str (UTF-8 text), bytes, NO_FOLDER or NO_REPORT
    where: str           # "report.yaml:L:C" inside the content folder, or "L:C" for the folder itself
    field: str           # the field path; "YAML syntax" for parse errors; "" for the file or folder as a whole
    message: str         # a key part of what is wrong

    def expected_head(self) -> str:
        location = f"{self.id}/{self.where}" if self.where.startswith("report.yaml") else f"{self.id}:{self.where}"
        return f"{location}: {self.field}: " if self.field else f"{location}: "


SECTION_1_1 = "sections[0].sections[0]"
FIVE_LEVELS = """\
        sections:
          - title: 第三级
            sections:
              - title: 第四级
                sections:
                  - title: 第五级
                    paragraphs:
                      - 第五级正文。
"""
PARAGRAPHS_1_1 = """\
        paragraphs:
          - lead: 政务服务实现“新提升”。
            text: 全年办件总量为{{ metrics.cases }}。
"""

BAD_INPUTS = [
    Bad("yaml-syntax",
        edit("signature: 无锡市新吴区人民政府\n", "signature: 无锡市新吴区人民政府: 司法局\n"),
        "report.yaml:6:22", "", "this text has an ASCII colon followed by a space"),
    Bad("yaml-tab",
        edit("year: 2023\n", "year: 2023\n\tissuer: 司法局\n"),
        "report.yaml:3:1", "YAML syntax", "found a tab character that violates indentation"),
    Bad("duplicate-key",
        edit("signature: 无锡市新吴区人民政府\n", "signature: 无锡市新吴区人民政府\nissuer: 新吴区司法局\n"),
        "report.yaml:7:1", "issuer", "written twice (first at line 3); keep one"),
    Bad("missing-issuer",
        edit("issuer: 无锡市新吴区人民政府\n", ""),
        "report.yaml:1:1", "issuer", "missing (a required field)"),
    Bad("year-as-text",
        edit("year: 2023", 'year: "2023"'),
        "report.yaml:2:7", "year", "expected the report year as a whole number such as 2023, got '2023'"),
    Bad("unknown-key-typo",
        edit("publication:", "publicaton:"),
        "report.yaml:7:1", "publicaton", "unknown field; did you mean 'publication'?"),
    Bad("unknown-kind",
        edit("kind: annual-report", "kind: annual-reprot"),
        "report.yaml:1:7", "kind", "unknown kind 'annual-reprot' (expected one of: annual-report)"),
    Bad("unknown-role",
        edit("role: measures", "role: measure"),
        "report.yaml:15:11", "sections[0].role", f"unknown role 'measure' (expected one of: {ROLES})"),
    Bad("invalid-date",
        edit("date: 2024-03-29", "date: 2024-13-01"),
        "report.yaml:5:7", "date", "expected a date like 2024-03-29, got '2024-13-01' (month must be in 1..12)"),
    Bad("date-wrong-form",
        edit("date: 2024-03-29", "date: 2024/03/29"),
        "report.yaml:5:7", "date", "expected a date like 2024-03-29, got '2024/03/29'"),
    Bad("chinese-date-no-such-day",
        edit("date: 2024-03-29", "date: 2024年2月30日"),
        "report.yaml:5:7", "date", "got '2024年2月30日' (day is out of range for month)"),
    Bad("lead-is-a-list",
        edit("lead: 政务服务实现“新提升”。", "lead: [政务服务, 新提升]"),
        "report.yaml:20:19", f"{SECTION_1_1}.paragraphs[0].lead", "expected text, got a list"),
    Bad("paragraph-without-text",
        edit("            text: 全年办件总量为{{ metrics.cases }}。\n", ""),
        "report.yaml:20:13", f"{SECTION_1_1}.paragraphs[0].text", "missing (a required field)"),
    Bad("undefined-template-name",
        edit('title: "{{ issuer }}', 'title: "{{ isuer }}'),
        "report.yaml:4:8", "title", "undefined name 'isuer'"),
    Bad("unknown-metric",
        edit("{{ metrics.cases }}", "{{ metrics.nope }}"),
        "report.yaml:21:19", f"{SECTION_1_1}.paragraphs[0].text", "unknown metric 'nope' (metrics: cases)"),
    Bad("jinja-syntax-error",
        edit('title: "{{ issuer }}{{ year }}年法治政府建设情况报告"', 'title: "{{ year"'),
        "report.yaml:4:8", "title", "template error: unexpected end of template"),
    Bad("jinja-error-in-single-text-preamble",
        edit('preamble: "{{ year }}年', 'preamble: "{{ year 年'),
        "report.yaml:13:11", "preamble", "template error: expected token 'end of print statement', got '年'"),
    Bad("metric-value-not-a-figure",
        edit("value: 3.6万件", "value: 很多"),
        "report.yaml:12:12", "metrics.cases.value",
        "expected a figure such as 3.6万件, 9000余件 or 96%, got '很多'"),
    Bad("invalid-metric-id",
        edit("metrics:\n", "metrics:\n  one-thing: {label: 办件, value: 1件}\n"),
        "report.yaml:10:3", "metrics.one-thing", "a metric id is letters, digits and _ (such as one_thing_cases)"),
    Bad("sections-five-levels-deep",
        edit(PARAGRAPHS_1_1, FIVE_LEVELS),
        "report.yaml:24:21", "sections[0].sections[0].sections[0].sections[0].sections[0]",
        "sections nest at most 4 levels (一、 （一） 1. （1）)"),
    Bad("role-on-nested-section",
        edit("      - title: 优化法治环境\n", "      - title: 优化法治环境\n        role: other\n"),
        "report.yaml:19:15", f"{SECTION_1_1}.role", "only top-level sections have a role"),
    Bad("top-level-section-without-role",
        edit("  - role: measures\n    title: 主要举措和成效\n", "  - title: 主要举措和成效\n"),
        "report.yaml:15:5", "sections[0].role", f"missing: a top-level section needs a role ({ROLES})"),
    Bad("emphasis-not-closed",
        edit("全年办件总量为{{ metrics.cases }}。", "全年**办件总量为{{ metrics.cases }}。"),
        "report.yaml:21:19", f"{SECTION_1_1}.paragraphs[0].text",
        "a ** that opens bold text has no ** closing it (write **bold words**)"),
    Bad("table-row-with-a-missing-cell",
        edit(PARAGRAPHS_1_1, PARAGRAPHS_1_1 + "          - table:\n              header: [项目, 数量]\n"
                                              "              rows:\n                - [办件, 3]\n"
                                              "                - [印章]\n"),
        "report.yaml:26:19", f"{SECTION_1_1}.paragraphs[1].table.rows[1]",
        "1 cell, but the header has 2: every row has one cell per column (write '' for an empty cell)"),
    Bad("document-number-in-square-brackets",
        edit("signature: 无锡市新吴区人民政府\n", "signature: 无锡市新吴区人民政府\n"
                                            "letterhead: {organ: 无锡市新吴区人民政府, number: '新府发[2024]12号'}\n"),
        "report.yaml:7:41", "letterhead.number",
        "发文字号 '新府发[2024]12号': the year goes in 〔〕 (U+3014, U+3015), not [] or （）, "
        "such as 新府发〔2024〕12号"),
    Bad("document-number-with-a-leading-zero",
        edit("signature: 无锡市新吴区人民政府\n", "signature: 无锡市新吴区人民政府\n"
                                            "letterhead: {organ: 无锡市新吴区人民政府, number: 新府发〔2024〕012号}\n"),
        "report.yaml:7:41", "letterhead.number",
        "发文字号 '新府发〔2024〕012号': no leading zeros in the number (12号, not 012号), "
        "such as 新府发〔2024〕12号"),
    Bad("seal-file-missing",
        edit("signature: 无锡市新吴区人民政府\n", "signature: 无锡市新吴区人民政府\nseal: seal.png\n"),
        "report.yaml:7:7", "seal", "seal.png: no such file in the content folder"),
    Bad("seal-outside-the-folder",
        edit("signature: 无锡市新吴区人民政府\n", "signature: 无锡市新吴区人民政府\nseal: ../seal.png\n"),
        "report.yaml:7:7", "seal",
        "'../seal.png': a seal image is a file in the content folder itself; write its name only (seal.png), "
        "no folders"),
    Bad("numbering-misspelt",
        edit("      - title: 优化法治环境\n", "      - title: 优化法治环境\n        numbering: contine\n"),
        "report.yaml:19:20", f"{SECTION_1_1}.numbering",
        "expected restart or continue (continue: the levels below keep counting across this section's "
        "subsections), got 'contine'"),
    Bad("empty-sections-list",
        edit("    sections:\n      - title: 优化法治环境\n" + PARAGRAPHS_1_1, "    sections: []\n"),
        "report.yaml:17:15", "sections[0].sections", "expected at least one section"),
    Bad("run-in-not-a-flag",
        edit("      - title: 优化法治环境\n", '      - title: 优化法治环境\n        run_in: "yes"\n'),
        "report.yaml:19:17", f"{SECTION_1_1}.run_in", "expected true or false, got 'yes'"),
    Bad("publication-item-two-pairs",
        edit("  - 信息索引号: 014032126/2024-00580\n",
             "  - 信息索引号: 014032126/2024-00580\n    发布机构: 新吴区司法局\n"),
        "report.yaml:8:5", "publication[0]",
        "expected one 'label: value' pair such as '信息索引号: 014032126/2024-00580'"),
    Bad("publication-item-plain-text",
        edit("  - 信息索引号: 014032126/2024-00580\n", "  - 信息索引号 014032126/2024-00580\n"),
        "report.yaml:8:5", "publication[0]",
        "expected one 'label: value' pair such as '信息索引号: 014032126/2024-00580' "
        "(one '- ' line each), got '信息索引号 014032126/2024-00580'"),
    Bad("top-level-is-a-list",
        "- kind: annual-report\n- year: 2023\n",
        "report.yaml:1:1", "", "got a list"),
    Bad("empty-file",
        "",
        "report.yaml:1:1", "", "got nothing"),
    # Saved as GBK ("ANSI" in Notepad): the first byte that is not UTF-8 is 无 on line 3, column 9.
    Bad("not-utf8",
        VALID.encode("gbk"),
        "report.yaml:3:9", "", "not UTF-8 text"),
    Bad("missing-report-yaml",
        NO_REPORT,
        "report.yaml:1:1", "", "missing: a content folder holds its report in report.yaml"),
    Bad("no-such-folder",
        NO_FOLDER,
        "1:1", "", "no such content folder"),
]


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[bad.id for bad in BAD_INPUTS])
def test_bad_input_is_located_and_nothing_is_written(workdir, bad):
    write_content(workdir, bad.id, bad.content)
    head = bad.expected_head()

    validated = assert_failed_cleanly(docgen("validate", bad.id))
    built = assert_failed_cleanly(docgen("build", bad.id, "--format", "docx", "--out", "out"))
    assert files_under(workdir / "out") == []
    assert len(validated) == 2, validated
    assert validated[1] == "1 error(s)."
    assert built == [validated[0], "1 error(s); nothing was written."]

    error = validated[0]
    assert error.startswith(head), f"expected {head!r}…, got {error!r}"
    assert bad.message in error[len(head):], f"expected …{bad.message!r}…, got {error!r}"


def test_bad_inputs_are_distinct():
    assert len(BAD_INPUTS) >= 15
    assert len({repr(bad.content) for bad in BAD_INPUTS}) == len(BAD_INPUTS)


# -- the valid report, and what a failed build leaves behind ---------------

def test_valid_report_validates_and_writes_nothing(workdir):
    write_content(workdir, "minimal", VALID)
    result = docgen("validate", "minimal")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == "minimal: ok — 2023, 1 top-level sections, 1 metrics\n"
    assert files_under(workdir) == ["minimal", "minimal/report.yaml"]


def test_valid_report_builds_exactly_one_file(workdir):
    write_content(workdir, "minimal", VALID)
    result = docgen("build", "minimal", "--format", "docx", "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/minimal.docx\n"
    assert files_under(workdir / "out") == ["minimal.docx"]


def test_failed_build_leaves_existing_output_untouched(workdir):
    write_content(workdir, "minimal", edit("value: 3.6万件", "value: 很多"))
    out = workdir / "out"
    out.mkdir()
    previous = b"PK\x03\x04 the previous good build \x00\xff"
    (out / "minimal.docx").write_bytes(previous)

    result = docgen("build", "minimal", "--format", "docx", "--out", "out")
    assert assert_failed_cleanly(result) == [
        "minimal/report.yaml:12:12: metrics.cases.value: "
        "expected a figure such as 3.6万件, 9000余件 or 96%, got '很多'",
        "1 error(s); nothing was written.",
    ]
    assert (out / "minimal.docx").read_bytes() == previous
    assert files_under(out) == ["minimal.docx"]


# -- several errors in one file ----------------------------------------------

def test_several_errors_are_all_reported_sorted_by_line(workdir):
    text = VALID
    # Introduced out of line order; the loader also finds them out of order.
    for old, new in [("value: 3.6万件", "value: 很多"),
                     ("lead: 政务服务实现“新提升”。", "lead: [政务服务, 新提升]"),
                     ("role: measures", "role: measure"),
                     ("publication:", "publicaton:"),
                     ("year: 2023", 'year: "2023"'),
                     ("kind: annual-report", "kind: annual-reprot")]:
        text = edit(old, new, text)
    write_content(workdir, "several", text)

    expected = [
        "several/report.yaml:1:7: kind: unknown kind 'annual-reprot' (expected one of: annual-report)",
        "several/report.yaml:2:7: year: expected the report year as a whole number such as 2023, got '2023'",
        "several/report.yaml:7:1: publicaton: unknown field; did you mean 'publication'?",
        "several/report.yaml:12:12: metrics.cases.value: "
        "expected a figure such as 3.6万件, 9000余件 or 96%, got '很多'",
        f"several/report.yaml:15:11: sections[0].role: unknown role 'measure' (expected one of: {ROLES})",
        f"several/report.yaml:20:19: {SECTION_1_1}.paragraphs[0].lead: expected text, got a list",
    ]
    assert assert_failed_cleanly(docgen("validate", "several")) == expected + ["6 error(s)."]
    built = docgen("build", "several", "--format", "docx", "--out", "out")
    assert assert_failed_cleanly(built) == expected + ["6 error(s); nothing was written."]
    assert files_under(workdir / "out") == []


def test_several_template_errors_are_all_reported_sorted_by_line(workdir):
    text = edit('title: "{{ issuer }}{{ year }}年法治政府建设情况报告"', 'title: "{{ metrics.a }}年报告"')
    text = edit("信息索引号: 014032126/2024-00580", '信息索引号: "{{ metrics.b }}"', text)
    text = edit("{{ metrics.cases }}", "{{ metrics.c }}", text)
    write_content(workdir, "templates", text)

    expected = [
        "templates/report.yaml:4:8: title: unknown metric 'a' (metrics: cases)",
        "templates/report.yaml:8:12: publication[0].信息索引号: unknown metric 'b' (metrics: cases)",
        f"templates/report.yaml:21:19: {SECTION_1_1}.paragraphs[0].text: unknown metric 'c' (metrics: cases)",
    ]
    assert assert_failed_cleanly(docgen("validate", "templates")) == expected + ["3 error(s)."]


def test_structure_and_template_errors_are_reported_together(workdir):
    text = edit("year: 2023", 'year: "2023"')
    text = edit("{{ metrics.cases }}", "{{ metrics.nope }}", text)
    write_content(workdir, "mixed", text)

    assert assert_failed_cleanly(docgen("validate", "mixed")) == [
        "mixed/report.yaml:2:7: year: expected the report year as a whole number such as 2023, got '2023'",
        f"mixed/report.yaml:21:19: {SECTION_1_1}.paragraphs[0].text: unknown metric 'nope' (metrics: cases)",
        "2 error(s).",
    ]
