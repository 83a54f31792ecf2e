import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from decimal import ROUND_DOWN, ROUND_HALF_UP

from kinerja_xlsx import rounding
from kinerja_xlsx.rounding import round_half_up, rounding_slip, truncate, within_rounding


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.integers(-10**16, 10**16).map(float), st.integers(-10**16, 10**16),
                 st.floats(allow_nan=False, allow_infinity=False)),
       st.integers(0, 6), st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]))
@example(-0.0, 2, ROUND_HALF_UP)
@example(999999999999999.0, 2, ROUND_HALF_UP)
@example(1e15, 2, ROUND_HALF_UP)
@example(1234567890123456789.0, 0, ROUND_HALF_UP)
def test_whole_numbers_skip_decimal_arithmetic_with_the_same_result(x, decimals, mode):
    """Whole numbers come back unchanged without decimal arithmetic; the same result, sign of
    zero included, as the decimal rounding gives."""
    fast, slow = rounding._quantize(x, decimals, mode), rounding._quantized(x, decimals, mode)
    assert type(fast) is float and repr(fast) == repr(slow)


def test_half_up_not_bankers():
    assert round_half_up(32.5, 0) == 33
    assert round_half_up(0.125, 2) == 0.13
    assert round_half_up(2.675, 2) == 2.68  # float repr 2.67499999... still rounds up


@pytest.mark.parametrize("reported, decimals, computed, within, slip", [
    (50, 0, 49.864, True, False),
    (33, 0, 32.5, True, False),
    (47.61, 2, 1000 / 21, False, True),  # truncated
    (66.66, 2, 200 / 3, False, True),
    (48, 0, 48.972, False, True),
    (23.5, 1, 23.5563, False, True),
    (69.94, 2, 68.941, False, False),
    (25, 0, 0, False, False),
    (33.33, 2, 100 / 3, True, False),
])
def test_within_and_slip(reported, decimals, computed, within, slip):
    assert within_rounding(reported, decimals, computed) is within
    assert rounding_slip(reported, decimals, computed) is slip


def test_truncate():
    assert truncate(47.619, 2) == 47.61
