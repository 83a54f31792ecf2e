"""The template (``kinerja templat``) and carry-forward (``kinerja templat --dari``).

The template is read back with openpyxl: its drop-downs, checks, input messages, formats,
frozen header and print setup are in the file; processing it untouched gives no finding.
One LibreOffice round trip shows a real client opens it and keeps the drop-downs.
"""

import datetime as dt
import shutil
import subprocess
import warnings

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from conftest import SAMPLE, in_ci, row, unit
from kinerja_xlsx import check, labels, process
from kinerja_xlsx.authoring import STANDARD_COLUMNS
from kinerja_xlsx.carry import default_output, next_period, next_report_date
from kinerja_xlsx.errors import InputError
from kinerja_xlsx.reader import read_workbook
from kinerja_xlsx.template import (COLUMN_GUIDE, INFO_GUIDE, TABLE_ROWS, UNIT_GUIDE, UNIT_LIST_NAME,
                                   write_template)

TODAY = dt.date(2024, 7, 10)  # the template then reports Triwulan II 2024
HEADER_ROW = len(labels.UNIT_KEYS) + 2  # header block, one blank row, then the table's header
FIRST = HEADER_ROW + 1
COL = {name: openpyxl.utils.get_column_letter(i) for i, name in enumerate(STANDARD_COLUMNS, start=1)}


def load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl does not read whole-column print areas
        return openpyxl.load_workbook(path)


def cells_of(dv) -> set[str]:
    found = set()
    for rng in str(dv.sqref).split():
        min_col, min_row, max_col, max_row = range_boundaries(rng)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                found.add(f"{openpyxl.utils.get_column_letter(c)}{r}")
    return found


def validation_at(ws, address):
    found = [dv for dv in ws.data_validations.dataValidation if address in cells_of(dv)]
    assert len(found) == 1, f"{ws.title}!{address}: {len(found)} validasi"
    return found[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("templat") / "templat_kinerja.xlsx"
    written, _ = write_template(str(path), today=TODAY)
    assert written == str(path)
    return str(path)


@pytest.fixture(scope="module")
def book(template):
    return load(template)


# --- the template ---------------------------------------------------------------------------

def test_untouched_template_processes_with_no_finding(template, tmp_path):
    result = check(template)
    assert result.findings == []
    assert [u.sheet for u in result.workbook.units] == ["Camat"]
    assert len(result.frame) == 3
    info = result.workbook.info
    assert (info.tahun, info.triwulan, info.tanggal) == (2024, 2, TODAY)
    assert process(template, str(tmp_path / "o"), pdf=False).findings == []


def test_sheets_follow_the_contract(book):
    assert book.sheetnames == [labels.GUIDE_SHEET, labels.INFO_SHEET, "Camat"]
    assert [book["Info"].cell(r, 1).value for r in range(1, 7)] == list(labels.INFO_KEYS)
    ws = book["Camat"]
    assert [ws.cell(r, 1).value for r in range(1, HEADER_ROW - 1)] == list(labels.UNIT_KEYS)
    assert ws.cell(HEADER_ROW - 1, 1).value is None
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, len(STANDARD_COLUMNS) + 1)] == STANDARD_COLUMNS


def test_triwulan_and_tahun_are_checked_on_info(book):
    ws = book["Info"]
    triwulan = validation_at(ws, "B4")
    assert triwulan.type == "list" and triwulan.formula1 == '"I,II,III,IV"'
    assert ws["B4"].value in ("I", "II", "III", "IV")
    tahun = validation_at(ws, "B3")
    assert (tahun.type, tahun.operator, tahun.formula1, tahun.formula2) == ("whole", "between", "2000", "2100")


def test_unit_sheet_dropdowns(book):
    ws = book["Camat"]
    polaritas = validation_at(ws, f"{COL['Polaritas']}{FIRST}")
    assert polaritas.type == "list" and polaritas.formula1 == '"Positif,Negatif"'
    assert f"{COL['Polaritas']}{FIRST + TABLE_ROWS - 1}" in cells_of(polaritas)
    keys = {ws.cell(r, 1).value: r for r in range(1, HEADER_ROW)}
    tanggapan = validation_at(ws, f"B{keys['Tanggapan Atasan']}")
    assert tanggapan.type == "list"
    assert tanggapan.formula1.strip('"').split(",") == list(labels.TANGGAPAN_OPTIONS)
    atasan = validation_at(ws, f"B{keys['Atasan']}")
    assert atasan.type == "list" and atasan.formula1 == UNIT_LIST_NAME


def test_atasan_list_names_the_unit_sheets(book):
    destinations = list(book.defined_names[UNIT_LIST_NAME].destinations)
    assert len(destinations) == 1
    sheet, cells = destinations[0]
    assert sheet == labels.GUIDE_SHEET  # not a hidden helper sheet: that would be read as a unit
    values = [c.value for line in book[sheet][cells.replace("$", "")] for c in line]
    assert [v for v in values if v] == ["Camat"]
    assert len(values) >= 30  # room for every unit of a kecamatan


def test_whole_numbers_for_induk_pembilang_penyebut(book):
    ws = book["Camat"]
    for name, minimum in (("Induk", "1"), ("Pembilang", "0"), ("Penyebut", "1")):
        dv = validation_at(ws, f"{COL[name]}{FIRST}")
        assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", minimum), name
        assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
        assert f"{COL[name]}{FIRST + TABLE_ROWS - 1}" in cells_of(dv)


def test_rupiah_and_percent_display_formats(book):
    ws = book["Camat"]
    for r in (FIRST, FIRST + 50):  # an example row and an empty one
        for name in ("Anggaran", "Realisasi Anggaran"):
            assert ws[f"{COL[name]}{r}"].number_format == '"Rp "#,##0'
        for name in ("Capaian (%)", "Serapan (%)"):
            assert ws[f"{COL[name]}{r}"].number_format == "0.00%"
    keys = {ws.cell(r, 1).value: r for r in range(1, HEADER_ROW)}
    assert ws[f"B{keys['NIP']}"].number_format == "@"  # 18 digits must stay text


def test_every_column_and_key_has_an_input_message(book):
    ws = book["Camat"]
    for col, name in enumerate(STANDARD_COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(col)
        for address in (f"{letter}{HEADER_ROW}", f"{letter}{FIRST}", f"{letter}{FIRST + 100}"):
            dv = validation_at(ws, address)
            assert dv.showInputMessage and dv.prompt and dv.promptTitle, (name, address)
    for r in range(1, HEADER_ROW - 1):
        assert validation_at(ws, f"B{r}").prompt
    for r in range(1, 7):
        assert validation_at(book["Info"], f"B{r}").prompt


def test_messages_fit_excel_limits():
    for guide in (*INFO_GUIDE, *UNIT_GUIDE, *COLUMN_GUIDE):
        assert len(guide.pesan) <= 255 - len("PERBARUI: ") - 90, guide.name  # room for a carry-forward note
        assert len(guide.name) <= 32 - len("Perbarui: ")
    assert {g.name for g in COLUMN_GUIDE} == set(STANDARD_COLUMNS)
    assert [g.name for g in UNIT_GUIDE] == list(labels.UNIT_KEYS)
    assert [g.name for g in INFO_GUIDE] == list(labels.INFO_KEYS)


def test_no_cell_has_two_validations(book):
    for ws in book.worksheets:
        seen: dict[str, int] = {}
        for i, dv in enumerate(ws.data_validations.dataValidation):
            for address in cells_of(dv):
                assert address not in seen, f"{ws.title}!{address}"
                seen[address] = i


def test_frozen_header_widths_and_print_setup(book):
    ws = book["Camat"]
    assert ws.freeze_panes == f"A{FIRST}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    widths = {name: ws.column_dimensions[COL[name]].width for name in STANDARD_COLUMNS}
    assert widths["Indikator Kinerja"] >= 40 and widths["Sasaran"] >= 30 and widths["Anggaran"] >= 16
    guide = book[labels.GUIDE_SHEET]
    assert guide.page_setup.orientation == "portrait" and int(guide.page_setup.paperSize) == 9


def test_guide_explains_every_key_and_column(book):
    text = "\n".join(str(c.value) for line in book[labels.GUIDE_SHEET].iter_rows() for c in line if c.value)
    for name in (*labels.INFO_KEYS, *labels.UNIT_KEYS, *STANDARD_COLUMNS):
        assert name in text, name
    assert "kinerja proses" in text and "kinerja templat --dari" in text


def test_figures_typed_into_the_formatted_rows_are_read(template, tmp_path):
    wb = load(template)
    ws = wb["Camat"]
    r = FIRST + 3  # the row right under the examples
    typed = {"No": "4", "Indikator Kinerja": "Jumlah laporan", "Target": 10, "Realisasi": 5, "Capaian (%)": 0.5,
             "Anggaran": 2_000_000, "Realisasi Anggaran": 1_000_000, "Serapan (%)": 0.5}
    for name, value in typed.items():
        ws[f"{COL[name]}{r}"] = value
    path = tmp_path / "terisi.xlsx"
    wb.save(path)
    result = check(str(path))
    assert len(result.frame) == 4 and result.findings == []
    last = result.frame.iloc[-1]
    assert (last["capaian_dilaporkan"], last["anggaran"], last["serapan"]) == (50, 2_000_000, 50)


def test_never_overwrites_without_asking(template, tmp_path):
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"isian petugas")
    with pytest.raises(InputError, match="sudah ada"):
        write_template(str(path), today=TODAY)
    assert path.read_bytes() == b"isian petugas"
    write_template(str(path), overwrite=True, today=TODAY)
    assert check(str(path)).findings == []


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_template_and_keeps_its_dropdowns(template, tmp_path):
    if SOFFICE is None:
        if in_ci():
            pytest.fail("LibreOffice harus terpasang di CI")
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    out = tmp_path / "lo"
    done = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profil",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), template],
                          capture_output=True, text=True, timeout=180)
    saved = out / "templat_kinerja.xlsx"
    assert saved.exists(), done.stdout + done.stderr
    book = load(saved)
    assert book.sheetnames == [labels.GUIDE_SHEET, labels.INFO_SHEET, "Camat"]
    assert validation_at(book["Info"], "B4").formula1 == '"I,II,III,IV"'
    ws = book["Camat"]
    assert validation_at(ws, f"{COL['Polaritas']}{FIRST}").formula1 == '"Positif,Negatif"'
    assert validation_at(ws, f"{COL['Induk']}{FIRST}").type == "whole"
    assert validation_at(ws, "B4").formula1 == UNIT_LIST_NAME
    assert UNIT_LIST_NAME in book.defined_names
    assert not any(f.tingkat.value == "Galat" for f in check(str(saved)).findings)


# --- carry forward --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def carried(tmp_path_factory):
    path = tmp_path_factory.mktemp("lanjut") / "contoh_kedungjajang_tw3_2023.xlsx"
    write_template(str(path), previous=str(SAMPLE))
    return str(path)


@pytest.fixture(scope="module")
def before():
    return check(str(SAMPLE))


@pytest.fixture(scope="module")
def after(carried):
    return check(carried)


def cumulative(frame):
    return frame[["unit", "indikator", "realisasi", "realisasi_anggaran", "pembilang", "penyebut"]]


def kept(frame):
    return frame[["unit", "no", "indikator", "satuan", "target", "anggaran", "induk", "polaritas_teks"]]


def test_carried_workbook_keeps_units_indicators_targets_and_budget(before, after):
    assert [u.sheet for u in after.workbook.units] == [u.sheet for u in before.workbook.units]
    for old, new in zip(before.workbook.units, after.workbook.units):
        for key in labels.UNIT_KEYS:
            assert new.key(key) == old.key(key), (old.sheet, key)
    assert kept(after.frame).equals(kept(before.frame))
    a, b = before.workbook.info, after.workbook.info
    assert (b.pemerintah, b.instansi, b.tempat) == (a.pemerintah, a.instansi, a.tempat)
    assert (b.tahun, b.triwulan, b.tanggal) == (2023, 3, dt.date(2023, 10, 14))


def test_carried_realisasi_equals_the_previous_one(carried, before, after):
    assert cumulative(after.frame).equals(cumulative(before.frame))
    # as typed, too: the text the office wrote comes back unchanged
    old = read_workbook(str(SAMPLE))
    new = read_workbook(carried)
    for u_old, u_new in zip(old.units, new.units):
        for name in ("Realisasi", "Realisasi Anggaran", "Target", "Anggaran"):
            c_old, c_new = u_old.column(name).col, u_new.column(name).col
            for r_old, r_new in zip(u_old.rows, u_new.rows):
                a, b = r_old.cells.get(c_old), r_new.cells.get(c_new)
                assert (a.value if a else None) == (b.value if b else None), (u_old.sheet, name, r_old.row)


def test_reported_capaian_and_serapan_are_cleared(after):
    frame = after.frame
    assert (frame["capaian_dilaporkan_kind"] == "kosong").all()
    assert (frame["serapan_dilaporkan_kind"] == "kosong").all()


def test_carried_workbook_processes_with_the_sample_as_previous_quarter(carried, tmp_path):
    result = check(carried, previous=str(SAMPLE))
    codes = {f.kode for f in result.findings}
    assert "K501" not in codes  # cumulative realisasi did not go down
    assert not codes & {"K101", "K102", "K201", "K202", "K502", "K503"}
    written = process(carried, str(tmp_path / "o"), previous=str(SAMPLE), pdf=False)
    assert any(p.endswith("_terkoreksi.xlsx") for p in written.outputs)


def test_realisasi_cells_are_highlighted_as_perbarui(carried):
    ws = load(carried)["Kasi Pemerintahan"]
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    for name in ("Realisasi", "Realisasi Anggaran"):
        address = f"{COL[name]}{FIRST}"
        assert rules.get(address), address
        assert rules[address][0].startswith(f"{address}="), rules[address]  # highlighted while unchanged
        dv = validation_at(ws, address)
        assert dv.prompt.startswith("PERBARUI") and "Triwulan II" in dv.prompt and "Triwulan III" in dv.prompt
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
    assert ws[f"{COL['Capaian (%)']}{FIRST}"].value is None
    assert f"{COL['Target']}{FIRST}" not in rules  # the target stays within the year
    tanggal = validation_at(load(carried)["Info"], "B6")
    assert tanggal.prompt.startswith("PERBARUI")


def test_carry_from_the_corrected_workbook_drops_the_added_columns(after, tmp_path):
    process(str(SAMPLE), str(tmp_path / "o"), pdf=False)
    corrected = tmp_path / "o" / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"
    path, _ = write_template(str(tmp_path / "dari_terkoreksi.xlsx"), previous=str(corrected))
    ws = load(path)["Camat"]
    headers = [ws.cell(HEADER_ROW, c).value for c in range(1, ws.max_column + 1)]
    assert headers == STANDARD_COLUMNS
    a, b = after, check(path)
    assert cumulative(b.frame).equals(cumulative(a.frame)) and kept(b.frame).equals(kept(a.frame))
    assert (b.frame["capaian_dilaporkan_kind"] == "kosong").all()


def test_new_year_starts_cumulative_figures_empty(build, tmp_path):
    source = build([unit("Camat", [row(target="12 dok", realisasi="12 dok", capaian="100%", anggaran="1.000.000",
                                       ra="900.000", serapan="90%", pembilang=3, penyebut=4, ket="catatan")])],
                   info={"Triwulan": "IV", "Tahun": 2024, "Tanggal Laporan": dt.date(2025, 1, 15)})
    path, plan = write_template(str(tmp_path / "baru.xlsx"), previous=source)
    result = check(path)
    info = result.workbook.info
    assert (info.tahun, info.triwulan, info.tanggal) == (2025, 1, dt.date(2025, 4, 15))
    r = result.frame.iloc[0]
    assert r["realisasi_kind"] == "kosong" and r["realisasi_anggaran_kind"] == "kosong"
    assert r["pembilang_kind"] == "kosong" and r["target"] == 12 and r["anggaran"] == 1_000_000
    assert r["keterangan"] == "catatan"
    refreshed = {name for (_, name) in plan.sheets[0].refresh}
    assert {"Realisasi", "Realisasi Anggaran", "Target", "Anggaran"} <= refreshed


def test_carry_refuses_to_write_over_its_source(tmp_path):
    source = tmp_path / "sumber.xlsx"
    source.write_bytes(SAMPLE.read_bytes())
    with pytest.raises(InputError):
        write_template(str(source), previous=str(source), overwrite=True)
    assert source.read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize("tahun, triwulan, expected", [(2023, 2, (2023, 3)), (2023, 4, (2024, 1))])
def test_next_period(tahun, triwulan, expected):
    assert next_period(tahun, triwulan) == expected


@pytest.mark.parametrize("date, expected", [
    (dt.date(2023, 7, 14), dt.date(2023, 10, 14)),
    (dt.date(2023, 11, 30), dt.date(2024, 2, 29)),
    (dt.date(2023, 10, 31), dt.date(2024, 1, 31)),
])
def test_next_report_date(date, expected):
    assert next_report_date(date) == expected


@pytest.mark.parametrize("source, expected", [
    ("input/contoh_kedungjajang_tw2_2023.xlsx", "contoh_kedungjajang_tw3_2023.xlsx"),
    ("output/contoh_kedungjajang_tw2_2023_terkoreksi.xlsx", "contoh_kedungjajang_tw3_2023.xlsx"),
    ("laporan Triwulan IV 2023.xlsx", "laporan_tw1_2024.xlsx"),
    ("kinerja.xlsx", "kinerja_tw3_2023.xlsx"),
])
def test_default_output_name(source, expected):
    tahun, triwulan = (2024, 1) if "IV" in source else (2023, 3)
    assert default_output(source, tahun, triwulan) == expected


def test_a_row_below_a_blank_row_is_shown_in_red(book):
    ws = book["Camat"]
    last = openpyxl.utils.get_column_letter(len(STANDARD_COLUMNS))
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    span = f"A{FIRST + 1}:{last}{FIRST + TABLE_ROWS - 1}"
    assert rules[span] == [f"AND(COUNTA($A{FIRST + 1}:${last}{FIRST + 1})>0,COUNTA($A{FIRST}:${last}{FIRST})=0)"]
