"""The command line: exit codes 0/1/2, one line per error, no traceback without -v."""

import json
import os
import subprocess
import sys

import pytest

from conftest import SAMPLE, row, unit

CMD = [sys.executable, "-m", "kinerja_xlsx"]


def run(*args, cwd=None):
    return subprocess.run([*CMD, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_periksa_exit_1_with_galat():
    r = run("periksa", str(SAMPLE))
    assert r.returncode == 1
    assert "K101" in r.stdout


def test_periksa_exit_0_without_galat(build):
    r = run("periksa", build([unit("A", [row(target="12 dok", realisasi="6 dok", capaian="50%")])]))
    assert r.returncode == 0, r.stdout + r.stderr


def test_periksa_exit_2_unreadable(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("ini bukan excel")
    r = run("periksa", str(bad))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "bukan.xlsx" in r.stderr and "Traceback" not in r.stderr


def test_verbose_shows_traceback(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("x")
    r = run("-v", "periksa", str(bad))
    assert r.returncode == 2 and "Traceback" in r.stderr


def test_periksa_json():
    r = run("periksa", str(SAMPLE), "--json")
    doc = json.loads(r.stdout)
    assert doc["totals"]["Galat"] == 10 and r.returncode == 1


def test_proses_default_reads_input_folder(tmp_path):
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    r = run("proses", "--tanpa-pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(tmp_path / "output")) == ["contoh_kedungjajang_tw2_2023_inkonsistensi.json",
                                                       "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"]


def test_proses_bad_input_exit_2_others_still_processed(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 terpotong")
    r = run("proses", "--tanpa-pdf", "-k", str(tmp_path / "o"), str(bad), str(SAMPLE))
    assert r.returncode == 2
    assert "rusak.xlsx" in r.stderr and "Traceback" not in r.stderr
    names = os.listdir(tmp_path / "o")
    assert "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx" in names
    assert not any(n.startswith("rusak") for n in names)


def test_help_is_indonesian():
    r = run("proses", "--help")
    assert r.returncode == 0 and "Contoh" in r.stdout and "keluaran" in r.stdout.lower()
