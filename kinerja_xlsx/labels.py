"""The contract's names: sheets, keys, column headers and their aliases.

Matching is case-insensitive and ignores surrounding spaces, repeated spaces and a
trailing ``:`` (WORKBOOK.md).
"""

from __future__ import annotations

import functools
import re

INFO_SHEET = "Info"
GUIDE_SHEET = "Petunjuk"
SUMMARY_SHEET = "Ringkasan"
FINDINGS_SHEET = "Inkonsistensi"
# Sheets that are never a unit: the contract's own plus those the processor writes,
# so that a corrected workbook can be read back as input.
RESERVED_SHEETS = (INFO_SHEET, GUIDE_SHEET, SUMMARY_SHEET, FINDINGS_SHEET)

INFO_KEYS = ("Pemerintah", "Instansi", "Tahun", "Triwulan", "Tempat", "Tanggal Laporan")

UNIT_KEYS = (
    "Jabatan",
    "Nama",
    "NIP",
    "Atasan",
    "Tugas",
    "Fungsi",
    "Faktor",
    "Rencana Tindak Lanjut",
    "Tanggapan Atasan",
)
REQUIRED_UNIT_KEYS = ("Jabatan", "Nama")

TANGGAPAN_OPTIONS = (
    "Laporan sudah baik",
    "Laporan diperbaiki",
    "Target dan realisasi diteliti ulang",
    "Capaian diteliti ulang",
    "Lain-lain",
)

TABLE_MARKER = "Indikator Kinerja"

# canonical column -> aliases (the canonical name included)
COLUMNS: dict[str, tuple[str, ...]] = {
    "No": ("No",),
    "Sasaran": ("Sasaran", "Sasaran Kegiatan", "Sasaran Program"),
    "Indikator Kinerja": ("Indikator Kinerja",),
    "Satuan": ("Satuan",),
    "Target": ("Target",),
    "Realisasi": ("Realisasi",),
    "Capaian (%)": ("Capaian (%)", "Capaian"),
    "Anggaran": ("Anggaran", "Pagu"),
    "Realisasi Anggaran": ("Realisasi Anggaran",),
    "Serapan (%)": ("Serapan (%)", "Serapan"),
    "Keterangan": ("Keterangan", "Ket"),
    "Polaritas": ("Polaritas",),
    "Induk": ("Induk",),
    "Pembilang": ("Pembilang",),
    "Penyebut": ("Penyebut",),
}

# Columns the corrected workbook adds after the input's own.
CAPAIAN_REPORTED = "Capaian Dilaporkan"
SERAPAN_REPORTED = "Serapan Dilaporkan"
PREDIKAT = "Predikat"
EFISIENSI = "Efisiensi"
ADDED_COLUMNS = (CAPAIAN_REPORTED, SERAPAN_REPORTED, PREDIKAT, EFISIENSI)

POLARITAS = ("Positif", "Negatif")


_SPACES = re.compile(r"\s+")


def norm(text: object) -> str:
    """Normalise a key or header for matching: case, spaces, trailing colon."""
    return _norm(text) if type(text) is str else _norm(str(text))


@functools.lru_cache(maxsize=4096)  # the same headers, keys and polarities come back in every sheet
def _norm(text: str) -> str:
    s = _SPACES.sub(" ", text).strip()
    s = s.rstrip(":").strip()
    return s.casefold()


_ALIAS_TO_COLUMN = {norm(alias): canon for canon, aliases in COLUMNS.items() for alias in aliases}
_UNIT_KEY = {norm(k): k for k in UNIT_KEYS}
_INFO_KEY = {norm(k): k for k in INFO_KEYS}


def column_for(header: object) -> str | None:
    """The canonical column a header names, or None for an unknown column."""
    return _ALIAS_TO_COLUMN.get(norm(header))


def unit_key(text: object) -> str | None:
    return _UNIT_KEY.get(norm(text))


def info_key(text: object) -> str | None:
    return _INFO_KEY.get(norm(text))


def is_reserved_sheet(name: str) -> bool:
    return norm(name) in {norm(s) for s in RESERVED_SHEETS}


def tanggapan_option(text: object) -> str | None:
    """The standard option a typed Tanggapan Atasan names (``Lain - lain`` too)."""
    key = re.sub(r"[\s\-]+", "", norm(text))
    for option in TANGGAPAN_OPTIONS:
        if re.sub(r"[\s\-]+", "", option.casefold()) == key:
            return option
    return None
