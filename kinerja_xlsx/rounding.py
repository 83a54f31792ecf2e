"""Comparing a reported figure with the computed one at the reported precision.

"Within rounding" (WORKBOOK.md section 3): the reported value, at the number of
decimals it was written with, equals the computed value rounded half-up to those
decimals. Decimal arithmetic keeps binary noise (0.3333 stored for 33,33%) out.
"""

from __future__ import annotations

import functools
import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal


def _dec(x: float) -> Decimal:
    # repr round-trips a float; 15 significant digits drop binary noise of the division
    return Decimal(format(x, ".15g"))


# Room for every digit of any float at the precisions used here (1e308 at 2 decimals needs
# 311); a context made once instead of one per call.
_CONTEXT = Context(prec=400)


@functools.lru_cache(maxsize=64)
def _step(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


# Whole numbers below this have at most 15 digits: ".15g" reads them exactly, so rounding
# them to any number of decimals gives them back unchanged (rupiah, counts, most targets).
_WHOLE_EXACT = 1e15


# Below this many units of the last decimal (|x| x 10^decimals), reading x as 15 digits
# (see _dec) and scaling it in binary each move it by less than 6e-7 of a unit.
_SCALED_LIMIT = 1e8
# How far from a tie (half-up) or a whole unit (down) a scaled figure must be for binary
# arithmetic to round it as the decimal arithmetic does: more than both errors above.
_MARGIN = 1e-6


def _quantize(x: float, decimals: int, rounding: str) -> float:
    if not math.isfinite(x):
        return x
    if decimals >= 0 and -_WHOLE_EXACT < x < _WHOLE_EXACT and float(x).is_integer():
        return float(x)
    if 0 <= decimals <= 15:
        # Most figures are nowhere near a tie: the digit to keep is plain to see in binary, and
        # whole / 10^decimals (two exact doubles, one correctly rounded division) is the double
        # the decimal result reads as. Decimal there was 2 % of a 500-unit check's instructions.
        scaled = abs(x) * 10.0 ** decimals
        if scaled < _SCALED_LIMIT:
            whole = math.floor(scaled)
            rest = scaled - whole
            if rounding == ROUND_HALF_UP and abs(rest - 0.5) > _MARGIN:
                return math.copysign((whole + (rest > 0.5)) / 10.0 ** decimals, x)
            if rounding == ROUND_DOWN and _MARGIN < rest < 1 - _MARGIN:
                return math.copysign(whole / 10.0 ** decimals, x)
    return _quantized(x, decimals, rounding)


def _quantized(x: float, decimals: int, rounding: str) -> float:
    """The rounding itself, in decimal arithmetic."""
    d = _dec(x)
    need = d.adjusted() + decimals + 3
    context = _CONTEXT if need <= _CONTEXT.prec else Context(prec=need)
    return float(d.quantize(_step(decimals), rounding=rounding, context=context))


def round_half_up(x: float, decimals: int) -> float:
    return _quantize(x, decimals, ROUND_HALF_UP)


def truncate(x: float, decimals: int) -> float:
    return _quantize(x, decimals, ROUND_DOWN)


def _same(a: float, b: float, decimals: int) -> bool:
    return abs(a - b) < 0.5 * 10.0 ** (-decimals)


def within_rounding(reported: float, decimals: int, computed: float) -> bool:
    """True when ``reported`` is ``computed`` rounded half-up at the reported decimals."""
    return _same(reported, round_half_up(computed, decimals), decimals)


def rounding_slip(reported: float, decimals: int, computed: float) -> bool:
    """True when the reported figure differs only by truncation or another rounding at
    its own precision (``47,61`` for 47.619, ``48`` for 48.97): within one unit of its
    last written digit, and not within rounding."""
    if within_rounding(reported, decimals, computed):
        return False
    unit = 10.0 ** (-decimals)
    return abs(reported - computed) < unit * (1 + 1e-9)


# Below this a computed figure moves by less than 1e-6 when read as 15 digits (see _dec).
_NEAR_LIMIT = 1e9


def agrees(reported: float, decimals: int, computed: float) -> bool:
    """Within rounding or a rounding slip: the figure is right up to its precision.

    Both need the reported figure within about one unit of its last digit from the computed
    one (the rounded value is within half a unit of it, the reported within half a unit of
    that), so a figure 1,5 units away or more is refused without decimal arithmetic: the
    typo search asks this of every candidate, some 200.000 times for 500 serapan findings."""
    if decimals <= 5 and abs(computed) < _NEAR_LIMIT and not abs(reported - computed) < 1.5 * 10.0 ** (-decimals):
        return False
    return within_rounding(reported, decimals, computed) or rounding_slip(reported, decimals, computed)
