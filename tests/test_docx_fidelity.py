"""The DOCX says exactly what the published 2023 report says.

Compared with the seed text as published on the web: only the punctuation
width (the web copy's ASCII , ( ) : ; are artefacts) and the generated heading
numbers are ignored; every other character must be the seed's.
"""

from __future__ import annotations

import re

from conftest import SEED
from docgen.format.cjk import fold_punctuation_width
from docx_xml import body_paragraphs

NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def seed_body() -> tuple[str, list[str]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = [line.strip() for line in lines if line.startswith("  ") and line.strip()]
    return lines[0].strip(), body


def _comparable(text: str) -> str:
    return NUMBERING.sub("", fold_punctuation_width(text))


def test_docx_text_equals_the_seed_report(built_docx):
    title, seed = seed_body()
    paragraphs = [p.text for p in body_paragraphs(built_docx)]
    assert paragraphs[0] == title
    # title, blank line, body …, blank line, signature, date
    docx_body = [p for p in paragraphs[1:-3] if p]
    assert [_comparable(p) for p in docx_body] == [_comparable(p) for p in seed]
    assert len(docx_body) == 33        # preamble, 4 + 11 headings, 16 lead paragraphs, 1


def test_the_official_text_has_full_width_punctuation(built_docx):
    for p in body_paragraphs(built_docx):
        assert not re.search(r"[\u4e00-\u9fff][,():;]|[,():;][\u4e00-\u9fff]", p.text), p.text


def test_numbering_is_generated_not_typed(built_docx):
    from docgen.paths import BUNDLED_EXAMPLE
    content = (BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8")
    assert not re.search(r"title: (?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", content)
    heads = [p.text[:3] for p in body_paragraphs(built_docx) if NUMBERING.match(p.text)]
    assert heads == ["一、推", "（一）", "（二）", "（三）", "（四）", "（五）", "二、主", "（一）", "（二）", "（三）",
                     "三、存", "四、下", "（一）", "（二）", "（三）"]


def test_every_one_of_the_36_figures_is_a_metric_referenced_from_the_text():
    from docgen.content.load import load_report
    from docgen.paths import BUNDLED_EXAMPLE
    report = load_report(BUNDLED_EXAMPLE)
    content = (BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8")
    referenced = set(re.findall(r"\{\{\s*metrics\.(\w+)", content))
    assert len(report.metrics) == 36
    assert referenced == set(report.metrics)
