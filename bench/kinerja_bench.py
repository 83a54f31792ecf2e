"""Benchmark: kinerja_xlsx against what a clerk would otherwise do, side by side.

For each size (units of 10 indicators each) it generates a consistent standard workbook
and times, in this one run on this machine:

- ``kinerja proses`` (corrected workbook + every PDF),
- ``kinerja periksa`` (check only),
- LibreOffice printing the same workbook to PDF (``soffice --headless --convert-to pdf``),
- reading the workbook's cells with openpyxl and with the project's calamine loader,
- once, unit PDFs rendered by one worker and by one worker per core (what a second core
  really gives on this machine).

Every command runs as its own process; wall time, CPU time (user + system, the command's
and its workers', which the kernel counts once they are reaped) and peak memory (max RSS)
are measured per run, the last two from the kernel via ``os.wait4``. CPU time is the work
done: on a shared machine it moves less than wall time, and next to it shows how much of a
run the second core carried. The commands run in rounds (proses, periksa,
LibreOffice, and again ``--ulang`` times), so a slow spell of a shared machine falls on all
of them alike; the median time is printed, and the ratio against LibreOffice is the median
of the ratios within each round.

    python bench/kinerja_bench.py                 # 50, 500 and 2.000 units
    python bench/kinerja_bench.py --unit 50 --ulang 1
    python bench/kinerja_bench.py --unit 500 --kabupaten 30x15   # and a folder of 30 workbooks

With ``--kabupaten`` it also times a folder of workbooks (a kabupaten: one per kecamatan or
dinas) processed by one ``kinerja proses FOLDER``, against one LibreOffice start printing them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import NamedTuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from kinerja_xlsx.authoring import write_workbook  # noqa: E402
from kinerja_xlsx.synth import consistent_workbook  # noqa: E402


# ru_maxrss survives fork+exec on Linux, so a command started straight from this (large)
# process would report this process's peak. A small launcher forks the command instead and
# writes the command's own peak (KiB) and CPU seconds (user, system) to the file named by its
# first argument.
LAUNCHER = ("import os, sys\n"
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    os.execvp(sys.argv[2], sys.argv[2:])\n"
            "_, status, usage = os.wait4(pid, 0)\n"
            "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
            "sys.exit(os.waitstatus_to_exitcode(status))\n")


def run(cmd: list[str], cwd: str | None = None) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS MiB, exit code, CPU seconds) of one command run as a child process."""
    fd, report = tempfile.mkstemp(prefix="kinerja-bench-rss-")
    os.close(fd)
    try:
        start = time.perf_counter()
        code = subprocess.run([sys.executable, "-c", LAUNCHER, report, *cmd], cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        wall = time.perf_counter() - start
        with open(report) as handle:
            peak_kib, user, system = (handle.read() or "0 0 0").split()
    finally:
        os.remove(report)
    return wall, int(peak_kib) / 1024, code, float(user) + float(system)


class Row(NamedTuple):
    """One command at one size: median wall and CPU seconds, highest peak, exit codes seen,
    median ratio of wall time to LibreOffice's in the same round."""

    wall: float
    cpu: float
    peak: float
    codes: set
    ratio: float | None


def read_cells(path: str, repeat: int) -> dict[str, float]:
    """Median seconds to read every cell, openpyxl vs the calamine loader, in this process."""
    import warnings

    import openpyxl

    from kinerja_xlsx.grid import load_grid

    def with_openpyxl():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True)
        return sum(1 for ws in book.worksheets for r in ws.iter_rows() for c in r if c.value is not None)

    def with_calamine():
        return sum(len(c) for g in load_grid(path) for _, c in g.rows)

    times: dict[str, list[float]] = {"openpyxl": [], "calamine": []}
    counts = set()
    for _ in range(repeat):
        for name, fn in (("openpyxl", with_openpyxl), ("calamine", with_calamine)):
            start = time.perf_counter()
            counts.add(fn())
            times[name].append(time.perf_counter() - start)
    assert len(counts) == 1, "the two readers disagree on the number of cells"
    return {name: statistics.median(values) for name, values in times.items()}


def render_speedup(path: str, count: int = 100) -> tuple[float, float, int, int]:
    """Milliseconds per unit PDF with one worker and with one per core, in this process: how
    much a second core really gives (on a shared virtual machine it is well below 2x)."""
    from concurrent.futures import ProcessPoolExecutor

    from kinerja_xlsx.pipeline import check
    from kinerja_xlsx.report import layout
    from kinerja_xlsx.report.data import unit_reports
    from kinerja_xlsx.report.render import render_unit
    from kinerja_xlsx.report.texts import load_texts

    texts = load_texts()
    reports = unit_reports(check(path), texts)[:count]
    layout.register_fonts()
    out = tempfile.mkdtemp(prefix="kinerja-bench-unit-")
    paths = [os.path.join(out, f"{i}.pdf") for i in range(len(reports))]
    cores = os.cpu_count() or 1
    timings = []
    try:
        for workers in (1, cores):
            with ProcessPoolExecutor(workers) as pool:
                list(pool.map(render_unit, reports[:workers], paths[:workers], [texts] * workers))  # warm up
                start = time.perf_counter()
                list(pool.map(render_unit, reports, paths, [texts] * len(reports), chunksize=4))
                timings.append((time.perf_counter() - start) / len(reports) * 1000)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return timings[0], timings[1], cores, len(reports)


KINERJA = [sys.executable, "-m", "kinerja_xlsx"]


def libreoffice(soffice: str, work: str, paths: list[str]) -> list[str]:
    """LibreOffice printing ``paths`` to PDF in one start, with a profile of its own (built by
    a first run that is not counted)."""
    profile = os.path.join(work, "lo_profil")
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
               "--convert-to", "pdf", "--outdir", os.path.join(work, "lo_pdf"), *paths]
    if not os.path.isdir(profile):
        run(command)
    return command


def rounds(commands: dict[str, list[str]], repeat: int, out: str) -> dict[str, Row]:
    """Every command once per round, ``repeat`` rounds: a slow spell of a shared machine then
    falls on all of them alike, and each round gives its own ratios."""
    runs: dict[str, list[tuple[float, float, int, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        for name, cmd in commands.items():
            runs[name].append(run(cmd))
    rows = {}
    for name, results in runs.items():
        walls = [w for w, _, _, _ in results]
        ratios = ([w / lo[0] for w, lo in zip(walls, runs["libreoffice"])] if "libreoffice" in runs else [])
        rows[name] = Row(statistics.median(walls), statistics.median(c for _, _, _, c in results),
                         max(p for _, p, _, _ in results), {c for _, _, c, _ in results},
                         statistics.median(ratios) if ratios else None)
    return rows


def bench(units: int, repeat: int, work: str, soffice: str | None) -> tuple[dict[str, Row], dict, str]:
    """One workbook of ``units`` units: proses, periksa and LibreOffice side by side."""
    path = os.path.join(work, f"kabupaten_{units}.xlsx")
    info, sheets = consistent_workbook(units, 10, seed=units)
    write_workbook(path, info, sheets)
    out = os.path.join(work, f"out_{units}")
    commands = {"proses": [*KINERJA, "proses", path, "--keluaran", out],
                "periksa": [*KINERJA, "periksa", path, "--json"]}
    if soffice:
        commands["libreoffice"] = libreoffice(soffice, work, [path])
    return rounds(commands, repeat, out), read_cells(path, repeat), path


def bench_batch(workbooks: int, units: int, repeat: int, work: str, soffice: str | None) -> dict[str, Row]:
    """A kabupaten as it arrives: one workbook per kecamatan or dinas, all processed by one
    ``kinerja proses FOLDER`` (and printed by one LibreOffice start)."""
    folder = os.path.join(work, f"kabupaten_{workbooks}x{units}")
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(workbooks):
        info, sheets = consistent_workbook(units, 10, seed=10_000 + i)
        paths.append(os.path.join(folder, f"wilayah_{i + 1:02d}.xlsx"))
        write_workbook(paths[-1], info, sheets)
    out = os.path.join(work, f"out_{workbooks}x{units}")
    commands = {"proses": [*KINERJA, "proses", folder, "--keluaran", out]}
    if soffice:
        commands["libreoffice"] = libreoffice(soffice, work, paths)
    return rounds(commands, repeat, out)


def print_rows(rows: dict[str, Row]) -> None:
    print(f"  {'perintah':<16}{'detik':>9}{'detik CPU':>11}{'puncak MiB':>12}{'x LibreOffice':>15}  kode keluar")
    for name, row in rows.items():
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
        print(f"  {name:<16}{row.wall:>9.2f}{row.cpu:>11.2f}{row.peak:>12.0f}{ratio:>15}  {sorted(row.codes)}")


def _batch_size(text: str) -> tuple[int, int]:
    workbooks, _, units = text.lower().partition("x")
    if not (workbooks.isdigit() and units.isdigit() and int(workbooks) > 0 and int(units) > 0):
        raise argparse.ArgumentTypeError("tulis jumlah workbook x unit, mis. 30x15")
    return int(workbooks), int(units)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark kinerja_xlsx (lihat docstring).")
    parser.add_argument("--unit", type=int, action="append", help="jumlah unit (boleh berulang); bawaan 50 500 2000")
    parser.add_argument("--ulang", type=int, default=3, help="jumlah ulangan per perintah (median dipakai)")
    parser.add_argument("--simpan", help="folder kerja (bawaan: folder sementara, dihapus)")
    parser.add_argument("--kabupaten", metavar="WxU", type=_batch_size,
                        help="juga satu folder W workbook x U unit diproses sekaligus (mis. 30x15)")
    args = parser.parse_args(argv)
    sizes = args.unit or [50, 500, 2000]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    work = args.simpan or tempfile.mkdtemp(prefix="kinerja-bench-")
    print(f"mesin: {os.cpu_count()} inti; python {sys.version.split()[0]}; median dari {args.ulang} ulangan")
    if not soffice:
        print("LibreOffice tidak ditemukan: rasio terhadap LibreOffice tidak dihitung.")
    results = {}
    try:
        for units in sizes:
            rows, reads, path = bench(units, args.ulang, work, soffice)
            results[units] = rows
            print(f"\n{units} unit ({units * 10} indikator)")
            print_rows(rows)
            opx, cal = reads["openpyxl"], reads["calamine"]
            print(f"  baca semua sel (dalam satu proses): openpyxl {opx:.2f} s, calamine {cal:.2f} s "
                  f"-> {opx / cal:.1f}x lebih cepat")
        if args.kabupaten:
            workbooks, units = args.kabupaten
            print(f"\nkabupaten: {workbooks} workbook x {units} unit dalam satu folder ({workbooks * units} unit)")
            print_rows(bench_batch(workbooks, units, args.ulang, work, soffice))
        one, many, cores, rendered = render_speedup(path)
        print(f"\nPDF unit ({rendered} unit, dalam satu proses): {one:.1f} ms per unit dengan 1 pekerja, "
              f"{many:.1f} ms dengan {cores} pekerja -> {one / many:.2f}x")
        if len(sizes) > 1:
            print("\nskala (detik per unit, proses / periksa):")
            for units in sizes:
                rows = results[units]
                print(f"  {units:>5} unit: {rows['proses'].wall / units * 1000:.1f} ms / "
                      f"{rows['periksa'].wall / units * 1000:.1f} ms")
    finally:
        if not args.simpan:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
