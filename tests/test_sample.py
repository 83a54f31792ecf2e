"""The bundled sample: every slip of the seed is found at its cell, and nothing else is
called a Galat or Peringatan (both sides, row by row)."""

import pytest

from conftest import SAMPLE
from kinerja_xlsx import check

# (kode, sel, dilaporkan, seharusnya)
EXPECTED_SERIOUS = {
    ("K107", "'Camat'!F12", "58,60%", "58,06%"),
    ("K101", "'Camat'!G12", "69,94%", "68,94%"),
    ("K201", "'Camat'!J12", "49,89%", "48,17%"),
    ("K302", "'Camat'!I12", "971.800.593", "971.200.593"),
    ("K201", "'Sekcam'!J12", "53%", "51,03%"),
    ("K301", "'Sekcam'!H12", "1.836.648.667", "1.767.108.667"),
    ("K302", "'Sekcam'!I12", "937.158.093", "919.124.093"),
    ("K101", "'Kasi PMD'!G14", "33%", "20%"),
    ("K101", "'Kasi Pemerintahan'!G14", "25%", "0%"),
    ("K201", "'Kasi Pelayanan Umum'!J12", "37.3%", "31,52%"),
    ("K205", "'Kasubag Keuangan'!I12", None, None),
}
EXPECTED_INFO = {
    ("K102", "'Kasubag Keuangan'!G14", "47,61%", "47,62%"),
    ("K102", "'Kasubag Keuangan'!G17", "66,66%", "66,67%"),
    ("K202", "'Kasi Pemerintahan'!J13", "48%", "49%"),
    ("K202", "'Kasubag Keuangan'!J16", "23,5%", "23,6%"),
    ("K401", "'Camat'!G13", "39,76", None),
    ("K401", "'Kasi Pelayanan Umum'!G12", "83.3 %", None),
}


@pytest.fixture(scope="module")
def result():
    return check(str(SAMPLE))


def _by_cell(result):
    return {(f.kode, f.sel): f for f in result.findings}


def test_every_expected_slip_is_found_with_its_figures(result):
    found = _by_cell(result)
    for kode, sel, reported, expected in EXPECTED_SERIOUS | EXPECTED_INFO:
        assert (kode, sel) in found, f"{kode} at {sel} missing"
        f = found[(kode, sel)]
        if reported is not None:
            assert f.dilaporkan == reported, (kode, sel, f.dilaporkan)
        if expected is not None:
            assert f.seharusnya == expected, (kode, sel, f.seharusnya)


def test_no_galat_or_peringatan_anywhere_else(result):
    serious = {(f.kode, f.sel) for f in result.findings if f.tingkat.value in ("Galat", "Peringatan")}
    assert serious == {(k, s) for k, s, _, _ in EXPECTED_SERIOUS}


def test_rows_typed_right_are_silent_row_by_row(result):
    flagged_rows = {(f.unit, f.row) for f in result.findings if f.tingkat.value != "Info"}
    slips = {(s.split("!")[0].strip("'"), int("".join(ch for ch in s.split("!")[1] if ch.isdigit())))
             for _, s, _, _ in EXPECTED_SERIOUS}
    for r in result.frame.itertuples():
        assert ((r.unit, r.row) in flagged_rows) == ((r.unit, r.row) in slips), (r.unit, r.row)


def test_impossible_percentage_is_called_impossible(result):
    f = _by_cell(result)[("K101", "'Kasi Pemerintahan'!G14")]
    assert "mustahil" in f.pesan
    other = _by_cell(result)[("K101", "'Kasi PMD'!G14")]
    assert "mustahil" not in other.pesan and "5 keluarga" in other.pesan  # 5/15 = 33,3%: possible


def test_camat_k107_suggests_the_swapped_digits(result):
    f = _by_cell(result)[("K107", "'Camat'!F12")]
    assert "58,06" in f.saran and "tertukar" in f.saran


def test_computed_values(result):
    frame = result.frame.set_index(["unit", "row"])
    assert frame.loc[("Camat", 12), "capaian"] == pytest.approx(68.941, abs=1e-3)
    assert frame.loc[("Kasubag Umum", 16), "capaian"] == 100  # 4 gedung dan 1 halaman, verified part by part
    assert result.summary.loc["Sekcam", "anggaran"] == 1_836_648_667
    assert result.summary.loc["Total", "indikator"] == 29


def test_finding_ids_are_stable_across_runs(result):
    again = check(str(SAMPLE))
    assert [f.id for f in again.findings] == [f.id for f in result.findings]
    assert len({f.id for f in result.findings}) == len(result.findings)


def test_findings_sorted_by_level_unit_row(result):
    order = [u.sheet for u in result.workbook.units]
    keys = [(f.tingkat.rank, order.index(f.unit), f.row) for f in result.findings]
    assert keys == sorted(keys)
