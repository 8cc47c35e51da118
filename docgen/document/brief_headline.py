"""The 简报's headline: the author's `brief.headline`, else the profile's headline_format
filled with the issuer's short name and the report's year ("新吴区2023年法治政府建设情况").

A briefing's headline says whose work it reports and on which year, as a phrase, not as a
document's title: no 关于, no 的报告. The short name is the content's `short_name`, else
derived from the issuer (README, "The 简报"):
- a government (…人民政府, …政府) is named by its last administrative unit:
  无锡市新吴区人民政府 → 新吴区, 湖北省人民政府 → 湖北省, 北京市人民政府 → 北京市;
- any other issuer (a department: 某市某区司法局) keeps its whole name, since cutting a
  department's name at 市 or 区 would garble words such as 城市管理局 or 市场监督管理局.
"""

from __future__ import annotations

from docgen.content.model import Report, Text
from docgen.format.profile import BriefingStyle

_GOVERNMENT = ("人民政府", "政府")
# What an administrative unit's name ends with; 自治区, 自治州, 自治县 end in 区, 州, 县.
_UNIT_ENDINGS = "省市区县旗州盟镇乡"


def derived_short_name(issuer: str) -> str:
    """The issuer as a headline names it. A government: its name without 人民政府/政府, then
    the last administrative unit — the shortest ending of at least two characters that
    ends in 省/市/区/县/旗/州/盟/镇/乡 and leaves either nothing or a name that itself ends
    in one (乌鲁木齐市新市区 → 新市区, not 市区). Never empty: a name that does not split
    this way is kept whole."""
    name = issuer.replace("\n", "").strip()
    government = next((name.removesuffix(word) for word in _GOVERNMENT if name.endswith(word)), None)
    if not government:
        return name
    if government[-1] in _UNIT_ENDINGS:
        for start in range(len(government) - 2, -1, -1):
            if start == 0 or government[start - 1] in _UNIT_ENDINGS:
                return government[start:]
    return government


def headline(report: Report, style: BriefingStyle) -> Text:
    """The headline, and where it was written (the headline's, the short name's or the issuer's)."""
    if report.brief.headline:
        return report.brief.headline
    short = report.short_name or derived_short_name(report.issuer)
    where = report.short_name.where if report.short_name else report.issuer.where
    return Text(style.headline_format.format(short_name=short, year=report.year), where, "headline")
