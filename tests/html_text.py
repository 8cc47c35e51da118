"""The web page's text against the PDF's (test helper, shared by the static and the browser
tests): the page's report as blocks — a paragraph's or heading's text, or a table as its
caption and rows of cell texts — matched in order against the PDF's text, whitespace aside.
A table row matches the PDF's characters in any order (its cells' lines interleave on the
page); a header row repeated on a new page is skipped; page numbers are not text."""

from __future__ import annotations

import re
from pathlib import Path

from pdf_lines import read_pages

Block = tuple[str, str, list[list[str]]]        # ("text", text, []) or ("table", caption, rows)


def pdf_text(pdf: Path) -> str:
    """The PDF's text without white space and page numbers (— 3 —)."""
    lines = [line.text for page in read_pages(pdf) for line in page.lines]
    return "".join(re.sub(r"\s+", "", t) for t in lines if not re.fullmatch(r"—\d+—", t.replace(" ", "")))


def assert_blocks_match(blocks: list[Block], pdf: str) -> None:
    at = 0
    for kind, text, rows in blocks:
        text = re.sub(r"\s+", "", text)
        if kind == "text":
            assert pdf[at:at + len(text)] == text, (text, pdf[at:at + 40])
            at += len(text)
            continue
        if text:
            assert pdf[at:].startswith(text), (text, pdf[at:at + 40])
            at += len(text)
        header = "".join(re.sub(r"\s+", "", cell) for cell in rows[0])
        for n, row in enumerate(rows):
            cells = "".join(re.sub(r"\s+", "", cell) for cell in row)
            if n and sorted(pdf[at:at + len(header)]) == sorted(header) and sorted(cells) != sorted(header):
                at += len(header)       # the header repeated on a new page
            assert sorted(pdf[at:at + len(cells)]) == sorted(cells), (cells, pdf[at:at + len(cells)])
            at += len(cells)
    assert at == len(pdf), pdf[at:]
