"""What the profile's grid makes of a character and of a 字, decided once for every writer.

GB/T 9704-2012 §5.2.2 sets 28 characters a line. A body character of 16 pt is
wider than the 15.79 pt the line allows, so each one is narrowed. Word stores
character spacing in whole 1/20 pt (twips), so the DOCX can only narrow by
−0.25 pt; the PDF narrows by the same amount, and both justify what is left
(28 × 15.75 pt = 441 pt of the 442.2 pt line) by spreading it between the
characters. Indents are in 字 of the body size, as the profile defines the
unit and as Word reads firstLineChars; the plan and both writers use this one
measure. Every writer calls these functions and computes neither itself.
"""

from __future__ import annotations

import math

from docgen.format.profile import Profile
from docgen.format.units import TWIPS_PER_PT


def tracking_pt(profile: Profile, size_pt: float) -> float:
    """Spacing added after every character of this size (0 or negative): text of the
    body size is narrowed by the next whole twip so that chars_per_line fit a line."""
    if size_pt != profile.body.size_pt:
        return 0.0
    excess_twips = (profile.char_pitch_pt - size_pt) * TWIPS_PER_PT
    return min(0, math.floor(excess_twips + 1e-9)) / TWIPS_PER_PT


def char_unit_pt(profile: Profile) -> float:
    """What one 字 of an indent measures: a character of the body size."""
    return profile.body.size_pt
