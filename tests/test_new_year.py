"""Next year's report from this year's: the draft, its marks, 同比, the checklist, --final."""

from __future__ import annotations

import hashlib
import shutil

import pdfplumber
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from docgen.cli import main
from docgen.content.figures import NotComparable, parse_quantity, year_on_year
from docgen.content.load import load_report
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import NS, part, w

YOY = load_profile().year_on_year


@pytest.mark.parametrize("value, previous, text", [
    ("4.05万件", "3.6万件", "同比增长12.5%"),
    ("3.6万件", "36000件", "与上年持平"),
    ("200件", "300件", "同比下降33.3%"),
    ("93%", "96%", "同比下降3个百分点"),
    ("96.5%", "96%", "同比提高0.5个百分点"),
    ("13.96%", "13.96%", "与上年持平"),
])
def test_year_on_year_is_computed_and_rounded_by_the_profile(value, previous, text):
    assert year_on_year(parse_quantity(value), parse_quantity(previous), YOY) == text


def test_figures_that_cannot_be_compared_are_refused():
    with pytest.raises(NotComparable, match="different units"):
        year_on_year(parse_quantity("5件"), parse_quantity("5个"), YOY)
    with pytest.raises(NotComparable, match="zero"):
        year_on_year(parse_quantity("5件"), parse_quantity("0件"), YOY)


def _fingerprint(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "xinwu-2023"
    shutil.copytree(BUNDLED_EXAMPLE, folder)
    return folder


@pytest.fixture
def draft(source):
    before = _fingerprint(source)
    result = CliRunner().invoke(main, ["new-year", str(source)])
    assert result.exit_code == 0, result.output
    assert _fingerprint(source) == before                      # the 2023 folder, byte for byte
    return source.parent / "xinwu-2024"


def test_the_draft_moves_the_year_and_carries_everything(draft, source):
    text = (draft / "report.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../docgen/schema/report.schema.json\n"   # comments kept
                           "# 无锡市新吴区人民政府 2023年法治政府建设情况报告 — the bundled example.")
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys[:6] == ["kind", "year", "issuer", "title", "date", "signature"]           # order kept
    report = load_report(draft)
    assert report.year == 2024 and report.date is None
    assert report.title == "{{ issuer }}{{ year }}年法治政府建设情况报告"                     # still a variable
    old = load_report(source)
    for metric_id, metric in report.metrics.items():
        assert metric.value is None and metric.previous == old.metrics[metric_id].value
        assert metric.label == old.metrics[metric_id].label
    paragraphs = list(report.preamble) + [p for s in report.sections for c in (s, *s.sections) for p in c.paragraphs]
    assert paragraphs and all(p.carried for p in paragraphs)
    assert [str(i.text) for i in report.checklist] == [
        "创新方法，着力提高依法行政水平", "强化责任，加大行政行为监督力度", "持续发力，营造出良好的法治氛围"]


def test_an_existing_folder_is_never_overwritten(draft, source):
    before = _fingerprint(draft)
    result = CliRunner().invoke(main, ["new-year", str(source)])
    assert result.exit_code == 1 and "exists already" in result.stderr
    assert _fingerprint(draft) == before


def test_validate_lists_what_remains_including_last_years_plan(draft):
    result = CliRunner().invoke(main, ["validate", str(draft)])
    assert result.exit_code == 0
    assert "a draft: 64 open item(s)" in result.output             # date, 36 values, 24 paragraphs, 3 plans
    assert "report.yaml:10:6: date: 成文日期 (date) to fill" in result.output
    assert "checklist[0]: last year's plan not yet reported on: 创新方法，着力提高依法行政水平" in result.output
    assert "carried from last year" in result.output


def _edit(draft, change):
    yaml = YAML()
    yaml.width = 1_000_000
    path = draft / "report.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _fill_some(data):
    data["metrics"]["one_thing_cases"]["value"] = "4.05万件"
    data["metrics"]["tax_online_rate"]["value"] = "93%"
    paragraph = data["sections"][0]["sections"][0]["paragraphs"][0]
    paragraph["text"] = paragraph["text"].replace(
        "办件总量为{{ metrics.one_thing_cases }}，",
        "办件总量为{{ metrics.one_thing_cases }}，{{ metrics.one_thing_cases.yoy }}，")
    paragraph["text"] = paragraph["text"].replace(
        "线上办理率达到{{ metrics.tax_online_rate }}",
        "线上办理率达到{{ metrics.tax_online_rate }}（{{ metrics.tax_online_rate.yoy }}）")


def _fill_everything(data):
    data["date"] = "2025-03-28"
    for label_value in data["publication"]:
        for label in label_value:
            if label_value[label] is None:
                label_value[label] = "2025-03-28" if "日期" in label or label == "时间" else "—"
    for metric in data["metrics"].values():
        if metric["value"] is None:
            metric["value"] = metric["previous"]
    stack = [data] + list(data["sections"])
    for paragraph in data["preamble"]:
        paragraph.pop("carried", None)
    while stack:
        node = stack.pop()
        for paragraph in node.get("paragraphs", []) or []:
            if isinstance(paragraph, dict):
                paragraph.pop("carried", None)
        stack += list(node.get("sections", []) or [])
    for item in data["checklist"]:
        item["addressed"] = True


def test_drafts_build_marked_and_final_refuses_then_passes(draft, tmp_path, substitute_fonts):
    _edit(draft, _fill_some)
    runner = CliRunner()
    out = tmp_path / "out"
    refused = runner.invoke(main, ["build", str(draft), "--format", "all", "--final", "--out", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    assert "not final: 62 open item(s); nothing was written." in refused.stderr
    assert "report.yaml:10:6: date: 成文日期 (date) to fill" in refused.stderr

    drafted = runner.invoke(main, ["build", str(draft), "--format", "all", "--out", str(out)])
    assert drafted.exit_code == 0, drafted.output
    assert "a draft: 62 open item(s)" in drafted.stderr
    docx, pdf = out / "xinwu-2024.docx", out / "xinwu-2024.pdf"
    document = part(docx, "word/document.xml")
    text = "".join(t.text for t in document.iter(w("t")))
    assert "无锡市新吴区人民政府2024年" in text and "同比增长12.5%" in text and "（同比下降3个百分点）" in text
    shaded = {"".join(t.text for t in run.iter(w("t"))) for run in document.iter(w("r"))
              if run.find("w:rPr/w:shd", NS) is not None}
    assert "【待填：成文日期】" in shaded                               # a value to fill, on its own
    assert any("【待填：节省企业开办资金】" in t for t in shaded)       # … inside a carried paragraph
    assert any(t.startswith("【上年安排待报告：创新方法") for t in shaded)  # the open checklist
    assert any("在市委、市政府和区委区政府的正确领导下" in t for t in shaded)   # a carried paragraph
    headers = [part(docx, f"word/header{i}.xml") for i in (1, 2)]
    assert all("".join(t.text for t in h.iter(w("t"))) == "草稿" for h in headers)
    with pdfplumber.open(pdf) as document_pdf:
        for page in document_pdf.pages:
            assert "草稿" in page.extract_text()
        marks = [r for r in document_pdf.pages[0].rects if tuple(r["non_stroking_color"]) == (1, 1, 0)]
        assert len(marks) > 10
        assert "同比增长12.5%" in document_pdf.pages[0].extract_text().replace(" ", "")
    with pdfplumber.open(out / "xinwu-2024-brief.pdf") as brief:
        assert "同比增长12.5%" in "".join(p.extract_text() for p in brief.pages).replace("\n", "").replace(" ", "")

    _edit(draft, _fill_everything)
    final = runner.invoke(main, ["build", str(draft), "--format", "all", "--final", "--out", str(out)])
    assert final.exit_code == 0, final.output
    document = part(docx, "word/document.xml")
    assert document.find(".//w:shd", NS) is None
    with pdfplumber.open(pdf) as document_pdf:
        assert "草稿" not in document_pdf.pages[0].extract_text()


def test_the_old_year_left_as_the_current_one_is_reported(draft):
    _edit(draft, lambda data: data["preamble"][0].__setitem__(
        "text", "2023年，新吴区各级行政机关坚持以习近平新时代中国特色社会主义思想为指导。"))
    result = CliRunner().invoke(main, ["validate", str(draft)])
    assert "preamble[0].text: names 2023 as the current year (2023年，…)" in result.output


def test_the_full_example_carries_its_letterhead_seal_and_tables_into_the_draft(tmp_path):
    """The letterhead stays with its 发文字号 emptied (a marked placeholder, an open item);
    the seal image is copied along, byte for byte; tables keep their rows with the figures
    emptied; the draft validates and builds."""
    source = tmp_path / "example-full"
    shutil.copytree(BUNDLED_EXAMPLE.parent / "example-full", source)
    result = CliRunner().invoke(main, ["new-year", str(source), "--out", str(tmp_path / "draft")])
    assert result.exit_code == 0, result.output
    draft = tmp_path / "draft"
    data = YAML(typ="safe").load((draft / "report.yaml").read_text(encoding="utf-8"))
    assert data["letterhead"] == {"organ": "示例市示范区人民政府", "number": None, "signer": "张三",
                                  "copy_number": "000001"}
    assert (draft / "seal.png").read_bytes() == (source / "seal.png").read_bytes()
    review = data["sections"][0]["sections"][3]["paragraphs"][1]["table"]
    assert review["header"] == ["指标", "2023年", "同比"]          # the header stays; this year's figures go
    assert review["rows"] == [{"cells": ["行政机关负责人出庭应诉率", None, None], "highlight": True},
                              ["以区政府为被告的行政诉讼案件", None, None]]
    report = load_report(draft)
    assert str(report.letterhead.number) == "【待填：发文字号】"
    assert any(item.field == "letterhead.number" for item in report.blanks)
    built = CliRunner().invoke(main, ["build", str(draft), "--format", "docx", "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
