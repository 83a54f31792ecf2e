import pytest

from kinerja_xlsx.rounding import round_half_up, rounding_slip, truncate, within_rounding


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
