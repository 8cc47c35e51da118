"""Text fields as Jinja templates: sandboxed, strict, with messages a clerk can act on.

A typo such as {{ metrics.one_thing_case }} must stop the build naming the
file, line and name, never print an empty string into an official document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from docgen.errors import ContentError
from docgen.content.figures import NotComparable, year_on_year
from docgen.content.model import NOWHERE, Metric, Text
from docgen.format.cjk import to_fill
from docgen.format.profile import YearOnYearStyle

METRIC_FIELDS = ("label", "value", "previous", "rank", "comparison", "yoy")


class MetricView:
    """A metric as templates see it: {{ metrics.x }} is its display form (or a marked
    placeholder in a draft), {{ metrics.x.yoy }} the computed 同比."""

    def __init__(self, metric: Metric, yoy_style: YearOnYearStyle | None):
        self.metric, self._yoy_style = metric, yoy_style
        self.id, self.label = metric.id, metric.label
        self.value = str(metric)
        self.previous = str(metric.previous) if metric.previous else to_fill(f"上年{metric.label}")
        self.rank, self.comparison = metric.rank or "", metric.comparison or ""

    @property
    def yoy(self) -> str:
        metric = self.metric
        if metric.previous is None:
            raise UndefinedError(f"metric '{metric.id}' has no previous value to compute 同比 from")
        if metric.value is None:
            return to_fill(f"{metric.label}同比")
        try:
            return year_on_year(metric.value, metric.previous, self._yoy_style)
        except NotComparable as exc:
            raise UndefinedError(f"metric '{metric.id}': {exc}") from None

    def __str__(self) -> str:
        return self.value


class _MetricTable(dict):
    """The `metrics` name in templates; unknown ids get a message listing the known ones."""


class _UnknownMetric:
    """Stands for a metric whose definition could not be read: any field renders."""

    def __getattr__(self, name: str) -> str:
        return ""

    def __str__(self) -> str:
        return ""


class _ClearUndefined(StrictUndefined):
    """StrictUndefined whose message names the missing metric, field or variable plainly."""

    def _fail_with_undefined_error(self, *args, **kwargs):
        obj, name = self._undefined_obj, self._undefined_name
        if isinstance(obj, _MetricTable):
            known = ", ".join(sorted(obj)) or "none defined"
            raise UndefinedError(f"unknown metric '{name}' (metrics: {known})")
        if isinstance(obj, MetricView):
            raise UndefinedError(f"metric '{obj.id}' has no field '{name}' (fields: {', '.join(METRIC_FIELDS)})")
        if obj is not missing and name is not None:
            raise UndefinedError(f"'{name}' is not defined on {type(obj).__name__}")
        raise UndefinedError(f"undefined name '{name}'")

    __str__ = _fail_with_undefined_error
    __iter__ = _fail_with_undefined_error
    __len__ = _fail_with_undefined_error
    __eq__ = _fail_with_undefined_error
    __bool__ = _fail_with_undefined_error
    __hash__ = _fail_with_undefined_error


_ENVIRONMENT = SandboxedEnvironment(undefined=_ClearUndefined, autoescape=False)


def template_context(year, issuer, date: str | None, metrics: Mapping[str, Metric] | None = None,
                     metric_ids: Iterable[str] = (), yoy_style: YearOnYearStyle | None = None) -> dict:
    """The names text fields may use; metric_ids stand for metrics not (yet) readable."""
    table = _MetricTable({metric_id: _UnknownMetric() for metric_id in metric_ids})
    table.update({metric_id: MetricView(metric, yoy_style) for metric_id, metric in (metrics or {}).items()})
    context = {"year": year, "issuer": issuer, "date": date, "metrics": table}
    return {name: value for name, value in context.items() if value is not None}


def render_text(text: Text, context: dict) -> Text:
    """Render one text field; raises TemplateProblem with its location."""
    if "{" not in text:
        return text
    try:
        return text.with_value(_ENVIRONMENT.from_string(str(text)).render(context))
    except UndefinedError as exc:
        raise TemplateProblem(_error(text, str(exc))) from None
    except TemplateError as exc:
        raise TemplateProblem(_error(text, f"template error: {exc}")) from None


def template_errors(texts: Iterable[Text], context: dict) -> list[ContentError]:
    errors = []
    for text in texts:
        try:
            render_text(text, context)
        except TemplateProblem as problem:
            errors.append(problem.error)
    return errors


class TemplateProblem(Exception):
    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def _error(text: Text, message: str) -> ContentError:
    return ContentError(text.where or NOWHERE, text.field, message)
