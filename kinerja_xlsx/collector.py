"""Pausing Python's cycle collector where a run builds many long-lived objects with no cycles.

The collector walks every tracked object again and again as they pile up, and can free
nothing there: reference counting frees them as before. Used while the package imports
pandas and numpy, and while a workbook is read, checked and written (see
:mod:`kinerja_xlsx.pipeline`); not while PDFs are rendered, since ReportLab leaves cycles.
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


__all__ = ["paused"]
