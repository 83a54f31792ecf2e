"""Naming the likely typing slip behind a wrong figure.

Working on the digits as written (``58,60`` -> ``5860``): two swapped digits (the
difference divides by 9), one mistyped digit (a difference of d x 10^k), a misplaced
decimal point (a factor of 10) and a percent typed as a fraction (a factor of 100).
"""

from __future__ import annotations

import math
from typing import Iterator

from .rounding import round_half_up


def _digits(x: float, decimals: int) -> str:
    return str(abs(int(round(round_half_up(x, decimals) * 10 ** decimals))))


def describe_slip(typed: float, should: float, decimals: int) -> str | None:
    """The slip that turns ``should`` into ``typed`` at ``decimals``, or None."""
    if not (math.isfinite(typed) and math.isfinite(should)) or decimals < 0:
        return None
    a, b = _digits(typed, decimals), _digits(should, decimals)
    if a == b:
        return None
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return f"satu digit salah ketik ({b[diff[0]]} menjadi {a[diff[0]]})"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return f"dua digit bersebelahan tertukar ({b[diff[0]]}{b[diff[1]]} menjadi {a[diff[0]]}{a[diff[1]]})"
    if should and typed:
        ratio = typed / should
        for k, label in ((100, "persen ditulis sebagai pecahan atau sebaliknya (faktor 100)"),
                         (10, "letak pemisah desimal/ribuan bergeser (faktor 10)"),
                         (1000, "letak pemisah desimal/ribuan bergeser (faktor 1.000)")):
            if math.isclose(ratio, k, rel_tol=1e-3) or math.isclose(ratio, 1 / k, rel_tol=1e-3):
                return label
    return None


def single_slips(value: float, decimals: int = 0) -> Iterator[tuple[float, str]]:
    """Every figure one typing slip away from ``value`` (as written at ``decimals``):
    one digit replaced, two neighbours swapped, the separator moved by a factor 10."""
    digits = _digits(value, decimals)
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
                yield sign * int(cand) / scale, f"satu digit salah ketik ({d} seharusnya {r})"
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            cand = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            if cand[0] != "0" and cand not in seen:
                seen.add(cand)
                yield (sign * int(cand) / scale,
                       f"dua digit bersebelahan tertukar ({digits[i]}{digits[i + 1]} seharusnya "
                       f"{digits[i + 1]}{digits[i]})")
    for factor in (10, 100, 1000):
        yield value * factor, f"pemisah desimal/ribuan bergeser (dikali {factor})"
        yield value / factor, f"pemisah desimal/ribuan bergeser (dibagi {factor})"
