"""Indonesian figures: ``fmt`` writes what babel's ``format_decimal`` writes for the ``id``
locale (CLDR's signs and grouping), for any finite float, at every precision it is asked for."""

from __future__ import annotations

import math
from decimal import localcontext

import pytest
from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kinerja_xlsx import fmt
from kinerja_xlsx.rounding import round_half_up


def babel_angka(x: float, decimals: int | None = None, max_decimals: int = 2) -> str:
    """The figure as babel writes it, after the same half-up rounding."""
    if decimals is None:
        pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
        x = round_half_up(x, max_decimals)
    else:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        x = round_half_up(x, decimals)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    with localcontext() as ctx:  # babel quantizes in the current context: room for 1e308
        ctx.prec = max(28, int(math.log10(abs(x) or 1)) + (decimals or max_decimals) + 5)
        return format_decimal(x, pattern, locale="id")


FLOATS = st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                   st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
                   st.integers(min_value=-10**15, max_value=10**15).map(float),
                   st.decimals(min_value=-10**9, max_value=10**9, places=3).map(float))


@settings(max_examples=3000, deadline=None)
@given(FLOATS, st.sampled_from([None, 0, 1, 2, 3, 4, 6]), st.sampled_from([0, 1, 2, 5]))
@example(-0.0, None, 2)
@example(-0.004, 2, 2)
@example(1e308, 2, 2)
@example(2017461467.0, None, 2)
@example(0.125, None, 2)
@example(5e-324, None, 2)
@example(1.7976931348623151e+308, None, 0)  # rounds past the largest float
def test_angka_is_babels_indonesian_format(x, decimals, max_decimals):
    assert fmt.angka(x, decimals, max_decimals=max_decimals) == babel_angka(x, decimals, max_decimals)


@pytest.mark.parametrize("x, decimals, text", [
    (2017461467, None, "2.017.461.467"), (68.9411, None, "68,94"), (68.9, 2, "68,90"), (37.3, 1, "37,3"),
    (-5.25, None, "-5,25"), (0.5, 0, "1"), (None, None, "-"), (float("nan"), None, "-"), (float("inf"), None, "∞"),
])
def test_angka_examples(x, decimals, text):
    assert fmt.angka(x, decimals) == text
