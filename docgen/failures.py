"""What a failure the library knows of says to the user: its lines and its exit code.

One home for the wording, so that `docgen build` (which prints the lines and exits) and
`docgen watch` (which prints them and waits for the next save) say the same thing:
each content error as file:line:column: field: message, each finding of the checks,
each problem of a profile, then a count and whether anything was written.
"""

from __future__ import annotations

from docgen.build import CheckFailed, NotFinal
from docgen.errors import ContentErrors
from docgen.format.profile import ProfileError
from docgen.output import OutputError
from docgen.settings import SettingsErrors

NOTHING_WRITTEN = "nothing was written."
PROFILE_EXIT = 2        # a profile (or a configuration of the command) is wrong, not the content


def failure_lines(exc: Exception, writes: bool = True, content: str = "") -> list[str]:
    """The lines that tell what failed and why. `writes`: the command writes files (say
    that nothing was written); `content`: the folder whose content errors these are, if not
    obvious. Failures without a form of their own (a font, a missing glyph…) are said line by
    line as errors."""
    tail = [NOTHING_WRITTEN] if writes else []
    if isinstance(exc, ContentErrors):
        where = f" in {content}" if content else ""
        return ([str(e) for e in exc.errors]
                + [f"{len(exc.errors)} error(s){where}" + (f"; {NOTHING_WRITTEN}" if writes else ".")])
    if isinstance(exc, NotFinal):
        return [f"{item}" for item in exc.items] + [f"not final: {len(exc.items)} open item(s); {NOTHING_WRITTEN}"]
    if isinstance(exc, CheckFailed):
        return ([finding.line() for finding in exc.findings]
                + [f"{len(exc.findings)} error(s) found by the checks before publishing (`docgen check` shows "
                   f"the warnings too; `--no-check` builds anyway); {NOTHING_WRITTEN}"])
    if isinstance(exc, SettingsErrors):
        return exc.problems + [f"{len(exc.problems)} error(s) in {exc.what}"
                               + (f"; {NOTHING_WRITTEN}" if writes else ".")]
    if isinstance(exc, OutputError):
        return [f"error: {exc}"] + ([] if exc.replaced else tail)
    if isinstance(exc, OSError):
        what = f"{exc.filename}: " if exc.filename else ""
        return [f"error: {what}{exc.strerror or exc}"] + tail
    return [f"error: {line}" for line in str(exc).splitlines()] + tail


def exit_code(exc: Exception) -> int:
    return PROFILE_EXIT if isinstance(exc, ProfileError) else 1
