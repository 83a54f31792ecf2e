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


_near_ties = st.builds(lambda whole, half, nudge, d: (whole + half) / 10 ** d + nudge,
                       st.integers(-10**9, 10**9), st.sampled_from([0, 0.5, 0.4999999, 0.5000001, 0.999999]),
                       st.sampled_from([0.0, 1e-12, -1e-12, 5e-10, -5e-10, 1e-7]), st.integers(0, 8))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.floats(-1e5, 1e5), _near_ties,
                 st.integers(-10**7, 10**7).map(lambda n: n / 7)),
       st.integers(0, 17), st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]))
@example(0.125, 2, ROUND_HALF_UP)
@example(2.675, 2, ROUND_HALF_UP)  # stored as 2.67499999999999982236431605997495353221893310546875
@example(-0.001, 2, ROUND_HALF_UP)  # -0.0, as the decimal rounding gives
@example(-47.619, 2, ROUND_DOWN)
@example(99999999.99, 0, ROUND_HALF_UP)
def test_binary_rounding_far_from_a_tie_is_the_decimal_rounding(x, decimals, mode):
    """Away from a tie the rounding is done in binary; it must give the very float (sign of
    zero included) that the decimal rounding gives, at every precision and size."""
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


def _agrees_in_full(reported, decimals, computed):
    return within_rounding(reported, decimals, computed) or rounding_slip(reported, decimals, computed)


_figures = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                     st.floats(-1e4, 1e4), st.integers(-10**12, 10**12).map(float))


@settings(max_examples=3000, deadline=None)
@given(_figures, st.integers(0, 8),
       st.one_of(st.floats(-3, 3), st.sampled_from([0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 1.4999999, 2.0])),
       st.booleans())
@example(37.3, 1, 37.25, True)
@example(5e8, 5, 1.5e-5, False)
def test_agrees_refuses_far_figures_as_the_full_comparison_does(computed, decimals, units, near):
    """The quick refusal never changes the answer: the reported figure a few units of its last
    digit from the computed one (or anywhere), at any precision."""
    reported = computed + units * 10.0 ** (-decimals) if near else units * 10 ** (decimals % 5) + computed / 3
    assert rounding.agrees(reported, decimals, computed) == _agrees_in_full(reported, decimals, computed)


@pytest.mark.parametrize("computed, decimals", [(123456789012345678.0, 2), (123456789.12345679, 7)])
def test_a_huge_figure_is_compared_in_decimals_as_before(computed, decimals):
    """Read as 15 digits, a huge figure rounds hundreds of units away from its float: only
    the decimal comparison says the rounded figure agrees."""
    rounded = round_half_up(computed, decimals)
    assert abs(rounded - computed) >= 1.5 * 10.0 ** (-decimals)
    assert rounding.agrees(rounded, decimals, computed) and _agrees_in_full(rounded, decimals, computed)
