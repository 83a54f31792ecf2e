"""Indonesian number formats for everything a person reads: ``2.017.461.467``, ``68,94``."""

from __future__ import annotations

import functools
import math
from decimal import Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from .rounding import round_half_up


def angka(x: float | None, decimals: int | None = None, *, max_decimals: int = 2) -> str:
    """``2017461467`` -> ``2.017.461.467``; ``68.9411`` -> ``68,94``; fixed decimals when given."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    least, most = (0, max_decimals) if decimals is None else (decimals, decimals)
    x = round_half_up(x, most)  # rounding the largest floats up can pass the largest float
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return _written(x, least, most)


# Below 2**40 a float rounded to at most 3 decimals lies within 0,00013 of that decimal value,
# so printing the float itself at that precision gives the digits of its shortest repr.
_FLOAT_EXACT = float(2 ** 40)


def _written(x: float, least: int, most: int) -> str:
    """``x`` (already rounded to ``most`` decimals) with ``least`` to ``most`` decimals, in
    Indonesian signs: what babel's ``format_decimal(x, "#,##0.##", locale="id")`` writes,
    by Python's own grouping (babel's pattern machinery took 70 % of a report's data)."""
    if most <= 3 and -_FLOAT_EXACT < x < _FLOAT_EXACT:  # the float's own digits are its shortest repr's
        value, negative = abs(x), math.copysign(1.0, x) < 0
    else:
        value = Decimal(str(x))  # babel's reading of a float: its shortest repr
        value, negative = abs(value), value.is_signed()
    text = format(value, f",.{most}f")
    if least < most:
        whole, _, fraction = text.partition(".")
        fraction = fraction[:least] + fraction[least:].rstrip("0")
        text = f"{whole}.{fraction}" if fraction else whole
    signs, minus = _indonesian_signs()
    text = text.translate(signs)
    return minus + text if negative else text


@functools.lru_cache(maxsize=None)
def _indonesian_signs() -> tuple[dict, str]:
    """Group and decimal signs as a translation of Python's ``,`` and ``.``, and the minus
    sign, for Indonesian (CLDR, from babel): ``.``, ``,`` and ``-``."""
    return (str.maketrans({",": get_group_symbol("id"), ".": get_decimal_symbol("id")}),
            get_minus_sign_symbol("id"))


def persen(x: float | None, decimals: int | None = None) -> str:
    """``68.9411`` -> ``68,94%``."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return angka(x, decimals) + "%"


def rupiah(x: float | None) -> str:
    return angka(x, max_decimals=2)


def poin(x: float | None) -> str:
    """Percentage points with sign: ``+5,2`` / ``-18,3``."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    text = angka(abs(x), max_decimals=2)
    return ("+" if x > 0 else "-" if x < 0 else "") + text
