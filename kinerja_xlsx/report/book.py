"""The book: a cover and a contents page rendered on their own, then the unit PDFs joined
as they are (:mod:`.join`), so no unit is rendered twice."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, PageBreak, Spacer

from . import layout
from .data import Header
from .flow import data_table
from .join import Joiner
from .layout import STYLES
from .story import clip, para, roomy_cell
from .texts import Texts, fill


@dataclass(frozen=True)
class Entry:
    """One unit in the contents: its place in the hierarchy and its first page in the book."""

    order: int
    depth: int
    jabatan: str
    nama: str
    page: int


def cover_story(header: Header, texts: Texts) -> list:
    layout.register_fonts()
    values = header.values()
    rule = HRFlowable(width="60%", thickness=1.2, color=layout.colors.black, spaceBefore=6 * mm,
                      spaceAfter=6 * mm)
    b = texts["buku"]
    return [Spacer(1, 30 * mm), para(header.tahun, "sampul_tahun"), Spacer(1, 14 * mm),
            para(fill(b["sampul_triwulan"], values), "sampul"), Spacer(1, 10 * mm),
            para(b["sampul_judul"], "sampul_besar"), rule,
            Spacer(1, 40 * mm), para(header.pemerintah.upper(), "sampul"), para(header.instansi.upper(), "sampul"),
            Spacer(1, 6 * mm), para(fill(b["sampul_tahun"], values), "sampul"), PageBreak()]


@functools.lru_cache(maxsize=32)
def _indented(depth: int):
    return STYLES["isi"].clone(f"isi-{depth}", leftIndent=min(depth, 6) * 12)


def contents_story(entries: list[Entry], texts: Texts) -> list:
    b = texts["buku"]
    w = layout.widths("isi")
    rows = [[roomy_cell(h, "isi_kepala", x) for h, x in zip(b["daftar_isi_kolom"], w)]]
    for e in entries:
        rows.append([roomy_cell(f"{e.order}.", "isi", w[0]), para(clip(e.jabatan, 200, "…"), _indented(e.depth)),
                     roomy_cell(clip(e.nama, 120, "…"), "isi", w[2]), roomy_cell(str(e.page), "isi_angka", w[3])])
    table = data_table(rows, w, layout.CONTENTS_STYLE, repeatRows=1)
    return [para(b["daftar_isi"], "judul"), Spacer(1, 6 * mm), table, Spacer(1, 3 * mm),
            para(b["daftar_isi_catatan"], "catatan")]


CONTENTS_ROWS_PER_PAGE = 35  # entries on one line each; a guess: a wrong one costs one more rendering


def render_front(path: str, header: Header, reports, unit_pages: list[int], texts: Texts) -> int:
    """Cover + contents. The contents' own length moves every start page, so render until the
    page count it assumed is the one it got. The first guess, from the number of units
    (about 35 one-line entries a page), is usually right: one rendering instead of two."""
    assumed = 1 + max(1, math.ceil((len(reports) + 4) / CONTENTS_ROWS_PER_PAGE))
    for _ in range(5):
        entries, page = [], assumed + 1
        for report, count in zip(reports, unit_pages):
            entries.append(Entry(report.order, report.depth, report.person.jabatan or report.sheet,
                                 report.person.nama, page))
            page += count
        got = layout.build(path, cover_story(header, texts) + contents_story(entries, texts), cover=True,
                           footer_text=fill(texts["buku"]["kaki"], header.values()),
                           title=texts["buku"]["judul"], author=header.instansi)
        if got == assumed:
            return got
        assumed = got
    raise RuntimeError("daftar isi tidak stabil")  # pragma: no cover


class Book:
    """The book, gathered while the units are rendered: each unit PDF's pages are joined in
    as it arrives (:meth:`add`), and :meth:`save` puts the front matter before them, with a
    bookmark per unit.

    The pages are joined as bytes (:mod:`.join`): their streams are copied as ReportLab
    compressed them, and what the reports have in common, above all the embedded font
    subsets, is written once. With pikepdf, which the book was first joined with, adding the
    500 unit PDFs of a run took 0,46 s, saving 0,18 s, and the book was 10,8 MB (its font
    files were shared, their widths, descriptors and Unicode maps were not); now 0,19-0,25 s,
    0,03 s and 6,0 MB, with the same text on every page."""

    def __init__(self):
        self._joiner = Joiner()
        self._pages: list[int] = []  # the unit pages, as numbered in the book
        self._starts: list[tuple[str, int]] = []  # (bookmark, first page among the unit pages)

    def add(self, path: str, label: str) -> None:
        with open(path, "rb") as fh:
            pages = self._joiner.add(fh.read())
        self._starts.append((label, len(self._pages)))
        self._pages.extend(pages)

    def save(self, front: str, out_path: str, title: str) -> int:
        """Front matter first, then the units; returns the book's page count."""
        with open(front, "rb") as fh:
            front_pages = self._joiner.add(fh.read())
        pages = front_pages + self._pages
        outline = [(label, start + len(front_pages)) for label, start in self._starts]
        self._joiner.write(out_path, pages, title=title, creator="kinerja_xlsx", outline=outline)
        return len(pages)

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Let go of what was joined (the book is released, saved or not)."""
        self._joiner = Joiner()
        self._pages.clear()
        self._starts.clear()


__all__ = ["Entry", "Book", "cover_story", "contents_story", "render_front"]
