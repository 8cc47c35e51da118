"""The web page (docgen build --format html): structure, the PDF's text, escaping, validity,
contrast, reproducibility, and a build with no PDF fonts at all."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from conftest import require
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import walk_sections
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from docgen.html.style import MIN_CONTRAST, contrast, stylesheet
from docgen.paths import BUNDLED_EXAMPLE
from html_text import assert_blocks_match, pdf_text

FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"
ROOT = Path(__file__).resolve().parent.parent


def _build(content: Path, out: Path, fmt: str = "html") -> Path:
    result = CliRunner().invoke(main, ["build", str(content), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module", params=[BUNDLED_EXAMPLE, FULL_EXAMPLE], ids=["bundled", "example-full"])
def page(request, tmp_path_factory):
    out = _build(request.param, tmp_path_factory.mktemp("html"))
    name = resolve(load_report(request.param), load_profile()).name
    return request.param, out / f"{name}.html"


def _tree(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def _text(element) -> str:
    return re.sub(r"\s+", "", element.text_content())


def _resolved(content: Path):
    return resolve(load_report(content), load_profile())


def test_head_language_title_description(page):
    content, path = page
    report = _resolved(content)
    tree = _tree(path)
    assert tree.get("lang") == "zh-CN"
    assert tree.xpath("//meta[@charset]")[0].get("charset") == "utf-8"
    assert "width=device-width" in tree.xpath("//meta[@name='viewport']")[0].get("content")
    assert tree.findtext(".//title") == report.title.replace("\n", "")
    summary = report.publication_value("内容概述")
    assert tree.xpath("//meta[@name='description']")[0].get("content") == summary


def test_self_contained(page):
    _, path = page
    tree = _tree(path)
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed")
    markup = path.read_text(encoding="utf-8")
    assert "url(" not in markup and "@import" not in markup and "http" not in markup.split("<main")[0]


def test_publication_table_rows_in_order(page):
    content, path = page
    report = _resolved(content)
    rows = _tree(path).xpath("//section[@id='publication']//tr")
    assert [(r.findtext("th"), r.findtext("td") or "") for r in rows] == \
        [(str(f.label), str(f.value)) for f in report.publication]
    assert all(th.get("scope") == "row" for th in _tree(path).xpath("//section[@id='publication']//th"))


def _outline_headings(report) -> list[str]:
    """Headings that stand on their own line in the report body (run-in ones are in their paragraph)."""
    return [f"{s.number}{s.title}" for s in walk_sections(report.sections) if not s.run_in]


def test_one_h1_and_numbered_headings_in_order(page):
    content, path = page
    report = _resolved(content)
    tree = _tree(path)
    h1 = tree.xpath("//h1")
    assert len(h1) == 1 and _text(h1[0]) == re.sub(r"\s+", "", report.title)
    body = tree.xpath("//main/*[self::h2 or self::h3 or self::h4 or self::h5]")
    assert [_text(h) for h in body] == [re.sub(r"\s+", "", t) for t in _outline_headings(report)]


def test_run_in_headings_and_bold_are_strong(page):
    content, path = page
    report = _resolved(content)
    tree = _tree(path)
    run_in = [re.sub(r"\s+", "", f"{s.number}{s.title}") for s in walk_sections(report.sections)
              if s.run_in and (s.paragraphs or not s.sections)]
    found = [_text(e) for e in tree.xpath("//main//p/*[contains(concat(' ', @class, ' '), ' run-in ')]")]
    assert found == run_in
    for e in tree.xpath("//main//p/*[contains(concat(' ', @class, ' '), ' run-in ')]"):
        assert e.getparent().text is None and e.getparent().index(e) == 0     # at the paragraph's start
    leads = [str(p.lead) for s in walk_sections(report.sections) for p in s.paragraphs if getattr(p, "lead", None)]
    strong = {_text(e) for e in tree.xpath("//main//strong")}
    assert leads and all(re.sub(r"\s+", "", lead) in strong for lead in leads)


def test_heading_levels_never_skip(page):
    _, path = page
    levels = [int(h.tag[1]) for h in _tree(path).iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_every_th_has_scope(page):
    _, path = page
    ths = _tree(path).xpath("//th")
    assert ths and all(th.get("scope") in ("row", "col") for th in ths)


def test_example_full_elements():
    """The body table with its caption and column headers, the note after it, the signature and
    date right-aligned, the attachments as sections with an h2, the 版记 last."""
    out = _build(FULL_EXAMPLE, Path(__import__("tempfile").mkdtemp(dir="/tmp")))
    tree = _tree(out / "example-full.html")
    table = tree.xpath("//main//table[caption]")[0]
    assert _text(table.find("caption")) == "2023年各单位规范性文件审查情况"
    assert [th.get("scope") for th in table.xpath(".//thead//th")] == ["col"] * 4
    wrapper = table.getparent()
    assert "table-wrap" in wrapper.get("class")
    assert _text(wrapper.getnext()).startswith("注：")
    assert "right" in tree.xpath("//p[contains(@class,'date')]")[0].get("class").split()
    sections = tree.xpath("//main/section[@class='attachment-page']")
    assert [_text(s.xpath("./h2")[0]) for s in sections] == \
        ["示范区2023年法治政府建设重点任务完成情况", "示范区2024年法治政府建设工作要点"]
    assert [h.tag for h in sections[1].xpath(".//h2|.//h3")] == ["h2", "h3", "h3"]
    assert _text(tree.xpath("//main/*")[-1]).startswith("抄送：")
    assert "印发" in _text(tree.xpath("//footer[@class='distribution']")[0])


def test_signature_right_aligned_bundled(page):
    _, path = page
    signature = _tree(path).xpath("//p[contains(concat(' ', @class, ' '), ' signature ')]")
    assert signature and all({"right", "center"} & set(p.get("class").split()) for p in signature)


def _blocks(tree) -> list:
    """The report's blocks as the static page holds them (html_text.Block)."""
    blocks: list = []
    for element in tree.xpath("//main")[0].iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "table"):
        if element.tag == "table":
            caption = element.find("caption")
            rows = [[_text(c) for c in tr.xpath("./th|./td")] for tr in element.xpath(".//tr")]
            blocks.append(("table", _text(caption) if caption is not None else "", rows))
        elif element.getparent().tag not in ("td", "th", "caption"):
            blocks.append(("text", _text(element), []))
    return blocks


def test_visible_text_equals_the_pdf(page, tmp_path, substitute_fonts):
    """Block by block, whitespace aside: the page's report text is the PDF's (numbering
    included), page numbers and the web metadata table aside (html_text.py)."""
    content, path = page
    out = _build(content, tmp_path, "pdf")
    assert_blocks_match(_blocks(_tree(path)), pdf_text(next(out.glob("*.pdf"))))


def test_content_text_is_escaped(tmp_path):
    """A paragraph with <script>, & and " shows them as text; no script element comes of it."""
    folder = tmp_path / "report"
    folder.mkdir()
    hostile = '示例<script>alert(1)</script> & "q" 完毕。'
    yaml = (FULL_EXAMPLE / "report.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace("全年受理行政复议案件", f"{hostile}全年受理行政复议案件", 1)
    (folder / "report.yaml").write_text(yaml, encoding="utf-8")
    for extra in FULL_EXAMPLE.iterdir():
        if extra.name != "report.yaml":
            (folder / extra.name).write_bytes(extra.read_bytes())
    result = CliRunner().invoke(main, ["build", str(folder), "--format", "html", "--out", str(tmp_path / "out"),
                                       "--no-check"])
    assert result.exit_code == 0, result.output
    markup = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;" in markup
    tree = lxml.html.fromstring(markup)
    assert not tree.xpath("//script")
    assert any(hostile in p.text_content() for p in tree.xpath("//main//p"))


def test_strictly_valid_html5(page):
    require(importlib.util.find_spec("html5lib") is not None, "html5lib is not installed (pip install -e .[test])")
    import html5lib

    _, path = page
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(path.read_bytes())
    assert parser.errors == []


def _declared_colours(css: str) -> list[tuple[str, str]]:
    """(selector, colour) of every `color:` outside @media print (the screen's text)."""
    screen = re.sub(r"@media print\s*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    variables = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", screen))
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", screen):
        for value in re.findall(r"(?<![-\w])color:\s*([^;}]+)", body):
            value = value.strip()
            name = re.fullmatch(r"var\((--[\w-]+)\)", value)
            found.append((selector.strip(), variables[name.group(1)] if name else value))
    return found


def test_text_contrast_on_screen():
    css = stylesheet(load_profile())
    colours = _declared_colours(css)
    assert ("body", "#1a1a1a") in colours and any(s == ".letterhead .organ" for s, _ in colours)
    for selector, colour in colours:
        assert contrast(colour) >= MIN_CONTRAST, (selector, colour, contrast(colour))
    assert contrast("#ff0000") < MIN_CONTRAST       # the official red would not pass: it is darkened on screen


def test_print_page_from_the_profile():
    profile = load_profile()
    css = stylesheet(profile)
    assert "@page{size:210mm 297mm;margin:37mm 26mm 35mm 28mm;}" in css
    assert f"--pitch:{profile.line_pitch_pt:.2f}pt" in css and "--body-size:16pt" in css
    assert '--fangsong:"仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "STFangsong", serif' in css


def test_rebuild_is_byte_identical(page, tmp_path):
    content, path = page
    again = _build(content, tmp_path) / path.name
    assert again.read_bytes() == path.read_bytes()


def test_html_without_pdf_fonts(tmp_path, monkeypatch):
    """No font installed: the PDF cannot be made, the page still is, and the HTML path never
    imports reportlab or fontTools."""
    monkeypatch.setattr("docgen.pdf.fonts.installed_fonts", lambda: [])
    monkeypatch.setenv("PATH", "/nonexistent")
    failed = CliRunner().invoke(main, ["build", "--format", "pdf", "--out", str(tmp_path / "pdf")])
    assert failed.exit_code != 0 and not (tmp_path / "pdf").exists()
    _build(BUNDLED_EXAMPLE, tmp_path / "html")
    assert (tmp_path / "html" / "xinwu-2023.html").stat().st_size > 10_000
    code = ("import sys; from docgen.build import build; from docgen.format.profile import load_profile; "
            f"from docgen.paths import BUNDLED_EXAMPLE; build(BUNDLED_EXAMPLE, load_profile(), ('html',), "
            f"{str(tmp_path / 'sub')!r}); print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('reportlab', 'fontTools')))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(ROOT), "DOCGEN_CONFIG": str(tmp_path / "none.yaml"),
                                "DOCGEN_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)})
    assert shown.stdout.strip() == "[]"
    assert (tmp_path / "sub" / "xinwu-2023.html").exists()
