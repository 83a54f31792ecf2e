"""The one place that writes PDF files: a unit, the book, the recap.

:func:`render_unit` is a top-level function of plain picklable data (a :class:`UnitReport`,
a path, the texts), so it can run in a process pool; :func:`write_reports` takes the
mapping function to use (``map`` by default, a pool's for many units: see ``batch._UnitPool``).
"""

from __future__ import annotations

import gc
import os
from typing import Callable, Iterable

from ..collector import worker_start
from ..staging import flush_early
from . import layout
from .data import UnitReport, book_file_name, hierarchy, iter_unit_reports, number_width, recap
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


def render_job(job: tuple) -> int:
    """One PDF of a set, for a pool: ``(part, path, texts)``, the part a unit's report (a
    :class:`UnitReport`) or the recap (``(summary, depths)``). Returns its page count.

    The PDF's own cyclic garbage (ReportLab's document, canvas and PDF objects refer to each
    other: some 470 objects a unit report) is collected right after it, when the collector's
    young generation holds little else. Left to the collector's count, it ran in the middle
    of a report, walking everything the report was still building and moving it to an older
    generation, which later collections walked again."""
    part, path, texts = job
    if isinstance(part, UnitReport):
        pages = render_unit(part, path, texts)
    else:
        summary, depths = part
        pages = render_recap(summary, depths, path, texts)
    gc.collect(0)
    return pages


class Jobs:
    """The PDFs to draw, made one at a time as they are taken, and how many there are (a
    pool sizes its chunks by it before the first is made)."""

    def __init__(self, count: int, jobs: Iterable[tuple]):
        self._count, self._jobs = count, jobs

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        return iter(self._jobs)


def write_reports(result, out_dir: str, *, texts: Texts | None = None,
                  map_fn: Callable[..., Iterable] = map, meanwhile: Callable[[], None] | None = None) -> list[str]:
    """Unit PDFs, the book and the recap into ``out_dir`` (created). Returns the paths written.

    File names sort in hierarchy order: ``00_Buku_Laporan_Kinerja.pdf``, ``01_Camat.pdf``, ...,
    ``99_Rekapitulasi.pdf`` (three digits from 99 units on). ``map_fn(render_job, jobs)``
    renders the recap and the units, in that order (``map``, or a pool's map that starts at
    once: the recap, the longest piece, goes first so no worker is left with it at the end).
    Each unit's report is made as ``map_fn`` takes it: a pool draws the recap and the first
    units while the others are made. ``meanwhile`` runs right after they are all handed to
    it, while a pool renders.
    """
    from ..pipeline import output_names  # the findings file the Catatan Koreksi refers to

    texts = texts if texts is not None else load_texts()
    os.makedirs(out_dir, exist_ok=True)
    berkas = output_names(result.workbook.path)["json"] if result.workbook.path else ""
    depths = {unit.sheet: depth for unit, depth in hierarchy(result.workbook.units)}
    summary = recap(result, berkas)
    recap_path = os.path.join(out_dir, summary.file_name)
    reports: list[UnitReport] = []  # each one, and its PDF's path, as it is handed to the renderer
    paths: list[str] = []

    def jobs():
        yield (summary, depths), recap_path, texts
        for report in iter_unit_reports(result, texts, berkas):
            reports.append(report)
            paths.append(os.path.join(out_dir, report.file_name))
            yield report, paths[-1], texts

    layout.register_fonts()  # once, before a pool forks: its workers inherit the parsed fonts
    rendering = map_fn(render_job, Jobs(len(depths) + 1, jobs()))
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
            flush_early(recap_path)
            pages = []
            for i, count in enumerate(counts):  # a unit's report is made before its PDF comes back
                report = reports[i]
                pages.append(count)
                book.add(paths[i], f"{report.order}. {report.person.jabatan or report.sheet}")
                flush_early(paths[i])  # on disk while the others are drawn (see ..staging)
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


__all__ = ["render_unit", "render_job", "Jobs", "render_recap", "write_reports", "drawing_worker_start"]
