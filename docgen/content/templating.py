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

import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import DecimalException
from typing import Any

from docgen.content.figures import NotComparable, year_on_year
from docgen.content.model import NOWHERE, Metric, MetricUse, Text
from docgen.errors import ContentError
from docgen.format.cjk import to_fill
from docgen.format.profile import YearOnYearStyle
from docgen.record import record

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


@record
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
    ((list, tuple), "a list"))


def _kind(value: Any) -> str:
    """What a value is, in the clerk's words (never its repr: that may hold an address)."""
    if value is None:
        return "nothing (none)"
    if isinstance(value, MetricRecord):
        return f"metric '{value.id}'"
    runtime = sys.modules.get("jinja2.runtime")     # a {% for %}'s `loop` exists only once Jinja runs
    if runtime is not None and isinstance(value, runtime.LoopContext):
        return "'loop'"
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
    """A defined value as it is printed or joined with ~: text and numbers only."""
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



def _field(obj: Any, attribute: str) -> Any:
    """obj.attribute (or obj['attribute']) of a metric or of `metrics`; anything else is refused."""
    if isinstance(obj, MetricTable):
        return obj.lookup(attribute)
    if isinstance(obj, MetricRecord):
        if attribute not in METRIC_FIELDS:
            raise _Refused(f"metric '{obj.id}' has no field '{attribute}' (fields: {', '.join(METRIC_FIELDS)})")
        if attribute == "yoy" and obj.yoy is None:
            raise _Refused(obj.yoy_problem)
        return getattr(obj, attribute)
    raise _Refused(f"{_kind(obj)} has no field '{attribute}'")


# -- plain lookups, without Jinja ---------------------------------------------------
# Most texts print names and fields only: {{ year }}, {{ metrics.cases }}, {{ metrics.x.rank }}.
# Such a text, with no other brace, is rendered here as Jinja renders it (the same lookups,
# the same chunks: each literal and each {{ }}), without importing Jinja or compiling a
# template (~35 ms of a build's start). Anything else, and any lookup that fails (so that its
# message is the sandbox's), goes through sandbox.py. Jinja makes \r\n and \r into \n and drops
# a last line end: texts with those go through Jinja too.
_PLAIN_LOOKUP = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*) *\}\}")


def _plain_chunks(source: str, context: dict) -> list[tuple[str, tuple[str, ...]]] | None:
    """The chunks of a text of plain lookups, each with the metrics it used; None if the text
    is not one, or a lookup fails."""
    if "\r" in source or source.endswith("\n"):
        return None
    pieces = _PLAIN_LOOKUP.split(source)        # literal, lookup, literal, …, literal
    literals, lookups = pieces[0::2], [name.split(".") for name in pieces[1::2]]
    if any("{" in literal or "}" in literal for literal in literals) or \
            any(names[0] not in context for names in lookups):
        return None
    used = _session().used
    chunks: list[tuple[str, tuple[str, ...]]] = [(literals[0], ())] if literals[0] else []
    try:
        for names, literal in zip(lookups, literals[1:]):
            value = context[names[0]]
            for name in names[1:]:
                value = _field(value, name)
            chunks.append((_as_text(value), tuple(used)))
            used.clear()
            if literal:                         # Jinja yields no empty literal
                chunks.append((literal, ()))
    except _Refused:
        used.clear()
        return None
    return chunks


def _chunks(source: str, context: dict) -> Iterator[str]:
    """A text's output chunk by chunk, the metrics each used noted in the session as it is made."""
    plain = _plain_chunks(source, context)
    if plain is None:
        from docgen.content.sandbox import chunks
        yield from chunks(source, context)
        return
    used = _session().used
    for chunk, metrics in plain:
        used.update(dict.fromkeys(metrics))
        yield chunk


# -- rendering -----------------------------------------------------------------------

def render_text(text: Text, context: dict) -> Text:
    """Render one text field, recording the metrics it uses; raises TemplateProblem with its location."""
    if "{" not in text:
        return text
    source = str(text)
    session = _Session(deadline=time.monotonic() + TIME_LIMIT_S, chars=len(source) + MAX_ADDED_CHARS)
    token = _SESSION.set(session)
    try:
        parts: list[str] = []
        uses: list[MetricUse] = []
        end = 0
        for chunk in _chunks(source, context):
            session.spend(chars=len(chunk))
            start, end = end, end + len(chunk)
            uses += [MetricUse(metric, start, end) for metric in session.used]
            session.used.clear()
            parts.append(chunk)
        uses += [MetricUse(metric, end, end) for metric in session.used]  # used, but not shown
    except _Refused as exc:
        raise TemplateProblem(_error(text, str(exc))) from None
    except (RecursionError, SyntaxError):     # Python's own nesting limits, met compiling the template
        raise TemplateProblem(_error(text, "the template is nested too deeply")) from None
    except MemoryError:
        raise TemplateProblem(_error(text, "the template needs too much memory")) from None
    except Exception as exc:
        from jinja2 import TemplateError  # only Jinja raises one: it is loaded
        what = "template error" if isinstance(exc, TemplateError) else "cannot compute this"
        raise TemplateProblem(_error(text, f"{what}: {exc}")) from None
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
