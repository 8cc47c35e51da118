"""Content folders for lint tests (test helper): a small valid report (tests/fixtures/all-elements)
with one text or field changed, and its findings.

    findings = lint_paragraph(tmp_path, "深化改革,推进发展。")   # the preamble's paragraph replaced
    codes(findings) == ["P101"]
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES
from docgen.checking.findings import Finding
from docgen.checking.lint import lint
from docgen.format.profile import load_profile

BASE = FIXTURES / "all-elements"
PREAMBLE = '  - "{{ year }}年，区司法局认真贯彻落实上级部署，现将有关情况报告如下。"\n'


def content(tmp_path: Path, old: str = "", new: str = "", name: str = "case-2023") -> Path:
    """all-elements with `old` replaced by `new` in its report.yaml (old must occur)."""
    folder = tmp_path / name
    shutil.copytree(BASE, folder)
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return folder


def lint_content(folder: Path) -> list[Finding]:
    return lint(folder, load_profile())


def lint_paragraph(tmp_path: Path, paragraph: str) -> list[Finding]:
    """The findings of a report whose preamble is this one paragraph (a YAML single-quoted scalar)."""
    quoted = "'" + paragraph.replace("'", "''") + "'"
    return lint_content(content(tmp_path, PREAMBLE, f"  - {quoted}\n"))


def codes(findings: list[Finding]) -> list[str]:
    return [f.rule.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    """The one finding of that code."""
    [finding] = [f for f in findings if f.rule.code == code]
    return finding


def marked(finding: Finding) -> str:
    """The characters the finding points at."""
    return finding.excerpt[finding.mark[0]:finding.mark[1]]
