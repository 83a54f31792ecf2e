"""The one place that writes PDF files: a unit, the book, the recap.

:func:`render_unit` is a top-level function of plain picklable data (a :class:`UnitReport`,
a path, the texts), so it can run in a process pool; :func:`write_reports` takes the
mapping function to use (``map`` by default, ``executor.map`` for a pool).
"""

from __future__ import annotations

import gc
import os
from typing import Callable, Iterable

from ..collector import worker_start
from . import layout
from .data import UnitReport, book_file_name, number_width, recap, unit_reports
from .story import footer_text, page_label, unit_story
from .texts import Texts, fill, load_texts

FRONT_FILE = ".depan.pdf"  # cover + contents before the units are appended; removed after


def drawing_worker_start() -> None:
    """The start of a drawing worker that was not forked from a process with all this loaded
    (see :class:`..batch._UnitPool`): the recap's modules (loaded lazily otherwise) and the
    parsed fonts before its first task, then all it holds frozen (``gc.freeze``), so that its
    collector, run often by ReportLab's cycles, does not walk them again and again. Neither
    this module nor its callers load pandas: a new worker does not spend 0,3 s on it. The
    book's module is not loaded: workers draw units and the recap, never the front matter."""
    from . import recap  # noqa: F401

    worker_start()
    layout.register_fonts()
    gc.freeze()


def render_unit(report: UnitReport, path: str, texts: Texts | None = None) -> int:
    """Write one unit's report; returns its page count. Each unit is rendered exactly once."""
    texts = texts if texts is not None else load_texts()
    values = report.values()
    return layout.build(path, unit_story(report, texts), footer_text=footer_text(report, texts),
                        page_label=page_label(texts, values),
                        title=f"{texts['judul']['laporan']} - {report.person.jabatan}",
                        author=report.person.nama, subject=report.header.instansi)


def render_part(part, path: str, texts: Texts) -> int:
    """One PDF of a set, for a pool: a unit's report (a :class:`UnitReport`) or the recap
    (``(summary, depths)``). Returns its page count."""
    if isinstance(part, UnitReport):
        return render_unit(part, path, texts)
    summary, depths = part
    return render_recap(summary, depths, path, texts)


def write_reports(result, out_dir: str, *, texts: Texts | None = None,
                  map_fn: Callable[..., Iterable] = map, meanwhile: Callable[[], None] | None = None) -> list[str]:
    """Unit PDFs, the book and the recap into ``out_dir`` (created). Returns the paths written.

    File names sort in hierarchy order: ``00_Buku_Laporan_Kinerja.pdf``, ``01_Camat.pdf``, ...,
    ``99_Rekapitulasi.pdf`` (three digits from 99 units on). ``map_fn`` renders the recap and
    the units, in that order (``map``, or a pool's map that starts at once: the recap, the
    longest piece, goes first so no worker is left with it at the end); ``meanwhile`` runs
    right after they are handed to it, while a pool renders.
    """
    from ..pipeline import output_names  # the findings file the Catatan Koreksi refers to

    texts = texts if texts is not None else load_texts()
    os.makedirs(out_dir, exist_ok=True)
    berkas = output_names(result.workbook.path)["json"] if result.workbook.path else ""
    reports = unit_reports(result, texts, berkas)
    paths = [os.path.join(out_dir, r.file_name) for r in reports]
    summary = recap(result, reports, berkas)
    recap_path = os.path.join(out_dir, summary.file_name)
    parts = [(summary, {r.sheet: r.depth for r in reports}), *reports]
    layout.register_fonts()  # once, before a pool forks: its workers inherit the parsed fonts
    rendering = map_fn(render_part, parts, [recap_path, *paths], [texts] * len(parts))
    from .book import Book, render_front

    with Book() as book:
        try:
            # a pool renders now; the other outputs are written here meanwhile (with plain
            # ``map`` nothing is rendered yet: only the order changes), and each unit joins
            # the book as it comes back
            if meanwhile is not None:
                meanwhile()
            counts = iter(rendering)
            next(counts)  # the recap
            pages = []
            for report, path, count in zip(reports, paths, counts):
                pages.append(count)
                book.add(path, f"{report.order}. {report.person.jabatan or report.sheet}")
        finally:
            getattr(rendering, "close", lambda: None)()
        written = list(paths)
        if reports:
            front = os.path.join(out_dir, FRONT_FILE)
            render_front(front, reports[0].header, reports, pages, texts)
            book_path = os.path.join(out_dir, book_file_name(number_width(len(reports))))
            book.save(front, book_path, texts["buku"]["judul"])
            os.remove(front)
            written.insert(0, book_path)
    written.append(recap_path)
    return written


def render_recap(summary, depths: dict[str, int], path: str, texts: Texts) -> int:
    """The recap of all units (landscape); returns its page count."""
    # the charts (0,015-0,02 s to load) are loaded only by the process that draws them
    from .recap import recap_story

    values = summary.header.values()
    return layout.build(path, recap_story(summary, texts, depths), page=layout.LANDSCAPE,
                        footer_text=fill(texts["rekap"]["kaki"], values), page_label=page_label(texts, values),
                        title=texts["rekap"]["judul"], author=summary.header.instansi)


__all__ = ["render_unit", "render_part", "render_recap", "write_reports", "drawing_worker_start"]
