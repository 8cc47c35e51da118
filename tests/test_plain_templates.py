"""Texts whose templates are plain lookups ({{ year }}, {{ metrics.x.rank }}) are rendered
without Jinja (content/templating.py); they must come out exactly as through the Jinja sandbox
(content/sandbox.py): the same text, the same metrics used at the same places, the same error.
Texts are generated from the pieces a report's text is made of, near misses included (a
brace in the text, whitespace control, an unknown metric or field, a 同比 that cannot be
computed, line ends Jinja rewrites)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.content import sandbox, templating
from docgen.content.load import load_report
from docgen.content.model import Location, Text
from docgen.content.templating import TemplateProblem, render_text, template_context
from docgen.format.profile import load_profile

REPORT = load_report(Path(__file__).parent / "fixtures" / "all-elements")
CONTEXT = template_context(year=REPORT.year, issuer=REPORT.issuer, date="2024年2月28日", metrics=REPORT.metrics,
                           yoy_style=load_profile().year_on_year)
METRIC_IDS = sorted(REPORT.metrics)
WHERE = Location(Path("report.yaml"), 3, 5)

_LOOKUPS = st.one_of(
    st.sampled_from(["year", "issuer", "date", "metrics", "nothing", "self", "true", "loop"]),
    st.builds(lambda m, f: f"metrics.{m}{f}", st.sampled_from(METRIC_IDS + ["unknown"]),
              st.sampled_from(["", ".value", ".label", ".previous", ".rank", ".comparison", ".yoy", ".id",
                               ".value.x", "[0]", ".0"])),
    st.builds(lambda f: f"year.{f}", st.sampled_from(["x", "value"])))
_TAGS = st.builds(lambda a, name, b: f"{{{{{a}{name}{b}}}}}", st.sampled_from(["", " ", "  ", "- ", "\t"]), _LOOKUPS,
                  st.sampled_from(["", " ", " -", "  "]))
_LITERALS = st.one_of(st.sampled_from(["", "全年", "，同比", "。", "件", "{", "}", "{#", "%}", "\n", "\r\n", "\r",
                                       " ", "{%", "}}"]), st.text(max_size=4))


def _rendered(text: Text) -> tuple[str, tuple, str]:
    try:
        result = render_text(text, CONTEXT)
        return str(result), result.uses, ""
    except TemplateProblem as problem:
        return "", (), str(problem.error)


def _through_jinja(text: Text, monkeypatch: pytest.MonkeyPatch) -> tuple[str, tuple, str]:
    with monkeypatch.context() as patch:
        patch.setattr(templating, "_plain_chunks", lambda source, context: None)
        return _rendered(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_TAGS, _LITERALS), max_size=7))
def test_plain_lookups_render_as_jinja_renders_them(pieces):
    text = Text("{{ year }}" + "".join(pieces), WHERE, "preamble")     # every text has a template
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _rendered(text) == _through_jinja(text, monkeypatch)


def test_only_what_is_more_than_plain_lookups_goes_through_jinja(monkeypatch):
    through_jinja: list[str] = []
    chunks = sandbox.chunks
    monkeypatch.setattr(sandbox, "chunks", lambda source, context: through_jinja.append(source) or
                        chunks(source, context))
    metric = METRIC_IDS[0]
    plain = ("{{ year }}年", f"全年{{{{ metrics.{metric} }}}}，{{{{metrics.{metric}.rank}}}}。", "{{ issuer }}")
    more = ("{{- year }}", "{{ year }}\n", "{ {{ year }}", "{{ year }}{% if 1 %}{% endif %}", "{{ nothing }}",
            "{{ metrics.unknown }}", "{{ year.x }}")
    for source in plain + more:
        _rendered(Text(source, WHERE, "preamble"))
    assert through_jinja == list(more)


def test_a_lookup_that_fails_says_what_jinja_says():
    text = Text("全年{{ metrics.unknown }}", WHERE, "preamble")
    assert _rendered(text)[2].startswith("report.yaml:3:5: preamble: unknown metric 'unknown' (metrics: ")
