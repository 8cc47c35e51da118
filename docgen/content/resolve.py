"""Model → resolved model: every text template rendered once, headings numbered.

This is the one place texts are rendered: the report's writers and the 简报 all
read the resolved model, whose texts know which metrics they used (Text.uses)
and which spans the clerk marked **bold** (Text.emphasis, markers removed).
Numbering (一、 （一） 1. （1）) comes from the structure and the report profile's
patterns; the clerk never types it. A section with `number: false` takes no
number; one with `numbering: continue` lets the level below its children count
on across them (1. 2. under （一）, 3. 4. under （二）). The 简报 shows the
report's numbers.
"""

from __future__ import annotations

import dataclasses
from typing import overload

from docgen.content.drafting import draft_items
from docgen.content.emphasis import EmphasisProblem, without_markers
from docgen.content.model import (
    MAX_DEPTH,
    NOWHERE,
    Attachment,
    Item,
    PublicationField,
    Report,
    Section,
    Table,
    TableRow,
    Text,
)
from docgen.content.templating import TemplateProblem, render_text, template_context
from docgen.errors import ContentError, ContentErrors
from docgen.format import cjk
from docgen.format.profile import Profile


class _Renderer:
    """Renders texts, collecting every template error instead of stopping at the first."""

    def __init__(self, report: Report, profile: Profile):
        self.context = template_context(year=report.year, issuer=str(report.issuer),
                                        date=cjk.official_date(report.date),
                                        metrics=report.metrics, yoy_style=profile.year_on_year)
        self.errors: list[ContentError] = []

    @overload
    def __call__(self, text: Text) -> Text: ...
    @overload
    def __call__(self, text: Text | None) -> Text | None: ...

    def __call__(self, text: Text | None) -> Text | None:
        if text is None:
            return None
        try:
            return without_markers(render_text(text, self.context))
        except TemplateProblem as problem:
            self.errors.append(problem.error)
        except EmphasisProblem as problem:
            self.errors.append(ContentError(text.where or NOWHERE, text.field, f"once rendered, {problem}"))
        return text


def resolve(report: Report, profile: Profile) -> Report:
    """Render every text field and number every heading; raise ContentErrors on failure."""
    render = _Renderer(report, profile)
    numbers = _Numbering(profile, render.errors)
    resolved = dataclasses.replace(
        report,
        title=render(report.title),
        signatures=tuple(render(s) for s in report.signatures),
        addressee=render(report.addressee),
        note=render(report.note),
        preamble=_items(report.preamble, render),
        sections=numbers.sections(report.sections, render),
        attachments=tuple(_attachment(a, render, numbers) for a in report.attachments),
        letterhead=report.letterhead and dataclasses.replace(
            report.letterhead, organ=render(report.letterhead.organ),
            signers=tuple(render(s) for s in report.letterhead.signers)),
        distribution=report.distribution and dataclasses.replace(
            report.distribution, printer=render(report.distribution.printer),
            cc=tuple(render(c) for c in report.distribution.cc)),
        publication=tuple(PublicationField(item.label, render(item.value)) for item in report.publication),
        brief=dataclasses.replace(
            report.brief, name=render(report.brief.name), unit=render(report.brief.unit),
            headline=render(report.brief.headline), summary=render(report.brief.summary),
            to_superior=tuple(render(t) for t in report.brief.to_superior),
            to_peer=tuple(render(t) for t in report.brief.to_peer),
            to_subordinate=tuple(render(t) for t in report.brief.to_subordinate)),
    )
    if render.errors:
        raise ContentErrors(sorted(render.errors, key=lambda e: (e.where.line, e.where.column)))
    # Judged on the text as written: {{ year }} is right, a typed 2023年 in 2024 is not.
    return dataclasses.replace(resolved, open_items=tuple(draft_items(report)))


def _items(items: tuple[Item, ...], render) -> tuple[Item, ...]:
    return tuple(_table(item, render) if isinstance(item, Table) else
                 dataclasses.replace(item, text=render(item.text), lead=render(item.lead), brief=render(item.brief))
                 for item in items)


def _table(table: Table, render) -> Table:
    return dataclasses.replace(
        table, title=render(table.title), note=render(table.note),
        header=tuple(render(cell) for cell in table.header),
        rows=tuple(TableRow(tuple(render(cell) for cell in row.cells), row.highlight, row.where)
                   for row in table.rows))


def _attachment(attachment: Attachment, render, numbers: _Numbering) -> Attachment:
    """An attachment's title and body; its headings are numbered afresh (it is a document of its own)."""
    return dataclasses.replace(attachment, title=render(attachment.title),
                               paragraphs=_items(attachment.paragraphs, render),
                               sections=numbers.sections(attachment.sections, render))


class _Numbering:
    """Numbers headings level by level. A level restarts at 1 under each new parent, unless
    the grandparent continues it (`numbering: continue`, or the profile's heading_numbering):
    1. 2. under （一）, 3. 4. under （二） of a continuing 一, their （1） still restarting
    under each; a section with `number: false` takes no number."""

    def __init__(self, profile: Profile, errors: list[ContentError]):
        self.profile, self.errors = profile, errors

    def sections(self, sections: tuple[Section, ...], render) -> tuple[Section, ...]:
        self.counts = [0] * MAX_DEPTH
        return self._numbered(sections, render, held=frozenset())

    def _numbered(self, sections: tuple[Section, ...], render, held: frozenset[int]) -> tuple[Section, ...]:
        """held: the levels that ancestors of these sections keep counting (not restarted here)."""
        result = []
        for section in sections:
            level = section.level
            number = ""
            if section.numbered:
                self.counts[level - 1] += 1
                number = self._format(section, self.counts[level - 1])
            for below in range(level + 1, MAX_DEPTH + 1):
                if below not in held:
                    self.counts[below - 1] = 0
            continues = (section.numbering or self.profile.heading_numbering) == "continue"
            result.append(dataclasses.replace(
                section, title=render(section.title), brief=render(section.brief), number=number,
                paragraphs=_items(section.paragraphs, render),
                sections=self._numbered(section.sections, render, held | {level + 2} if continues else held)))
        return tuple(result)

    def _format(self, section: Section, count: int) -> str:
        try:
            return cjk.format_number(self.profile.headings[section.level - 1].numbering, count)
        except ValueError:
            if count == cjk.MAX_HEADING_NUMBER + 1:      # once, at the first heading past the last number
                self.errors.append(ContentError(
                    section.title.where or NOWHERE, section.title.field,
                    f"continued numbering reaches {count}; headings are numbered up to {cjk.MAX_HEADING_NUMBER}: "
                    "restart it (`numbering: restart` on the section two levels up)"))
            return ""
