"""The web page in a real browser (Debian's chromium, headless, driven by Playwright): what a
reader sees is the report's text as the PDF prints it, the heading outline follows the
document, a phone (390 px) never scrolls sideways, and printing from the browser gives A4
pages whose text block starts 37 mm from the top and 28 mm from the left (±2 mm). A screenshot
of the first screen is written to build/ for the README.

Chromium finds the fonts through the docgen fontconfig rules (the official names → the open
substitutes), as a reader's system with the official fonts would find those.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

import grid_checks as grid
from browser import browser
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import walk_sections
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from html_text import assert_blocks_match, pdf_text

FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"
ROOT = Path(__file__).resolve().parent.parent
CONTENTS = {"xinwu-2023": BUNDLED_EXAMPLE, "example-full": FULL_EXAMPLE}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PRINT_TOLERANCE_MM = 2          # the issue's: the printed text block within ±2 mm

# The report's blocks as the browser renders them: innerText (what is shown), tables by cell.
BLOCKS_JS = """() => {
  const out = [];
  const selector = "main p, main h1, main h2, main h3, main h4, main h5, main h6, main table";
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest("td, th, caption")) continue;
    if (el.tagName === "TABLE") {
      const caption = el.querySelector("caption");
      const rows = [...el.querySelectorAll("tr")].map(tr => [...tr.querySelectorAll("th, td")].map(c => c.innerText));
      out.push(["table", caption ? caption.innerText : "", rows]);
    } else if (!el.closest("table")) {
      out.push(["text", el.innerText, []]);
    }
  }
  return out;
}"""
OUTLINE_JS = """() => [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")]
  .filter(h => h.offsetParent !== null).map(h => [Number(h.tagName[1]), h.innerText.replace(/\\s+/g, "")])"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, fontconfig_file) -> dict[str, tuple[Path, Path]]:
    """name → (the web page, docgen's PDF)."""
    out = tmp_path_factory.mktemp("web")
    for content in CONTENTS.values():
        result = CliRunner().invoke(main, ["build", str(content), "--format", "all", "--out", str(out)])
        assert result.exit_code == 0, result.output
    return {name: (out / f"{name}.html", out / f"{name}.pdf") for name in CONTENTS}


@pytest.fixture(scope="module")
def chromium(fontconfig_file):
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(fontconfig_file)
    try:
        with browser() as launched:
            yield launched
    finally:
        if previous is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = previous


def _opened(chromium, path: Path, viewport: dict):
    page = chromium.new_page(viewport=viewport)
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("name", CONTENTS)
def test_what_the_reader_sees_is_the_pdfs_text(chromium, built, name):
    html, pdf = built[name]
    page = _opened(chromium, html, DESKTOP)
    assert_blocks_match([tuple(block) for block in page.evaluate(BLOCKS_JS)], pdf_text(pdf))
    page.close()


def _document_outline(content: Path) -> list[tuple[int, str]]:
    """The title, then every standalone heading with its number, one level below its parent
    (run-in headings are part of their paragraph, not of the outline)."""
    report = resolve(load_report(content), load_profile())
    outline = [(1, re.sub(r"\s+", "", str(report.title)))]
    for section in walk_sections(report.sections):
        if not section.run_in:
            outline.append((section.level + 1, f"{section.number}{section.title}"))
    return outline


def test_the_heading_outline_follows_the_document(chromium, built):
    page = _opened(chromium, built["xinwu-2023"][0], DESKTOP)
    assert [tuple(heading) for heading in page.evaluate(OUTLINE_JS)] == _document_outline(BUNDLED_EXAMPLE)
    page.close()


@pytest.mark.parametrize("name", CONTENTS)
def test_a_phone_never_scrolls_sideways(chromium, built, name):
    page = _opened(chromium, built[name][0], PHONE)
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] == PHONE["width"], width
    page.close()


@pytest.mark.parametrize("name", CONTENTS)
def test_printing_gives_a4_pages_with_the_official_text_block(chromium, built, name, tmp_path):
    page = _opened(chromium, built[name][0], DESKTOP)
    printed = tmp_path / f"{name}-printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True)
    page.close()
    with pdfplumber.open(printed) as pdf:
        assert all(abs(p.width - 595.3) < 1.5 and abs(p.height - 841.9) < 1.5 for p in pdf.pages)
        first = pdf.pages[0]
        words = [c for c in first.chars if c["text"].strip()]
        top = min(c["top"] for c in words)
        lefts = [c["x0"] for p in pdf.pages for c in p.chars if c["text"].strip()]
    # The text block: its first line's em box starts at the top margin; its left edge is the
    # leftmost glyph of the pages (lines flush with the margin).
    assert abs(top / grid.MM - 37) <= PRINT_TOLERANCE_MM, top / grid.MM
    assert abs(min(lefts) / grid.MM - 28) <= PRINT_TOLERANCE_MM, min(lefts) / grid.MM


def test_a_screenshot_of_the_first_screen_is_written_for_the_readme(chromium, built):
    page = _opened(chromium, built["xinwu-2023"][0], DESKTOP)
    shot = ROOT / "build" / "xinwu-2023-web.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot))
    page.close()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
