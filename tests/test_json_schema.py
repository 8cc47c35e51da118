"""The content format's JSON Schema (docgen/schema/report.schema.json) against the loader.

Every bundled and fixture content validates; a misspelt key, a wrong type or an
unknown role does not; and the schema's field names at each place are exactly the
names the loader's `fields(...)` accepts there, recorded while the loader reads
contents that use every element.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from conftest import require
from docgen.content import load
from docgen.content.yamltree import parse
from docgen.paths import BUNDLED_EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docgen" / "schema" / "report.schema.json"
CONTENTS = sorted([BUNDLED_EXAMPLE / "report.yaml", ROOT / "content" / "example-full" / "report.yaml",
                   *(ROOT / "tests" / "fixtures").rglob("report.yaml")])


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    require(importlib.util.find_spec("jsonschema") is not None, "the jsonschema package is not installed")
    from jsonschema import Draft202012Validator
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _data(text: str):
    """The YAML as plain data, read as docgen's ruamel reader does (dates stay text, as
    the loader and a YAML 1.2 editor read them)."""
    data, problems = parse(text)
    assert problems == []
    return json.loads(json.dumps(data, ensure_ascii=False))


def _errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("file", CONTENTS, ids=lambda f: str(f.relative_to(ROOT)))
def test_every_content_validates(validator, file: Path):
    assert _errors(validator, _data(file.read_text(encoding="utf-8"))) == []


def test_bundled_content_names_the_schema_relative_to_itself():
    for file in (BUNDLED_EXAMPLE / "report.yaml", ROOT / "content" / "example-full" / "report.yaml"):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../docgen/schema/report.schema.json"
        assert (file.parent / first.split("=", 1)[1]).resolve() == SCHEMA_FILE


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(yaer=2023), ""),                                                 # misspelt key
    (lambda d: d.update(year="2023年"), "year"),                                         # wrong type
    (lambda d: d["sections"][0].update(role="achievements"), "sections/0/role"),         # bad role
    (lambda d: d["sections"][0]["sections"][0].update(role="measures"), "sections/0/sections/0"),  # role below
    (lambda d: d["sections"][0]["sections"][0].update(titel="x"), "sections/0/sections/0"),
    (lambda d: d.update(kind="report"), "kind"),
    (lambda d: d.update(date="2024/03/29"), "date"),
    (lambda d: d["metrics"]["one_thing_cases"].update(highlight="yes"), "metrics/one_thing_cases/highlight"),
    (lambda d: d["metrics"].update({"one-thing": {"label": "x", "value": "1件"}}), "metrics"),
    (lambda d: d.update(letterhead={"organ": "某政府", "number": "新府发[2024]12号"}), "letterhead/number"),
    (lambda d: d.update(issuer="**无锡市**"), "issuer"),
])
def test_a_wrong_field_fails(validator, change, where):
    data = _data((BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8"))
    change(data)
    errors = _errors(validator, data)
    assert errors and all(e.startswith(where) for e in errors), errors


# Where the loader checks a mapping's keys (the field path of the node it reads), the
# schema object that describes the same mapping, and the names the loader reads there
# only to refuse them with a message of their own (a section below the top has no role:
# "only top-level sections have a role"), which the schema leaves out.
NO_ROLE = frozenset({"role"})
PLACES = [
    (r"", "#", frozenset()),
    (r"letterhead", "#/properties/letterhead", frozenset()),
    (r"distribution", "#/properties/distribution", frozenset()),
    (r"brief", "#/properties/brief", frozenset()),
    (r"checklist\[\d+\]", "#/properties/checklist/items", frozenset()),
    (r"metrics\.\w+", "#/$defs/metric", frozenset()),
    (r"sections\[\d+\]", "#/$defs/topSection", frozenset()),
    (r"attachments\[\d+\]\.sections\[\d+\]", "#/$defs/subsection1", NO_ROLE),
    (r"(attachments\[\d+\]\.)?sections\[\d+\](\.sections\[\d+\])+", "#/$defs/subsection2", NO_ROLE),
    (r"attachments\[\d+\]", "#/$defs/attachment", frozenset()),
    (r".*\.table", "#/$defs/table", frozenset()),
    (r".*\.rows\[\d+\]", "#/$defs/table/properties/rows/items/anyOf/1", frozenset()),
    (r".*(paragraphs|preamble)\[\d+\]:table", "#/$defs/items/items/anyOf/2", frozenset()),
    (r".*(paragraphs|preamble)\[\d+\]", "#/$defs/paragraph", frozenset()),
]
# Required where the loader asks for them itself rather than through fields(): a top-level
# section's role ("missing: a top-level section needs a role").
ALSO_REQUIRED = {"#/$defs/topSection": {"role"}}


def _resolve(schema: dict, pointer: str) -> dict:
    node = schema
    for token in pointer.removeprefix("#").strip("/").split("/") if pointer != "#" else []:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _names(schema: dict, node: dict) -> tuple[set[str], set[str]]:
    """The field names a schema object allows and requires, with those of a section's $ref."""
    names, required = set(node.get("properties", {})), set(node.get("required", ()))
    if "$ref" in node:
        more, more_required = _names(schema, _resolve(schema, node["$ref"]))
        names, required = names | more, required | more_required
    return names, required


def test_schema_and_loader_agree_on_field_names(schema, monkeypatch, tmp_path):
    seen: dict[str, tuple[set[str], set[str]]] = {}
    fields = load._Reader.fields

    def recording(self, node, required, optional):
        key = node.field + (":table" if required == ("table",) else "")
        pointer, refused = next((p, r) for pattern, p, r in PLACES if re.fullmatch(pattern, key))
        names = (set(required) | set(optional)) - refused, set(required)
        assert seen.setdefault(pointer, names) == names, key
        return fields(self, node, required, optional)

    monkeypatch.setattr(load._Reader, "fields", recording)
    # No content above has a checklist (`new-year` writes one): the bundled report with one.
    with_checklist = tmp_path / "checklist"
    with_checklist.mkdir()
    (with_checklist / "report.yaml").write_text((BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8")
                                                + "checklist:\n  - item: 推进执法规范化\n    addressed: true\n",
                                                encoding="utf-8")
    for folder in [file.parent for file in CONTENTS] + [with_checklist]:
        load.load_report(folder)
    assert set(seen) == {pointer for _, pointer, _ in PLACES}     # every place was read by the loader
    for pointer, (loader_names, loader_required) in seen.items():
        node = _resolve(schema, pointer)
        assert _names(schema, node) == (loader_names, loader_required | ALSO_REQUIRED.get(pointer, set())), pointer
        assert node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False, pointer


def test_schema_enums_are_the_models(schema):
    from docgen.content.model import KINDS, NUMBERINGS, ROLES
    assert tuple(schema["properties"]["kind"]["enum"]) == KINDS
    assert tuple(schema["$defs"]["topSection"]["properties"]["role"]["enum"]) == ROLES
    assert tuple(schema["$defs"]["sectionFields"]["properties"]["numbering"]["enum"]) == NUMBERINGS
