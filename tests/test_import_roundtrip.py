"""Round trips through the importer (issue 11, point 8), end to end through the CLI.

- docgen's own DOCX (the bundled report, content/example-full) imported gives back an
  equivalent report: the same structure, the same text, the same bold, the same tables;
  so does the DOCX after LibreOffice re-saved it;
- the seed text (the web page's text of the bundled report) imported and built gives a
  DOCX whose text is the seed's body, web artefacts aside;
- the HTML page and the text of the same report give the same report.

"Equivalent" is measured on the resolved models (what the writers print): every text as
printed (numbers generated, figures in place of metric templates), bold as **…**.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, require
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import Paragraph, Report, Section, Table
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import body_paragraphs
from libreoffice import docx_to_docx, soffice

FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"
IMPORT_FIXTURES = FIXTURES / "import"


def _bold(text) -> str:
    """A resolved text with its bold spans marked **…** again."""
    out, position = [], 0
    for start, end in getattr(text, "emphasis", ()):
        out += [text[position:start], "**", text[start:end], "**"]
        position = end
    return "".join(out) + text[position:]


def _items(items) -> list:
    result = []
    for item in items:
        if isinstance(item, Table):
            result.append(("table", item.title, tuple(item.header), tuple(tuple(row.cells) for row in item.rows),
                           item.note))
        else:
            assert isinstance(item, Paragraph)
            result.append(("paragraph", item.lead and str(item.lead), _bold(item.text)))
    return result


def _sections(sections: tuple[Section, ...]) -> list:
    return [(section.level, section.number, str(section.title), section.run_in, _items(section.paragraphs),
             _sections(section.sections)) for section in sections]


def outline(report: Report) -> dict:
    """What the writers print, in structure: comparable between two reports."""
    return {
        "title": str(report.title), "year": report.year, "date": report.date,
        "signatures": [str(s) for s in report.signatures], "addressee": report.addressee and str(report.addressee),
        "preamble": _items(report.preamble), "sections": _sections(report.sections),
        "attachments": [(str(a.title), _items(a.paragraphs), _sections(a.sections)) for a in report.attachments],
        "letterhead": report.letterhead and (str(report.letterhead.organ), str(report.letterhead.number),
                                             [str(s) for s in report.letterhead.signers]),
        "distribution": report.distribution and ([str(c) for c in report.distribution.cc],
                                                 str(report.distribution.printer), report.distribution.printed),
    }


def _resolved(folder: Path) -> Report:
    return resolve(load_report(folder), load_profile())


def _import(source: Path, out: Path, *options: str) -> Path:
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return out


def _built_docx(content: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(content), "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"{content.name}.docx"


@pytest.mark.parametrize("content", [BUNDLED_EXAMPLE, FULL_EXAMPLE], ids=["xinwu-2023", "example-full"])
def test_docgens_own_docx_imports_back_to_the_same_report(content, tmp_path):
    docx = _built_docx(content, tmp_path / "built")
    imported = _import(docx, tmp_path / "imported")
    assert outline(_resolved(imported)) == outline(_resolved(content))


def test_a_docx_libreoffice_saved_again_imports_to_the_same_report(tmp_path):
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    docx = _built_docx(FULL_EXAMPLE, tmp_path / "built")
    resaved = docx_to_docx(docx, tmp_path / "resaved")
    imported = _import(resaved, tmp_path / "imported")
    assert outline(_resolved(imported)) == outline(_resolved(FULL_EXAMPLE))


def _seed_body() -> list[str]:
    """The seed's paragraphs after its title and 信息公开 header, web artefacts mended as the
    importer mends them (ASCII , ( ) : ; between hanzi made full-width)."""
    lines = [line.strip() for line in (IMPORT_FIXTURES / "xinwu-2023.txt").read_text(encoding="utf-8").splitlines()]
    body = [line for line in lines[lines.index(next(x for x in lines if x.startswith("内容概述"))) + 1:] if line]
    pairs = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}
    hanzi = r"[\u4e00-\u9fff“”《》、。，（）：；]"
    mended = []
    for line in body:
        for ascii_mark, full in pairs.items():
            line = re.sub(rf"(?<={hanzi}){re.escape(ascii_mark)}|{re.escape(ascii_mark)}(?={hanzi})", full, line)
        mended.append(line)
    return mended


def test_the_seed_text_imported_and_built_prints_the_seed_body(tmp_path):
    imported = _import(IMPORT_FIXTURES / "xinwu-2023.txt", tmp_path / "xinwu-web")
    docx = _built_docx(imported, tmp_path / "built")
    printed = [p.text for p in body_paragraphs(docx) if p.text.strip()]
    body = _seed_body()
    start = printed.index(body[0])
    assert printed[start:start + len(body)] == body


def test_the_html_page_and_the_text_of_a_report_import_to_the_same_report(tmp_path):
    from_text = _import(IMPORT_FIXTURES / "xinwu-2023.txt", tmp_path / "from-text")
    from_html = _import(IMPORT_FIXTURES / "xinwu-2023.html", tmp_path / "from-html")
    assert outline(_resolved(from_html)) == outline(_resolved(from_text))


def test_an_import_never_overwrites_a_folder(tmp_path):
    folder = tmp_path / "there"
    shutil.copytree(BUNDLED_EXAMPLE, folder)
    before = (folder / "report.yaml").read_bytes()
    result = CliRunner().invoke(main, ["import", str(IMPORT_FIXTURES / "xinwu-2023.txt"), "--out", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (folder / "report.yaml").read_bytes() == before


def test_the_bundled_reports_pdf_rebuilt_from_its_own_docx_is_the_same_file(tmp_path, substitute_fonts):
    """`docgen build xinwu-2023.docx`: the DOCX imported on the fly prints exactly as the
    content it was made from — the same PDF, byte for byte."""
    docx = _built_docx(BUNDLED_EXAMPLE, tmp_path / "built")
    for source, out in ((BUNDLED_EXAMPLE, tmp_path / "from-content"), (docx, tmp_path / "from-docx")):
        result = CliRunner().invoke(main, ["build", str(source), "--format", "pdf", "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "from-docx" / "xinwu-2023.pdf").read_bytes() == \
        (tmp_path / "from-content" / "xinwu-2023.pdf").read_bytes()
