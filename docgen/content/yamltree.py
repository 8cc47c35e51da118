"""YAML text → plain Python values that remember where each key and value was written.

The C parser (ruamel.yaml.clib) composes the node tree in milliseconds; we
turn nodes into dicts, lists and scalars ourselves so that positions survive
and so that dates stay text (the loader parses them with a located message:
a bad date such as 2024-13-01 must not crash inside the YAML library).
"""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

_TIMESTAMP = "tag:yaml.org,2002:timestamp"

Mark = tuple[int, int]          # 0-based line, column


class Mapping(dict):
    """A YAML mapping; key_marks and value_marks give where each key and value starts."""

    def __init__(self):
        super().__init__()
        self.key_marks: dict = {}
        self.value_marks: dict = {}


class Sequence(list):
    """A YAML sequence; item_marks[i] gives where item i starts."""

    def __init__(self):
        super().__init__()
        self.item_marks: list[Mark] = []


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    mark: Mark
    first: Mark


def parse(text: str) -> tuple[object, list[DuplicateKey]]:
    """The document's value and the keys written twice. Raises ruamel's MarkedYAMLError on bad syntax."""
    yaml = YAML(typ="safe")
    node = yaml.compose(text)
    duplicates: list[DuplicateKey] = []
    if node is None:
        return None, duplicates
    return _value(node, yaml.constructor, duplicates), duplicates


def _mark(node: Node) -> Mark:
    return node.start_mark.line, node.start_mark.column


def _value(node: Node, constructor, duplicates: list[DuplicateKey]):
    if isinstance(node, MappingNode):
        result = Mapping()
        for key_node, value_node in node.value:
            key = _value(key_node, constructor, duplicates)
            key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            if key in result:
                duplicates.append(DuplicateKey(str(key), _mark(key_node), result.key_marks[key]))
                continue
            result[key] = _value(value_node, constructor, duplicates)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result
    if isinstance(node, SequenceNode):
        result = Sequence()
        for item in node.value:
            result.append(_value(item, constructor, duplicates))
            result.item_marks.append(_mark(item))
        return result
    if node.tag == _TIMESTAMP:
        return node.value
    return constructor.construct_object(node, deep=True)
