"""NIP structure (kinerja_xlsx.nip) and rule K402, with the cross-unit duplicate."""

import datetime as _dt

import pytest

from conftest import SAMPLE, row, unit
from kinerja_xlsx import check
from kinerja_xlsx.nip import check_nip, formatted

REPORT = _dt.date(2023, 7, 14)
SAMPLE_NIPS = [
    "19671005 199003 1 009", "19700714 199403 1 004", "19910128 201507 1 001", "19670813 198703 1 008",
    "19670704 199403 1 015", "19750623 201001 2 001", "19650727 198903 1 008",
]


@pytest.mark.parametrize("nip", SAMPLE_NIPS)
def test_the_sample_nips_are_valid_pns(nip):
    result = check_nip(nip, report_date=REPORT)
    assert result.valid and result.jenis == "PNS", result.problems


@pytest.mark.parametrize("nip, jenis", [
    ("198503122021211001", "PPPK"),  # no spaces, PPPK code 21 in the month place
    ("19850312 202224 2 015", "PPPK"),  # code 24
    ("19850312.200503.1.001", "PNS"),  # dots are separators too
    ("19870101 200412 2 001", "PNS"),  # appointed at 17: at the lenient edge, accepted
    ("19500101 200501 1 001", "PNS"),  # appointed at 55 (honorer): accepted
])
def test_valid_numbers(nip, jenis):
    result = check_nip(nip, report_date=REPORT)
    assert result.valid and result.jenis == jenis, result.problems


@pytest.mark.parametrize("value, words", [
    ("19671305 199003 1 009", "tanggal lahir 19671305"),  # month 13 of birth
    ("19670230 199003 1 009", "bukan tanggal"),  # 30 February
    ("19671005 199000 1 009", "bulan TMT 00"),
    ("19671005 199021 1 009", "kode PPPK baru ada sejak 2019"),  # a PPPK code before PPPK existed
    ("19671005 198003 1 009", "usia 12 tahun"),
    ("19671005 196003 1 009", "sebelum tanggal lahir"),
    ("19300101 199003 1 009", "usia 60 tahun"),
    ("19671005 199003 3 009", "digit jenis kelamin (digit 15) 3"),
    ("19671005 199003 1 000", "nomor urut (digit 16-18) 000"),
    ("19971005 202403 1 009", "sesudah tanggal laporan"),
    ("19671005 199003 1 09", "17 digit"),
    ("19671005 199003 1 0O9", "selain angka"),
    ("", "NIP kosong"),
    (None, "NIP kosong"),
])
def test_invalid_numbers_name_the_problem(value, words):
    result = check_nip(value, report_date=REPORT)
    assert not result.valid
    assert any(words in p for p in result.problems), result.problems


@pytest.mark.parametrize("stored", [196710051990031009, 1.96710051990031e17, 19671005.0])
def test_a_nip_stored_as_a_number_is_already_corrupted(stored):
    result = check_nip(stored)
    assert not result.valid
    assert "sudah rusak oleh Excel (15 digit)" in result.problems[0]


def test_excel_keeps_fifteen_digits():
    assert check_nip(196710051990031009).text == "196710051990031000"


def test_formatted():
    assert formatted("196710051990031009") == "19671005 199003 1 009"


def test_sample_k402_is_silent():
    assert not [f for f in check(str(SAMPLE)).findings if f.kode == "K402"]


def _one_unit(nip):
    return [unit("A", [row(target=1, realisasi=1, capaian="100%")], nip=nip)]


@pytest.mark.parametrize("nip", ["19671005 199003 3 009", "", 196710051990031009])
def test_k402_finding_at_the_nip_cell(build, nip):
    result = check(build(_one_unit(nip)))
    (f,) = result.findings
    assert (f.kode, f.tingkat.value, f.sel) == ("K402", "Peringatan", "'A'!B3")


def test_k402_numeric_cell_message(build):
    (f,) = check(build(_one_unit(196710051990031009))).findings
    assert "sudah rusak oleh Excel (15 digit)" in f.pesan and f.dilaporkan == "196710051990031000"


def test_k402_missing_key(build):
    u = unit("A", [row(target=1, realisasi=1, capaian="100%")])
    del u.header["NIP"]
    (f,) = check(build([u])).findings
    assert f.kode == "K402" and "tidak ada" in f.pesan


def test_k402_same_nip_on_two_units_names_both(build):
    nip = "19671005 199003 1 009"
    units = [unit("Camat", [row(target=1, realisasi=1, capaian="100%")], nip=nip, nama="AKHMAD"),
             unit("Sekcam", [row(target=1, realisasi=1, capaian="100%")], atasan="Camat", nip=nip, nama="BAMBANG"),
             unit("Kasi", [row(target=1, realisasi=1, capaian="100%")], atasan="Camat")]
    (f,) = check(build(units)).findings
    assert (f.kode, f.unit, f.tingkat.value) == ("K402", "Sekcam", "Peringatan")
    assert "'Camat'" in f.pesan and "'Sekcam'" in f.pesan and "19671005 199003 1 009" in f.pesan


def test_k402_duplicate_and_structure_findings_have_distinct_ids(build):
    nip = "19671005 199003 3 009"  # invalid, and shared
    units = [unit("A", [row(target=1, realisasi=1, capaian="100%")], nip=nip),
             unit("B", [row(target=1, realisasi=1, capaian="100%")], nip=nip)]
    findings = check(build(units)).findings
    assert [f.kode for f in findings] == ["K402"] * 3
    assert len({f.id for f in findings}) == 3
