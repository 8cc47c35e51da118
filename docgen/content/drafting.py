"""What keeps a draft from being final: values to fill, paragraphs carried from last
year, last year's plan not yet reported on, and the old year left in the text.

`docgen validate` lists these; a draft build marks them; `docgen build --final`
refuses while any remains.
"""

from __future__ import annotations

import re

from docgen.content.model import NOWHERE, Report, Text, paragraphs_of, walk_sections
from docgen.errors import ContentError


def draft_items(report: Report) -> list[ContentError]:
    """Every open item, in file order."""
    items = list(report.blanks)
    for paragraph in _paragraphs(report):
        if paragraph.carried:
            field = paragraph.text.field.removesuffix(".text")
            items.append(ContentError(paragraph.text.where or NOWHERE, field,
                                      "carried from last year: rewrite or confirm it, then remove `carried: true`"))
    for i, item in enumerate(report.checklist):
        if not item.addressed:
            items.append(ContentError(item.where or NOWHERE, f"checklist[{i}]",
                                      f"last year's plan not yet reported on: {item.text} "
                                      "(report on it under this year's measures, then set `addressed: true`)"))
    items += stale_year_mentions(report)
    return sorted(items, key=lambda e: (e.where.line, e.where.column))


def stale_year_mentions(report: Report) -> list[ContentError]:
    """Text that still speaks of last year as the report year: "2023年，新吴区…" in a 2024 report."""
    old = report.year - 1
    pattern = stale_year_pattern(report.year)
    found = []
    for text in _texts(report):
        match = pattern.search(str(text))
        if match:
            found.append(ContentError(text.where or NOWHERE, text.field,
                                      f"names {old} as the current year ({match.group(0).lstrip('。；！？ ')}…); "
                                      f"this is the {report.year} report: write {{{{ year }}}}年 or the new facts"))
    return found


def stale_year_pattern(year: int) -> re.Pattern:
    """Last year named as the report's year: at a sentence's start (2023年，… 2023年以来 2023年全年)
    or in the subject (2023年度法治政府建设) of a {year} report."""
    old = year - 1
    return re.compile(rf"(?:^|[。；！？])\s*({old}年度?[，、]|{old}年以来|{old}年全年)|({old}年度?法治政府建设)")


def _paragraphs(report: Report):
    yield from paragraphs_of(report.preamble)
    for section in walk_sections(report.sections):
        yield from paragraphs_of(section.paragraphs)


def _texts(report: Report):
    yield report.title
    for paragraph in _paragraphs(report):
        yield paragraph.text
        if paragraph.lead:
            yield paragraph.lead
    for section in walk_sections(report.sections):
        yield section.title
    for item in report.publication:
        if isinstance(item.value, Text):
            yield item.value
