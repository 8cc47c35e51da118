"""Figures: read as officials write them (3.6万件, 9000余件, 96%), and computed from
the model: 同比 (year on year) from a metric's value and
last year's. Never typed: the clerk writes 3.6万件 this year and last year's
figure stays as `previous`; the sentence says 同比增长12.5%."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from docgen.content.model import Quantity
from docgen.format.profile import YearOnYearStyle

RATE_UNIT = "%"

_QUANTITY = re.compile(
    r"^(?P<prefix>近|约|超|逾|超过)?"
    r"(?P<number>\d+(?:\.\d+)?)"
    r"(?P<multiplier>万亿|万|亿)?"
    r"(?P<approx>余|多)?"
    r"(?P<unit>[^\d\s]*)$"
)


# A figure in a report has a handful of digits (255.54万元). At most 15, the change between two
# figures in per cent (up to 10^27 / 10^-14 · 100) is computed exactly within _PRECISION digits.
MAX_DIGITS = 15
MAX_CHARS = 30
_PRECISION = 80


def parse_quantity(display: str) -> Quantity:
    """Read a figure as written ("3.6万件", "9000余件", "96%"); ValueError if it is not one."""
    match = _QUANTITY.match(display)
    shown = display if len(display) <= MAX_CHARS else display[:MAX_CHARS] + "…"
    if match is None:
        raise ValueError(f"expected a figure such as 3.6万件, 9000余件 or 96%, got '{shown}'")
    digits = sum(ch.isdigit() for ch in match["number"])
    if digits > MAX_DIGITS:
        raise ValueError(f"a figure has at most {MAX_DIGITS} digits, got {digits} in '{shown}'")
    if len(display) > MAX_CHARS:
        raise ValueError(f"a figure is at most {MAX_CHARS} characters, got {len(display)} in '{shown}'")
    return Quantity(
        display=display,
        prefix=match["prefix"] or "",
        number=Decimal(match["number"]),
        multiplier=match["multiplier"] or "",
        approx=match["approx"] or "",
        unit=match["unit"],
    )


# Words after a figure that make it a bound, not a value (98%以上, 3万左右).
_BOUNDS = ("以上", "以下", "左右")


def is_exact(quantity: Quantity) -> bool:
    """Whether the figure states a value: not 近2万, 9000余件, 超3万 or 98%以上, which only bound it."""
    return not (quantity.prefix or quantity.approx or quantity.unit.endswith(_BOUNDS))


class NotComparable(ValueError):
    """The two figures cannot be compared (not exact, other units, last year zero)."""


def year_on_year(value: Quantity, previous: Quantity, style: YearOnYearStyle) -> str:
    """同比增长12.5% for counts and amounts; 同比下降3个百分点 for rates (unit %)."""
    if (value.unit == RATE_UNIT) != (previous.unit == RATE_UNIT) or value.unit != previous.unit:
        # 98%以上 reads as the unit "%以上": say what is wrong, not that the units differ
        inexact = [str(figure) for figure in (value, previous) if figure.unit.endswith(_BOUNDS)]
        if inexact:
            raise NotComparable(f"{inexact[0]} is not an exact figure: 同比 cannot be computed from it")
        raise NotComparable(f"this year's {value} and last year's {previous} have different units")
    with localcontext(prec=_PRECISION):
        if value.unit == RATE_UNIT:
            change = value.amount - previous.amount
            up, down, suffix = style.rate_up, style.rate_down, style.points
        else:
            if previous.amount == 0:
                raise NotComparable(f"last year's {previous} is zero: no percentage change")
            change = (value.amount - previous.amount) / previous.amount * 100
            up, down, suffix = style.up, style.down, "%"
        try:
            rounded = _rounded(abs(change), style.decimals)
        except InvalidOperation:
            raise NotComparable(f"the change from {previous} to {value} is too large to state") from None
        if rounded == 0:
            return style.same
        return f"{style.prefix}{up if change > 0 else down}{_plain(rounded)}{suffix}"


def _rounded(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _plain(number: Decimal) -> str:
    """12.50 → 12.5, 3.0 → 3, never 1E+1."""
    return format(number.normalize(), "f")
