"""Optional elements of a report in the DOCX: addressee, four heading levels,
a run-in level-1 heading, attachments, 附注, 版记 and the long-date signature rule."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from docgen.build import build
from docx_xml import NS, body_paragraphs, part, w


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory, profile):
    [path] = build(FIXTURES / "all-elements", profile, ("docx",), tmp_path_factory.mktemp("all")).paths
    return path


@pytest.fixture(scope="module")
def paragraphs(docx_path):
    return body_paragraphs(docx_path)


def _find(paragraphs, start):
    return next(p for p in paragraphs if p.text.startswith(start))


def test_addressee_is_flush_left_after_the_blank_line(paragraphs):
    assert paragraphs[1].text == "" and paragraphs[2].text == "区人民政府："
    assert paragraphs[2].ppr("ind") is None and paragraphs[2].ppr("jc", "val") == "left"


def test_four_heading_levels_in_their_fonts_and_numbering(paragraphs):
    expected = [("一、主要举措及成效", "黑体", False), ("（一）健全制度体系", "楷体_GB2312", False),
                ("1.完善规范性文件审查", "仿宋_GB2312", True), ("（1）严格审查程序", "仿宋_GB2312", False)]
    for text, font, bold in expected:
        [run] = _find(paragraphs, text).runs
        assert (run.text, run.east_asia, run.bold) == (text, font, bold)


def test_a_run_in_level_one_heading(paragraphs):
    p = _find(paragraphs, "二、")
    assert [(r.text, r.east_asia) for r in p.runs] == [("二、履行第一责任人职责情况。", "黑体"),
                                                       ("主要负责人带头学法。", "仿宋_GB2312")]


def test_attachments_are_numbered_and_aligned_after_the_label(paragraphs):
    first, second = _find(paragraphs, "附件："), _find(paragraphs, "2.")
    assert first.text == "附件：1.2023年度法治政府建设工作台账"
    assert second.text == "2.2024年度法治政府建设工作要点"
    # text starts 2 字 (640 twips) + the label "附件：" as set (3 × 15.7 pt = 942 twips) in;
    # the first line hangs back by the label
    assert first.ppr("ind", "left") == second.ppr("ind", "left") == "1582"
    assert first.ppr("ind", "hanging") == "942" and second.ppr("ind", "hanging") is None
    before = paragraphs[paragraphs.index(first) - 1]
    assert before.text == ""


def test_a_date_longer_than_the_signature_keeps_2_chars_and_moves_the_signature(paragraphs):
    signature = next(p for p in paragraphs if p.text == "某市某区司法局")
    date = paragraphs[paragraphs.index(signature) + 1]
    assert (signature.text, date.text) == ("某市某区司法局", "2024年2月28日")
    assert date.ppr("jc", "val") == "right" and date.ppr("ind", "right") == "640"
    # The date as LibreOffice sets it: 3 × 16 + 7 × 8 pt, narrowed 0.3 pt on the 5 characters
    # not before a change of script, and 5 spaces of 3.2 pt between hanzi and digits: 2370 twips;
    # signature 7 × 15.7 pt = 2198 twips: it ends 640 + 2370 + 640 − 2198 twips from the right edge.
    assert signature.ppr("jc", "val") == "right" and signature.ppr("ind", "right") == "1452"


def test_note_is_in_parentheses_indented_2_chars(paragraphs):
    note = _find(paragraphs, "（此件")
    assert note.text == "（此件公开发布）" and note.ppr("ind", "firstLine") == "640"


def test_distribution_block_between_rules_across_the_text_block(paragraphs, docx_path):
    texts = [p.text for p in paragraphs]
    note = texts.index("（此件公开发布）")
    cc, printed, end = paragraphs[-3:]
    # the note on grid line 1 of page 2; 19 empty lines (1 the profile's, 18 of padding) put the
    # 版记 on lines 21 and 22, at the foot of the page (GB/T 9704 §7.4)
    assert texts[note + 1:-3] == [""] * 19
    assert cc.text == "抄送：市司法局、区委依法治区办。"
    assert printed.text == "某市某区司法局办公室\t2024年2月28日印发"
    assert {r.size_half_points for r in cc.runs + printed.runs} == {28}
    # the rules are the rows' edges of a table as wide as the text block (GB/T 9704 §7.4.1)
    assert [(p.rule("top"), p.rule("bottom")) for p in (cc, printed)] == [
        (("8", "000000"), None), (("6", "000000"), ("8", "000000"))]      # 0.35 mm outer, 0.25 mm inner
    [table] = part(docx_path, "word/document.xml").findall("w:body/w:tbl", NS)
    assert table.find("w:tblPr/w:tblW", NS).get(w("w")) == "8844"        # 156 mm
    assert [c.get(w("w")) for c in table.iter(w("gridCol"))] == ["8844"]
    # each row on its grid line: 579 twips, less its top rule (20, 15) and, in the last,
    # the bottom rule (20) and the 1 pt paragraph that must end the document (20)
    assert [r.get(w("val")) for r in table.iter(w("trHeight"))] == ["579", "539"]
    assert [(p.ppr("spacing", "line"), p.ppr("spacing", "lineRule")) for p in (cc, printed)] == [
        ("559", "exact"), ("524", "exact")]
    assert (end.text, end.ppr("spacing", "line")) == ("", "20")
    assert printed.ppr("ind", "left") == printed.ppr("ind", "right") == "280"   # 1 字 of 14 pt
    # a tab stop is measured from the margin: the text block's width less the right indent
    assert printed.ppr("tabs/w:tab", "val") == "right" and printed.ppr("tabs/w:tab", "pos") == "8564"
