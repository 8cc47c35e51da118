"""What a failure the library knows of says to the user: its lines and the exit code.

One place for the words, so that a single build (cli.py, which prints them and exits)
and each folder of a batch (batch.py, whose worker sends them home as a result row)
say the same thing about the same problem: every error located file:line:column, and
whether anything was written. An exception not listed here is a bug in docgen.
"""

from __future__ import annotations

from docgen.build import CheckFailed, NotFinal
from docgen.errors import ContentErrors, MissingGlyphs
from docgen.format.profile import ProfileError
from docgen.output import OutputError
from docgen.record import record
from docgen.settings import SettingsErrors

NOTHING_WRITTEN = "nothing was written."


@record
class Failure:
    lines: tuple[str, ...]      # what failed and why, one problem a line
    code: int                   # the exit code: 2 for a broken format profile (a usage error), else 1


def described(exc: BaseException, writes: bool = True, content: str = "") -> Failure | None:
    """exc in words, or None if docgen does not know it. `writes`: the command writes files
    (say that nothing was written); `content`: the folder whose content errors these are,
    if not obvious."""
    tail = [NOTHING_WRITTEN] if writes else []
    lines: list[str]
    code = 1
    if isinstance(exc, ContentErrors):
        where = f" in {content}" if content else ""
        lines = [str(e) for e in exc.errors] + [
            f"{len(exc.errors)} error(s){where}" + (f"; {NOTHING_WRITTEN}" if writes else ".")]
    elif isinstance(exc, NotFinal):
        lines = [f"{item}" for item in exc.items] + [
            f"not final: {len(exc.items)} open item(s); {NOTHING_WRITTEN}"]
    elif isinstance(exc, CheckFailed):
        lines = [finding.line() for finding in exc.findings] + [
            f"{len(exc.findings)} error(s) found by the checks before publishing (`docgen check` shows "
            f"the warnings too; `--no-check` builds anyway); {NOTHING_WRITTEN}"]
    elif isinstance(exc, SettingsErrors):
        code = 2 if isinstance(exc, ProfileError) else 1
        lines = exc.problems + [f"{len(exc.problems)} error(s) in {exc.what}"
                                + (f"; {NOTHING_WRITTEN}" if writes else ".")]
    elif isinstance(exc, _plain_errors()):
        lines = [f"error: {line}" for line in str(exc).splitlines()] + tail
    elif isinstance(exc, OutputError):
        lines = [f"error: {exc}"] + ([] if exc.replaced else tail)
    elif isinstance(exc, OSError):
        what = f"{exc.filename}: " if exc.filename else ""
        lines = [f"error: {what}{exc.strerror or exc}"] + tail
    else:
        return None
    return Failure(tuple(lines), code)


def _plain_errors() -> tuple[type[Exception], ...]:
    """The failures said as `error: <message>`, a line each; their modules imported only once
    something failed, as not every command loads them (issue 16: start-up time)."""
    from docgen.checking.fix import FixError
    from docgen.checking.format_report import UnreadableFile
    from docgen.content.rollover import RolloverError
    from docgen.fonts.choose import FontError
    from docgen.importing import ImportRefused
    return (FontError, MissingGlyphs, RolloverError, ImportRefused, FixError, UnreadableFile)
