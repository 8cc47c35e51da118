"""A table with a header row onto pages (part of layout.paginate): whole rows, the header repeated.

GB/T 9704 practice (shared/spec/gbt9704.md "Tables"): a table that crosses a page
never splits a row and repeats its header row at the top of the next page; each
page's part is closed by a rule below its last row, so that every part is ruled
all round (the DOCX does the same with w:cantSplit, w:tblHeader and the table's
borders). The header starts a page only with the first row below it; a table kept
together (the 简报's) starts one only with all its rows. A row taller than a page is the
one thing split, line by line, as it must be.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from docgen.document.blocks import TableBlock

if TYPE_CHECKING:
    from docgen.pdf.layout import SetLine

# A part that the table continues after ends a grid line above the page's foot: the rule
# that closes it needs room below its last row (LibreOffice 7.4 moves a row that ends on the
# last grid line to the next page when the part must be closed there; measured), and the
# PDF breaks where the DOCX does.
_FOOT = 1


def repeats_header(lines: list[SetLine]) -> bool:
    """Whether these are the set lines of a table that repeats its header row."""
    block = lines[0].block
    return isinstance(block, TableBlock) and block.repeat_header


def rows_of(lines: list[SetLine]) -> list[list[SetLine]]:
    """A table's set lines grouped by row."""
    rows: list[list[SetLine]] = []
    for line in lines:
        if line.first:
            rows.append([])
        rows[-1].append(line)
    return rows


def first_lines(lines: list[SetLine]) -> int:
    """The lines a block needs on the page it starts on: a table kept together, all of them; a
    table with a header row, its header and first row (and the foot line, if more rows follow);
    anything else, its first line."""
    block = lines[0].block
    if isinstance(block, TableBlock) and block.keep_together:
        return sum(line.span for line in lines)
    if not repeats_header(lines):
        return 1
    rows = rows_of(lines)
    return sum(len(row) for row in rows[:2]) + _FOOT * (len(rows) > 2)


def add_table(pages: list[list[SetLine]], lines: list[SetLine], lines_per_page: int) -> None:
    """The table's rows onto the last page and the pages after it."""
    block = lines[0].block
    assert isinstance(block, TableBlock)
    header, *body = rows_of(lines)
    if pages[-1] and len(pages[-1]) + first_lines(lines) > lines_per_page:
        pages.append([])
    pages[-1] += header
    for i, row in enumerate(body):
        room = lines_per_page - (_FOOT if i < len(body) - 1 else 0)
        if len(pages[-1]) + len(row) > room and len(header) + len(row) <= room:
            _close(pages[-1], block)
            pages.append(list(header))
        for line in row:
            if len(pages[-1]) >= lines_per_page:        # a row taller than a page
                _close(pages[-1], block)
                pages.append([])
            pages[-1].append(line)


def _close(page: list[SetLine], block: TableBlock) -> None:
    """The rule below the page's last line of the table."""
    page[-1] = dataclasses.replace(page[-1], rule_below=block.rule)
