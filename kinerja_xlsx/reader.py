"""Reading the standard workbook (WORKBOOK.md section 1) into plain data.

The only module that opens an input file. It never writes to it. Input it cannot read
at all raises :class:`InputError`; anything readable but wrong is left to the rules.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
import zipfile
import zlib

from . import labels, safety
from .a1 import column_index, range_bounds
from .errors import InputError
from .grid import SheetGrid, load_grid, wanted
from .model import Cell, Column, Info, Row, Unit, Workbook

BULAN = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def read_workbook(path: str) -> Workbook:
    parts = safety.check_file(path, keep=wanted)  # checked and decompressed once, read from here on
    names_in_package = _package_sheet_names(path, parts)
    _check_sheet_names(path, names_in_package)
    sheets = load_sheets(path, parts)

    names = [sheet.name for sheet in sheets]
    info_sheet = next((sh for sh in sheets if labels.norm(sh.name) == labels.norm(labels.INFO_SHEET)), None)
    if info_sheet is None:
        raise InputError(path, "lembar 'Info' tidak ada.",
                         action="Tambahkan lembar 'Info' berisi Pemerintah, Instansi, Tahun, Triwulan, Tempat "
                                "dan Tanggal Laporan (lihat 'kinerja templat').")
    info, info_cells = _read_info(path, info_sheet)

    units = []
    hidden = []
    for sheet in sheets:
        if sheet.state != "visible":
            hidden.append(sheet.name)
        if labels.is_reserved_sheet(sheet.name) or not sheet.worksheet:  # chart sheets hold no cells
            continue
        units.append(_read_unit(path, sheet))
    if not units:
        raise InputError(path, "tidak ada lembar unit.",
                         action="Tambahkan satu lembar per unit (Camat, Sekretaris, Kasi, Kasubag) sesuai templat.")
    count = sum(len(u.rows) for u in units)
    if count > safety.LIMITS.rows:
        raise InputError(path, f"berisi {_thousands(count)} baris indikator, di atas batas "
                               f"{_thousands(safety.LIMITS.rows)} per workbook.",
                         action="Periksa apakah tabel memang sepanjang itu; bila ya, pecah menjadi beberapa workbook "
                                "(mis. per kecamatan atau per bidang).")
    return Workbook(path=path, info=info, info_cells=info_cells, units=units, sheet_order=names,
                    hidden_sheets=tuple(hidden))


def load_sheets(path: str, parts: dict[str, bytes] | None = None) -> list[SheetGrid]:
    """Every sheet's cells. The fast loader (python-calamine plus a light scan, about 5x
    faster) serves ordinary workbooks; anything it declines or trips on (a used area of
    millions of cells, a panic in the Rust parser) is read by openpyxl, which walks only the
    cells the file holds and explains every failure in one line."""
    try:
        return load_grid(path, parts)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # TooWide, pyo3's PanicException (a BaseException), anything odd
        return _sheets_openpyxl(path)


def _sheets_openpyxl(path: str) -> list[SheetGrid]:
    book = _load(path, read_only=False)
    formulas = _formulas(path)
    sheets = []
    for name in book.sheetnames:
        ws = book[name]
        if not hasattr(ws, "iter_rows"):  # a chart sheet
            sheets.append(SheetGrid(name, ws.sheet_state, worksheet=False))
            continue
        rows = list(_rows(ws, formulas))
        widths = {}
        hidden_cols = set()
        last_col = max((c for _, cells in rows for c in cells), default=1)
        for letter, dim in ws.column_dimensions.items():
            try:
                index = column_index(letter)
            except ValueError:
                continue
            if dim.width:
                widths[index] = float(dim.width)
            if dim.hidden:
                low = dim.min or index
                hidden_cols.update(range(low, min(dim.max or low, last_col) + 1))
        hidden_rows = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden)
        sheets.append(SheetGrid(name, ws.sheet_state, rows, tuple(r.coord for r in ws.merged_cells.ranges),
                                hidden_rows, widths, frozenset(hidden_cols)))
    return sheets


_NOT_FROM_EXCEL = "Jangan proses berkas ini; minta berkas asli yang disimpan langsung dari Excel."


def _load(path: str, *, read_only: bool):
    """openpyxl's load, its many failure modes turned into one clear line. openpyxl is
    loaded here only, for the workbooks the fast loader declines, after proving that it
    parses with defusedxml."""
    import openpyxl

    safety.verify_xml_defences()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=not read_only, read_only=read_only)
    except InputError:
        raise
    except Exception as exc:
        _explain(path, exc)


def _causes(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _explain(path: str, exc: Exception):
    """Raise the InputError for an exception of openpyxl's load (which wraps many in ValueError)."""
    from defusedxml import DefusedXmlException

    causes = list(_causes(exc))
    if any(isinstance(c, DefusedXmlException) for c in causes):
        raise InputError(path, "workbook memuat entitas XML yang dilarang (pola 'XML bomb'); tidak dibaca.",
                         action=_NOT_FROM_EXCEL) from exc
    if any(isinstance(c, (zipfile.BadZipFile, zlib.error, EOFError)) for c in causes):
        raise InputError(path, "berkas .xlsx rusak atau terpotong.",
                         action="Salin ulang berkas dari sumbernya, atau buka dan simpan ulang di Excel.") from exc
    if any(isinstance(c, MemoryError) for c in causes):
        raise InputError(path, "workbook terlalu besar untuk dibaca.",
                         action="Hapus baris, kolom atau format berlebih di Excel, simpan ulang, lalu proses "
                                "lagi.") from exc
    # openpyxl raises many kinds for a damaged package
    raise InputError(path, f"berkas tidak dapat dibaca sebagai workbook Excel ({type(causes[-1]).__name__}).",
                     action="Buka dan simpan ulang berkas di Excel sebagai .xlsx, lalu proses lagi.") from exc


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _check_sheet_names(path: str, names: list[str]) -> None:
    """Names Excel would refuse, and names equal but for case or spaces (openpyxl silently
    renames a duplicate on load, so the package's own list is read)."""
    seen: dict[str, str] = {}
    for name in names:
        if len(name.encode("utf-16-le")) // 2 > 31 or _BAD_SHEET_CHARS.search(name) or not name.strip() \
                or name.startswith("'") or name.endswith("'"):
            raise InputError(path, f"nama lembar '{name}' tidak sah di Excel (paling banyak 31 karakter, tanpa "
                                   "[ ] : * ? / \\ dan tanpa petik di awal/akhir).", sheet=name,
                             action="Ganti nama lembar itu di Excel, lalu proses lagi.")
        key = labels.norm(name)
        if key in seen:
            if seen[key] == name:
                raise InputError(path, f"ada dua lembar bernama '{name}'.",
                                 action="Ganti nama salah satu lembar agar setiap unit punya nama sendiri.")
            raise InputError(path, f"lembar '{seen[key]}' dan '{name}' hanya berbeda huruf besar/kecil atau spasi.",
                             action="Ganti nama salah satu lembar agar setiap unit punya nama yang jelas berbeda.")
        seen[key] = name


def _package_sheet_names(path: str, parts: dict[str, bytes]) -> list[str]:
    from defusedxml import DefusedXmlException, ElementTree

    try:
        root = ElementTree.fromstring(parts["xl/workbook.xml"])  # check_file made sure it is there
    except DefusedXmlException as exc:
        raise InputError(path, "xl/workbook.xml memuat entitas XML yang dilarang (pola 'XML bomb'); tidak dibaca.",
                         action=_NOT_FROM_EXCEL) from exc
    except Exception as exc:  # ParseError and friends: a damaged part
        raise InputError(path, f"daftar lembar (xl/workbook.xml) rusak ({type(exc).__name__}).",
                         action="Buka dan simpan ulang berkas di Excel sebagai .xlsx, lalu proses lagi.") from exc
    return [el.get("name", "") for el in root.iter()
            if isinstance(el.tag, str) and (el.tag.endswith("}sheet") or el.tag == "sheet")]


_FORMULA_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")


class _NoStrings:
    """Shared strings for the formula pass, which never needs a string's text."""

    def __getitem__(self, index):
        return ""


def _formulas(path: str) -> dict[tuple[str, int, int], str]:
    """Formula text per cell, read from the sheets' XML in a second, streaming pass.

    openpyxl gives either stored values or formulas per load; this pass finds the formulas.
    It walks the cells present in the XML only (openpyxl's read-only rows would pad each
    row out to the sheet's declared dimension, which a hostile file sets to XFD1048576).
    Skipped when no sheet holds a formula.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    with zipfile.ZipFile(path) as archive:
        if not any(_FORMULA_TAG.search(archive.read(n)) for n in archive.namelist()
                   if not safety._is_binary_part(n) and not n.startswith(("xl/charts/", "xl/drawings/"))):
            return {}
    found = {}
    book = _load(path, read_only=True)
    try:
        for ws in book.worksheets:
            if not hasattr(ws, "_get_source"):
                continue
            source = ws._get_source()
            try:
                parser = WorkSheetParser(source, _NoStrings(), data_only=False)
                for _, cells in parser.parse():
                    for cell in cells:
                        if cell["data_type"] != "f":
                            continue
                        value = cell["value"]
                        if not isinstance(value, str):  # ArrayFormula, DataTableFormula
                            value = "=" + str(getattr(value, "text", "") or "").lstrip("=")
                        found[(ws.title, cell["row"], cell["column"])] = value
            except InputError:
                raise
            except Exception as exc:
                raise InputError(path, f"rumus di lembar tidak dapat dibaca ({type(exc).__name__}).", sheet=ws.name,
                                 action="Buka dan simpan ulang berkas di Excel sebagai .xlsx, lalu proses lagi.") \
                    from exc
            finally:
                source.close()
    finally:
        book.close()
    return found


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """OOXML writes control characters in text as ``_xHHHH_`` (a CR pasted from Windows is
    ``_x000D_``) and a literal ``_x`` as ``_x005F_x``; openpyxl leaves both as they are."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _cell(ws, cell, formulas) -> Cell:
    formula = formulas.get((ws.title, cell.row, cell.column))
    value = cell.value
    if isinstance(value, str):
        value = _unescape(value)
    return Cell(ws.title, cell.row, cell.column, value, cell.number_format or "General", formula,
                uncached=formula is not None and value is None)


def _rows(ws, formulas):
    """Each non-empty row as (row number, {col: Cell}), in order.

    Walks the cells the file holds (``ws._cells``), never the rectangle up to the sheet's
    last cell: one stray value at XFD1048576 must not make the reader visit 17 billion
    positions.
    """
    by_row: dict[int, dict[int, Cell]] = {}
    title = ws.title
    for (r, c), cell in ws._cells.items():
        if cell.value is not None or (title, r, c) in formulas:
            by_row.setdefault(r, {})[c] = _cell(ws, cell, formulas)
    for (sheet, r, c), formula in formulas.items():
        if sheet == title and c not in by_row.get(r, {}):
            by_row.setdefault(r, {})[c] = Cell(title, r, c, None, "General", formula, uncached=True)
    for r in sorted(by_row):
        yield r, dict(sorted(by_row[r].items()))


def _read_info(path: str, ws: SheetGrid) -> tuple[Info, list[Cell]]:
    values: dict[str, Cell] = {}
    all_cells: list[Cell] = []
    extra = []
    for _, cells in ws.rows:
        all_cells.extend(cells.values())
        key_cell = cells.get(1)
        if key_cell is None:
            continue
        key = labels.info_key(key_cell.value)
        value_cell = cells.get(2, Cell(ws.name, key_cell.row, 2))
        if key and key not in values:
            values[key] = value_cell
        elif key is None:
            extra.append((key_cell.text, value_cell.value))

    def need(key: str) -> Cell:
        cell = values.get(key)
        if cell is not None and cell.uncached:
            raise InputError(path, f"'{key}' berisi rumus {cell.formula} tanpa nilai tersimpan.", sheet=ws.name,
                             cell=cell.address, action="Buka berkas di Excel (rumus dihitung), simpan, lalu proses "
                                                       "lagi; atau ketik nilainya langsung.")
        if cell is None or cell.value is None or cell.text.strip() == "":
            where = cell.address if cell else None
            raise InputError(path, f"kunci '{key}' tidak ada atau kosong.", sheet=ws.name, cell=where,
                             action=f"Isi '{key}' di kolom A dan nilainya di kolom B lembar Info.")
        return cell

    tahun_cell = need("Tahun")
    tahun = _year(tahun_cell.value)
    if tahun is None:
        raise InputError(path, f"Tahun '{_quoted(tahun_cell.text)}' tidak dikenali.", sheet=ws.name,
                         cell=tahun_cell.address, action="Tulis tahun empat angka antara 2000 dan 2100, mis. 2023.")
    tw_cell = need("Triwulan")
    triwulan = parse_triwulan(tw_cell.value)
    if triwulan is None:
        raise InputError(path, f"Triwulan '{_quoted(tw_cell.text)}' tidak dikenali.", sheet=ws.name,
                         cell=tw_cell.address, action="Tulis 1, 2, 3, 4 atau I, II, III, IV.")
    date_cell = need("Tanggal Laporan")
    tanggal = parse_date(date_cell.value)
    if tanggal is None:
        raise InputError(path, f"Tanggal Laporan '{_quoted(date_cell.text)}' tidak dikenali.", sheet=ws.name,
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


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _quoted(text: str, width: int = 40) -> str:
    """A value as quoted in a one-line message: spaces collapsed, long text cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _year(value) -> int | None:
    try:
        year = int(float(str(value).strip()))
    except (ValueError, OverflowError):
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


def _read_unit(path: str, ws: SheetGrid) -> Unit:
    rows = ws.rows
    marker = labels.norm(labels.TABLE_MARKER)
    header_index = next((i for i, (_, cells) in enumerate(rows)
                         if any(isinstance(c.value, str) and labels.norm(c.value) == marker for c in cells.values())),
                        None)
    if header_index is None:
        raise InputError(path, "judul kolom 'Indikator Kinerja' tidak ditemukan.", sheet=ws.name,
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
            header[key] = cells.get(2, Cell(ws.name, key_cell.row, 2))

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
    _fill_merged(ws.name, table, columns, [range_bounds(coord) for coord in ws.merged])
    return Unit(
        sheet=ws.name,
        header=header,
        columns=columns,
        header_row=header_row,
        rows=table,
        hidden=ws.state != "visible",
        hidden_rows=ws.hidden_rows,
        hidden_cols=ws.hidden_cols,
        merged=tuple(ws.merged),
        other_cells=other,
        column_widths=dict(ws.widths),
    )


# Text columns whose merged value applies to every row of the merge (a Sasaran merged down
# over its indicators is the usual layout). Figures are never copied: an Anggaran merged
# over three rows is one budget line, read once, in the first row.
MERGED_FILL_COLUMNS = ("Sasaran", "Satuan", "Polaritas", "Induk")


def _fill_merged(sheet: str, table: list[Row], columns: list[Column], merged) -> None:
    """Copy the value of a merged text cell down to the other table rows it covers."""
    fill = {c.col for c in columns if c.canonical in MERGED_FILL_COLUMNS}
    by_row = {r.row: r for r in table}
    for col, min_row, _, max_row in merged:
        top_row = by_row.get(min_row)
        if max_row is None or col not in fill or top_row is None or col not in top_row.cells:
            continue
        top = top_row.cells[col]
        for row_number in range(min_row + 1, max_row + 1):
            row = by_row.get(row_number)
            if row is not None and col not in row.cells:
                row.cells[col] = Cell(sheet, row_number, col, top.value, top.number_format)
                row.cells = dict(sorted(row.cells.items()))


__all__ = ["read_workbook", "load_sheets", "parse_date", "parse_triwulan"]
