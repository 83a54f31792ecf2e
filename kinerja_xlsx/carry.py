"""Next quarter's workbook from this quarter's (``kinerja templat --dari``).

The source may be an input workbook or the corrected workbook the processor wrote: both
are read with the same reader, which skips ``Ringkasan`` and ``Inkonsistensi``. What is
carried and what is not:

- kept as typed: units (sheet names, header keys), indicators, ``No``, ``Sasaran``,
  ``Satuan``, ``Target``, ``Anggaran``, ``Keterangan``, ``Polaritas``, ``Induk`` and any
  column the contract does not know;
- advanced: ``Triwulan`` (IV becomes I of the next ``Tahun``); ``Tanggal Laporan`` is set
  three months after the previous one, as a placeholder to check;
- pre-filled and marked ``perbarui``: ``Realisasi``, ``Realisasi Anggaran``,
  ``Pembilang`` and ``Penyebut`` hold the cumulative values so far (empty in a new year,
  since cumulative figures restart, and then ``Target`` and ``Anggaran`` are marked too);
- cleared: the reported ``Capaian (%)`` and ``Serapan (%)``;
- dropped: the columns the processor adds (``Capaian Dilaporkan``, ``Serapan
  Dilaporkan``, ``Predikat``, ``Efisiensi``, ``Kategori Efisiensi``) and any cell
  outside the header block and the table.

:func:`plan_from` is pure (a read workbook in, a :class:`~kinerja_xlsx.template.Plan`
out); :func:`carry_plan` reads the file.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import os
import re
from typing import Any

from . import labels
from .authoring import STANDARD_COLUMNS, Num, UnitSheet
from .model import Cell, Row, Unit, Workbook
from .reader import read_workbook
from .template import Plan, Sheet, roman

# what the corrected workbook adds after the input's own columns
DROPPED_COLUMNS = frozenset(labels.norm(c) for c in (*labels.ADDED_COLUMNS, "Kategori Efisiensi"))
CLEARED_COLUMNS = ("Capaian (%)", "Serapan (%)")
CUMULATIVE_COLUMNS = ("Realisasi", "Realisasi Anggaran", "Pembilang", "Penyebut")
YEARLY_COLUMNS = ("Target", "Anggaran")  # a new year brings a new Perjanjian Kinerja and APBD
REVIEWED_KEYS = ("Faktor", "Rencana Tindak Lanjut", "Tanggapan Atasan")


def next_period(tahun: int, triwulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if triwulan == 4 else (tahun, triwulan + 1)


def next_report_date(date: _dt.date) -> _dt.date:
    """Three months later, the same day where the month has it (14 Juli -> 14 Oktober)."""
    month = date.month + 3
    year = date.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return _dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


_PERIOD = re.compile(r"[_\-\s]*(?:tw|triwulan|tribulan)[_\-\s]*(?:iv|iii|ii|i|[1-4])(?:[_\-\s]*(?:19|20)\d\d)?"
                     r"(?=$|[_\-\s])", re.IGNORECASE)


def default_output(previous: str, tahun: int, triwulan: int) -> str:
    """``input/contoh_kedungjajang_tw2_2023.xlsx`` -> ``contoh_kedungjajang_tw3_2023.xlsx``
    (in the current folder; ``_terkoreksi`` is dropped)."""
    stem = os.path.splitext(os.path.basename(previous))[0]
    stem = re.sub(r"_terkoreksi$", "", stem)
    stem = _PERIOD.sub("", stem).strip("_- ") or "kinerja"
    return f"{stem}_tw{triwulan}_{tahun}.xlsx"


def _value(cell: Cell | None) -> Any:
    """A cell's value as the authoring writer takes it: text stays text, a number keeps
    its display format, a formula becomes its stored result."""
    if cell is None or cell.value is None:
        return None
    value = cell.value
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return Num(value, cell.number_format or "General")
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value
    return str(value)


def _columns(unit: Unit) -> list[tuple[str, int | None]]:
    """(column name to write, source column index or None): the standard columns in the
    template's order, then the unit's own unknown columns."""
    columns: list[tuple[str, int | None]] = []
    for name in STANDARD_COLUMNS:
        source = unit.column(name)
        columns.append((name, source.col if source else None))
    for column in unit.columns:
        if column.canonical is None and labels.norm(column.name) not in DROPPED_COLUMNS and column.name.strip():
            columns.append((column.name.strip(), column.col))
    return columns


def plan_unit(unit: Unit, *, prev: str, new: str, new_year: bool) -> Sheet:
    columns = _columns(unit)
    rows: list[dict[str, Any]] = []
    refresh: dict[tuple[int, str], str] = {}
    for index, row in enumerate(unit.rows):
        data: dict[str, Any] = {}
        for name, source in columns:
            if source is None or name in CLEARED_COLUMNS:
                continue
            if new_year and name in CUMULATIVE_COLUMNS:
                continue
            value = _value(row.cells.get(source))
            if value is not None:
                data[name] = value
        for name in CUMULATIVE_COLUMNS:
            if not _expected(name, row, columns):
                continue
            if new_year:
                refresh[(index, name)] = f"tahun baru: isi nilai kumulatif s.d. Triwulan {new}."
            else:
                refresh[(index, name)] = f"nilai s.d. Triwulan {prev} (disalin); ganti dengan kumulatif s.d. " \
                                         f"Triwulan {new}."
        if new_year:
            for name in YEARLY_COLUMNS:
                refresh[(index, name)] = "nilai tahun lalu (disalin); sesuaikan dengan Perjanjian Kinerja dan " \
                                         "anggaran tahun ini."
        rows.append(data)
    header = {key: _value(unit.header.get(key)) for key in labels.UNIT_KEYS}
    review = {key: f"Disalin dari Triwulan {prev}; periksa untuk Triwulan {new}." for key in REVIEWED_KEYS}
    return Sheet(UnitSheet(sheet=unit.sheet, header=header, rows=rows, columns=[name for name, _ in columns]),
                 refresh=refresh, review_header=review, hidden=unit.hidden)


def _expected(name: str, row: Row, columns: list[tuple[str, int | None]]) -> bool:
    """Whether a cumulative cell of this row needs a new figure: Realisasi always;
    Realisasi Anggaran when the row has a budget; Pembilang and Penyebut when used."""
    source = dict(columns)
    if name == "Realisasi":
        return True
    if name == "Realisasi Anggaran":
        cells = [row.cells.get(source.get(n)) for n in ("Anggaran", "Realisasi Anggaran")]
        return any(c is not None and c.value is not None and c.text.strip() not in ("", "-") for c in cells)
    cell = row.cells.get(source.get(name))
    return cell is not None and cell.value is not None and cell.text.strip() != ""


def plan_from(workbook: Workbook, source: str = "") -> Plan:
    """Next quarter's workbook as data, from a workbook already read."""
    info = workbook.info
    tahun, triwulan = next_period(info.tahun, info.triwulan)
    new_year = tahun != info.tahun
    prev, new = info.triwulan_roman, roman(triwulan)
    if new_year:
        prev, new = f"{prev} {info.tahun}", f"{new} {tahun}"
    values: dict[str, Any] = {
        "Pemerintah": info.pemerintah, "Instansi": info.instansi, "Tahun": tahun, "Triwulan": roman(triwulan),
        "Tempat": info.tempat, "Tanggal Laporan": next_report_date(info.tanggal),
    }
    for key, value in info.extra:
        if key and key not in values:
            values[str(key)] = value
    sheets = [plan_unit(u, prev=prev, new=new, new_year=new_year) for u in workbook.units]
    origin = f"{source} " if source else ""
    note = (f"Dibuat dari {origin}(Triwulan {info.triwulan_roman} Tahun {info.tahun}) untuk Triwulan "
            f"{roman(triwulan)} Tahun {tahun}. Sel kuning perlu diperbarui; sorotannya hilang setelah nilainya "
            "diganti.")
    return Plan(values, sheets, refresh_info={"Tanggal Laporan": "perkiraan tiga bulan setelah laporan lalu."},
                note=note)


def carry_plan(path: str) -> Plan:
    return plan_from(read_workbook(path), os.path.basename(path))


__all__ = ["carry_plan", "plan_from", "next_period", "next_report_date", "default_output"]
