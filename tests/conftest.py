"""Shared builders: small standard workbooks from Python data, so no test depends on a
hand-edited binary."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from kinerja_xlsx.authoring import Num, UnitSheet, pct, write_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "input" / "contoh_kedungjajang_tw2_2023.xlsx"

INFO = {
    "Pemerintah": "Pemerintah Kabupaten Uji",
    "Instansi": "Kecamatan Uji",
    "Tahun": 2024,
    "Triwulan": "II",
    "Tempat": "Uji",
    "Tanggal Laporan": _dt.date(2024, 7, 10),
}

# short test names -> contract column names
SHORT = {
    "no": "No", "sasaran": "Sasaran", "indikator": "Indikator Kinerja", "satuan": "Satuan",
    "target": "Target", "realisasi": "Realisasi", "capaian": "Capaian (%)", "anggaran": "Anggaran",
    "ra": "Realisasi Anggaran", "serapan": "Serapan (%)", "ket": "Keterangan", "polaritas": "Polaritas",
    "induk": "Induk", "pembilang": "Pembilang", "penyebut": "Penyebut",
}


def row(**values) -> dict:
    """``row(target="12 dok", realisasi="6 dok", capaian="50%")`` -> a table row."""
    return {SHORT.get(k, k): v for k, v in values.items()}


def default_nip(sheet: str) -> str:
    """A valid NIP of the unit's own official: units never share one (that is rule K402)."""
    h = int(hashlib.sha1(sheet.encode("utf-8")).hexdigest(), 16)
    return f"1980{h % 12 + 1:02d}{h // 12 % 28 + 1:02d} 200501 {h // 336 % 2 + 1} {h // 672 % 999 + 1:03d}"


def unit(sheet: str, rows: list[dict], *, atasan: str | None = None, nip: str | None = None,
         **header) -> UnitSheet:
    numbered = []
    for i, r in enumerate(rows, start=1):
        r = dict(r)
        r.setdefault("No", str(i))
        r.setdefault("Indikator Kinerja", f"Indikator {sheet} {i}")
        r.setdefault("Sasaran", f"Sasaran {i}")
        numbered.append(r)
    head = {"Jabatan": header.pop("jabatan", f"Kepala {sheet}"), "Nama": header.pop("nama", f"PEJABAT {sheet.upper()}"),
            "NIP": nip if nip is not None else default_nip(sheet), "Atasan": atasan, "Tugas": "membantu atasan",
            "Fungsi": "Fungsi satu\nFungsi dua",
            "Faktor": "Faktor satu", "Rencana Tindak Lanjut": "Tindak lanjut satu",
            "Tanggapan Atasan": "Laporan sudah baik"}
    head.update(header)
    return UnitSheet(sheet=sheet, header=head, rows=numbered)


@pytest.fixture
def build(tmp_path):
    """``build([unit(...), ...], info=...)`` -> path of a new standard workbook."""
    counter = {"n": 0}

    def _build(units, info=None, name=None) -> str:
        counter["n"] += 1
        path = tmp_path / (name or f"uji_{counter['n']}.xlsx")
        write_workbook(str(path), dict(INFO, **(info or {})), units)
        return str(path)

    return _build


@pytest.fixture
def sample_copy(tmp_path) -> str:
    target = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, target)
    return str(target)


def codes_at(result) -> set[tuple[str, str]]:
    """{(kode, sel)} of a result's findings."""
    return {(f.kode, f.sel) for f in result.findings}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


__all__ = ["row", "unit", "Num", "pct", "build", "codes_at", "SAMPLE", "in_ci"]
