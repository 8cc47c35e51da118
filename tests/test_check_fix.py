"""`check --fix` (docgen/checking/fix.py): safe fixes written into report.yaml as a text edit —
comments and layout kept, protected tokens untouched, the file still loads, a second run finds
nothing to fix."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.checking.findings import Finding, Fix
from docgen.checking.fix import FixError, apply_fixes
from docgen.checking.punctuation import P101
from docgen.content.load import load_report
from docgen.content.model import Location
from lint_cases import PREAMBLE, content, lint_content


def fixable(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.fix is not None]


def test_fixes_change_only_the_marked_characters_and_keep_comments_and_layout(tmp_path):
    before_title = "      - title: 健全制度体系\n"
    folder = content(tmp_path, PREAMBLE, "  - '深化改革,推进发展...坚持一个目标--法治政府。'  # 改革要点\n")
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(before_title, "      - title: （二）健全制度体系\n"),
                    encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    changes = apply_fixes(lint_content(folder))
    assert [str(c).split("report.yaml:")[1] for c in changes] == [
        "16:10: P101 , → ，", "16:15: P106 ... → ……", "16:24: P107 -- → ——", "21:16: P108 （二） → (removed)"]
    written, fixed = "深化改革,推进发展...坚持一个目标--法治政府", "深化改革，推进发展……坚持一个目标——法治政府"
    expected = original.replace(written, fixed)
    expected = expected.replace("title: （二）健全", "title: 健全")
    assert path.read_text(encoding="utf-8") == expected
    assert "# 改革要点" in expected and expected.startswith("# Every optional element")
    load_report(folder)
    assert fixable(lint_content(folder)) == [] and apply_fixes(lint_content(folder)) == []


def test_brackets_and_ordinals_are_fixed_in_a_double_quoted_scalar(tmp_path):
    folder = content(tmp_path, PREAMBLE, '  - "1、推行(一窗受理)服务。"\n')
    apply_fixes(lint_content(folder))
    assert '  - "1.推行（一窗受理）服务。"\n' in (folder / "report.yaml").read_text(encoding="utf-8")


def test_an_escaped_quote_is_left_alone(tmp_path):
    folder = content(tmp_path, PREAMBLE, '  - "推行\\"一窗受理\\"服务。"\n')
    findings = [f for f in lint_content(folder) if f.rule.code == "P103"]
    assert len(findings) == 2
    assert apply_fixes(findings) == []
    assert '\\"一窗受理\\"' in (folder / "report.yaml").read_text(encoding="utf-8")


def made_fix(path, start: int, end: int, replacement: str) -> Finding:
    """A finding carrying a fix of the file's characters [start, end), as a rule would make it."""
    return Finding(P101, Location(path, 1, 1), "", (0, 1), fix=Fix(start, end, replacement))


def test_overlapping_fixes_keep_the_first(tmp_path):
    path = content(tmp_path) / "report.yaml"
    start = path.read_text(encoding="utf-8").index("认真")
    changes = apply_fixes([made_fix(path, start + 1, start + 3, "XX"), made_fix(path, start, start + 2, "落实")])
    assert [(c.old, c.new) for c in changes] == [("认真", "落实")]
    assert "落实贯彻" in path.read_text(encoding="utf-8")


def test_a_fix_that_would_change_the_yaml_structure_writes_nothing(tmp_path):
    path = content(tmp_path) / "report.yaml"
    original = path.read_text(encoding="utf-8")
    start = original.index("某市某区司法局")          # issuer: 某市某区司法局 → issuer: [x]
    with pytest.raises(FixError, match="nothing was changed"):
        apply_fixes([made_fix(path, start, start + 7, "[x]")])
    assert path.read_text(encoding="utf-8") == original


# Random Chinese text with protected tokens: --fix never changes a token, and a second lint finds
# nothing fixable.

HANZI = st.sampled_from(list("法治政府建设依法行政推进深化改革全面落实审查执法监督"))
MARKS = st.sampled_from([",", ":", ";", "?", "!", "(", ")", "...", "--", "—", "…", "。", "，", "、", "“", "”", '"'])
PROTECTED_TOKENS = ["255.54", "14:33", "014032126/2024-00580", "1+3+N", "GB/T 9704—2012", "1,200", "1:2",
                    "https://www.wuxi.gov.cn/a?b=1,c=2", "sfj@wuxi.gov.cn", "{{ metrics.cases }}", "{{ year }}"]
PROTECTED = st.sampled_from(PROTECTED_TOKENS)
PIECES = st.one_of(st.text(HANZI, min_size=1, max_size=4), MARKS, PROTECTED)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(PIECES, min_size=1, max_size=12))
def test_fix_never_changes_a_protected_token_and_a_second_run_finds_nothing(tmp_path_factory, pieces):
    # Each protected token is written inside a clause (为…。), as in a report.
    paragraph = "开始" + "".join(p if p not in PROTECTED_TOKENS else f"为{p}。" for p in pieces) + "。"
    quoted = "'" + paragraph.replace("'", "''") + "'"
    folder = content(tmp_path_factory.mktemp("fix"), PREAMBLE, f"  - {quoted}  # 备注\n")
    apply_fixes(lint_content(folder))
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    [fixed_line] = [line for line in text.splitlines() if line.endswith("# 备注")]
    for token in (p for p in pieces if p in PROTECTED_TOKENS):
        assert f"为{token}。" in fixed_line, token
    load_report(folder)
    assert fixable(lint_content(folder)) == []



def test_a_long_run_of_ascii_marks_is_fixed_whole_in_one_run(tmp_path):
    folder = content(tmp_path, PREAMBLE, "  - '法" + ",;" * 4000 + "。'\n")
    changes = apply_fixes(lint_content(folder))
    assert len(changes) == 8000
    assert "  - '法" + "，；" * 4000 + "。'\n" in (folder / "report.yaml").read_text(encoding="utf-8")
    assert fixable(lint_content(folder)) == []
