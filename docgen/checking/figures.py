"""Figures in the text (annual-report spec, Figures): a statistic lives once, as a metric, and
the text shows it through {{ metrics.<id> }}, so that this year's figure, last year's and the
同比 between them cannot drift apart. A rate stated next to its own counts must agree with them.

F101 warning  a figure typed where a metric holds the same value: use {{ metrics.<id> }}
F102 warning  a statistic (count, money, rate with its unit) typed with no metric: make it one
F103 warning  a rate that disagrees with the counts it is the ratio of (办结143件 of 受理164件, 办结率95%)
F104 warning  a 同比 stated for a metric whose figure is not exact (98%以上, 近2万): it cannot be computed

All are warnings: the same value may by chance be another quantity (two counts of 11个), a
typed figure prints correctly, and F103's numerator and denominator are read from the wording
— a rate on another base (调解和解率 of 办结 plus 撤回?) is the author's to confirm, not a certain
fault, so it does not stop a build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from docgen.checking.context import CheckContext
from docgen.checking.findings import WARNING, Finding, Rule
from docgen.content.figures import is_exact, parse_quantity
from docgen.content.model import Metric, Paragraph, Quantity, Report, Text, paragraphs_of, walk_sections

FIGURES = "annual-report spec: Figures (metrics)"

F101 = Rule("F101", WARNING, "a figure typed where a metric holds it", FIGURES,
            "write {{ metrics.<id> }} instead of the figure")
F102 = Rule("F102", WARNING, "a figure typed in the text", FIGURES,
            "make it a metric (metrics: <id>: {label, value}) and write {{ metrics.<id> }}")
F103 = Rule("F103", WARNING, "a rate that disagrees with its counts", FIGURES,
            "correct the rate or the counts")
F104 = Rule("F104", WARNING, "同比 stated for a figure that is not exact", FIGURES,
            "give the metric an exact value and previous, or state the trend without a figure")

# Units of counts, money and rates; 个 not as a span of time (1个工作日, 3个月).
_UNITS = ("个百分点", "人次", "户次", "件次", "场次", "万元", "亿元", "元", "%", "‰", "件", "户", "人", "名",
          "个(?!工作日|月|小时|季度|年|星期)", "项", "家", "场", "次", "起", "条", "份", "篇", "所", "支",
          "座", "期", "批", "宗", "例", "台", "辆", "处", "套", "册")
# A figure as officials type it; not after 第/前 (an ordinal or rank: 第3, 前10名), a letter or a
# digit (codes, GB/T 9704), not a threshold (20人以上不稳定因素).
_FIGURE = re.compile(r"(?<![第前\dA-Za-z.])(?:近|约|超过|超|逾)?\d+(?:\.\d+)?(?:万亿|万|亿)?(?:余|多)?"
                     r"(?:" + "|".join(_UNITS) + r")(?:以上)?")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_METRIC_USE = re.compile(r"\{\{\s*metrics\.(\w+)\s*\}\}")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_CLAUSE_END = "，。；！？"

# A rate and the counts it is the ratio of, by the words the sentence names them with.
RATIOS = {"办结率": (("办结", "审结"), ("受理",)),
          "结案率": (("结案",), ("受理",)),
          "纠错率": (("纠错",), ("办结", "审结")),
          "调解和解率": (("调解、和解", "调解和解"), ("办结", "审结"))}
_RATE = re.compile(r"(" + "|".join(RATIOS) + r")(?:为|达|达到|是)?(\d+(?:\.\d+)?)%(?!以上|以下|左右)")
_COUNT_UNITS = "件起宗个"


def check(context: CheckContext) -> Iterator[Finding]:
    yield from _typed_figures(context)
    yield from _rates(context)
    yield from _inexact_year_on_year(context)


def _typed_figures(context: CheckContext) -> Iterator[Finding]:
    metrics = [m for m in context.report.metrics.values() if m.value is not None]
    for item in context.texts("lead", "paragraph"):
        plain = _TEMPLATE.sub(lambda m: " " * len(m.group(0)), item.text)
        for match in _FIGURE.finditer(plain):
            if _quoted(plain, match.start()) or (match.group(0).endswith("以上") and "%" not in match.group(0)):
                continue
            figure = match.group(0)
            quantity = parse_quantity(figure)
            same = [m.id for m in metrics if _same(quantity, m.value)]
            if same:
                ids = " or ".join(f"{{{{ metrics.{i} }}}}" for i in same)
                yield context.finding(F101, item.text, match.start(), match.end(), f"{figure}: use {ids}")
            else:
                yield context.finding(F102, item.text, match.start(), match.end(), figure)


def _same(figure: Quantity, value: Quantity | None) -> bool:
    return value is not None and (figure.prefix, figure.amount, figure.approx, figure.unit) == \
        (value.prefix, value.amount, value.approx, value.unit)


def _quoted(text: str, index: int) -> bool:
    """Inside “…” or 《…》: a title or a name (“2022中国城市停车平台…”), not a statistic."""
    depth = 0
    for ch in text[:index]:
        if ch in "“《":
            depth += 1
        elif ch in "”》":
            depth = max(0, depth - 1)
    return depth > 0


def _paragraph_texts(report: Report) -> list[Text]:
    items = paragraphs_of(report.preamble) + [p for s in walk_sections(report.sections)
                                              for p in paragraphs_of(s.paragraphs)]
    return [text for p in items for text in _texts_of(p)]


def _texts_of(paragraph: Paragraph) -> list[Text]:
    return [t for t in (paragraph.lead, paragraph.text) if t is not None]


def _rates(context: CheckContext) -> Iterator[Finding]:
    """Rates read from the resolved text (figures rendered); each located in the written text:
    the same paragraph, the same sentence (templates hold no 。), at the rate's template or
    its typed figure, or at the sentence's start when neither can be found."""
    written, resolved = _paragraph_texts(context.report), _paragraph_texts(context.resolved)
    for source, shown in zip(written, resolved):
        source_sentences = list(_SENTENCE.finditer(source))
        for index, sentence in enumerate(_SENTENCE.finditer(shown)):
            for rate in _RATE.finditer(sentence.group(0)):
                numerators, denominators = RATIOS[rate.group(1)]
                top, bottom = _count(sentence.group(0), numerators), _count(sentence.group(0), denominators)
                if top is None or bottom is None or bottom == 0:
                    continue
                stated = Decimal(rate.group(2))
                if _agrees(stated, top, bottom):
                    continue
                computed = _shown(Decimal(top) / Decimal(bottom) * 100, -stated.as_tuple().exponent + 1)  # type: ignore[operator]
                detail = f"{rate.group(1)}: stated {rate.group(2)}%, {top}/{bottom} = {computed}%"
                start = sentence.start() + rate.start(2)
                metric = next(iter(shown.metrics_in(start, start + len(rate.group(2)) + 1)), None)
                here = source_sentences[index] if index < len(source_sentences) else None
                yield _at(context, source, here, metric, rate.group(2) + "%", detail)


def _count(sentence: str, words: tuple[str, ...]) -> int | None:
    """The one count the sentence gives for these words (办结143件); None if none or several."""
    patterns = [re.escape(word) + r"[^\d，；。、率（）()]{0,6}?(\d+)[" + _COUNT_UNITS + "]" for word in words]
    found = [int(m.group(1)) for pattern in patterns for m in re.finditer(pattern, sentence)]
    return found[0] if len(found) == 1 else None


def _agrees(stated: Decimal, top: int, bottom: int) -> bool:
    """The stated rate is the counts' ratio rounded, or cut, to the stated decimals."""
    places = Decimal(1).scaleb(stated.as_tuple().exponent)  # type: ignore[arg-type]
    exact = Decimal(top) / Decimal(bottom) * 100
    return stated in (exact.quantize(places, ROUND_HALF_UP), exact.quantize(places, ROUND_DOWN))


def _shown(number: Decimal, decimals: int) -> str:
    return format(number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP).normalize(), "f")


def _at(context: CheckContext, source: Text, sentence: re.Match | None, metric: str | None,
        figure: str, detail: str) -> Finding:
    if sentence is not None:
        part, base = sentence.group(0), sentence.start()
        if metric is not None:
            use = re.search(r"\{\{\s*metrics\." + re.escape(metric) + r"\s*\}\}", part)
            if use:
                return context.finding(F103, source, base + use.start(), base + use.end(), detail)
        at = part.find(figure)
        if at >= 0:
            return context.finding(F103, source, base + at, base + at + len(figure), detail)
        return context.finding(F103, source, base, base + 1, detail)
    return context.finding(F103, source, 0, 1, detail)


def _inexact_year_on_year(context: CheckContext) -> Iterator[Finding]:
    """{{ metrics.x }} whose figure is not exact, with a 同比 in the same clause."""
    metrics: dict[str, Metric] = context.report.metrics
    for item in context.texts("lead", "paragraph"):
        text = item.text
        for use in _METRIC_USE.finditer(text):
            metric = metrics.get(use.group(1))
            if metric is None or metric.value is None or metric.previous is None:
                continue
            inexact = next((q for q in (metric.value, metric.previous) if not is_exact(q)), None)
            if inexact is None:
                continue
            clause = _clause(text, use.start(), use.end())
            if "同比" in text[clause[0]:clause[1]]:
                yield context.finding(F104, text, use.start(), use.end(),
                                      f"{metric.id} is {inexact}: not an exact figure, 同比 cannot be computed")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) and the one after it, where a 同比 follows its figure
    ({{ metrics.x }}，同比增长5%): from after the previous ，。； to the second next ， (or 。；)."""
    left = max(text.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1
    right = end
    for _ in range(2):
        ends = [i for i in (text.find(ch, right) for ch in _CLAUSE_END) if i >= 0]
        right = min(ends, default=len(text))
        if right == len(text) or text[right] != "，":
            break
        right += 1
    return left, right
