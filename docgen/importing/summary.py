"""What `docgen import` prints: the structure found, each judgement call, each text change,
what could not be placed, and where the content went.

Short on purpose: the clerk reads it once, then checks report.yaml, where the same
judgement calls stand as comments beside their fields. The structure is counted on the
report as docgen loaded it back (so the counts are what `build` will print), the heading
labels are the profile's own (一、 （一） 1. （1）).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from docgen.content.model import Item, Paragraph, Report, Table, walk_sections
from docgen.format.cjk import format_number, official_date
from docgen.format.profile import Profile
from docgen.importing.imported import Decision, Imported
from docgen.importing.source import Change

MAX_LINES_LISTED = 8        # other source lines named for a change made on many
MAX_SHOWN_CHARS = 30        # of a changed text (a dropped line of site chrome)


def report_lines(source: str, imported: Imported, report: Report, profile: Profile, folder: Path) -> list[str]:
    """The import's printed report; `report` is the content as docgen loaded and resolved it."""
    lines = [f"imported {source}:"] + [f"  {line}" for line in structure_lines(report, profile)]
    lines += _listed("judgement calls", len(imported.decisions),
                     [_decision_line(source, d) for d in imported.decisions])
    lines += _listed("text changes", len(imported.changes), change_lines(source, imported.changes))
    lines += _listed("could not place", len(imported.unplaced),
                     [_decision_line(source, d) for d in imported.unplaced], ", kept as plain paragraphs")
    lines.append(f"wrote {folder / 'report.yaml'}")
    lines.append(f"next: check it (the comments mark each judgement call), then `docgen validate {folder}` "
                 f"and `docgen build {folder}`")
    return lines


def brief_line(source: str, imported: Imported, report: Report, profile: Profile) -> str:
    """One line for a build that imports on the fly: the structure and how much was decided."""
    headings = _heading_counts(report, profile)
    return (f"imported {source} ({headings}; {len(imported.decisions)} judgement call(s), "
            f"{len(imported.changes)} text change(s), {len(imported.unplaced)} paragraph(s) not placed): "
            f"`docgen import {source}` lists them and keeps the content to edit")


def structure_lines(report: Report, profile: Profile) -> list[str]:
    items = list(_items(report))
    paragraphs = [item for item in items if isinstance(item, Paragraph)]
    spans = sum(len(p.text.emphasis) for p in paragraphs) + sum(len(s.title.emphasis) for s in _all_sections(report))
    date = official_date(report.date) if report.date else "none found (to fill)"
    return [
        f"title     {report.title}",
        f"year      {report.year} · 成文日期 {date} · signature {'、'.join(report.signatures)}",
        f"headings  {_heading_counts(report, profile)}",
        f"text      {len(paragraphs)} paragraphs ({sum(1 for p in paragraphs if p.lead)} with a lead) · "
        f"{spans} bold spans · {sum(1 for item in items if isinstance(item, Table))} tables · "
        f"{len(report.attachments)} attachments · {len(report.metrics)} metrics",
    ]


def change_lines(source: str, changes: Sequence[Change]) -> list[str]:
    """Each kind of change once, where it is first made, with how often and where else:
    SOURCE:3: ',' → '，' ×12 (ASCII punctuation between hanzi; also lines 5, 9)."""
    kinds: dict[tuple[str, str, str], list[int]] = {}
    for change in sorted(changes, key=lambda c: c.where):
        kinds.setdefault((change.before, change.after, change.why), []).append(change.where)
    lines = []
    for (before, after, why), wheres in kinds.items():
        count = f" ×{len(wheres)}" if len(wheres) > 1 else ""
        others = sorted(set(wheres) - {wheres[0]})
        also = ""
        if others:
            named = ", ".join(map(str, others[:MAX_LINES_LISTED]))
            more = f" and {len(others) - MAX_LINES_LISTED} more" if len(others) > MAX_LINES_LISTED else ""
            also = f"; also line{'s' if len(others) > 1 else ''} {named}{more}"
        lines.append(f"{source}:{wheres[0]}: {_shown(before)} → {_shown(after)}{count} ({why}{also})")
    return lines


def _listed(title: str, count: int, lines: list[str], note: str = "") -> list[str]:
    return [f"{title} ({count}){note}:"] + [f"  {line}" for line in lines] if lines else [f"{title}: none"]


def _decision_line(source: str, decision: Decision) -> str:
    field = f"{decision.field}: " if decision.field else ""
    return f"{source}:{decision.where} → {field}{decision.message}"


def _shown(text: str) -> str:
    """A changed text as the report quotes it: every character visible, a long one cut."""
    visible = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    if len(visible) > MAX_SHOWN_CHARS:
        visible = visible[:MAX_SHOWN_CHARS] + "…"
    return f"'{visible}'"


def _heading_counts(report: Report, profile: Profile) -> str:
    counts: dict[int, int] = {}
    for section in walk_sections(report.sections):
        counts[section.level] = counts.get(section.level, 0) + 1
    if not counts:
        return "no headings"
    return " · ".join(f"{format_number(profile.headings[level - 1].numbering, 1)} {count}"
                      for level, count in sorted(counts.items()))


def _all_sections(report: Report):
    yield from walk_sections(report.sections)
    for attachment in report.attachments:
        yield from walk_sections(attachment.sections)


def _items(report: Report) -> Iterator[Item]:
    """Every paragraph and table: the preamble's, the sections', the attachments'."""
    yield from report.preamble
    for section in _all_sections(report):
        yield from section.paragraphs
    for attachment in report.attachments:
        yield from attachment.paragraphs
