"""Model → resolved model: Jinja text rendered, headings numbered.

Text fields are templates in a sandboxed Jinja environment with strict
undefined names, so a typo such as {{ metrics.one_thing_case }} stops the
build with the file, line and name instead of printing an empty string.
Numbering (一、 （一） 1. （1）) comes from the structure and the profile's
patterns; the clerk never types it.
"""

from __future__ import annotations

import dataclasses

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from . import cjk
from .errors import ContentError, ContentErrors
from .model import Distribution, Location, Paragraph, PublicationField, Report, Section, Text
from .profile import Profile


class _MetricTable(dict):
    """The `metrics` name in templates; unknown ids get a message listing the known ones."""


class _ClearUndefined(StrictUndefined):
    """StrictUndefined whose message names the missing metric or variable plainly."""

    def _fail_with_undefined_error(self, *args, **kwargs):
        if isinstance(self._undefined_obj, _MetricTable):
            known = ", ".join(sorted(self._undefined_obj)) or "none defined"
            raise UndefinedError(f"unknown metric '{self._undefined_name}' (metrics: {known})")
        if self._undefined_name is not None and self._undefined_obj is not None:
            raise UndefinedError(f"'{self._undefined_name}' is not defined on {type(self._undefined_obj).__name__}")
        raise UndefinedError(f"undefined name '{self._undefined_name}'")

    __str__ = _fail_with_undefined_error
    __iter__ = _fail_with_undefined_error
    __len__ = _fail_with_undefined_error
    __eq__ = _fail_with_undefined_error
    __bool__ = _fail_with_undefined_error
    __hash__ = _fail_with_undefined_error


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=_ClearUndefined, autoescape=False, keep_trailing_newline=False)


class _Renderer:
    def __init__(self, report: Report):
        self.env = _environment()
        self.context = {
            "year": report.year,
            "issuer": str(report.issuer),
            "date": cjk.official_date(report.date),
            "metrics": _MetricTable(report.metrics),
        }
        self.errors: list[ContentError] = []

    def __call__(self, text: Text | None, field: str) -> Text | None:
        if text is None or ("{" not in text):
            return text
        try:
            rendered = self.env.from_string(str(text)).render(self.context)
        except UndefinedError as exc:
            self._fail(text, field, str(exc))
            return text
        except TemplateError as exc:
            self._fail(text, field, f"template error: {exc}")
            return text
        return text.with_value(rendered)

    def _fail(self, text: Text, field: str, message: str) -> None:
        where = text.where or Location("?", 0, 0)
        self.errors.append(ContentError(where, field, message))


def resolve(report: Report, profile: Profile) -> Report:
    """Render every text field and number every heading; raise ContentErrors on failure."""
    render = _Renderer(report)
    resolved = dataclasses.replace(
        report,
        title=render(report.title, "title"),
        signature=render(report.signature, "signature"),
        addressee=render(report.addressee, "addressee"),
        note=render(report.note, "note"),
        preamble=_paragraphs(report.preamble, render, "preamble"),
        sections=_sections(report.sections, render, profile, "sections"),
        attachments=tuple(render(a, f"attachments[{i}]") for i, a in enumerate(report.attachments)),
        distribution=_distribution(report.distribution, render),
        publication=tuple(
            PublicationField(item.label, render(item.value, f"publication[{i}].{item.label}"))
            for i, item in enumerate(report.publication)),
    )
    if render.errors:
        raise ContentErrors(render.errors)
    return resolved


def _paragraphs(paragraphs, render, field) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(text=render(p.text, f"{field}[{i}].text"), lead=render(p.lead, f"{field}[{i}].lead"))
        for i, p in enumerate(paragraphs))


def _sections(sections, render, profile: Profile, field) -> tuple[Section, ...]:
    result = []
    for i, section in enumerate(sections):
        path = f"{field}[{i}]"
        pattern = profile.headings[section.level - 1].numbering
        result.append(dataclasses.replace(
            section,
            title=render(section.title, f"{path}.title"),
            number=cjk.format_number(pattern, i + 1),
            paragraphs=_paragraphs(section.paragraphs, render, f"{path}.paragraphs"),
            sections=_sections(section.sections, render, profile, f"{path}.sections"),
        ))
    return tuple(result)


def _distribution(distribution: Distribution | None, render) -> Distribution | None:
    if distribution is None:
        return None
    return dataclasses.replace(
        distribution,
        printer=render(distribution.printer, "distribution.printer"),
        cc=tuple(render(c, f"distribution.cc[{i}]") for i, c in enumerate(distribution.cc)),
    )
