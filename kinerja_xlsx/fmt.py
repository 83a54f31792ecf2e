"""Indonesian number formats for everything a person reads: ``2.017.461.467``, ``68,94``."""

from __future__ import annotations

import functools
import math
from decimal import localcontext

from babel import Locale
from babel.numbers import parse_pattern

from .rounding import round_half_up


def angka(x: float | None, decimals: int | None = None, *, max_decimals: int = 2) -> str:
    """``2017461467`` -> ``2.017.461.467``; ``68.9411`` -> ``68,94``; fixed decimals when given."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if decimals is None:
        pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
        x = round_half_up(x, max_decimals)
    else:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        x = round_half_up(x, decimals)
    with localcontext() as ctx:  # babel quantizes in the current context: room for 1e308
        ctx.prec = max(28, int(math.log10(abs(x) or 1)) + (decimals or max_decimals) + 5)
        return _pattern(pattern).apply(x, _indonesian())  # = babel's format_decimal(x, pattern, "id")


@functools.lru_cache(maxsize=None)
def _indonesian() -> Locale:
    return Locale.parse("id")


@functools.lru_cache(maxsize=64)
def _pattern(pattern: str):
    """babel parses the pattern (and the locale) on every call: a report has thousands of figures."""
    return parse_pattern(pattern)


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
