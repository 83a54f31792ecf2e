"""Writing the corrected workbook (WORKBOOK.md section 4).

Sheets: ``Ringkasan``, ``Inkonsistensi``, ``Info``, then one per unit with the input's
cells where they were, ``Capaian (%)`` and ``Serapan (%)`` as live formulas carrying
their stored results, the office's figures in ``Capaian Dilaporkan`` and ``Serapan
Dilaporkan``, and ``Predikat``, ``Efisiensi`` and ``Kategori Efisiensi``. Text from the
input is always written as text; the only formulas are the ones written here.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import defaultdict

import xlsxwriter
from xlsxwriter.exceptions import DuplicateWorksheetName
from xlsxwriter.utility import xl_rowcol_to_cell, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import Worksheet

from . import labels
from .findings import LEVELS, Finding
from .frame import tuples
from .model import Cell, Unit

HEADERS = ["No", "Kode", "Tingkat", "Unit", "Sel", "Indikator", "Dilaporkan", "Seharusnya", "Pesan", "Saran",
           "ID", "Keputusan Auditor", "Catatan Auditor"]
DECISIONS = ["Diterima", "Ditolak", "Perlu Klarifikasi"]
CHANGED_FILL = "#FFF2CC"  # a derived figure the processor replaced
FLAGGED_FILL = "#FCE4D6"  # a typed figure with a finding: kept, with a suggestion
LEVEL_FILL = {"Galat": "#F8CBAD", "Peringatan": "#FFE699", "Info": "#DDEBF7"}
PERCENT_FMT = "#,##0.00"
RUPIAH_FMT = "#,##0"
POINTS_FMT = "+#,##0.00;-#,##0.00;0.00"
KATEGORI_EFISIENSI = "Kategori Efisiensi"


def _finite(x) -> bool:
    return x is not None and isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


class _PlainFormulas(Worksheet):
    """A unit sheet that writes our formulas as they are, and its plain cells in one go.

    xlsxwriter runs some 30 regular expressions over every formula to prefix Excel 365
    functions (FILTER, XLOOKUP, ...) with ``_xlfn.``; ours use only IF, MAX, MIN and
    arithmetic, so that pass is skipped (it was most of the writer's time on 500 units)."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula[1:] if formula.startswith("=") else formula

    def _write_cell(self, row, col, cell):
        """xlsxwriter's ``<c>`` element for a number, a shared string, a blank or a formula
        with a number or text result, written in one go: the same attributes and bytes (a
        reference and a style index need no escaping) without its generic attribute list,
        all but a few of a corrected workbook's 106.000 cells at 500 units. Anything else
        (booleans, dates, error or empty results, inline strings) is xlsxwriter's."""
        kind = type(cell).__name__
        if kind not in _PLAIN_CELL_KINDS or self.constant_memory:
            return super()._write_cell(row, col, cell)
        if kind == "Formula":
            value = cell.value
            if type(value) is float:
                result, kind_attr = value, ""
            elif type(value) is str and value and value not in _ERROR_RESULTS:
                result, kind_attr = _escaped(value), ' t="str"'
            else:
                return super()._write_cell(row, col, cell)
        if cell.format:
            style = f' s="{cell.format._get_xf_index()}"'
        elif row in self.row_info and self.row_info[row].row_format:
            style = f' s="{self.row_info[row].row_format._get_xf_index()}"'
        elif col in self.col_info and self.col_info[col].column_format is not None:
            style = f' s="{self.col_info[col].column_format._get_xf_index()}"'
        else:
            style = ""
        ref = xl_rowcol_to_cell_fast(row, col)
        if kind == "Number":
            self.fh.write(f'<c r="{ref}"{style}><v>{cell.number:.16G}</v></c>')
        elif kind == "String":
            self.fh.write(f'<c r="{ref}"{style} t="s"><v>{cell.string}</v></c>')
        elif kind == "Formula":
            self.fh.write(f'<c r="{ref}"{style}{kind_attr}><f>{_escaped(cell.formula)}</f><v>{result}</v></c>')
        else:
            self.fh.write(f'<c r="{ref}"{style}/>')


_PLAIN_CELL_KINDS = frozenset({"Number", "String", "Blank", "Formula"})
# Results xlsxwriter writes as error values (t="e"), not as text.
_ERROR_RESULTS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


def _escaped(text: str) -> str:
    """Text in an XML element as xlsxwriter escapes it there (``&``, ``<``, ``>``)."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class _Book(xlsxwriter.Workbook):
    """A workbook that checks a new sheet's name against the others in one set lookup.

    xlsxwriter compares it with every sheet already added (case ignored), so adding n sheets
    took time growing as n²: 0,2 s for 2.000 units. Its other checks (length, characters,
    apostrophes) still run, against an empty list of sheets."""

    def _check_sheetname(self, sheetname, is_chartsheet=False):
        taken = self.__dict__.setdefault("_taken", set())
        sheets, self.worksheets_objs = self.worksheets_objs, []
        try:
            name = super()._check_sheetname(sheetname, is_chartsheet)
        finally:
            self.worksheets_objs = sheets
        if name.lower() in taken:
            raise DuplicateWorksheetName(f"Sheetname '{name}', with case ignored, is already in use.")
        taken.add(name.lower())
        return name

    def let_go(self) -> None:
        """Drop the sheets once the file is written. Each sheet holds bound methods of its
        workbook, which holds its sheets: a cycle of every cell written (some 145.000 objects
        at 500 units) that only the cycle collector could free, in one walk of 0,04-0,1 s at
        some later moment. Without the workbook's hold the sheets are freed at once."""
        for held in (getattr(self, "worksheets_objs", None), getattr(self, "sheetnames", None)):
            if isinstance(held, (list, dict)):
                held.clear()


class _Formats:
    """One xlsxwriter format per distinct style, created once."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}
        self.copied: dict[tuple, object] = {}  # (number format or None for text, fill) -> format

    def get(self, num_format: str | None = None, **props):
        key = (num_format, tuple(sorted(props.items())))
        if key not in self.cache:
            spec = dict(props)
            if num_format and num_format != "General":
                spec["num_format"] = num_format
            self.cache[key] = self.book.add_format(spec)
        return self.cache[key]


def write_value(ws, fmts: _Formats, row: int, col: int, cell: Cell, fill: str | None = None) -> None:
    """Copy one input cell (0-based position) as a value: text stays text, formulas become
    their stored result (the output holds no formula it did not write itself)."""
    value = cell.value
    kind = type(value)
    if FAST_VALUES and not cell.uncached and (kind is str or ((kind is float or kind is int) and math.isfinite(value))):
        # most cells: the same calls as below, with their format found in one lookup and
        # xlsxwriter's own undecorated writers (no row/column notation to convert)
        key = (cell.number_format if kind is not str else None, fill)
        style = fmts.copied.get(key)
        if style is None:
            style = fmts.copied[key] = _copied_format(fmts, kind is str, key[0], fill)
        if kind is str:
            ws._write_string(row, col, value, style)
        else:
            ws._write_number(row, col, value, style)
        return
    props = {"bg_color": fill} if fill else {}
    if cell.uncached:
        ws.write_string(row, col, cell.formula or "", fmts.get(None, **props))
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmts.get(None, **props))
    elif isinstance(value, (int, float)):
        if math.isfinite(float(value)):
            ws.write_number(row, col, value, fmts.get(cell.number_format, **props))
        else:
            ws.write_string(row, col, str(value), fmts.get(None, **props))
    elif isinstance(value, (_dt.datetime, _dt.date)):
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            value = _dt.datetime(value.year, value.month, value.day)
        ws.write_datetime(row, col, value, fmts.get(cell.number_format if cell.number_format != "General"
                                                    else "d mmmm yyyy", **props))
    elif isinstance(value, _dt.time):
        ws.write_string(row, col, value.isoformat(), fmts.get(None, **props))
    elif value is None:
        if fill:
            ws.write_blank(row, col, None, fmts.get(None, **props))
    else:
        ws.write_string(row, col, str(value), fmts.get(None, text_wrap=True, valign="top", **props))


def _copied_format(fmts: _Formats, text: bool, num_format: str | None, fill: str | None):
    """The format :func:`write_value` gives a copied text or number."""
    props = {"bg_color": fill} if fill else {}
    return fmts.get(None, text_wrap=True, valign="top", **props) if text else fmts.get(num_format, **props)


# Copied numbers and texts take the short way in write_value; the tests turn it off to compare.
FAST_VALUES = True


def _operand(r, field: str) -> str:
    """A formula operand for a figure: the cell itself when it holds a plain number,
    otherwise the number read from its text (``12 dok`` -> 12)."""
    cell: Cell | None = getattr(r, f"{field}_cell")
    number = getattr(r, field)
    if (cell is not None and not r.majemuk_terverifikasi and not cell.uncached and cell.formula is None
            and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)):
        ref = xl_rowcol_to_cell(cell.row - 1, cell.col - 1)
        return f"({ref}*100)" if getattr(r, f"{field}_val").percent and "%" in cell.number_format else ref
    return repr(float(number)) if not float(number).is_integer() else str(int(number))


def capaian_formula(r) -> str | None:
    if not _finite(r.capaian):
        return None
    t, re_ = _operand(r, "target"), _operand(r, "realisasi")
    if r.negatif:
        if r.target == 0:
            return f"=IF({re_}=0,100,0)"
        return f"=MAX(0,(2*{t}-{re_})/{t}*100)"
    return f"={re_}/{t}*100"


def serapan_formula(r) -> str | None:
    if not _finite(r.serapan):
        return None
    return f"={_operand(r, 'realisasi_anggaran')}/{_operand(r, 'anggaran')}*100"


def predikat_formula(ref: str) -> str:
    return (f'=IF({ref}>=91,"Sangat Tinggi",IF({ref}>=76,"Tinggi",IF({ref}>=66,"Sedang",'
            f'IF({ref}>=51,"Rendah","Sangat Rendah"))))')


def kategori_formula(ref: str) -> str:
    return f'=IF({ref}>5,"Efisien",IF({ref}<-5,"Tidak Efisien","Cukup"))'


def _comment_text(findings: list[Finding]) -> str:
    parts = []
    for f in findings:
        text = f"{f.kode} ({f.tingkat.value}): {f.pesan}"
        if f.saran:
            text += f" Saran: {f.saran}"
        parts.append(text)
    return "\n".join(parts)


CHANGE_CODES = {"capaian": ("K101", "K102"), "serapan": ("K201", "K202")}


def write_unit(book, fmts: _Formats, unit: Unit, frame_rows, by_cell: dict[tuple[int, int], list[Finding]],
               batas=None) -> int:
    """One unit sheet; ``by_cell`` holds this unit's findings by (row, col). Returns rows written."""
    ws = book.add_worksheet(unit.sheet, worksheet_class=_PlainFormulas)

    for cell in unit.other_cells:
        write_value(ws, fmts, cell.row - 1, cell.col - 1, cell)

    last = max([c.col for c in unit.columns] + [1])
    capaian_col = unit.column("Capaian (%)")
    serapan_col = unit.column("Serapan (%)")
    added = {}
    next_col = last + 1
    for name in ([] if capaian_col else ["Capaian (%)"]) + ([] if serapan_col else ["Serapan (%)"]) + [
            labels.CAPAIAN_REPORTED, labels.SERAPAN_REPORTED, labels.PREDIKAT, labels.EFISIENSI,
            KATEGORI_EFISIENSI]:
        added[name] = next_col
        ws.write_string(unit.header_row - 1, next_col - 1, name, fmts.get(None, bold=True))
        next_col += 1
    c_col = capaian_col.col if capaian_col else added["Capaian (%)"]
    s_col = serapan_col.col if serapan_col else added["Serapan (%)"]

    written = 0
    for row, r in zip(unit.rows, frame_rows):
        for col, cell in row.cells.items():
            if col in (c_col, s_col):
                continue
            found = by_cell.get((cell.row, col))  # most cells have no finding
            fill = FLAGGED_FILL if found and any(f.tingkat.value != "Info" for f in found) else None
            write_value(ws, fmts, cell.row - 1, col - 1, cell, fill)
        rr = row.row - 1
        for kind, col, reported_name, value, formula in (
                ("capaian", c_col, labels.CAPAIAN_REPORTED, r.capaian, capaian_formula(r)),
                ("serapan", s_col, labels.SERAPAN_REPORTED, r.serapan, serapan_formula(r))):
            reported = row.cells.get(col)
            if reported is not None:
                write_value(ws, fmts, rr, added[reported_name] - 1, reported)
            related = by_cell.get((row.row, col), [])
            changed = any(f.kode in CHANGE_CODES[kind] for f in related)
            style = fmts.get(PERCENT_FMT, bg_color=CHANGED_FILL) if changed else fmts.get(PERCENT_FMT)
            if formula:
                ws.write_formula(rr, col - 1, formula, style, float(value))
            elif reported is not None:
                ws.write_blank(rr, col - 1, None, style)
            if changed:
                shown = reported.text if reported is not None else ""
                ws.write_comment(rr, col - 1, f"Dilaporkan kantor: {shown}. Diganti dengan hasil hitung.\n"
                                 + _comment_text(related), {"x_scale": 3, "y_scale": 2.5})
        c_ref = xl_rowcol_to_cell(rr, c_col - 1)
        s_ref = xl_rowcol_to_cell(rr, s_col - 1)
        if _finite(r.capaian):
            rated = r.capaian_dinilai
            p_ref = c_ref if batas is None else f"MIN({c_ref},{batas})"
            ws.write_formula(rr, added[labels.PREDIKAT] - 1, predikat_formula(p_ref), None, r.predikat)
            if _finite(r.serapan):
                e_ref = xl_rowcol_to_cell(rr, added[labels.EFISIENSI] - 1)
                ws.write_formula(rr, added[labels.EFISIENSI] - 1, f"={p_ref}-{s_ref}", fmts.get(POINTS_FMT),
                                 float(rated - r.serapan))
                ws.write_formula(rr, added[KATEGORI_EFISIENSI] - 1, kategori_formula(e_ref), None,
                                 r.efisiensi_kategori)
        written += 1

    for (row, col), items in by_cell.items():
        if col in (c_col, s_col) and any(f.kode in CHANGE_CODES["capaian"] + CHANGE_CODES["serapan"] for f in items):
            continue
        ws.write_comment(row - 1, col - 1, _comment_text(items), {"x_scale": 3, "y_scale": 2.5})

    for col, width in unit.column_widths.items():
        ws.set_column(col - 1, col - 1, width)
    for name, col in added.items():
        ws.set_column(col - 1, col - 1, 16)
    ws.freeze_panes(unit.header_row, 0)
    return written


def write_findings(book, fmts: _Formats, findings: list[Finding],
                   decisions: dict[str, tuple[str, str]] | None = None) -> None:
    ws = book.add_worksheet(labels.FINDINGS_SHEET)
    head = fmts.get(None, bold=True, bg_color="#D9D9D9", border=1, text_wrap=True, valign="top")
    for col, name in enumerate(HEADERS):
        ws.write_string(0, col, name, head)
    wrap = fmts.get(None, text_wrap=True, valign="top")
    link = fmts.get(None, font_color="blue", underline=1, valign="top")
    for i, f in enumerate(findings, start=1):
        level = fmts.get(None, bg_color=LEVEL_FILL[f.tingkat.value], valign="top")
        ws.write_number(i, 0, i, fmts.get(None, valign="top"))
        ws.write_string(i, 1, f.kode, wrap)
        ws.write_string(i, 2, f.tingkat.value, level)
        ws.write_string(i, 3, f.unit, wrap)
        if f.sel and "!" in f.sel:
            ws.write_url(i, 4, f"internal:{f.sel}", link, string=f.sel, tip="Buka sel di lembar unit")
        else:
            ws.write_string(i, 4, f.sel, wrap)
        for col, text in enumerate((f.indikator, f.dilaporkan, f.seharusnya, f.pesan, f.saran, f.id), start=5):
            ws.write_string(i, col, text or "", wrap)
        decision, note = (decisions or {}).get(f.id, ("", ""))
        if decision:
            ws.write_string(i, 11, decision, wrap)
        if note:
            ws.write_string(i, 12, note, wrap)
    n = len(findings)
    ws.data_validation(1, 11, max(n, 1), 11, {
        "validate": "list", "source": DECISIONS,
        "input_title": "Keputusan Auditor", "input_message": "Pilih: Diterima, Ditolak, Perlu Klarifikasi",
        "error_title": "Pilihan tidak dikenal", "error_message": "Pilih salah satu dari daftar.",
    })
    ws.autofilter(0, 0, max(n, 1), len(HEADERS) - 1)
    ws.freeze_panes(1, 0)
    for col, width in enumerate((5, 7, 11, 20, 26, 40, 16, 16, 60, 50, 13, 18, 30)):
        ws.set_column(col, col, width)


SUMMARY_HEADERS = ["Unit", "Jabatan", "Nama", "Indikator", "Baris Dibaca", "Baris Ditulis", "Rata-rata Capaian (%)",
                   "Predikat", "Anggaran", "Realisasi Anggaran", "Serapan (%)", *[lv.value for lv in LEVELS]]


def write_summary(ws, fmts: _Formats, result, written: dict[str, int]) -> None:
    info = result.workbook.info
    ws.write_string(0, 0, f"Ringkasan Kinerja {info.instansi} Triwulan {info.triwulan_roman} Tahun {info.tahun}",
                    fmts.get(None, bold=True, font_size=13))
    head = fmts.get(None, bold=True, bg_color="#D9D9D9", border=1, text_wrap=True, valign="top")
    for col, name in enumerate(SUMMARY_HEADERS):
        ws.write_string(2, col, name, head)
    counts = defaultdict(lambda: defaultdict(int))
    for f in result.findings:
        counts[f.unit][f.tingkat.value] += 1
    table = result.summary
    units = result.workbook.units
    row = 3
    for unit in units:
        s = table.loc[unit.sheet]
        _summary_row(ws, fmts, row, [unit.sheet, unit.jabatan, unit.nama], s, len(unit.rows),
                     written.get(unit.sheet, 0), counts[unit.sheet], bold=False)
        row += 1
    total_counts = defaultdict(int)
    for f in result.findings:
        total_counts[f.tingkat.value] += 1
    _summary_row(ws, fmts, row, ["Total", "", ""], table.loc["Total"], sum(len(u.rows) for u in units),
                 sum(written.values()), total_counts, bold=True)
    ws.freeze_panes(3, 1)
    for col, width in enumerate((22, 40, 28, 10, 10, 10, 12, 14, 18, 18, 11, 8, 11, 8)):
        ws.set_column(col, col, width)


def _summary_row(ws, fmts, row, names, s, read, written, counts, bold):
    plain = fmts.get(None, bold=bold)
    for col, text in enumerate(names):
        ws.write_string(row, col, text, plain)
    ws.write_number(row, 3, int(s["indikator"]), plain)
    ws.write_number(row, 4, read, plain)
    ws.write_number(row, 5, written, plain)
    for col, key, num_format in ((6, "rata_capaian", PERCENT_FMT), (8, "anggaran", RUPIAH_FMT),
                                 (9, "realisasi_anggaran", RUPIAH_FMT), (10, "serapan", PERCENT_FMT)):
        if _finite(s[key]):
            ws.write_number(row, col, float(s[key]), fmts.get(num_format, bold=bold))
    ws.write_string(row, 7, s["predikat"] or "", plain)
    for col, level in enumerate(LEVELS, start=11):
        ws.write_number(row, col, counts.get(level.value, 0), plain)


def write_info(book, fmts: _Formats, cells: list[Cell]) -> None:
    ws = book.add_worksheet(labels.INFO_SHEET)
    for cell in cells:
        write_value(ws, fmts, cell.row - 1, cell.col - 1, cell)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 45)


def write_corrected(result, path: str, decisions: dict[str, tuple[str, str]] | None = None) -> dict[str, int]:
    """Write the corrected workbook; ``decisions`` are earlier auditor decisions by finding ID.
    Returns rows written per unit."""
    book = _Book(path, {"strings_to_formulas": False, "strings_to_urls": False,
                        "strings_to_numbers": False, "nan_inf_to_errors": False,
                        "in_memory": True})  # no temporary file per worksheet
    fmts = _Formats(book)
    summary_ws = book.add_worksheet(labels.SUMMARY_SHEET)
    write_findings(book, fmts, result.findings, decisions)
    write_info(book, fmts, result.workbook.info_cells)
    frame = result.frame
    written = {}
    batas = result.settings.batas_capaian
    rows_of: dict[str, list] = defaultdict(list)
    for r in tuples(frame):
        rows_of[r.unit].append(r)
    cells_of: dict[str, dict[tuple[int, int], list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in result.findings:
        if f.row and f.col:
            cells_of[f.unit][(f.row, f.col)].append(f)
    for unit in result.workbook.units:
        written[unit.sheet] = write_unit(book, fmts, unit, rows_of[unit.sheet], cells_of[unit.sheet], batas)
    write_summary(summary_ws, fmts, result, written)
    summary_ws.activate()
    book.close()
    book.let_go()
    return written
