"""Rules of the regulation for annual reports (《法治政府建设与责任落实督察工作规定》, 厅字〔2019〕28号,
chapter 4): the parts it requires (its content article), the date reports are published by
(art. 24: 每年4月1日之前), the year the title names, last year's year or ranks left in this
year's text.

R101 warning  a required part (role) is missing — a warning: real reports merge parts (the short
              three-part form folds 第一责任人 into the measures), which only a reader can judge
R102 warning  成文日期 on or after 1 April of the following year (the report is due before it)
R103 error    the title names another year than the report's
R104 warning  last year named as the current one (2023年，… in a 2024 report)
R105 warning  a paragraph carried from last year still states a rank or a comparison
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from docgen.checking.context import CheckContext
from docgen.checking.findings import ERROR, WARNING, Finding, Rule
from docgen.content.drafting import stale_year_pattern
from docgen.content.model import paragraphs_of, walk_sections

REQUIRED_ROLES = {"measures": "主要举措和成效", "responsibility": "主要负责人履行第一责任人职责情况",
                  "shortcomings": "存在的不足和原因", "next_year": "下一年度工作安排"}
REGULATION = "《法治政府建设与责任落实督察工作规定》第四章 年度报告"
PUBLISHED_BY = "《法治政府建设与责任落实督察工作规定》第二十四条: 每年4月1日之前"
DUE_MONTH, DUE_DAY = 4, 1               # 每年4月1日之前 (art. 24)
# Ranks and comparisons that only last year's figures can support.
_CARRIED_CLAIM = re.compile(r"全[市省国区县][^。，；]{0,6}?第[一二三四五六七八九十\d]+"
                            r"|前列|领先|首位|同比|环比|较上年|比上年")
_TITLE_YEAR = re.compile(r"(?<!\d)(\d{4})(?=年)")

R101 = Rule("R101", WARNING, "a part the regulation requires is missing", REGULATION,
            "add a top-level section with this role (role: …) and its text, or give the section that "
            "covers it that role")
R102 = Rule("R102", WARNING, "dated on or after 1 April of the following year", PUBLISHED_BY,
            "the report is due before 1 April: check the date")
R103 = Rule("R103", ERROR, "the title names another year than the report's", REGULATION,
            "write the report's year, or {{ year }}年")
R104 = Rule("R104", WARNING, "last year named as the current one", REGULATION,
            "write {{ year }}年 or this year's facts")
R105 = Rule("R105", WARNING, "a rank or comparison carried from last year", "docgen new-year: carried paragraphs",
            "confirm it with this year's figures (or rewrite it), then remove `carried: true`")


def check(context: CheckContext) -> Iterator[Finding]:
    report = context.report
    if report.kind == "annual-report":
        present = {section.role for section in report.sections}
        sections = context.source.top_level_key("sections")
        for role, part in REQUIRED_ROLES.items():
            if role not in present:
                yield context.finding(R101, sections, 0, len(sections), f"{part} (role: {role})")
    if report.date is not None and report.date >= dt.date(report.year + 1, DUE_MONTH, DUE_DAY):
        date = context.source.top_level_key("date")
        yield context.finding(R102, date, 0, len(date), f"{report.date:%Y-%m-%d}")
    yield from _title_year(context)
    yield from _stale_years(context)
    yield from _carried_claims(context)


def _title_year(context: CheckContext) -> Iterator[Finding]:
    title = context.report.title
    for match in _TITLE_YEAR.finditer(str(title)):
        if int(match.group(1)) != context.report.year:
            yield context.finding(R103, title, match.start(1), match.end(1),
                                  f"{match.group(1)}, the report's is {context.report.year}")


def _stale_years(context: CheckContext) -> Iterator[Finding]:
    pattern = stale_year_pattern(context.report.year)
    for item in context.texts("title", "heading", "lead", "paragraph"):
        for match in pattern.finditer(str(item.text)):
            group = 1 if match.group(1) else 2
            yield context.finding(R104, item.text, match.start(group), match.start(group) + 4, match.group(group))


def _carried_claims(context: CheckContext) -> Iterator[Finding]:
    report = context.report
    paragraphs = paragraphs_of(report.preamble) + [p for s in walk_sections(report.sections)
                                                  for p in paragraphs_of(s.paragraphs)]
    for paragraph in paragraphs:
        if paragraph.carried:
            for match in _CARRIED_CLAIM.finditer(str(paragraph.text)):
                yield context.finding(R105, paragraph.text, match.start(), match.end(), match.group(0))
