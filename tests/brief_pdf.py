"""The 简报's parts found on a rendered PDF (test helper, shared by the table, foot and
reading tests): the 主要数据 table's rules and cells, the red rule under the 报头, and the
lowest rule across the text block (the 报尾's or the 版记's last).

Each works on docgen's PDF and on LibreOffice's render of the DOCX alike: rules come
from pdf_lines.rules (pieces joined, doubles dropped), text from pdf_lines.read_pages.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pdfplumber

from pdf_lines import Line, read_pages, rules

RED = (1, 0, 0)


def red_rule(pdf: Path) -> tuple:
    """The one red rule (under the 报头)."""
    [red] = [r for r in rules(pdf) if r[7] == RED]
    return red


def table_rules(pdf: Path) -> tuple[list[tuple], list[tuple]]:
    """The table's horizontal rules (top down) and its column rules (left to right): the black
    rules across the block within the column rules' height on their page (not the 报尾's). Both empty when
    the PDF has no table (no column rules)."""
    every = rules(pdf)
    columns = sorted((r for r in every if r[1] == "|"), key=lambda r: r[2])
    if not columns:
        return [], []
    spans = {page: (min(r[4] for r in columns if r[0] == page), max(r[5] for r in columns if r[0] == page))
             for page in {r[0] for r in columns}}
    across = [r for r in every if r[1] == "-" and r[7] != RED and r[0] in spans
              and spans[r[0]][0] - 1 <= r[4] <= spans[r[0]][1] + 1]
    return sorted(across, key=lambda r: (r[0], r[4])), columns


def cell_lines(pdf: Path) -> list[tuple[int, list[str], list[Line]]]:
    """Each row of the table: its index (0: the header), each cell's lines of text, the lines."""
    across, columns = table_rules(pdf)
    [page] = [p for p in read_pages(pdf) if p.number == columns[0][0]]
    edges = [r[2] for r in columns]
    rows = []
    for index, (upper, lower) in enumerate(zip(across, across[1:])):
        lines = [line for line in page.lines if upper[4] < line.baseline < lower[4]]
        cells = [["".join(g.text for g in line.glyphs if a < g.x0 < b) for line in lines] for a, b in
                 zip(edges, edges[1:])]
        rows.append((index, [[text for text in cell if text] for cell in cells], lines))
    return rows


def check_table_on_one_page(pdf: Path, rows: int) -> tuple[list[tuple], list[tuple]]:
    """A rule above each of the table's rows and below the last (rows + 1 across it), all of
    them, the column rules and the 主要数据 title above them on one page. Returns the rules."""
    across, columns = table_rules(pdf)
    assert len(across) == rows + 1, (len(across), rows)
    assert {r[0] for r in across} == {r[0] for r in columns} == {columns[0][0]}
    [title] = [line for page in read_pages(pdf) for line in page.lines if line.text == "主要数据"]
    assert title.page == columns[0][0] and title.baseline < across[0][4]
    return across, columns


def lone_characters(rows: list[tuple[int, list[str], list[Line]]]) -> list[str]:
    """The cell lines (of cell_lines' rows) that hold a single character besides punctuation."""
    return [text for _, cells, _ in rows for cell in cells for text in cell
            if sum(not unicodedata.category(c).startswith("P") for c in text) == 1]


def last_rule_bottom(pdf_path: Path) -> tuple[int, float]:
    """(page, bottom in pt from the page top) of the lowest rule across the text block."""
    with pdfplumber.open(pdf_path) as pdf:
        found = [(number, line["bottom"]) for number, page in enumerate(pdf.pages, start=1)
                 for line in page.lines if line["top"] == line["bottom"] and line["x1"] - line["x0"] > 400]
    return max(found)
