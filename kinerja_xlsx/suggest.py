"""Naming the likely typing slip behind a wrong figure.

Working on the digits as written (``58,60`` -> ``5860``): one mistyped digit (a
difference of d x 10^k), two swapped neighbours (the difference divides by 9), a
misplaced decimal point or thousands separator (a factor of 10) and a percent typed as
a fraction (a factor of 100). The kinds are ordered by how often people make them
(Verhoeff 1969: single errors 60-95%, adjacent transpositions 10-20%), which is the
order candidates are ranked in when the numbers alone cannot decide.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator



class SlipKind(enum.IntEnum):
    """Most frequent first."""

    DIGIT = 0
    SWAP = 1
    FACTOR_10 = 2
    FACTOR_100 = 3
    FACTOR_1000 = 4


@dataclass(frozen=True)
class Slip:
    kind: SlipKind
    text: str  # Indonesian, for the suggestion


MAX_DIGITS = 17  # a float holds no more: beyond that the written digits are not the typed ones


def _digits(x: float, decimals: int) -> str:
    """The digits as written at ``decimals`` (``58,60`` -> ``5860``), exact for any size."""
    scaled = Decimal(format(x, ".15g")).scaleb(decimals)
    return str(abs(int(scaled.to_integral_value(rounding=ROUND_HALF_UP))))


def _digit(typed: str, should: str) -> Slip:
    return Slip(SlipKind.DIGIT, f"satu digit salah ketik (tertulis {typed}, seharusnya {should})")


def _swap(typed: str, should: str) -> Slip:
    return Slip(SlipKind.SWAP, f"dua digit bersebelahan tertukar (tertulis {typed}, seharusnya {should})")


def _factor(factor: int, larger: bool, *, percent: bool = False) -> Slip:
    kind = {10: SlipKind.FACTOR_10, 100: SlipKind.FACTOR_100, 1000: SlipKind.FACTOR_1000}[factor]
    shown = f"{factor:,}".replace(",", ".")
    if percent and factor == 100 and not larger:
        return Slip(kind, "persen ditulis sebagai pecahan (faktor 100)")
    how = f"{shown} kali nilai seharusnya" if larger else f"1/{shown} nilai seharusnya"
    return Slip(kind, f"letak pemisah desimal/ribuan bergeser: tertulis {how} (faktor {shown})")


def classify_slip(typed: float, should: float, decimals: int, *, percent: bool = True) -> Slip | None:
    """The slip that turns ``should`` into ``typed`` written at ``decimals``, or None."""
    if not (math.isfinite(typed) and math.isfinite(should)) or decimals < 0:
        return None
    a, b = _digits(typed, decimals), _digits(should, decimals)
    if a == b:
        return None
    # a computed 0,49 shown at 0 decimals is "0": it has no digits to compare with
    if len(a) == len(b) and (b != "0" or should == 0):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return _digit(a[diff[0]], b[diff[0]])
        i = diff[0]
        if len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]:
            return _swap(a[i:i + 2], b[i:i + 2])
    if should and typed:
        # the figure before the slip agrees with ``should`` within one unit of its last digit:
        # ``1,6`` for 15,96 is 16 moved one place, ``680`` for 68,31 is 68 with a zero added
        ratio, unit = typed / should, 10.0 ** -decimals * (1 + 1e-9)
        for factor in (10, 100, 1000):
            if factor / 2 <= ratio <= factor * 2 and abs(typed / factor - should) < unit:
                return _factor(factor, True, percent=percent)
            if 1 / (2 * factor) <= ratio <= 2 / factor and abs(typed * factor - should) < unit * factor:
                return _factor(factor, False, percent=percent)
    return None


def describe_slip(typed: float, should: float, decimals: int, *, percent: bool = True) -> str | None:
    """The slip's description (see :func:`classify_slip`), or None."""
    slip = classify_slip(typed, should, decimals, percent=percent)
    return slip.text if slip else None


def single_slips(value: float, decimals: int = 0) -> Iterator[tuple[float, Slip]]:
    """Every figure one typing slip away from the typed ``value`` (as written at
    ``decimals``): one digit replaced, two neighbours swapped, the separator moved by a
    factor 10, 100 or 1.000. Each comes with the slip that would have produced ``value``."""
    if not math.isfinite(value):
        return
    digits = _digits(value, decimals)
    if len(digits) > MAX_DIGITS:
        return
    scale = 10 ** decimals
    sign = -1 if value < 0 else 1
    seen = {digits}
    for i, d in enumerate(digits):
        for r in "0123456789":
            if r == d or (i == 0 and r == "0" and len(digits) > 1):
                continue
            cand = digits[:i] + r + digits[i + 1:]
            if cand not in seen:
                seen.add(cand)
                yield sign * int(cand) / scale, _digit(d, r)
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            cand = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            if cand[0] != "0" and cand not in seen:
                seen.add(cand)
                yield sign * int(cand) / scale, _swap(digits[i:i + 2], cand[i:i + 2])
    if value:
        for factor in (10, 100, 1000):
            yield value / factor, _factor(factor, True, percent=False)
            yield value * factor, _factor(factor, False, percent=False)
