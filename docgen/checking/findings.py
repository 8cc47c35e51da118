"""A lint finding: a coded problem in the content's text, located to the character, with the
rule it breaks and the fix — printed for a clerk (the line, a caret under the offending
characters) or as JSON for tools.

Severity: an error stops `docgen build` (unless --no-check); a warning is printed only.
A finding may carry a safe fix (a replacement of characters in report.yaml) that
`docgen check --fix` applies; only rules whose fix cannot change the meaning offer one.
"""

from __future__ import annotations

import json
import unicodedata

from docgen.content.model import Location
from docgen.record import record

ERROR, WARNING = "error", "warning"


@record
class Rule:
    code: str           # P101: a letter for the family (R regulation, P punctuation, N numbers, F figures)
    severity: str       # ERROR | WARNING
    title: str          # what is wrong, in the clerk's words
    source: str         # the rule it breaks: "GB/T 15834-2011 4.1", "国务院令第802号 第二十四条"
    fix: str            # what to do


@record
class Fix:
    start: int          # offsets in the file's text
    end: int
    replacement: str


@record
class Finding:
    rule: Rule
    where: Location
    excerpt: str                        # the file's line (or the text) the finding is in
    mark: tuple[int, int]               # [start, end) of the offending characters in the excerpt
    detail: str = ""                    # what this finding adds to the rule's title ("，" for ",")
    fix: Fix | None = None              # a safe fix, for `check --fix`

    @property
    def severity(self) -> str:
        return self.rule.severity

    def lines(self) -> list[str]:
        """The finding as a clerk reads it: where, what, the line with a caret, the rule, the fix."""
        detail = f": {self.detail}" if self.detail else ""
        start, end = self.mark
        caret = " " * terminal_width(self.excerpt[:start]) + "^" * max(1, terminal_width(self.excerpt[start:end]))
        fixable = " (docgen check --fix does it)" if self.fix else ""
        return [f"{self.where}: {self.severity} {self.rule.code} {self.rule.title}{detail}",
                f"    {self.excerpt}",
                f"    {caret}",
                f"    rule: {self.rule.source}",
                f"    fix: {self.rule.fix}{fixable}"]

    def line(self) -> str:
        """The finding on one line, located like every other error docgen prints (docgen build)."""
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.where}: {self.severity} {self.rule.code} {self.rule.title}{detail}; fix: {self.rule.fix}"

    def as_dict(self) -> dict:
        return {"code": self.rule.code, "severity": self.severity, "file": str(self.where.file),
                "line": self.where.line, "column": self.where.column, "title": self.rule.title,
                "detail": self.detail, "text": self.excerpt[self.mark[0]:self.mark[1]], "excerpt": self.excerpt,
                "rule": self.rule.source, "fix": self.rule.fix, "fixable": self.fix is not None}


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "no problems found"
    return f"{errors} error(s), {warnings} warning(s)"


def terminal_width(text: str) -> int:
    """Columns a terminal gives the text: two for a hanzi or a full-width mark, so the caret lines up."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
