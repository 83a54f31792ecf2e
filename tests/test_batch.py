"""Batches: many workbooks on all cores, one bad workbook does not stop the others, a
combined recap, and parallel rendering that gives the same bytes as serial rendering."""

import os
import subprocess
import sys
from concurrent.futures import Future

import openpyxl
import pytest

from conftest import row, unit
from kinerja_xlsx import batch as batch_module
from kinerja_xlsx.batch import POOL_MIN_UNITS, largest_first, process_many
from kinerja_xlsx.collector import WORKER_GC_THRESHOLD


def small(sheet_prefix: str, n_units: int) -> list:
    return [unit(f"{sheet_prefix} {i}", [row(target="12 dok", realisasi="6 dok", capaian="50%", anggaran=1000,
                                             ra=500, serapan="50%")]) for i in range(n_units)]


def test_batch_with_a_bad_workbook(build, tmp_path):
    good1 = build(small("A", 2), name="satu.xlsx")
    good2 = build(small("B", 3), name="dua.xlsx")
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 bukan workbook")
    ticks = []
    out = tmp_path / "o"
    batch = process_many([good1, str(bad), good2], str(out), pdf=False, workers=2,
                         progress=lambda *a: ticks.append(a))
    assert [w.ok for w in batch.workbooks] == [True, False, True]
    assert "rusak.xlsx" in batch.workbooks[1].error
    names = set(os.listdir(out))
    assert {"satu_terkoreksi.xlsx", "dua_terkoreksi.xlsx", "rekap_gabungan.xlsx"} <= names
    assert not any(n.startswith("rusak") for n in names)
    assert len(ticks) == 3 and ticks[-1][1:] == (3, 3)
    ws = openpyxl.load_workbook(out / "rekap_gabungan.xlsx", data_only=True).active
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in body] == ["satu.xlsx", "rusak.xlsx", "dua.xlsx", "Total"]
    assert body[1][1].startswith("Gagal")
    assert body[-1][6] == 5 and body[-1][7] == 5  # units, indicators of the good ones
    assert "3 workbook (1 gagal), 5 unit, 5 indikator" in batch.line()


def test_a_pooled_batch_draws_the_combined_pdf_in_a_worker_with_the_same_bytes(build, tmp_path, monkeypatch):
    """The combined PDF is drawn by a worker (ReportLab loaded and warm there) while this
    process writes the combined xlsx: the same file as drawn here in a serial batch."""
    from kinerja_xlsx import combined

    drawn_by = tmp_path / "pid"
    draw = combined.write_pdf

    def recorded(summaries, path):
        drawn_by.write_text(str(os.getpid()))
        return draw(summaries, path)

    monkeypatch.setattr(combined, "write_pdf", recorded)
    paths = [build(small("A", 2), name="satu.xlsx"), build(small("B", 3), name="dua.xlsx")]
    serial = process_many(paths, str(tmp_path / "serial"), workers=1)
    assert drawn_by.read_text() == str(os.getpid())
    pooled = process_many(paths, str(tmp_path / "pool"), workers=2)
    assert drawn_by.read_text() != str(os.getpid())
    name = "rekap_gabungan.pdf"
    assert str(tmp_path / "pool" / name) in pooled.outputs and str(tmp_path / "serial" / name) in serial.outputs
    assert (tmp_path / "pool" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes()
    assert [os.path.basename(o) for o in pooled.outputs[-2:]] == ["rekap_gabungan.xlsx", name]


def test_largest_workbooks_go_first_ties_keep_their_order_unreadable_ones_last(tmp_path):
    sizes = {"a.xlsx": 10, "b.xlsx": 300, "c.xlsx": 10, "d.xlsx": 50}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    paths = [str(tmp_path / n) for n in ["a.xlsx", "hilang.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"]]
    assert [os.path.basename(p) for p in largest_first(paths)] == ["b.xlsx", "d.xlsx", "a.xlsx", "c.xlsx",
                                                                 "hilang.xlsx"]


class _InOrder:
    """A stand-in for the process pool: runs each job when it is submitted, in this process,
    and records the order it was given them in."""

    submitted: list = []

    def __init__(self, max_workers=None, initializer=None):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, path, *args):
        _InOrder.submitted.append(os.path.basename(path))
        future = Future()
        future.set_result(fn(path, *args))
        return future


def test_a_batch_hands_the_largest_workbook_to_the_pool_first_and_reports_in_input_order(build, tmp_path,
                                                                                        monkeypatch):
    names = ["a_kecil.xlsx", "b_kecil.xlsx", "z_besar.xlsx"]
    paths = [build(small("A", 1), name=names[0]), build(small("B", 1), name=names[1]),
             build(small("Z", 12), name=names[2])]
    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", _InOrder)
    _InOrder.submitted = []
    result = process_many(paths, str(tmp_path / "o"), pdf=False, workers=2)
    assert _InOrder.submitted[0] == "z_besar.xlsx"
    assert sorted(_InOrder.submitted) == names
    assert [os.path.basename(w.path) for w in result.workbooks] == names  # the report keeps the input's order


def test_parallel_rendering_gives_the_same_pdfs(build, tmp_path):
    path = build(small("Unit", POOL_MIN_UNITS), name="besar.xlsx")
    serial = process_many([path], str(tmp_path / "serial"), workers=1)
    pooled = process_many([path], str(tmp_path / "pool"), workers=2)
    assert serial.workbooks[0].ok and pooled.workbooks[0].ok
    assert_same_pdfs(tmp_path / "serial", tmp_path / "pool", POOL_MIN_UNITS + 2)


def assert_same_pdfs(serial, pooled, count: int) -> None:
    """The same ``count`` PDF files, byte for byte, in both output folders."""
    folder = "pdf/besar"
    files = sorted(os.listdir(serial / folder))
    assert len(files) == count and files == sorted(os.listdir(pooled / folder))
    for name in files:
        assert (serial / folder / name).read_bytes() == (pooled / folder / name).read_bytes(), name


def test_cli_batch_exit_code_and_summary_line(build, tmp_path):
    good = build(small("A", 1), name="baik.xlsx")
    bad = tmp_path / "buruk.xlsx"
    bad.write_text("bukan excel")
    r = subprocess.run([sys.executable, "-m", "kinerja_xlsx", "proses", "--tanpa-pdf", "-k", str(tmp_path / "o"),
                        good, str(bad)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert "Selesai: 2 workbook (1 gagal)" in r.stdout
    assert "buruk.xlsx" in r.stderr and "Traceback" not in r.stderr


def test_folder_as_input(build, tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        os.replace(build(small("U", 1), name=name), folder / name)
    r = subprocess.run([sys.executable, "-m", "kinerja_xlsx", "proses", "--tanpa-pdf", "-k", str(tmp_path / "o"),
                        str(folder)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert {"a_terkoreksi.xlsx", "b_terkoreksi.xlsx", "rekap_gabungan.xlsx"} <= set(os.listdir(tmp_path / "o"))


def test_the_pool_forks_with_this_process_frozen_and_thaws_it_after(build, tmp_path, monkeypatch):
    """Objects that exist when the workers fork are kept from the cycle collector (workers
    would walk them all on every full collection) and handed back once the pool is done.
    The workers fork with the recap, before the first unit's report is made: they draw while
    this process makes the others."""
    import gc
    import multiprocessing

    from kinerja_xlsx import xlsx_out
    from kinerja_xlsx.report import render

    seen, workers_at_first_report, made = [], [], []
    write, reports = xlsx_out.write_corrected, render.iter_unit_reports

    def watched(*args, **kwargs):  # runs here while the workers render
        seen.append(gc.get_freeze_count())
        return write(*args, **kwargs)

    def watched_reports(*args, **kwargs):
        for report in reports(*args, **kwargs):
            if not made:
                workers_at_first_report.append(len(multiprocessing.active_children()))
            made.append(report)
            yield report

    monkeypatch.setattr(xlsx_out, "write_corrected", watched)
    monkeypatch.setattr(render, "iter_unit_reports", watched_reports)
    path = build(small("Unit", POOL_MIN_UNITS * 2), name="besar.xlsx")
    batch = process_many([path], str(tmp_path / "o"), workers=2)
    assert batch.workbooks[0].ok
    assert seen and seen[0] > 1000  # the checked workbook was frozen when the workers forked
    assert workers_at_first_report == [2] and len(made) == POOL_MIN_UNITS * 2
    assert gc.get_freeze_count() == 0


def test_a_report_that_cannot_be_made_stops_the_rendering_pool(build, tmp_path, monkeypatch):
    """The workers start with the recap, before the units' reports are made; when making
    one fails, the pool is shut down (no worker left running) and nothing is published."""
    from kinerja_xlsx.report import render

    reports = render.iter_unit_reports

    def failing(*args, **kwargs):
        for i, report in enumerate(reports(*args, **kwargs)):
            if i == POOL_MIN_UNITS:
                raise ValueError("laporan rusak")
            yield report

    monkeypatch.setattr(render, "iter_unit_reports", failing)
    _assert_pool_stopped_and_nothing_published(build, tmp_path, "laporan rusak")


def test_a_failing_workbook_write_stops_the_rendering_pool(build, tmp_path, monkeypatch):
    """The units are handed to the pool before the workbook is written; when writing fails,
    the pool is shut down (no worker left running) and nothing is published."""
    from kinerja_xlsx import xlsx_out

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(xlsx_out, "write_corrected", broken)
    _assert_pool_stopped_and_nothing_published(build, tmp_path, "disk penuh")


def _assert_pool_stopped_and_nothing_published(build, tmp_path, message: str) -> None:
    """A pooled run that fails: reported with ``message``, no worker left running, nothing
    published, this process thawed on the way out."""
    import gc
    import multiprocessing

    path = build(small("Unit", POOL_MIN_UNITS * 2), name="besar.xlsx")
    out = tmp_path / "o"
    batch = process_many([path], str(out), workers=2)
    assert not batch.workbooks[0].ok and message in batch.workbooks[0].error
    assert multiprocessing.active_children() == []
    assert not out.exists() or os.listdir(out) == []
    assert gc.get_freeze_count() == 0


def _threshold_file(folder, *_):
    """A pool task: where its worker's young generation is collected, written to a file."""
    import gc

    path = os.path.join(folder, f"{os.getpid()}.txt")
    with open(path, "w") as fh:
        fh.write(str(gc.get_threshold()[0]))
    return path


def _one_reporting_threshold(path, out_dir, *_, **__):
    """A batch worker's task that reports its worker's threshold instead of a workbook."""
    return batch_module.WorkbookSummary(path=path, ok=False, error=open(_threshold_file(out_dir)).read())


def test_pool_workers_collect_their_young_objects_in_larger_batches(build, tmp_path, monkeypatch):
    """Both pools (a workbook's unit PDFs, a batch's workbooks) start their workers with the
    raised threshold; this process keeps Python's."""
    import gc

    before = gc.get_threshold()
    pool = batch_module._forked_pool(2)
    try:
        written = list(pool.map(_threshold_file, [str(tmp_path)] * 4))
    finally:
        pool.shutdown()
        gc.unfreeze()
    seen = {open(p).read() for p in written}
    monkeypatch.setattr(batch_module, "_one", _one_reporting_threshold)
    result = process_many([build(small("A", 1), name="a.xlsx"), build(small("B", 1), name="b.xlsx")],
                          str(tmp_path), pdf=False, workers=2)
    seen |= {w.error for w in result.workbooks}
    assert seen == {str(WORKER_GC_THRESHOLD)}
    assert gc.get_threshold() == before


def _workers_during_check(monkeypatch) -> list[int]:
    """Record how many worker processes are alive while the workbook is checked."""
    import multiprocessing

    from kinerja_xlsx import pipeline

    seen, analyse = [], pipeline.analyse

    def watched(*args, **kwargs):
        seen.append(len(multiprocessing.active_children()))
        return analyse(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", watched)
    return seen


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_that_are_not_forked_start_while_the_workbook_is_checked(build, tmp_path, monkeypatch, method):
    """A worker that starts as a new Python (spawn: Windows, macOS; forkserver) loads the
    package, ReportLab and the fonts first: it is started as soon as the workbook is read,
    and the PDFs are the same bytes as drawn here. Forked workers start after the check,
    as copies of this process with the fonts loaded."""
    import multiprocessing

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} tidak ada di platform ini")
    path = build(small("Unit", POOL_MIN_UNITS), name="besar.xlsx")
    serial = process_many([path], str(tmp_path / "serial"), workers=1)
    monkeypatch.setattr(batch_module, "START_METHOD", method)
    seen = _workers_during_check(monkeypatch)
    pooled = process_many([path], str(tmp_path / "pool"), workers=2)
    assert serial.workbooks[0].ok and pooled.workbooks[0].ok
    assert seen == [2 if method != "fork" else 0]
    assert multiprocessing.active_children() == []
    assert_same_pdfs(tmp_path / "serial", tmp_path / "pool", POOL_MIN_UNITS + 2)


def test_workers_started_early_are_stopped_when_the_check_fails(build, tmp_path, monkeypatch):
    """The workers started at reading are shut down when the run fails before they get any
    PDF to draw; the failure is reported as usual and nothing is written."""
    import multiprocessing

    from kinerja_xlsx import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("pemeriksaan gagal")

    monkeypatch.setattr(batch_module, "START_METHOD", "spawn")
    seen = _workers_during_check(monkeypatch)
    analyse = pipeline.analyse
    monkeypatch.setattr(pipeline, "analyse", lambda *a, **k: (analyse(*a, **k), broken())[1])
    out = tmp_path / "o"
    result = process_many([build(small("Unit", POOL_MIN_UNITS), name="besar.xlsx")], str(out), workers=2)
    assert seen == [2]
    assert not result.workbooks[0].ok and "pemeriksaan gagal" in result.workbooks[0].error
    assert multiprocessing.active_children() == []
    assert not out.exists() or os.listdir(out) == []


def test_drawing_workers_that_are_not_forked_start_warm_with_the_raised_threshold(tmp_path):
    """A spawned drawing worker has the fonts parsed and the collector's raised threshold
    before its first task, and has not loaded pandas (0,3 s of a new worker's start)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kinerja_xlsx.report.render import drawing_worker_start

    if "spawn" not in multiprocessing.get_all_start_methods():
        pytest.skip("spawn tidak ada di platform ini")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=drawing_worker_start) as pool:
        # the task is a built-in, so the worker imports no test module (this one loads pandas)
        state = pool.submit(eval, WORKER_STATE).result()
    assert state == (WORKER_GC_THRESHOLD, True, True, False)


# In a worker: its young-generation threshold, whether its collector is on, whether the fonts
# are registered (without registering them), whether pandas was loaded.
WORKER_STATE = """(
    __import__("gc").get_threshold()[0],
    __import__("gc").isenabled(),
    __import__("sys").modules["kinerja_xlsx.report.layout"].register_fonts.cache_info().currsize == 1,
    "pandas" in __import__("sys").modules,
)"""


@pytest.mark.parametrize("count", [1, 2, 15, 100, 501, 2000])
def test_units_go_to_the_workers_in_chunks_that_shrink_towards_the_end(count):
    """Every unit is handed over once; no chunk is larger than MAX_CHUNK; the chunks never
    grow, and at the end they are MIN_CHUNK units, so the worker that finishes first waits
    for at most a couple of PDFs."""
    sizes = list(batch_module.chunk_sizes(count, 2))
    assert sum(sizes) == count and all(0 < s <= batch_module.MAX_CHUNK for s in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] <= batch_module.MIN_CHUNK
    if count >= 500:
        assert sizes[0] == batch_module.MAX_CHUNK and sizes[-8:] == [batch_module.MIN_CHUNK] * 8
