"""Which typed rupiah figure is wrong, and what backs the suggestion.

A budget line takes part in several checks: its own serapan (K201), ``Realisasi Anggaran``
not above ``Anggaran`` (K203), and the roll-ups it belongs to, as a child (its parent's
K301/K302) or as a parent (its own). For every failing serapan or roll-up check, each
figure one typing slip away (:func:`suggest.single_slips`) is tried; a correction is kept
when it makes that check pass and breaks no check that passes now. A correction that
also repairs another failing check is *corroborated*: the seed's ``3.262.500`` ->
``3.862.500`` makes Kasi Pelayanan Umum's reported 37,3% right and closes the Camat's
600.000 roll-up gap exactly. Candidates are ranked by how many checks they repair, then
by how common the slip is; when several stay level the suggestion is ambiguous, and when
none exists nothing is suggested.

Pure: works on the computed frame and the child -> parent links.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .rounding import agrees
from .suggest import Slip, single_slips

FIELDS = ("anggaran", "realisasi_anggaran")


@dataclass(frozen=True)
class Check:
    """One check a figure takes part in: ``kind`` is ``serapan``, ``batas`` (K203) or the
    roll-up field; ``row`` the frame index of the row (for a roll-up, the parent)."""

    kind: str
    row: int


@dataclass(frozen=True)
class Fix:
    """Replacing the typed figure of one cell by ``value`` repairs ``repairs``."""

    row: int  # frame index
    field: str
    typed: float
    value: float
    slip: Slip
    repairs: tuple[Check, ...]

    def rank_key(self) -> tuple:
        return (-len(self.repairs), self.slip.kind, self.row, self.field)


class BudgetEvidence:
    """The figures and the links, each check's verdict under one replaced figure, and
    (``fixes``) the ranked single-slip corrections of every failing check."""

    def __init__(self, frame: pd.DataFrame, links: pd.DataFrame):
        """``frame``: the computed frame; ``links``: child -> parent rows (``child``, ``parent``)."""
        self.frame = frame
        self.values = {f: dict(zip(frame.index, frame[f].astype(float))) for f in FIELDS}
        self.decimals = {f: dict(zip(frame.index, frame[f"{f}_dec"].astype(int))) for f in FIELDS}
        self.reported = dict(zip(frame.index, frame["serapan_dilaporkan"].astype(float)))
        self.reported_dec = dict(zip(frame.index, frame["serapan_dilaporkan_dec"].astype(int)))
        self.parent: dict[int, int] = {int(c): int(p) for c, p in zip(links["child"], links["parent"])}
        self.children: dict[int, list[int]] = {}
        for c, p in zip(links["child"], links["parent"]):
            self.children.setdefault(int(p), []).append(int(c))
        self.fixes = self._search()

    def value(self, field: str, row: int, change: tuple | None = None) -> float:
        if change is not None and change[0] == row and change[1] == field:
            return change[2]
        return self.values[field][row]

    def passes(self, check: Check, change: tuple | None = None) -> bool | None:
        """True/False, or None when the check does not apply to this row."""
        if check.kind == "serapan":
            reported = self.reported[check.row]
            a = self.value("anggaran", check.row, change)
            ra = self.value("realisasi_anggaran", check.row, change)
            if math.isnan(reported) or math.isnan(ra) or not a > 0:
                return None
            return agrees(reported, max(self.reported_dec[check.row], 0), ra / a * 100)
        if check.kind == "batas":
            a = self.value("anggaran", check.row, change)
            ra = self.value("realisasi_anggaran", check.row, change)
            if math.isnan(a) or math.isnan(ra):
                return None
            return ra <= a + 0.5
        return abs(self.gap(check.kind, check.row, change)) < 0.5

    def figure(self, field: str, row: int, change: tuple | None = None) -> float:
        """The figure as K301/K302 add it up: an empty figure counts 0."""
        x = self.value(field, row, change)
        return 0.0 if math.isnan(x) else x

    def children_sum(self, field: str, parent: int, change: tuple | None = None) -> float:
        return sum(self.figure(field, c, change) for c in self.children[parent])

    def gap(self, field: str, parent: int, change: tuple | None = None) -> float:
        """Parent figure minus the children's sum."""
        return self.figure(field, parent, change) - self.children_sum(field, parent, change)

    def checks_of(self, row: int, field: str) -> list[Check]:
        """Every check the figure ``field`` of ``row`` takes part in."""
        checks = [Check("serapan", row), Check("batas", row)]
        if row in self.parent:
            checks.append(Check(field, self.parent[row]))
        if row in self.children:
            checks.append(Check(field, row))
        return checks

    def failing(self) -> list[Check]:
        out = [Check("serapan", i) for i in self.frame.index if self.passes(Check("serapan", i)) is False]
        out += [Check(f, p) for f in FIELDS for p in self.children if not self.passes(Check(f, p))]
        return out

    def candidates(self, check: Check):
        """(row, field, value, slip) one slip away that could make ``check`` pass."""
        if check.kind == "serapan":
            for field in FIELDS:
                yield from self._slips(check.row, field, lambda v, f=field: self.passes(
                    check, (check.row, f, v)) is True)
            return
        field, parent = check.kind, check.row
        gap = self.gap(field, parent)
        children_sum = self.children_sum(field, parent)
        yield from self._slips(parent, field, lambda v: abs(v - children_sum) < 0.5)
        for child in self.children[parent]:
            typed = self.value(field, child)
            yield from self._slips(child, field, lambda v, t=typed: abs((v - t) - gap) < 0.5)

    def _slips(self, row: int, field: str, fits):
        typed = self.values[field][row]
        if math.isnan(typed):
            return
        for value, slip in single_slips(typed, max(self.decimals[field][row], 0)):
            if value >= 0 and fits(value):
                yield row, field, value, slip

    def _search(self) -> dict[Check, list[Fix]]:
        found: dict[tuple, Fix | None] = {}
        for check in self.failing():
            for row, field, value, slip in self.candidates(check):
                key = (row, field, round(value, 6))
                if key not in found:
                    found[key] = self.evaluate(row, field, value, slip)
        by_check: dict[Check, list[Fix]] = {}
        for fix in found.values():
            for check in fix.repairs if fix is not None else ():
                by_check.setdefault(check, []).append(fix)
        for fixes in by_check.values():
            fixes.sort(key=Fix.rank_key)
        return by_check

    def evaluate(self, row: int, field: str, value: float, slip: Slip) -> Fix | None:
        """The checks the replacement repairs, or None when it breaks one that passes."""
        change = (row, field, value)
        repairs = []
        for check in self.checks_of(row, field):
            before, after = self.passes(check), self.passes(check, change)
            if before is True and after is False:
                return None
            if before is False and after is True:
                repairs.append(check)
        if not repairs:
            return None
        return Fix(row, field, self.values[field][row], value, slip, tuple(repairs))
