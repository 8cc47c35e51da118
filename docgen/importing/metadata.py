"""The 信息公开 header of a disclosure page: its label → value pairs, taken out of the text.

Between a disclosure page's title and its text stands a header of labelled facts
(信息索引号 014032126/2024-00580, 生成日期 2024-03-29, 发布机构 新吴区司法局 …). The report's
content keeps them as `publication:` pairs in the page's order; the readers find them here,
in each shape a page or a copy of it has:
- lines that start with a known label, one or several "label value" or "label：value"
  pairs on a line: a label counts at the line's start or after a space, or anywhere when a
  colon follows it (来源：新吴区司法局发布时间：2024-03-29);
- a table of label cells and value cells (索 引 号： | 014032126/2024-00580 | 主题分类 | …),
  a definition list (<dt>/<dd>), or cells that hold "label：value" each.
Pages write "none" as a dash (—  —, —, -) or 无: such a value is empty. A value is mended
like the text (normalize.py: 2023年,新吴区 → 2023年，新吴区), each change recorded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docgen.format.cjk import is_cjk_or_full_width
from docgen.importing.normalize import mend_text
from docgen.importing.source import Block, Change
from docgen.record import record

LABELS = (
    "信息索引号", "索引号", "主题分类", "体裁分类", "组配分类", "服务对象分类", "信息分类",
    "发文字号", "文件编号", "文号",
    "发文机关", "发文单位", "发布机构", "发布单位", "生成日期", "成文日期", "发文日期", "公开日期", "发布日期",
    "发布时间", "时间", "实施日期", "废止日期", "效力状况", "有效性", "时效性", "来源", "信息来源", "文章来源",
    "作者", "责任编辑", "编辑", "公开方式", "公开范围", "公开时限", "公开形式", "主题词", "关键词", "附件下载",
    "内容概述", "内容概要", "摘要", "标题", "名称", "信息名称", "文件名称",
)
# Labels whose value is free text: it runs to the line's end, whatever labels it mentions.
FREE_TEXT_LABELS = frozenset({"内容概述", "内容概要", "摘要", "标题", "名称", "信息名称", "文件名称"})
MAX_BLOCKS_BEFORE_HEADER = 3     # a title of one or two lines, maybe a date line, then the header
MIN_TABLE_PAIRS = 2              # a table with fewer labelled cells is a table of the report
MAX_UNKNOWN_LABEL_CHARS = 8      # a table cell "体裁分类：" is a label, known or not, if this short

_ALTERNATIVES = "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
_LABEL_IN_LINE = re.compile(
    rf"(?<![^\s|｜])(?P<spaced>{_ALTERNATIVES})(?:\s*[:：]\s*|\s+|$)|(?P<colon>{_ALTERNATIVES})\s*[:：]\s*")
_NONE = re.compile(r"[\s—–\-－_]*|无|暂无")
_WHITE = re.compile(r"\s+")


@record
class Header:
    pairs: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]
    blocks: tuple[Block, ...]        # the blocks that were not the header, in their order


def pairs_in_line(text: str) -> list[tuple[str, str]] | None:
    """The label/value pairs of a line that starts with a known label, or None."""
    text = text.strip()
    found: list[tuple[str, re.Match[str]]] = []
    for match in _LABEL_IN_LINE.finditer(text):
        if found and found[-1][0] in FREE_TEXT_LABELS:
            break
        found.append((match.group("spaced") or match.group("colon"), match))
    if not found or found[0][1].start() != 0:
        return None
    ends = [match.start() for _, match in found[1:]] + [len(text)]
    pairs = [(label, text[match.end():end].strip()) for (label, match), end in zip(found, ends)]
    return pairs if any(value for _, value in pairs) else None     # a line "标题" alone is no header


def _cell_label(text: str) -> str | None:
    """A table cell that is a label: known (spaced 索 引 号 or not, with or without a colon), or
    a short Chinese word that ends in a colon."""
    bare = _WHITE.sub("", text)
    word = bare.rstrip(":：")
    if word in LABELS:
        return word
    short_chinese = 0 < len(word) <= MAX_UNKNOWN_LABEL_CHARS and all(is_cjk_or_full_width(ch) for ch in word)
    return word if bare != word and short_chinese else None


def pairs_in_cells(cells: Sequence[str]) -> list[tuple[str, str]] | None:
    """The pairs of a header table's cells (row by row) or a definition list's terms and
    descriptions, or None when a cell is neither a label, its value, nor "label：value"."""
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for cell in cells:
        text = cell.strip()
        label = _cell_label(text) if text else None
        if label:
            if pending:
                pairs.append((pending, ""))
            pending = label
        elif pending:
            pairs.append((pending, text))
            pending = None
        elif text:
            inline = pairs_in_line(text)
            if inline is None:
                return None
            pairs.extend(inline)
    if pending:
        pairs.append((pending, ""))
    return pairs if len(pairs) >= MIN_TABLE_PAIRS else None


def block_pairs(block: Block) -> list[tuple[str, str]] | None:
    """The header pairs a block holds (a table of cells, or a line of text), or None."""
    if block.is_table:
        return pairs_in_cells([cell for row in block.rows for cell in row])
    return pairs_in_line(block.text)


def _label_alone(block: Block) -> str | None:
    """A block that is only a label (a <dt>, a label <div>, a table copied cell by cell):
    its value is the next block. Only known labels: a line 主要做法： introduces the text, and
    free-text labels (标题, 摘要) only with a colon: a line 标题 alone is more likely a heading."""
    if block.is_table:
        return None
    text = block.text.strip()
    label = _cell_label(text)
    known = label in LABELS and (label not in FREE_TEXT_LABELS or text[-1] in ":：")
    return label if known else None


def _header_units(blocks: Sequence[Block]) -> list[tuple[tuple[Block, ...], list[tuple[str, str]] | None]]:
    """The blocks in order, each alone or (a label alone) with its value, and their pairs or None."""
    units: list[tuple[tuple[Block, ...], list[tuple[str, str]] | None]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        label = _label_alone(block)
        value = blocks[index + 1] if label and index + 1 < len(blocks) else None
        if label and value is not None and not value.is_table and _label_alone(value) is None:
            units.append(((block, value), [(label, value.text.strip())]))
            index += 2
            continue
        units.append(((block,), block_pairs(block)))
        index += 1
    return units


def _mended(where: int, pairs: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[Change]]:
    out, made = [], []
    for label, value in pairs:
        if _NONE.fullmatch(value):
            if value:
                made.append(Change(where, value, "", f"{label}: a dash or 无 means none: the value is empty"))
            out.append((label, ""))
            continue
        value, value_changes = mend_text(value, where)
        out.append((label, value))
        made.extend(value_changes)
    return out, made


def split_header(blocks: Sequence[Block], anywhere: bool = False) -> Header:
    """The header found among the blocks, and the blocks that remain. The header is a run of
    header blocks after at most MAX_BLOCKS_BEFORE_HEADER others (a title); with `anywhere`
    (the parts of a page around its article) every header block counts, wherever it stands."""
    pairs: list[tuple[str, str]] = []
    made: list[Change] = []
    kept: list[Block] = []
    state = "before"                # before the header, in it, after it
    for unit, found in _header_units(blocks):
        if found is None or not (anywhere or state != "after"):
            kept.extend(unit)
            if state == "in" or (state == "before" and len(kept) > MAX_BLOCKS_BEFORE_HEADER):
                state = "after"
            continue
        state = "in"
        mended, value_changes = _mended(unit[0].where, found)
        pairs.extend(pair for pair in mended if pair not in pairs)
        made.extend(value_changes)
    return Header(tuple(pairs), tuple(made), tuple(kept))
