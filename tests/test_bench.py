"""The benchmark (``bench/kinerja_bench.py``) runs end to end on tiny workbooks: every
command it times exits 0, each row has its figures, and the scaling and batch parts print.
Speed is not asserted here; the numbers are the benchmark's own business."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_the_benchmark_runs_every_command_it_reports(tmp_path):
    run = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "kinerja_bench.py"), "--unit", "3", "--unit",
                          "6", "--ulang", "1", "--kabupaten", "2x2", "--simpan", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines() if line.split()[:1] in (["proses"], ["periksa"],
                                                                                    ["libreoffice"])]
    names = [row[0] for row in rows]
    assert names.count("proses") == 3 and names.count("periksa") == 2  # 3 and 6 units, and the folder
    assert all(row[-1] == "[0]" for row in rows), run.stdout
    assert all(float(row[1]) > 0 and float(row[3]) > 0 for row in rows), run.stdout  # seconds, peak MiB
    assert "skala (detik per unit, proses / periksa):" in run.stdout
    assert "kabupaten: 2 workbook x 2 unit" in run.stdout and "PDF unit (" in run.stdout
