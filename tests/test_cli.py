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


def test_proses_freezes_what_it_loads_before_the_collector_resumes(tmp_path):
    """pandas and the package's modules live as long as the process: ``proses`` freezes them
    while the collector is still paused for their import (so it never walks them), before
    any workbook is read (the run's other freeze, in ``pipeline.process``, comes after it)."""
    probe = (
        "import gc, sys\n"
        "calls = []\n"
        "freeze = gc.freeze\n"
        "def watched():\n"
        "    calls.append((sys._getframe(1).f_code.co_name, gc.isenabled(), 'pandas' in sys.modules))\n"
        "    freeze()\n"
        "gc.freeze = watched\n"
        "from kinerja_xlsx.cli import app\n"
        "try:\n"
        "    app(['proses', '--tanpa-pdf', sys.argv[1], '--keluaran', sys.argv[2]], prog_name='kinerja')\n"
        "except SystemExit as exc:\n"
        "    print(exc.code)\n"
        "print(calls[0])\n")
    r = subprocess.run([sys.executable, "-c", probe, str(SAMPLE), str(tmp_path / "o")], capture_output=True, text=True,
                       timeout=300)
    code, first = r.stdout.strip().splitlines()[-2:]
    assert code == "0", r.stderr
    assert first == "('proses', False, True)"


@pytest.mark.parametrize("given", [None, "3"])
def test_numpys_blas_starts_no_threads_unless_asked(given):
    """The command keeps OpenBLAS to one thread (it would start one per core as numpy loads,
    for nothing this tool computes); a value the user set is kept."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given:
        env["OPENBLAS_NUM_THREADS"] = given
    code = ("import os, kinerja_xlsx.cli, numpy; "
            "tasks = len(os.listdir('/proc/self/task')) if os.path.isdir('/proc/self/task') else 1; "
            "print(os.environ['OPENBLAS_NUM_THREADS'], tasks)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    value, tasks = out.stdout.split()
    assert value == (given or "1")
    if not given:
        assert tasks == "1"  # this thread only
