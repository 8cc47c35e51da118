"""The 简报: condensed by rules from the report, one sheet, red masthead, figures as in the report."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections import Counter

import pdfplumber
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import FIXTURES, require
from docgen.build import build
from docgen.cli import main
from docgen.content import templating
from docgen.content.load import load_report
from docgen.content.resolve import resolve
from docgen.document.brief_select import condense
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import body_paragraphs
from libreoffice import docx_to_pdf, soffice

RED = "FF0000"


@pytest.fixture(scope="module")
def briefing_profile():
    return load_profile("briefing")


@pytest.fixture(scope="module")
def report_text(built_docx) -> str:
    return "".join(p.text for p in body_paragraphs(built_docx))


@pytest.fixture(scope="module")
def briefs(tmp_path_factory, profile, substitute_fonts):
    out = tmp_path_factory.mktemp("brief")
    built = build(BUNDLED_EXAMPLE, profile, (), out, brief_formats=("docx", "pdf"))
    return {path.suffix[1:]: path for path in built.paths}


def _condensed(content_dir, briefing_profile):
    return condense(resolve(load_report(content_dir), load_profile()), briefing_profile)


def test_the_bundled_brief_is_as_long_as_its_two_pages_allow(briefing_profile):
    """With its 5-line 报尾 the bundled 简报's two pages hold 705 字 of body (Word's 字数): 14 of
    their 44 grid lines are the 报头, the headline's and the 报尾's; the opening alone takes 7,
    the four section headings 4, 不足 4 and 安排 2. Under the 800 floor, and the note says so."""
    briefing = _condensed(BUNDLED_EXAMPLE, briefing_profile)
    assert briefing.body_chars == 705
    assert "the brief has 705 characters, fewer than the 800 wanted" in briefing.notes[-1]


def test_the_pdf_brief_is_one_sheet_with_a_red_masthead_and_rule(briefs):
    with pdfplumber.open(briefs["pdf"]) as pdf:
        assert len(pdf.pages) <= 2
        first = pdf.pages[0]
        name = [c for c in first.chars if c["size"] > 30]
        assert "".join(c["text"] for c in name) == "法治政府建设简报"
        assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in name)
        red_rules = [line for line in first.lines if tuple(line["stroking_color"] or ()) == (1, 0, 0)]
        assert len(red_rules) == 1 and red_rules[0]["x1"] - red_rules[0]["x0"] == pytest.approx(442.2, abs=0.5)
        assert red_rules[0]["linewidth"] == pytest.approx(2, abs=0.01)
        text = first.extract_text().replace(" ", "")
    assert "第2期（总第15期）" in text and "新吴区司法局编" in text and "2024年3月29日" in text


def test_the_docx_brief_has_a_red_masthead_and_rule(briefs):
    paragraphs = body_paragraphs(briefs["docx"])
    name, unit = paragraphs[0], paragraphs[3]
    assert name.text == "法治政府建设简报" and name.ppr("jc", "val") == "center"
    assert {r.east_asia for r in name.runs} == {"方正小标宋简体"} and {r.size_half_points for r in name.runs} == {84}
    assert {r.color for r in name.runs} == {RED}
    assert unit.text == "新吴区司法局编\t2024年3月29日"
    assert unit.rule("bottom") == ("16", RED)                      # 2 pt, across the text block


def test_the_docx_brief_renders_on_at_most_two_pages(briefs, fontconfig_file, tmp_path):
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    with pdfplumber.open(docx_to_pdf(briefs["docx"], tmp_path, fontconfig_file)) as pdf:
        assert len(pdf.pages) <= 2


def _body_paragraphs(docx):
    """The brief's body: after the headline, before any 报尾 (報/送/发 lines, 印数)."""
    texts = [p for p in body_paragraphs(docx) if p.text]
    return [p for p in texts[4:] if not re.match(r"[报送发]：|（共印", p.text)]


ORDINAL = re.compile(r"^[一二三四五六七八九十]+是")


def test_the_bundled_brief_is_written_as_a_briefing(briefs):
    """The opening, then each section's heading and its paragraphs: one per subsection shown, led
    by 一是/二是 and its title when a section shows two or more, by its title in the lead style
    when it shows one; 不足 and 安排 from their text. Never a heading alone."""
    paragraphs = _body_paragraphs(briefs["docx"])
    starts = [p.text[:12] for p in paragraphs]
    assert starts == ["2023年，在市委、市政", "一、推进法治政府建设（依", "一是优化法治环境，经济社",
                      "二是坚持良法善治，依法行", "二、主要负责人履行推进法", "推动学习宣传贯彻习近平法",
                      "三、存在的不足和原因", "存在的不足主要有：一是极", "四、下一年度的主要安排",
                      "全面推进依法行政，着力建"]
    first = paragraphs[2].text
    assert first.startswith("一是优化法治环境，经济社会发展高质高效。深化“一件事”改革")
    assert first.endswith("全区省定“一件事”办件总量为3.6万件，列全市前列。")
    lead = paragraphs[5]
    assert [(r.text, r.bold) for r in lead.runs][0] == ("推动学习宣传贯彻习近平法治思想走深走实。", True)
    assert "5次" in lead.text                                   # its strongest figure sentence
    assert paragraphs[9].text == "全面推进依法行政，着力建设一支政治强、作风硬、业务精的法治工作队伍。"


def test_every_sentence_and_figure_of_the_brief_is_the_reports(briefs, report_text):
    fragments = 0
    for paragraph in _body_paragraphs(briefs["docx"]):
        for fragment in re.split(r"[。；]", ORDINAL.sub("", paragraph.text)):
            if fragment.strip():
                assert fragment in report_text, fragment
                fragments += 1
        for figure in re.findall(r"\d+(?:\.\d+)?", paragraph.text):
            assert figure in report_text
    assert fragments == 15      # the bundled 简报: opening, headings, figure sentences, 不足 and 安排


def test_a_profile_can_lead_each_paragraph_with_its_title_alone(briefing_profile):
    """paragraph_lead: lead — no 一是: each subsection's title in the lead style (bold 仿宋)."""
    style = dataclasses.replace(briefing_profile.briefing, paragraph_lead="lead")
    briefing = condense(resolve(load_report(BUNDLED_EXAMPLE), load_profile()),
                        dataclasses.replace(briefing_profile, briefing=style))
    paragraphs = [b for b in briefing.blocks_for(None) if getattr(b, "role", "") == "paragraph"]
    firsts = [b.spans[0] for b in paragraphs if len(b.spans) > 1]
    assert [s.text for s in firsts][:2] == ["优化法治环境，经济社会发展高质高效。",
                                            "坚持良法善治，依法行政制度体系更趋完善。"]
    assert all(s.style == briefing_profile.lead for s in firsts)
    assert not any(ORDINAL.match(b.spans[0].text) for b in paragraphs)


def test_a_section_whose_text_counts_its_own_items_is_not_numbered_again(tmp_path, briefing_profile):
    """example-full's first subsection says 一是统一事项清单……；二是推行全程网办: 一是 before its
    title would read 一是……。一是……, so that section's paragraphs lead with their titles alone."""
    briefing = _condensed(BUNDLED_EXAMPLE.parent / "example-full", briefing_profile)
    paragraphs = [b for b in briefing.blocks_for(None) if getattr(b, "role", "") == "paragraph"]
    texts = ["".join(s.text for s in b.spans) for b in paragraphs]
    opening = "深化“放管服”改革，营商环境持续优化。一是统一事项清单"
    [measures] = [b for b, t in zip(paragraphs, texts) if t.startswith(opening)]
    assert (measures.spans[0].text, measures.spans[0].style) == ("深化“放管服”改革，营商环境持续优化。",
                                                                 briefing_profile.lead)
    assert not any(t.startswith("一是深化") for t in texts)


@pytest.fixture
def long_report(tmp_path):
    """The bundled report three times over, every metric highlighted: far more than a sheet holds."""
    yaml = YAML()
    data = yaml.load((BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8"))
    measures = data["sections"][0]
    measures["sections"] = list(measures["sections"]) * 3
    for metric in data["metrics"].values():
        metric["highlight"] = True
    folder = tmp_path / "long-2023"
    folder.mkdir()
    with open(folder / "report.yaml", "w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return folder


def test_a_longer_report_still_gives_one_sheet_and_says_what_was_left_out(long_report, briefing_profile, profile,
                                                                           substitute_fonts, tmp_path):
    briefing = _condensed(long_report, briefing_profile)
    assert briefing.body_chars <= 1500
    assert briefing.notes[0].startswith("to fit 2 pages the brief leaves out")
    built = build(long_report, profile, (), tmp_path / "out", brief_formats=("pdf", "docx"))
    pdf_path = next(p for p in built.paths if p.suffix == ".pdf")
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) <= 2
    if soffice() is not None:
        docx_path = next(p for p in built.paths if p.suffix == ".docx")
        with pdfplumber.open(docx_to_pdf(docx_path, tmp_path / "lo")) as pdf:
            assert len(pdf.pages) <= 2


@pytest.fixture
def brief_settings_report(tmp_path):
    folder = tmp_path / "settings-2023"
    shutil.copytree(FIXTURES / "all-elements", folder)
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - title: 健全制度体系\n",
                        "      - title: 健全制度体系\n        brief: 全区制度体系更加健全。\n")
    text += ("brief:\n  name: 依法行政工作简报\n  issue: 3\n  total_issue: 57\n  unit: 区司法局办公室\n"
             "  date: 2024-03-30\n  to_superior: [市司法局]\n  to_peer: [区委办, 区政府办]\n"
             "  to_subordinate: 各街道\n  copies: 120\n")
    path.write_text(text, encoding="utf-8")
    return folder


def test_brief_settings_fill_the_masthead_and_the_foot(brief_settings_report, profile, substitute_fonts, tmp_path):
    built = build(brief_settings_report, profile, (), tmp_path, brief_formats=("pdf", "docx"))
    pdf_path = next(p for p in built.paths if p.suffix == ".pdf")
    with pdfplumber.open(pdf_path) as pdf:
        first, last = pdf.pages[0], pdf.pages[-1]
        masthead = first.extract_text().replace(" ", "")
        foot_rules = sorted((line for line in last.lines if line["stroking_color"] in ((0,), (0, 0, 0), None)
                             and line["x1"] - line["x0"] > 400), key=lambda line: line["top"])
        foot_text = last.extract_text().replace(" ", "")
    assert "依法行政工作简报" in masthead and "第3期（总第57期）" in masthead
    assert "区司法局办公室编" in masthead and "2024年3月30日" in masthead
    for line in ("报：市司法局。", "送：区委办、区政府办。", "发：各街道。", "（共印120份）"):
        assert line in foot_text
    assert foot_rules[-1]["top"] == pytest.approx((297 - 35) / 25.4 * 72, abs=0.5)   # on the block's bottom edge
    docx_texts = [p.text for p in body_paragraphs(next(p for p in built.paths if p.suffix == ".docx"))]
    assert any("全区制度体系更加健全。" in text for text in docx_texts)
    assert not any("一是提高审查质量" in text for text in docx_texts)   # the brief: replaced the generated text
    copies = [p for p in body_paragraphs(next(p for p in built.paths if p.suffix == ".docx")) if p.text][-1]
    assert copies.text == "（共印120份）" and copies.ppr("jc", "val") == "right"


def test_bad_brief_settings_are_located(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "all-elements", folder)
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "brief:\n  issue: 三\n  coppies: 5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert "report.yaml:49:10: brief.issue: expected a whole number from 1 to 999999, got '三'" in result.stderr
    assert "brief.coppies: unknown field; did you mean 'copies'?" in result.stderr


def test_the_brief_command_needs_a_briefing_profile(tmp_path):
    result = CliRunner().invoke(main, ["brief", "--profile", "gbt9704", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "has no briefing section" in result.stderr


def test_a_long_bulletin_name_is_shrunk_to_fit_the_text_block(briefing_profile, tmp_path):
    folder = tmp_path / "named"
    shutil.copytree(FIXTURES / "all-elements", folder)
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "brief:\n  name: 某某市某某区法治政府建设工作简报汇编\n",
                    encoding="utf-8")
    briefing = _condensed(folder, briefing_profile)
    name = briefing.blocks_for(None)[0].spans[0]
    assert name.text == "某某市某某区法治政府建设工作简报汇编"
    assert name.style.size_pt == 24.5 and 18 * name.style.size_pt <= briefing_profile.text_width_pt   # 18 字


def test_a_section_brief_text_replaces_the_generated_one(briefing_profile, tmp_path):
    folder = tmp_path / "section-brief"
    shutil.copytree(FIXTURES / "all-elements", folder)
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    title: 存在的不足和原因\n", "    title: 存在的不足和原因\n    brief: 仍有差距，正在整改。\n"),
        encoding="utf-8")
    blocks = _condensed(folder, briefing_profile).blocks_for(None)
    texts = [getattr(b, "text", "") for b in blocks]
    heading = texts.index("三、存在的不足和原因")
    assert texts[heading + 1] == "仍有差距，正在整改。"


# -- one resolved report for the writers and the 简报 --------------------------------------

def _variant(tmp_path, name: str, old: str, new: str):
    """A copy of the all-elements fixture with one text changed."""
    folder = tmp_path / name
    shutil.copytree(FIXTURES / "all-elements", folder)
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_a_resolved_text_knows_which_sentence_holds_which_metric(tmp_path, profile):
    folder = _variant(tmp_path, "uses", "text: 全年审查文件{{ metrics.cases }}。",
                      "text: 全年审查{{ metrics.cases.label }}。另有说明。"
                      "{% if metrics.cases.value %}较上年增加{% endif %}"
                      "{{ metrics.cases.yoy }}，{{ year }}年。")
    text = resolve(load_report(folder), profile).sections[0].sections[0].sections[0].sections[0].paragraphs[0].text
    assert text == "全年审查办理案件。另有说明。较上年增加同比增长20%，2023年。"
    first, second = "全年审查办理案件。", "另有说明。"
    assert text.metrics_in(0, len(first)) == ["cases"]
    assert text.metrics_in(len(first), len(first + second)) == []
    assert text.metrics_in(len(first + second), len(text)) == ["cases"]
    assert [(use.start, use.end) for use in text.uses] == [(4, 8), (14, 19), (19, 26)]


def _template_texts(value):
    """Every text of a loaded report that holds a template."""
    if isinstance(value, str):
        if "{" in value:
            yield str(value)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _template_texts(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _template_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _template_texts(item)


def test_build_and_validate_render_every_template_once(tmp_path, profile, monkeypatch):
    expected = Counter(_template_texts(load_report(BUNDLED_EXAMPLE)))
    assert sum(expected.values()) == 15
    parsed: list[str] = []
    chunks = templating._chunks
    monkeypatch.setattr(templating, "_chunks", lambda source, context: parsed.append(source) or chunks(source, context))
    build(BUNDLED_EXAMPLE, profile, ("docx",), tmp_path, brief_formats=("docx",))
    assert Counter(parsed) == expected                  # the report and its 简报 from one resolved report
    parsed.clear()
    assert CliRunner().invoke(main, ["validate"]).exit_code == 0
    assert Counter(parsed) == expected


def test_a_date_reads_the_same_in_the_report_and_the_brief(tmp_path, profile):
    folder = _variant(tmp_path, "dated", "text: 全年审查文件{{ metrics.cases }}。",
                      "text: 截至{{ date }}，全年审查文件{{ metrics.cases }}。")
    built = build(folder, profile, ("docx",), tmp_path / "out", brief_formats=("docx",))
    report, brief = (tmp_path / "out" / "dated.docx", tmp_path / "out" / "dated-brief.docx")
    assert sorted(built.paths) == sorted([report, brief])
    sentence = "截至2024年2月28日，全年审查文件1200余件。"
    assert [p.text for p in body_paragraphs(report) if sentence in p.text] == ["一是提高审查质量。" + sentence]
    assert [p.text for p in body_paragraphs(brief) if sentence in p.text]


def test_a_missing_glyph_in_a_label_shown_only_in_the_brief_says_where(tmp_path, substitute_fonts, monkeypatch):
    """The highlighted metric's label is in the 简报's 主要数据 table only (镕 is not in FandolFang)."""
    monkeypatch.setenv("DOCGEN_CONFIG", str(tmp_path / "none.yaml"))
    folder = _variant(tmp_path, "rare", "label: 办理案件", "label: 办理镕案件")
    result = CliRunner().invoke(main, ["brief", str(folder), "--format", "pdf", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert f"error: {folder}/report.yaml:11:12: '镕' (U+9555) has no glyph in the fangsong font (FandolFang)" \
        in result.stderr.splitlines()


def test_what_the_page_limit_left_out_is_one_line_and_listed_on_request(tmp_path, substitute_fonts):
    """make demo's notes stay short: one line counts what the two pages left out; `brief --explain`
    lists each (its subsection and the start of the sentence)."""
    from click.testing import CliRunner

    from docgen.cli import main

    short = CliRunner().invoke(main, ["brief", "--format", "pdf", "--out", str(tmp_path / "a")])
    assert short.exit_code == 0, short.output
    counted = [line for line in short.stderr.splitlines() if "leaves out" in line]
    assert len(counted) == 1 and not any(line.startswith("left out:") for line in short.stderr.splitlines())
    count = int(re.search(r"leaves out (\d+) part", counted[0])[1])
    explained = CliRunner().invoke(main, ["brief", "--format", "pdf", "--explain", "--out", str(tmp_path / "b")])
    listed = [line for line in explained.stderr.splitlines() if line.startswith("left out: ")]
    assert explained.exit_code == 0 and len(listed) == count > 0
    # each under its subsection or section, or 主要数据 for a table row
    labels = r"left out: (（[一二三四五六七八九十]+）.+|[一二三四]、.+|主要数据): .+"
    assert all(re.match(labels, line) for line in listed)
