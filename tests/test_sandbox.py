"""The template sandbox end to end through the CLI: a text's template sees plain values only,
may not include files, call functions or print internals, and its work is bounded.

Each hostile template (the cases of issue 8's probe) is put in the preamble of a small valid
report and must give, from `docgen validate` and from `docgen build --format docx`,

    report.yaml:LINE:COLUMN: preamble: what is wrong

with exit code 1, no traceback, nothing written, and no file outside read or written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from docgen.cli import main
from docgen.content import templating
from docgen.content.load import load_report
from docgen.content.resolve import resolve
from docgen.format.profile import load_profile

SECRET = "SECRET-7d1c0f"        # the content of a file no template may read

# Line 11 holds the preamble; its value starts at column 11.
REPORT = """\
kind: annual-report
year: 2023
issuer: 无锡市新吴区人民政府
date: 2024-03-29
signature: 无锡市新吴区人民政府
metrics:
  cases:
    label: 办件总量
    value: 3.6万件
    previous: 3.2万件
preamble: {preamble}
sections:
  - role: measures
    title: 主要举措和成效
    paragraphs:
      - 全年办件总量为{{{{ metrics.cases }}}}。
"""
WHERE = "report.yaml:11:11: preamble: "


def _quoted(template: str) -> str:
    """The template as a YAML single-quoted scalar."""
    return "'" + template.replace("'", "''") + "'"


@dataclass(frozen=True)
class Hostile:
    id: str
    template: str          # {outside}: a folder beside the content; {secret}: a file holding SECRET
    message: str


def _hostile_cases() -> list[Hostile]:
    """The probe's cases (tests/fixtures/hostile-templates.yaml) and three too long to write there."""
    data = YAML(typ="safe").load((Path(__file__).parent / "fixtures" / "hostile-templates.yaml").read_text("utf-8"))
    too_deep = "the template is nested too deeply"
    return [Hostile(**case) for case in data] + [
        Hostile("huge-literal", "{{ 1" + "0" * 40 + " }}", "a number too large (more than 30 digits)"),
        Hostile("deep-expression", "{{ 1" + " + 1" * 2400 + " }}", too_deep),
        Hostile("deep-loops", "{% for a in issuer %}" * 25 + "{% endfor %}" * 25, too_deep)]


HOSTILE = _hostile_cases()


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"" for p in sorted(root.rglob("*"))}


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _assert_refused(workdir: Path, template: str, message: str) -> None:
    outside = workdir / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (workdir / "c").mkdir()
    text = template.replace("{secret}", str(secret)).replace("{outside}", str(outside))
    (workdir / "c" / "report.yaml").write_text(REPORT.format(preamble=_quoted(text)), encoding="utf-8")
    before = _tree(workdir)
    for args in (("validate", "c"), ("build", "c", "--format", "docx", "--out", "out")):
        result = _run(*args)
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert lines[0] == f"c/{WHERE}{message}", lines
        assert len(lines) == 2 and lines[1].startswith("1 error(s)")
        assert "Traceback" not in result.output and SECRET not in result.output
        assert "secret.txt" not in result.output and "0x" not in result.output
    assert _tree(workdir) == before                     # nothing written, inside or outside


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_a_hostile_template_is_refused_where_it_was_written(workdir, case):
    _assert_refused(workdir, case.template, case.message)


def test_a_template_that_runs_too_long_is_stopped(workdir, monkeypatch):
    """Within the loop-step budget, but each step searches 100,000 characters: ~10 s unbounded."""
    monkeypatch.setattr(templating, "TIME_LIMIT_S", 0.2)
    started = time.monotonic()
    _assert_refused(workdir, "{% set a = 'x' * 99999 %}{% set b = 'x' * 99998 ~ 'y' %}"
                             "{% for i in 'x' * 300 %}{% for j in 'x' * 300 %}{% if b in a %}{% endif %}"
                             "{% endfor %}{% endfor %}",
                    "the template takes too long (more than 0.2 seconds)")
    assert time.monotonic() - started < 2.0                 # validate and build, 0.2 s each and the rest


def _preamble(tmp_path: Path, template: str) -> str:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "report.yaml").write_text(REPORT.format(preamble=_quoted(template)), encoding="utf-8")
    return str(resolve(load_report(tmp_path / "c"), load_profile()).preamble[0].text)


@pytest.mark.parametrize("template, expected", [
    ("{{ year }}年{{ issuer }}", "2023年无锡市新吴区人民政府"),
    ("截至{{ date }}", "截至2024年3月29日"),
    ("{{ metrics.cases }}，{{ metrics.cases.label }}，{{ metrics['cases'].previous }}，{{ metrics.cases.yoy }}",
     "3.6万件，办件总量，3.2万件，同比增长12.5%"),
    ("{{ year - 1 }}年至{{ year }}年", "2022年至2023年"),
    ("{{ issuer[0:3] ~ metrics.cases ~ year }}", "无锡市3.6万件2023"),
    ("{% if metrics.cases.rank %}有{% else %}无{% endif %}排名", "无排名"),
    ("{% for c in '一二三' %}{{ loop.index }}{{ c }}{% endfor %}", "1一2二3三"),
    ("{% set n = issuer | length %}{{ n * 2 }}", "20"),
    ("{{ 7 // 2 }}{{ 7 % 2 }}{{ 2 ** 10 }}", "311024"),
])
def test_the_template_language_a_report_needs_still_works(tmp_path, template, expected):
    assert _preamble(tmp_path, template) == expected


def test_templates_see_plain_values_only():
    report = load_report(Path(__file__).parent / "fixtures" / "all-elements")
    profile = load_profile()
    context = templating.template_context(year=report.year, issuer=report.issuer, date="2024年2月28日",
                                          metrics=report.metrics, yoy_style=profile.year_on_year)
    assert set(context) == {"year", "issuer", "date", "metrics"}
    assert [type(context[name]) for name in ("year", "issuer", "date")] == [int, str, str]   # not Text
    record = templating.metric_record(report.metrics["cases"], profile.year_on_year)
    assert [type(getattr(record, name)) for name in templating.METRIC_FIELDS] == [str] * 6
    assert (record.value, record.label, record.previous, record.yoy) == (
        "1200余件", "办理案件", "1000件", "同比增长20%")


def test_an_unquoted_template_value_gets_the_quote_hint(workdir):
    (workdir / "c").mkdir()
    (workdir / "c" / "report.yaml").write_text(REPORT.format(preamble="{{ year }}年，本区坚持依法行政。"),
                                               encoding="utf-8")
    result = _run("validate", "c")
    assert result.exit_code == 1
    error, summary = result.stderr.splitlines()
    assert summary == "1 error(s)."
    assert error == ("c/report.yaml:11:11: this value starts with {{, which YAML reads as the start of a "
                     "mapping: put the whole text in quotes, e.g. \"{{ year }}年……\"")
