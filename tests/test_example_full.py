"""The second bundled example, content/example-full: it holds every element of the content
format, and `docgen build content/example-full --format all` makes all eight files.

The elements are measured in their own tests (test_letterhead, test_seal, test_emphasis,
test_numbering, test_tables, test_attachment_pages) and both writers are compared on this
example in test_writers_agree; here: that the example keeps using every element, and that
they show where a reader looks for them.
"""

from __future__ import annotations

import hashlib

import openxml_audit
import pdfplumber
import pytest
from click.testing import CliRunner

import grid_checks as grid
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import Paragraph, Table, walk_sections
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from pdf_lines import read_pages

FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"
FILES = ("example-full.docx", "example-full.pdf", "example-full.ofd", "example-full.html", "example-full.json",
         "example-full-brief.docx", "example-full-brief.pdf", "example-full-brief.ofd")


@pytest.fixture(scope="module")
def built(tmp_path_factory, substitute_fonts):
    out = tmp_path_factory.mktemp("example-full")
    result = CliRunner().invoke(main, ["build", str(FULL_EXAMPLE), "--format", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_all_makes_every_file_and_the_same_bytes_again(built, tmp_path):
    assert sorted(p.name for p in built.iterdir()) == sorted(FILES)
    again = CliRunner().invoke(main, ["build", str(FULL_EXAMPLE), "--format", "all", "--out", str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert {name: _digest(tmp_path / name) for name in FILES} == {name: _digest(built / name) for name in FILES}


def test_the_example_uses_every_element_of_the_format():
    report = resolve(load_report(FULL_EXAMPLE), load_profile())
    sections = list(walk_sections(report.sections))
    items = [item for section in sections for item in section.paragraphs]
    assert report.letterhead is not None and report.letterhead.number and report.letterhead.signers
    assert [seal.kind for seal in report.seals] == ["png"] and len(report.signatures) == 1
    assert any(item.text.emphasis for item in items if isinstance(item, Paragraph))
    tables = [item for item in items if isinstance(item, Table)]
    assert tables and any(row.highlight for table in tables for row in table.rows)
    assert any(section.numbering == "continue" for section in sections)
    assert any(not section.numbered for section in sections)
    assert any(not section.paragraphs and not section.sections for section in sections)     # heading only
    assert [attachment.has_pages for attachment in report.attachments] == [True, True]
    assert report.distribution is not None and report.addressee


def test_the_pdf_shows_each_element_where_the_standard_puts_it(built):
    pages = read_pages(built / "example-full.pdf")
    texts = [[line.text for line in page.lines] for page in pages]
    first = texts[0]
    assert first[0] == "000001" and first[1] == "示例市示范区人民政府"                      # 份号, 发文机关标志
    with pdfplumber.open(built / "example-full.pdf") as pdf:                                 # red, and only it
        red = "".join(c["text"] for c in pdf.pages[0].chars if c["non_stroking_color"] == (1, 0, 0))
    assert red == "示例市示范区人民政府"
    assert "示府发〔2024〕12号" in first[2] and first[2].endswith("签发人：张三")
    # level 3 counted on across （一）（二）: 1. 2. then 3. 4.
    headings = ("推进政务服务标准化。", "推进涉企服务便利化。", "严格规范性文件审查。", "落实法律顾问制度。")
    numbered = [text[:text.index("。") + 1] for page in texts for text in page if text[2:].startswith(headings)]
    assert numbered == [f"{n}.{heading}" for n, heading in enumerate(headings, start=1)]
    # the table breaks across a page, its header row repeated at the top of the next
    header = "单位报送件数审查意见采纳率"
    assert [page for page, lines in enumerate(texts) if header in lines] == [1, 2]
    # each attachment on a page of its own, its label on line 1 at the left edge
    labels = [(number, page.lines[0]) for number, page in enumerate(pages) if page.lines[0].text.startswith("附件")]
    assert [line.text for _, line in labels] == ["附件1", "附件2"]
    for _, line in labels:
        assert line.x0 == pytest.approx(grid.LEFT, abs=0.5 * grid.MM)


@pytest.mark.parametrize("name", ["example-full.docx", "example-full-brief.docx"])
def test_openxml_audit_strict_finds_nothing(built, name):
    """The 版头's exact lines, the table with a repeated header, the anchored seal, the page
    breaks: all valid OOXML."""
    result = openxml_audit.OpenXmlValidator(strict=True).validate(built / name)
    assert (result.error_count, result.warning_count) == (0, 0), [e.description for e in result.errors]
