"""`docgen build --format json` and `docgen schema` through the CLI.

The JSON of the bundled report holds the resolved report's texts exactly (templates
rendered, numbers generated, ** markers out and their spans given), the metrics with
value, unit, previous value and 同比, and the 简报's selection, whose texts are the
report's; a rebuild is byte-identical; no font is read on the way.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import Paragraph, walk_sections
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from pdf_lines import read_pages

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FULL = ROOT / "content" / "example-full"


def _build(content: Path, out: Path) -> tuple[bytes, dict]:
    result = CliRunner().invoke(main, ["build", str(content), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = (out / f"{content.name}.json").read_bytes()
    return data, json.loads(data)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return _build(BUNDLED_EXAMPLE, tmp_path_factory.mktemp("json"))


def _sections(sections: list[dict]):
    for section in sections:
        yield section
        yield from _sections(section["sections"])


def test_texts_and_numbers_are_the_resolved_reports(bundled):
    _, data = bundled
    resolved = resolve(load_report(BUNDLED_EXAMPLE), load_profile())
    assert (data["format"], data["version"]) == ("docgen-report", 1)
    assert data["title"]["text"] == resolved.title == "无锡市新吴区人民政府2023年法治政府建设情况报告"
    assert (data["year"], data["issuer"], data["date"], data["date_text"]) == (
        2023, "无锡市新吴区人民政府", "2024-03-29", "2024年3月29日")
    assert [s["text"] for s in data["signatures"]] == list(resolved.signatures)
    headings = [(s["number"], s["title"]["text"], s["level"]) for s in _sections(data["sections"])]
    assert headings == [(s.number, str(s.title), s.level) for s in walk_sections(resolved.sections)]
    assert [h[0] for h in headings if h[2] == 1] == ["一、", "二、", "三、", "四、"]
    assert {h[0] for h in headings if h[2] == 2} >= {"（一）", "（二）"}
    assert data["sections"][0]["heading"] == "一、推进法治政府建设（依法行政）的主要举措及成效"
    assert [s["role"] for s in data["sections"]] == [s.role for s in resolved.sections]
    paragraphs = [(i["lead"] and i["lead"]["text"], i["text"]["text"])
                  for s in _sections(data["sections"]) for i in s["items"] if i["type"] == "paragraph"]
    assert paragraphs == [(p.lead and str(p.lead), str(p.text)) for s in walk_sections(resolved.sections)
                          for p in s.paragraphs if isinstance(p, Paragraph)]
    assert not any("{{" in text or "**" in text for _, text in paragraphs)
    assert [(f["label"], f["value"]) for f in data["publication"]] == [
        (str(f.label), str(f.value)) for f in resolved.publication]


def test_metrics_come_parsed_with_previous_value_and_year_on_year(tmp_path):
    _, data = _build(EXAMPLE_FULL, tmp_path)
    resolved = resolve(load_report(EXAMPLE_FULL), load_profile())
    metrics = {m["id"]: m for m in data["metrics"]}
    assert list(metrics) == list(resolved.metrics)
    with_previous = [m for m in metrics.values() if m["previous"] is not None]
    assert with_previous, "example-full has a metric with last year's value"
    for metric in with_previous:
        model = resolved.metrics[metric["id"]]
        assert metric["value"]["display"] == model.value.display
        assert metric["previous"]["display"] == model.previous.display
        assert metric["value"]["unit"] == model.value.unit
        assert Decimal(str(metric["value"]["amount"])) == model.value.amount
    services = metrics["services_online"]           # 1268项 against 1105项: 1268 / 1105 = 1.1475
    assert (services["value"]["number"], services["value"]["unit"], services["previous"]["amount"]) == (
        1268, "项", 1105)
    assert services["yoy"] == "同比增长14.8%"
    assert all(m["yoy"] for m in with_previous)


def test_a_figure_is_displayed_and_parsed(bundled):
    _, data = bundled
    cases = next(m for m in data["metrics"] if m["id"] == "one_thing_cases")
    assert cases["value"] == {"display": "3.6万件", "prefix": "", "number": 3.6, "multiplier": "万", "approx": "",
                              "unit": "件", "amount": 36000}
    assert (cases["rank"], cases["highlight"], cases["previous"], cases["yoy"]) == ("列全市前列", True, None, None)


def test_bold_spans_are_character_ranges(tmp_path):
    _, data = _build(EXAMPLE_FULL, tmp_path)
    texts = [i["text"] for s in _sections(data["sections"]) for i in s["items"] if i["type"] == "paragraph"]
    bold = [t for t in texts if t["bold"]]
    assert bold
    for text in bold:
        for start, end in text["bold"]:
            assert 0 <= start < end <= len(text["text"])
    written = (EXAMPLE_FULL / "report.yaml").read_text(encoding="utf-8")
    assert "**统一事项清单**" in written
    shown = next(t for t in bold if "统一事项清单" in t["text"])
    start = shown["text"].index("统一事项清单")
    assert [start, start + len("统一事项清单")] in shown["bold"]


def test_brief_selection_is_present_and_from_the_report(bundled):
    _, data = bundled
    brief = data["brief"]
    assert brief["headline"] == "新吴区2023年法治政府建设情况"
    report_text = "".join(i["text"]["text"] for s in _sections(data["sections"]) for i in s["items"]
                          if i["type"] == "paragraph") + "".join(i["text"]["text"] for i in data["preamble"])
    assert brief["opening"] and brief["opening"] in report_text
    headings = {s["heading"] for s in data["sections"]}
    assert brief["sections"] and all(s["heading"] in headings for s in brief["sections"])
    sentences = [sentence for s in brief["sections"] for p in s["parts"] for sentence in p["sentences"]]
    assert sentences and all(sentence in report_text for sentence in sentences)


def test_rebuild_is_byte_identical_with_sorted_keys_and_a_final_newline(bundled, tmp_path):
    first, data = bundled
    again, _ = _build(BUNDLED_EXAMPLE, tmp_path)
    assert again == first
    assert first.endswith(b"}\n") and "“一件事”".encode() in first        # UTF-8, not \\u escapes
    assert first.decode() == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_json_is_made_without_the_pdf_fonts(tmp_path, monkeypatch):
    """No PDF fonts on the machine: the 简报's selection counts on the official fonts' widths."""
    import docgen.pdf.fonts as pdf_fonts
    from docgen.fonts.choose import FontError

    def missing(*_args, **_kwargs):
        raise FontError("no fonts here")

    monkeypatch.setattr(pdf_fonts.PdfFonts, "__init__", missing)
    _build(BUNDLED_EXAMPLE, tmp_path)


def test_the_jsons_brief_is_the_brief_the_files_show(tmp_path, substitute_fonts):
    """One selection per build: every sentence the JSON says the 简报 shows is in the 简报's PDF."""
    result = CliRunner().invoke(main, ["build", "--format", "all", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "xinwu-2023.json").read_text(encoding="utf-8"))
    brief = "".join(line.text for page in read_pages(tmp_path / "xinwu-2023-brief.pdf") for line in page.lines)
    brief = "".join(brief.split())
    shown = [s for section in data["brief"]["sections"] for part in section["parts"] for s in part["sentences"]]
    assert shown and all("".join(s.split()) in brief for s in shown)


def test_all_includes_json_and_the_brief_has_none(tmp_path):
    from docgen.build import BRIEF_FORMATS, FORMATS
    assert "json" in FORMATS and "json" not in BRIEF_FORMATS
    refused = CliRunner().invoke(main, ["brief", "--format", "json", "--out", str(tmp_path)])
    assert refused.exit_code == 2 and not list(tmp_path.iterdir())


def test_schema_command_prints_the_shipped_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    shipped = (ROOT / "docgen" / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert result.output == shipped
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
