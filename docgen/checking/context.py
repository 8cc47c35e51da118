"""What the lint rules read: the content as written (every text with its field and kind, in
file order), the same content resolved (figures as printed, numbering), the profile, and the
file itself for locating characters. Rules make findings through CheckContext.finding, which
locates the characters and attaches a safe fix where the rule allows one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docgen.checking.findings import Finding, Fix, Rule
from docgen.checking.source_map import SourceFile
from docgen.content.model import Report, Text
from docgen.format.profile import Profile
from docgen.record import record

EXCERPT_CONTEXT = 20            # characters shown either side of a finding

# A text's kind, from its field: what punctuation and numbering rules expect of it.
_KINDS = [
    (re.compile(r"^title$"), "title"),
    (re.compile(r"(^|\.)sections\[\d+\]\.title$"), "heading"),
    (re.compile(r"^attachments\[\d+\]\.title$"), "heading"),
    (re.compile(r"\.lead$"), "lead"),
    (re.compile(r"\.table\.(header|rows)"), "cell"),
    (re.compile(r"\.table\.(title|note)$"), "caption"),
    (re.compile(r"(^preamble|paragraphs\[\d+\])(\[\d+\]|\.text|\.brief)?$"), "paragraph"),
    (re.compile(r"(^|\.)brief$"), "paragraph"),
    (re.compile(r"^metrics\."), "metric"),
]


def kind_of(field_name: str) -> str:
    """title | heading | lead | paragraph | cell | caption | metric | other."""
    return next((kind for pattern, kind in _KINDS if pattern.search(field_name)), "other")


@record
class Item:
    text: Text
    kind: str

    @property
    def level(self) -> int:
        """A heading's level (1: 一、), from its field: sections nested in sections."""
        return self.text.field.count("sections[")


@dataclass
class CheckContext:
    report: Report                      # as written: templates unrendered, typed numbering kept
    resolved: Report                    # as printed: figures rendered, headings numbered
    profile: Profile
    items: list[Item]
    source: SourceFile
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def of(cls, report: Report, texts: list[Text], resolved: Report, profile: Profile,
           source: SourceFile | None = None) -> CheckContext:
        file = report.source / "report.yaml"
        return cls(report, resolved, profile, [Item(t, kind_of(t.field)) for t in texts],
                   source or SourceFile(Path(file)))

    def texts(self, *kinds: str) -> Iterator[Item]:
        return (item for item in self.items if not kinds or item.kind in kinds)

    def finding(self, rule: Rule, text: Text, start: int, end: int, detail: str = "",
                replacement: str | None = None) -> Finding:
        """A finding on the text's characters [start, end); with `replacement` a safe fix of
        exactly those characters, offered only where they could be followed into the file."""
        first = self.source.place(text, start)
        last = self.source.place(text, max(start, end - 1))
        fix = None
        if replacement is not None and first.offset is not None and last.offset is not None \
                and last.offset - first.offset == end - 1 - start:          # the characters are contiguous in the file
            fix = Fix(first.offset, last.offset + 1, replacement)
        if first.offset is not None:
            line = self.source.line_text(first.where.line)
            mark_start = first.where.column - 1
            mark_end = mark_start + (end - start if fix or last.where.line == first.where.line else 1)
        else:
            line, mark_start, mark_end = str(text), start, end
        excerpt, mark = _window(line, mark_start, mark_end)
        return Finding(rule, first.where, excerpt, mark, detail, fix)


def _window(line: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The line around [start, end): EXCERPT_CONTEXT characters either side, cuts marked with …."""
    left, right = max(0, start - EXCERPT_CONTEXT), min(len(line), end + EXCERPT_CONTEXT)
    head, tail = ("…" if left else ""), ("…" if right < len(line) else "")
    return head + line[left:right].strip("\n") + tail, (start - left + len(head), end - left + len(head))


Check = Callable[[CheckContext], Iterable[Finding]]
