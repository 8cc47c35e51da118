"""A source's blocks → a report's content (report.yaml's shape), with every judgement recorded.

The readers say what the source looks like; this says what it is. frame.py parts the
paragraphs into what stands around the body (版头, title, 主送机关; 附件说明, 署名,
成文日期, 附注, attachment pages, 版记), outline.py nests the body's headings,
items.py makes the paragraphs, leads and tables. Here the parts become the content's
fields, in the order a clerk reads report.yaml (content/example-full/report.yaml), and
the fields the loader requires get a value even when the source has none: the year
from the title (else the 成文日期's year − 1, …), the issuer from the title (else the
signature, …), the signature from the issuer. Each such choice is a Decision naming
the source line and the field; what cannot be placed stays a plain paragraph where it
was and is listed as unplaced. Text is kept as written (readers mend web artefacts).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from docgen.content.load import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from docgen.format.cjk import to_fill
from docgen.importing import frame as framing
from docgen.importing.headings import role_of
from docgen.importing.imported import Decision, Imported
from docgen.importing.items import Placed, content_items
from docgen.importing.outline import Node, Outline, outline
from docgen.importing.paragraphs import SPACES, Para, TextWriter, one_line, paragraphs_of
from docgen.importing.source import Change, Source

KIND = "annual-report"
_TITLE_ORGAN = re.compile(r"^(?P<organ>(?:(?!关于).){2,}?)(?:关于|\d{4}\s*年|[〇○零一二三四五六七八九]{4}年)")
_ISSUER_LABELS = ("发布机构", "发文机关", "来源")
_DATE_LABELS = ("成文日期",)
_PUBLISHED_LABELS = ("生成日期", "发布日期", "公开日期", "发布时间", "时间")
_LETTERHEAD_KEYS = ("organ", "number", "signer", "copy_number", "secrecy", "urgency")


class _Content:
    """Builds the content dict and records, for each field made, its source line and the
    judgements behind it."""

    def __init__(self, source: Source):
        self.writer = TextWriter()
        self.decisions: list[Decision] = []
        self.unplaced: list[Decision] = []
        self.changes: list[Change] = []
        self.lines: dict[str, int] = {}
        self.aligned = any(block.align for block in source.blocks)

    def decide(self, where: int, field: str, message: str) -> None:
        self.decisions.append(Decision(where, field, message))

    # -- paragraph lists and sections ----------------------------------------------
    def items(self, placed: list[Placed], path: str) -> list[Any]:
        values = []
        for k, item in enumerate(placed):
            field = f"{path}[{k}]"
            self.lines[field] = item.where
            for sub, message in item.notes:
                self.decide(item.where, f"{field}.{sub}" if sub else field, message)
            if item.unplaced:
                self.unplaced.append(Decision(item.where, field, item.unplaced))
            values.append(item.value)
        return values

    def body_items(self, paras: list[Para], body: Outline, path: str, run_in: bool = False,
                   preamble: bool = False) -> list[Any]:
        return self.items(content_items(paras, self.writer, self.aligned, run_in, not preamble, body.kept,
                                        body.notes), path)

    def sections(self, nodes: list[Node], body: Outline, path: str, roles: bool) -> list[dict[str, Any]]:
        result = []
        for i, node in enumerate(nodes):
            field = f"{path}[{i}]"
            heading = node.heading
            where = heading.para.where
            self.lines[field] = where
            section: dict[str, Any] = {}
            if roles and node.depth == 1:
                section["role"], why = role_of(heading.title)
                self.decide(where, f"{field}.role", why)
            section["title"] = self.writer.plain(heading.title, where)
            if heading.run_in:
                section["run_in"] = True
            if not node.numbered:
                section["number"] = False
            if node.numbering:
                section["numbering"] = node.numbering
            for sub, message in node.notes:
                self.decide(where, f"{field}.{sub}", message)
            paragraphs = self.body_items(node.items, body, f"{field}.paragraphs", heading.rest is not None)
            if paragraphs:
                section["paragraphs"] = paragraphs
            if node.children:
                section["sections"] = self.sections(node.children, body, f"{field}.sections", roles)
            result.append(section)
        return result


def recognise(source: Source) -> Imported:
    """The content of a report read by one of the readers, and the judgements that made it."""
    made = _Content(source)
    found = framing.frame(paragraphs_of(source.blocks))
    for para, field, message in found.found:
        made.decide(para.where, field, message)
    body = outline(found.body)
    _keep_leftovers(body, found)

    title = one_line(found.title)
    date = _date(found, source, made)
    issuer = _issuer(title, found, source, made)
    year = _year(title, found.title[0].where if found.title else 1, date, source, body, made)
    content: dict[str, Any] = {"kind": KIND, "year": year, "issuer": made.writer.plain(issuer, 1, template=False)}
    if found.title:
        content["title"] = made.writer.plain(title, found.title[0].where)
        lines = f"its {len(found.title)} lines joined" if len(found.title) > 1 else "one line"
        made.decide(found.title[0].where, "title", f"the title: the first line(s) of the text, {lines}")
    else:
        made.decide(1, "title", "no title line before the text: docgen's default title "
                                "({{ issuer }}{{ year }}年法治政府建设情况报告)")
    content["date"] = date.isoformat() if date else None
    content["signature"] = _signature(found, issuer, made)
    if found.addressee is not None:
        content["addressee"] = _addressee(found.addressee, made)
    if found.letterhead:
        content["letterhead"] = _letterhead(found, issuer, made)
    if source.metadata:
        content["publication"] = [{label: _metadata_value(label, value, made)} for label, value in source.metadata]
    content["preamble"] = made.body_items(body.lead_items, body, "preamble", preamble=True)
    content["sections"] = made.sections(body.sections, body, "sections", roles=True)
    if not body.sections:
        content["sections"] = [{"role": "other", "title": to_fill("标题"), "number": False}]
        made.decide(found.body[-1].where if found.body else 1, "sections[0]",
                    "no heading in the text: every paragraph is in the preamble, and one unnumbered section "
                    "with a title to fill stands for the sections docgen requires")
    attachments = _attachments(found, made)
    if attachments:
        content["attachments"] = attachments
    if found.note is not None:
        content["note"] = made.writer.marked(found.note)
        made.decide(found.note.where, "note", "the 附注: a line in （） after the 成文日期")
    if found.distribution:
        content["distribution"] = _distribution(found.distribution, found.distribution_lines[0].where, made)
    return Imported(content=content,
                    decisions=tuple(sorted(made.decisions, key=lambda d: d.where)),
                    unplaced=tuple(sorted(made.unplaced, key=lambda d: d.where)),
                    changes=tuple(source.changes) + tuple(made.changes) + tuple(made.writer.changes),
                    lines=made.lines)


def _keep_leftovers(body: Outline, found: framing.Frame) -> None:
    """What lies among the closing parts and is none of them: kept at the end of the body."""
    if not found.leftover:
        return
    if body.sections:
        node = body.sections[-1]
        while node.children:
            node = node.children[-1]
        items = node.items
    else:
        items = body.lead_items
    for para, why in found.leftover:
        items.append(para)
        body.kept[id(para)] = f"{why}: kept as a paragraph at the end of the text"


def _metadata_value(label: str, value: str, made: _Content) -> str:
    """A 信息公开 value as a field takes it: at most MAX_TEXT_CHARS (a site's 内容概述 may run on)."""
    written = made.writer.plain(value, 1)
    if len(written) > MAX_TEXT_CHARS:
        kept = value
        while len(TextWriter().plain(kept, 1)) > MAX_TEXT_CHARS:
            kept = kept[:len(kept) // 2]
        made.unplaced.append(Decision(1, f"publication: {label}", f"{len(value):,} characters, more than a field "
                                                                  f"holds: cut after {len(kept):,}"))
        written = TextWriter().plain(kept, 1)
    return written


def _metadata(source: Source, labels: tuple[str, ...]) -> tuple[str, str] | None:
    return next(((label, value) for label, value in source.metadata if label in labels and value.strip()), None)


def _date(found: framing.Frame, source: Source, made: _Content) -> dt.date | None:
    if found.date is not None and found.date_line is not None:
        under = "the title, in brackets" if found.date_line.text.startswith(("（", "(")) else "the signature"
        made.decide(found.date_line.where, "date", f"the 成文日期: the date line under {under}")
        return found.date
    stated = _metadata(source, _DATE_LABELS)
    if stated is not None and framing.read_date(stated[1], numeric=True):
        made.decide(1, "date", f"the 成文日期 from the page's {stated[0]}")
        return framing.read_date(stated[1], numeric=True)
    made.decide(found.body[-1].where if found.body else 1, "date",
                "no 成文日期 in the source: left empty, to fill (a draft)")
    return None


def _year(title: str, where: int, date: dt.date | None, source: Source, body: Outline, made: _Content) -> int:
    named = framing.read_year(title)
    if named is not None:
        made.decide(where, "year", f"the year the title names ({named}年)")
        return named
    if date is not None:
        made.decide(where, "year", f"no year in the title: the 成文日期's year less one ({date.year - 1}), "
                                   "as a report is written early in the next year")
        return date.year - 1
    published = _metadata(source, _PUBLISHED_LABELS)
    day = framing.read_date(published[1], numeric=True) if published else None
    if published and day:
        made.decide(where, "year", f"no year in the title nor a 成文日期: the page's {published[0]} less one year")
        return day.year - 1
    for para in body.lead_items:
        mentioned = framing.read_year(para.text)
        if mentioned is not None:
            made.decide(para.where, "year", "no year in the title nor a date: the first year the preamble names")
            return mentioned
    guess = dt.date.today().year - 1
    made.decide(where, "year", f"no year anywhere in the source: last year ({guess}); check it")
    return guess


def _issuer(title: str, found: framing.Frame, source: Source, made: _Content) -> str:
    """The issuing organ's name as the source writes it."""
    organ = _TITLE_ORGAN.match(title)
    if organ:
        made.decide(found.title[0].where, "issuer", "the organ the title names before its year (or 关于)")
        return organ["organ"].strip(SPACES)
    if found.signature:
        made.decide(found.signature[0].where, "issuer", "the title names no organ: the (first) signature")
        return found.signature[0].text
    if "organ" in found.letterhead:
        made.decide(found.letterhead_lines[0].where, "issuer", "the title names no organ and there is no "
                                                               "signature: the 版头's organ")
        return str(found.letterhead["organ"]).removesuffix("文件")
    publisher = _metadata(source, _ISSUER_LABELS)
    if publisher is not None:
        made.decide(1, "issuer", f"the title names no organ and there is no signature: the page's {publisher[0]}")
        return publisher[1].strip(SPACES)
    made.decide(1, "issuer", "no organ named anywhere: to fill")
    return to_fill("发文机关")


def _signature(found: framing.Frame, issuer: str, made: _Content) -> str | list[str]:
    names = [made.writer.plain(p.text, p.where) for p in found.signature]
    if not names:
        made.decide(found.date_line.where if found.date_line else 1, "signature",
                    "no signature line: the issuer signs")
        return made.writer.plain(issuer, 1)
    if len(names) > 1:
        made.decide(found.signature[0].where, "signature", f"{len(names)} signature lines: joint issuers")
    elif found.date_line is not None:
        made.decide(found.signature[0].where, "signature", "the signature: the line above the 成文日期")
    return names[0] if len(names) == 1 else names


def _addressee(para: Para, made: _Content) -> str:
    text = para.text
    if text.endswith(":"):
        text = text[:-1] + "："
        made.changes.append(Change(para.where, para.text, text, "the 主送机关 ends with a full-width colon"))
    made.decide(para.where, "addressee", "the 主送机关: a line ending in ： right after the title")
    return made.writer.plain(text, para.where)


def _letterhead(found: framing.Frame, issuer: str, made: _Content) -> dict[str, Any]:
    letterhead = dict(found.letterhead)
    if "organ" not in letterhead:
        letterhead["organ"] = issuer            # made a field below
        made.decide(found.letterhead_lines[0].where, "letterhead.organ",
                    "a 发文字号 but no red 发文机关标志 above it: the issuer's name")
    where = found.letterhead_lines[0].where
    for key in ("organ", "signer"):
        value = letterhead.get(key)
        if isinstance(value, list):
            letterhead[key] = [made.writer.plain(v, where) for v in value]
        elif isinstance(value, str):
            letterhead[key] = made.writer.plain(value, where)
    return {key: letterhead[key] for key in _LETTERHEAD_KEYS if key in letterhead}


def _attachments(found: framing.Frame, made: _Content) -> list[Any]:
    """Attachment pages with their bodies, then the 附件说明's other names."""
    listed = found.attachment_list
    result: list[Any] = []
    for i, page in enumerate(found.attachments):
        field = f"attachments[{i}]"
        number = page.number or i + 1
        name = listed[number - 1] if 0 < number <= len(listed) else None
        self_title = one_line(page.title)
        made.lines[field] = page.label.where
        if self_title:
            title, where = self_title, page.title[0].where
            made.decide(where, f"{field}.title", f"an attachment's page ({page.label.text}): its title, the line "
                                                 "after the label")
            if name and name[0] != self_title:
                made.decide(name[1].where, f"{field}.title", f"the 附件说明 says {name[0]}; the page's own title "
                                                             "is used")
        elif name and len(name[0]) <= MAX_TITLE_CHARS:
            title, where = name[0], name[1].where
            made.decide(page.label.where, f"{field}.title", "an attachment's page without a title line: the "
                                                            "附件说明's name")
        else:
            title, where = to_fill("附件标题"), page.label.where
            made.decide(page.label.where, f"{field}.title", "an attachment's page without a title, nor a name in "
                                                            "the 附件说明: to fill")
        body = outline(page.body)
        attachment: dict[str, Any] = {"title": made.writer.plain(title, where)}
        paragraphs = made.body_items(body.lead_items, body, f"{field}.paragraphs")
        if paragraphs:
            attachment["paragraphs"] = paragraphs
        if body.sections:
            attachment["sections"] = made.sections(body.sections, body, f"{field}.sections", roles=False)
        result.append(attachment if len(attachment) > 1 else attachment["title"])
    numbers = {page.number or i + 1 for i, page in enumerate(found.attachments)}
    for k, (listed_name, para) in enumerate(listed):
        if k + 1 not in numbers:
            made.lines[f"attachments[{len(result)}]"] = para.where
            result.append(made.writer.plain(listed_name, para.where))
    return result


def _distribution(found: dict[str, Any], where: int, made: _Content) -> dict[str, Any]:
    printed = found.get("printed")
    result: dict[str, Any] = {"cc": [made.writer.plain(name, where) for name in found["cc"]]} if found.get("cc") else {}
    result["printer"] = made.writer.plain(found["printer"], where)
    result["printed"] = printed.isoformat() if isinstance(printed, dt.date) else None
    return result
