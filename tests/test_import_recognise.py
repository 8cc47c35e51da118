"""The recogniser and the metric proposals (issue 11, points 2, 4, 5, 6), on Sources built
here the way the readers hand them on: blocks of runs, "**…**" in a line below standing for
a bold run. Each test checks the exact content (structure and text) and the judgements
recorded, and every result is written as plain YAML and read back by docgen's own loader
and resolver: what the importer makes must load as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import SEED
from docgen.content.load import load_report
from docgen.content.model import Paragraph, Report, Section, Table, walk_sections
from docgen.content.resolve import resolve
from docgen.importing.frame import read_date
from docgen.importing.headings import KINDS
from docgen.importing.imported import Imported
from docgen.importing.metrics import propose_metrics
from docgen.importing.normalize import mend_text
from docgen.importing.recognise import recognise
from docgen.importing.source import Block, Run, Source
from docgen.paths import BUNDLED_EXAMPLE

# -- Sources as the readers make them ---------------------------------------------------

def runs(marked: str) -> tuple[Run, ...]:
    """"a**b**c" → Run(a), Run(b, bold), Run(c)."""
    return tuple(Run(piece, bold=bool(i % 2)) for i, piece in enumerate(marked.split("**")) if piece)


def para(where: int, marked: str, **looks: Any) -> Block:
    return Block(where, runs(marked), **looks)


def table(where: int, *rows: tuple[str, ...]) -> Block:
    return Block(where, rows=tuple(rows))


def text_source(*lines: str, metadata: tuple[tuple[str, str], ...] = ()) -> Source:
    """A text source: one block a line, numbered from 1; empty lines are gaps in the numbering."""
    blocks = tuple(para(i, line) for i, line in enumerate(lines, 1) if line)
    return Source(Path("report.txt"), "txt", blocks, metadata=metadata)


def loaded(content: dict[str, Any], folder: Path, profile) -> Report:
    """The content written with a plain YAML dump, loaded and resolved by docgen."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    with open(folder / "report.yaml", "w", encoding="utf-8") as handle:
        yaml.dump(content, handle)
    return resolve(load_report(folder), profile)


def decisions(imported: Imported) -> list[tuple[int, str, str]]:
    return [(d.where, d.field, d.message) for d in imported.decisions]


def judged(imported: Imported, field: str) -> list[str]:
    return [d.message for d in imported.decisions if d.field == field]


# -- (a) the seed: the real published report, as the text reader hands it on ----------------

SEED_METADATA = (("时间", "2024-03-29 14:33"), ("信息索引号", "014032126/2024-00580"), ("生成日期", "2024-03-29"),
                 ("公开日期", "2024-03-29"), ("文件编号", ""), ("发布机构", "新吴区司法局"), ("效力状况", "有效"),
                 ("附件下载", ""))


def seed_source() -> Source:
    """The seed's title and body lines (the indented ones), their web commas and brackets made
    full-width as the text reader does, its 信息公开 header already split off."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    blocks = [para(1, lines[0])] + [para(n, "　　" + mend_text(line.strip(), n)[0])
                                    for n, line in enumerate(lines, 1) if line.startswith("  ") and line.strip()]
    return Source(Path("xinwu-2023.txt"), "txt", tuple(blocks), metadata=SEED_METADATA)


def shape(report: Report) -> list:
    """A resolved report's structure and text: sections with role, title, run-in; paragraphs
    as (lead, text); tables as their rows."""
    def items(paragraphs) -> list:
        return [(str(p.lead) if p.lead else None, str(p.text)) if isinstance(p, Paragraph) else
                [list(map(str, p.header))] + [list(map(str, row.cells)) for row in p.rows]
                for p in paragraphs]

    def sections(nodes: tuple[Section, ...]) -> list:
        return [(s.role, str(s.title), s.run_in, s.numbered, items(s.paragraphs), sections(s.sections))
                for s in nodes]
    return [str(report.title), items(report.preamble), sections(report.sections)]


def test_the_seed_gives_the_bundled_reports_structure_and_text(tmp_path, profile):
    imported = recognise(seed_source())
    content = imported.content
    assert list(content) == ["kind", "year", "issuer", "title", "date", "signature", "publication", "preamble",
                             "sections"]
    assert content["kind"] == "annual-report"
    assert content["year"] == 2023
    assert content["issuer"] == "无锡市新吴区人民政府"
    assert content["title"] == "无锡市新吴区人民政府2023年法治政府建设情况报告"
    assert content["date"] is None                      # the web copy has no 成文日期 line
    assert content["signature"] == "无锡市新吴区人民政府"
    assert content["publication"][0] == {"时间": "2024-03-29 14:33"}
    assert [s["role"] for s in content["sections"]] == ["measures", "responsibility", "shortcomings", "next_year"]
    first = content["sections"][0]["sections"][0]
    assert first["title"] == "优化法治环境，经济社会发展高质高效"
    assert first["paragraphs"][0]["lead"] == "政务服务实现“新提升”。"
    assert first["paragraphs"][0]["text"].startswith("深化“放管服”改革，推进“审管执信”协同")
    assert content["sections"][1]["sections"][0] == {
        "title": "推动学习宣传贯彻习近平法治思想走深走实。", "run_in": True,
        "paragraphs": ["坚持把学习宣传贯彻习近平法治思想作为重大政治任务，同学习宣传贯彻党的二十大精神结合起来，"
                       "同深入学习贯彻习近平总书记视察江苏所作重要讲话和当前正在开展的主题教育精神结合起来，全面学习、"
                       "全面把握、全面落实。开展区政府理论学习中心组学法5次，学习宣传研究阐释习近平法治思想、学习相关"
                       "法律法规4次，全区各级党委（党组）理论学习中心组跟进，实现常态化集体学习研讨，有力推动习近平法治"
                       "思想入脑入心、走深走实。"]}
    # The bundled report is this text, hand-made: the same sections, titles, leads and text.
    bundled = resolve(load_report(BUNDLED_EXAMPLE), profile)
    report = loaded(content, tmp_path / "seed", profile)
    assert shape(report) == shape(bundled)
    assert [(str(f.label), str(f.value)) for f in report.publication] == list(SEED_METADATA)
    # The web lost the bold: the 16 leads are the repeated short first sentences, each a judgement.
    leads = [d for d in imported.decisions if d.field.endswith(".lead")]
    assert len(leads) == 16
    assert leads[0].where == 16 and leads[0].field == "sections[0].sections[0].paragraphs[0].lead"
    assert "not bold in the source" in leads[0].message
    assert judged(imported, "date") == ["no 成文日期 in the source: left empty, to fill (a draft)"]
    assert judged(imported, "signature") == ["no signature line: the issuer signs"]
    assert judged(imported, "sections[3].role") == ["role next_year: the title says 安排"]
    assert imported.unplaced == ()


def test_a_single_short_first_sentence_is_not_a_lead(tmp_path, profile):
    """One paragraph opening with a short sentence is prose; the pattern needs two."""
    imported = recognise(text_source(
        "示范区2023年法治政府建设情况报告",
        "一、主要举措和成效",
        "依法行政水平提升。全区各部门……。",
        "全区共办理案件120件，同比增长5%。"))
    assert imported.content["sections"][0]["paragraphs"] == ["依法行政水平提升。全区各部门……。",
                                                             "全区共办理案件120件，同比增长5%。"]
    paragraphs = loaded(imported.content, tmp_path / "one-lead", profile).sections[0].paragraphs
    assert [isinstance(p, Paragraph) and p.lead is None for p in paragraphs] == [True, True]


# -- (b) four levels, numbering continued across parents ------------------------------------

def test_four_levels_with_numbering_continued_across_parents(tmp_path, profile):
    imported = recognise(text_source(
        "关于2023年法治政府建设情况的报告",
        "区人民政府：",
        "2023年，我局坚持依法行政。现将有关情况报告如下：",
        "一、主要举措和成效",
        "（一）深化改革",
        "1.推进标准化。统一事项清单。",
        "2.推进便利化",
        "（1）设立专窗。企业服务专窗9个。",
        "(2)推行网办。全程网办。",
        "（二）规范执法",
        "本节先说总体情况。",
        "3.严格审查。审查文件46件。",
        "4、落实顾问",
        "聘请率100%。",
        "二、存在的问题",
        "培训还不够系统。",
        "三、下一步工作打算",
        "（一）持续深化示范创建。",
        "示范区司法局",
        "2024年3月28日"))
    assert imported.content == {
        "kind": "annual-report", "year": 2023, "issuer": "示范区司法局",
        "title": "关于2023年法治政府建设情况的报告", "date": "2024-03-28", "signature": "示范区司法局",
        "addressee": "区人民政府：",
        "preamble": ["2023年，我局坚持依法行政。现将有关情况报告如下："],
        "sections": [
            {"role": "measures", "title": "主要举措和成效", "numbering": "continue", "sections": [
                {"title": "深化改革", "sections": [
                    {"title": "推进标准化。", "run_in": True, "paragraphs": ["统一事项清单。"]},
                    {"title": "推进便利化", "sections": [
                        {"title": "设立专窗。", "run_in": True, "paragraphs": ["企业服务专窗9个。"]},
                        {"title": "推行网办。", "run_in": True, "paragraphs": ["全程网办。"]}]}]},
                {"title": "规范执法", "paragraphs": ["本节先说总体情况。"], "sections": [
                    {"title": "严格审查。", "run_in": True, "paragraphs": ["审查文件46件。"]},
                    {"title": "落实顾问", "paragraphs": ["聘请率100%。"]}]}]},
            {"role": "shortcomings", "title": "存在的问题", "paragraphs": ["培训还不够系统。"]},
            {"role": "next_year", "title": "下一步工作打算",
             "sections": [{"title": "持续深化示范创建。", "run_in": True}]}]}
    run_in = "a run-in heading (its sentence and text share the paragraph), typed number"
    assert {d.field: d.message for d in imported.decisions if d.where in (1, 6, 9, 19)} == {
        "title": "the title: the first line(s) of the text, one line", "year": "the year the title names (2023年)",
        "sections[0].sections[0].sections[0].title": f"{run_in} 1.: level 3",
        "sections[0].sections[0].sections[1].sections[1].title": f"{run_in} (2): level 4",
        "issuer": "the title names no organ: the (first) signature",
        "signature": "the signature: the line above the 成文日期"}
    assert judged(imported, "sections[0].numbering") == [
        "numbering continued across the subsections (1. … 3. start where the previous ones stopped): "
        "numbering: continue"]
    report = loaded(imported.content, tmp_path / "levels", profile)
    numbers = [(s.level, s.number) for s in walk_sections(report.sections)]
    assert numbers == [(1, "一、"), (2, "（一）"), (3, "1."), (3, "2."), (4, "（1）"), (4, "（2）"),
                       (2, "（二）"), (3, "3."), (3, "4."), (1, "二、"), (1, "三、"), (2, "（一）")]


# -- (c) run-in level-1 headings ---------------------------------------------------------

def test_run_in_level_one_headings(tmp_path, profile):
    imported = recognise(text_source(
        "示范区人民政府2023年法治政府建设情况报告",
        "一、坚持党的领导，压实主体责任。区政府常务会议专题研究法治政府建设4次。",
        "二、深化依法行政。全面推行行政执法“三项制度”。",
        "三、存在的不足。基层执法力量仍然薄弱。",
        "四、下一步安排。持续推进示范创建。"))
    assert imported.content["sections"] == [
        {"role": "thematic", "title": "坚持党的领导，压实主体责任。", "run_in": True,
         "paragraphs": ["区政府常务会议专题研究法治政府建设4次。"]},
        {"role": "thematic", "title": "深化依法行政。", "run_in": True, "paragraphs": ["全面推行行政执法“三项制度”。"]},
        {"role": "shortcomings", "title": "存在的不足。", "run_in": True, "paragraphs": ["基层执法力量仍然薄弱。"]},
        {"role": "next_year", "title": "下一步安排。", "run_in": True, "paragraphs": ["持续推进示范创建。"]}]
    assert imported.content["preamble"] == []
    assert judged(imported, "sections[0].role") == [
        "role thematic: the title names none of "
        "第一责任人、主要负责人、不足、问题、安排、打算、下一步、计划、思路、举措、成效"]
    report = loaded(imported.content, tmp_path / "run-in", profile)
    first = report.sections[0]
    assert (first.number, first.run_in, str(first.title)) == ("一、", True, "坚持党的领导，压实主体责任。")


def test_a_heading_sentence_alone_runs_in_only_when_nothing_follows(tmp_path, profile):
    imported = recognise(text_source(
        "示范区2023年法治政府建设情况报告",
        "一、下一年度的主要安排",
        "（一）持续深化示范创建。",
        "（二）全面提升执法质量。",
        "围绕执法质量提升开展专项行动。"))
    assert imported.content["sections"][0]["sections"] == [
        {"title": "持续深化示范创建。", "run_in": True},
        {"title": "全面提升执法质量。", "paragraphs": ["围绕执法质量提升开展专项行动。"]}]
    titles = {d.field: d.message for d in imported.decisions if d.field.startswith("sections[0].sections[")}
    assert titles == {
        "sections[0].sections[0].title": "a run-in heading alone (a sentence ending in 。 with no text after it, "
                                         "not a heading style), typed number （一）: level 2",
        "sections[0].sections[1].title": "a heading, typed number （二）: level 2"}
    report = loaded(imported.content, tmp_path / "alone", profile)
    assert [s.run_in for s in report.sections[0].sections] == [True, False]


# -- (d) a repeated and a skipped ordinal; a paragraph before the first child ---------------

def test_repeated_and_skipped_ordinals_are_kept_and_reported(tmp_path, profile):
    imported = recognise(text_source(
        "示范区2023年法治政府建设情况报告",
        "一、主要举措和成效",
        "全年各项工作有序推进。",
        "（一）深化改革",
        "（二）规范执法",
        "（二）化解纠纷",
        "（三）普法宣传",
        "三、存在的不足和原因",
        "（一）法治意识",
        "（三）执法能力"))
    assert imported.content["sections"] == [
        {"role": "measures", "title": "主要举措和成效", "paragraphs": ["全年各项工作有序推进。"],
         "sections": [{"title": "深化改革"}, {"title": "规范执法"}, {"title": "化解纠纷"}, {"title": "普法宣传"}]},
        {"role": "shortcomings", "title": "存在的不足和原因",
         "sections": [{"title": "法治意识"}, {"title": "执法能力"}]}]
    ordinals = [(d.where, d.field, d.message.removesuffix(" in the output (docgen numbers headings in order)"))
                for d in imported.decisions if "kept, numbered" in d.message]
    assert ordinals == [
        (6, "sections[0].sections[2].title", "（二） follows （二）: kept, numbered （三）"),
        (7, "sections[0].sections[3].title", "（三） follows （二）: kept, numbered （四）"),
        (8, "sections[1].title", "三、 follows 一、: kept, numbered 二、"),
        (10, "sections[1].sections[1].title", "（三） follows （一）: kept, numbered （二）")]
    report = loaded(imported.content, tmp_path / "ordinals", profile)
    assert [s.number for s in walk_sections(report.sections)] == [
        "一、", "（一）", "（二）", "（三）", "（四）", "二、", "（一）", "（二）"]


def test_a_level_skipped_takes_the_next_level_down(tmp_path, profile):
    imported = recognise(text_source(
        "示范区2023年法治政府建设情况报告",
        "一、主要举措和成效",
        "1.推进标准化。统一事项清单。",
        "2.推进便利化。设立专窗。"))
    assert imported.content["sections"][0]["sections"] == [
        {"title": "推进标准化。", "run_in": True, "paragraphs": ["统一事项清单。"]},
        {"title": "推进便利化。", "run_in": True, "paragraphs": ["设立专窗。"]}]
    assert judged(imported, "sections[0].sections[0].title") == [
        "a run-in heading (its sentence and text share the paragraph), typed number 1.: level 3, but directly under "
        "一、: placed at level 2, numbered like （一） (GB/T 9704 7.3.3 numbers levels 一、（一）1.（1） by depth)"]
    report = loaded(imported.content, tmp_path / "skip", profile)
    assert [s.number for s in walk_sections(report.sections)] == ["一、", "（一）", "（二）"]


# -- (e) enumerations inside paragraphs are no headings -----------------------------------

def test_inline_enumerations_stay_paragraphs(tmp_path, profile):
    imported = recognise(text_source(
        "示范区2023年法治政府建设情况报告",
        "一、存在的不足和原因",
        "存在的不足主要有：一是意识不强；二是覆盖不宽。",
        "（1）培训不系统；（2）宣传方式单一。",
        "1.机制不健全，2.保障不到位。",
        "二、下一步安排",
        "一是强化组织领导，二是狠抓制度落实。"))
    assert imported.content["sections"] == [
        {"role": "shortcomings", "title": "存在的不足和原因", "paragraphs": [
            "存在的不足主要有：一是意识不强；二是覆盖不宽。", "（1）培训不系统；（2）宣传方式单一。",
            "1.机制不健全，2.保障不到位。"]},
        {"role": "next_year", "title": "下一步安排", "paragraphs": ["一是强化组织领导，二是狠抓制度落实。"]}]
    assert judged(imported, "sections[0].paragraphs[1]") == [
        "（1） … （2） inside one paragraph: an enumeration in the text, not headings; kept as written"]
    assert judged(imported, "sections[0].paragraphs[2]") == [
        "1. … 2. inside one paragraph: an enumeration in the text, not headings; kept as written"]
    assert imported.unplaced == ()
    loaded(imported.content, tmp_path / "inline", profile)


# -- (f) a year heading -------------------------------------------------------------------

def test_a_year_heading_is_a_level_one_heading(tmp_path, profile):
    imported = recognise(text_source(
        "示范区人民政府关于2022年法治政府建设年度报告",
        "一、2022年推进法治政府建设的主要举措和成效",
        "（一）深化“放管服”改革",
        "全年办件3.6万件。",
        "二、2022年推进法治政府建设存在的不足和原因",
        "基层力量薄弱。",
        "三、2023年推进法治政府建设的主要安排",
        "持续推进示范创建。"))
    content = imported.content
    assert (content["year"], content["issuer"]) == (2022, "示范区人民政府")
    assert content["sections"] == [
        {"role": "measures", "title": "2022年推进法治政府建设的主要举措和成效",
         "sections": [{"title": "深化“放管服”改革", "paragraphs": ["全年办件3.6万件。"]}]},
        {"role": "shortcomings", "title": "2022年推进法治政府建设存在的不足和原因", "paragraphs": ["基层力量薄弱。"]},
        {"role": "next_year", "title": "2023年推进法治政府建设的主要安排", "paragraphs": ["持续推进示范创建。"]}]
    assert judged(imported, "sections[0].title") == ["a heading, typed number 一、: level 1"]
    report = loaded(content, tmp_path / "year-heading", profile)
    assert [s.number for s in report.sections] == ["一、", "二、", "三、"]


# -- (g) no signature, no date -------------------------------------------------------------

def test_no_signature_nor_date_still_loads(tmp_path, profile):
    imported = recognise(text_source(
        "2023年法治政府建设情况报告",
        "一、主要举措",
        "全面推进依法行政。",
        "二、下一步计划",
        "持续推进。"))
    content = imported.content
    assert {key: content[key] for key in ("year", "issuer", "title", "date", "signature")} == {
        "year": 2023, "issuer": "【待填：发文机关】", "title": "2023年法治政府建设情况报告", "date": None,
        "signature": "【待填：发文机关】"}
    assert judged(imported, "issuer") == ["no organ named anywhere: to fill"]
    report = loaded(content, tmp_path / "bare", profile)
    assert report.date is None
    assert [str(b.field) for b in report.blanks] == ["date"]


def test_the_issuer_and_date_from_the_pages_metadata(tmp_path, profile):
    imported = recognise(text_source(
        "法治政府建设年度报告",
        "一、主要举措",
        "全面推进依法行政。",
        metadata=(("索引号", "000000/2024-1"), ("发布机构", "示范区司法局"), ("成文日期", "2024-03-28"))))
    content = imported.content
    assert (content["year"], content["issuer"], content["date"]) == (2023, "示范区司法局", "2024-03-28")
    assert judged(imported, "year") == ["no year in the title: the 成文日期's year less one (2023), as a report is "
                                        "written early in the next year"]
    assert judged(imported, "date") == ["the 成文日期 from the page's 成文日期"]
    loaded(content, tmp_path / "metadata", profile)


def test_without_a_title_the_default_title_and_the_addressee_still_found(tmp_path, profile):
    imported = recognise(text_source(
        "市人民政府：",
        "根据《国务院关于加强法治政府建设的意见》（国发〔2015〕12号）要求，现将2023年工作报告如下。",
        "一、主要举措",
        "全面推进依法行政。",
        "示范区人民政府",
        "2024年3月28日"))
    content = imported.content
    assert "title" not in content and "letterhead" not in content
    assert (content["addressee"], content["year"], content["issuer"]) == ("市人民政府：", 2023, "示范区人民政府")
    assert content["preamble"] == [
        "根据《国务院关于加强法治政府建设的意见》（国发〔2015〕12号）要求，现将2023年工作报告如下。"]
    assert judged(imported, "title") == ["no title line before the text: docgen's default title "
                                         "({{ issuer }}{{ year }}年法治政府建设情况报告)"]
    report = loaded(content, tmp_path / "untitled", profile)
    assert str(report.title) == "示范区人民政府2023年法治政府建设情况报告"


def test_a_text_without_headings_keeps_every_paragraph(tmp_path, profile):
    imported = recognise(text_source("示范区2023年法治政府建设情况报告", "第一段。", "第二段。"))
    assert imported.content["preamble"] == ["第一段。", "第二段。"]
    assert imported.content["sections"] == [{"role": "other", "title": "【待填：标题】", "number": False}]
    loaded(imported.content, tmp_path / "flat", profile)


# -- (h) a Word file's shape -----------------------------------------------------------------

def docx_source() -> Source:
    blocks = (
        para(1, "示例市示范区人民政府文件", align="center", red=True, size_pt=42),
        para(2, "示府发〔2024〕12号　　　　　　　　签发人：张三"),
        para(3, "示例市示范区人民政府", align="center", size_pt=22),
        para(4, "关于2023年法治政府建设情况的报告", align="center", size_pt=22),
        para(5, "示例市人民政府："),
        para(6, "　　2023年，示范区围绕**法治政府建设示范创建**这一主线推进依法行政。现将有关情况报告如下。"),
        Block(7, runs("主要举措和成效"), numbering="一、", level=1, style="Heading 1"),
        Block(8, runs("深化“放管服”改革"), numbering="（一）", level=2, style="Heading 2"),
        para(9, "**推进政务服务标准化。**一是**统一事项清单**，二是**推行全程网办**。"),
        para(10, "**推进涉企服务便利化**。设立企业服务专窗，推行“一窗受理”。"),
        para(11, "2023年规范性文件审查情况表", align="center"),
        table(12, ("单位", "报送件数", "采纳率"), ("区发展改革局", "6件", "100%"), ("合计", "46件")),
        para(13, "注：采纳率为采纳的审查意见条数占审查意见总条数的比例。"),
        Block(14, runs("存在的不足和原因"), numbering="二、", level=1, style="Heading 1"),
        para(15, "部分基层执法人员法治素养还需提升。"),
        para(16, "附件：1.示范区2023年重点任务完成情况"),
        para(17, "　　　2.示范区2024年工作要点"),
        para(18, "示例市示范区人民政府", align="right"),
        para(19, "2024年3月28日", align="right"),
        para(20, "（此件公开发布）"),
        para(21, "附件1", page_break_before=True),
        para(22, "示范区2023年重点任务完成情况", align="center", size_pt=22),
        para(23, "对照年度工作要点，全区38项重点任务已全部完成。"),
        Block(24, runs("总体情况"), numbering="一、", level=1),
        para(25, "各项任务均按期完成。"),
        para(26, "抄送：示例市依法治市办，示例市司法局。"),
        para(27, "示例市示范区人民政府办公室　　　2024年3月28日印发"),
    )
    return Source(Path("report.docx"), "docx", blocks)


def test_a_word_files_shape(tmp_path, profile):
    imported = recognise(docx_source())
    assert imported.content == {
        "kind": "annual-report", "year": 2023, "issuer": "示例市示范区人民政府",
        "title": "示例市示范区人民政府关于2023年法治政府建设情况的报告", "date": "2024-03-28",
        "signature": "示例市示范区人民政府", "addressee": "示例市人民政府：",
        "letterhead": {"organ": "示例市示范区人民政府文件", "number": "示府发〔2024〕12号", "signer": "张三"},
        "preamble": ["2023年，示范区围绕**法治政府建设示范创建**这一主线推进依法行政。现将有关情况报告如下。"],
        "sections": [
            {"role": "measures", "title": "主要举措和成效", "sections": [
                {"title": "深化“放管服”改革", "paragraphs": [
                    {"lead": "推进政务服务标准化。", "text": "一是**统一事项清单**，二是**推行全程网办**。"},
                    {"lead": "推进涉企服务便利化。", "text": "设立企业服务专窗，推行“一窗受理”。"},
                    {"table": {"title": "2023年规范性文件审查情况表", "header": ["单位", "报送件数", "采纳率"],
                               "rows": [["区发展改革局", "6件", "100%"], ["合计", "46件", ""]],
                               "note": "注：采纳率为采纳的审查意见条数占审查意见总条数的比例。"}}]}]},
            {"role": "shortcomings", "title": "存在的不足和原因",
             "paragraphs": ["部分基层执法人员法治素养还需提升。"]}],
        "attachments": [
            {"title": "示范区2023年重点任务完成情况", "paragraphs": ["对照年度工作要点，全区38项重点任务已全部完成。"],
             "sections": [{"title": "总体情况", "paragraphs": ["各项任务均按期完成。"]}]},
            "示范区2024年工作要点"],
        "note": "（此件公开发布）",
        "distribution": {"cc": ["示例市依法治市办", "示例市司法局"], "printer": "示例市示范区人民政府办公室",
                         "printed": "2024-03-28"}}
    assert decisions(imported)[:4] == [
        (1, "letterhead.organ", "the 版头's 发文机关标志: red, large and centred at the top"),
        (2, "letterhead.number", "the 发文字号"),
        (2, "letterhead.signer", "签发人 on the 发文字号's line"),
        (3, "issuer", "the organ the title names before its year (or 关于)")]
    assert judged(imported, "title") == ["the title: the first line(s) of the text, its 2 lines joined"]
    assert judged(imported, "sections[0].sections[0].paragraphs[1].lead") == [
        "a lead phrase: bold words ending in 。 (the mark itself not bold)"]
    assert judged(imported, "sections[0].sections[0].paragraphs[2].table.title") == [
        "the table's title: the short paragraph just before it, ending in 表"]
    assert judged(imported, "sections[0].sections[0].paragraphs[2].table.rows") == [
        "rows with fewer cells than the widest (merged cells?): filled with empty cells"]
    assert judged(imported, "sections[0].title") == ["a heading, Word's numbering label 一、: level 1"]
    assert judged(imported, "attachments[0].title") == [
        "an attachment's page (附件1): its title, the line after the label"]
    report = loaded(imported.content, tmp_path / "docx", profile)
    [measures, _] = report.sections
    [lead, _, review] = measures.sections[0].paragraphs
    assert isinstance(lead, Paragraph) and str(lead.text) == "一是统一事项清单，二是推行全程网办。"
    assert [lead.text[a:b] for a, b in lead.text.emphasis] == ["统一事项清单", "推行全程网办"]
    assert isinstance(review, Table) and [str(c) for c in review.rows[1].cells] == ["合计", "46件", ""]
    assert report.letterhead is not None and str(report.letterhead.number) == "示府发〔2024〕12号"
    assert [a.has_pages for a in report.attachments] == [True, False]


def test_a_document_number_written_loosely_is_made_the_standards(tmp_path, profile):
    imported = recognise(Source(Path("r.docx"), "docx", (
        para(1, "示范区人民政府", align="center", red=True, size_pt=36),
        para(2, "示府发[2024]012号"),
        para(3, "示范区2023年法治政府建设情况报告", align="center"),
        para(4, "一、主要举措"),
        para(5, "依法行政。"))))
    assert imported.content["letterhead"] == {"organ": "示范区人民政府", "number": "示府发〔2024〕12号"}
    assert judged(imported, "letterhead.number") == [
        "the 发文字号, written 示府发[2024]012号: made 示府发〔2024〕12号 (GB/T 9704 7.2.4: the year in 〔〕, no 第, "
        "no leading zeros)"]
    letterhead = loaded(imported.content, tmp_path / "number", profile).letterhead
    assert letterhead is not None and str(letterhead.number) == "示府发〔2024〕12号"


def test_joint_issuers_and_a_chinese_date(tmp_path, profile):
    imported = recognise(text_source(
        "关于2023年法治政府建设情况的报告",
        "一、主要举措",
        "联合开展执法检查。",
        "特此报告。",
        "示范区司法局",
        "示范区公安分局",
        "二〇二四年三月二十八日"))
    content = imported.content
    assert (content["signature"], content["date"], content["issuer"]) == (
        ["示范区司法局", "示范区公安分局"], "2024-03-28", "示范区司法局")
    assert content["sections"][0]["paragraphs"] == ["联合开展执法检查。", "特此报告。"]
    assert judged(imported, "signature") == ["2 signature lines: joint issuers"]
    loaded(content, tmp_path / "joint", profile)


def test_a_heading_style_without_a_number_is_an_unnumbered_section(tmp_path, profile):
    imported = recognise(Source(Path("r.docx"), "docx", (
        para(1, "示范区2023年法治政府建设情况报告", align="center"),
        Block(2, runs("主要举措和成效"), numbering="一、", level=1),
        Block(3, runs("工作概述"), level=2, style="标题 2"),
        para(4, "全年各项工作有序推进。"),
        Block(5, runs("深化改革"), numbering="（一）", level=2))))
    assert imported.content["sections"] == [
        {"role": "measures", "title": "主要举措和成效", "sections": [
            {"title": "工作概述", "number": False, "paragraphs": ["全年各项工作有序推进。"]},
            {"title": "深化改革"}]}]
    assert judged(imported, "sections[0].sections[0].title") == [
        "a heading by its outline level 2 (标题 2), unnumbered in the source: number: false"]
    report = loaded(imported.content, tmp_path / "unnumbered", profile)
    assert [(s.number, s.numbered) for s in walk_sections(report.sections)] == [("一、", True), ("", False),
                                                                                ("（一）", True)]


def test_a_paragraph_too_long_for_one_text_is_cut_at_sentence_ends(tmp_path, profile):
    sentence = "依法行政{{ 不是模板 }}。"
    imported = recognise(text_source("示范区2023年报告", "一、举措", sentence * 800))
    pieces = imported.content["sections"][0]["paragraphs"]
    assert [len(piece) for piece in pieces] == [9_200, 9_200]     # 400 sentences each, of 23 characters as written
    assert judged(imported, "sections[0].paragraphs[1]") == [
        "a paragraph of 12,000 characters: cut at a sentence end (a text is at most 10,000)"]
    report = loaded(imported.content, tmp_path / "long", profile)
    assert "".join(str(p.text) for p in report.sections[0].paragraphs if isinstance(p, Paragraph)) == sentence * 800


def test_text_that_looks_like_markup_is_kept_as_text(tmp_path, profile):
    written = "系统模板写作{{ year }}与{% if %}，星号**不是粗体**。"     # as typed: no bold run
    imported = recognise(Source(Path("r.txt"), "txt", (
        para(1, "示范区2023年法治政府建设情况报告"), para(2, "一、主要举措"), Block(3, (Run(written),)))))
    [text] = imported.content["sections"][0]["paragraphs"]
    assert text == '系统模板写作{{ "{" }}{ year }}与{{ "{" }}% if %}，星号＊＊不是粗体＊＊。'
    assert [(c.where, c.before, c.after) for c in imported.changes] == [
        (3, written, "系统模板写作{{ year }}与{% if %}，星号＊＊不是粗体＊＊。")]
    report = loaded(imported.content, tmp_path / "markup", profile)
    paragraph = report.sections[0].paragraphs[0]
    assert isinstance(paragraph, Paragraph)
    assert str(paragraph.text) == "系统模板写作{{ year }}与{% if %}，星号＊＊不是粗体＊＊。"


def test_what_cannot_be_placed_is_kept_where_it_was(tmp_path, profile):
    long_item = "1." + "很长的一句话" * 12 + "。后文。"
    imported = recognise(text_source(
        "示范区2023年法治政府建设情况报告",
        "一、主要举措",
        long_item,
        "示范区人民政府",
        "2024年3月28日",
        "联系人：张三，电话：12345678。"))
    assert imported.content["sections"][0]["paragraphs"] == [long_item, "联系人：张三，电话：12345678。"]
    assert [(d.where, d.field) for d in imported.unplaced] == [(3, "sections[0].paragraphs[0]"),
                                                               (6, "sections[0].paragraphs[1]")]
    assert imported.unplaced[1].message == ("after the 成文日期, and not a 附注 in （）: kept as a paragraph at the "
                                            "end of the text")
    loaded(imported.content, tmp_path / "unplaced", profile)


# -- (i) metrics ------------------------------------------------------------------------------

METRICS_TEXT = ("2023年，全区办件总量为3.6万件，网上可办率达到96%，线上助企办理业务9000余件，节省资金近2万元，"
                "列全市第1。依照《条例》第12条，开通“12345”热线，14:33受理，1个工作日办结，20人以上群体事件0起。")


def test_metrics_are_proposed_for_figures_only(tmp_path, profile):
    imported = propose_metrics(recognise(text_source(
        "示范区2023年法治政府建设情况报告", "一、主要举措", METRICS_TEXT)))
    content = imported.content
    assert list(content)[list(content).index("metrics") + 1] == "preamble"
    assert content["metrics"] == {
        "m01": {"label": "全区办件总量", "value": "3.6万件"},
        "m02": {"label": "网上可办率", "value": "96%"},
        "m03": {"label": "线上助企办理业务", "value": "9000余件"},
        "m04": {"label": "节省资金", "value": "近2万元"},
        "m05": {"label": "20人以上群体事件", "value": "0起"}}
    assert content["sections"][0]["paragraphs"] == [
        "2023年，全区办件总量为{{ metrics.m01 }}，网上可办率达到{{ metrics.m02 }}，线上助企办理业务{{ metrics.m03 }}，"
        "节省资金{{ metrics.m04 }}，列全市第1。依照《条例》第12条，开通“12345”热线，14:33受理，1个工作日办结，"
        "20人以上群体事件{{ metrics.m05 }}。"]
    left = [d.message for d in imported.decisions if d.field == "sections[0].paragraphs[0]"]
    assert left == ["2023年: a year, left as written", "1: an ordinal (第…), left as written",
                    "12条: an ordinal (第…), left as written",
                    "12345: inside 《》 or quotation marks (part of a name), left as written",
                    "14:33: a time, left as written", "1个: a time span, left as written",
                    "20人: a threshold, left as written"]
    assert judged(imported, "metrics.m01") == ["3.6万件 in sections[0].paragraphs[0]: label from the words before it "
                                               "in its clause"]
    report = loaded(content, tmp_path / "metrics", profile)
    paragraph = report.sections[0].paragraphs[0]
    assert isinstance(paragraph, Paragraph) and str(paragraph.text) == METRICS_TEXT
    assert [use.metric for use in paragraph.text.uses] == ["m01", "m02", "m03", "m04", "m05"]
    assert propose_metrics(imported).content == content          # proposed again: nothing new, nothing lost


def test_metrics_keep_the_seeds_text_and_find_the_hand_made_figures(tmp_path, profile):
    recognised = recognise(seed_source())
    proposed = propose_metrics(recognised)
    before = loaded(recognised.content, tmp_path / "before", profile)
    after = loaded(proposed.content, tmp_path / "after", profile)
    assert shape(after) == shape(before)
    bundled = load_report(BUNDLED_EXAMPLE)
    values = {str(metric.value) for metric in after.metrics.values()}
    hand_made = {str(metric.value) for metric in bundled.metrics.values()}
    assert hand_made - values == {"152"}           # the one figure the published text gives without a unit
    assert len(after.metrics) == 68
    assert not any(re.search(r"\d", str(s.title)) and s.title.uses for s in walk_sections(after.sections))


@pytest.mark.parametrize("text", ["第2名", "2023年", "3月29日", "《2023年3项任务》", "014032126/2024-00580",
                                  "1,268项", "增长9倍"])
def test_numbers_that_are_no_figures_stay_as_written(text, tmp_path, profile):
    imported = propose_metrics(recognise(text_source("示范区2023年报告", "一、举措", f"全区{text}。")))
    assert "metrics" not in imported.content
    assert imported.content["sections"][0]["paragraphs"] == [f"全区{text}。"]
    assert not loaded(imported.content, tmp_path / "no-figure", profile).metrics


# -- any shape: never a traceback, always content that loads, never a word lost ---------------

_WORDS = st.sampled_from(["依法行政", "推进改革", "法治政府建设", "主要举措和成效", "存在的不足", "下一步安排",
                          "示范区人民政府", "区司法局", "第一责任人", "“放管服”", "《条例》", "（社区）", "3.6万件",
                          "96%", "9000余件", "第2名", "2023年", "14:33", "一是", "（1）", "**重点**", "{{ year }}",
                          "{%", "*", "报告", "情况表", "注：", "附件", "1,268项", "近2万元"])
_PUNCTUATION = st.sampled_from(["", "，", "。", "；", "：", "、"])
_MARKERS = st.sampled_from(["一、", "二、", "十二、", "（一）", "(三)", "（九十九）", "1.", "2、", "12．", "（1）",
                            "(4)", "（2）、", "0.", "附件1", "附件：", "抄送：", "签发人：", ""])


@st.composite
def _line(draw) -> str:
    words = draw(st.lists(st.tuples(_WORDS, _PUNCTUATION), min_size=1, max_size=6))
    special = draw(st.sampled_from(["", "", "", "2024年3月28日", "二〇二四年三月二十八日", "（此件公开发布）",
                                    "区政府办公室 2024年3月28日印发", "示府发〔2024〕012号", "市人民政府：",
                                    "示范区人民政府", "　　"]))
    return special or draw(_MARKERS) + "".join(w + p for w, p in words)


@st.composite
def _block(draw, where: int) -> Block:
    if draw(st.integers(0, 9)) == 0:
        width = draw(st.integers(1, 14))
        rows = draw(st.lists(st.lists(_WORDS, min_size=1, max_size=width).map(tuple), min_size=1, max_size=4))
        return table(where, *rows)
    looks = draw(st.fixed_dictionaries({}, optional={
        "align": st.sampled_from(["center", "right", ""]), "red": st.booleans(),
        "size_pt": st.sampled_from([16, 22, 42]),
        "page_break_before": st.booleans(), "numbering": st.sampled_from(["一、", "（二）", "3.", "（4）"]),
        "level": st.integers(1, 9)}))
    return para(where, draw(_line()), **looks)


@st.composite
def _sources(draw) -> Source:
    count = draw(st.integers(0, 30))
    blocks = tuple(draw(_block(where)) for where in range(1, count + 1))
    metadata = draw(st.lists(st.tuples(st.sampled_from(["发布机构", "成文日期", "索引号"]),
                                       st.sampled_from(["", "示范区司法局", "2024-03-28", "{{ x }}"])), max_size=3))
    return Source(Path("any.docx"), "docx", blocks, metadata=tuple(metadata))


def _hanzi_words(text: str) -> list[str]:
    """The runs of hanzi a text holds, its typed heading number and structural labels (附件,
    抄送, 印发, 签发人) aside: what no recognition may drop."""
    for kind in KINDS:
        number = kind.pattern.match(text)
        text = text[number.end():] if number else text
    return re.findall(r"[\u4e00-\u9fff]{2,}", re.sub(r"附件|抄送|印发|签发人", "，", text))


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [str(key)] + _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [str(value)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=_sources())
def test_any_source_gives_content_that_loads_and_loses_no_word(source, tmp_path_factory, profile):
    imported = recognise(source)
    haystack = "\n".join(_strings(imported.content)).replace("**", "")
    for block in source.blocks:
        if read_date(block.text):
            continue                    # a date line: the date field, 2024-03-28
        for text in [block.text] + [cell for row in block.rows for cell in row]:
            for word in _hanzi_words(text):
                assert word in haystack, (word, text)
    report = loaded(imported.content, tmp_path_factory.mktemp("any") / "report", profile)
    proposed = loaded(propose_metrics(imported).content, tmp_path_factory.mktemp("any") / "report", profile)
    assert shape(proposed) == shape(report)
