"""What is computed (WORKBOOK.md section 2), vectorised over all rows of all units."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PREDIKAT_BANDS = (  # Permendagri 86/2017, half-open: [lower, next lower)
    (91.0, "Sangat Tinggi"),
    (76.0, "Tinggi"),
    (66.0, "Sedang"),
    (51.0, "Rendah"),
    (-np.inf, "Sangat Rendah"),
)
EFISIEN_BAND = 5.0  # percentage points


@dataclass(frozen=True)
class Settings:
    """Choices an office may make; the defaults follow the contract."""

    batas_capaian: float | None = None  # cap applied to capaian for predikat and means; raw kept


def capaian(target: pd.Series, realisasi: pd.Series, negatif: pd.Series) -> pd.Series:
    """Positive: R/T x 100. Negative: (2T - R)/T x 100 floored at 0; T = 0: R = 0 is 100, else 0."""
    t = target.astype(float)
    r = realisasi.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = np.where(t != 0, r / t * 100.0, np.nan)
        negative = np.where(t != 0, np.maximum(0.0, (2 * t - r) / t * 100.0), np.where(r == 0, 100.0, 0.0))
    result = np.where(negatif.astype(bool), negative, positive)
    result = np.where(t.isna() | r.isna(), np.nan, result)
    return pd.Series(result, index=target.index, dtype=float)


def serapan(anggaran: pd.Series, realisasi_anggaran: pd.Series) -> pd.Series:
    a = anggaran.astype(float)
    ra = realisasi_anggaran.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(a > 0, ra / a * 100.0, np.nan)
    return pd.Series(result, index=anggaran.index, dtype=float)


def predikat(values: pd.Series) -> pd.Series:
    v = values.astype(float).to_numpy()
    labels = np.full(v.shape, "", dtype=object)
    for lower, label in reversed(PREDIKAT_BANDS):
        labels = np.where(~np.isnan(v) & (v >= lower), label, labels)
    return pd.Series(labels, index=values.index, dtype=object)


def predikat_of(value: float | None) -> str:
    if value is None or np.isnan(value):
        return ""
    return predikat(pd.Series([value])).iloc[0]


def efisiensi_kategori(points: pd.Series) -> pd.Series:
    p = points.astype(float).to_numpy()
    out = np.where(p > EFISIEN_BAND, "Efisien", np.where(p < -EFISIEN_BAND, "Tidak Efisien", "Cukup"))
    out = np.where(np.isnan(p), "", out)
    return pd.Series(out, index=points.index, dtype=object)


def compute(frame: pd.DataFrame, settings: Settings = Settings()) -> pd.DataFrame:
    """Adds capaian, serapan, predikat and efisiensi to every row."""
    out = frame.copy()
    out["capaian"] = capaian(out["target"], out["realisasi"], out["negatif"])
    out["serapan"] = serapan(out["anggaran"], out["realisasi_anggaran"])
    rated = out["capaian"]
    if settings.batas_capaian is not None:
        rated = rated.clip(upper=settings.batas_capaian)
    out["capaian_dinilai"] = rated
    out["predikat"] = predikat(rated)
    out["efisiensi"] = rated - out["serapan"]
    out["efisiensi_kategori"] = efisiensi_kategori(out["efisiensi"])
    return out


def summary(frame: pd.DataFrame, units: list[str]) -> pd.DataFrame:
    """Per unit (in workbook order): indicators, mean capaian, totals, serapan as total/total."""
    grouped = frame.groupby("unit", sort=False)
    table = pd.DataFrame({
        "indikator": grouped.size(),
        "rata_capaian": grouped["capaian_dinilai"].mean(),
        "anggaran": grouped["anggaran"].sum(min_count=1),
        "realisasi_anggaran": grouped["realisasi_anggaran"].sum(min_count=1),
    }).reindex(units)
    table["indikator"] = table["indikator"].fillna(0).astype(int)
    total = pd.DataFrame({
        "indikator": [len(frame)],
        "rata_capaian": [frame["capaian_dinilai"].mean() if len(frame) else np.nan],
        "anggaran": [frame["anggaran"].sum(min_count=1) if len(frame) else np.nan],
        "realisasi_anggaran": [frame["realisasi_anggaran"].sum(min_count=1) if len(frame) else np.nan],
    }, index=["Total"])
    table = pd.concat([table, total])
    table["serapan"] = serapan(table["anggaran"], table["realisasi_anggaran"])
    table["predikat"] = predikat(table["rata_capaian"])
    return table
