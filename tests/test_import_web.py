"""The web readers (importing/text.py, html.py) and what they share: web artefacts mended
(normalize.py), the 信息公开 header found (metadata.py), untrusted files read safely (rawtext.py).

The seed (tests/fixtures/import/xinwu-2023.txt, text copied from the real disclosure page)
is checked against content/xinwu-2023/report.yaml, the content a person made of it by
hand: every paragraph the reader gives must be the hand-made one, character for character.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.content.load import load_report
from docgen.content.resolve import resolve
from docgen.errors import ContentErrors
from docgen.format.profile import load_profile
from docgen.importing import html as html_reader
from docgen.importing.html import read_html
from docgen.importing.metadata import pairs_in_cells, pairs_in_line, split_header
from docgen.importing.normalize import apply, chrome_at_end, mend, mend_text, web_artefacts
from docgen.importing.source import Block, Change, Run, Source
from docgen.importing.text import read_text
from docgen.paths import BUNDLED_EXAMPLE

IMPORT = Path(__file__).parent / "fixtures" / "import"
SEED = IMPORT / "xinwu-2023.txt"
HANZI = re.compile(r"[\u3400-\u9fff]")


def texts(source: Source) -> list[str]:
    return [block.text for block in source.blocks]


def error_of(call, path: Path) -> tuple[int, int, str]:
    """The one located error a reader raises: (line, column, message)."""
    with pytest.raises(ContentErrors) as caught:
        call(path)
    [error] = caught.value.errors
    assert error.where.file == path and error.field == ""
    return error.where.line, error.where.column, error.message


# --- the seed: text copied from the real page ----------------------------------------------

@pytest.fixture(scope="module")
def seed() -> Source:
    return read_text(SEED)


@pytest.fixture(scope="module")
def hand_made():
    return resolve(load_report(BUNDLED_EXAMPLE), load_profile())


def hand_made_blocks(report) -> list[str]:
    """The bundled report's paragraphs as the page shows them: title, preamble, each heading
    with its number (a run-in one with its first paragraph), each paragraph lead and text."""
    out = [str(report.title), *(str(item.text) for item in report.preamble)]

    def section(node) -> None:
        paragraphs = list(node.paragraphs)
        heading = node.number + str(node.title)
        out.append(heading + str(paragraphs.pop(0).text) if node.run_in else heading)
        out.extend(str(p.lead or "") + str(p.text) for p in paragraphs)
        for child in node.sections:
            section(child)
    for top in report.sections:
        section(top)
    return out


def test_seed_metadata_is_the_hand_made_publication(seed, hand_made):
    assert list(seed.metadata) == [(item.label, str(item.value)) for item in hand_made.publication]
    assert [label for label, _ in seed.metadata] == [
        "时间", "信息索引号", "生成日期", "公开日期", "文件编号", "发布机构", "效力状况", "附件下载", "内容概述"]
    assert dict(seed.metadata)["时间"] == "2024-03-29 14:33"             # the font tools cut from its line
    assert dict(seed.metadata)["文件编号"] == dict(seed.metadata)["附件下载"] == ""     # "—  —": none
    assert dict(seed.metadata)["内容概述"].startswith("2023年，新吴区各级行政机关坚持以习近平")


def test_seed_paragraphs_are_the_hand_made_content(seed, hand_made):
    expected = hand_made_blocks(hand_made)
    assert texts(seed) == expected
    assert len(expected) == 34
    assert seed.blocks[0].text == "无锡市新吴区人民政府2023年法治政府建设情况报告" and seed.blocks[0].where == 1
    assert [b.where for b in seed.blocks[1:4]] == [10, 12, 14]
    assert [b.text for b in seed.blocks[2:4]] == ["一、推进法治政府建设（依法行政）的主要举措及成效",
                                                   "（一）优化法治环境，经济社会发展高质高效"]
    assert all(len(b.runs) == 1 and not b.runs[0].bold and b.align == "" for b in seed.blocks)


def test_seed_text_differs_only_by_the_changes_listed(seed):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for block in seed.blocks:
        restored = block.text
        for change in seed.changes:
            if change.where == block.where and len(change.after) == 1:
                restored = restored.replace(change.after, change.before)
        assert restored == lines[block.where - 1].strip(), block.where
    # the seed has no full-width ，（）：； of its own: each one in the blocks is a change listed
    made = sum(1 for c in seed.changes if c.after in ("，", "（", "）", "：", "；"))
    shown = [block.text for block in seed.blocks] + [value for _, value in seed.metadata]
    assert made == sum(words.count(mark) for words in shown for mark in "，（）：；") == 314
    assert not any(re.search(r"[,():;]", block.text) for block in seed.blocks)


def test_seed_changes_are_located_and_of_few_kinds(seed):
    """One Change per mark, indent or line, each kind in the same words: the import report
    (summary.py) says each kind once, with how often and on which lines."""
    assert seed.changes[:3] == (
        Change(3, "字体大小:放大 正常 缩小", "", "site chrome dropped"),
        Change(6, "—\xa0\xa0—", "", "文件编号: a dash or 无 means none: the value is empty"),
        Change(7, "—\xa0\xa0—", "", "附件下载: a dash or 无 means none: the value is empty"))
    kinds = Counter((c.before, c.after, c.why) for c in seed.changes[3:])
    # every ASCII , ( ) ; of the seed; of its five colons, 时间: separates a label, 14:33 is a
    # time and 字体大小: is chrome: two remain to mend
    assert kinds == {(",", "，", "ASCII ',' in Chinese text made full-width"): 259,
                     ("(", "（", "ASCII '(' in Chinese text made full-width"): 25,
                     (")", "）", "ASCII ')' in Chinese text made full-width"): 25,
                     (":", "：", "ASCII ':' in Chinese text made full-width"): 2,
                     (";", "；", "ASCII ';' in Chinese text made full-width"): 3,
                     ("  ", "", "indent (2 spaces) removed"): 33}
    assert [c.where for c in seed.changes if c.before == ":"] == [66, 66]
    assert [c.where for c in seed.changes] == sorted(c.where for c in seed.changes)


def test_seed_loses_no_character(seed):
    before = len(HANZI.findall(SEED.read_text(encoding="utf-8")))
    kept = sum(len(HANZI.findall(block.text)) for block in seed.blocks)
    header = sum(len(HANZI.findall(label + value)) for label, value in seed.metadata)
    chrome = sum(len(HANZI.findall(c.before)) for c in seed.changes if c.why == "site chrome dropped")
    assert before == kept + header + chrome == 5357


# --- normalisation -------------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("2023年,新吴区", "2023年，新吴区"),
    ("推进法治政府建设(依法行政)的", "推进法治政府建设（依法行政）的"),
    ("(依法行政)", "（依法行政）"),
    ("(一)优化法治环境", "（一）优化法治环境"),
    ("(1)加强学习", "（1）加强学习"),
    ("年度累计发布政策121条(全市第2),发布", "年度累计发布政策121条（全市第2），发布"),
    ("“一件事”,实现", "“一件事”，实现"),
    ("达到96%,退税", "达到96%，退税"),
    ("主要有:一是", "主要有：一是"),
    ("水平不高;二是", "水平不高；二是"),
    ("是吗?是的!", "是吗？是的！"),
    ("新吴区, 各级", "新吴区，各级"),                   # the space beside the mark goes with it
    ("时间:2024-03-29 14:33", "时间：2024-03-29 14:33"),   # body text; the header is read before
    ("世界贸易组织(WTO)", "世界贸易组织（WTO）"),
    ("第(2023)12号", "第（2023）12号"),
    ("整改问题--全部到位", "整改问题——全部到位"),
    ("等等...", "等等……"),
    ("等等......", "等等……"),
    ("等等。。。", "等等……"),
    ("网址:http://www.wuxi.gov.cn/a,b.html?x=1;y=(2),欢迎", "网址：http://www.wuxi.gov.cn/a,b.html?x=1;y=(2)，欢迎"),
    ("邮箱:sfj@example.gov.cn;电话", "邮箱：sfj@example.gov.cn；电话"),
    # never inside numbers, times, codes, Latin text
    ("共1,000件", "共1,000件"),
    ("量为3.6万件", "量为3.6万件"),
    ("14:33", "14:33"),
    ("比例为1:2", "比例为1:2"),
    ("索引号014032126/2024-00580", "索引号014032126/2024-00580"),
    ("配套出台“1+3+N”管理制度", "配套出台“1+3+N”管理制度"),
    ("“B2B城市智能配送”", "“B2B城市智能配送”"),
    ("落实“审批-监管-执法-信用”", "落实“审批-监管-执法-信用”"),
    ("函数f(x)的值", "函数f(x)的值"),
    ("ISO9001(2015)认证", "ISO9001(2015)认证"),
    ("Hello, world (again): yes; no? ok!", "Hello, world (again): yes; no? ok!"),
    ("a--b 1...10 x---y", "a--b 1...10 x---y"),
    ("“鼎立国兴 寻脉礼法”", "“鼎立国兴 寻脉礼法”"),
    ("（已是全角），无须改", "（已是全角），无须改"),
])
def test_web_artefacts(before, after):
    assert mend_text(before, 1)[0] == after


MARKS_AND_SPACES = re.compile(r"[ ,;:?!()，；：？！（）\-—.。…]")
WEB_TEXT = st.lists(st.sampled_from([*"中文年,;:?!().-。 a1“”", "http://a.cn/x?y=1,z", "1,000", "14:33"]),
                    max_size=40).map("".join)


@given(WEB_TEXT)
def test_mending_touches_only_marks_and_the_spaces_beside_them(words):
    mended, made = mend_text(words, 1)
    assert MARKS_AND_SPACES.sub("", mended) == MARKS_AND_SPACES.sub("", words)
    assert mend_text(mended, 1) == (mended, [])              # mending twice changes nothing more
    assert (mended == words) == (made == [])


def test_mend_keeps_bold_and_lists_each_mark():
    runs, made = mend((Run("政务服务实现“新提升”:", True), Run("深化改革,推进协同,(试点)...")), 7)
    assert runs == (Run("政务服务实现“新提升”：", True), Run("深化改革，推进协同，（试点）……"))
    assert made == [Change(7, ":", "：", "ASCII ':' in Chinese text made full-width"),
                    Change(7, ",", "，", "ASCII ',' in Chinese text made full-width"),
                    Change(7, ",", "，", "ASCII ',' in Chinese text made full-width"),
                    Change(7, "(", "（", "ASCII '(' in Chinese text made full-width"),
                    Change(7, ")", "）", "ASCII ')' in Chinese text made full-width"),
                    Change(7, "...", "……", "dots made an ellipsis (……)")]
    assert web_artefacts("共1,000件") == []
    assert apply((Run("ab", True), Run("cd")), []) == (Run("ab", True), Run("cd"))


@pytest.mark.parametrize("line, kept", [
    ("时间:2024-03-29 14:33 字体大小:放大 正常 缩小", "时间:2024-03-29 14:33"),
    ("来源：新吴区司法局 发布时间：2024-03-29 浏览次数：123", "来源：新吴区司法局 发布时间：2024-03-29"),
    ("字体大小：放大 正常 缩小", ""),
    ("【字体：大 中 小】【打印】【关闭】", ""),
    ("打印 关闭", ""),
    ("[打印本页] | [关闭窗口]", ""),
    ("点击率：1234", ""),
    ("分享到：微信 微博 QQ空间", ""),
    ("扫一扫在手机打开当前页", ""),
    ("上一篇：关于做好2024年普法工作的通知", ""),
    ("相关链接", ""),
    ("版权所有：某某区人民政府 网站标识码：3202140001 苏ICP备12345678号", ""),
    ("正文最后一句。【打印】", "正文最后一句。"),
    # a sentence is never chrome
    ("各单位要及时打印", "各单位要及时打印"),
    ("群众扫一扫二维码即可在线办理业务。", "群众扫一扫二维码即可在线办理业务。"),
    ("  扫一扫二维码，即可在线办理。", "  扫一扫二维码，即可在线办理。"),
    ("下一篇文章将介绍具体做法。", "下一篇文章将介绍具体做法。"),
])
def test_chrome(line, kept):
    edit = chrome_at_end(line)
    assert (line[:edit.start] if edit else line) == kept
    assert edit is None or (edit.end == len(line) and edit.after == "")


# --- the 信息公开 header --------------------------------------------------------------------

def test_header_lines():
    assert pairs_in_line("信息索引号 014032126/2024-00580 生成日期 2024-03-29 公开日期 2024-03-29") == [
        ("信息索引号", "014032126/2024-00580"), ("生成日期", "2024-03-29"), ("公开日期", "2024-03-29")]
    assert pairs_in_line("效力状况 有效 附件下载 —\xa0\xa0—") == [("效力状况", "有效"), ("附件下载", "—\xa0\xa0—")]
    assert pairs_in_line("来源：新吴区司法局发布时间：2024-03-29 09:00") == [
        ("来源", "新吴区司法局"), ("发布时间", "2024-03-29 09:00")]
    assert pairs_in_line("内容概述 时间紧 来源广：都在概述里") == [("内容概述", "时间紧 来源广：都在概述里")]
    for not_header in ("标题", "时间紧、任务重", "今年以来，来源：略", "主要做法："):
        assert pairs_in_line(not_header) is None, not_header


def test_header_cells():
    cells = ["索 引 号：", "11320214MB1234567X/2024-00012", "主题分类：", "司法",
             "发文字号：", "", "信息类别：", "报告", "发布机构：", "某某区司法局"]
    assert pairs_in_cells(cells) == [("索引号", "11320214MB1234567X/2024-00012"), ("主题分类", "司法"),
                                     ("发文字号", ""), ("信息类别", "报告"), ("发布机构", "某某区司法局")]
    assert pairs_in_cells(["索引号：001", "成文日期：2024-03-20"]) == [("索引号", "001"), ("成文日期", "2024-03-20")]
    assert pairs_in_cells(["项目", "2022年", "2023年", "行政复议", "180", "220"]) is None
    assert pairs_in_cells(["索引号", "001"]) is None          # one pair: a table of the report


def test_split_header_takes_the_run_after_the_title_only():
    def line(where: int, words: str) -> Block:
        return Block(where, (Run(words),))
    blocks = [line(1, "某某县2023年法治政府建设情况报告"), line(2, "索引号：001 发文字号：无"),
              Block(3, rows=(("主题分类", "司法", "成文日期", "2024-03-20"),)),
              line(4, "公开方式"), line(5, "主动公开"),
              line(6, "今年以来，我县扎实推进法治建设。"), line(7, "来源：县司法局")]
    header = split_header(blocks)
    assert header.pairs == (("索引号", "001"), ("发文字号", ""), ("主题分类", "司法"), ("成文日期", "2024-03-20"),
                            ("公开方式", "主动公开"))
    assert [b.where for b in header.blocks] == [1, 6, 7]        # 来源 after the text is text
    assert header.changes == (Change(2, "无", "", "发文字号: a dash or 无 means none: the value is empty"),)
    late = split_header([line(n, f"第{n}段。") for n in range(1, 5)] + [line(5, "来源：县司法局")])
    assert late.pairs == () and len(late.blocks) == 5


# --- text files ----------------------------------------------------------------------------

def test_wrapped_text_with_a_source_line_and_full_width_indents():
    """Every line broken at 30 characters, paragraphs indented with two full-width spaces and
    no blank line between them, the 来源 + 发布时间 header with the page's click count."""
    source = read_text(IMPORT / "wrapped-source-line.txt")
    assert source.metadata == (("来源", "某某县市场监督管理局"), ("发布时间", "2024-02-18 09:30"))
    assert [(b.where, b.text) for b in source.blocks] == [
        (1, "某某县市场监督管理局2023年法治政府建设情况报告"),
        (4, "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，"
            "全面推进严格规范公正文明执法，法治政府建设各项工作取得新成效。现将有关情况报告如下："),
        (7, "一、主要举措及成效"),
        (8, "（一）健全依法决策机制。严格落实重大行政决策程序规定，全年开展合法性审查45件，提出修改意见120条，"
            "审查率达100%。"),
        (11, "（二）推进“双随机、一公开”监管。依托国家企业信用信息公示系统（www.gsxt.gov.cn）开展抽查1,280户次，"
             "发现问题——全部整改到位；对轻微违法行为依法不予处罚37件……"),
        (15, "二、存在的不足和下一步打算"),
        (16, "一是执法人员专业能力还需提升；二是基层执法力量相对不足。下一步，我局将持续深化“放管服”改革，"
             "推动法治政府建设再上新台阶！"),
        (19, "2024年2月18日")]
    assert Change(2, "浏览次数：356", "", "site chrome dropped") in source.changes
    assert [c.where for c in source.changes if c.why == "line break inside a paragraph joined"] == [
        4, 5, 8, 9, 11, 12, 13, 16, 17]
    assert [c.where for c in source.changes if c.why == "indent (2 full-width spaces) removed"] == [4, 7, 8, 11, 15, 16]
    raw = (IMPORT / "wrapped-source-line.txt").read_text(encoding="utf-8")
    chrome = sum(len(HANZI.findall(c.before)) for c in source.changes if c.why == "site chrome dropped")
    header = sum(len(HANZI.findall(label + value)) for label, value in source.metadata)
    assert len(HANZI.findall(raw)) == sum(len(HANZI.findall(t)) for t in texts(source)) + header + chrome


def test_unwrapped_lines_break_at_sentences_and_headings(tmp_path):
    """No wrap width (lines of every length): a line runs on unless it ends a sentence or is a
    heading; an indent or a marker starts a paragraph; Latin words meet with a space."""
    path = tmp_path / "copy.txt"
    path.write_text("一、总体情况\n我局认真落实上级部署，\n扎实推进依法行政。\n（一）加强学习\n"
                    "组织干部学习\nthe rule of\nlaw 专题课程。\n\u3000\u3000二是强化监督。\n", encoding="utf-8")
    assert [(b.where, b.text) for b in read_text(path).blocks] == [
        (1, "一、总体情况"), (2, "我局认真落实上级部署，扎实推进依法行政。"), (4, "（一）加强学习"),
        (5, "组织干部学习the rule of law 专题课程。"), (8, "二是强化监督。")]


@pytest.mark.parametrize("encoding, why", [
    ("gbk", 'the file is not UTF-8: read as GB18030 (GBK, what Chinese Windows saves as "ANSI")'),
    ("gb18030", 'the file is not UTF-8: read as GB18030 (GBK, what Chinese Windows saves as "ANSI")'),
    ("utf-16", 'read as UTF-16, as the file\'s byte-order mark says (Windows Notepad\'s "Unicode")'),
    ("utf-8-sig", None),
    ("utf-8", None),
])
def test_text_encodings(tmp_path, encoding, why):
    path = tmp_path / "report.txt"
    path.write_bytes("某某局2023年报告\r\n\r\n  全年办件3.6万件,同比增长12%。\r\n".encode(encoding))
    source = read_text(path)
    assert [(b.where, b.text) for b in source.blocks] == [
        (1, "某某局2023年报告"), (3, "全年办件3.6万件，同比增长12%。")]
    assert (Change(1, "", "", why) in source.changes) == (why is not None)
    assert all(c.why != why or c.where == 1 for c in source.changes)


@pytest.mark.parametrize("content", [b"", b"\r\n \n\t\n", "\u3000\n字体大小：放大 正常 缩小\n".encode()])
def test_text_without_text(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert error_of(read_text, path) == (1, 1, "the file holds no text to import")


def test_text_neither_utf8_nor_gbk_is_a_located_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("第一行\n第二行".encode() + b"\x80\xff\n")
    assert error_of(read_text, path) == (
        2, 10, "the text is neither UTF-8 nor GB18030 (GBK): byte 0x80 cannot be read; save the file as UTF-8")


# --- web pages -----------------------------------------------------------------------------

CHROME_WORDS = ("首页", "政务公开", "搜索", "当前位置", "字体", "放大", "缩小", "打印", "关闭", "分享到", "微信",
                "版权所有", "网站标识码", "ICP", "不要读我", "请输入")

PAGE = """\
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>某某区司法局2023年法治政府建设情况报告 - 某某区人民政府</title>
<style>.zoom p { line-height: 2; }</style>
<script>var 统计 = "不要读我";</script>
</head>
<body>
<div class="header"><a href="/"><img src="logo.png" alt="某某区人民政府"></a>
<div class="search"><form action="/s"><input name="q" value="请输入关键词"><button>搜索</button></form></div></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a>互动交流</a></li></ul></nav>
<div class="main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a> &gt; 法治政府建设年度报告</div>
<table class="xxgk-meta">
<tr><td>索 引 号：</td><td>11320214MB1234567X/2024-00012</td><td>主题分类：</td><td>司法</td></tr>
<tr><td>发文字号：</td><td>—</td><td>成文日期：</td><td>2024-03-20</td></tr>
<tr><td>发布机构：</td><td colspan="3">某某区司法局</td></tr>
</table>
<h1 class="title">某某区司法局2023年法治政府建设情况报告</h1>
<div class="tools">字体大小：<a>放大</a> <a>正常</a> <a>缩小</a> <a>打印</a> <a>关闭</a></div>
<div class="zoom" id="zoom">
<p style="text-indent:2em">&nbsp;&nbsp;2023年,区司法局坚持以习近平新时代中国特色社会主义思想为指导,
全面推进依法行政。</p>
<p><strong>一、主要举措和成效</strong></p>
<p><strong>（一）规范行政执法。</strong>开展执法案卷评查(共评查案卷152卷),整改问题--全部到位。</p>
<p>全年办理事项如下表...</p>
<table border="1">
<thead><tr><th>项目</th><th>2022年</th><th>2023年</th></tr></thead>
<tbody>
<tr><td>行政复议(件)</td><td>180</td><td>220</td></tr>
<tr><td colspan="2">合计</td><td>1,000</td></tr>
</tbody>
</table>
<p>二、存在的不足<br>一是学法不够深入;<br/>二是宣传覆盖面不宽。</p>
<p style="text-align:right">某某区司法局</p>
<p align="right">2024年3月20日</p>
<p><span style="font-weight:bold">联系电话:</span>0510-12345678,邮箱:sfj@example.gov.cn</p>
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="page-tools">【打印】【关闭】</div>
</div>
<div class="footer">版权所有：某某区人民政府 网站标识码：3202140001 <a>苏ICP备12345678号</a></div>
</body>
</html>
"""


def test_page_with_chrome_declared_gb2312(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    source = read_html(path)
    assert source.kind == "html"
    assert source.metadata == (("索引号", "11320214MB1234567X/2024-00012"), ("主题分类", "司法"), ("发文字号", ""),
                               ("成文日期", "2024-03-20"), ("发布机构", "某某区司法局"))
    assert source.blocks == (
        Block(20, (Run("某某区司法局2023年法治政府建设情况报告"),)),
        Block(23, (Run("2023年，区司法局坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政。"),)),
        Block(25, (Run("一、主要举措和成效", True),)),
        Block(26, (Run("（一）规范行政执法。", True),
                   Run("开展执法案卷评查（共评查案卷152卷），整改问题——全部到位。"))),
        Block(27, (Run("全年办理事项如下表……"),)),
        Block(28, rows=(("项目", "2022年", "2023年"), ("行政复议（件）", "180", "220"), ("合计", "", "1,000"))),
        Block(35, (Run("二、存在的不足"),)),
        Block(35, (Run("一是学法不够深入；"),)),
        Block(35, (Run("二是宣传覆盖面不宽。"),)),
        Block(36, (Run("某某区司法局"),), align="right"),
        Block(37, (Run("2024年3月20日"),), align="right"),
        Block(38, (Run("联系电话：", True), Run("0510-12345678，邮箱：sfj@example.gov.cn"))),
    )
    assert not any(word in block.text or word in str(block.rows) for block in source.blocks for word in CHROME_WORDS)
    assert source.changes[:3] == (
        Change(1, "", "", "read as GB18030, the encoding the page declares (gb2312)"),
        Change(12, "首页 政务公开 互动交流 当前位置：首页 > 信息公开 > 法治政府建设年度报告…", "",
               "page text before the article dropped (5 lines: site header, navigation, footer)"),
        Change(15, "—", "", "发文字号: a dash or 无 means none: the value is empty"))
    assert source.changes[-1] == Change(
        40, "分享到：微信 微博 【打印】【关闭】 版权所有：某某区人民政府 网站标识码：32…", "",
        "page text after the article dropped (3 lines: site header, navigation, footer)")
    assert Change(23, "\xa0\xa0", "", "indent (2 no-break spaces) removed") in source.changes


@pytest.mark.parametrize("declaration, encoding, why", [
    ('<meta charset="GBK">', "gbk", "read as GB18030, the encoding the page declares (GBK)"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "utf-8",
     "the page declares gb2312, but its bytes are UTF-8: read as UTF-8"),
    ("", "gbk", 'the file is not UTF-8: read as GB18030 (GBK, what Chinese Windows saves as "ANSI")'),
    ('<meta charset="utf-8">', "utf-8", None),
])
def test_page_encodings(tmp_path, declaration, encoding, why):
    path = tmp_path / "p.html"
    path.write_bytes(f"<html><head>{declaration}</head><body><div><p>办件量为3.6万件,同比增长12%。</p></div>"
                     "</body></html>".encode(encoding))
    source = read_html(path)
    assert texts(source) == ["办件量为3.6万件，同比增长12%。"]
    assert [c for c in source.changes if "read as" in c.why] == ([Change(1, "", "", why)] if why else [])


PLAIN_PAGE = """\
<html><head><meta charset="utf-8"><title>关于2023年度法治政府建设情况的报告_某某镇人民政府</title></head>
<body>
<table width="980"><tr>
<td class="c1" width="200"><a href="/a">机构概况</a><br><a href="/b">政策文件</a><br><a href="/c">办事指南</a></td>
<td class="c2">
<dl class="x9"><dt>索引号：</dt><dd>000000000/2024-00001</dd><dt>公开方式：</dt><dd>主动公开</dd></dl>
<div class="t3">关于2023年度法治政府建设情况的报告</div>
<div class="t4">来源：某某镇人民政府　发布时间：2024-01-31　点击数：88</div>
<div>　　今年以来,我镇认真贯彻落实上级部署,扎实推进法治政府建设。</div>
<div>　　一是加强组织领导;二是强化执法监督。</div>
<div style="TEXT-ALIGN: center"><b>附件</b></div>
<div>打印本页 关闭窗口</div>
</td></tr></table>
<div class="b1">主办单位：某某镇人民政府　地址：某某路1号</div>
</body></html>
"""


def test_page_laid_out_in_a_table_with_no_names_to_go_by(tmp_path):
    """An old site: a layout table, class names that say nothing, the header as a definition
    list and a 来源 line, <div> paragraphs indented with full-width spaces."""
    path = tmp_path / "old.htm"
    path.write_text(PLAIN_PAGE, encoding="utf-8")
    source = read_html(path)
    assert source.metadata == (("索引号", "000000000/2024-00001"), ("公开方式", "主动公开"),
                               ("来源", "某某镇人民政府"), ("发布时间", "2024-01-31"))
    assert source.blocks == (
        Block(7, (Run("关于2023年度法治政府建设情况的报告"),)),
        Block(9, (Run("今年以来，我镇认真贯彻落实上级部署，扎实推进法治政府建设。"),)),
        Block(10, (Run("一是加强组织领导；二是强化执法监督。"),)),
        Block(11, (Run("附件", True),), align="center"))
    assert [c for c in source.changes if "chrome" in c.why or "dropped" in c.why] == [
        Change(4, "机构概况 政策文件 办事指南", "", "page text before the article dropped (3 lines: site header, "
                                             "navigation, footer)"),
        Change(8, "点击数：88", "", "site chrome dropped"),
        Change(12, "打印本页 关闭窗口", "", "site chrome dropped"),
        Change(14, "主办单位：某某镇人民政府\u3000地址：某某路1号", "",
               "page text after the article dropped (1 line: site header, navigation, footer)")]


def test_title_from_the_title_element_when_the_page_has_no_heading(tmp_path):
    path = tmp_path / "t.html"
    path.write_text("<html><head><title>某某局2023年法治政府建设情况报告 | 某某市人民政府门户网站</title></head>\n"
                    "<body><div><p>正文第一段。</p><p>正文第二段。</p></div></body></html>", encoding="utf-8")
    source = read_html(path)
    assert texts(source) == ["某某局2023年法治政府建设情况报告", "正文第一段。", "正文第二段。"]
    assert Change(1, "", "某某局2023年法治政府建设情况报告",
                  "title taken from the page's <title>, the site's name cut") in source.changes


def seed_as_page(seed_text: str) -> str:
    """The seed as its disclosure page shows it: chrome, the title, the header lines, the
    paragraphs each a <p> indented with no-break spaces."""
    lines = [html.escape(line) for line in seed_text.split("\n")]
    header = "".join(f"<div class=\"info\">{line}</div>\n" for line in lines[2:8] if line)
    body = "".join(f"<p>{line.replace('  ', '&nbsp;&nbsp;', 1)}</p>\n" for line in lines[8:] if line.strip())
    return (f"<html><head><meta charset=\"utf-8\"><title>{lines[0]} - 无锡市新吴区人民政府</title></head><body>\n"
            "<div id=\"nav\"><a href=\"/\">首页</a> <a href=\"/xxgk\">信息公开</a></div>\n"
            f"<div class=\"detail\"><h1>{lines[0]}</h1>\n{header}<div class=\"article\">\n{body}</div>\n"
            "<div>【打印】【关闭】</div></div>\n"
            "<div class=\"foot\">版权所有：无锡市新吴区人民政府</div></body></html>\n")


def test_the_seed_as_a_page_reads_as_the_text_does(tmp_path, seed):
    path = tmp_path / "seed.html"
    path.write_text(seed_as_page(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    page = read_html(path)
    assert texts(page) == texts(seed)
    assert page.metadata == seed.metadata
    assert all(len(b.runs) == 1 and not b.runs[0].bold for b in page.blocks)


# --- hostile files: clean errors or clean reads --------------------------------------------

@pytest.mark.parametrize("reader, name, what", [
    (read_html, "photo.html", "web page"), (read_text, "x.txt", "text file")])
def test_binary_file_is_refused(tmp_path, reader, name, what):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert error_of(reader, path) == (1, 1, f"not a {what}: the file holds binary data (a NUL byte at byte 9); "
                                            "save the page as a web page (.html) or the text as plain text (.txt)")


def test_file_over_the_limit_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.html"
    with path.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)      # sparse: 100 MB that take no disk
    assert error_of(read_html, path) == (1, 1, "the file is 104857600 bytes; a web page larger than 8 MB is not read")
    small = tmp_path / "big.txt"
    small.write_text("正文。\n" * 200_000, encoding="utf-8")
    assert error_of(read_text, small) == (1, 1, "the file is 2000000 bytes; a text file larger than 512 KB is not read")
    monkeypatch.setattr(html_reader, "MAX_PAGE_TEXT_CHARS", 1000)
    page = tmp_path / "long.html"
    page.write_text("<html><body><p>" + "正文，" * 400 + "</p></body></html>", encoding="utf-8")
    assert error_of(read_html, page) == (1, 1, "the page shows 1200 characters of text; more than 1000 is no report")


def test_not_a_file(tmp_path):
    assert error_of(read_text, tmp_path) == (1, 1, "not a text file: no regular file is there")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.html"
        os.mkfifo(fifo)                         # opening it would wait for a writer forever
        assert error_of(read_html, fifo) == (1, 1, "not a web page: no regular file is there")


def test_entities_are_never_expanded_nor_fetched(tmp_path):
    path = tmp_path / "xxe.html"
    path.write_text('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY big "啊啊啊啊">]>\n'
                    '<html><body><div><p>报告正文&xxe;与&big;结束。</p>'
                    '<p><img src="http://example.invalid/x.png" alt="图表"></p></div></body></html>', encoding="utf-8")
    source = read_html(path)
    assert texts(source) == ["报告正文&xxe；与&big；结束。"]     # as the page shows it, ; mended
    assert not any("root:" in t or "啊" in t for t in texts(source))
    assert Change(2, "[图表]", "", "an image in the article is not imported (a chart or scan: add it by hand)") \
        in source.changes


def test_deep_nesting_is_a_located_error(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>\n" + "<div>" * 100_000 + "正文" + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")
    line, column, message = error_of(read_html, path)
    assert (line, message.split(":")[0]) == (2, "the page is nested too deep or too large to read safely")
    assert "256" in message and column > 1


def test_table_spans_are_bounded(tmp_path):
    path = tmp_path / "spans.html"
    rows = "<tr><td colspan=\"999999\">甲</td><td rowspan=\"999999\">乙</td></tr>\n" * 200
    path.write_text(f"<html><body><div><p>{'正文' * 200}</p>\n<table>\n{rows}</table></div></body></html>",
                    encoding="utf-8")
    assert error_of(read_html, path) == (2, 1, "a table of more than 100000 cells is no report's table")


def test_spanned_cells_leave_empty_places(tmp_path):
    path = tmp_path / "t.html"
    path.write_text("<html><body><div><p>正文正文正文正文正文正文。</p><table>"
                    "<tr><th rowspan=\"2\">单位</th><th colspan=\"2\">办件</th></tr>"
                    "<tr><th>2022年</th><th>2023年</th></tr>"
                    "<tr><td>区司法局</td><td>10</td><td>12</td></tr></table></div></body></html>", encoding="utf-8")
    [table] = [b for b in read_html(path).blocks if b.is_table]
    assert table.rows == (("单位", "办件", ""), ("", "2022年", "2023年"), ("区司法局", "10", "12"))


@pytest.mark.parametrize("content, message", [
    (b"", "the page holds no text"),
    (b"<html><body><script>document.write('\xe6\xad\xa3\xe6\x96\x87')</script></body></html>",
     "the page shows no text to import (a page drawn by scripts must be saved from the browser after it has "
     "loaded, or copied as text)"),
])
def test_page_without_text(tmp_path, content, message):
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    assert error_of(read_html, path) == (1, 1, message)


def test_element_count_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_PAGE_ELEMENTS", 50)
    path = tmp_path / "many.html"
    path.write_text("<html><body>" + "<p>正文。</p>" * 60 + "</body></html>", encoding="utf-8")
    assert error_of(read_html, path) == (1, 1, "the page has 62 elements; more than 50 is no disclosure page")


def test_article_named_like_one_when_its_text_is_no_majority(tmp_path):
    """A short article beside more plain text than it holds: the text alone points at no
    part; the element named like an article (TRS_Editor) is taken."""
    path = tmp_path / "short.html"
    path.write_text(
        "<html><body><div class=\"w\">\n"
        "<div class=\"side\">栏目说明：本栏目发布本局法治政府建设年度报告及依法行政通知公告和工作动态。</div>\n"
        "<div class=\"TRS_Editor\"><p>今年以来，我局扎实推进依法行政，各项工作取得成效。</p>\n"
        "<p>下一步将继续强化执法监督。</p></div>\n"
        "<div class=\"note\">温馨提示：本页面内容仅供参考，以正式文件为准。</div>\n"
        "</div></body></html>", encoding="utf-8")
    assert [(b.where, b.text) for b in read_html(path).blocks] == [
        (3, "今年以来，我局扎实推进依法行政，各项工作取得成效。"), (4, "下一步将继续强化执法监督。")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300),
                 st.lists(st.sampled_from([*"<>/=\"'& \n中文,.:", "<p>", "<br>", "<td colspan=9>", "<tr>", "</td>",
                                           "<table>", "<dt>", "索引号：", "打印", "<h1>"]),
                          max_size=60).map(lambda parts: "".join(parts).encode())))
def test_any_bytes_read_cleanly_or_fail_located(tmp_path, data):
    """Whatever a mailed file holds: a Source, or located errors; never a traceback."""
    for name, reader in (("any.html", read_html), ("any.txt", read_text)):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            source = reader(path)
        except ContentErrors as errors:
            assert all(error.where.file == path and error.where.line >= 1 for error in errors.errors)
        else:
            assert all(block.text or block.rows for block in source.blocks)
