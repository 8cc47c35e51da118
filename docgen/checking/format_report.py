"""The result of checking a finished file (DOCX or PDF) against the format profile: one row per
property checked, passed or failed, with what was expected, what was found and where.

`docgen check FILE.docx|FILE.pdf` prints these rows as a table a clerk can read (the failures
first, each with the paragraph or page and a text excerpt), or as JSON for tools; the exit code
is 1 when any row failed. The checkers (docx_format.py, pdf_format.py) only make rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from docgen.record import record

EXCERPT = 24        # characters of text shown with a row


class UnreadableFile(Exception):
    """The file to check cannot be read as what its name says (not a .docx, a damaged PDF…)."""


@record
class FormatCheck:
    item: str           # what was checked, in the clerk's words: "左边距", "body font size", …
    passed: bool
    expected: str       # "28 mm ± 1", "仿宋_GB2312 16 pt"
    found: str          # "31.8 mm", "Calibri 11 pt"
    where: str = ""     # "paragraph 12", "page 3, line 22", "section 1", "" for the whole file
    excerpt: str = ""   # the start of the text concerned

    def __post_init__(self):
        object.__setattr__(self, "excerpt", shortened(self.excerpt))


def shortened(text: str, length: int = EXCERPT) -> str:
    """One line of at most `length` characters, marked when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "……"


def failed(checks: list[FormatCheck]) -> list[FormatCheck]:
    return [check for check in checks if not check.passed]


def as_table(path: str, checks: list[FormatCheck]) -> list[str]:
    """Lines to print: the failures first, then what passed, then a count."""
    rows = sorted(checks, key=lambda check: check.passed)
    lines = [f"{path}:"]
    for check in rows:
        mark = "ok  " if check.passed else "FAIL"
        where = f" [{check.where}]" if check.where else ""
        excerpt = f" «{check.excerpt}»" if check.excerpt else ""
        found = "" if check.passed else f"; found {check.found}"
        lines.append(f"  {mark} {check.item}: expected {check.expected}{found}{where}{excerpt}")
    bad = len(failed(checks))
    lines.append(f"{bad} of {len(checks)} check(s) failed" if bad else f"all {len(checks)} checks passed")
    return lines


def as_json(path: str, checks: list[FormatCheck]) -> str:
    return json.dumps({"file": path, "passed": not failed(checks), "checks": [asdict(c) for c in checks]},
                      ensure_ascii=False, indent=2, sort_keys=True)
