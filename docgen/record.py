"""`@record`: an immutable value class, like `@dataclass(frozen=True)` but cheap to create.

docgen's values (the content model, the profile, the document blocks, findings, requests) are
records; mutable working state (a parser's builder, a page being filled) stays a plain
`@dataclass`. Why not `@dataclass(frozen=True)`: Python 3.11 compiles each of a frozen
dataclass's six methods (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`,
`__delattr__`) through its own `exec`, at import. Importing what a DOCX build uses creates 69 of
docgen's immutable classes: as frozen dataclasses that took 44 ms of a 0.18 s process, as records
13 ms (the minimum of 12 processes on the 2-core machine; half of it is `dataclasses`' own field
bookkeeping, which records keep).

A record is a real dataclass (`dataclasses.dataclass(init=False, repr=False, eq=False)` does the
field bookkeeping without compiling anything), so `dataclasses.fields`, `replace`, `asdict` and
`is_dataclass` work on it as on any dataclass. On top of that it gets:
- `__init__`, the only method compiled (one `exec` per class): the same signature as the frozen
  dataclass's (defaults, `field(default_factory=…)`, `field(kw_only=True)`, `field(init=False)`,
  inherited fields first), each field set with `object.__setattr__`, then `__post_init__()`
  when the class has one;
- `__eq__` and `__hash__` on the tuple of the fields' values, exactly as the dataclass's
  (equal only to an instance of the same class; the same hash values);
- `__repr__` as the dataclass's: `Name(a=1, b='x')`;
- `__setattr__` and `__delattr__` raising `dataclasses.FrozenInstanceError`.
Pickling and `copy` work as for a frozen dataclass (the instance's `__dict__` is restored
directly). What records do not use is refused when the class is defined, with a TypeError,
rather than given different semantics: fields with `compare=False`, `hash=…` or `repr=False`,
`InitVar`, a class that writes one of the methods above itself, and a record derived from a
mutable dataclass. (A mutable dataclass derived from a record is not refused, as it would be from
a frozen dataclass: `dataclasses` cannot tell a record is frozen. Don't derive one.)
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")
Fields = tuple[dataclasses.Field, ...]

_MADE_HERE = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


class _Factory:
    """An __init__ parameter's default when its field has a default_factory."""
    def __repr__(self) -> str:
        return "<factory>"     # as dataclasses shows it in the signature


_FACTORY = _Factory()
_repr_running: set[tuple[int, int]] = set()     # (instance, thread) whose __repr__ is under way


@typing.dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T]) -> type[T]:
    """Make `cls` an immutable record (see the module's docstring)."""
    _make_record(cls)
    return cls


def _make_record(cls: Any) -> None:
    _refuse_own_methods(cls)
    had_doc = bool(cls.__dict__.get("__doc__"))
    if not had_doc:
        cls.__doc__ = cls.__name__      # else dataclass would inspect the signature __init__ has not yet
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)    # the fields, no exec: the same class
    fields = dataclasses.fields(cls)
    _refuse_unsupported(cls, fields)
    names = tuple(f.name for f in fields)
    values = _values_getter(names)
    positional, keyword = _parameters(fields)
    own = (_make_init(cls, fields, positional, keyword), _make_repr(names, values), _make_eq(values),
           _make_hash(values))
    for name, method in zip(_MADE_HERE, own):
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    cls.__setattr__ = _frozen_setattr
    cls.__delattr__ = _frozen_delattr
    if not had_doc:     # as the dataclass's: the name and the __init__ signature
        cls.__doc__ = cls.__name__ + _signature_text(positional, keyword)


def _refuse_own_methods(cls: type) -> None:
    own = [name for name in _MADE_HERE if name in cls.__dict__]
    if own:
        raise TypeError(f"@record class {cls.__qualname__} defines {', '.join(own)}: "
                        "a record makes these itself (use a plain class instead)")
    for base in cls.__mro__[1:]:
        if dataclasses.is_dataclass(base) and base.__setattr__ is not _frozen_setattr:
            raise TypeError(f"@record class {cls.__qualname__} cannot derive from the mutable "
                            f"dataclass {base.__qualname__}")


def _refuse_unsupported(cls: type, fields: Fields) -> None:
    for f in fields:
        if not f.compare or not f.repr or f.hash is not None:
            raise TypeError(f"@record class {cls.__qualname__}: field {f.name!r} sets compare, repr "
                            "or hash; records compare, hash and show every field")
    declared = set(f.name for f in fields)
    for name, pseudo in cls.__dict__.get("__dataclass_fields__", {}).items():
        annotation = pseudo.type
        if name not in declared and (isinstance(annotation, dataclasses.InitVar)
                                     or annotation is dataclasses.InitVar
                                     or (isinstance(annotation, str) and "InitVar" in annotation)):
            raise TypeError(f"@record class {cls.__qualname__}: InitVar {name!r} is not supported")


def _parameters(fields: Fields) -> tuple[Fields, Fields]:
    """The fields given to __init__: by position, then by keyword only (inherited ones first in each)."""
    positional = tuple(f for f in fields if f.init and not f.kw_only)
    after_default = False
    for f in positional:
        if _has_default(f):
            after_default = True
        elif after_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    return positional, tuple(f for f in fields if f.init and f.kw_only)


def _has_default(f: dataclasses.Field) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _make_init(cls: type, fields: Fields, positional: Fields, keyword: Fields) -> Callable[..., None]:
    """The one compiled method: the frozen dataclass's __init__, with the same parameters."""
    namespace: dict[str, Any] = {"__record_setattr__": object.__setattr__, "__record_factory__": _FACTORY}
    for f in fields:
        if f.default is not dataclasses.MISSING:
            namespace[f"__record_default_{f.name}__"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            namespace[f"__record_make_{f.name}__"] = f.default_factory

    def parameter(f: dataclasses.Field) -> str:
        if f.default is not dataclasses.MISSING:
            return f"{f.name}=__record_default_{f.name}__"
        return f"{f.name}=__record_factory__" if f.default_factory is not dataclasses.MISSING else f.name

    self_name = "__record_self__" if any(f.name == "self" for f in fields) else "self"
    parameters = [self_name, *map(parameter, positional), *(["*", *map(parameter, keyword)] if keyword else [])]
    body = []
    for f in fields:        # in the fields' order, as dataclasses sets them
        if f.default_factory is not dataclasses.MISSING:
            value = f"__record_make_{f.name}__()"
            if f.init:
                value += f" if {f.name} is __record_factory__ else {f.name}"
        elif f.init:
            value = f.name
        elif f.default is not dataclasses.MISSING:
            value = f"__record_default_{f.name}__"
        else:
            continue    # init=False without a default: __post_init__ sets it
        body.append(f"__record_setattr__({self_name}, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append(f"{self_name}.__post_init__()")
    exec(f"def __init__({', '.join(parameters)}):\n    " + "\n    ".join(body or ["pass"]), namespace)
    init = namespace["__init__"]
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fields if f.init}, "return": None}
    return init


def _signature_text(positional: Fields, keyword: Fields) -> str:
    """`(a: 'int', b: 'str' = 'x', *, c: 'float')`, as inspect shows a dataclass's __init__ in the
    docstring dataclasses writes; inspect.signature itself would take 5 ms for 75 classes."""
    def parameter(f: dataclasses.Field) -> str:
        text = f"{f.name}: {inspect.formatannotation(f.type)}"
        if f.default is not dataclasses.MISSING:
            return f"{text} = {f.default!r}"
        return f"{text} = {_FACTORY!r}" if f.default_factory is not dataclasses.MISSING else text
    return f"({', '.join([*map(parameter, positional), *(['*', *map(parameter, keyword)] if keyword else [])])})"


def _values_getter(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """The tuple of an instance's field values (what a dataclass compares and hashes)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda self: (get(self),)
    return lambda self: ()


def _make_eq(values: Callable[[Any], tuple]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented
    return __eq__


def _make_hash(values: Callable[[Any], tuple]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))
    return __hash__


def _make_repr(names: tuple[str, ...], values: Callable[[Any], tuple]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        running = id(self), get_ident()
        if running in _repr_running:    # an instance within itself (through a list): as dataclasses
            return "..."
        _repr_running.add(running)
        try:
            shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values(self)))
            return f"{self.__class__.__qualname__}({shown})"
        finally:
            _repr_running.discard(running)
    return __repr__


def _frozen_setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
