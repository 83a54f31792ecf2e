"""Writing a standard workbook from Python data.

One writer serves the sample builder (``scripts/buat_contoh.py``), the test builders,
the benchmark's generator and the template: a workbook is described as plain data and
every cell is written exactly as given, text as text (never as a formula), numbers as
numbers with their display format.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook as _Book
from openpyxl.cell.cell import Cell as _Cell
from openpyxl.utils import get_column_letter

from . import labels

STANDARD_COLUMNS = [
    "No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
    "Anggaran", "Realisasi Anggaran", "Serapan (%)", "Keterangan", "Polaritas", "Induk",
    "Pembilang", "Penyebut",
]


@dataclass(frozen=True)
class Num:
    """A numeric cell with a display format, e.g. ``Num(0.586, "0.00%")``."""

    value: float
    number_format: str = "General"


def pct(fraction: float, number_format: str = "0.00%") -> Num:
    """A percent-formatted cell as Excel stores it: 58.6% is 0.586."""
    return Num(fraction, number_format)


@dataclass(frozen=True)
class Formula:
    """A formula cell (for tests of uncached formulas and formula errors)."""

    text: str


@dataclass
class UnitSheet:
    sheet: str
    header: dict[str, Any]
    rows: list[dict[str, Any]]
    columns: list[str] = field(default_factory=lambda: list(STANDARD_COLUMNS))


def put(ws, row: int, col: int, value: Any) -> _Cell:
    """Write one cell as described; strings always stay strings."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Num):
        cell.value = value.value
        cell.number_format = value.number_format
    elif isinstance(value, Formula):
        cell.value = value.text
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # "=1+1" typed as text stays text
    elif isinstance(value, (_dt.date, _dt.datetime)):
        cell.value = value
        cell.number_format = "d mmmm yyyy"
    else:
        cell.value = value
    return cell


def write_unit(ws, unit: UnitSheet) -> int:
    """Header block from row 1, a blank row, then the table. Returns the header row."""
    row = 1
    for key, value in unit.header.items():
        put(ws, row, 1, key)
        if value is not None:
            put(ws, row, 2, value)
        row += 1
    row += 1
    header_row = row
    for col, name in enumerate(unit.columns, start=1):
        put(ws, header_row, col, name)
    for offset, data in enumerate(unit.rows, start=1):
        for col, name in enumerate(unit.columns, start=1):
            value = data.get(name)
            if value is not None:
                put(ws, header_row + offset, col, value)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for col, name in enumerate(unit.columns, start=1):
        width = {"Sasaran": 40, "Indikator Kinerja": 45, "Keterangan": 30}.get(name, 16)
        ws.column_dimensions[get_column_letter(col)].width = width
    return header_row


def write_workbook(path: str, info: dict[str, Any], units: list[UnitSheet]) -> None:
    """A standard workbook: ``Info`` then one sheet per unit, in the order given."""
    book = _Book()
    ws = book.active
    ws.title = labels.INFO_SHEET
    for row, (key, value) in enumerate(info.items(), start=1):
        put(ws, row, 1, key)
        put(ws, row, 2, value)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 45
    for unit in units:
        write_unit(book.create_sheet(unit.sheet), unit)
    book.save(path)
