"""The way out of the importer: report.yaml written for people, `docgen import`, and
`docgen build SOURCE.docx|.html|.txt` importing on the fly.

The readers and the recogniser have tests of their own; here a small fake reader and
recogniser stand in for them (put in the importer's dispatch table), so that what is
tested is the writing, the checks and the commands: the YAML round-trips through
docgen's loader, quoting only where needed, comments at the fields decided, an existing
folder never touched, a failure writing nothing, a build named after its source.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen.importing as importing
from docgen.cli import main
from docgen.content.load import MAX_NAME_BYTES, load_report
from docgen.content.model import Location, Paragraph, Table
from docgen.content.yamltree import parse
from docgen.errors import ContentError, ContentErrors
from docgen.importing import folder_name
from docgen.importing.imported import Decision, Imported
from docgen.importing.source import Block, Change, Run, Source
from docgen.importing.summary import change_lines
from docgen.importing.yaml_out import content_yaml
from docx_xml import NS, part

HEADING = re.compile(r"^[一二三四五六七八九十]+、")

SOURCE_TEXT = """无锡市示例区人民政府2023年法治政府建设情况报告
市人民政府：
2023年,示例区坚持依法行政,法治政府建设取得新成效。现将有关情况报告如下。
一、主要举措和成效
政务服务实现新提升。全区办件总量为3.6万件,列全市前列。
二、存在的不足和原因
法治宣传的针对性还不够强。
三、下一年度的主要安排
持续深化法治政府示范创建。
无锡市示例区人民政府
2024年3月29日
"""


# -- a fake reader and recogniser, in the shapes of the real ones ---------------------------

def fake_read(path: Path) -> Source:
    """Each line of the text a paragraph; ASCII commas between hanzi mended, as a reader does."""
    blocks, changes = [], []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        changes += [Change(number, ",", "，", "ASCII punctuation between hanzi")] * line.count(",")
        mended = line.replace(",", "，")
        lead, rest = mended.split("。", 1) if mended.startswith("政务服务") else ("", mended)
        runs = (Run(lead + "。", bold=True), Run(rest)) if lead else (Run(rest),)
        blocks.append(Block(number, runs))
    return Source(Path(path), "txt", tuple(blocks), tuple(changes))


def fake_recognise(source: Source) -> Imported:
    """The first block the title, the second the addressee, the third the preamble; 一、 lines
    headings with the paragraph after them; the last two the signature and the date."""
    blocks = source.blocks
    decisions = [Decision(blocks[0].where, "title", "the title: the first line"),
                 Decision(blocks[1].where, "addressee", "the addressee: a line ending in ：")]
    sections: list[dict] = []
    roles = {"举措": "measures", "不足": "shortcomings", "安排": "next_year"}
    for block in blocks[3:-2]:
        if HEADING.match(block.text):
            role = next((r for word, r in roles.items() if word in block.text), "thematic")
            field = f"sections[{len(sections)}]"
            decisions += [Decision(block.where, f"{field}.title", "a level-1 heading (一、)"),
                          Decision(block.where, f"{field}.role", f"role {role}: its title")]
            sections.append({"role": role, "title": HEADING.sub("", block.text), "paragraphs": []})
        elif len(block.runs) > 1 and block.runs[0].bold:
            field = f"sections[{len(sections) - 1}].paragraphs[{len(sections[-1]['paragraphs'])}]"
            decisions.append(Decision(block.where, f"{field}.lead", "a lead: the bold sentence it begins with"))
            sections[-1]["paragraphs"].append({"lead": block.runs[0].text, "text": block.runs[1].text})
        else:
            sections[-1]["paragraphs"].append(block.text)
    date = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", blocks[-1].text)
    assert date is not None
    content = {"kind": "annual-report", "year": int(date[1]) - 1, "issuer": blocks[-2].text,
               "title": blocks[0].text, "date": f"{date[1]}-{int(date[2]):02d}-{int(date[3]):02d}",
               "signature": blocks[-2].text, "addressee": blocks[1].text, "preamble": [blocks[2].text],
               "sections": sections}
    return Imported(content, tuple(decisions), (), source.changes)


@pytest.fixture
def fakes(monkeypatch):
    """The fake reader for .txt, the fake recogniser; returns the calls made to the reader."""
    calls: list[Path] = []

    def read(path):
        calls.append(Path(path))
        return fake_read(path)
    monkeypatch.setitem(importing.READERS, ".txt", read)
    monkeypatch.setattr(importing, "RECOGNISE", fake_recognise)
    return calls


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working folder with the source in it (as a clerk saves a mailed file), as the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "示例区 2023 报告.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return tmp_path


def docgen(*args: str):
    return CliRunner().invoke(main, list(args))


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def minimal(**fields) -> dict:
    content = {"kind": "annual-report", "year": 2023, "issuer": "示例区人民政府", "date": "2024-03-29",
               "signature": "示例区人民政府", "preamble": ["现将有关情况报告如下。"],
               "sections": [{"role": "thematic", "title": "主要工作", "paragraphs": ["全年办结案件12件。"]}]}
    content.update(fields)
    return content


def written(content: dict, tmp_path: Path, decisions=(), name="report") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "report.yaml").write_text(content_yaml(Imported(content, tuple(decisions)), "来文.docx"),
                                        encoding="utf-8")
    return folder


# -- the YAML ------------------------------------------------------------------------------

TRICKY = [
    "{{ metrics.cases }}件，同比增长。",            # a template at the start
    "市人民政府：",                                 # ends with a full-width colon
    "第一项 #2 与第二项",                            # ' #' would start a comment
    "一是加强领导 - 二是狠抓落实",                   # ' - ' inside
    "- 以连字符开头的一句",                          # would be a list item
    "含\t制表符的一句",
    "**强化组织领导**，狠抓落实。",                  # bold span at the start: '*' is an alias
    "项目: 说明",                                   # a colon-space
    "“引号”开头和'单引号'",
    "长" * 3000 + "。",                              # a very long line
    "{{ year }}年，" + "在市委、市政府的正确领导下，" * 20,
    "2023",
    "2024-03-29",
    "true",
    "null",
]


def test_every_text_comes_back_exactly_through_docgens_loader(tmp_path):
    paragraphs = [text for text in TRICKY if not text.startswith("{{ metrics")]
    content = minimal(
        addressee="市人民政府：",
        preamble=paragraphs,
        metrics={"cases": {"label": "办结案件", "value": "12件"}},
        sections=[{"role": "measures", "title": "优化法治环境: 经济社会发展 #1", "sections": [
            {"title": "**推进**政务服务标准化。", "run_in": True, "paragraphs": [
                {"lead": "政务服务实现“新提升”。", "text": TRICKY[0]},
                {"table": {"title": "{{ year }}年情况", "header": ["项目", "2023年", "a, b"],
                           "rows": [["收案", "156件", "#1"], {"cells": ["{{ year }}", "- 1", "x: y"],
                                                              "highlight": True}]}}]}]}],
        publication=[{"信息索引号": "014032126/2024-00580"}, {"生成日期": "2024-03-29"}])
    folder = written(content, tmp_path)
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    data, problems = parse(text)
    assert problems == [] and data == content                  # the YAML's values, exactly
    report = load_report(folder)                               # and the model docgen builds from it
    assert [p.text for p in report.preamble] == paragraphs
    assert report.addressee == "市人民政府："
    [measures] = report.sections
    assert measures.title == "优化法治环境: 经济社会发展 #1"
    [sub] = measures.sections
    assert sub.title == "**推进**政务服务标准化。" and sub.run_in
    paragraph, table = sub.paragraphs
    assert isinstance(paragraph, Paragraph) and paragraph.lead == "政务服务实现“新提升”。"
    assert paragraph.text == TRICKY[0]
    assert isinstance(table, Table) and table.header == ("项目", "2023年", "a, b")
    assert [row.cells for row in table.rows] == [("收案", "156件", "#1"), ("{{ year }}", "- 1", "x: y")]
    assert [(f.label, f.value) for f in report.publication] == [("信息索引号", "014032126/2024-00580"),
                                                                ("生成日期", "2024-03-29")]


def test_texts_with_outer_white_space_or_invisible_characters_are_kept_in_quotes(tmp_path):
    texts = [" 前面有空格的一句，" + "长" * 40, "后面有空格的一句。" + "长" * 40 + " ",
             "\u3000\u3000全角空格缩进的一句" + "长" * 40, "含零宽\ufeff字符" + "长" * 40, "行一\n行二"]
    text = content_yaml(Imported(minimal(preamble=texts)))
    data, problems = parse(text)
    assert problems == [] and data["preamble"] == texts
    assert "  - ' 前面有空格的一句，" in text and "\n  - \"含零宽\\uFEFF字符" in text
    assert "  - |-\n    行一\n    行二\n" in text                  # a line break: a literal block shows it


@pytest.mark.parametrize("value, line", [
    ("市人民政府：", "addressee: 市人民政府："),                  # plain: nothing in it is YAML
    ("无锡市新吴区人民政府", "addressee: 无锡市新吴区人民政府"),
    ("{{ issuer }}：", "addressee: '{{ issuer }}：'"),           # { starts a flow mapping
    ("*市政府：", "addressee: '*市政府：'"),                       # * an alias
    ("&市政府：", "addressee: '&市政府：'"),                       # & an anchor
    ("!市政府：", "addressee: '!市政府：'"),                       # ! a tag
    ("%市政府：", "addressee: '%市政府：'"),                       # % a directive
    ("@市政府：", "addressee: '@市政府：'"),                       # @ and ` are reserved
    ("`市政府`：", "addressee: '`市政府`：'"),
    ("#市政府：", "addressee: '#市政府：'"),                       # # a comment
    ("市政府 #1", "addressee: '市政府 #1'"),
    ("市政府#1", "addressee: 市政府#1"),                          # '#' not after a space: plain
    ("市政府: 办公室", "addressee: '市政府: 办公室'"),               # a colon-space starts a value
    ("市政府:办公室", "addressee: 市政府:办公室"),
    ("- 市政府", "addressee: '- 市政府'"),
    ("2023", "addressee: '2023'"),                              # would be a number
    ("3.6", "addressee: '3.6'"),
    ("1e3", "addressee: '1e3'"),
    ("true", "addressee: 'true'"),                              # would be true/false
    ("False", "addressee: 'False'"),
    ("null", "addressee: 'null'"),                              # would be nothing
    ("~", "addressee: '~'"),
    ("2024-03-29", "addressee: 2024-03-29"),                    # docgen reads a date as text: no quotes
    ("市政府'办公室", "addressee: 市政府'办公室"),
    ("'市政府'", "addressee: \"'市政府'\""),
])
def test_a_short_text_is_quoted_only_where_yaml_needs_it(value, line):
    text = content_yaml(Imported(minimal(addressee=value)))
    assert line in text.splitlines()
    data, problems = parse(text)
    assert problems == [] and data["addressee"] == value


def test_long_texts_are_literal_blocks_and_short_lists_flow(tmp_path):
    long = "2023年，" + "示例区坚持以习近平新时代中国特色社会主义思想为指导，" * 3 + "现将有关情况报告如下。"
    content = minimal(preamble=[long], signature=["甲单位", "乙单位"],
                      sections=[{"role": "thematic", "title": "主要工作", "paragraphs": [
                          {"lead": "政务服务实现“新提升”。", "text": long},
                          {"table": {"header": ["单位", "件数"], "rows": [["区发展改革局", "6件"]]}}]}])
    lines = content_yaml(Imported(content)).splitlines()
    assert lines[lines.index("preamble:") + 1:][:2] == ["  - |-", f"    {long}"]
    at = lines.index("  - role: thematic")
    assert lines[at:at + 12] == [
        "  - role: thematic",
        "    title: 主要工作",
        "    paragraphs:",
        "      - lead: 政务服务实现“新提升”。",
        "        text: |-",
        f"          {long}",
        "      - table:",
        "          header: [单位, 件数]",
        "          rows:",
        "            - [区发展改革局, 6件]",
    ] + lines[at + 10:at + 12]
    assert "signature: [甲单位, 乙单位]" in lines and "date: 2024-03-29" in lines
    assert "year: 2023" in lines


def test_each_judgement_call_stands_as_a_comment_above_its_field(tmp_path):
    content = minimal(title="示例区2023年法治政府建设情况报告", sections=[
        {"role": "measures", "title": "主要举措和成效", "sections": [
            {"title": "优化法治环境", "paragraphs": ["全年办结案件12件。"]},
            {"title": "强化制度保障", "paragraphs": [{"lead": "严格规范性文件管理。", "text": "健全审查方式。"}]}]}])
    decisions = [
        Decision(1, "title", "the title: the first line, centred, large"),
        Decision(4, "sections[0].role", "role measures: the title says 举措"),
        Decision(4, "sections[0].title", "a level-1 heading (一、)"),
        Decision(9, "sections[0].sections[1].title", "a level-2 heading (（二）)"),
        Decision(10, "sections[0].sections[1].paragraphs[0].lead", "a lead: the bold sentence it begins with"),
        Decision(10, "sections[0].sections[1].paragraphs[0].text", "the rest of the paragraph"),
        Decision(12, "sections[0].sections[1].paragraphs[0]", "joined with the line after it"),
        Decision(3, "sections[0].sections[0].paragraphs[0]", "a plain paragraph"),
        Decision(2, "sections[7].title", "a section the content does not have"),
        Decision(1, "", "the whole report: a Word file without styles"),
    ]
    folder = written(content, tmp_path, decisions)
    lines = (folder / "report.yaml").read_text(encoding="utf-8").splitlines()

    def above(line: str) -> list[str]:
        """The comment lines right above a line of the YAML."""
        at, comments = lines.index(line), []
        while lines[at - 1 - len(comments)].lstrip().startswith("#"):
            comments.insert(0, lines[at - 1 - len(comments)])
        return comments

    assert above("title: 示例区2023年法治政府建设情况报告") == [
        "# 来文.docx:1: the title: the first line, centred, large"]
    # The first key of a list item: above the item (a comment cannot stand between '-' and it).
    assert above("  - role: measures") == ["  # 来文.docx:4: role measures: the title says 举措"]
    assert above("    title: 主要举措和成效") == ["    # 来文.docx:4: a level-1 heading (一、)"]
    assert above("      - title: 强化制度保障") == ["      # 来文.docx:9: a level-2 heading (（二）)"]
    assert above("          - lead: 严格规范性文件管理。") == [
        "          # 来文.docx:10: a lead: the bold sentence it begins with",
        "          # 来文.docx:12: joined with the line after it"]
    assert above("            text: 健全审查方式。") == ["            # 来文.docx:10: the rest of the paragraph"]
    assert above("          - 全年办结案件12件。") == ["          # 来文.docx:3: a plain paragraph"]
    assert above("sections:") == ["# 来文.docx:2: a section the content does not have"]
    header = lines[:lines.index("kind: annual-report")]
    assert "#   来文.docx:1: the whole report: a Word file without styles" in header
    assert any("the 9 comment(s) `# 来文.docx:N: …` below" in line for line in header)
    load_report(folder)                                         # and it still loads


def test_a_comment_cannot_break_the_yaml(tmp_path):
    """Messages and file names come from the source: a line break or a control character in
    them must neither end a comment (the rest would be read as YAML) nor reach the file."""
    decisions = [Decision(3, "sections[0].title", "heading\nkind: evil\x07\u2028"),
                 Decision(4, "", "a\rb")]
    text = content_yaml(Imported(minimal(), tuple(decisions)), "来\n文.docx")
    data, problems = parse(text)
    assert problems == [] and data == minimal()
    assert "    # 来 文.docx:3: heading kind: evil\\u0007\\u2028" in text.splitlines()


def test_text_changes_are_grouped_by_kind_with_their_lines():
    changes = ([Change(5, ",", "，", "ASCII punctuation between hanzi")] * 3
               + [Change(3, ",", "，", "ASCII punctuation between hanzi")]
               + [Change(n, ":", "：", "ASCII punctuation between hanzi") for n in range(20, 32)]
               + [Change(2, "字体大小：放大 正常 缩小 打印本页 关闭窗口 点击率：1234", "", "site chrome")]
               + [Change(9, "\n", "", "a hard line break inside a paragraph")])
    assert change_lines("a.txt", changes) == [
        "a.txt:2: '字体大小：放大 正常 缩小 打印本页 关闭窗口 点击率：12…' → '' (site chrome)",
        "a.txt:3: ',' → '，' ×4 (ASCII punctuation between hanzi; also line 5)",
        "a.txt:9: '\\n' → '' (a hard line break inside a paragraph)",
        "a.txt:20: ':' → '：' ×12 (ASCII punctuation between hanzi; also lines 21, 22, 23, 24, 25, 26, 27, 28 "
        "and 3 more)",
    ]


@pytest.mark.parametrize("stem, name", [
    ("新吴区2023年法治政府建设情况报告", "新吴区2023年法治政府建设情况报告"),
    ("示例区 2023 报告（终稿）", "示例区-2023-报告-终稿"),
    ("report_v2.final", "report_v2.final"),
    (".hidden", "hidden"),
    ("-rf", "rf"),
    ("“报告”", "报告"),
    ("（）", "imported"),
])
def test_folder_names_are_made_safe(stem, name):
    assert folder_name(stem) == name


def test_a_long_name_is_cut_to_what_the_loader_takes():
    name = folder_name("法" * 100)
    assert name == "法" * (MAX_NAME_BYTES // 3) and len(name.encode()) <= MAX_NAME_BYTES


# -- docgen import -------------------------------------------------------------------------

def test_import_writes_a_content_folder_that_validates_and_prints_what_it_found(workdir, fakes):
    result = docgen("import", "示例区 2023 报告.txt")
    assert result.exit_code == 0, result.output
    folder = Path("content") / "示例区-2023-报告"
    source = "示例区 2023 报告.txt"
    assert result.stdout.splitlines() == [
        f"imported {source}:",
        "  title     无锡市示例区人民政府2023年法治政府建设情况报告",
        "  year      2023 · 成文日期 2024年3月29日 · signature 无锡市示例区人民政府",
        "  headings  一、 3",
        "  text      4 paragraphs (1 with a lead) · 0 bold spans · 0 tables · 0 attachments · 0 metrics",
        "judgement calls (9):",
        f"  {source}:1 → title: the title: the first line",
        f"  {source}:2 → addressee: the addressee: a line ending in ：",
        f"  {source}:4 → sections[0].title: a level-1 heading (一、)",
        f"  {source}:4 → sections[0].role: role measures: its title",
        f"  {source}:5 → sections[0].paragraphs[0].lead: a lead: the bold sentence it begins with",
        f"  {source}:6 → sections[1].title: a level-1 heading (一、)",
        f"  {source}:6 → sections[1].role: role shortcomings: its title",
        f"  {source}:8 → sections[2].title: a level-1 heading (一、)",
        f"  {source}:8 → sections[2].role: role next_year: its title",
        "text changes (3):",
        f"  {source}:3: ',' → '，' ×3 (ASCII punctuation between hanzi; also line 5)",
        "could not place: none",
        f"wrote {folder / 'report.yaml'}",
        f"next: check it (the comments mark each judgement call), then `docgen validate {folder}` "
        f"and `docgen build {folder}`",
    ]
    assert fakes == [Path(source)]
    assert [p.name for p in (workdir / folder).iterdir()] == ["report.yaml"]
    yaml = (workdir / folder / "report.yaml").read_text(encoding="utf-8")
    assert f"# {source}:5: a lead: the bold sentence it begins with\n" in yaml
    assert "      - lead: 政务服务实现新提升。\n        text: 全区办件总量为3.6万件，列全市前列。\n" in yaml
    validated = docgen("validate", str(folder))
    assert validated.exit_code == 0, validated.output
    assert "ok — 2023, 3 top-level sections, 0 metrics" in validated.output


def test_import_never_writes_into_an_existing_folder(workdir, fakes):
    existing = workdir / "content" / "mine"
    existing.mkdir(parents=True)
    (existing / "report.yaml").write_text("kind: annual-report\n", encoding="utf-8")
    (existing / "notes.txt").write_text("my notes", encoding="utf-8")
    before = fingerprint(workdir)
    result = docgen("import", "示例区 2023 报告.txt", "--out", "content/mine")
    assert result.exit_code == 1
    assert result.stderr == ("error: content/mine exists already; nothing was written (an import never writes "
                             "into an existing folder: choose another with --out, e.g. --out content/mine-2)\n"
                             "nothing was written.\n")
    assert fingerprint(workdir) == before and fakes == []      # not even read
    assert "Traceback" not in result.output


def test_import_refuses_the_default_folder_when_it_exists(workdir, fakes):
    assert docgen("import", "示例区 2023 报告.txt").exit_code == 0
    before = fingerprint(workdir)
    result = docgen("import", "示例区 2023 报告.txt")
    assert result.exit_code == 1
    assert "error: content/示例区-2023-报告 exists already" in result.stderr
    assert "--out content/示例区-2023-报告-2" in result.stderr
    assert fingerprint(workdir) == before


@pytest.mark.parametrize("name, message", [
    ("report.pdf", "report.pdf:1:1: a .pdf file: docgen imports a Word file (.docx), a saved web page "
                   "(.html, .htm) or text copied from one (.txt)"),
    ("report", "report:1:1: a file without an extension: docgen imports a Word file (.docx), a saved web page "
               "(.html, .htm) or text copied from one (.txt)"),
    ("missing.docx", "missing.docx:1:1: no such file; docgen imports a Word file (.docx), a saved web page "
                     "(.html, .htm) or text copied from one (.txt)"),
    ("folder.txt", "folder.txt:1:1: a folder; docgen imports a file: a Word file (.docx), a saved web page "
                   "(.html, .htm) or text copied from one (.txt)"),
])
def test_import_names_what_it_cannot_import(workdir, fakes, name, message):
    (workdir / "report.pdf").write_bytes(b"%PDF-1.7")
    (workdir / "report").write_text(SOURCE_TEXT, encoding="utf-8")
    (workdir / "folder.txt").mkdir()
    before = fingerprint(workdir)
    result = docgen("import", name)
    assert result.exit_code == 1
    assert result.stderr == f"{message}\n1 error(s); nothing was written.\n"
    assert fingerprint(workdir) == before and fakes == []


def test_a_source_the_reader_cannot_read_is_a_located_error(workdir, monkeypatch):
    def unreadable(path):
        raise ContentErrors([ContentError(Location(Path(path), 7, 3), "", "not a Word file (no word/document.xml)")])
    monkeypatch.setitem(importing.READERS, ".docx", unreadable)
    (workdir / "broken.docx").write_bytes(b"PK\x03\x04")
    result = docgen("import", "broken.docx")
    assert result.exit_code == 1
    assert result.stderr == ("broken.docx:7:3: not a Word file (no word/document.xml)\n"
                             "1 error(s); nothing was written.\n")
    assert not (workdir / "content").exists()


def test_content_docgen_cannot_read_back_is_called_a_bug_and_nothing_is_written(workdir, fakes, monkeypatch):
    def without_roles(source):
        imported = fake_recognise(source)
        for section in imported.content["sections"]:
            del section["role"]
        return imported
    monkeypatch.setattr(importing, "RECOGNISE", without_roles)
    result = docgen("import", "示例区 2023 报告.txt", "--out", "content/new/示例")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: docgen made content from 示例区 2023 报告.txt that it cannot read back "
                               "itself: a bug in docgen's importer, not a mistake in the source. Nothing was written.")
    yaml = content_yaml(without_roles(fake_read(workdir / "示例区 2023 报告.txt")), "示例区 2023 报告.txt").splitlines()
    first = yaml.index("  - title: 主要举措和成效") + 1
    assert lines[1] == (f"error:   content/new/示例/report.yaml:{first}:5: sections[0].role: missing: a top-level "
                        "section needs a role (measures, responsibility, shortcomings, next_year, other, thematic)")
    assert len(lines) == 5 and lines[-1] == "nothing was written."
    assert sorted(p.name for p in workdir.iterdir()) == ["示例区 2023 报告.txt"]   # not even content/


def test_import_metrics_proposes_them(workdir, fakes, monkeypatch):
    def propose(imported):
        content = dict(imported.content)
        content["metrics"] = {"m01_cases": {"label": "全区办件总量", "value": "3.6万件"}}
        paragraph = content["sections"][0]["paragraphs"][0]
        paragraph["text"] = paragraph["text"].replace("3.6万件", "{{ metrics.m01_cases }}")
        return Imported(content, imported.decisions + (Decision(5, "metrics.m01_cases", "a figure: 3.6万件"),),
                        imported.unplaced, imported.changes)
    monkeypatch.setattr(importing, "PROPOSE_METRICS", propose)
    plain = docgen("import", "示例区 2023 报告.txt", "--out", "content/plain")
    assert plain.exit_code == 0 and "· 0 metrics" in plain.stdout
    result = docgen("import", "示例区 2023 报告.txt", "--metrics", "--out", "content/figures")
    assert result.exit_code == 0, result.output
    assert "· 1 metrics" in result.stdout
    assert "  示例区 2023 报告.txt:5 → metrics.m01_cases: a figure: 3.6万件" in result.stdout.splitlines()
    report = load_report(workdir / "content" / "figures")
    assert report.metrics["m01_cases"].label == "全区办件总量"
    assert "{{ metrics.m01_cases }}" in report.sections[0].paragraphs[0].text


def test_import_and_build_explain_themselves():
    for command in ("import", "build"):
        result = CliRunner().invoke(main, [command, "--help"], prog_name="docgen")
        assert result.exit_code == 0
        assert ".docx" in result.output and ".txt" in result.output
    assert "--metrics" in CliRunner().invoke(main, ["import", "--help"]).output
    assert "import" in CliRunner().invoke(main, ["--help"]).output


# -- docgen build SOURCE -------------------------------------------------------------------

@pytest.fixture
def temp_root(tmp_path_factory, monkeypatch):
    """Python's temporary folder, made one the test can look into."""
    root = tmp_path_factory.mktemp("tmp")
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_build_imports_a_source_on_the_fly_and_names_the_files_after_it(workdir, fakes, temp_root,
                                                                         substitute_fonts):
    result = docgen("build", "示例区 2023 报告.txt", "--format", "all", "--out", "out")
    assert result.exit_code == 0, result.output
    name = "示例区-2023-报告"
    report = [f"wrote out/{name}.{ext}" for ext in ("docx", "pdf", "ofd", "html", "json")]
    assert result.stdout.splitlines() == report + [f"wrote out/{name}-brief.{ext}" for ext in ("docx", "pdf", "ofd")]
    assert result.stderr.splitlines()[0] == (
        "note: imported 示例区 2023 报告.txt (一、 3; 9 judgement call(s), 3 text change(s), 0 paragraph(s) "
        "not placed): `docgen import 示例区 2023 报告.txt` lists them and keeps the content to edit")
    body = part(workdir / "out" / f"{name}.docx", "word/document.xml")
    paragraphs = ["".join(p.itertext()) for p in body.iterfind(".//w:body/w:p", NS)]
    assert "无锡市示例区人民政府2023年法治政府建设情况报告" in paragraphs
    assert "一、主要举措和成效" in paragraphs
    assert "政务服务实现新提升。全区办件总量为3.6万件，列全市前列。" in paragraphs
    assert os.listdir(temp_root) == []                          # the imported folder is gone
    assert sorted(p.name for p in workdir.iterdir()) == ["out", "示例区 2023 报告.txt"]   # no content/ made


def test_brief_imports_a_source_on_the_fly_too(workdir, fakes, temp_root):
    result = docgen("brief", "示例区 2023 报告.txt", "--format", "docx", "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/示例区-2023-报告-brief.docx\n"
    body = part(workdir / "out" / "示例区-2023-报告-brief.docx", "word/document.xml")
    assert "法治宣传的针对性还不够强。" in "".join(body.itertext())
    assert os.listdir(temp_root) == []


def test_a_failed_build_on_the_fly_writes_nothing_and_leaves_no_temporary_folder(workdir, temp_root, monkeypatch):
    (workdir / "out").mkdir()
    (workdir / "out" / "示例区-2023-报告.docx").write_bytes(b"the previous build")

    def unreadable(path):
        raise ContentErrors([ContentError(Location(Path(path), 11, 1), "", "a date that is not one")])
    monkeypatch.setitem(importing.READERS, ".txt", unreadable)
    result = docgen("build", "示例区 2023 报告.txt", "--out", "out")
    assert result.exit_code == 1
    assert result.stderr == "示例区 2023 报告.txt:11:1: a date that is not one\n1 error(s); nothing was written.\n"
    assert (workdir / "out" / "示例区-2023-报告.docx").read_bytes() == b"the previous build"
    assert os.listdir(temp_root) == [] and not (workdir / "content").exists()


def test_build_of_a_content_folder_is_unchanged(workdir, fakes, temp_root):
    """A folder is built as before, even one named like a source."""
    assert docgen("import", "示例区 2023 报告.txt", "--out", "looks-like.txt").exit_code == 0
    result = docgen("build", "looks-like.txt", "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.output == "wrote out/looks-like.txt.docx\n" and fakes == [Path("示例区 2023 报告.txt")]


def test_the_structure_counts_levels_leads_bold_spans_tables_attachments(tmp_path, profile):
    from docgen.content.resolve import resolve
    from docgen.importing.summary import structure_lines
    content = minimal(
        metrics={"cases": {"label": "办结案件", "value": "12件"}},
        sections=[{"role": "measures", "title": "主要举措", "numbering": "continue", "sections": [
            {"title": "优化环境", "sections": [{"title": "推进**标准化**。", "run_in": True,
                                                "paragraphs": ["一是**统一清单**；二是**全程网办**。"]}]},
            {"title": "强化保障", "sections": [{"title": "严格审查。", "run_in": True, "sections": [
                {"title": "细化", "paragraphs": [{"lead": "领先。", "text": "办结{{ metrics.cases }}。"},
                                                {"table": {"header": ["a", "b"], "rows": [["1", "2"]]}}]}]}]}]}],
        attachments=["台账", {"title": "清单", "paragraphs": ["附件正文。",
                                                           {"table": {"header": ["a"], "rows": [["1"]]}}]}])
    report = resolve(load_report(written(content, tmp_path)), profile)
    assert structure_lines(report, profile) == [
        "title     示例区人民政府2023年法治政府建设情况报告",
        "year      2023 · 成文日期 2024年3月29日 · signature 示例区人民政府",
        "headings  一、 1 · （一） 2 · 1. 2 · （1） 1",
        "text      4 paragraphs (1 with a lead) · 3 bold spans · 2 tables · 2 attachments · 1 metrics",
    ]
