"""Section 2 of the contract: capaian, serapan, predikat, efisiensi, summary."""

import numpy as np
import pandas as pd
import pytest

from kinerja_xlsx.compute import Settings, capaian, compute, efisiensi_kategori, predikat, serapan, summary


def s(*values):
    return pd.Series(values, dtype=float)


def b(*values):
    return pd.Series(values, dtype=bool)


def test_capaian_positive_is_r_over_t_never_capped():
    out = capaian(s(12, 85, 10), s(6, 58.6, 25), b(False, False, False))
    assert out.tolist() == pytest.approx([50.0, 58.6 / 85 * 100, 250.0])


def test_capaian_negative_polarity():
    out = capaian(s(10, 10, 10, 10), s(10, 0, 15, 30), b(True, True, True, True))
    # R = T is 100 (the wp-eval-sakip bug gave 0), R = 0 is 200, floor at 0
    assert out.tolist() == pytest.approx([100.0, 200.0, 50.0, 0.0])


def test_capaian_negative_target_zero():
    out = capaian(s(0, 0), s(0, 3), b(True, True))
    assert out.tolist() == [100.0, 0.0]


def test_capaian_positive_target_zero_or_missing_is_not_computed():
    out = capaian(s(0, np.nan, 5), s(3, 2, np.nan), b(False, False, False))
    assert out.isna().all()


def test_serapan():
    out = serapan(s(10_350_000, 0, np.nan), s(3_262_500, 5, 5))
    assert out.iloc[0] == pytest.approx(31.5217, abs=1e-4)
    assert out.iloc[1:].isna().all()


@pytest.mark.parametrize("value, label", [
    (91, "Sangat Tinggi"), (90.999, "Tinggi"), (90.5, "Tinggi"), (76, "Tinggi"), (75.99, "Sedang"),
    (66, "Sedang"), (65.5, "Rendah"), (60.5, "Rendah"), (51, "Rendah"), (50.99, "Sangat Rendah"),
    (0, "Sangat Rendah"), (250, "Sangat Tinggi"),
])
def test_predikat_half_open_bands(value, label):
    assert predikat(s(value)).iloc[0] == label


def test_predikat_of_missing_is_empty():
    assert predikat(s(np.nan)).iloc[0] == ""


@pytest.mark.parametrize("points, label", [(5.01, "Efisien"), (5, "Cukup"), (-5, "Cukup"), (-5.01, "Tidak Efisien")])
def test_efisiensi(points, label):
    assert efisiensi_kategori(s(points)).iloc[0] == label


def _frame(rows):
    return pd.DataFrame(rows, columns=["unit", "target", "realisasi", "negatif", "anggaran", "realisasi_anggaran"])


def test_summary_serapan_is_total_over_total_not_mean_of_percentages():
    frame = compute(_frame([
        ("A", 10, 5, False, 1_000_000, 900_000),
        ("A", 10, 10, False, 100, 10),
        ("B", 4, 4, False, np.nan, np.nan),
    ]))
    table = summary(frame, ["A", "B"])
    assert table.loc["A", "serapan"] == pytest.approx(900_010 / 1_000_100 * 100)
    assert table.loc["A", "rata_capaian"] == pytest.approx(75.0)
    assert table.loc["A", "indikator"] == 2
    assert np.isnan(table.loc["B", "serapan"])
    assert table.loc["Total", "indikator"] == 3
    assert table.loc["Total", "rata_capaian"] == pytest.approx((50 + 100 + 100) / 3)


def test_cap_is_a_setting_and_raw_value_is_kept():
    frame = compute(_frame([("A", 10, 25, False, np.nan, np.nan)]), Settings(batas_capaian=100))
    assert frame["capaian"].iloc[0] == 250
    assert frame["capaian_dinilai"].iloc[0] == 100
