"""The DOCX reader (importing/docx.py): Word files read into blocks as they print, and hostile files refused.

Inputs are made here: with python-docx (direct formatting, as a clerk types a report in
Word), as WordprocessingML written by hand (list numbering, styles, fields, text boxes,
tables: tests/make_docx.py), docgen's own DOCX of the bundled reports (compared with the
document plan the writers print), the same DOCX re-saved by LibreOffice, and files that
are no .docx or are built to harm.
"""

from __future__ import annotations

import socket
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import require
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import Location
from docgen.content.resolve import resolve
from docgen.document.blocks import LetterheadBlock, TableBlock, TextBlock
from docgen.document.plan import plan
from docgen.errors import ContentErrors
from docgen.format.profile import load_profile
from docgen.importing import docx as docx_reader
from docgen.importing.docx import read_docx
from docgen.importing.docx_numbering import format_number
from docgen.importing.source import Block, Run
from docgen.paths import BUNDLED_EXAMPLE
from docgen.pdf.layout import EstimatedFonts, Typesetter
from libreoffice import docx_to_docx, docx_to_text, soffice
from make_docx import lvl, numbered, p, r, relationship, style, tbl, tc, write_docx

FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"


def runs(block: Block) -> list[tuple[str, bool]]:
    return [(run.text, run.bold) for run in block.runs]


# --- Word files as clerks write them -------------------------------------------------------------

def test_a_report_typed_with_direct_formatting_reads_as_it_prints(tmp_path):
    """python-docx writes what Word writes for direct formatting: w:b on runs (w:b w:val="0"
    for a run made regular), w:sz, w:jc; numbering typed into the text; blank lines between."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()

    def paragraph(*pieces: tuple[str, bool | None], align=None, size: float | None = None) -> None:
        made = document.add_paragraph()
        made.alignment = align
        for text, bold in pieces:
            run = made.add_run(text)
            run.bold = bold
            if size:
                run.font.size = Pt(size)

    paragraph(("新吴区人民政府2023年", None), ("法治政府建设情况报告", False), align=WD_ALIGN_PARAGRAPH.CENTER,
              size=22)
    paragraph()
    paragraph(("市人民政府：", None))
    paragraph(("　　2023年，我区坚持依法行政。", None))
    paragraph(("一、主要举措和成效", None))
    paragraph(("（一）优化法治环境", None))
    paragraph(("一是强化组织领导。", True), ("成立领导小组，", None), ("全年召开会议", False), ("6次", None))
    paragraph(("二是", None), ("推行全程网办", True), ("，办件", None), ("3.6万件", True), ("。", None))
    paragraph()
    paragraph(("新吴区人民政府", None), align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(("2024年3月29日", None), align=WD_ALIGN_PARAGRAPH.RIGHT)
    path = tmp_path / "typed.docx"
    document.save(path)

    source = read_docx(path)
    assert source.kind == "docx" and source.path == path
    assert [(b.where, runs(b), b.align, b.size_pt, b.numbering, b.level, b.page_break_before)
            for b in source.blocks] == [
        (1, [("新吴区人民政府2023年法治政府建设情况报告", False)], "center", 22.0, "", None, False),
        (3, [("市人民政府：", False)], "", 11.0, "", None, False),     # python-docx's default size: 11 pt
        (4, [("　　2023年，我区坚持依法行政。", False)], "", 11.0, "", None, False),
        (5, [("一、主要举措和成效", False)], "", 11.0, "", None, False),
        (6, [("（一）优化法治环境", False)], "", 11.0, "", None, False),
        (7, [("一是强化组织领导。", True), ("成立领导小组，全年召开会议6次", False)], "", 11.0, "", None, False),
        (8, [("二是", False), ("推行全程网办", True), ("，办件", False), ("3.6万件", True), ("。", False)],
         "", 11.0, "", None, False),
        (10, [("新吴区人民政府", False)], "right", 11.0, "", None, False),
        (11, [("2024年3月29日", False)], "right", 11.0, "", None, False),
    ]
    assert {b.style for b in source.blocks} == {"Normal"}
    assert not any(b.red or b.rows for b in source.blocks)


def test_a_docx_without_styles_reads_its_direct_formatting(tmp_path):
    """No styles part at all (some generators write none): what the runs and paragraphs say."""
    body = (p(r("报告", '<w:b/><w:sz w:val="44"/>'), props='<w:jc w:val="center"/>')
            + p(r("正文", '<w:b w:val="false"/>'), r("加粗", '<w:b w:val="1"/>'), props='<w:jc w:val="both"/>')
            + p(r("落款"), props='<w:jc w:val="end"/>'))
    path = write_docx(tmp_path / "bare.docx", body)
    assert [(runs(b), b.align, b.size_pt, b.style) for b in read_docx(path).blocks] == [
        ([("报告", True)], "center", 22.0, ""),
        ([("正文", False), ("加粗", True)], "", None, ""),
        ([("落款", False)], "right", None, ""),
    ]


# Word's list numbering: 一、（一）1. on one definition; restarted, continued, through a style.
_LEVELS = lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.")
NUMBERING = (
    f'<w:abstractNum w:abstractNumId="0">{_LEVELS}</w:abstractNum>'
    # Level 3 never restarts (w:lvlRestart 0): 1. 2. under （一） go on as 3. under （二）.
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
    + lvl(2, "decimal", "%3.", extra='<w:lvlRestart w:val="0"/>') + '</w:abstractNum>'
    # A heading style's own list (Word's "link level to style").
    '<w:abstractNum w:abstractNumId="2">'
    + lvl(0, "chineseCountingThousand", "%1、", extra='<w:pStyle w:val="Heading1"/>')
    + lvl(1, "chineseCountingThousand", "（%2）", extra='<w:pStyle w:val="Heading2"/>') + '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
)
NUMBERED_STYLES = (style("paragraph", "Normal", "Normal", default=True)
                   + style("paragraph", "Heading1", "heading 1", based_on="Normal",
                           ppr='<w:numPr><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/>')
                   + style("paragraph", "Heading2", "heading 2", based_on="Normal",
                           ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr>'))
LISTED = [
    ("总体要求", 1, 0, "一、"), ("组织领导", 1, 1, "（一）"), ("健全制度", 1, 2, "1."), ("落实责任", 1, 2, "2."),
    ("强化保障", 1, 1, "（二）"), ("加强督查", 1, 2, "1."),
    ("", 1, 0, None),                   # a blank numbered paragraph: Word counts it (二、), it is no block
    ("主要任务", 1, 0, "三、"),
    ("不编号", 0, 0, ""),               # numId 0 takes the numbering away
    ("重新编号", 2, 0, "一、"),         # "Restart numbering": a w:num with a startOverride
    ("其下", 2, 1, "（一）"),
    ("继续编号", 3, 0, "二、"),         # another w:num of the same list continues it
    ("原来的编号", 1, 0, "三、"),
]
CONTINUED = [("甲", 4, 0, "一、"), ("乙", 4, 1, "（一）"), ("丙", 4, 2, "1."), ("丁", 4, 2, "2."),
             ("戊", 4, 1, "（二）"), ("己", 4, 2, "3."), ("庚", 4, 0, "二、"), ("辛", 4, 2, "4.")]


def _listed(items) -> str:
    return "".join(numbered(text, num, ilvl) for text, num, ilvl, _ in items)


def test_word_list_numbering_gives_the_labels_word_draws(tmp_path):
    body = (_listed(LISTED) + _listed(CONTINUED)
            + p("附则", props='<w:pStyle w:val="Heading1"/>') + p("适用范围", props='<w:pStyle w:val="Heading2"/>')
            + p("施行日期", props='<w:pStyle w:val="Heading1"/>'))
    path = write_docx(tmp_path / "listed.docx", body, styles=NUMBERED_STYLES, numbering=NUMBERING)
    blocks = read_docx(path).blocks
    expected = [(text, label) for text, _, _, label in LISTED + CONTINUED if text]
    expected += [("附则", "一、"), ("适用范围", "（一）"), ("施行日期", "二、")]
    assert [("".join(run.text for run in b.runs), b.numbering) for b in blocks] == expected
    assert blocks[0].text == "一、总体要求"
    assert [b.level for b in blocks[-3:]] == [1, 2, 1]        # outline level 0 stated; heading 2 by its name
    assert [b.style for b in blocks[-3:]] == ["heading 1", "heading 2", "heading 1"]


def test_the_labels_are_those_libreoffice_shows(tmp_path):
    """LibreOffice, which opens Word's lists as Word does, prints the same labels (it does not
    implement w:lvlRestart, so the list that never restarts is left out here)."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    body = _listed(LISTED) + p("附则", props='<w:pStyle w:val="Heading1"/>') + p(
        "适用范围", props='<w:pStyle w:val="Heading2"/>')
    path = write_docx(tmp_path / "listed.docx", body, styles=NUMBERED_STYLES, numbering=NUMBERING)
    lines = docx_to_text(path, tmp_path / "text").read_text(encoding="utf-8-sig").splitlines()
    printed = ["".join(line.split()) for line in lines if line.strip()]
    ours = [b.text for b in read_docx(path).blocks]
    assert printed == [*ours[:6], "二、", *ours[6:]]            # LibreOffice prints the blank item's label


def test_lists_through_a_numbering_style_and_legal_numbers(tmp_path):
    """A definition that links to a numbering style (w:numStyleLink) counts with the list of
    that style; a label may show several levels, a level not used since its restart at its
    start value (as LibreOffice shows it), and w:isLgl shows them all in digits."""
    numbering = (
        '<w:abstractNum w:abstractNumId="6"><w:styleLink w:val="Outline"/>' + lvl(0, "chineseCounting", "%1、")
        + lvl(1, "decimal", "%1.%2.") + lvl(2, "decimal", "%1.%2.%3", extra="<w:isLgl/>") + '</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="7"><w:numStyleLink w:val="Outline"/></w:abstractNum>'
        '<w:num w:numId="8"><w:abstractNumId w:val="6"/></w:num>'
        '<w:num w:numId="9"><w:abstractNumId w:val="7"/></w:num>')
    styles = style("numbering", "Outline", "公文编号", ppr='<w:numPr><w:numId w:val="8"/></w:numPr>')
    body = (numbered("总则", 8, 0) + numbered("目的", 9, 1) + numbered("依据", 9, 2) + numbered("适用", 8, 1)
            + numbered("分则", 9, 0) + numbered("细则", 9, 2))
    blocks = read_docx(write_docx(tmp_path / "linked.docx", body, styles=styles, numbering=numbering)).blocks
    assert [b.text for b in blocks] == ["一、总则", "一.1.目的", "1.1.1依据", "一.2.适用", "二、分则", "2.1.1细则"]


@pytest.mark.parametrize(("fmt", "numbers", "labels"), [
    ("chineseCounting", [1, 9, 10, 11, 20, 21, 99, 100, 101, 110, 1010], ["一", "九", "十", "十一", "二十", "二十一",
                                                                         "九十九", "一百", "一百零一", "一百一十",
                                                                         "一千零一十"]),
    ("chineseCountingThousand", [12], ["十二"]),
    ("ideographDigital", [3, 10, 25], ["三", "一〇", "二五"]),
    ("chineseLegalSimplified", [3, 11], ["叁", "壹拾壹"]),
    ("decimalEnclosedCircle", [1, 20, 21], ["①", "⑳", "21"]),
    ("decimalEnclosedParen", [2], ["⑵"]),
    ("ideographTraditional", [1, 10, 11], ["甲", "癸", "11"]),
    ("upperLetter", [1, 26, 27, 28], ["A", "Z", "AA", "BB"]),
    ("lowerRoman", [4, 14], ["iv", "xiv"]),
    ("decimalZero", [5, 12], ["05", "12"]),
    ("decimalFullWidth", [12], ["１２"]),
    ("decimal", [7], ["7"]),
    ("cardinalText", [3], ["3"]),           # a format docgen does not spell out: digits
])
def test_number_formats(fmt, numbers, labels):
    assert [format_number(fmt, n) for n in numbers] == labels


# --- what Word puts in a paragraph ---------------------------------------------------------------

STYLES = (
    style("paragraph", "Normal", "Normal", rpr='<w:sz w:val="32"/>', default=True)
    + style("character", "Strong", "Strong", rpr="<w:b/>")
    + style("paragraph", "BoldBase", "加粗正文", based_on="Normal", rpr="<w:b/>")
    + style("paragraph", "BoldChild", "加粗正文二", based_on="BoldBase")
    + style("paragraph", "Label", "附件标识", based_on="Normal", ppr="<w:pageBreakBefore/>")
    + style("paragraph", "Organ", "发文机关标志", based_on="Normal", ppr='<w:jc w:val="center"/>',
            rpr='<w:color w:val="E60012"/><w:sz w:val="84"/>')
    + style("paragraph", "Outline3", "三级", based_on="Normal", ppr='<w:outlineLvl w:val="2"/>')
    + style("paragraph", "Loop1", "loop one", based_on="Loop2") + style("paragraph", "Loop2", "loop two",
                                                                        based_on="Loop1")
)


def test_bold_is_resolved_through_the_style_chain(tmp_path):
    body = (
        p(r("强调", '<w:rStyle w:val="Strong"/>'), "不强调")                       # a character style
        + p("继承加粗", props='<w:pStyle w:val="BoldChild"/>')                      # basedOn chain
        + p(r("直接取消", '<w:b w:val="0"/>'), "样式加粗", props='<w:pStyle w:val="BoldBase"/>')
        # Bold is a toggle: a bold character style in a bold paragraph style shows regular (ECMA-376 17.7.3).
        + p(r("相抵", '<w:rStyle w:val="Strong"/>'), "加粗", props='<w:pStyle w:val="BoldBase"/>')
        + p(r("直接加粗", '<w:rStyle w:val="Strong"/><w:b/>'), props='<w:pStyle w:val="BoldBase"/>')
        + p("循环样式", props='<w:pStyle w:val="Loop1"/>')
        + p(r("红头", '<w:color w:val="auto"/>'), props='<w:pStyle w:val="Organ"/>')
        + p("红字", props='<w:pStyle w:val="Organ"/>')
    )
    blocks = read_docx(write_docx(tmp_path / "styled.docx", body, styles=STYLES)).blocks
    assert [runs(b) for b in blocks] == [
        [("强调", True), ("不强调", False)],
        [("继承加粗", True)],
        [("直接取消", False), ("样式加粗", True)],
        [("相抵", False), ("加粗", True)],
        [("直接加粗", True)],
        [("循环样式", False)],
        [("红头", False)],
        [("红字", False)],
    ]
    assert [(b.red, b.align, b.size_pt) for b in blocks[-2:]] == [(False, "center", 42.0), (True, "center", 42.0)]
    assert blocks[0].size_pt == 16.0 and blocks[0].style == "Normal" and blocks[1].style == "加粗正文二"


def test_text_reads_as_word_shows_it(tmp_path):
    """Tabs and line breaks as characters; a field's result, not its instructions; inserted
    text but not deleted or hidden text; a link's text; a text box's paragraphs after the
    one that anchors it, once (not its fallback copy); a symbol font's private code dropped."""
    box = ('<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
           + p("框中文字") + '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
           '</w:drawing>')
    fallback = ('<w:pict><v:shape><v:textbox><w:txbxContent>' + p("框中文字")
                + '</w:txbxContent></v:textbox></v:shape></w:pict>')
    body = (
        p(r(content="<w:t>示府发〔2024〕12号</w:t><w:tab/><w:t>签发人：张三</w:t>"))
        + p(r(content="<w:t>关于2023年</w:t><w:br/><w:t>法治政府建设情况的报告</w:t>"))
        + p("第", r(content='<w:fldChar w:fldCharType="begin"/>'), r(content="<w:instrText> PAGE </w:instrText>"),
            r(content='<w:fldChar w:fldCharType="separate"/>'), r("3"), r(content='<w:fldChar w:fldCharType="end"/>'),
            "页", '<w:fldSimple w:instr="NUMPAGES"><w:r><w:t>共5页</w:t></w:r></w:fldSimple>')
        + p("改为", '<w:del><w:r><w:delText>旧的</w:delText></w:r></w:del>',
            '<w:ins><w:r><w:t>新的</w:t></w:r></w:ins>', r("隐藏", "<w:vanish/>"),
            '<w:hyperlink r:id="rIdLink"><w:r><w:t>网址</w:t></w:r></w:hyperlink>',
            r(content='<w:sym w:font="Wingdings" w:char="F0FC"/>'), r(content='<w:sym w:font="SimSun" w:char="2606"/>'))
        + p(r("锚定段"), r(content=f'<mc:AlternateContent><mc:Choice Requires="wps">{box}</mc:Choice>'
                                   f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>'))
        + '<w:sdt><w:sdtPr><w:alias w:val="日期"/></w:sdtPr><w:sdtContent>' + p("内容控件") + '</w:sdtContent></w:sdt>'
    )
    path = write_docx(tmp_path / "text.docx", body,
                      relationships=(relationship("rIdLink", "hyperlink", "http://example.invalid/", external=True),))
    assert [(b.where, b.text) for b in read_docx(path).blocks] == [
        (1, "示府发〔2024〕12号\t签发人：张三"),
        (2, "关于2023年\n法治政府建设情况的报告"),
        (3, "第3页共5页"),
        (4, "改为新的网址☆"),
        (5, "锚定段"),
        (6, "框中文字"),          # the text box's paragraph: counted after its anchor
        (7, "内容控件"),
    ]


def test_page_breaks_mark_the_block_that_starts_a_page(tmp_path):
    body = (
        p("正文")
        + p(r(content='<w:br w:type="page"/>'))                  # Word's Ctrl+Enter: a paragraph of its own
        + p("附件1")
        + p("附件2", props='<w:pStyle w:val="Label"/>')        # pageBreakBefore from the style
        + p("不分页", props='<w:pStyle w:val="Label"/><w:pageBreakBefore w:val="0"/>')
        + p("前半", r(content='<w:br w:type="page"/>'), "后半")  # text after the break is on the next page
        + p("节末", props='<w:sectPr><w:type w:val="nextPage"/></w:sectPr>')
        + p("新节")
        + p("连续节", props='<w:sectPr><w:type w:val="continuous"/></w:sectPr>')
        + p("同页")
        + p(r(content='<w:br w:type="page"/>'))
        + tbl(["项目", "数量"], ["办件", "3.6万件"])               # a table can start a page too
    )
    blocks = read_docx(write_docx(tmp_path / "pages.docx", body, styles=STYLES)).blocks
    assert [(b.where, b.text or b.rows[0][0], b.page_break_before) for b in blocks] == [
        (1, "正文", False), (3, "附件1", True), (4, "附件2", True), (5, "不分页", False),
        (6, "前半", False), (6, "后半", True), (7, "节末", False), (8, "新节", True),
        (9, "连续节", False), (10, "同页", False), (12, "项目", True),
    ]


def test_outline_levels_come_from_the_paragraph_or_its_style(tmp_path):
    styles = STYLES + style("paragraph", "1", "heading 1") + style("paragraph", "a", "标题 2", based_on="Normal")
    body = (p("一级", props='<w:pStyle w:val="1"/>') + p("二级", props='<w:pStyle w:val="a"/>')
            + p("三级", props='<w:pStyle w:val="Outline3"/>') + p("四级", props='<w:outlineLvl w:val="3"/>')
            + p("正文级", props='<w:pStyle w:val="Outline3"/><w:outlineLvl w:val="9"/>') + p("正文"))
    blocks = read_docx(write_docx(tmp_path / "outline.docx", body, styles=styles)).blocks
    assert [(b.text, b.level) for b in blocks] == [("一级", 1), ("二级", 2), ("三级", 3), ("四级", 4),
                                                   ("正文级", None), ("正文", None)]


def test_tables(tmp_path):
    """A data table as rows (merged cells once); a one-column table as paragraphs; a nested
    table flattened into its cell; blank paragraphs and cell paragraphs counted in `where`."""
    merged = tbl(
        ["单位", "件数", "备注"],
        [tc("区发展改革局", props='<w:vMerge w:val="restart"/>'), "6件", tc("第一段", "第二段")],
        [tc(props="<w:vMerge/>"), "4件", tc("")],
        [tc("合计", props='<w:gridSpan w:val="2"/>'), "10件"],
    )
    nested = tbl(["外层", tc(p("说明"), tbl(["甲", "乙"], ["1", "2"]))])
    box = tbl([tc("抄送：市司法局。", p(), "区政府办公室　2024年3月29日印发")])
    shifted = tbl(["右", "侧"], row_props='<w:gridBefore w:val="1"/><w:gridAfter w:val="2"/>')
    body = p("前言") + p() + merged + box + nested + shifted + p("结尾")
    blocks = read_docx(write_docx(tmp_path / "tables.docx", body)).blocks
    assert [(b.where, b.text, b.rows) for b in blocks] == [
        (1, "前言", ()),
        (3, "", (("单位", "件数", "备注"), ("区发展改革局", "6件", "第一段\n第二段"), ("", "4件", ""),
                 ("合计", "", "10件"))),
        (15, "抄送：市司法局。", ()),
        (17, "区政府办公室　2024年3月29日印发", ()),
        (18, "", (("外层", "说明\n甲\t乙\n1\t2"),)),
        (24, "", (("", "右", "侧", "", ""),)),         # a row that leaves grid columns before and after
        (26, "结尾", ()),
    ]


def test_a_table_row_may_not_be_wider_than_word_allows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_docx(tmp_path / "wide.docx", tbl(["a", tc("b", props='<w:gridSpan w:val="99999999999"/>')]))
    with pytest.raises(ContentErrors) as caught:
        read_docx(Path("wide.docx"))
    assert str(caught.value) == "wide.docx:1:1: a table row has more than 63 columns, Word's most"


# --- docgen's own DOCX ----------------------------------------------------------------------------

FOUR_LEVELS = """\
kind: annual-report
issuer: 某县人民政府
signature: 某县人民政府
year: 2022
date: 2023-03-30
title: "{{ issuer }}关于{{ year }}年法治政府建设情况的报告"
preamble: "{{ year }}年，本县坚持依法行政。"
sections:
  - title: 主要举措和成效
    role: measures
    paragraphs: [本县全面推进依法行政。]
    sections:
      - title: 优化法治环境
        sections:
          - title: 深化改革
            sections:
              - title: 推行全程网办
                paragraphs:
                  - 全年办件总量为3.6万件，**位居全市前列**。
"""


@pytest.fixture(scope="module")
def contents(tmp_path_factory) -> dict[str, Path]:
    four = tmp_path_factory.mktemp("four") / "four-levels"
    four.mkdir()
    (four / "report.yaml").write_text(FOUR_LEVELS, encoding="utf-8")
    return {"xinwu-2023": BUNDLED_EXAMPLE, "example-full": FULL_EXAMPLE, "four-levels": four}


@pytest.fixture(scope="module")
def built(tmp_path_factory, contents) -> dict[str, Path]:
    """`docgen build --format docx` of each content folder."""
    out = tmp_path_factory.mktemp("own")
    for content in contents.values():
        result = CliRunner().invoke(main, ["build", str(content), "--format", "docx", "--out", str(out)])
        assert result.exit_code == 0, result.output
    return {name: out / f"{name}.docx" for name in contents}


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, built) -> dict[str, Path]:
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("resaved")
    return {name: docx_to_docx(path, out) for name, path in built.items()}


def _printed(content: Path) -> list[tuple]:
    """What the writers print, block by block, from the document plan: each paragraph's text
    with its bold runs (adjacent spans of one weight as one), whether it starts a page, its
    heading level; each table's rows. Blank lines and the 版头's rule print no text."""
    profile = load_profile()
    report = resolve(load_report(content), profile)
    out: list[tuple] = []
    for block in plan(report, profile, Typesetter(profile, EstimatedFonts()).measure):
        texts = [item.text for item in block.placed] if isinstance(block, LetterheadBlock) else [block]
        for text in texts:
            if isinstance(text, TableBlock):
                out.append(("table", tuple(tuple(row) for row in text.rows)))
            elif isinstance(text, TextBlock) and "".join(span.text for span in text.spans).strip():
                pieces: list[tuple[str, bool]] = []
                for span in text.spans:
                    if pieces and pieces[-1][1] == span.style.bold:
                        pieces[-1] = (pieces[-1][0] + span.text, span.style.bold)
                    elif span.text:
                        pieces.append((span.text, span.style.bold))
                level = text.level if text.role == "heading" else None
                out.append(("text", tuple(pieces), text.page_break_before, level))
    return out


def _read(path: Path) -> list[tuple]:
    return [("table", b.rows) if b.is_table else ("text", tuple(runs(b)), b.page_break_before, b.level)
            for b in read_docx(path).blocks]


@pytest.mark.parametrize("name", ["xinwu-2023", "example-full", "four-levels"])
def test_docgens_own_docx_reads_as_the_plan_prints_it(built, contents, name):
    """Every paragraph's text, its bold runs (lead phrases, **bold spans**, the bold level-3
    heading, nothing else), the attachments' page breaks, the heading levels and the tables
    with their header rows; the 版记 and the 版头 as paragraphs."""
    assert _read(built[name]) == _printed(contents[name])


def test_what_docgens_own_docx_shows_of_its_elements(built):
    blocks = read_docx(built["example-full"]).blocks
    assert [b.text for b in blocks if b.red] == ["示例市示范区人民政府"]          # the 版头's 发文机关标志
    assert [b.text for b in blocks if b.page_break_before] == ["附件1", "附件2"]
    tables = [b for b in blocks if b.is_table]
    assert [t.rows[0] for t in tables] == [("单位", "报送件数", "审查意见", "采纳率"), ("指标", "2023年", "同比"),
                                           ("序号", "重点任务", "完成情况")]
    assert blocks[-2:] == (
        Block(where=blocks[-2].where, runs=(Run("抄送：示例市依法治市办、示例市司法局。"),), size_pt=14.0,
              style="版记抄送"),
        Block(where=blocks[-1].where, runs=(Run("示例市示范区人民政府办公室\t2024年3月28日印发"),), size_pt=14.0,
              style="版记印发"),
    )
    title = next(b for b in blocks if b.style == "公文标题")
    assert (title.text, title.align, title.size_pt) == (
        "示例市示范区人民政府关于2023年\n法治政府建设情况的报告", "center", 22.0)
    four = read_docx(built["four-levels"]).blocks
    assert [(b.text, b.level) for b in four if b.level] == [
        ("一、主要举措和成效", 1), ("（一）优化法治环境", 2), ("1.深化改革", 3), ("（1）推行全程网办", 4)]


@pytest.mark.parametrize("name", ["xinwu-2023", "example-full"])
def test_the_same_docx_resaved_by_libreoffice_reads_the_same(built, resaved, name):
    """LibreOffice renames the styles, splits runs, writes its own tables: the same text, bold,
    page breaks, levels and tables."""
    assert _read(resaved[name]) == _read(built[name])


# --- hostile and broken files ----------------------------------------------------------------------

def _refused(path: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        read_docx(path)
    [error] = caught.value.errors
    assert (error.where, error.field) == (Location(path, 1, 1), "")
    return str(error)


def _patched(path: Path, name: str, offsets: tuple[int, int], value: bytes) -> None:
    """Overwrite a field of the entry `name` in its local header and in its central directory
    header (at these offsets in each), as a forger would."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    for start in (local + offsets[0], central + offsets[1]):
        data[start:start + len(value)] = value
    path.write_bytes(bytes(data))


SAVE = "open it in Word or WPS and save it as .docx (Word Document)"


def test_files_that_are_no_docx_are_named_for_what_they_are(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cases = {
        "renamed.docx": ("一、主要举措\n".encode(), "not a Word .docx file: it is not a zip archive (a .doc from "
                                                   f"Word 97–2003, or text renamed?): {SAVE}"),
        "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
                     "not a Word .docx file: it is a Word 97–2003 .doc (or a .docx protected by a password): "
                     f"{SAVE}, without a password"),
        "page.docx": ("\ufeff<html><body>报告</body></html>".encode(),
                      f"not a Word .docx file: it is a web page or an XML file: {SAVE}, or import the web page itself"),
        "rich.docx": (b"{\\rtf1\\ansi report}", f"not a Word .docx file: it is an RTF file: {SAVE}"),
        "empty.docx": (b"", f"not a Word .docx file: it is not a zip archive (a .doc from Word 97–2003, or text "
                            f"renamed?): {SAVE}"),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        assert _refused(Path(name)) == f"{name}:1:1: {message}"
    assert _refused(Path("missing.docx")) == "missing.docx:1:1: cannot read the file: No such file or directory"
    (tmp_path / "folder.docx").mkdir()
    assert _refused(Path("folder.docx")) == "folder.docx:1:1: not a file"


def test_zips_that_are_no_word_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    assert _refused(Path("other.docx")) == ("other.docx:1:1: not a Word .docx file: the archive has no "
                                            "word/document.xml (an .xlsx, a .pptx or another zip?)")
    with zipfile.ZipFile(tmp_path / "plain.docx", "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert _refused(Path("plain.docx")) == ("plain.docx:1:1: not a Word .docx file: the archive has no "
                                            "[Content_Types].xml (is it another kind of zip?)")
    sheet = write_docx(tmp_path / "sheet.docx", "", parts={
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       + relationship("rId1", "officeDocument", "xl/workbook.xml") + "</Relationships>",
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'})
    assert _refused(Path(sheet.name)) == ("sheet.docx:1:1: not a Word .docx file: its main part xl/workbook.xml "
                                          "is not a Word document (an .xlsx, a .pptx?)")
    strict = write_docx(tmp_path / "strict.docx", "", document=(
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'))
    assert _refused(Path(strict.name)) == (
        "strict.docx:1:1: a Strict Open XML document, which docgen does not read: open it in Word and save it "
        "as an ordinary Word Document (.docx)")
    broken = write_docx(tmp_path / "broken.docx", "", document="<w:document xmlns:w='x'><w:body>")
    assert _refused(Path(broken.name)).startswith(
        "broken.docx:1:1: not a Word .docx file: its part word/document.xml is not well-formed XML (")
    good = write_docx(tmp_path / "good.docx", p("正文"))
    (tmp_path / "cut.docx").write_bytes(good.read_bytes()[:-60])
    assert _refused(Path("cut.docx")).startswith("cut.docx:1:1: not a Word .docx file: the archive is damaged (")


def test_zip_bombs_are_refused_before_they_are_unpacked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    declared = write_docx(tmp_path / "declared.docx", p("正文"))
    _patched(declared, "word/document.xml", (22, 24), (2 ** 31).to_bytes(4, "little"))    # uncompressed size
    dense = write_docx(tmp_path / "dense.docx", p("正文") * 400_000)                  # 23 MB deflated to 60 kB
    locked = write_docx(tmp_path / "locked.docx", p("正文"))
    _patched(locked, "word/document.xml", (6, 8), b"\x01\x00")                          # the "encrypted" flag
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def recording_open(self, name, *args, **kwargs):
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    assert _refused(Path(declared.name)) == ("declared.docx:1:1: its part word/document.xml unpacks to 2048.0 MB, "
                                             "more than the 30.0 MB docgen reads (a zip bomb?)")
    message = _refused(Path(dense.name))
    assert message.startswith("dense.docx:1:1: its part word/document.xml unpacks ")
    assert message.endswith(" times larger than it is stored, more than the 200 times any Word file does (a zip bomb?)")
    assert _refused(Path(locked.name)) == ("locked.docx:1:1: the .docx is encrypted: open it in Word or WPS and save "
                                           "it without a password")
    assert "word/document.xml" not in opened and opened.count("_rels/.rels") == 3


def test_a_dtd_and_its_entities_are_refused_unread(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY leak SYSTEM "{secret.as_uri()}">'
                '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                '<w:p><w:r><w:t>&leak;&lol2;</w:t></w:r></w:p></w:body></w:document>')
    write_docx(tmp_path / "entity.docx", "", document=document)
    message = _refused(Path("entity.docx"))
    assert message == ("entity.docx:1:1: its part word/document.xml declares a DTD (<!DOCTYPE …>), which Word never "
                       "writes: refused")
    assert "TOP-SECRET" not in message


def test_external_relationships_are_never_followed(tmp_path, monkeypatch):
    """A part the reader needs linked from outside is refused; a link to a web page or a
    picture elsewhere is text like any other, never fetched."""
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "styles.xml"
    outside.write_text(f'<w:styles xmlns:w="{"http://schemas.openxmlformats.org/wordprocessingml/2006/main"}"/>')
    linked = write_docx(tmp_path / "linked.docx", p("正文"),
                        relationships=(relationship("rIdS", "styles", outside.as_uri(), external=True),))
    assert _refused(Path(linked.name)) == (
        f"linked.docx:1:1: its styles part is linked from outside the file ({outside.as_uri()}); docgen reads only "
        "what the .docx holds: open it in Word and save it again")
    climbing = write_docx(tmp_path / "climbing.docx", p("正文"),
                          relationships=(relationship("rIdN", "numbering", "../../../etc/passwd"),))
    assert _refused(Path(climbing.name)) == (
        "climbing.docx:1:1: its numbering part points outside the archive (../../../etc/passwd)")

    def no_network(*args, **kwargs):
        raise AssertionError("the reader opened a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    picture = ('<w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic '
               'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
               '<a:blip r:link="rIdPic"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')
    path = write_docx(tmp_path / "links.docx",
                      p('<w:hyperlink r:id="rIdWeb"><w:r><w:t>政府网站</w:t></w:r></w:hyperlink>', r(content=picture)),
                      relationships=(relationship("rIdWeb", "hyperlink", "http://example.invalid/", external=True),
                                     relationship("rIdPic", "image", outside.as_uri(), external=True)))
    assert [b.text for b in read_docx(path).blocks] == ["政府网站"]


def test_a_document_too_large_to_be_a_report_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 3)
    write_docx(tmp_path / "long.docx", p("一") + p() + p("三") + p("四"))
    assert _refused(Path("long.docx")) == "long.docx:1:1: more than 3 paragraphs: more than a report docgen imports"
    monkeypatch.setattr(docx_reader, "MAX_TABLE_CELLS", 3)
    write_docx(tmp_path / "cells.docx", tbl(["a", "b"], ["c", "d"]))
    assert _refused(Path("cells.docx")) == "cells.docx:1:1: more than 3 table cells: more than a report docgen imports"


def test_deep_nesting_is_read_or_refused_never_a_crash(tmp_path):
    """Tables in tables, content controls in content controls: as deep as the XML parser
    allows (libxml2 refuses a document nested deeper than 256 elements)."""
    def nested(depth: int) -> Path:
        body = p("正文")
        for _ in range(depth):
            body = tbl(["外", tc(body)])
        return write_docx(tmp_path / f"deep{depth}.docx", body)

    [table] = read_docx(nested(80)).blocks
    assert table.rows[0][0] == "外" and table.rows[0][1].endswith("外\t正文")
    assert "is not well-formed XML (nested too deeply: more than 256 levels)" in _refused(nested(90))


# Values a sender may put in any attribute the reader looks at.
_VALUES = st.sampled_from(["", "0", "1", "-1", "2", "8", "9", "10", "63", "64", "99999999999999999999", "abc", "１",
                           "1.5", "continue", "restart", "page", "begin", "separate", "end", "auto", "FF0000",
                           "F0B7", "D800", "110000", "%1%9%", "chineseCounting", "upperLetter", "bullet", "none"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_VALUES, min_size=20, max_size=20))
def test_any_attribute_value_is_read_or_refused(tmp_path, values):
    v = iter(values)
    numbering = (f'<w:abstractNum w:abstractNumId="{next(v)}"><w:lvl w:ilvl="{next(v)}"><w:start w:val="{next(v)}"/>'
                 f'<w:numFmt w:val="{next(v)}"/><w:lvlText w:val="{next(v)}"/><w:lvlRestart w:val="{next(v)}"/>'
                 f'</w:lvl></w:abstractNum><w:num w:numId="{next(v)}"><w:abstractNumId w:val="0"/>'
                 f'<w:lvlOverride w:ilvl="{next(v)}"><w:startOverride w:val="{next(v)}"/></w:lvlOverride></w:num>')
    body = (numbered("编号", 1, 0, props=f'<w:outlineLvl w:val="{next(v)}"/><w:jc w:val="{next(v)}"/>')
            + p(r("字", f'<w:sz w:val="{next(v)}"/><w:color w:val="{next(v)}"/><w:b w:val="{next(v)}"/>'),
                r(content=f'<w:br w:type="{next(v)}"/><w:fldChar w:fldCharType="{next(v)}"/>'
                          f'<w:sym w:char="{next(v)}"/><w:t>尾</w:t>'))
            + tbl([tc("甲", props=f'<w:gridSpan w:val="{next(v)}"/>'),
                   tc("乙", props=f'<w:vMerge w:val="{next(v)}"/>')],
                  [tc("丙", props=f'<w:hMerge w:val="{next(v)}"/>'), "丁"]))
    path = write_docx(tmp_path / "values.docx", body, numbering=numbering)
    try:
        source = read_docx(path)
    except ContentErrors as error:
        assert str(error) == f"{path}:1:1: a table row has more than 63 columns, Word's most"
    else:
        assert all(isinstance(run.text, str) for block in source.blocks for run in block.runs)
        "".join(block.text for block in source.blocks).encode("utf-8")      # no lone surrogate


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.booleans(), st.integers(min_value=0),
       st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8),
       st.integers(min_value=0))
def test_any_damage_is_read_or_refused(tmp_path, in_a_part, which, changes, cut):
    """Bytes changed anywhere in one part (the XML then parses, or not, into anything), or in
    the archive itself, or the file cut short: a Source or a ContentErrors, nothing else."""
    path = write_docx(tmp_path / "damaged.docx", p(r("标题", "<w:b/>")) + numbered("一项", 1, 0)
                      + tbl(["甲", "乙"]), styles=STYLES, numbering=NUMBERING)
    with zipfile.ZipFile(path) as archive:
        parts = {name: bytearray(archive.read(name)) for name in archive.namelist()}
    data = parts[sorted(parts)[which % len(parts)]] if in_a_part else bytearray(path.read_bytes())
    for position, byte in changes:
        data[position % len(data)] = byte
    del data[len(data) - cut % 100:]
    if in_a_part:
        with zipfile.ZipFile(path, "w") as archive:
            for name, content in parts.items():
                archive.writestr(name, bytes(content))
    else:
        path.write_bytes(bytes(data))
    try:
        read_docx(path)
    except ContentErrors as error:
        assert len(error.errors) == 1 and error.errors[0].where == Location(path, 1, 1)
