"""Rules against the previous quarter (K501-K503): small cases for each rule, and the
sample processed from the command line against a previous quarter built from the same
data, with K501/K502/K503 injected: they appear exactly where injected and nowhere else."""

import copy
import importlib.util
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE, row, unit
from kinerja_xlsx import check
from kinerja_xlsx.authoring import Num, pct, write_workbook

TW1 = {"Triwulan": "I"}


def _history(result):
    return {(f.kode, f.sel) for f in result.findings if f.kode.startswith("K5")}


def _pair(build, previous_rows, current_rows, previous_info=TW1, **kw):
    prev = build([unit("A", previous_rows, **kw)], info=previous_info)
    cur = build([unit("A", current_rows, **kw)])
    return check(cur, previous=prev)


def test_without_a_previous_workbook_nothing_is_compared(build):
    assert _history(check(build([unit("A", [row(target=5, realisasi=1, capaian="20%")])]))) == set()


@pytest.mark.parametrize("before, now, expected", [
    ("4 keluarga", "3 keluarga", {("K501", "'A'!F12")}),
    ("3 keluarga", "3 keluarga", set()),
    ("3 keluarga", "5 keluarga", set()),
    ("4 keluarga", "3 orang", set()),  # units differ: not comparable (K105 territory)
    ("38%", "34,92%", {("K501", "'A'!F12")}),  # a percentage summed over quarters (Sekcam)
])
def test_k501_realisasi(build, before, now, expected):
    result = _pair(build, [row(target="15 keluarga", realisasi=before)], [row(target="15 keluarga", realisasi=now)])
    assert _history(result) == expected


def test_k501_a_ratio_from_pembilang_penyebut_may_fall(build):
    result = _pair(build, [row(target="85%", realisasi="60%", pembilang=6, penyebut=10)],
                   [row(target="85%", realisasi="50%", pembilang=10, penyebut=20)])
    assert _history(result) == set()


def test_k501_realisasi_anggaran(build):
    result = _pair(build, [row(target=1, realisasi=1, anggaran="10.000.000", ra="4.000.000")],
                   [row(target=1, realisasi=1, anggaran="10.000.000", ra="3.500.000")])
    (f,) = [f for f in result.findings if f.kode == "K501"]
    assert (f.tingkat.value, f.sel, f.seharusnya) == ("Galat", "'A'!I12", "paling sedikit 4.000.000")
    assert "triwulan I 2024" in f.pesan and "triwulan II 2024" in f.pesan


def test_k501_a_new_year_starts_from_zero(build):
    result = _pair(build, [row(target=5, realisasi=4)], [row(target=5, realisasi=1)],
                   previous_info={"Tahun": 2023, "Triwulan": "IV"})
    assert _history(result) == set()


@pytest.mark.parametrize("before, now, ket, expected", [
    ("12 dok", "10 dok", None, {("K502", "'A'!E12")}),
    ("12 dok", "12 laporan", None, {("K502", "'A'!E12")}),
    ("12 dok", 12, None, {("K502", "'A'!E12")}),  # the unit went missing
    ("85%", pct(0.85, "0%"), None, set()),  # the same target, typed differently
    ("12 dok", "10 dok", "Target diubah dalam APBD-P", set()),  # explained: not silent
    ("WTP", "WTP", None, set()),
    ("WTP", "WDP", None, {("K502", "'A'!E12")}),
])
def test_k502_target(build, before, now, ket, expected):
    result = _pair(build, [row(target=before, realisasi=1)], [row(target=now, realisasi=1, ket=ket)])
    assert _history(result) == expected


def test_k502_anggaran(build):
    result = _pair(build, [row(target=1, realisasi=1, anggaran="10.000.000", ra=0),
                           row(target=1, realisasi=1, anggaran="-", ra="-")],
                   [row(target=1, realisasi=1, anggaran=Num(12_000_000, "#,##0"), ra=0),
                    row(target=1, realisasi=1, anggaran=None, ra=None)])
    assert _history(result) == {("K502", "'A'!H12")}


def test_k502_a_new_year_may_change_targets(build):
    result = _pair(build, [row(target="12 dok", realisasi=1)], [row(target="10 dok", realisasi=1)],
                   previous_info={"Tahun": 2023, "Triwulan": "IV"})
    assert _history(result) == set()


def test_k503_appeared_vanished_and_renamed(build):
    previous = [row(no="1", indikator="Jumlah dokumen", target=1, realisasi=1),
                row(no="2", indikator="Jumlah laporan lama", target=2, realisasi=1),
                row(no="3", indikator="Jumlah rapat", target=3, realisasi=1)]
    current = [row(no="1", indikator="JUMLAH DOKUMEN.", target=1, realisasi=1),  # same, written differently
               row(no="2", indikator="Jumlah laporan baru", target=2, realisasi=1),  # renamed: matched by No
               row(no="4", indikator="Jumlah kunjungan", target=4, realisasi=1)]
    result = _pair(build, previous, current)
    found = {(f.kode, f.sel, f.tingkat.value) for f in result.findings if f.kode.startswith("K5")}
    assert found == {("K503", "'A'!C14", "Info"), ("K503", "'A' baris 14 (workbook triwulan I 2024)", "Info")}
    vanished = next(f for f in result.findings if "baris 14 (workbook" in f.sel)
    assert vanished.indikator == "Jumlah rapat" and "!" not in vanished.sel  # not taken for a link


def test_k503_whole_units_are_named_once(build):
    prev = build([unit("A", [row(target=1, realisasi=1)]), unit("Lama", [row(target=1, realisasi=1)], atasan="A")],
                 info=TW1)
    cur = build([unit("A", [row(target=1, realisasi=1)]), unit("Baru", [row(target=1, realisasi=1)], atasan="A")])
    found = {(f.kode, f.unit, f.sel) for f in check(cur, previous=prev).findings}
    assert found == {("K503", "Baru", "'Baru'!B1"), ("K503", "", "'Lama' (workbook triwulan I 2024)")}


# --- the sample against a previous quarter, from the command line ---------------------

def _sample_data():
    spec = importlib.util.spec_from_file_location("buat_contoh", ROOT / "scripts" / "buat_contoh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.INFO, module.UNITS


def _sheet(units, name):
    return next(u for u in units if u.sheet == name)


def previous_quarter(path):
    """Triwulan I of the sample: the same figures (nothing went down), then five injections."""
    info, units = _sample_data()
    info = dict(info, Triwulan="I")
    units = copy.deepcopy(units)
    _sheet(units, "Kasi PMD").rows[0]["Realisasi"] = "9 Lembaga Kemasyarakatan"  # now 8: K501
    umum = _sheet(units, "Kasubag Umum").rows[0]
    umum["Realisasi Anggaran"] = Num(umum["Realisasi Anggaran"].value + 1000, "#,##0")  # now less: K501
    _sheet(units, "Kasi Pemerintahan").rows[0]["Target"] = "10 dok"  # now 12 dok: K502
    keuangan = _sheet(units, "Kasubag Keuangan")
    keuangan.rows[1]["Anggaran"] = "1.000.000"  # changed since: K502
    del keuangan.rows[6]  # appears in Triwulan II: K503
    pmd = _sheet(units, "Kasi PMD")
    pmd.rows.append(dict(pmd.rows[-1], No="5", **{"Indikator Kinerja": "Jumlah Desa Tangguh Bencana"}))  # vanishes
    write_workbook(path, info, units)
    return {
        ("K501", "'Kasi PMD'!F12"), ("K501", "'Kasubag Umum'!I12"),
        ("K502", "'Kasi Pemerintahan'!E12"), ("K502", "'Kasubag Keuangan'!H13"),
        ("K503", "'Kasubag Keuangan'!C18"), ("K503", "'Kasi PMD' baris 16 (workbook triwulan I 2023)"),
    }


def _proses(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "kinerja_xlsx", "proses", *args, "--tanpa-pdf"], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def _json(folder, stem):
    with open(os.path.join(folder, f"{stem}_inkonsistensi.json"), encoding="utf-8") as fh:
        return {(f["kode"], f["sel"]) for f in json.load(fh)["findings"]}


@pytest.fixture(scope="module")
def sample_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("riwayat")
    prev = str(tmp / "kedungjajang_tw1_2023.xlsx")
    injected = previous_quarter(prev)
    _proses(str(SAMPLE), "--keluaran", str(tmp / "tanpa"), cwd=tmp)
    _proses(str(SAMPLE), "--keluaran", str(tmp / "dengan"), "--sebelumnya", prev, cwd=tmp)
    _proses(prev, "--keluaran", str(tmp / "tw1"), cwd=tmp)  # the corrected Triwulan I workbook
    corrected = str(tmp / "tw1" / "kedungjajang_tw1_2023_terkoreksi.xlsx")
    _proses(str(SAMPLE), "--keluaran", str(tmp / "terkoreksi"), "--sebelumnya", corrected, cwd=tmp)
    stem = SAMPLE.stem
    return injected, {name: _json(str(tmp / name), stem) for name in ("tanpa", "dengan", "terkoreksi")}


def test_sample_history_only_where_injected(sample_runs):
    injected, runs = sample_runs
    assert {f for f in runs["dengan"] if f[0].startswith("K5")} == injected
    assert runs["dengan"] - injected == runs["tanpa"]  # nothing else changes


def test_a_corrected_workbook_serves_as_the_previous_quarter(sample_runs):
    _, runs = sample_runs
    assert runs["terkoreksi"] == runs["dengan"]
