"""Which formula could have produced a reported percentage?

The readings an office plausibly used (the other polarity, T/R, a quarterly target
instead of the annual one, Pembilang/Penyebut) are tried against the reported figure,
and for counts (whole targets and realisasi: documents, families) every whole
realisasi is tried too, as GRIM does: with Target 1 only 0% and 100% exist, so
``0 dok / 1 dok = 25%`` is impossible, not just different.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .rounding import agrees


@dataclass(frozen=True)
class Reading:
    name: str  # Indonesian, for the message
    value: float


def _finite(x) -> bool:
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)


def readings(target: float, realisasi: float, *, negatif: bool, triwulan: int,
             pembilang: float | None = None, penyebut: float | None = None,
             realisasi_persen: bool = False) -> list[Reading]:
    """The alternative readings of a row's capaian (the computed one excluded)."""
    t, r = target, realisasi
    out: list[Reading] = []
    if not (_finite(t) and _finite(r)):
        return out
    if t != 0:
        if negatif:
            out.append(Reading("polaritas positif R / T", r / t * 100))
        else:
            out.append(Reading("polaritas negatif (2T − R) / T", max(0.0, (2 * t - r) / t * 100)))
        if triwulan < 4:
            out.append(Reading(f"target dipotong sampai triwulan {triwulan} (R / (T × {triwulan}/4))",
                               r / (t * triwulan / 4) * 100))
        if triwulan != 1:
            out.append(Reading("target satu triwulan (R / (T/4))", r / (t / 4) * 100))
        if _finite(pembilang) and _finite(penyebut) and penyebut:
            out.append(Reading("Pembilang / Penyebut dibagi target", (pembilang / penyebut * 100) / t * 100))
    if _finite(pembilang) and _finite(penyebut) and penyebut:
        out.append(Reading("Pembilang / Penyebut × 100 dilaporkan sebagai capaian", pembilang / penyebut * 100))
    if realisasi_persen:
        out.append(Reading("realisasi (persen) disalin sebagai capaian", r))
    if r != 0:
        out.append(Reading("T / R (terbalik)", t / r * 100))
    return out


def ratio_readings(numerator: float, denominator: float, *, what: str = "R / A") -> list[Reading]:
    """Other readings of a percentage ``numerator / denominator x 100`` (serapan, a
    realisasi from Pembilang/Penyebut): the ratio inverted, or its complement reported."""
    out: list[Reading] = []
    if not (_finite(numerator) and _finite(denominator)):
        return out
    a, b = what.split(" / ")
    if numerator:
        out.append(Reading(f"terbalik {b} / {a}", denominator / numerator * 100))
    if denominator:
        out.append(Reading(f"sisanya ({b} − {a}) / {b}", (denominator - numerator) / denominator * 100))
    return out


def matching(reported: float, decimals: int, candidates: list[Reading]) -> list[Reading]:
    return [c for c in candidates if _finite(c.value) and agrees(reported, decimals, c.value)]


def is_count(value) -> bool:
    """A whole number of things (``12 dok``), not a percentage."""
    return (value is not None and value.has_number and not value.percent
            and float(value.number).is_integer() and value.number >= 0)


WHOLE_LIMIT = 100_000  # above this target every written percentage has a whole realisasi anyway


def whole_realisasi_for(reported: float, decimals: int, target: float, *, negatif: bool) -> list[int]:
    """Whole realisasi counts that give the reported capaian with this target
    (0 < target <= WHOLE_LIMIT; outside that, callers must not call a figure impossible)."""
    if target <= 0 or target > WHOLE_LIMIT:
        return []
    k = np.arange(0, int(target * 3) + 2, dtype=float)
    if negatif:
        values = np.maximum(0.0, (2 * target - k) / target * 100)
    else:
        values = k / target * 100
    close = np.abs(values - reported) < 10.0 ** (-decimals) * 1.000001
    return [int(v) for v in k[close] if agrees(reported, decimals, (2 * target - v) / target * 100 if negatif
                                               else v / target * 100)]
