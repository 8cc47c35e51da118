"""Unit conversions between millimetres, points and Word's twips.

These are definitions of the units (1 in = 25.4 mm = 72 pt, 1 pt = 20 twips),
not numbers of the official format; those live in the profile.
"""

MM_PER_INCH = 25.4
PT_PER_INCH = 72
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_INCH / MM_PER_INCH


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_INCH / PT_PER_INCH


def pt_to_twips(pt: float) -> int:
    """Nearest whole twip (Word stores lengths as integers)."""
    return round(pt * TWIPS_PER_PT)


def mm_to_twips(mm: float) -> int:
    return pt_to_twips(mm_to_pt(mm))
