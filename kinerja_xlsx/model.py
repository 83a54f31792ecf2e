"""The workbook as read: plain data, every value with its cell."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .a1 import column_letter


def quote_sheet(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class Cell(NamedTuple):
    """One cell as stored: its value, number format and, where it holds one, a formula.

    Immutable. A named tuple rather than a frozen dataclass: a workbook has hundreds of
    thousands of cells, and a frozen dataclass is three times slower to make."""

    sheet: str
    row: int
    col: int
    value: Any = None
    number_format: str = "General"
    formula: str | None = None  # the formula text when the cell holds a formula
    uncached: bool = False  # a formula with no stored result

    @property
    def address(self) -> str:
        return f"{column_letter(self.col)}{self.row}"

    @property
    def ref(self) -> str:
        """``'Kasi Pemerintahan'!G14``"""
        return f"{quote_sheet(self.sheet)}!{self.address}"

    @property
    def text(self) -> str:
        return value_text(self.value)


def value_text(value: Any) -> str:
    """A cell's value as text: ``""`` for none, ``12`` (not ``12.0``) for a whole number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Info:
    pemerintah: str
    instansi: str
    tahun: int
    triwulan: int  # 1..4
    tempat: str
    tanggal: _dt.date
    cells: dict[str, Cell] = field(default_factory=dict, compare=False)
    extra: tuple[tuple[str, Any], ...] = ()  # other key/value rows, carried to the output

    @property
    def triwulan_roman(self) -> str:
        return ("I", "II", "III", "IV")[self.triwulan - 1]


@dataclass
class Column:
    name: str  # the header as typed
    canonical: str | None  # contract name, None for an unknown column
    col: int


@dataclass
class Row:
    """One indicator row: the cells under each column, keyed by column index."""

    row: int
    cells: dict[int, Cell]


@dataclass
class Unit:
    sheet: str
    header: dict[str, Cell]  # unit key (contract spelling) -> value cell
    columns: list[Column]
    header_row: int
    rows: list[Row]
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    merged: tuple[str, ...] = ()
    other_cells: list[Cell] = field(default_factory=list)  # everything else on the sheet, carried
    column_widths: dict[int, float] = field(default_factory=dict)

    def key(self, name: str) -> str:
        cell = self.header.get(name)
        if cell is None or cell.value is None:
            return ""
        return cell.text.strip()

    def column(self, canonical: str) -> Column | None:
        for column in self.columns:
            if column.canonical == canonical:
                return column
        return None

    @property
    def jabatan(self) -> str:
        return self.key("Jabatan")

    @property
    def nama(self) -> str:
        return self.key("Nama")

    @property
    def nip(self) -> str:
        return self.key("NIP")

    @property
    def atasan(self) -> str:
        return self.key("Atasan")

    def lines(self, name: str) -> list[str]:
        """A multi-line key (Fungsi, Faktor, Rencana Tindak Lanjut) as its lines."""
        return [line.strip() for line in self.key(name).splitlines() if line.strip()]


@dataclass
class Workbook:
    path: str
    info: Info
    info_cells: list[Cell]
    units: list[Unit]
    sheet_order: list[str]
    hidden_sheets: tuple[str, ...] = ()

    def unit(self, sheet: str) -> Unit | None:
        """The unit on sheet ``sheet``, case and surrounding spaces ignored (the first of two
        whose names differ only in case). One dictionary lookup: asked once per unit (its
        Atasan) and per unit with findings, a walk through the units grew as their square."""
        index = self.__dict__.get("_by_name")
        if index is None or index[0] is not self.units or index[1] != len(self.units):
            by_name: dict[str, Unit] = {}
            for unit in self.units:
                by_name.setdefault(unit.sheet.casefold(), unit)
            index = self.__dict__["_by_name"] = (self.units, len(self.units), by_name)
        return index[2].get(sheet.strip().casefold())
