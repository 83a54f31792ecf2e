"""Section 1 of the contract: Info, the unit header block, the table found by its header."""

import datetime as dt

import openpyxl
import pytest

from conftest import INFO, row, unit
from kinerja_xlsx.authoring import UnitSheet, write_workbook
from kinerja_xlsx.errors import InputError
from kinerja_xlsx.reader import parse_date, parse_triwulan, read_workbook


@pytest.mark.parametrize("value, expected", [(2, 2), ("II", 2), ("iv", 4), ("Triwulan III", 3), ("TW 1", 1),
                                             (2.0, 2), ("5", None), ("V", None), (0, None)])
def test_triwulan(value, expected):
    assert parse_triwulan(value) == expected


@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2023, 7, 14), dt.date(2023, 7, 14)), ("14 Juli 2023", dt.date(2023, 7, 14)),
    ("2023-07-14", dt.date(2023, 7, 14)), ("14/07/2023", dt.date(2023, 7, 14)), ("1 Agustus 2023", dt.date(2023, 8, 1)),
    ("31 Februari 2023", None), ("kemarin", None),
])
def test_dates(value, expected):
    assert parse_date(value) == expected


def test_info_keys_match_loosely(tmp_path):
    path = tmp_path / "a.xlsx"
    info = {"  pemerintah : ": "Pemkab", "INSTANSI": "Kec", "Tahun": "2023", "Triwulan:": 2, "Tempat": "X",
            "Tanggal   Laporan": "14 Juli 2023"}
    write_workbook(str(path), info, [unit("A", [row(target=1, realisasi=1)])])
    wb = read_workbook(str(path))
    assert (wb.info.tahun, wb.info.triwulan, wb.info.tanggal) == (2023, 2, dt.date(2023, 7, 14))
    assert wb.info.triwulan_roman == "II"


@pytest.mark.parametrize("change, needle", [
    ({"Triwulan": "V"}, "Triwulan"),
    ({"Tahun": 1999}, "Tahun"),
    ({"Tanggal Laporan": "besok"}, "Tanggal Laporan"),
    ({"Instansi": None}, "Instansi"),
])
def test_bad_info_is_one_clear_line(tmp_path, change, needle):
    info = dict(INFO, **change)
    info = {k: v for k, v in info.items() if v is not None}
    path = tmp_path / "a.xlsx"
    write_workbook(str(path), info, [unit("A", [row(target=1, realisasi=1)])])
    with pytest.raises(InputError) as err:
        read_workbook(str(path))
    line = err.value.line()
    assert "a.xlsx" in line and "'Info'" in line and needle in line and "\n" not in line


def test_missing_info_sheet(tmp_path):
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Camat"
    book.save(path)
    with pytest.raises(InputError, match="Info"):
        read_workbook(str(path))


def test_unit_without_table_header(build, tmp_path):
    path = build([UnitSheet("A", {"Jabatan": "Kasi", "Nama": "X"}, [], columns=["No", "Uraian"])])
    with pytest.raises(InputError, match="Indikator Kinerja") as err:
        read_workbook(path)
    assert "lembar 'A'" in err.value.line()


def rename_sheet_in_package(path, old, new):
    """Rename a sheet inside the zip, as another program could (openpyxl itself refuses)."""
    import shutil
    import zipfile
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
            zout.writestr(item, data)
    shutil.move(tmp, path)


def test_sheet_names_differing_only_in_case(build):
    path = build([unit("Camat", [row(target=1, realisasi=1)]), unit("CAMAX", [row(target=1, realisasi=1)])])
    rename_sheet_in_package(path, "CAMAX", "CAMAT")
    with pytest.raises(InputError, match="huruf besar"):
        read_workbook(path)


def test_aliases_any_order_unknown_columns_carried(build):
    columns = ["Ket", "Pagu", "Indikator Kinerja", "Target", "Catatan Lain", "Realisasi", "Capaian",
               "Sasaran Kegiatan", "Serapan", "No", "Realisasi Anggaran"]
    u = UnitSheet("A", {"Jabatan": "Kasi", "Nama": "X"},
                  [{"No": "1", "Indikator Kinerja": "I", "Target": "10 dok", "Realisasi": "5 dok", "Capaian": "50%",
                    "Pagu": "1.000", "Realisasi Anggaran": "500", "Serapan": "50%", "Catatan Lain": "bebas",
                    "Ket": "k", "Sasaran Kegiatan": "S"}], columns=columns)
    wb = read_workbook(build([u]))
    (a,) = wb.units
    canon = {c.name: c.canonical for c in a.columns}
    assert canon["Pagu"] == "Anggaran" and canon["Ket"] == "Keterangan" and canon["Capaian"] == "Capaian (%)"
    assert canon["Sasaran Kegiatan"] == "Sasaran" and canon["Catatan Lain"] is None
    assert len(a.rows) == 1 and any(c.value == "bebas" for c in a.rows[0].cells.values())


def test_table_ends_at_first_empty_row_and_skips_numbering_row(tmp_path):
    path = tmp_path / "a.xlsx"
    write_workbook(str(path), INFO, [unit("A", [row(target=1, realisasi=1)])])
    book = openpyxl.load_workbook(path)
    ws = book["A"]
    header = next(r[0].row for r in ws.iter_rows() if any(c.value == "Indikator Kinerja" for c in r))
    ws.insert_rows(header + 1)
    for col in range(1, 16):
        ws.cell(row=header + 1, column=col, value=str(col))
    ws.cell(row=header + 4, column=3, value="catatan di bawah tabel")
    book.save(path)
    wb = read_workbook(str(path))
    assert [r.row for r in wb.units[0].rows] == [header + 2]
    assert any(c.value == "catatan di bawah tabel" for c in wb.units[0].other_cells)


def test_unit_header_block(build):
    wb = read_workbook(build([unit("A", [row(target=1, realisasi=1)], atasan=None, Fungsi="satu\ndua\n\ntiga")]))
    a = wb.units[0]
    assert a.jabatan == "Kepala A" and a.lines("Fungsi") == ["satu", "dua", "tiga"]


def test_a_unit_is_found_by_its_sheet_name_as_excel_matches_names():
    import types

    from kinerja_xlsx.model import Workbook

    def u(sheet):
        return types.SimpleNamespace(sheet=sheet)

    units = [u("Camat"), u("Kasi PMD"), u("kasi pmd"), u("Ünit")]
    wb = Workbook(path="x.xlsx", info=None, info_cells=[], units=units, sheet_order=[x.sheet for x in units])
    assert wb.unit("camat") is units[0] and wb.unit(" CAMAT ") is units[0]
    assert wb.unit("KASI PMD") is units[1]  # the first of two that differ only in case
    assert wb.unit("ünit") is units[3] and wb.unit("Sekcam") is None
    wb.units = [u("Sekcam")]  # a new list of units is looked up anew
    assert wb.unit("sekcam") is wb.units[0] and wb.unit("Camat") is None
