"""Many workbooks in one run, on every core, with a combined recap.

Several workbooks: each worker process takes whole workbooks (read, check, write, render).
One workbook: it is checked here and its unit PDFs are spread over the workers. A bad
workbook is reported and the others go on. With more than one workbook a combined recap
(``rekap_gabungan.xlsx`` and ``.pdf``) lists every workbook, failed ones included.
"""

from __future__ import annotations

import gc
import itertools
import math
import multiprocessing
import os
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable

from .collector import worker_start
from .compute import Settings
from .errors import InputError

POOL_MIN_UNITS = 16  # below this a single workbook renders faster without starting workers


@dataclass
class WorkbookSummary:
    """What the combined recap and the final line need of one processed workbook."""

    path: str
    ok: bool
    error: str = ""
    pemerintah: str = ""
    instansi: str = ""
    tahun: int = 0
    triwulan: str = ""
    units: int = 0
    indicators: int = 0
    capaian_sum: float = 0.0
    capaian_count: int = 0
    anggaran: float = 0.0
    realisasi: float = 0.0
    levels: dict = field(default_factory=dict)
    predikat: dict = field(default_factory=dict)
    points: list = field(default_factory=list)  # (serapan, capaian, efisiensi kategori)
    outputs: list = field(default_factory=list)


@dataclass
class BatchResult:
    workbooks: list[WorkbookSummary]
    outputs: list[str]
    seconds: float

    @property
    def failed(self) -> list[WorkbookSummary]:
        return [w for w in self.workbooks if not w.ok]

    def line(self) -> str:
        """The final summary line."""
        t = total(self.workbooks)
        lv = Counter(t.levels)
        failed = f" ({len(self.failed)} gagal)" if self.failed else ""
        return (f"Selesai: {len(self.workbooks)} workbook{failed}, {t.units} unit, "
                f"{t.indicators} indikator; temuan {lv['Galat']} Galat, "
                f"{lv['Peringatan']} Peringatan, {lv['Info']} Info; "
                f"{self.seconds:.1f} detik".replace(".", ",", 1))


def total(summaries: list[WorkbookSummary]) -> WorkbookSummary:
    """The processed workbooks added up, as one summary (failed ones count for nothing)."""
    ok = [s for s in summaries if s.ok]
    levels, predikat = Counter(), Counter()
    for s in ok:
        levels.update(s.levels)
        predikat.update(s.predikat)
    return WorkbookSummary(
        path="Total", ok=True, units=sum(s.units for s in ok), indicators=sum(s.indicators for s in ok),
        capaian_sum=sum(s.capaian_sum for s in ok), capaian_count=sum(s.capaian_count for s in ok),
        anggaran=sum(s.anggaran for s in ok), realisasi=sum(s.realisasi for s in ok),
        levels=dict(levels), predikat=dict(predikat), points=[p for s in ok for p in s.points])


def summarize(path: str, result) -> WorkbookSummary:
    frame = result.frame
    info = result.workbook.info
    rated = frame["capaian_dinilai"].dropna() if len(frame) else []
    both = frame.dropna(subset=["capaian_dinilai", "serapan"]) if len(frame) else frame
    return WorkbookSummary(
        path=path, ok=True, pemerintah=info.pemerintah, instansi=info.instansi, tahun=info.tahun,
        triwulan=info.triwulan_roman, units=len(result.workbook.units), indicators=len(frame),
        capaian_sum=float(sum(rated)), capaian_count=len(rated),
        anggaran=float(frame["anggaran"].sum()) if len(frame) else 0.0,
        realisasi=float(frame["realisasi_anggaran"].sum()) if len(frame) else 0.0,
        levels=dict(Counter(f.tingkat.value for f in result.findings)),
        predikat=dict(Counter(frame["predikat"])) if len(frame) else {},
        points=[(float(s), float(c), k) for s, c, k in
                zip(both["serapan"], both["capaian_dinilai"], both["efisiensi_kategori"])] if len(both) else [],
        outputs=list(result.outputs),
    )


def _one(path: str, out_dir: str, previous, pdf: bool, settings: Settings, map_fn=map,
         detail: bool = False, on_read=None) -> WorkbookSummary:
    """Process one workbook; any failure becomes a summary with its one-line message
    (and, with ``detail``, the traceback after it)."""
    from .pipeline import process

    try:
        return summarize(path, process(path, out_dir, previous=previous, pdf=pdf, settings=settings,
                                       map_fn=map_fn, on_read=on_read))
    except Exception as exc:  # one bad workbook never stops the others
        if isinstance(exc, InputError):
            line = exc.line()
        else:
            line = (f"{os.path.basename(path)}: galat tak terduga ({type(exc).__name__}: {exc}). "
                    "Jalankan dengan -v untuk rinciannya dan laporkan ke pengembang.")
        if detail:
            line += "\n" + traceback.format_exc()
        return WorkbookSummary(path=path, ok=False, error=line)


def workers_for(count: int | None) -> int:
    return max(1, count if count else (os.cpu_count() or 1))


def process_many(paths: list[str], out_dir: str = "output", *, previous: str | None = None, pdf: bool = True,
                 settings: Settings = Settings(), workers: int | None = None,
                 progress: Callable[[str, int, int], None] | None = None, detail: bool = False) -> BatchResult:
    """Process every workbook; ``progress(label, done, total)`` is called as work completes."""
    start = time.perf_counter()
    n = workers_for(workers)
    tick = progress or (lambda *_: None)
    if len(paths) == 1:
        summaries = [_single(paths[0], out_dir, previous, pdf, settings, n, tick, detail)]
        return BatchResult(summaries, list(summaries[0].outputs), time.perf_counter() - start)
    from .combined import write_combined

    if n == 1:
        summaries = []
        for i, path in enumerate(paths, start=1):
            summaries.append(_one(path, out_dir, previous, pdf, settings, detail=detail))
            tick(os.path.basename(path), i, len(paths))
        combined = write_combined(summaries, out_dir, pdf=pdf)
    else:
        with ProcessPoolExecutor(max_workers=min(n, len(paths)), initializer=worker_start) as pool:
            futures = {pool.submit(_one, p, out_dir, previous, pdf, settings, map, detail): p
                       for p in largest_first(paths)}
            by_path = {}
            for i, future in enumerate(as_completed(futures), start=1):
                by_path[futures[future]] = future.result()
                tick(os.path.basename(futures[future]), i, len(paths))
            summaries = [by_path[p] for p in paths]
            # a worker, with ReportLab loaded and warm from the workbooks, draws the combined
            # PDF while this process writes the combined xlsx
            combined = write_combined(summaries, out_dir, pdf=pdf, submit=pool.submit)
    outputs = [o for s in summaries for o in s.outputs] + combined
    return BatchResult(summaries, outputs, time.perf_counter() - start)


def largest_first(paths: list[str]) -> list[str]:
    """The order the workers take the workbooks in: the largest files first (a workbook's
    work grows with its units, and so does its file). Handed out in name order, a big dinas
    workbook named last kept one worker busy long after the other had finished the small
    ones; started first, it runs while the other worker takes the small ones. Ties keep
    their order; a file that cannot be read counts as empty (it fails fast)."""

    def size(path: str) -> int:
        try:
            return os.path.getsize(path)
        except OSError:
            return 0

    return sorted(paths, key=size, reverse=True)


# Units go to the workers in chunks: one message each way for several PDFs. A chunk is at most
# MAX_CHUNK units (the first is handed over as soon as that many reports are made) and an
# eighth of what is left for two workers, down to MIN_CHUNK: the last chunks are small, so the
# worker that finishes first waits little for the other (with even chunks of 16 units at 500
# units, up to 0,2 s with one core idle).
MAX_CHUNK = 32
MIN_CHUNK = 2
SHARE_OF_REST = 4  # a chunk is at most 1/(workers * SHARE_OF_REST) of the units left


def chunk_sizes(count: int, workers: int):
    """The sizes of the chunks ``count`` units are handed over in (they add up to ``count``)."""
    left = count
    while left > 0:
        size = min(left, MAX_CHUNK, max(MIN_CHUNK, math.ceil(left / (workers * SHARE_OF_REST))))
        yield size
        left -= size


def _chunks(items, sizes):
    for size in sizes:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        yield chunk


def _run_chunk(fn, jobs: list) -> list:
    """A worker's task: ``fn`` over a chunk of jobs."""
    return [fn(job) for job in jobs]


def _in_order(first, chunks):
    yield first.result()
    for chunk in chunks:
        yield from chunk.result()


def _serial(fn, jobs, tick):
    for i, job in enumerate(jobs, start=1):
        yield fn(job)
        tick("PDF", i, len(jobs))


class _Collected:
    """The pool's results in order. ``close`` (called by the renderer when it is done, or
    gives up) shuts the pool down, cancels what has not started and lets the cycle
    collector see this process's objects again (see :func:`_forked_pool`)."""

    def __init__(self, pool, results, count, tick):
        self._pool, self._results, self._count, self._tick = pool, results, count, tick

    def __iter__(self):
        for i, value in enumerate(self._results, start=1):
            self._tick("PDF", i, self._count)
            yield value

    def close(self):
        _stop(self._pool)


def _stop(pool) -> None:
    """Shut a rendering pool down, cancelling what has not started, and let the cycle
    collector see this process's objects again (see :func:`_forked_pool`)."""
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        gc.unfreeze()


def _forked_pool(n: int, context=None) -> ProcessPoolExecutor:
    """A pool whose workers do not scan what they inherit. The workers start as copies of
    this process, checked workbook and all; ReportLab's cycles make their collector run
    often, and each full run walked every inherited object (7 % of a 2.000-unit run).
    ``gc.freeze`` right before the fork puts those objects out of its reach, in the workers
    and here, until :meth:`_Collected.close` (Python's documented pattern for forking)."""
    gc.freeze()
    try:
        return ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=worker_start)
    except BaseException:
        gc.unfreeze()
        raise


# How the drawing workers start: None is the platform's way (fork on Linux up to Python 3.13;
# forkserver from 3.14; spawn on Windows and macOS). The tests set "spawn".
START_METHOD: str | None = None


class _UnitPool:
    """``map`` for one workbook's PDFs: this process for a few units, else a pool that gets
    the work at once, so the caller writes the workbook and the recap while it renders.

    Forked workers start with the first job, the recap, as copies of this process with
    ReportLab and the fonts already loaded; the units' reports are made here after that, each
    chunk handed over as it is made (see :func:`.report.write_reports`). Workers of
    any other start (``spawn``, ``forkserver``) begin as a new Python that must load this
    package, ReportLab and the fonts first (:func:`.report.render.drawing_worker_start`): they are started
    by :meth:`start`, as soon as the workbook is read, and do that while it is checked.
    500 units, median of six interleaved pairs against starting them after the check:
    ``spawn`` 6,47 -> 5,84 s, ``forkserver`` 6,47 -> 5,87 s."""

    def __init__(self, workers: int, tick, pdf: bool = True):
        self._workers, self._tick, self._pdf = workers, tick, pdf
        self._context = multiprocessing.get_context(START_METHOD)
        self._early: ProcessPoolExecutor | None = None

    def _pooled(self, count: int) -> bool:
        return self._workers > 1 and count >= POOL_MIN_UNITS

    def start(self, workbook) -> None:
        """Called with the workbook as soon as it is read (its units and the recap are
        the PDFs to come)."""
        if (self._pdf and self._early is None and self._pooled(len(workbook.units) + 1)
                and self._context.get_start_method() != "fork"):
            from .report.render import drawing_worker_start

            self._early = ProcessPoolExecutor(max_workers=self._workers, mp_context=self._context,
                                              initializer=drawing_worker_start)
            for _ in range(self._workers):  # a pool starts its workers with its first tasks
                self._early.submit(int)

    def __call__(self, fn, jobs):
        """``fn`` over ``jobs`` (sized, made as they are taken: see :class:`.report.render.Jobs`).
        The first job (the recap) is handed over alone, which starts the workers; the others
        are handed over in chunks as they are made, here, while the workers draw."""
        count = len(jobs)
        if not self._pooled(count):
            return _serial(fn, jobs, self._tick)
        pool, self._early = self._early or _forked_pool(self._workers, self._context), None
        collected = None
        try:
            items = iter(jobs)
            first = pool.submit(fn, next(items))
            chunks = [pool.submit(_run_chunk, fn, chunk)
                      for chunk in _chunks(items, chunk_sizes(count - 1, self._workers))]
            collected = _Collected(pool, _in_order(first, chunks), count, self._tick)
        finally:
            if collected is None:  # making a job failed: no worker is left behind
                _stop(pool)
        return collected

    def close(self) -> None:
        """Stop a pool started early that was never handed the PDFs (the run failed first)."""
        pool, self._early = self._early, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _single(path, out_dir, previous, pdf, settings, n, tick, detail) -> WorkbookSummary:
    """One workbook: its unit PDFs over a pool, started only when there are enough units."""
    rendered = _UnitPool(n, tick, pdf)
    try:
        summary = _one(path, out_dir, previous, pdf, settings, map_fn=rendered, detail=detail,
                       on_read=rendered.start)
    finally:
        rendered.close()
    if not pdf:
        tick(os.path.basename(path), 1, 1)
    return summary
