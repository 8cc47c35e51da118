"""Model → resolved model: every text template rendered once, headings numbered.

This is the one place texts are rendered: the report's writers and the 简报 all
read the resolved model, whose texts know which metrics they used (Text.uses).
Numbering (一、 （一） 1. （1）) comes from the structure and the report profile's
patterns; the clerk never types it. The 简报 shows the report's numbers.
"""

from __future__ import annotations

import dataclasses
from typing import overload

from docgen.content.drafting import draft_items
from docgen.content.model import Paragraph, PublicationField, Report, Section, Text
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
            return render_text(text, self.context)
        except TemplateProblem as problem:
            self.errors.append(problem.error)
            return text


def resolve(report: Report, profile: Profile) -> Report:
    """Render every text field and number every heading; raise ContentErrors on failure."""
    render = _Renderer(report, profile)
    resolved = dataclasses.replace(
        report,
        title=render(report.title),
        signature=render(report.signature),
        addressee=render(report.addressee),
        note=render(report.note),
        preamble=_paragraphs(report.preamble, render),
        sections=_sections(report.sections, render, profile),
        attachments=tuple(render(a) for a in report.attachments),
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


def _paragraphs(paragraphs, render) -> tuple[Paragraph, ...]:
    return tuple(dataclasses.replace(p, text=render(p.text), lead=render(p.lead), brief=render(p.brief))
                 for p in paragraphs)


def _sections(sections, render, profile: Profile) -> tuple[Section, ...]:
    return tuple(
        dataclasses.replace(
            section,
            title=render(section.title),
            brief=render(section.brief),
            number=cjk.format_number(profile.headings[section.level - 1].numbering, i),
            paragraphs=_paragraphs(section.paragraphs, render),
            sections=_sections(section.sections, render, profile),
        )
        for i, section in enumerate(sections, start=1))
