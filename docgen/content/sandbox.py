"""The Jinja sandbox behind content/templating.py: the environment, what a template may
say, and rendering a text through Jinja.

Loaded only for a text whose templates are more than plain lookups such as
{{ metrics.x.rank }} (templating.py renders those itself): importing Jinja and
compiling a template is most of what templating costs a build's start. Each
text's template is compiled once per process (watch mode and batches render the
same texts again). The bounds (templating's _Session) hold either way.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from typing import Any, NoReturn

from jinja2 import StrictUndefined, Template, Undefined, nodes, pass_context
from jinja2.filters import FILTERS
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from docgen.content.templating import (
    _JOIN,
    _STEP,
    FILTER_NAMES,
    LOOP_FIELDS,
    MAX_DIGITS,
    MAX_VALUE_CHARS,
    MetricRecord,
    MetricTable,
    _as_text,
    _field,
    _is_number,
    _kind,
    _number,
    _Refused,
    _session,
    _text,
)

# -- the values templates compute ------------------------------------------------

def _printable(value: Any) -> str:
    """templating._as_text, and an undefined name is an error naming it."""
    if isinstance(value, Undefined):
        str(value)                              # raises, naming what is undefined
    return _as_text(value)


@pass_context
def _printed(_context: Context, value: Any) -> str:
    return _printable(value)


@pass_context
def _joined(_context: Context, values: list) -> str:
    """a ~ b ~ c, bounded."""
    texts = [_printable(value) for value in values]
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
        if isinstance(obj, LoopContext) and attribute in LOOP_FIELDS:
            return getattr(obj, attribute)
        return _field(obj, attribute)

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


def chunks(source: str, context: dict) -> Iterator[str]:
    """The text's output, chunk by chunk as Jinja makes it (each literal and each {{ }} a chunk)."""
    return _compiled(source).generate(context)


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """The checked template of a text, compiled once (a refusal is raised each time, not kept)."""
    return _ENVIRONMENT.from_string(_Checked().visit(_ENVIRONMENT.parse(source)))
