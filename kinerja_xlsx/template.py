"""The blank standard workbook (``kinerja templat``)."""

from __future__ import annotations

import datetime as _dt

from .authoring import UnitSheet, write_workbook
from .errors import InputError


def example_unit() -> UnitSheet:
    return UnitSheet(
        sheet="Camat",
        header={
            "Jabatan": "Camat", "Nama": "NAMA PEJABAT", "NIP": "19700101 199503 1 001", "Atasan": None,
            "Tugas": "membantu Bupati dalam mengoordinasikan penyelenggaraan pemerintahan di wilayah kecamatan",
            "Fungsi": "Menyelenggarakan urusan pemerintahan umum;\nMengoordinasikan kegiatan pemberdayaan masyarakat",
            "Faktor": "Dukungan dan koordinasi yang baik", "Rencana Tindak Lanjut": "Evaluasi berkelanjutan",
            "Tanggapan Atasan": "Laporan sudah baik",
        },
        rows=[{"No": "1", "Sasaran": "Contoh sasaran", "Indikator Kinerja": "Jumlah dokumen yang disusun",
               "Target": "12 dok", "Realisasi": "6 dok", "Capaian (%)": "50%", "Anggaran": "10.000.000",
               "Realisasi Anggaran": "5.000.000", "Serapan (%)": "50%", "Polaritas": "Positif"}],
    )


def write_template(path: str, previous: str | None = None) -> None:
    if previous:
        raise InputError(previous, "pembuatan workbook dari triwulan sebelumnya belum tersedia.")
    info = {"Pemerintah": "Pemerintah Kabupaten ...", "Instansi": "Kecamatan ...", "Tahun": _dt.date.today().year,
            "Triwulan": "I", "Tempat": "...", "Tanggal Laporan": _dt.date.today()}
    write_workbook(path, info, [example_unit()])
