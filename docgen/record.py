"""`@record`: an immutable value class, like `@dataclass(frozen=True)` but cheap to create.

docgen's values (the content model, the profile, the document blocks, findings, requests) are
records; mutable working state (a parser's builder, a page being filled) stays a plain
`@dataclass`. Why not `@dataclass(frozen=True)`: Python 3.11 compiles each of a frozen
dataclass's six methods (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`,
`__delattr__`) through its own `exec`, at import, and docgen defines about a hundred of them:
creating 75 classes of 6 fields took 38 ms that way, against 8 ms for a record, which is a
quarter of a `docgen build --format docx` process.

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
    own = (_make_init(cls, fields), _make_repr(names, values), _make_eq(values), _make_hash(values))
    for name, method in zip(_MADE_HERE, own):
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    cls.__setattr__ = _frozen_setattr
    cls.__delattr__ = _frozen_delattr
    if not had_doc:     # as the dataclass's: the name and the __init__ signature
        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")


def _refuse_own_methods(cls: type) -> None:
    own = [name for name in _MADE_HERE if name in cls.__dict__]
    if own:
        raise TypeError(f"@record class {cls.__qualname__} defines {', '.join(own)}: "
                        "a record makes these itself (use a plain class instead)")
    for base in cls.__mro__[1:]:
        if dataclasses.is_dataclass(base) and base.__setattr__ is not _frozen_setattr:
            raise TypeError(f"@record class {cls.__qualname__} cannot derive from the mutable "
                            f"dataclass {base.__qualname__}")


def _refuse_unsupported(cls: type, fields: tuple[dataclasses.Field, ...]) -> None:
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


def _make_init(cls: type, fields: tuple[dataclasses.Field, ...]) -> Callable[..., None]:
    """The one compiled method: the frozen dataclass's __init__, with the same parameters."""
    namespace: dict[str, Any] = {"__record_setattr__": object.__setattr__, "__record_factory__": _FACTORY}
    self_name = "__record_self__" if any(f.name == "self" for f in fields) else "self"
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    after_default = ""      # the first positional parameter with a default, if any
    for f in fields:
        has_default = f.default is not dataclasses.MISSING
        has_factory = f.default_factory is not dataclasses.MISSING
        if has_default:
            namespace[f"__record_default_{f.name}__"] = f.default
        if has_factory:
            namespace[f"__record_make_{f.name}__"] = f.default_factory
        if f.init:
            parameter = f.name
            if has_default:
                parameter += f"=__record_default_{f.name}__"
            elif has_factory:
                parameter += "=__record_factory__"
            if f.kw_only:
                keyword.append(parameter)
            else:
                if has_default or has_factory:
                    after_default = after_default or f.name
                elif after_default:
                    raise TypeError(f"non-default argument {f.name!r} follows default argument")
                positional.append(parameter)
            value = (f"__record_make_{f.name}__() if {f.name} is __record_factory__ else {f.name}"
                     if has_factory else f.name)
        elif has_factory:
            value = f"__record_make_{f.name}__()"
        elif has_default:
            value = f"__record_default_{f.name}__"
        else:
            continue    # set by __post_init__
        body.append(f"__record_setattr__({self_name}, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append(f"{self_name}.__post_init__()")
    parameters = ", ".join([self_name, *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({parameters}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, namespace)
    init = namespace["__init__"]
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fields if f.init}, "return": None}
    return init


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
