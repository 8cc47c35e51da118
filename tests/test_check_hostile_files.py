"""`docgen check FILE` on files from outside: the hostile Word sources of the corpus (damaged,
a zip bomb, an entity to /etc/passwd, an external relationship, deep nesting) and damaged PDFs.
Each is checked or refused in one located line, exit 0 or 1, never a traceback, in bounded time."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

import hostile_corpus
from docgen.cli import main

SECONDS = 10            # a runaway guard, as the hostile corpus's
WORD = [case for case in hostile_corpus.cases() if case.id.startswith("import-docx")]


def _checked(path):
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.perf_counter() - started < SECONDS
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("case", WORD, ids=[case.id for case in WORD])
def test_a_hostile_word_file_is_checked_or_refused_in_one_line(case, tmp_path):
    folder = hostile_corpus.write(case, tmp_path)
    result = _checked(folder / "r.docx")
    if result.exit_code and not result.stdout:
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"error: {folder}/r.docx")
        assert "XML_PARSE" not in result.stderr          # the parser's own advice is not the clerk's


@pytest.mark.parametrize("damage", ["truncated", "header-only", "empty", "garbage-after-header"])
def test_a_damaged_pdf_is_refused_in_one_line(damage, tmp_path, built_pdf):
    data = built_pdf.read_bytes()
    path = tmp_path / "r.pdf"
    path.write_bytes({"truncated": data[: len(data) // 3], "header-only": b"%PDF-1.7\n", "empty": b"",
                      "garbage-after-header": b"%PDF-1.4\n" + bytes(range(256)) * 400}[damage])
    result = _checked(path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines() or result.stdout.splitlines()
    assert lines and (lines[0].startswith(f"error: {path}") or "FAIL" in result.stdout)
