"""`@record` (docgen/record.py) behaves as `@dataclass(frozen=True)` on everything docgen uses:
equality and hash, repr, FrozenInstanceError, the __init__ signature (defaults, default_factory,
kw_only, init=False, inherited fields first) and its TypeErrors, __post_init__,
`dataclasses.replace/fields/asdict`, pickling and copy. Each behaviour is compared with a frozen
dataclass declared the same way; what a record does not support is refused when it is declared.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from dataclasses import FrozenInstanceError, dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.batch import BuildRequest, FolderResult
from docgen.checking.format_report import FormatCheck
from docgen.record import record


def shortened(text: str) -> str:
    return text[:3]


def declare(decorator, name: str = "Point"):
    """The same classes (a base with defaults, a factory and a keyword-only field; a subclass
    with a __post_init__) under `decorator`."""
    base = decorator(type(name, (), {
        "__module__": __name__,
        "__annotations__": {"x": "int", "label": "str", "tags": "list", "weight": "float", "unit": "str"},
        "label": "",
        "tags": field(default_factory=list),
        "weight": field(default=1.0),
        "unit": field(kw_only=True),
    }))

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", shortened(self.label))

    derived = decorator(type(name + "3", (base,), {
        "__module__": __name__,
        "__annotations__": {"z": "int", "derived": "str"},
        "z": 0,
        "derived": field(init=False),
        "__post_init__": lambda self: (__post_init__(self), object.__setattr__(self, "derived", self.label * 2)),
    }))
    return base, derived


FROZEN, FROZEN3 = declare(dataclass(frozen=True))
RECORD, RECORD3 = declare(record)


@record
class Pair:                 # module level: pickle finds a class by its qualified name
    left: object
    right: object = None


@dataclass(frozen=True)
class FrozenPair:
    left: object
    right: object = None


hashable = st.one_of(st.integers(), st.text(max_size=5), st.floats(allow_nan=False), st.none(),
                     st.tuples(st.integers(), st.text(max_size=3)))


@given(x=st.integers(), label=st.text(max_size=6), weight=st.floats(allow_nan=False), unit=st.text(max_size=3),
       z=st.integers(), other=st.integers())
def test_eq_hash_repr_replace_as_a_frozen_dataclass(x, label, weight, unit, z, other):
    for record_class, frozen_class, extra in ((RECORD, FROZEN, {}), (RECORD3, FROZEN3, {"z": z})):
        made = record_class(x, label, [], weight, unit=unit, **extra)
        twin = frozen_class(x, label, [], weight, unit=unit, **extra)
        assert repr(made) == repr(twin)
        assert dataclasses.asdict(made) == dataclasses.asdict(twin)
        same = record_class(x, label, [], weight, unit=unit, **extra)
        assert made == same and not made != same
        moved = dataclasses.replace(made, x=other)
        assert repr(moved) == repr(dataclasses.replace(twin, x=other))
        assert (moved == made) == (other == x)
        assert made != twin and twin != made           # never equal across classes, as dataclasses
    record_pair, frozen_pair = Pair(x, (label, weight)), FrozenPair(x, (label, weight))
    assert hash(record_pair) == hash(frozen_pair)      # the same hash values, not only consistent ones
    assert hash(Pair(label)) == hash(FrozenPair(label)) == hash((label, None))


@given(left=hashable, right=hashable, other=hashable)
def test_hash_and_eq_over_generated_values(left, right, other):
    assert (Pair(left, right) == Pair(other, right)) == (FrozenPair(left, right) == FrozenPair(other, right))
    assert hash(Pair(left, right)) == hash(FrozenPair(left, right))
    assert repr(Pair(left, right)).removeprefix("Pair") == repr(FrozenPair(left, right)).removeprefix("FrozenPair")
    assert {Pair(left, right), Pair(left, right)} == {Pair(left, right)}


def test_frozen_on_assignment_and_deletion():
    for made in (RECORD(1, unit="mm"), FROZEN(1, unit="mm")):
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
            made.x = 2
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'new'"):
            made.new = 2
        with pytest.raises(FrozenInstanceError, match="cannot delete field 'label'"):
            del made.label
        assert made.x == 1


def test_the_same_init_signature_and_fields():
    assert str(inspect.signature(RECORD3)) == str(inspect.signature(FROZEN3))
    assert str(inspect.signature(RECORD3)) == ("(x: 'int', label: 'str' = '', tags: 'list' = <factory>, "
                                               "weight: 'float' = 1.0, z: 'int' = 0, *, unit: 'str') -> None")
    assert [f.name for f in dataclasses.fields(RECORD3)] == ["x", "label", "tags", "weight", "unit", "z", "derived"]
    assert RECORD3.__match_args__ == FROZEN3.__match_args__ == ("x", "label", "tags", "weight", "z")
    assert RECORD3.__doc__ == FROZEN3.__doc__ == "Point3" + str(inspect.signature(FROZEN3)).removesuffix(" -> None")
    assert dataclasses.is_dataclass(RECORD3) and dataclasses.is_dataclass(RECORD3(1, unit="mm"))


def test_default_factory_gives_a_fresh_object_each_time():
    first, second = RECORD(1, unit="mm"), RECORD(1, unit="mm")
    assert first.tags == [] and first.tags is not second.tags
    given_tags = ["a"]
    assert RECORD(1, "", given_tags, unit="mm").tags is given_tags


def test_kw_only_and_post_init_and_init_false():
    made = RECORD3(1, "abcdef", unit="mm", z=5)
    twin = FROZEN3(1, "abcdef", unit="mm", z=5)
    assert (made.label, made.derived, made.z, made.unit) == ("abc", "abcabc", 5, "mm")
    assert repr(made) == repr(twin)
    assert dataclasses.replace(made, label="xyzxyz").derived == "xyzxyz"     # __post_init__ again
    with pytest.raises(ValueError, match="init=False"):
        dataclasses.replace(made, derived="no")
    assert FormatCheck("item", True, "a", "b", excerpt="x" * 40).excerpt == "x" * 24 + "……"


@pytest.mark.parametrize("call", [
    lambda cls: cls(),                          # missing positional
    lambda cls: cls(1),                         # missing keyword-only
    lambda cls: cls(1, unit="mm", colour=2),    # unknown keyword
    lambda cls: cls(1, "a", [], 1.0, "mm"),     # keyword-only given by position
    lambda cls: cls(1, x=1, unit="mm"),         # twice
    lambda cls: cls(1, unit="mm", derived="d"),  # init=False
])
def test_a_wrong_call_raises_the_dataclass_type_error(call):
    with pytest.raises(TypeError) as by_record:
        call(RECORD3)
    with pytest.raises(TypeError) as by_frozen:
        call(FROZEN3)
    assert str(by_record.value) == str(by_frozen.value)


def test_non_default_after_default_is_refused_as_by_dataclass():
    namespace = {"__annotations__": {"a": "int", "b": "int"}, "a": 0}
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        dataclass(frozen=True)(type("Bad", (), dict(namespace)))
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        record(type("Bad", (), dict(namespace)))


@pytest.mark.parametrize("namespace, message", [
    ({"__annotations__": {"a": "int"}, "a": field(compare=False)}, "field 'a' sets compare, repr or hash"),
    ({"__annotations__": {"a": "int"}, "a": field(repr=False)}, "field 'a' sets compare, repr or hash"),
    ({"__annotations__": {"a": "int"}, "a": field(hash=True)}, "field 'a' sets compare, repr or hash"),
    ({"__annotations__": {"a": "dataclasses.InitVar[int]"}}, "InitVar 'a' is not supported"),
    ({"__annotations__": {"a": dataclasses.InitVar[int]}}, "InitVar 'a' is not supported"),
    ({"__annotations__": {"a": "int"}, "__eq__": lambda self, other: True}, "defines __eq__"),
    ({"__annotations__": {"a": "int"}, "__setattr__": object.__setattr__}, "defines __setattr__"),
])
def test_what_records_do_not_support_is_refused_when_declared(namespace, message):
    with pytest.raises(TypeError, match=message):
        record(type("Odd", (), {"__module__": __name__, **namespace}))


def test_a_record_cannot_derive_from_a_mutable_dataclass():
    mutable = dataclass(type("Working", (), {"__annotations__": {"a": "int"}}))
    with pytest.raises(TypeError, match="cannot derive from the mutable dataclass Working"):
        record(type("Value", (mutable,), {"__annotations__": {"b": "int"}}))


def test_pickle_and_copy_round_trip():
    request = BuildRequest(out_dir="/tmp/o", formats=("docx", "pdf"), brief_formats=("pdf",), final=True)
    result = FolderResult("a", "OK", 3, ("a.docx",), (), ())
    nested = Pair(Pair(1, [2]), {"k": (3,)})
    for value in (request, result, nested):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(value, protocol))
            assert back == value and repr(back) == repr(value) and type(back) is type(value)
        assert copy.copy(value) == value and copy.deepcopy(value) == value
    assert copy.deepcopy(nested).left.right is not nested.left.right
    with pytest.raises(FrozenInstanceError):
        pickle.loads(pickle.dumps(request)).final = False


def test_repr_of_a_record_within_itself():
    made, twin = Pair([]), FrozenPair([])
    made.left.append(made)
    twin.left.append(twin)
    assert repr(made) == "Pair(left=[...], right=None)"
    assert repr(twin) == "FrozenPair(left=[...], right=None)"


@pytest.mark.parametrize("annotations", [{}, {"only": "str"}, {"a": "int", "b": "str", "c": "float"},
                                         {"a": int, "b": tuple[int, str], "c": dataclasses.Field}])
@given(data=st.data())
def test_any_number_of_fields(annotations, data):
    made = record(type("Few", (), {"__module__": __name__, "__annotations__": annotations}))
    twin = dataclass(frozen=True)(type("Few", (), {"__module__": __name__, "__annotations__": annotations}))
    values = [data.draw(hashable) for _ in annotations]
    assert hash(made(*values)) == hash(twin(*values)) == hash(tuple(values))
    assert repr(made(*values)) == repr(twin(*values))
    assert made(*values) == made(*values) and made.__doc__ == twin.__doc__
