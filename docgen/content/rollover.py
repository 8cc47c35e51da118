"""Year N content → the year N+1 draft: nothing retyped, nothing forgotten.

The YAML is edited round-trip (ruamel), so the clerk's comments and key order
survive. What changes: the year; dates and web-disclosure dates and numbers
are emptied (to fill), as is the letterhead's 发文字号; every metric keeps its
definition with this year's value as `previous` and an empty `value`; every paragraph is marked `carried: true`;
tables keep their rows with their figures emptied (to fill); last year's 下一年度安排
becomes the `checklist` to report on. The old folder is only read (its seal images
are copied along); an existing target is never overwritten.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.content.emphasis import markers_removed
from docgen.content.figures import parse_quantity
from docgen.content.load import REPORT_FILE, load_report
from docgen.content.model import Section, paragraphs_of, walk_sections
from docgen.output import write_all

# How far ahead --year may go: a report skipped for a year or two, not a typo such as 20245.
MAX_YEARS_AHEAD = 10
# What may precede a figure in a table's cell of comparisons (增长18.2%, 同比下降3个百分点).
_CHANGE_WORDS = re.compile(r"^(?:同比)?(?:增长|下降|提高|降低|增加|减少|上升)?")
# Web-disclosure fields that belong to one publication, not to the report.
_PUBLICATION_PER_YEAR = ("时间", "生成日期", "公开日期", "发布时间", "成文日期", "信息索引号", "索引号", "文件编号")


class RolloverError(Exception):
    pass


def new_year(content_dir: Path, year: int | None = None, out_dir: Path | None = None) -> Path:
    """Write the next year's draft; return its folder. Raises ContentErrors for bad source content."""
    content_dir = Path(content_dir)
    source = load_report(content_dir)                   # a draft is only made from valid content
    new = source.year + 1 if year is None else year
    if not source.year < new <= source.year + MAX_YEARS_AHEAD:
        raise RolloverError(f"--year {new}: the new report's year must come after {source.year}, "
                            f"by at most {MAX_YEARS_AHEAD} years")
    target = Path(out_dir) if out_dir else content_dir.parent / _renamed(content_dir.name, source.year, new)
    if os.path.lexists(target):
        raise RolloverError(f"{target} exists already; nothing was written (choose another --out)")
    yaml = _round_trip_yaml()
    data = yaml.load((content_dir / REPORT_FILE).read_text(encoding="utf-8"))
    data["year"] = new
    data["date"] = None
    _clear_publication(data.get("publication"))
    _carry_metrics(data.get("metrics"))
    for paragraphs in _paragraph_lists(data):
        _mark_carried(paragraphs)
    if isinstance(data.get("letterhead"), dict) and "number" in data["letterhead"]:
        data["letterhead"]["number"] = None        # next year's 发文字号 is given when it is filed
    for table in _tables(data):
        _empty_figures(table)
    for key in ("brief", "distribution"):
        if isinstance(data.get(key), dict):
            for date_key in ("date", "printed"):
                if date_key in data[key]:
                    data[key][date_key] = None
    plan = _plan_items(source.sections)
    if plan:
        checklist = CommentedSeq(CommentedMap([("item", item), ("addressed", False)]) for item in plan)
        data["checklist"] = checklist
        data.yaml_set_comment_before_after_key(
            "checklist", before=f"\n{source.year}年的下一年度安排: report on each under this year's measures, "
                                "then set addressed: true")
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    # The seal images go along (read and checked by the loader): the organ's seal does not change.
    files = {target / REPORT_FILE: buffer.getvalue().encode("utf-8")}
    files.update({target / seal.name: seal.data for seal in source.seals})
    write_all(files)                    # makes the folder and every file, or nothing
    return target


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000              # never fold the long Chinese lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _renamed(name: str, old: int, new: int) -> str:
    return name.replace(str(old), str(new)) if str(old) in name else f"{name}-{new}"


def _clear_publication(items) -> None:
    for item in items or []:
        if isinstance(item, dict):
            for label in item:
                if str(label) in _PUBLICATION_PER_YEAR:
                    item[label] = None


def _carry_metrics(metrics) -> None:
    for metric in (metrics or {}).values():
        if not isinstance(metric, CommentedMap) or "value" not in metric:
            continue
        keys = list(metric)
        if "previous" in metric:
            del metric["previous"]
            keys = list(metric)
        metric.insert(keys.index("value") + 1, "previous", metric["value"])
        metric["value"] = None


def _paragraph_lists(data):
    """Every `paragraphs` list and the preamble, as YAML nodes."""
    preamble = data.get("preamble")
    if isinstance(preamble, str):
        data["preamble"] = CommentedSeq([preamble])
    if isinstance(data.get("preamble"), list):
        yield data["preamble"]
    stack = list(data.get("sections") or [])
    while stack:
        section = stack.pop()
        if isinstance(section, dict):
            if isinstance(section.get("paragraphs"), list):
                yield section["paragraphs"]
            stack += list(section.get("sections") or [])


def _mark_carried(paragraphs) -> None:
    for i, paragraph in enumerate(paragraphs):
        if isinstance(paragraph, str):
            paragraphs[i] = CommentedMap([("text", paragraph), ("carried", True)])
        elif isinstance(paragraph, dict) and "table" not in paragraph:
            paragraph["carried"] = True


def _tables(node):
    """Every `table:` of a paragraph list anywhere in the content (preamble, sections, attachments)."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _tables(value)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and isinstance(item.get("table"), dict):
                yield item["table"]
            else:
                yield from _tables(item)


def _empty_figures(table) -> None:
    """Last year's figures out of a table's rows: a cell holding a figure (_is_figure) becomes
    empty, to fill (【待填：…】); the header, the first column (the rows' labels or numbers,
    序号) and cells of text stay."""
    for row in table.get("rows") or []:
        cells = row.get("cells") if isinstance(row, dict) else row
        if isinstance(cells, list):
            for i, cell in enumerate(cells):
                if i and _is_figure(cell):
                    cells[i] = None


def _is_figure(cell) -> bool:
    """A number, or a text that is a figure as officials write it (77件, 96%, 3.6万件), perhaps
    after a change word (增长18.2%, 同比下降3个百分点); not a text that merely holds digits
    (推行“721”工作法), nor one with a template ({{ metrics.cases }}: its metric is emptied instead)."""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    if not isinstance(cell, str):
        return False
    try:
        parse_quantity(_CHANGE_WORDS.sub("", cell.strip(), count=1))
    except ValueError:
        return False
    return True


def _plan_items(sections: tuple[Section, ...]) -> list[str]:
    """Last year's plan: the next_year section's subsection titles (a heading-only plan item is its
    title), else its paragraphs' first sentences; as plain text, without ** markers."""
    plans = [s for s in sections if s.role == "next_year"]
    items = []
    for plan in plans:
        if plan.sections:
            items += [markers_removed(s.title).rstrip("。；") for s in plan.sections]
        else:
            items += [re.split(r"(?<=。)", markers_removed(p.text))[0] for s in [plan, *walk_sections(plan.sections)]
                      for p in paragraphs_of(s.paragraphs)]
    return items
