"""The standard workbook ready to fill (``kinerja templat``).

A workbook that makes typing slips hard: a ``Petunjuk`` sheet that explains every sheet,
key and column with examples; drop-downs where the contract allows only a few values;
whole-number and number checks where a figure is expected; rupiah and percent display
formats; an input message on every column; frozen headers and an A4 landscape print
setup. Its example unit sheet processes with no finding.

The workbook is described as data (:class:`Plan`) and written by :func:`render`; the
blank template is :func:`example_plan` and next quarter's workbook is built by
:mod:`kinerja_xlsx.carry`. Cells marked ``perbarui`` are highlighted for as long as they
still hold the value written here (a conditional format), so the highlight goes away by
itself once the officer types the new figure.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook as _Book
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from . import labels
from .authoring import STANDARD_COLUMNS, Num, UnitSheet, pct, put
from .errors import InputError
from .staging import replace_whole

ROMAN = ("I", "II", "III", "IV")
UNIT_LIST_NAME = "DaftarUnit"  # defined name behind the Atasan drop-down
UNIT_LIST_COL = 6  # column F of Petunjuk
UNIT_LIST_FIRST = 4
UNIT_LIST_SIZE = 60
TABLE_ROWS = 300  # rows under the header that carry validations and formats
RUPIAH_FMT = '"Rp "#,##0'
PERCENT_FMT = "0.00%"
DATE_FMT = "d mmmm yyyy"

HEADER_FILL = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
REQUIRED_FILL = PatternFill("solid", start_color="B4C6E7", end_color="B4C6E7")
KEY_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
REFRESH_FILL = PatternFill("solid", start_color="FFE699", end_color="FFE699", bgColor="FFE699")
STRAY_FILL = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD", bgColor="F8CBAD")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
HINT = Font(italic=True, color="595959")
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
LINE_HEIGHT = 15  # points per text line at the default 11 pt font


# --- what the officer reads: one source for the Petunjuk sheet and the input messages --------

@dataclass(frozen=True)
class Guide:
    """One key or column: its explanation, an example, and the short input message
    (Excel allows 32 characters of title and 255 of message)."""

    name: str
    penjelasan: str
    contoh: str
    pesan: str
    wajib: bool = False


INFO_GUIDE = (
    Guide("Pemerintah", "Nama pemerintah daerah seperti pada sampul laporan.", "Pemerintah Kabupaten Lumajang",
          "Nama pemerintah daerah, mis. Pemerintah Kabupaten Lumajang.", True),
    Guide("Instansi", "Nama perangkat daerah yang melapor.", "Kecamatan Kedungjajang",
          "Nama instansi, mis. Kecamatan Kedungjajang.", True),
    Guide("Tahun", "Tahun anggaran, empat angka (2000 sampai 2100).", "2023",
          "Tahun anggaran, empat angka, mis. 2023.", True),
    Guide("Triwulan", "Triwulan yang dilaporkan. Pilih dari daftar. Program memakai triwulan ini, bukan "
          "tanggal komputer.", "II", "Pilih dari daftar: I, II, III atau IV.", True),
    Guide("Tempat", "Tempat penandatanganan laporan (muncul di baris tanda tangan).", "Kedungjajang",
          "Tempat penandatanganan laporan, mis. Kedungjajang.", True),
    Guide("Tanggal Laporan", "Tanggal penandatanganan laporan: tanggal Excel, atau tulis 14 Juli 2023 "
          "atau 2023-07-14.", "14 Juli 2023",
          "Tanggal tanda tangan laporan, mis. 14 Juli 2023 atau 2023-07-14.", True),
)

UNIT_GUIDE = (
    Guide("Jabatan", "Jabatan pejabat yang melapor.", "Kepala Seksi Pemerintahan",
          "Wajib. Jabatan pejabat yang melapor, mis. Kepala Seksi Pemerintahan.", True),
    Guide("Nama", "Nama lengkap pejabat beserta gelar.", "SAHRIADI",
          "Wajib. Nama lengkap pejabat beserta gelar.", True),
    Guide("NIP", "NIP 18 angka; spasi boleh. Sel ini berformat teks agar Excel tidak memotong angkanya "
          "(angka 18 digit yang disimpan sebagai bilangan sudah rusak).", "19670813 198703 1 008",
          "NIP 18 angka, spasi boleh: 19670813 198703 1 008. Sel berformat teks; jangan ubah menjadi angka."),
    Guide("Atasan", "Nama lembar unit atasan langsung. Kosongkan untuk unit tertinggi (Camat). Pilihan "
          "diambil dari Daftar Unit di lembar Petunjuk.", "Camat",
          "Pilih nama lembar unit atasan dari daftar. Kosongkan untuk unit tertinggi. Daftar diambil dari "
          "Daftar Unit di lembar Petunjuk (kolom F)."),
    Guide("Tugas", "Tugas pokok unit, satu paragraf.", "membantu Camat dalam ...",
          "Tugas pokok unit, satu paragraf."),
    Guide("Fungsi", "Fungsi unit, satu fungsi per baris (Alt+Enter untuk baris baru di dalam sel).",
          "Menyelenggarakan urusan pemerintahan umum;",
          "Satu fungsi per baris. Tekan Alt+Enter untuk baris baru di dalam sel."),
    Guide("Faktor", "Faktor yang menyebabkan target tercapai atau tidak tercapai, satu per baris.",
          "Kurangnya koordinasi internal aparatur;",
          "Faktor tercapai/tidak tercapainya target, satu per baris (Alt+Enter)."),
    Guide("Rencana Tindak Lanjut", "Rencana tindak lanjut, satu per baris.", "Evaluasi berkelanjutan;",
          "Rencana tindak lanjut, satu per baris (Alt+Enter)."),
    Guide("Tanggapan Atasan", "Tanggapan atasan langsung; pilih salah satu: "
          + ", ".join(labels.TANGGAPAN_OPTIONS) + ".", "Laporan sudah baik",
          "Pilih dari daftar tanggapan atasan langsung."),
)

COLUMN_GUIDE = (
    Guide("No", "Nomor urut indikator seperti biasa ditulis. Nomor ini dirujuk kolom Induk di lembar bawahan.",
          "1", "Nomor urut indikator (1, 2, 3 ...). Lembar bawahan merujuk nomor ini di kolom Induk."),
    Guide("Sasaran", "Sasaran kegiatan atau program yang didukung indikator; boleh sama untuk beberapa baris.",
          "Mengoptimalkan fasilitasi dan koordinasi kecamatan",
          "Sasaran kegiatan atau program. Boleh sama untuk beberapa indikator."),
    Guide("Indikator Kinerja", "Nama indikator, satu baris per indikator. Tabel berakhir di baris kosong "
          "pertama: baris di bawah baris kosong tidak dibaca.", "Jumlah dokumen perencanaan yang disusun",
          "Wajib. Satu baris per indikator. Jangan sisakan baris kosong di tengah tabel: baris sesudahnya "
          "tidak dibaca.", True),
    Guide("Satuan", "Satuan target dan realisasi. Boleh kosong bila satuan ditulis bersama angka di Target.",
          "dok", "Satuan (dok, laporan, %, keluarga). Boleh kosong bila ditulis bersama angka: 12 dok."),
    Guide("Target", "Target tahunan: angka (12), angka dan satuan (12 dok) atau persen (85%).", "12 dok",
          "Target tahunan: 12, 12 dok atau 85%. Bentuk dan satuan sama dengan Realisasi.", True),
    Guide("Realisasi", "Realisasi KUMULATIF dari awal tahun sampai akhir triwulan ini, dalam bentuk dan "
          "satuan yang sama dengan Target.", "6 dok",
          "Realisasi KUMULATIF sejak awal tahun s.d. akhir triwulan ini, bentuk dan satuan sama dengan "
          "Target: 6 dok.", True),
    Guide("Capaian (%)", "Capaian yang dilaporkan: Realisasi / Target x 100 (polaritas positif). Ketik "
          "dengan tanda %. Program menghitung ulang dan menandai selisihnya.", "50%",
          "Realisasi / Target x 100. Ketik dengan tanda %, mis. 50% atau 68,31%. Program menghitung ulang."),
    Guide("Anggaran", "Pagu anggaran dalam rupiah. Ketik angkanya saja (10350000), tampil Rp 10.350.000. "
          "Ketik - bila indikator tidak punya baris anggaran.", "10350000",
          "Pagu dalam rupiah: ketik angkanya saja, mis. 10350000 (tampil Rp 10.350.000). Ketik - bila "
          "tidak ada anggaran."),
    Guide("Realisasi Anggaran", "Rupiah yang sudah dibelanjakan, kumulatif sampai akhir triwulan ini. "
          "Angka saja.", "4750000",
          "Rupiah yang dibelanjakan, KUMULATIF s.d. akhir triwulan ini. Ketik angkanya saja, mis. 4750000."),
    Guide("Serapan (%)", "Serapan yang dilaporkan: Realisasi Anggaran / Anggaran x 100. Ketik dengan "
          "tanda %.", "47,50%",
          "Realisasi Anggaran / Anggaran x 100. Ketik dengan tanda %, mis. 47,50%. Program menghitung ulang."),
    Guide("Keterangan", "Catatan bebas.", "", "Catatan bebas (boleh kosong)."),
    Guide("Polaritas", "Positif: makin tinggi makin baik (bawaan bila kosong). Negatif: makin rendah makin "
          "baik, mis. persentase pengaduan yang belum ditindaklanjuti.", "Positif",
          "Pilih Positif (makin tinggi makin baik, bawaan) atau Negatif (makin rendah makin baik)."),
    Guide("Induk", "Hanya di lembar bawahan: nomor (No) baris di lembar Atasan yang anggarannya mencakup "
          "baris ini. Anggaran induk harus sama dengan jumlah anggaran baris-baris yang menunjuknya.", "1",
          "Lembar bawahan: No baris di lembar Atasan yang anggarannya mencakup baris ini. Bilangan bulat, "
          "mis. 1."),
    Guide("Pembilang", "Untuk indikator persen: pembilang realisasi (36 faskor). Bilangan bulat.", "36",
          "Indikator persen: pembilang realisasi, bilangan bulat (36). Realisasi = Pembilang / Penyebut x 100."),
    Guide("Penyebut", "Penyebutnya (62 faskor). Bila diisi, Realisasi harus sama dengan Pembilang / "
          "Penyebut x 100.", "62",
          "Indikator persen: penyebut realisasi, bilangan bulat lebih dari 0 (62)."),
)

GUIDE_BY_COLUMN = {g.name: g for g in COLUMN_GUIDE}
GUIDE_BY_UNIT_KEY = {g.name: g for g in UNIT_GUIDE}
GUIDE_BY_INFO_KEY = {g.name: g for g in INFO_GUIDE}

COLUMN_WIDTHS = {"No": 6, "Sasaran": 32, "Indikator Kinerja": 42, "Satuan": 10, "Target": 13, "Realisasi": 13,
                 "Capaian (%)": 12, "Anggaran": 18, "Realisasi Anggaran": 18, "Serapan (%)": 12,
                 "Keterangan": 24, "Polaritas": 11, "Induk": 8, "Pembilang": 11, "Penyebut": 11}
COLUMN_FORMATS = {"Capaian (%)": PERCENT_FMT, "Serapan (%)": PERCENT_FMT, "Anggaran": RUPIAH_FMT,
                  "Realisasi Anggaran": RUPIAH_FMT}
WRAPPED_COLUMNS = ("Sasaran", "Indikator Kinerja", "Keterangan")


# --- the workbook as data ------------------------------------------------------------------

@dataclass
class Sheet:
    """One unit sheet to write, with the cells to highlight as ``perbarui``.

    ``refresh`` maps (row index in ``unit.rows``, column name) to the short reason shown
    in the cell's input message; ``refresh_header`` does the same for header keys.
    """

    unit: UnitSheet
    refresh: dict[tuple[int, str], str] = field(default_factory=dict)
    refresh_header: dict[str, str] = field(default_factory=dict)
    review_header: dict[str, str] = field(default_factory=dict)  # a note in the input message, no highlight
    hidden: bool = False


@dataclass
class Plan:
    info: dict[str, Any]
    sheets: list[Sheet]
    refresh_info: dict[str, str] = field(default_factory=dict)
    note: str = ""  # one line under the Petunjuk title, e.g. where a carried workbook came from


def roman(triwulan: int) -> str:
    return ROMAN[triwulan - 1]


def last_quarter(today: _dt.date) -> tuple[int, int]:
    """The quarter that ended most recently: reports are written after the quarter closes."""
    quarter = (today.month - 1) // 3
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


def example_unit() -> UnitSheet:
    """The copy-ready pattern: rows that show each way of writing a figure, and agree."""
    return UnitSheet(
        sheet="Camat",
        header={
            "Jabatan": "Camat",
            "Nama": "NAMA LENGKAP PEJABAT, S.Sos",
            "NIP": "19700101 199503 1 001",
            "Atasan": None,
            "Tugas": "membantu Bupati dalam mengoordinasikan penyelenggaraan pemerintahan, pelayanan publik dan "
                     "pemberdayaan masyarakat desa dan/atau kelurahan di wilayah kecamatan",
            "Fungsi": "Menyelenggarakan urusan pemerintahan umum;\nMengoordinasikan kegiatan pemberdayaan "
                      "masyarakat;\nMengoordinasikan upaya penyelenggaraan ketenteraman dan ketertiban umum.",
            "Faktor": "Dukungan dan koordinasi yang baik antaraparatur kecamatan;\nKetersediaan anggaran sesuai "
                      "jadwal kegiatan.",
            "Rencana Tindak Lanjut": "Evaluasi berkelanjutan pada setiap kegiatan;\nMembudayakan tertib "
                                     "administrasi sebagai bentuk akuntabilitas kinerja.",
            "Tanggapan Atasan": "Laporan sudah baik",
        },
        rows=[
            {"No": "1", "Sasaran": "Meningkatnya kualitas perencanaan dan pelaporan kinerja kecamatan",
             "Indikator Kinerja": "Jumlah dokumen perencanaan dan pelaporan yang disusun tepat waktu",
             "Satuan": "dok", "Target": 12, "Realisasi": 6, "Capaian (%)": pct(0.5, PERCENT_FMT),
             "Anggaran": Num(10_000_000, RUPIAH_FMT), "Realisasi Anggaran": Num(4_750_000, RUPIAH_FMT),
             "Serapan (%)": pct(0.475, PERCENT_FMT), "Keterangan": "Angka dan satuan di kolom terpisah",
             "Polaritas": "Positif"},
            {"No": "2", "Sasaran": "Mengoptimalkan fasilitasi dan koordinasi kecamatan",
             "Indikator Kinerja": "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti",
             "Satuan": "%", "Target": pct(0.85, "0%"), "Realisasi": pct(0.5806, PERCENT_FMT),
             "Capaian (%)": pct(0.6831, PERCENT_FMT), "Anggaran": Num(150_000_000, RUPIAH_FMT),
             "Realisasi Anggaran": Num(72_250_000, RUPIAH_FMT), "Serapan (%)": pct(0.4817, PERCENT_FMT),
             "Keterangan": "36 dari 62 faskor ditindaklanjuti", "Polaritas": "Positif",
             "Pembilang": 36, "Penyebut": 62},
            {"No": "3", "Sasaran": "Meningkatnya kualitas pelayanan publik",
             "Indikator Kinerja": "Persentase pengaduan masyarakat yang belum ditindaklanjuti",
             "Satuan": "%", "Target": pct(0.10, "0%"), "Realisasi": pct(0.08, "0%"),
             "Capaian (%)": pct(1.2, PERCENT_FMT), "Anggaran": "-",
             "Keterangan": "Polaritas negatif: makin kecil makin baik; tanpa anggaran (-)",
             "Polaritas": "Negatif"},
        ],
    )


def example_plan(today: _dt.date | None = None) -> Plan:
    today = today or _dt.date.today()
    tahun, triwulan = last_quarter(today)
    info = {"Pemerintah": "Pemerintah Kabupaten ...", "Instansi": "Kecamatan ...", "Tahun": tahun,
            "Triwulan": roman(triwulan), "Tempat": "...", "Tanggal Laporan": today}
    return Plan(info, [Sheet(example_unit())])


# --- writing --------------------------------------------------------------------------------

DEFAULT_NAME = "templat_kinerja.xlsx"


def write_template(path: str | None = None, previous: str | None = None, *, overwrite: bool = False,
                   today: _dt.date | None = None) -> tuple[str, Plan]:
    """Write the template, or with ``previous`` next quarter's workbook made from it.

    Without ``path`` the name is ``templat_kinerja.xlsx``, or for a carried workbook the
    source's name with the next quarter (``contoh_kedungjajang_tw3_2023.xlsx``), in the
    current folder. Refuses to replace an existing file unless ``overwrite``: a filled
    workbook is never lost to a blank one. The file appears whole or not at all.
    Returns the path written and what was written.
    """
    if previous:
        from .carry import carry_plan, default_output

        plan = carry_plan(previous)
        if path is None:
            path = default_output(previous, plan.info["Tahun"], ROMAN.index(plan.info["Triwulan"]) + 1)
        if os.path.exists(path) and os.path.samefile(path, previous):
            raise InputError(path, "berkas keluaran sama dengan workbook sumber.",
                             action="Sebutkan nama berkas lain untuk workbook triwulan berikutnya.")
    else:
        plan = example_plan(today)
        path = path or DEFAULT_NAME
    if os.path.exists(path) and not overwrite:
        raise InputError(path, "berkas sudah ada dan tidak ditimpa.",
                         action="Sebutkan nama lain, atau tambahkan --timpa untuk menggantinya.")
    render(plan, path)
    return path, plan


def render(plan: Plan, path: str) -> None:
    book = _Book()
    guide = book.active
    guide.title = labels.GUIDE_SHEET
    write_guide(guide, plan)
    write_info(book.create_sheet(labels.INFO_SHEET), plan)
    for sheet in plan.sheets:
        ws = book.create_sheet(sheet.unit.sheet)
        write_unit_sheet(ws, sheet, plan)
        if sheet.hidden:
            ws.sheet_state = "hidden"
    first = f"${get_column_letter(UNIT_LIST_COL)}${UNIT_LIST_FIRST}"
    last = f"${get_column_letter(UNIT_LIST_COL)}${UNIT_LIST_FIRST + UNIT_LIST_SIZE - 1}"
    book.defined_names[UNIT_LIST_NAME] = DefinedName(
        UNIT_LIST_NAME, attr_text=f"{quote_sheetname(labels.GUIDE_SHEET)}!{first}:{last}")
    book.active = 0
    replace_whole(path, book.save)


def _validation(kind: str | None, *, title: str, prompt: str, formula1: str | None = None,
                formula2: str | None = None, operator: str | None = None, error: str | None = None,
                style: str = "stop", allow_blank: bool = True) -> DataValidation:
    dv = DataValidation(type=kind, formula1=formula1, formula2=formula2, operator=operator,
                        allow_blank=allow_blank, showInputMessage=True, promptTitle=title[:32],
                        prompt=prompt[:255])
    if kind is not None:
        dv.showErrorMessage = True
        dv.errorStyle = style
        dv.errorTitle = "Isian tidak sesuai"
        dv.error = (error or prompt)[:255]
    return dv


def _list_formula(options) -> str:
    return '"' + ",".join(options) + '"'


def _column_rule(name: str, first_cell: str) -> dict:
    """The validation of a table column (``first_cell`` anchors a custom formula)."""
    if name == "Polaritas":
        return dict(kind="list", formula1=_list_formula(labels.POLARITAS),
                    error="Pilih Positif atau Negatif dari daftar.")
    if name == "Induk":
        return dict(kind="whole", operator="greaterThanOrEqual", formula1="1",
                    error="Induk adalah nomor (No) baris di lembar Atasan: bilangan bulat 1 atau lebih.")
    if name == "Pembilang":
        return dict(kind="whole", operator="greaterThanOrEqual", formula1="0",
                    error="Pembilang harus bilangan bulat 0 atau lebih.")
    if name == "Penyebut":
        return dict(kind="whole", operator="greaterThanOrEqual", formula1="1",
                    error="Penyebut harus bilangan bulat lebih dari 0.")
    if name in ("Anggaran", "Realisasi Anggaran"):
        return dict(kind="custom", formula1=f'OR(ISNUMBER({first_cell}),{first_cell}="-")',
                    error="Ketik angka rupiah saja tanpa Rp dan titik (mis. 10350000), atau - bila tidak ada "
                          "anggaran.")
    if name in ("Capaian (%)", "Serapan (%)"):
        return dict(kind="decimal", operator="between", formula1="0", formula2="10",
                    error="Ketik persen dengan tandanya, mis. 50% (antara 0% dan 1000%). Angka 50 tanpa % "
                          "dapat terbaca 5000%.")
    return dict(kind=None)


def _style_header_cell(cell, required: bool = False) -> None:
    cell.font = BOLD
    cell.fill = REQUIRED_FILL if required else HEADER_FILL
    cell.border = BOX
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _literal(value: Any) -> str | None:
    """``value`` as a formula literal, for 'still unchanged' highlighting; None if too long."""
    if value is None or value == "":
        return None
    if isinstance(value, Num):
        value = value.value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"DATE({value.year},{value.month},{value.day})"
    text = str(value).replace("\r\n", "\n")
    if len(text) > 2000:
        return None
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("CHAR(10)")
        # a string constant in a formula holds at most 255 characters
        pieces.extend('"' + line[k:k + 200].replace('"', '""') + '"' for k in range(0, max(len(line), 1), 200))
    return "&".join(pieces)


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (an estimate:
    neither openpyxl nor LibreOffice sizes rows of a file written by a program)."""
    per_line = max(1, int(width * 1.15))
    total = 0
    for paragraph in str(text).split("\n"):
        words, line, count = paragraph.split(), 0, 1
        for word in words:
            if line and line + 1 + len(word) > per_line:
                count += 1
                line = len(word)
            else:
                line += (1 if line else 0) + len(word)
        total += count
    return max(total, 1)


def fit_row(ws, row: int, widths: dict[int, float], minimum: int = 1) -> None:
    """Set a row's height to show all its wrapped text."""
    lines = minimum
    for col, width in widths.items():
        value = ws.cell(row=row, column=col).value
        if value is not None and ws.cell(row=row, column=col).alignment.wrap_text:
            lines = max(lines, text_lines(str(value), width))
    ws.row_dimensions[row].height = LINE_HEIGHT * lines + 2


def _key_prompt(ws, cell, value, guide, fallback: str, reason: str | None) -> str:
    """The input message of a key's value cell; a value carried from last quarter that must be
    refreshed is marked PERBARUI and highlighted until it is changed."""
    prompt = guide.pesan if guide else fallback
    if reason:
        _highlight_while_unchanged(ws, cell.coordinate, value)
        return f"PERBARUI: {reason} {prompt}"
    return prompt


def _highlight_while_unchanged(ws, address: str, value: Any) -> None:
    """Fill the cell while it still holds ``value`` (or, when ``value`` is empty, while empty)."""
    literal = _literal(value)
    if literal is None and value not in (None, ""):
        return  # too long to compare: the input message alone asks for the update
    if literal is None:
        formula = f"LEN({address})=0"
    else:
        formula = f"{address}={literal}"
    ws.conditional_formatting.add(address, FormulaRule(formula=[formula], fill=REFRESH_FILL, stopIfTrue=False))


def write_info(ws, plan: Plan) -> None:
    hints = {"Triwulan": "pilih dari daftar", "Tahun": "empat angka", "Tanggal Laporan": "tanggal tanda tangan"}
    for row, (key, value) in enumerate(plan.info.items(), start=1):
        key_cell = put(ws, row, 1, key)
        key_cell.font = BOLD
        key_cell.fill = KEY_FILL
        key_cell.border = BOX
        cell = put(ws, row, 2, value)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="left")
        prompt = _key_prompt(ws, cell, value, GUIDE_BY_INFO_KEY.get(key),
                             f"{key}: nilai tambahan, dibawa apa adanya.", plan.refresh_info.get(key))
        if key == "Triwulan":
            dv = _validation("list", title="Triwulan", prompt=prompt, formula1=_list_formula(ROMAN),
                             error="Pilih I, II, III atau IV.", allow_blank=False)
        elif key == "Tahun":
            dv = _validation("whole", title="Tahun", prompt=prompt, operator="between", formula1="2000",
                             formula2="2100", error="Tahun empat angka antara 2000 dan 2100.", allow_blank=False)
        else:
            dv = _validation(None, title=key, prompt=prompt)
        if key == "Tanggal Laporan":
            cell.number_format = DATE_FMT
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        if key in hints:
            hint = put(ws, row, 3, hints[key])
            hint.font = HINT
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 46
    ws.column_dimensions["C"].width = 24
    _print_setup(ws, landscape=False)


def _unit_header_validation(key: str, prompt: str, address: str) -> DataValidation:
    if key == "Atasan":
        return _validation("list", title=key, prompt=prompt, formula1=UNIT_LIST_NAME,
                           error="Nama ini tidak ada di Daftar Unit (lembar Petunjuk, kolom F). Pilih dari "
                                 "daftar, atau tambahkan nama lembar unit itu ke Daftar Unit lebih dulu.")
    if key == "Tanggapan Atasan":
        return _validation("list", title=key, prompt=prompt, formula1=_list_formula(labels.TANGGAPAN_OPTIONS),
                           error="Pilih salah satu tanggapan dari daftar.")
    if key == "NIP":
        return _validation("custom", title=key, prompt=prompt,
                           formula1=f'LEN(SUBSTITUTE({address}," ",""))=18', style="warning",
                           error="NIP biasanya 18 angka (spasi tidak dihitung). Periksa lagi; pilih Yes bila "
                                 "memang benar.")
    return _validation(None, title=key, prompt=prompt)


def write_unit_sheet(ws, sheet: Sheet, plan: Plan) -> int:
    """Header block from row 1, a blank row, then the table. Returns the table's header row."""
    unit = sheet.unit
    row = 1
    for key, value in unit.header.items():
        key_cell = put(ws, row, 1, key)
        key_cell.font = BOLD
        key_cell.fill = KEY_FILL
        key_cell.border = BOX
        cell = ws.cell(row=row, column=2)
        if value is not None:
            put(ws, row, 2, value)
        cell.border = BOX
        # one line per key, so that the frozen rows above the table stay short: a paragraph
        # overflows to the right, a list shows its first line; the formula bar shows all
        cell.alignment = Alignment(wrap_text="\n" in str(value or ""), vertical="top")
        ws.row_dimensions[row].height = LINE_HEIGHT
        if key == "NIP":
            cell.number_format = "@"  # 18 digits stay text
        reason = sheet.refresh_header.get(key)
        prompt = _key_prompt(ws, cell, value, GUIDE_BY_UNIT_KEY.get(key), f"{key}: dibawa apa adanya.", reason)
        if not reason and key in sheet.review_header:
            prompt = f"{sheet.review_header[key]} {prompt}"
        dv = _unit_header_validation(key, prompt, cell.coordinate)
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        row += 1
    header_row = row + 1
    columns = unit.columns
    first_data = header_row + 1
    last_data = header_row + TABLE_ROWS
    for col, name in enumerate(columns, start=1):
        guide = GUIDE_BY_COLUMN.get(name)
        cell = put(ws, header_row, col, name)
        _style_header_cell(cell, required=bool(guide and guide.wajib))
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = COLUMN_WIDTHS.get(name, 16)
        head_dv = _validation(None, title=name, prompt=guide.pesan if guide else f"Kolom {name}: dibawa apa adanya.")
        head_dv.add(cell.coordinate)
        ws.add_data_validation(head_dv)
        fmt = COLUMN_FORMATS.get(name)
        wrap = name in WRAPPED_COLUMNS
        for r in range(first_data, last_data + 1):
            if fmt or wrap:
                c = ws.cell(row=r, column=col)
                if fmt:
                    c.number_format = fmt
                if wrap:
                    c.alignment = TOP_WRAP
    for offset, data in enumerate(unit.rows):
        r = first_data + offset
        for col, name in enumerate(columns, start=1):
            value = data.get(name)
            cell = ws.cell(row=r, column=col)
            if value is not None:
                put(ws, r, col, value)
                if isinstance(value, Num) and name in COLUMN_FORMATS and "%" not in value.number_format:
                    cell.number_format = COLUMN_FORMATS[name]
            cell.border = BOX
            if name not in WRAPPED_COLUMNS:
                cell.alignment = Alignment(vertical="top", wrap_text=False)
    widths = {col: COLUMN_WIDTHS.get(name, 16) for col, name in enumerate(columns, start=1)}
    fit_row(ws, header_row, widths)
    for offset in range(len(unit.rows)):
        fit_row(ws, first_data + offset, widths)
    _table_validations(ws, sheet, header_row)
    # a row typed below a blank row is not read: show it in red while that is so
    span = f"$A{{r}}:${get_column_letter(len(columns))}{{r}}"
    rows = f"A{first_data + 1}:{get_column_letter(len(columns))}{last_data}"
    ws.conditional_formatting.add(rows, FormulaRule(
        formula=[f"AND(COUNTA({span.format(r=first_data + 1)})>0,COUNTA({span.format(r=first_data)})=0)"],
        fill=STRAY_FILL))
    ws.freeze_panes = ws.cell(row=first_data, column=1)
    ws.column_dimensions["A"].width = 21  # the header block keys
    _print_setup(ws, landscape=True, title_rows=f"{header_row}:{header_row}")
    # whole columns, so that long header text overflowing to the right does not shrink the
    # page, while rows the officer adds are still printed (openpyxl's print_area takes cells only)
    ws.defined_names["_xlnm.Print_Area"] = DefinedName(
        "_xlnm.Print_Area", attr_text=f"{quote_sheetname(ws.title)}!$A:${get_column_letter(len(columns))}")
    return header_row


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _table_validations(ws, sheet: Sheet, header_row: int) -> None:
    """One validation per column and per run of cells sharing the same input message,
    so that no cell carries two validations (Excel keeps only one)."""
    first_data = header_row + 1
    last_data = header_row + TABLE_ROWS
    for col, name in enumerate(sheet.unit.columns, start=1):
        guide = GUIDE_BY_COLUMN.get(name)
        base = guide.pesan if guide else f"Kolom {name}: dibawa apa adanya."
        messages: dict[str, list[int]] = {}
        for r in range(first_data, last_data + 1):
            reason = sheet.refresh.get((r - first_data, name))
            prompt = f"PERBARUI: {reason} {base}" if reason else base
            messages.setdefault(prompt, []).append(r)
        letter = get_column_letter(col)
        for prompt, rows in messages.items():
            for first, last in _runs(rows):
                rule = _column_rule(name, f"{letter}{first}")
                kind = rule.pop("kind")
                dv = _validation(kind, title=("Perbarui: " if prompt.startswith("PERBARUI") else "") + name,
                                 prompt=prompt, **rule)
                dv.add(f"{letter}{first}:{letter}{last}" if last > first else f"{letter}{first}")
                ws.add_data_validation(dv)
    for (index, name), _reason in sheet.refresh.items():
        if name not in sheet.unit.columns:
            continue
        col = sheet.unit.columns.index(name) + 1
        address = f"{get_column_letter(col)}{first_data + index}"
        _highlight_while_unchanged(ws, address, sheet.unit.rows[index].get(name))


def _print_setup(ws, *, landscape: bool, title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.center.text = "&A"
    ws.oddFooter.center.text = "Halaman &P dari &N"
    if title_rows:
        ws.print_title_rows = title_rows


# --- the Petunjuk sheet ---------------------------------------------------------------------

STEPS = (
    "Isi lembar Info: pemerintah daerah, instansi, tahun, triwulan (pilih dari daftar), tempat dan tanggal "
    "laporan.",
    "Buat satu lembar untuk setiap unit (Camat, Sekcam, Kasi, Kasubag): klik kanan tab lembar contoh, pilih "
    "Pindahkan atau Salin, centang Buat salinan. Ganti nama lembar dengan nama singkat unit, mis. Kasi "
    "Pemerintahan.",
    "Tulis nama setiap lembar unit di Daftar Unit (kolom F lembar ini) agar muncul di pilihan Atasan.",
    "Isi kepala lembar (Jabatan sampai Tanggapan Atasan; teks panjang tampil satu baris, isi lengkapnya "
    "terlihat di bilah rumus) dan tabel indikator: satu baris per indikator, tanpa baris kosong di tengah. "
    "Baris di bawah baris kosong tidak dibaca (ditandai merah).",
    "Ganti atau hapus baris contoh. Arahkan kursor ke sel mana pun untuk membaca petunjuknya.",
    "Simpan sebagai .xlsx lalu jalankan: kinerja periksa BERKAS.xlsx (memeriksa saja) dan kinerja proses "
    "BERKAS.xlsx (menulis workbook terkoreksi, daftar inkonsistensi dan PDF ke folder output).",
    "Triwulan berikutnya: kinerja templat --dari BERKAS.xlsx membuat workbook baru dengan unit, indikator, "
    "target dan anggaran yang sama. Sel kuning (perbarui) berisi nilai kumulatif triwulan lalu: ganti "
    "dengan nilai terbaru; sorotannya hilang sendiri setelah diganti.",
)

NUMBERS = (
    ("Rupiah", "Ketik angkanya saja: 10350000. Tampil Rp 10.350.000. Jangan ketik Rp atau titik."),
    ("Persen", "Ketik dengan tanda %: 58,06% (atau 58.06% sesuai pengaturan desimal komputer)."),
    ("Tanpa anggaran", "Ketik - (tanda minus) di Anggaran."),
    ("Target dan realisasi", "Angka saja bila Satuan diisi (12), atau angka dengan satuan (12 dok). Bentuk "
                             "dan satuan realisasi harus sama dengan target."),
    ("Kumulatif", "Realisasi dan Realisasi Anggaran adalah jumlah sejak awal tahun sampai akhir triwulan ini, "
                  "bukan triwulan ini saja."),
    ("NIP", "18 angka dengan spasi: 19670813 198703 1 008. Sel NIP berformat teks."),
)


def write_guide(ws, plan: Plan) -> None:
    widths = {1: 22, 2: 70, 3: 30}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["D"].width = 3
    ws.column_dimensions[get_column_letter(UNIT_LIST_COL)].width = 26
    title = put(ws, 1, 1, "Petunjuk Pengisian Workbook Laporan Kinerja Individu")
    title.font = Font(bold=True, size=14)
    put(ws, 2, 1, plan.note or "Lembar ini tidak dibaca program. Warna biru muda: judul kolom; biru tua: "
                                "kolom wajib; kuning: perbarui; merah: baris tidak terbaca.").font = HINT
    row = 4

    def section(text: str) -> None:
        nonlocal row
        row += 1
        cell = put(ws, row, 1, text)
        cell.font = Font(bold=True, size=12)
        row += 1

    def line(*values: str, bold_first: bool = False, header: bool = False) -> None:
        nonlocal row
        for col, value in enumerate(values, start=1):
            cell = put(ws, row, col, value)
            cell.alignment = TOP_WRAP
            if header:
                _style_header_cell(cell)
            elif bold_first and col == 1:
                cell.font = BOLD
        fit_row(ws, row, widths)
        row += 1

    section("Langkah pengisian")
    for i, step in enumerate(STEPS, start=1):
        line(f"Langkah {i}", step, bold_first=True)
    section("Lembar dalam workbook")
    line("Lembar", "Isi", header=True)
    line("Petunjuk", "Lembar ini: petunjuk dan Daftar Unit. Tidak dibaca saat diproses.", bold_first=True)
    line("Info", "Kunci di kolom A, nilainya di kolom B: " + ", ".join(g.name for g in INFO_GUIDE) + ".",
         bold_first=True)
    line("Satu lembar per unit", "Nama lembar = nama singkat unit (mis. Kasi Pemerintahan). Kepala lembar "
         "(kunci di kolom A, nilai di kolom B), satu baris kosong, lalu tabel indikator yang judulnya memuat "
         "Indikator Kinerja. Semua lembar selain Info dan Petunjuk dibaca sebagai lembar unit.", bold_first=True)
    for heading, guides in (("Lembar Info", INFO_GUIDE), ("Kepala lembar unit", UNIT_GUIDE),
                            ("Kolom tabel indikator", COLUMN_GUIDE)):
        section(heading)
        line("Kunci / kolom", "Penjelasan", "Contoh", header=True)
        for g in guides:
            line(g.name + (" (wajib)" if g.wajib else ""), g.penjelasan, g.contoh, bold_first=True)
    section("Cara menulis angka")
    for name, text in NUMBERS:
        line(name, text, bold_first=True)
    _write_unit_list(ws, [s.unit.sheet for s in plan.sheets])
    _print_setup(ws, landscape=False)
    ws.print_area = f"A1:C{row}"


def _write_unit_list(ws, names: list[str]) -> None:
    col = UNIT_LIST_COL
    head = ws.cell(row=UNIT_LIST_FIRST - 1, column=col)
    put(ws, UNIT_LIST_FIRST - 1, col, "Daftar Unit")
    _style_header_cell(head)
    note = put(ws, UNIT_LIST_FIRST - 2, col, "Pilihan Atasan: satu nama lembar per sel")
    note.font = HINT
    for i in range(UNIT_LIST_SIZE):
        cell = ws.cell(row=UNIT_LIST_FIRST + i, column=col)
        if i < len(names):
            put(ws, UNIT_LIST_FIRST + i, col, names[i])
        cell.border = BOX
    dv = _validation(None, title="Daftar Unit", prompt="Tulis nama setiap lembar unit persis seperti nama tabnya. "
                     "Daftar ini menjadi pilihan kolom Atasan di lembar unit.")
    dv.add(f"{get_column_letter(col)}{UNIT_LIST_FIRST}:{get_column_letter(col)}{UNIT_LIST_FIRST + UNIT_LIST_SIZE - 1}")
    ws.add_data_validation(dv)


__all__ = ["Plan", "Sheet", "Guide", "write_template", "render", "example_plan", "example_unit",
           "STANDARD_COLUMNS", "UNIT_LIST_NAME"]
