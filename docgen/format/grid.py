"""What the profile's grid makes of a character and of a 字, decided once for every writer.

GB/T 9704-2012 §5.2.2 sets 28 characters a line. A body character of 16 pt is
wider than the 15.79 pt the line allows, so each one is narrowed. Word stores
character spacing in whole 1/20 pt (twips): the next whole twip is −0.25 pt,
and the profile adds one more (−0.3 pt; LibreOffice 7.4 loses hanging marks
at −0.25 pt, README "Notes on rendering"); the PDF narrows by the same amount,
and both justify what is left (28 × 15.7 pt = 439.6 pt of the 442.2 pt line)
by spreading it between the characters. Between a hanzi and a digit or Latin
letter both suites add space (script_space_pt), as the PDF does. Indents are
in 字 of the body size, as the profile defines the unit and as Word reads
firstLineChars; the plan and both writers use this one
measure. Every writer calls these functions and computes neither itself.
"""

from __future__ import annotations

import math

from docgen.format.profile import Profile
from docgen.format.units import TWIPS_PER_PT


def tracking_pt(profile: Profile, size_pt: float) -> float:
    """Spacing added after every character of this size (0 or negative): text of the
    body size is narrowed by the next whole twip so that chars_per_line fit a line,
    and by the profile's extra twips (line_breaking.extra_narrowing_twips)."""
    if size_pt != profile.body.size_pt:
        return 0.0
    excess_twips = (profile.char_pitch_pt - size_pt) * TWIPS_PER_PT
    twips = math.floor(excess_twips + 1e-9)
    if twips >= 0:
        return 0.0
    return (twips - profile.line_breaking.extra_narrowing_twips) / TWIPS_PER_PT


def script_space_pt(profile: Profile, size_pt: float) -> float:
    """The space between a hanzi and a digit or Latin letter next to it."""
    return profile.line_breaking.script_space_em * size_pt


def char_unit_pt(profile: Profile) -> float:
    """What one 字 of an indent measures: a character of the body size."""
    return profile.body.size_pt
