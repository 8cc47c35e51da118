"""`docgen check --fix`: the safe fixes of lint findings written into report.yaml.

A fix replaces characters of the file's text (the offsets the finding located), so comments,
quoting, indentation and line breaks stay exactly as the clerk wrote them — the file is never
re-dumped. Fixes are applied from the end of the file backwards so earlier offsets stay valid;
of two fixes that overlap the first (in file order) is kept. A character escaped with a
backslash (\\" in a double-quoted scalar) is left alone: replacing it would leave an escape YAML
refuses. Before writing, the edited text is parsed again and must give the same structure
(the same keys, lists and types, only string values changed); otherwise nothing is written.
The file is replaced atomically (docgen/output.py).
"""

from __future__ import annotations

from pathlib import Path

from docgen.checking.findings import Finding, Fix
from docgen.checking.source_map import SourceFile
from docgen.content.model import Location
from docgen.content.yamltree import parse
from docgen.output import write_atomically
from docgen.record import record


class FixError(Exception):
    """The fixed file would not read as the same content: nothing was written."""


@record
class AppliedFix:
    where: Location         # in the file before the fix
    old: str
    new: str
    code: str

    def __str__(self) -> str:
        return f"{self.where}: {self.code} {self.old} → {self.new or '(removed)'}"


def apply_fixes(findings: list[Finding]) -> list[AppliedFix]:
    """Apply every finding's safe fix to its file; the changes made, in file order.
    FixError (and no file changed) if a fixed file would not parse as the same structure."""
    by_file: dict[Path, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_file.setdefault(Path(finding.where.file), []).append(finding)
    staged: dict[Path, tuple[str, list[AppliedFix]]] = {}
    for path, fixable in by_file.items():
        source = SourceFile(path)
        chosen = _without_overlaps(fixable, source.text)
        text = source.text
        for finding in reversed(chosen):
            fix = _fix_of(finding)
            text = text[:fix.start] + fix.replacement + text[fix.end:]
        _check_same_structure(path, source.text, text)
        applied = [AppliedFix(source.location(_fix_of(f).start), source.text[_fix_of(f).start:_fix_of(f).end],
                              _fix_of(f).replacement, f.rule.code) for f in chosen]
        staged[path] = (text, applied)
    for path, (text, _) in staged.items():
        write_atomically(path, text.encode("utf-8"))
    return [change for _, changes in staged.values() for change in changes]


def _fix_of(finding: Finding) -> Fix:
    assert finding.fix is not None
    return finding.fix


def _without_overlaps(findings: list[Finding], text: str) -> list[Finding]:
    """The fixes to apply, in file order: the first of overlapping ones, none on an escaped character."""
    chosen: list[Finding] = []
    end = -1
    for finding in sorted(findings, key=lambda f: (_fix_of(f).start, _fix_of(f).end)):
        fix = _fix_of(finding)
        if fix.start < end or (fix.start > 0 and text[fix.start - 1] == "\\"):
            continue
        if text[fix.start:fix.end] == fix.replacement:
            continue
        chosen.append(finding)
        end = max(end, fix.end)
    return chosen


def _check_same_structure(path: Path, old: str, new: str) -> None:
    before, _ = parse(old)
    after, problems = parse(new)
    if problems or not _same_shape(before, after):
        raise FixError(f"{path}: the fixes would change how YAML reads the file; nothing was changed")


def _same_shape(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same_shape(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_shape(x, y) for x, y in zip(a, b))
    if isinstance(a, str) and isinstance(b, str):
        return True
    return type(a) is type(b) and a == b
