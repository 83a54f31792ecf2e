"""Pausing Python's cycle collector where a run builds many long-lived objects with no cycles.

The collector walks every tracked object again and again as they pile up, and can free
nothing there: reference counting frees them as before. Used while the package imports
pandas and numpy, and while a workbook is read, checked and written (see
:mod:`kinerja_xlsx.pipeline`); not while PDFs are rendered, since ReportLab leaves cycles:
there a pool worker collects its young objects in larger batches (:func:`worker_start`).
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """The collector off for the block, then as it was before (on or off), whatever happens."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Objects a worker makes before its young generation is collected (Python's default: 700).
# Rendering a report makes tens of thousands of short-lived containers; at 700 the collector
# ran some 500 times per 100 reports, each young collection promoting survivors that the
# older ones then walked again with every cache the worker keeps: 12 % of a report's time
# (11,3-11,9 against 9,8-10,2 ms, in one process). Cyclic garbage is still collected, in
# larger batches, and each PDF's own garbage right after it (:func:`.report.render.render_job`).
WORKER_GC_THRESHOLD = 10_000


def worker_start() -> None:
    """Run once in each pool worker before its first task."""
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


__all__ = ["paused", "worker_start", "WORKER_GC_THRESHOLD"]
