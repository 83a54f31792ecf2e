"""Issue 5, part 2: readable but dirty input is processed, with findings at their cells.

Formula errors, formulas with no stored value, words or dates where numbers belong,
merged cells in the table, hidden rows and sheets (processed and flagged, never silently
skipped), huge texts, stray content below the table, a NIP stored as a number.
"""

import math
import re
import time

import openpyxl
import pytest

from conftest import INFO, codes_at, row, unit
from hostile_cases import DIRTY, rewrite, sheet_part
from kinerja_xlsx import check, process
from kinerja_xlsx.authoring import Formula, write_workbook
from kinerja_xlsx.rules import REGISTRY, all_rules

MINE = {"K404", "K405", "K406", "K407", "K408", "K409", "K410", "K411"}


def mine(result):
    return {(f.kode, f.sel) for f in result.findings if f.kode in MINE}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kotor")
    return {name: build(folder) for name, (build, _) in DIRTY.items()}


@pytest.mark.parametrize("name", list(DIRTY))
def test_dirty_input_is_processed_with_its_findings(built, name, tmp_path):
    result = process(built[name], str(tmp_path / "o"), pdf=False)
    assert DIRTY[name][1] <= {f.kode for f in result.findings}
    assert len(result.outputs) == 2


def test_formula_errors_and_uncached_formulas(built):
    result = check(built["rumus"])
    assert mine(result) == {("K404", "'Camat'!J12"), ("K404", "'Camat'!F13"), ("K404", "'Camat'!G13"),
                            ("K404", "'Camat'!H13")}
    by_sel = {f.sel: f for f in result.findings if f.kode == "K404"}
    assert "#DIV/0!" in by_sel["'Camat'!J12"].pesan and "=I12/H12*100" in by_sel["'Camat'!J12"].pesan
    assert "tanpa nilai tersimpan" in by_sel["'Camat'!F13"].pesan and by_sel["'Camat'!F13"].dilaporkan == "=5+5"
    assert "#REF!" in by_sel["'Camat'!H13"].pesan
    second = result.frame.iloc[1]
    assert math.isnan(second["realisasi"]) and math.isnan(second["capaian"]), "never read as 0"


def test_words_and_dates_where_numbers_belong(built):
    result = check(built["kata-dan-tanggal"])
    assert mine(result) == {("K404", s) for s in ("'Camat'!F12", "'Camat'!H12", "'Camat'!G13", "'Camat'!H13",
                                                  "'Camat'!N13", "'Camat'!O13")}
    by_sel = {f.sel: f for f in result.findings if f.kode == "K404"}
    assert "tanggal 01-02-2024" in by_sel["'Camat'!F12"].pesan
    assert ("K104", "'Camat'!F12") in codes_at(result)  # the date in Realisasi is also not one number
    assert "'belum ada' bukan angka" in by_sel["'Camat'!H12"].pesan


def test_uncached_formula_in_the_header_block(build):
    path = build([unit("Camat", [row(target=1, realisasi=1, capaian="100%")], nama=Formula("=UPPER(\"budi\")"))])
    result = check(path)
    assert ("K404", "'Camat'!B2") in codes_at(result)


def test_merged_cells(built):
    result = check(built["sel-digabung"])
    assert mine(result) == {("K407", "'Camat'!H12"), ("K408", "'Camat'!B12"), ("K408", "'Camat'!L12")}
    frame = result.frame
    assert list(frame["sasaran"]) == ["Meningkatnya pelayanan"] * 3  # read for every row it covers
    assert list(frame["negatif"]) == [True] * 3  # the merged Polaritas applies to all three
    assert not {f.kode for f in result.findings} & {"K101", "K102"}
    assert frame["anggaran"].iloc[0] == 3000 and frame["anggaran"].iloc[1:].isna().all()  # a budget is read once
    assert result.summary.loc["Camat", "anggaran"] == 3000


def test_merged_text_is_written_on_every_row(built, tmp_path):
    process(built["sel-digabung"], str(tmp_path), pdf=False)
    ws = openpyxl.load_workbook(tmp_path / "gabung_terkoreksi.xlsx")["Camat"]
    assert [ws[f"B{r}"].value for r in (12, 13, 14)] == ["Meningkatnya pelayanan"] * 3
    assert ws["H13"].value is None


def test_hidden_rows_columns_and_sheets_are_processed_and_flagged(built, tmp_path):
    result = process(built["tersembunyi"], str(tmp_path), pdf=False)
    assert mine(result) == {("K405", "'Kasi Rahasia'!A1"), ("K406", "'Camat'!A13"), ("K406", "'Camat'!K12")}
    assert set(result.frame["unit"]) == {"Camat", "Kasi Rahasia"}  # the hidden sheet is computed
    assert 13 in set(result.frame[result.frame["unit"] == "Camat"]["row"])  # the hidden row too
    book = openpyxl.load_workbook(tmp_path / "sembunyi_terkoreksi.xlsx")
    assert book["Kasi Rahasia"].sheet_state == "visible"
    assert not any(d.hidden for d in book["Camat"].row_dimensions.values())


def test_huge_texts(built, tmp_path):
    result = process(built["teks-panjang"], str(tmp_path), pdf=False)
    assert mine(result) == {("K409", "'Camat'!B5"), ("K409", "'Camat'!C12"), ("K409", "'Camat'!K12")}
    beyond = next(f for f in result.findings if f.sel == "'Camat'!C12")
    assert "32.767" in beyond.pesan and "44.999 karakter" in beyond.dilaporkan
    assert len(beyond.dilaporkan) < 120, "a finding quotes the start of a huge text, not all of it"
    ws = openpyxl.load_workbook(tmp_path / "teks_panjang_terkoreksi.xlsx")["Camat"]
    assert ws["C12"].value.startswith("sangat panjang") and len(ws["C12"].value) == 32_767


def test_stray_content_outside_the_table(built):
    started = time.perf_counter()
    result = check(built["di-luar-tabel"])
    assert time.perf_counter() - started < 10, "a cell at XFD1048576 must not make the reader walk the grid"
    assert mine(result) == {("K410", "'Camat'!C14"), ("K411", "'Camat'!Q12")}
    k411 = next(f for f in result.findings if f.kode == "K411")
    assert k411.dilaporkan == "4 sel, baris 12-1048576"
    assert len(result.frame) == 1  # the table ends at the first empty row, as the contract says


def test_stray_content_is_carried_to_the_output(built, tmp_path):
    process(built["di-luar-tabel"], str(tmp_path), pdf=False)
    ws = openpyxl.load_workbook(tmp_path / "di_luar_terkoreksi.xlsx")["Camat"]
    assert ws["C14"].value == "Indikator yang terpisah" and ws["J17"].value == "Kedungjajang, 14 Juli 2024"
    assert ws["XFD1048576"].value == "jauh sekali" and ws["Q12"].value == 12345


def test_declared_dimension_of_the_whole_grid_is_harmless(build):
    """A sheet that declares A1:XFD1048576 and holds formulas (so the formula pass runs) reads
    in about the time of the same sheet with its true dimension: no row is padded out to
    column XFD (16.384 cells a row, 16 million here: tens of seconds). The wide sheet is read
    by openpyxl (calamine would build the declared rectangle), about 5x the plain sheet's
    0,03 s; the bound leaves room for a busy machine (0,75 s with two other processes
    running, which the old bound of 2x + 0,5 s refused)."""
    from kinerja_xlsx.reader import read_workbook

    rows = [row(target=10, realisasi=5, capaian=Formula(f"=F{12 + i}/E{12 + i}*100")) for i in range(1000)]
    plain = build([unit("Camat", rows)])
    wide = build([unit("Camat", rows)])
    rewrite(wide, {sheet_part(wide, "Camat"): lambda b: re.sub(rb'<dimension ref="[^"]*"',
                                                              b'<dimension ref="A1:XFD1048576"', b)})
    timings = []
    for path in (plain, wide):
        started = time.perf_counter()
        workbook = read_workbook(path)
        timings.append(time.perf_counter() - started)
        assert len(workbook.units[0].rows) == 1000
        assert workbook.units[0].rows[0].cells[7].uncached
    assert timings[1] < 20 * timings[0] + 2, timings


def test_nip_stored_as_a_number(built):
    if "K402" not in {r.code for r in all_rules()}:
        pytest.skip("K402 belum terdaftar")
    result = check(built["nip-angka"])
    nip = [f for f in result.findings if f.kode == "K402"]
    assert [f.sel for f in nip] == ["'Camat'!B3"]


def test_new_codes_are_registered_with_levels():
    levels = {code: REGISTRY[code].level.value for code in MINE if code in {r.code for r in all_rules()}}
    assert levels == {"K404": "Galat", "K405": "Peringatan", "K406": "Peringatan", "K407": "Peringatan",
                      "K408": "Info", "K409": "Peringatan", "K410": "Peringatan", "K411": "Info"}


def test_clean_workbook_has_none_of_these_findings(build):
    path = build([unit("Camat", [row(target=10, realisasi=5, capaian="50%", anggaran=1000, ra=500, serapan="50%")])])
    assert not mine(check(path))


def test_info_with_uncached_formula_is_one_clear_line(tmp_path):
    from kinerja_xlsx.errors import InputError

    path = tmp_path / "a.xlsx"
    write_workbook(str(path), dict(INFO, Tahun=Formula("=2020+4")), [unit("A", [row(target=1, realisasi=1)])])
    with pytest.raises(InputError, match="rumus =2020\\+4 tanpa nilai tersimpan") as err:
        check(str(path))
    assert err.value.cell == "B3"


@pytest.mark.parametrize("field", ["capaian", "serapan", "anggaran", "ra", "target", "realisasi"])
@pytest.mark.parametrize("value", [1e15, 1e100, 1e300, -1e300, 5e-324])
def test_huge_and_tiny_numbers(build, field, value, tmp_path):
    kw = dict(target=10, realisasi=5, capaian="50%", anggaran=1000, ra=500, serapan="50%")
    kw[field] = value
    path = build([unit("Camat", [row(**kw)]),
                  unit("Kasi", [row(target=1, realisasi=1, capaian="100%", anggaran=10, ra=5, serapan="50%",
                                    induk=1)], atasan="Camat")])
    result = process(path, str(tmp_path), pdf=False)
    assert len(result.outputs) == 2


# At the very top of the float range: the slip arithmetic (suggest.py, evidence.py) works on
# exact digits and leaves numbers longer than a float can hold alone.
@pytest.mark.parametrize("changes", [dict(target=1, realisasi=1e306, capaian="1,50%"), dict(anggaran=1e308)],
                         ids=["capaian-1e308", "anggaran-1e308"])
def test_numbers_at_the_top_of_the_float_range(build, changes):
    kw = dict(dict(target=10, realisasi=5, capaian="50%", anggaran=1000, ra=500, serapan="50%"), **changes)
    check(build([unit("Camat", [row(**kw)]),
                 unit("Kasi", [row(target=1, realisasi=1, capaian="100%", anggaran=10, ra=5, serapan="50%",
                                   induk=1)], atasan="Camat")]))
