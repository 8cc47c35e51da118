"""`docgen check CONTENT_DIR`: every lint rule on the content, findings in file order.

The rule families live in modules of their own (regulation, punctuation, numbers, figures),
each a function CheckContext → findings; FAMILIES lists them. Rules read the text as the
clerk wrote it (report.yaml, templates unrendered) so that every finding points at the
characters to change, and the resolved report where a figure or a number matters.
"""

from __future__ import annotations

from pathlib import Path

from docgen.checking import figures, numbers, punctuation, regulation
from docgen.checking.context import Check, CheckContext
from docgen.checking.findings import ERROR, Finding
from docgen.content.load import load_report_and_texts
from docgen.content.model import Report, Text
from docgen.content.resolve import resolve
from docgen.format.profile import Profile

FAMILIES: list[Check] = [regulation.check, punctuation.check, numbers.check, figures.check]


def lint(content_dir: Path, profile: Profile) -> list[Finding]:
    """Every finding of every rule, in file order; ContentErrors if the content cannot be read."""
    report, texts = load_report_and_texts(content_dir)
    return lint_loaded(report, texts, resolve(report, profile), profile)


def lint_loaded(report: Report, texts: list[Text], resolved: Report, profile: Profile) -> list[Finding]:
    """lint() of content already loaded and resolved (docgen build checks before it renders)."""
    context = CheckContext.of(report, texts, resolved, profile)
    found = [finding for family in FAMILIES for finding in family(context)]
    return sorted(found, key=lambda f: (str(f.where.file), f.where.line, f.where.column, f.rule.code))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
