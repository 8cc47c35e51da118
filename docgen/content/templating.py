"""Text fields as Jinja templates: sandboxed, bounded, strict, with messages a clerk can act on.

Content files arrive by mail from other offices, so a template is untrusted code.
It sees plain values only: `year` (a number), `issuer` and `date` (text) and
`metrics`, whose entries are small records of text made here (value, label,
previous, rank, comparison, yoy) — never a model object, a path or a function.
The language is cut to what a report needs: `{{ … }}`, `{% if %}`, `{% for %}`,
`{% set name = … %}`, operators, a few filters and the tests. Including other
files, macros and calls are refused before anything runs, and the work a text
may do is bounded: numbers of at most MAX_DIGITS digits, values of at most
MAX_VALUE_CHARS characters, MAX_ADDED_CHARS characters produced in all,
MAX_LOOP_STEPS loop steps and TIME_LIMIT_S seconds per text (checked at every loop
step and every output, so it holds in any thread). Every refusal is a located
error; printing anything but text or a number is one too, so no object's
address ever reaches a document.

A typo such as {{ metrics.one_thing_case }} stops the build naming the file,
line and name, never prints an empty string into an official document.

Each rendered text records which metrics it used and where in the output
(Text.uses): the 简报 picks sentences by the metrics they hold.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import DecimalException
from typing import Any, NoReturn

from jinja2 import StrictUndefined, TemplateError, Undefined, nodes, pass_context
from jinja2.filters import FILTERS
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from docgen.content.figures import NotComparable, year_on_year
from docgen.content.model import NOWHERE, Metric, MetricUse, Text
from docgen.errors import ContentError
from docgen.format.cjk import to_fill
from docgen.format.profile import YearOnYearStyle

METRIC_FIELDS = ("label", "value", "previous", "rank", "comparison", "yoy")
FILTER_NAMES = ("abs", "int", "length", "trim")
LOOP_FIELDS = ("index", "index0", "revindex", "revindex0", "first", "last", "length", "previtem", "nextitem")

MAX_DIGITS = 30                 # a number in a report never needs more
MAX_VALUE_CHARS = 100_000       # one value ('x' * n, a ~ b)
MAX_ADDED_CHARS = 1_000_000     # all a text's templates produce, beyond the text as written
MAX_LOOP_STEPS = 100_000
TIME_LIMIT_S = 2.0

_JOIN = "docgen join"           # hidden filters the checked template is rewritten to use:
_STEP = "docgen step"           # no template can name them (a filter name has no space)


@dataclass(frozen=True)
class MetricRecord:
    """A metric as templates see it: every field plain text. {{ metrics.x }} prints
    `value` (a marked placeholder in a draft). `yoy` is None when the 同比 cannot be
    computed; using it then is an error that says why (`yoy_problem`)."""
    id: str
    value: str
    label: str
    previous: str
    rank: str
    comparison: str
    yoy: str | None
    yoy_problem: str = ""


def metric_record(metric: Metric, yoy_style: YearOnYearStyle) -> MetricRecord:
    label = str(metric.label)
    yoy, problem = None, ""
    if metric.previous is None:
        problem = f"metric '{metric.id}' has no previous value to compute 同比 from"
    elif metric.value is None:
        yoy = to_fill(f"{label}同比")
    else:
        try:
            yoy = year_on_year(metric.value, metric.previous, yoy_style)
        except NotComparable as exc:
            problem = f"metric '{metric.id}': {exc}"
        except DecimalException:
            problem = f"metric '{metric.id}': its figures have too many digits to compute 同比"
    return MetricRecord(
        id=metric.id, value=str(metric), label=label,
        previous=str(metric.previous) if metric.previous else to_fill(f"上年{label}"),
        rank=str(metric.rank or ""), comparison=str(metric.comparison or ""), yoy=yoy, yoy_problem=problem)


def _unreadable(metric_id: str) -> MetricRecord:
    """Stands for a metric whose definition could not be read (it has its own error): every field renders."""
    return MetricRecord(metric_id, "", "", "", "", "", "")


class MetricTable:
    """The `metrics` name in templates; an unknown id is an error listing the known ones."""

    def __init__(self, records: Iterable[MetricRecord]):
        self._records = {record.id: record for record in records}

    def lookup(self, metric_id: str) -> MetricRecord:
        if metric_id not in self._records:
            known = ", ".join(sorted(self._records)) or "none defined"
            raise _Refused(f"unknown metric '{metric_id}' (metrics: {known})")
        _session().used[metric_id] = None
        return self._records[metric_id]

    def example(self) -> str:
        return next(iter(self._records), "<id>")


def template_context(year: object, issuer: str, date: str, metrics: Mapping[str, Metric] | None = None,
                     yoy_style: YearOnYearStyle | None = None, unreadable: Iterable[str] = ()) -> dict:
    """The names text fields may use, the one place they are made: resolve passes the
    report's; load, when the content has errors, what it could read (`unreadable`: ids of
    metrics whose definition has an error of its own; they render as empty text)."""
    records = [_unreadable(metric_id) for metric_id in unreadable]
    if metrics:
        if yoy_style is None:
            raise ValueError("metrics need the profile's year_on_year style")
        records += [metric_record(metric, yoy_style) for metric in metrics.values()]
    number = year if isinstance(year, int) and not isinstance(year, bool) else ""
    return {"year": number, "issuer": str(issuer), "date": str(date), "metrics": MetricTable(records)}


# -- bounds ----------------------------------------------------------------------

class _Refused(Exception):
    """A template asked for something it may not have or do; the message is the clerk's."""


@dataclass
class _Session:
    """What one text's rendering may still spend, and the metrics it used since the last output."""
    deadline: float
    chars: int
    steps: int = MAX_LOOP_STEPS
    used: dict[str, None] = field(default_factory=dict)

    def spend(self, chars: int = 0, steps: int = 0) -> None:
        self.chars -= chars
        self.steps -= steps
        if self.chars < 0:
            raise _Refused(f"the templates make the text too long (at most {MAX_ADDED_CHARS} characters more)")
        if self.steps < 0:
            raise _Refused(f"a loop repeats too often (at most {MAX_LOOP_STEPS} steps in a text)")
        if time.monotonic() > self.deadline:
            raise _Refused(f"the template takes too long (more than {TIME_LIMIT_S:g} seconds)")


_SESSION: ContextVar[_Session] = ContextVar("docgen_template_session")


def _session() -> _Session:
    return _SESSION.get()


# What a value is, in the clerk's words (bool before int: True is an int too).
_KIND_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a yes/no value"), ((int, float), "a number"), (str, "text"), (MetricTable, "'metrics'"),
    ((list, tuple), "a list"), (LoopContext, "'loop'"))


def _kind(value: Any) -> str:
    """What a value is, in the clerk's words (never its repr: that may hold an address)."""
    if value is None:
        return "nothing (none)"
    if isinstance(value, MetricRecord):
        return f"metric '{value.id}'"
    return next((name for kinds, name in _KIND_NAMES if isinstance(value, kinds)), "this value")


def _number(value: float) -> float:
    if not abs(value) < 10 ** MAX_DIGITS:       # also refuses inf and nan
        raise _Refused(f"a number too large (more than {MAX_DIGITS} digits)")
    return value


def _text(value: str) -> str:
    if len(value) > MAX_VALUE_CHARS:
        raise _Refused(f"a value too long (more than {MAX_VALUE_CHARS} characters)")
    _session().spend(chars=len(value))
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float))


def _as_text(value: Any) -> str:
    """A value as it is printed or joined with ~: text and numbers only."""
    if isinstance(value, Undefined):
        str(value)                              # raises, naming what is undefined
    if isinstance(value, MetricRecord):
        _session().used[value.id] = None
        return value.value
    if isinstance(value, str):
        return value
    if _is_number(value) and not isinstance(value, bool):
        return str(_number(value))
    if isinstance(value, MetricTable):
        raise _Refused("'metrics' holds all the metrics: print one of them, "
                       f"such as {{{{ metrics.{value.example()} }}}}")
    raise _Refused(f"cannot print {_kind(value)}: only text and numbers can be printed")


@pass_context
def _printed(_context: Context, value: Any) -> str:
    return _as_text(value)


@pass_context
def _joined(_context: Context, values: list) -> str:
    """a ~ b ~ c, bounded."""
    texts = [_as_text(value) for value in values]
    if sum(len(text) for text in texts) > MAX_VALUE_CHARS:
        raise _Refused(f"a value too long (more than {MAX_VALUE_CHARS} characters)")
    return _text("".join(texts))


@pass_context
def _stepped(_context: Context, iterable: Any) -> Iterator:
    """The items of a {% for %}, each one a step of the text's budget."""
    if isinstance(iterable, Undefined):
        str(iterable)
    if not isinstance(iterable, (str, list, tuple)):
        raise _Refused(f"cannot loop over {_kind(iterable)}: only over text or a list")
    for item in iterable:
        _session().spend(steps=1)
        yield item


def _binop(operator: str, left: Any, right: Any) -> Any:
    """+ - * / // % ** on numbers, + and * on text, every result bounded."""
    if operator == "+" and isinstance(left, str) and isinstance(right, str):
        if len(left) + len(right) > MAX_VALUE_CHARS:
            raise _Refused(f"a value too long (more than {MAX_VALUE_CHARS} characters)")
        return _text(left + right)
    if operator == "*" and isinstance(left, str) and isinstance(right, int):
        return _repeated(left, right)
    if operator == "*" and isinstance(left, int) and isinstance(right, str):
        return _repeated(right, left)
    if not (_is_number(left) and _is_number(right)):
        if operator == "+" and (isinstance(left, str) or isinstance(right, str)):
            raise _Refused(f"cannot add {_kind(left)} and {_kind(right)} (join text with ~)")
        raise _Refused(f"cannot compute {_kind(left)} {operator} {_kind(right)}")
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
            and right * math.log10(abs(left)) >= MAX_DIGITS:
        raise _Refused(f"a number too large (more than {MAX_DIGITS} digits)")
    try:
        return _number(_ARITHMETIC[operator](left, right))
    except ZeroDivisionError:
        raise _Refused("division by zero") from None
    except OverflowError:
        raise _Refused(f"a number too large (more than {MAX_DIGITS} digits)") from None


def _repeated(text: str, times: int) -> str:
    if len(text) * times > MAX_VALUE_CHARS:
        raise _Refused(f"a value too long (more than {MAX_VALUE_CHARS} characters)")
    return _text(text * times)


_ARITHMETIC = dict(SandboxedEnvironment.default_binop_table)


class _Environment(SandboxedEnvironment):
    """The sandbox: attributes, items and operators all pass through here."""

    intercepted_binops = frozenset(_ARITHMETIC)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Undefined):
            return obj
        if isinstance(obj, MetricTable):
            return obj.lookup(attribute)
        if isinstance(obj, MetricRecord):
            if attribute not in METRIC_FIELDS:
                raise _Refused(f"metric '{obj.id}' has no field '{attribute}' (fields: {', '.join(METRIC_FIELDS)})")
            if attribute == "yoy" and obj.yoy is None:
                raise _Refused(obj.yoy_problem)
            return getattr(obj, attribute)
        if isinstance(obj, LoopContext) and attribute in LOOP_FIELDS:
            return getattr(obj, attribute)
        raise _Refused(f"{_kind(obj)} has no field '{attribute}'")

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Undefined):
            return obj
        if isinstance(obj, (MetricTable, MetricRecord)) and isinstance(argument, str):
            return self.getattr(obj, argument)
        if isinstance(obj, (str, list, tuple)) and isinstance(argument, (int, slice)) \
                and not isinstance(argument, bool):
            try:
                return obj[argument]
            except IndexError:
                raise _Refused(f"position {argument} is past the end of {_kind(obj)}") from None
        raise _Refused(f"cannot take [{_kind(argument)}] of {_kind(obj)}")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        return _binop(operator, left, right)


class _ClearUndefined(StrictUndefined):
    """StrictUndefined whose message names the missing name plainly."""

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        if self._undefined_hint:
            raise _Refused(self._undefined_hint)
        raise _Refused(f"undefined name '{self._undefined_name}'")

    __str__ = _fail_with_undefined_error
    __iter__ = _fail_with_undefined_error
    __len__ = _fail_with_undefined_error
    __eq__ = _fail_with_undefined_error
    __bool__ = _fail_with_undefined_error
    __hash__ = _fail_with_undefined_error


_ENVIRONMENT = _Environment(undefined=_ClearUndefined, autoescape=False, finalize=_printed)
_ENVIRONMENT.globals.clear()            # no range, lipsum, dict, cycler, joiner, namespace
_ENVIRONMENT.filters = {name: FILTERS[name] for name in FILTER_NAMES} | {_JOIN: _joined, _STEP: _stepped}


# -- what a template may say -----------------------------------------------------

_ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If, nodes.For, nodes.Assign,
            nodes.Const, nodes.Name, nodes.Tuple, nodes.List, nodes.CondExpr, nodes.Filter, nodes.Test,
            nodes.Keyword, nodes.Getitem, nodes.Getattr, nodes.Slice, nodes.Concat, nodes.Compare,
            nodes.Operand, nodes.BinExpr, nodes.UnaryExpr)
_REFUSED = {
    nodes.Include: "templates cannot include other files ({% include %}, {% import %}, {% extends %})",
    nodes.Import: "templates cannot include other files ({% include %}, {% import %}, {% extends %})",
    nodes.FromImport: "templates cannot include other files ({% include %}, {% import %}, {% extends %})",
    nodes.Extends: "templates cannot include other files ({% include %}, {% import %}, {% extends %})",
    nodes.Macro: "templates cannot define macros",
    nodes.CallBlock: "templates cannot define macros",
    nodes.Call: "templates cannot call functions",
    nodes.Block: "templates cannot define blocks ({% block %})",
    nodes.AssignBlock: "write {% set name = … %} on one tag ({% set %}…{% endset %} is not available)",
    nodes.Dict: "templates cannot make mappings ({…})",
    nodes.NSRef: "templates cannot set fields (name.field = …)",
    nodes.With: "{% with %} is not available in templates",
    nodes.FilterBlock: "{% filter %} is not available in templates",
    nodes.ScopedEvalContextModifier: "{% autoescape %} is not available in templates",
}


class _Checked(NodeTransformer):
    """Refuses what a template may not say; rewrites ~ and {% for %} to go through the bounds."""

    def generic_visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> nodes.Node:
        if not isinstance(node, _ALLOWED):
            raise _Refused(_REFUSED.get(type(node), f"{type(node).__name__} is not available in templates"))
        return super().generic_visit(node, *args, **kwargs)

    def visit_Name(self, node: nodes.Name) -> nodes.Node:
        if node.name == "self":                 # Jinja's reference to the template itself
            raise _Refused("undefined name 'self'")
        return node

    def visit_Const(self, node: nodes.Const) -> nodes.Node:
        if isinstance(node.value, (int, float)):
            _number(node.value)
        return node

    def visit_Filter(self, node: nodes.Filter) -> nodes.Node:
        if node.name not in FILTER_NAMES:
            raise _Refused(f"unknown filter '{node.name}' (filters: {', '.join(FILTER_NAMES)})")
        return self.generic_visit(node)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _JOIN, [], [], None, None,
                            lineno=node.lineno)

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _STEP, [], [], None, None, lineno=node.lineno)
        return node


# -- rendering -----------------------------------------------------------------------

def render_text(text: Text, context: dict) -> Text:
    """Render one text field, recording the metrics it uses; raises TemplateProblem with its location."""
    if "{" not in text:
        return text
    source = str(text)
    session = _Session(deadline=time.monotonic() + TIME_LIMIT_S, chars=len(source) + MAX_ADDED_CHARS)
    token = _SESSION.set(session)
    try:
        template = _ENVIRONMENT.from_string(_Checked().visit(_ENVIRONMENT.parse(source)))
        parts: list[str] = []
        uses: list[MetricUse] = []
        end = 0
        for chunk in template.generate(context):
            session.spend(chars=len(chunk))
            start, end = end, end + len(chunk)
            uses += [MetricUse(metric, start, end) for metric in session.used]
            session.used.clear()
            parts.append(chunk)
        uses += [MetricUse(metric, end, end) for metric in session.used]  # used, but not shown
    except _Refused as exc:
        raise TemplateProblem(_error(text, str(exc))) from None
    except TemplateError as exc:
        raise TemplateProblem(_error(text, f"template error: {exc}")) from None
    except (RecursionError, SyntaxError):     # Python's own nesting limits, met compiling the template
        raise TemplateProblem(_error(text, "the template is nested too deeply")) from None
    except MemoryError:
        raise TemplateProblem(_error(text, "the template needs too much memory")) from None
    except Exception as exc:
        raise TemplateProblem(_error(text, f"cannot compute this: {exc}")) from None
    finally:
        _SESSION.reset(token)
    return Text("".join(parts), text.where, text.field, tuple(uses))


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
