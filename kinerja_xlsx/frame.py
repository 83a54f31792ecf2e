"""All indicator rows of all units as one table (pandas), every figure read.

Pure: turns a :class:`Workbook` into a DataFrame with, for each figure, its number,
kind, decimals, unit, cell reference and the parsed :class:`Value`.
"""

from __future__ import annotations

from collections import namedtuple

import pandas as pd

from . import labels
from .a1 import column_letter
from .model import Cell, Unit, Workbook, quote_sheet, value_text
from .values import Kind, Value, compound_ratio, parse_cell

# frame field -> (contract column, read as a percentage?)
FIGURES = {
    "target": ("Target", False),
    "realisasi": ("Realisasi", False),
    "capaian_dilaporkan": ("Capaian (%)", True),
    "anggaran": ("Anggaran", False),
    "realisasi_anggaran": ("Realisasi Anggaran", False),
    "serapan_dilaporkan": ("Serapan (%)", True),
    "pembilang": ("Pembilang", False),
    "penyebut": ("Penyebut", False),
}
TEXTS = {"no": "No", "sasaran": "Sasaran", "indikator": "Indikator Kinerja", "satuan": "Satuan",
         "keterangan": "Keterangan", "polaritas_teks": "Polaritas", "induk": "Induk"}


def _text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    value = cell.value
    return value.strip() if value.__class__ is str else value_text(value).strip()  # the usual text, directly


_EMPTY = Value(Kind.EMPTY)
_NUMBER = Kind.NUMBER
_NAN = float("nan")
_TEXT_KEYS = tuple((field, canonical, f"{field}_ref") for field, canonical in TEXTS.items())
_FIGURE_KEYS = tuple((field, canonical, percent, f"{field}_val", f"{field}_kind", f"{field}_dec", f"{field}_ref",
                      f"{field}_cell") for field, (canonical, percent) in FIGURES.items())


def _unit_plan(unit: Unit) -> tuple[tuple, tuple]:
    """Where each text and figure is in this unit's rows, in the order of :data:`COLUMNS`: the
    column and the start of the cell reference (``'Camat'!E``), and for a figure whether it is
    read as a percentage first, worked out once per unit rather than cell by cell. A figure's
    place is its column, or column A when the workbook has no such column, so a finding about
    a missing value still has a cell."""
    cols = {c.canonical: c.col for c in unit.columns if c.canonical}
    sheet = quote_sheet(unit.sheet)

    def where(canonical: str) -> tuple[int, str]:
        return cols.get(canonical, -1), f"{sheet}!{column_letter(cols.get(canonical) or 1)}"

    texts = tuple(where(canonical) for _, canonical, _ in _TEXT_KEYS)
    figures = tuple((percent, *where(canonical)) for _, canonical, percent, *_ in _FIGURE_KEYS)
    return texts, figures


def _columns() -> list[str]:
    """The frame's columns, in the order :func:`_row_record` gives each row's values."""
    names = ["unit", "unit_index", "row"]
    for field, _, ref_key in _TEXT_KEYS:
        names += [field, ref_key]
    for field, _, _, val_key, kind_key, dec_key, ref_key, cell_key in _FIGURE_KEYS:
        names += [field, val_key, kind_key, dec_key, ref_key, cell_key]
    return names + ["target_unit", "realisasi_unit", "majemuk_terverifikasi", "negatif"]


COLUMNS = _columns()
_AT = {name: i for i, name in enumerate(COLUMNS)}
_SATUAN, _POLARITAS = _AT["satuan"], _AT["polaritas_teks"]
_TARGET, _REALISASI = _AT["target"], _AT["realisasi"]
_TARGET_VAL, _REALISASI_VAL = _AT["target_val"], _AT["realisasi_val"]


def _row_record(unit: Unit, unit_index: int, row, texts: tuple, figures: tuple) -> list:
    """One indicator row's values in the order of :data:`COLUMNS`, placed by :func:`_unit_plan`
    (a list, not a dict: a 500-unit workbook has 5.000 rows of 70 values)."""
    cells, number = row.cells, row.row
    record: list = [unit.sheet, unit_index, number]
    add = record.append
    for col, ref in texts:
        add(_text(cells.get(col)))
        add(f"{ref}{number}")
    for percent, col, ref in figures:
        cell = cells.get(col)
        if cell is None:
            value = _EMPTY
        elif cell.uncached:
            value = Value(Kind.ERROR, cell.formula or "", note="rumus tanpa nilai tersimpan")
        else:
            value = parse_cell(cell.value, cell.number_format, expect_percent=percent)
        kind = value.kind
        add(value.number if kind is _NUMBER else _NAN)
        add(value)
        add(kind._value_)  # the member's value without Enum's property (40.000 figures at 500 units)
        add(value.decimals if value.decimals is not None else -1)
        add(f"{ref}{number}")
        add(cell)
    satuan = record[_SATUAN]
    t, r = record[_TARGET_VAL], record[_REALISASI_VAL]
    add(t.unit or satuan)
    add(r.unit or satuan)
    sums = compound_ratio(t, r)
    add(sums is not None)  # majemuk_terverifikasi
    if sums is not None:
        record[_TARGET], record[_REALISASI] = sums
    add(labels.norm(record[_POLARITAS]).startswith("neg"))  # negatif
    return record


def _row_values(frame: pd.DataFrame):
    """Each row's values as a plain tuple, read column by column: pandas' own row iteration
    fetches text columns one element at a time, which was a fifth of a 500-unit check."""
    return zip(*(frame[c].tolist() for c in frame.columns))


def tuples(frame: pd.DataFrame) -> list:
    """``list(frame.itertuples(index=False))``: the same named tuples with the same values."""
    Row = namedtuple("Pandas", [str(c) for c in frame.columns], rename=True)
    return list(map(Row._make, _row_values(frame)))


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``: the same dicts."""
    names = list(frame.columns)
    return [dict(zip(names, values)) for values in _row_values(frame)]


def build_frame(workbook: Workbook) -> pd.DataFrame:
    records = []
    for i, unit in enumerate(workbook.units):
        texts, figures = _unit_plan(unit)
        records.extend(_row_record(unit, i, row, texts, figures) for row in unit.rows)
    frame = pd.DataFrame.from_records(records, columns=COLUMNS) if records else None
    if frame is None:
        frame = pd.DataFrame(columns=["unit", "unit_index", "row", *TEXTS, *FIGURES, "negatif"])
    return frame.reset_index(drop=True)
