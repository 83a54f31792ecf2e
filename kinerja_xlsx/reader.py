"""Reading the standard workbook (WORKBOOK.md section 1) into plain data.

The only module that opens an input file. It never writes to it. Input it cannot read
at all raises :class:`InputError`; anything readable but wrong is left to the rules.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

from . import labels, safety
from .errors import InputError
from .model import Cell, Column, Info, Row, Unit, Workbook

BULAN = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def read_workbook(path: str) -> Workbook:
    safety.check_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise InputError(path, f"berkas tidak dapat dibaca sebagai workbook Excel ({type(exc).__name__}).",
                         action="Buka dan simpan ulang berkas di Excel sebagai .xlsx, lalu proses lagi.") from exc
    formulas = _formulas(path)

    names = book.sheetnames
    seen: dict[str, str] = {}
    for name in _package_sheet_names(path):  # openpyxl renames duplicates on load; read them raw
        key = labels.norm(name)
        if key in seen:
            raise InputError(path, f"lembar '{seen[key]}' dan '{name}' hanya berbeda huruf besar/kecil atau spasi.",
                             action="Ganti nama salah satu lembar agar setiap unit punya nama yang jelas berbeda.")
        seen[key] = name

    info_name = next((n for n in names if labels.norm(n) == labels.norm(labels.INFO_SHEET)), None)
    if info_name is None:
        raise InputError(path, "lembar 'Info' tidak ada.",
                         action="Tambahkan lembar 'Info' berisi Pemerintah, Instansi, Tahun, Triwulan, Tempat "
                                "dan Tanggal Laporan (lihat 'kinerja templat').")
    info, info_cells = _read_info(path, book[info_name], formulas)

    units = []
    hidden = []
    for name in names:
        ws = book[name]
        if ws.sheet_state != "visible":
            hidden.append(name)
        if labels.is_reserved_sheet(name):
            continue
        if not hasattr(ws, "iter_rows"):  # a chart sheet
            continue
        units.append(_read_unit(path, ws, formulas))
    if not units:
        raise InputError(path, "tidak ada lembar unit.",
                         action="Tambahkan satu lembar per unit (Camat, Sekretaris, Kasi, Kasubag) sesuai templat.")
    return Workbook(path=path, info=info, info_cells=info_cells, units=units, sheet_order=list(names),
                    hidden_sheets=tuple(hidden))


def _package_sheet_names(path: str) -> list[str]:
    from defusedxml import ElementTree

    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return [el.get("name", "") for el in root.iter() if el.tag.endswith("}sheet") or el.tag == "sheet"]


def _formulas(path: str) -> dict[tuple[str, int, int], str]:
    """Formula text per cell. Skips the second parse when no sheet holds a formula."""
    with zipfile.ZipFile(path) as archive:
        if not any(n.startswith("xl/worksheets/") and b"<f" in archive.read(n) for n in archive.namelist()
                   if n.endswith(".xml")):
            return {}
    found = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.startswith("=") and cell.data_type == "f":
                        found[(ws.title, cell.row, cell.column)] = value
                    elif value is not None and type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
                        found[(ws.title, cell.row, cell.column)] = "=" + str(getattr(value, "text", "") or "")
    finally:
        book.close()
    return found


def _cell(ws, cell, formulas) -> Cell:
    formula = formulas.get((ws.title, cell.row, cell.column))
    value = cell.value
    return Cell(ws.title, cell.row, cell.column, value, cell.number_format or "General", formula,
                uncached=formula is not None and value is None)


def _rows(ws, formulas):
    """Each non-empty row as (row number, {col: Cell})."""
    for row in ws.iter_rows():
        cells = {c.column: _cell(ws, c, formulas) for c in row
                 if c.value is not None or (ws.title, c.row, c.column) in formulas}
        if cells:
            yield row[0].row, cells


def _read_info(path: str, ws, formulas) -> tuple[Info, list[Cell]]:
    values: dict[str, Cell] = {}
    all_cells: list[Cell] = []
    extra = []
    for _, cells in _rows(ws, formulas):
        all_cells.extend(cells.values())
        key_cell = cells.get(1)
        if key_cell is None:
            continue
        key = labels.info_key(key_cell.value)
        value_cell = cells.get(2, Cell(ws.title, key_cell.row, 2))
        if key and key not in values:
            values[key] = value_cell
        elif key is None:
            extra.append((key_cell.text, value_cell.value))

    def need(key: str) -> Cell:
        cell = values.get(key)
        if cell is None or cell.value is None or cell.text.strip() == "":
            where = cell.address if cell else None
            raise InputError(path, f"kunci '{key}' tidak ada atau kosong.", sheet=ws.title, cell=where,
                             action=f"Isi '{key}' di kolom A dan nilainya di kolom B lembar Info.")
        return cell

    tahun_cell = need("Tahun")
    tahun = _year(tahun_cell.value)
    if tahun is None:
        raise InputError(path, f"Tahun '{tahun_cell.text}' tidak dikenali.", sheet=ws.title,
                         cell=tahun_cell.address, action="Tulis tahun empat angka antara 2000 dan 2100, mis. 2023.")
    tw_cell = need("Triwulan")
    triwulan = parse_triwulan(tw_cell.value)
    if triwulan is None:
        raise InputError(path, f"Triwulan '{tw_cell.text}' tidak dikenali.", sheet=ws.title, cell=tw_cell.address,
                         action="Tulis 1, 2, 3, 4 atau I, II, III, IV.")
    date_cell = need("Tanggal Laporan")
    tanggal = parse_date(date_cell.value)
    if tanggal is None:
        raise InputError(path, f"Tanggal Laporan '{date_cell.text}' tidak dikenali.", sheet=ws.title,
                         cell=date_cell.address, action="Tulis tanggal Excel, atau '14 Juli 2023', atau '2023-07-14'.")
    info = Info(
        pemerintah=need("Pemerintah").text.strip(),
        instansi=need("Instansi").text.strip(),
        tahun=tahun,
        triwulan=triwulan,
        tempat=need("Tempat").text.strip(),
        tanggal=tanggal,
        cells=values,
        extra=tuple(extra),
    )
    return info, all_cells


def _year(value) -> int | None:
    try:
        year = int(float(str(value).strip()))
    except ValueError:
        return None
    if str(value).strip() not in (str(year), f"{year}.0") and not isinstance(value, (int, float)):
        return None
    return year if 2000 <= year <= 2100 else None


def parse_triwulan(value) -> int | None:
    """``2``, ``II``, ``Triwulan II``, ``TW 2`` -> 2."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 1 <= value <= 4 else None
    text = re.sub(r"^(triwulan|tribulan|tw)\s*", "", str(value).strip(), flags=re.IGNORECASE).strip().upper()
    if text in ROMAN:
        return ROMAN[text]
    if text in ("1", "2", "3", "4"):
        return int(text)
    return None


def parse_date(value) -> _dt.date | None:
    """An Excel date, ``14 Juli 2023``, ``2023-07-14`` or ``14/07/2023``."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = re.sub(r"\s+", " ", str(value)).strip().rstrip(".")
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", text)
        if m:
            return _dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text)
        if m and m[2].lower() in BULAN:
            return _dt.date(int(m[3]), BULAN[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


def _is_numbering_row(cells: dict[int, Cell], columns: list[Column]) -> bool:
    """The ``1 2 3 4 5=4/3 6`` row many offices put under the header."""
    texts = [cells[c.col].text.strip() for c in columns if c.col in cells]
    return bool(texts) and texts[0] == "1" and all(re.fullmatch(r"\d+(\s*=.*)?", t) for t in texts)


def _read_unit(path: str, ws, formulas) -> Unit:
    rows = list(_rows(ws, formulas))
    marker = labels.norm(labels.TABLE_MARKER)
    header_index = next((i for i, (_, cells) in enumerate(rows)
                         if any(isinstance(c.value, str) and labels.norm(c.value) == marker for c in cells.values())),
                        None)
    if header_index is None:
        raise InputError(path, "judul kolom 'Indikator Kinerja' tidak ditemukan.", sheet=ws.title,
                         action="Tambahkan baris judul tabel (No, Sasaran, Indikator Kinerja, Target, Realisasi, ...) "
                                "atau pindahkan lembar ini jika bukan lembar unit.")
    header_row, header_cells = rows[header_index]

    header: dict[str, Cell] = {}
    other: list[Cell] = []  # every cell outside the indicator rows, carried to the output as is
    for _, cells in rows[:header_index]:
        other.extend(cells.values())
        key_cell = cells.get(1)
        key = labels.unit_key(key_cell.value) if key_cell is not None else None
        if key and key not in header:
            header[key] = cells.get(2, Cell(ws.title, key_cell.row, 2))

    columns = []
    taken = set()
    for col in sorted(header_cells):
        name = header_cells[col].text.strip()
        if not name:
            continue
        canonical = labels.column_for(name)
        if canonical in taken:
            canonical = None  # a repeated column is carried, the first one counts
        taken.add(canonical)
        columns.append(Column(name, canonical, col))
    other.extend(header_cells.values())

    span = {c.col for c in columns}
    table: list[Row] = []
    expected = header_row + 1
    end = len(rows)
    for i in range(header_index + 1, len(rows)):
        row_number, cells = rows[i]
        in_table = {col: c for col, c in cells.items() if col in span}
        if row_number != expected or not in_table:
            end = i
            break
        expected += 1
        if not table and _is_numbering_row(in_table, columns):
            other.extend(cells.values())
            continue
        table.append(Row(row_number, in_table))
        other.extend(c for col, c in cells.items() if col not in span)
    for _, cells in rows[end:]:
        other.extend(cells.values())

    widths = {}
    for letter, dim in ws.column_dimensions.items():
        if dim.width:
            widths[openpyxl.utils.column_index_from_string(letter)] = float(dim.width)
    hidden_rows = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden)
    return Unit(
        sheet=ws.title,
        header=header,
        columns=columns,
        header_row=header_row,
        rows=table,
        hidden=ws.sheet_state != "visible",
        hidden_rows=hidden_rows,
        merged=tuple(str(r) for r in ws.merged_cells.ranges),
        other_cells=other,
        column_widths=widths,
    )


__all__ = ["read_workbook", "parse_date", "parse_triwulan", "get_column_letter"]
