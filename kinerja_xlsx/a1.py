"""A1 cell addresses: column letters and range bounds, without loading a spreadsheet library.

The check path reads with python-calamine, so it does not need openpyxl; importing openpyxl
only for its address helpers cost a tenth of a second on every run.
"""

from __future__ import annotations

import functools
import re

MAX_COLUMN = 16_384  # XFD, Excel's last column
MAX_ROW = 1_048_576


@functools.lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """1 -> 'A', 27 -> 'AA', 16384 -> 'XFD'."""
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"kolom {index} di luar A..XFD")
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@functools.lru_cache(maxsize=1024)
def column_index(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27, 'XFD' -> 16384 (upper or lower case)."""
    if not 1 <= len(letters) <= 3 or not letters.isalpha() or not letters.isascii():
        raise ValueError(f"huruf kolom tidak sah: {letters!r}")
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    if index > MAX_COLUMN:
        raise ValueError(f"huruf kolom tidak sah: {letters!r}")
    return index


_RANGE = re.compile(r"\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})?\$?(\d+)?)?")


def range_bounds(ref: str) -> tuple[int | None, int | None, int | None, int | None]:
    """(min_col, min_row, max_col, max_row) of 'A1:C3', 'A1', 'A:C' or '1:3' (None where the
    reference leaves a side open), as openpyxl's ``range_boundaries``. Raises ValueError for
    anything else."""
    m = _RANGE.fullmatch(ref.strip())
    if not m or not ref.strip() or (m.group(1) is None and m.group(2) is None):
        raise ValueError(f"rujukan sel tidak sah: {ref!r}")
    c1, r1, c2, r2 = m.groups()
    if ":" not in ref:
        if c1 is None or r1 is None:
            raise ValueError(f"rujukan sel tidak sah: {ref!r}")
        c2, r2 = c1, r1
    elif (c1 is None) != (c2 is None) or (r1 is None) != (r2 is None):
        raise ValueError(f"rujukan sel tidak sah: {ref!r}")
    return (column_index(c1) if c1 else None, int(r1) if r1 else None,
            column_index(c2) if c2 else None, int(r2) if r2 else None)


__all__ = ["column_letter", "column_index", "range_bounds", "MAX_COLUMN", "MAX_ROW"]
