"""The resolved report as JSON, for data platforms (`docgen build --format json`).

Every text is given as the documents print it: templates rendered, headings with
their generated numbers (一、 （一） 1. （1）), the clerk's **bold** markers taken
out and the bold spans given as character ranges [start, end) of the text. The
metrics come with the figure as displayed and as parsed (number, multiplier,
unit, the amount), last year's value and the 同比 the templates print. The 简报's
selection is the build's (build.py: the one its 简报 files show).

Reproducible: a fixed order of keys and items, no time, no path; the same report
gives the same bytes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from docgen.content.model import (
    Attachment,
    Item,
    Metric,
    Paragraph,
    Quantity,
    Report,
    Section,
    Table,
)
from docgen.content.templating import metric_record
from docgen.document.brief_select import Shown
from docgen.format import cjk
from docgen.format.profile import Profile

FORMAT = "docgen-report"
VERSION = 1


def render(resolved: Report, profile: Profile, brief: Shown) -> bytes:
    """The JSON file's bytes: UTF-8, keys sorted, indented by 2, a final newline."""
    data = report_data(resolved, profile, brief)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def report_data(resolved: Report, profile: Profile, brief: Shown) -> dict[str, Any]:
    """The report as plain JSON data (what `render` writes)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": resolved.name,
        "kind": resolved.kind,
        "year": resolved.year,
        "issuer": str(resolved.issuer),
        "short_name": _plain(resolved.short_name),
        "title": _text(resolved.title),
        "addressee": _text(resolved.addressee),
        "letterhead": resolved.letterhead and {
            "organ": str(resolved.letterhead.organ),
            "number": _plain(resolved.letterhead.number),
            "signers": [str(s) for s in resolved.letterhead.signers],
            "copy_number": _plain(resolved.letterhead.copy_number),
            "secrecy": _plain(resolved.letterhead.secrecy),
            "urgency": _plain(resolved.letterhead.urgency),
        },
        "preamble": _items(resolved.preamble),
        "sections": [_section(s) for s in resolved.sections],
        "attachments": [_attachment(a) for a in resolved.attachments],
        "signatures": [_text(s) for s in resolved.signatures],
        "date": _date(resolved.date),
        "date_text": cjk.official_date(resolved.date),
        "note": _text(resolved.note),
        "distribution": resolved.distribution and {
            "printer": str(resolved.distribution.printer),
            "printed": _date(resolved.distribution.printed),
            "cc": [str(c) for c in resolved.distribution.cc],
        },
        "publication": [{"label": str(f.label), "value": str(f.value)} for f in resolved.publication],
        "metrics": [_metric(m, profile) for m in resolved.metrics.values()],
        "brief": _shown(brief),
        "draft": bool(resolved.open_items),
    }


def _plain(text: str | None) -> str | None:
    return None if text is None else str(text)


def _text(text: str | None) -> dict[str, Any] | None:
    """A printed text and its bold spans, [start, end) in characters."""
    if text is None:
        return None
    return {"text": str(text), "bold": [list(span) for span in getattr(text, "emphasis", ())]}


def _date(day) -> str | None:
    return None if day is None else day.isoformat()


def _items(items: tuple[Item, ...]) -> list[dict[str, Any]]:
    return [_table(item) if isinstance(item, Table) else _paragraph(item) for item in items]


def _paragraph(paragraph: Paragraph) -> dict[str, Any]:
    return {"type": "paragraph", "lead": _text(paragraph.lead), "text": _text(paragraph.text)}


def _table(table: Table) -> dict[str, Any]:
    return {
        "type": "table",
        "title": _text(table.title),
        "header": [_text(cell) for cell in table.header],
        "rows": [{"cells": [_text(cell) for cell in row.cells], "highlight": row.highlight} for row in table.rows],
        "note": _text(table.note),
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "number": section.number,
        "title": _text(section.title),
        "heading": f"{section.number}{section.title}",
        "level": section.level,
        "role": section.role,
        "run_in": section.run_in,
        "items": _items(section.paragraphs),
        "sections": [_section(s) for s in section.sections],
    }


def _attachment(attachment: Attachment) -> dict[str, Any]:
    return {
        "title": _text(attachment.title),
        "items": _items(attachment.paragraphs),
        "sections": [_section(s) for s in attachment.sections],
    }


def _metric(metric: Metric, profile: Profile) -> dict[str, Any]:
    record = metric_record(metric, profile.year_on_year)
    return {
        "id": metric.id,
        "label": str(metric.label),
        "value": _quantity(metric.value),
        "previous": _quantity(metric.previous),
        "yoy": record.yoy,
        "rank": _plain(metric.rank),
        "comparison": _plain(metric.comparison),
        "highlight": metric.highlight,
    }


def _quantity(quantity: Quantity | None) -> dict[str, Any] | None:
    """A figure as displayed and as parsed; None where it is still to fill."""
    if quantity is None:
        return None
    return {
        "display": quantity.display,
        "prefix": quantity.prefix,
        "number": _number(quantity.number),
        "multiplier": quantity.multiplier,
        "approx": quantity.approx,
        "unit": quantity.unit,
        "amount": _number(quantity.amount),
    }


def _number(value: Decimal) -> int | float:
    """A JSON number: whole numbers as integers, others as the shortest float that reads back."""
    return int(value) if value == value.to_integral_value() else float(value)


def _shown(shown: Shown) -> dict[str, Any]:
    return {
        "headline": shown.headline,
        "opening": shown.opening,
        "sections": [{"index": s.index, "heading": s.heading,
                      "parts": [{"lead": p.lead, "sentences": list(p.sentences)} for p in s.parts]}
                     for s in shown.sections],
        "table": {"title": shown.table_title, "rows": [list(row) for row in shown.rows]},
    }
