"""`docgen import --metrics`: each figure of the text becomes a metric the text refers to.

A figure is a number with a unit as officials write it (3.6万件, 9000余件, 近2万元, 96%,
4.8个百分点): it becomes `metrics.mNN` (ids in reading order, m01, m02 …: ASCII, as the
loader wants, with no attempt at an English name a clerk would have to decode) with its
value as written and a label from the words before it in its clause ("全区办件总量为3.6万件"
→ 全区办件总量; "开通106项高频公安政务业务" → 开通高频公安政务业务, the noun after a counted
unit), and the text says {{ metrics.mNN }} where the figure was, so the rendered text is
unchanged. A number that is not such a figure stays as written, and why is recorded:
an ordinal (第2名), a year (2023年), a date (3月29日), a time (14:33, 1个工作日), part of
a code or a number written with other signs (014032126/2024-00580, 1,268), a number inside
《》 or quotation marks (a name), a threshold (20人以上), or a number with no unit (增长9倍).
Numbers in headings and lead phrases stay as written too: they name, they do not report.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from docgen.content.emphasis import MARKER, TEMPLATE_CODE
from docgen.content.figures import parse_quantity
from docgen.importing.imported import Decision, Imported
from docgen.record import record

# Units a counted figure takes, in reports of this kind (counts, money, rates, areas).
UNITS = ("个百分点", "百分点", "人次", "件次", "户次", "场次", "家次", "批次", "平方公里", "平方米", "公里", "千米",
         "%", "％", "件", "个", "人", "名", "户", "项", "次", "场", "家", "条", "份", "起", "所", "座", "支", "批",
         "期", "篇", "部", "套", "宗", "例", "元", "亩", "吨", "台", "辆", "位", "张", "本", "册", "种", "类", "门")


_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_FIGURE_TEXT = rf"(?:近|约)?[0-9]+(?:\.[0-9]+)?(?:万亿|万|亿)?(?:余|多)?(?:{_UNIT})"    # parse_quantity's forms
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FIGURE = re.compile(_FIGURE_TEXT)
FALLBACK_LABEL = "数值"


@dataclasses.dataclass
class _Found:
    start: int
    end: int
    value: str
    label: str
    shared: str = ""        # the figure whose label it shares (69%、66.5%)
    counts: bool = False    # it counts the noun after it (106项高频公安政务业务)


_PARAGRAPH = re.compile(r"(^preamble|\.paragraphs)\[\d+\]$")   # a paragraph's path (not an attachment's name)


def propose_metrics(imported: Imported) -> Imported:
    """The content with each figure of its paragraphs made a metric, and the decisions why."""
    content = dict(imported.content)
    existing = dict(content.get("metrics") or {})       # proposed before: kept, and new ids go on after them
    proposer = _Proposer(imported.lines, set(existing))
    for key in ("preamble", "sections", "attachments"):
        if key in content:
            content[key] = proposer.walk(content[key], key)
    metrics = existing | {metric_id: {"label": label, "value": value} for metric_id, label, value in proposer.metrics}
    if metrics:
        content = _inserted_before(content, "preamble", "metrics", metrics)
    return dataclasses.replace(imported, content=content,
                               decisions=tuple(sorted(imported.decisions + tuple(proposer.decisions),
                                                      key=lambda d: d.where)),
                               lines=imported.lines | proposer.lines)


def _inserted_before(content: dict[str, Any], key: str, new_key: str, value: Any) -> dict[str, Any]:
    """The mapping with new_key placed just before key (report.yaml's reading order)."""
    result: dict[str, Any] = {}
    for existing, existing_value in content.items():
        if existing == key:
            result[new_key] = value
        if existing != new_key:
            result[existing] = existing_value
    return result


class _Proposer:
    def __init__(self, lines: dict[str, int], taken: set[str]):
        self.source_lines = lines
        self.taken = taken
        self.metrics: list[tuple[str, str, str]] = []
        self.decisions: list[Decision] = []
        self.lines: dict[str, int] = {}

    def next_id(self) -> str:
        """m01, m02 … in reading order, past any id already in use."""
        number = len(self.metrics) + 1
        while f"m{number:02d}" in self.taken:
            number += 1
        self.taken.add(f"m{number:02d}")
        return f"m{number:02d}"

    def where(self, path: str) -> int:
        """The source line of a field, or of the nearest enclosing field that has one."""
        while path:
            if path in self.source_lines:
                return self.source_lines[path]
            path = path[:max(path.rfind("."), path.rfind("["))] if ("." in path or "[" in path) else ""
        return 1

    def walk(self, value: Any, path: str) -> Any:
        """A copy of a paragraph list, section list or attachment list with figures made metrics."""
        if isinstance(value, list):
            return [self.walk(item, f"{path}[{i}]") for i, item in enumerate(value)]
        if isinstance(value, str):
            return self.text(value, path) if _PARAGRAPH.search(path) else value
        if not isinstance(value, dict) or "table" in value:
            return value
        result = dict(value)
        if "title" in result and isinstance(result["title"], str) and _NUMBER.search(result["title"]):
            self.decisions.append(Decision(self.where(path), f"{path}.title", "numbers in a heading or title stay "
                                                                              "as written"))
        if "lead" in result and isinstance(result["lead"], str) and _NUMBER.search(result["lead"]):
            self.decisions.append(Decision(self.where(path), f"{path}.lead", "numbers in a lead phrase stay "
                                                                             "as written"))
        if "text" in result and isinstance(result["text"], str):
            result["text"] = self.text(result["text"], f"{path}.text")
        for key in ("paragraphs", "sections"):
            if key in result:
                result[key] = self.walk(result[key], f"{path}.{key}")
        return result

    def text(self, text: str, path: str) -> str:
        where = self.where(path)
        found = _figures(text)
        pieces, position = [], 0
        for figure in found:
            metric_id = self.next_id()
            self.metrics.append((metric_id, figure.label, figure.value))
            self.lines[f"metrics.{metric_id}"] = where
            how = f"shares the label of {figure.shared}, listed before it" if figure.shared else \
                "label from the words before it in its clause"
            self.decisions.append(Decision(where, f"metrics.{metric_id}", f"{figure.value} in {path}: {how}"))
            pieces += [text[position:figure.start], f"{{{{ metrics.{metric_id} }}}}"]
            position = figure.end
        for shown, why in _left_alone(text):
            self.decisions.append(Decision(where, path, f"{shown}: {why}, left as written"))
        return "".join(pieces) + text[position:]


def _template_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TEMPLATE_CODE.finditer(text)]


_OPENERS, _CLOSERS = "《“‘「『\"", "》”’」』\""


def _quoted(text: str, code: list[tuple[int, int]]) -> list[bool]:
    """For each character, whether it is inside 《》 or quotation marks."""
    inside, depth = [], 0
    straight = False
    skip = {i for a, b in code for i in range(a, b)}
    for i, ch in enumerate(text):
        if i not in skip:
            if ch == '"':
                straight = not straight
            elif ch in _OPENERS:
                depth += 1
            elif ch in _CLOSERS:
                depth = max(depth - 1, 0)
        inside.append(depth > 0 or straight)
    return inside


@record
class _Number:
    """A number of the text with the signs written with it (14:33, 1,268, a code), or a figure
    with its prefix and unit (近2万元); why it is no figure ("" for a figure)."""
    start: int
    end: int
    why: str


_TIME_SPAN = re.compile(r"(工作日|月|小时|季度|星期|年|周)")
_THRESHOLD = re.compile(r"(以上|以下|以内)")


def _numbers(text: str) -> list[_Number]:
    code = _template_spans(text)
    quoted = _quoted(text, code)
    result = []
    for token in _TOKEN.finditer(text):
        start, end = token.span()
        if any(a <= start < b for a, b in code):
            continue
        figure = _FIGURE.match(text, start - 1) if text[start - 1:start] in ("近", "约") else None
        figure = figure or _FIGURE.match(text, start)
        why = _why_not(text, start, end, quoted)
        if not why and figure is None:
            why = "no unit after it"
        if not why and figure is not None:
            after = text[figure.end():figure.end() + 4]
            if figure.group().endswith("个") and _TIME_SPAN.match(after):
                why = "a time span"
            elif _THRESHOLD.match(after):
                why = "a threshold"
            elif not _parses(figure.group()):
                why = "too long for a figure"
            start, end = figure.span()
        result.append(_Number(start, end, why))
    return result


# A number and the signs written with it: a code (014032126/2024-00580), a time (14:33), 1,268.
_TOKEN = re.compile(r"[0-9](?:[0-9A-Za-z_#/\-]|[.,:](?=[0-9]))*")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_CODE_BEFORE = re.compile(r"[A-Za-z_#/\-]$")


def _why_not(text: str, start: int, end: int, quoted: list[bool]) -> str:
    """Why the number written as text[start:end] is no figure, whatever follows ("" if it may be one)."""
    token, before, after = text[start:end], text[max(0, start - 1):start], text[end:end + 2]
    if quoted[start]:
        return "inside 《》 or quotation marks (part of a name)"
    if before == "第":
        return "an ordinal (第…)"
    if _TIME.fullmatch(token) or after[:1] in ("时", "点", "分", "秒") or after.startswith("小时"):
        return "a time"
    if not _NUMBER.fullmatch(token) or _CODE_BEFORE.search(before):
        return "part of a code, or a number written with other signs"
    if after.startswith("年") and len(token) == 4:
        return "a year"
    if after[:1] in ("月", "日", "号"):
        return "a date"
    return ""


def _parses(figure: str) -> bool:
    try:
        parse_quantity(figure)
    except ValueError:
        return False
    return True


def _figures(text: str) -> list[_Found]:
    found: list[_Found] = []
    for number in _numbers(text):
        if not number.why:
            found.append(_labelled(text, number.start, number.end, found))
    return found


def _left_alone(text: str) -> list[tuple[str, str]]:
    """Every number of the text that is no figure, as written (with the character after a bare
    number: 2023年, 第12条), and why."""
    result = []
    for number in _numbers(text):
        if number.why:
            shown = text[number.start:number.end]
            following = text[number.end:number.end + 1]
            if _NUMBER.fullmatch(shown) and "\u4e00" <= following <= "\u9fff":
                shown += following
            result.append((shown, number.why))
    return result


_SHARED = re.compile(_FIGURE_TEXT + "、$")     # a figure listed before this one: 69%、66.5%
_CLAUSE_MARKS = "，。；：！？,;:!?"
_CLAUSE_BREAK = re.compile(r"[，。；：！？（）()【】,;:!?]")
_LIST_JOINT = re.compile(r"[、和及与]")
_LEADING = re.compile(r"^(其中|全年共|全年|今年以来|累计|共计|共|并|已|先后|同时|、|和|及|与)+")
_TRAILING = re.compile(r"(达到|达|为|是|约|近|共|计|有|超过|超|逾|至|到|了|、|和|及|与)+$")
MAX_LABEL_REACH = 200        # how far back a label is looked for: a clause is far shorter


def _labelled(text: str, start: int, end: int, earlier: list[_Found]) -> _Found:
    """The figure at [start, end) with its label: the words before it in its clause, or, when it
    counts the noun after it (106项高频公安政务业务), those words and that noun. After another
    figure of the same clause, the words since that figure (每日研判112期、每月研判12期)."""
    value = text[start:end]
    clause = _clause_start(text, start)
    previous = earlier[-1] if earlier and earlier[-1].end > clause else None
    before = text[previous.end if previous else clause:start]
    if previous is not None and (not before.strip("、") or _SHARED.search(text[clause:start])):
        # 69%、66.5% and 31.4万户91.8万人: one label for the figures of a list
        return _Found(start, end, value, previous.label, shared=previous.value)
    if previous is not None and previous.counts:
        before = _LIST_JOINT.split(before)[-1]      # 88名人员执法资格考试、654名人员年审: the words after 、
    label = _TRAILING.sub("", _LEADING.sub("", _plain(before)))
    following = text[end:end + 1]
    counts = bool(following) and ("\u4e00" <= following <= "\u9fff" or following == "“")
    if counts:
        stop = _CLAUSE_BREAK.search(text, end)
        digit = _NUMBER.search(text, end)
        limit = min(m.start() for m in (stop, digit) if m is not None) if stop or digit else len(text)
        label += _TRAILING.sub("", _plain(text[end:limit]))
    return _Found(start, end, value, label or _plain(before) or FALLBACK_LABEL, counts=counts)


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding position `start` begins: after the last ，。；：！？ before it, or
    after an opening bracket not closed before it (（其中调解、和解20件); a closed （社区） is inside."""
    depth = 0
    for i in range(start - 1, max(start - MAX_LABEL_REACH, 0) - 1, -1):
        ch = text[i]
        if ch in "）)】":
            depth += 1
        elif ch in "（(【":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in _CLAUSE_MARKS:
            return i + 1
    return max(start - MAX_LABEL_REACH, 0)


def _plain(text: str) -> str:
    """Words for a label (a field printed as written): no ** markers, no template code."""
    return TEMPLATE_CODE.sub("", text).replace(MARKER, "").strip()
