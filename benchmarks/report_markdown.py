"""The report as Markdown, from docgen's JSON (`build --format json`): the same text, headings,
tables and signature, for pandoc to write a comparable DOCX in the benchmarks. Benchmark
support only: docgen itself never writes Markdown."""

from __future__ import annotations

import json
from pathlib import Path


def _text(span: dict | None) -> str:
    return span["text"] if span else ""


def _block(block: dict) -> list[str]:
    if block.get("type") == "paragraph":
        lead = _text(block.get("lead"))
        return [(f"**{lead}**" if lead else "") + _text(block.get("text")), ""]
    if block.get("type") == "table":
        rows = [[_text(cell) if isinstance(cell, dict) else str(cell) for cell in row]
                for row in block.get("header", []) + block.get("rows", [])]
        if not rows:
            return []
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        return lines + ["| " + " | ".join(row) + " |" for row in rows[1:]] + [""]
    return []


def _section(section: dict) -> list[str]:
    lines = ["#" * (section["level"] + 1) + " " + section["heading"], ""]
    for item in section.get("items", []):
        lines += _block(item)
    for sub in section.get("sections", []):
        lines += _section(sub)
    return lines


def markdown(report_json: Path) -> str:
    report = json.loads(report_json.read_text(encoding="utf-8"))
    lines = [f"# {_text(report['title'])}", ""]
    for block in report.get("preamble", []):
        lines += _block(block)
    for section in report.get("sections", []):
        lines += _section(section)
    lines += [_text(signature) for signature in report.get("signatures", [])] + [report["date_text"], ""]
    return "\n".join(lines)
