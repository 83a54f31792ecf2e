"""The book: a cover and a contents page rendered on their own, then the unit PDFs appended
as they are (pikepdf), so no unit is rendered twice."""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass

import pikepdf
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, PageBreak, Spacer, Table, TableStyle

from . import layout
from .data import Header
from .layout import STYLES
from .story import clip, para
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
    rows = [[para(h, "isi_kepala") for h in b["daftar_isi_kolom"]]]
    for e in entries:
        rows.append([para(f"{e.order}.", "isi"), para(clip(e.jabatan, 200, "…"), _indented(e.depth)),
                     para(clip(e.nama, 120, "…"), "isi"), para(str(e.page), "isi_angka")])
    table = Table(rows, colWidths=w, repeatRows=1, style=TableStyle(layout.CONTENTS_STYLE))
    return [para(b["daftar_isi"], "judul"), Spacer(1, 6 * mm), table, Spacer(1, 3 * mm),
            para(b["daftar_isi_catatan"], "catatan")]


SHARE_WHILE_ADDING = True  # False: every font file copied, shared only when saved (tests compare)

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


def _font_files(pdf: pikepdf.Pdf):
    """(descriptor, its FontFile2 stream) of every embedded TrueType font the pages use, each
    descriptor once, in page order."""
    visited: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for _, font in fonts.items():
            if font.objgen in visited:
                continue
            visited.add(font.objgen)
            parts = font.get("/DescendantFonts") if font.get("/Subtype") == "/Type0" else [font]
            for part in parts or []:
                descriptor = part.get("/FontDescriptor")
                if descriptor is None or "/FontFile2" not in descriptor:
                    continue
                stream = descriptor.FontFile2
                if isinstance(stream, pikepdf.Stream):
                    yield descriptor, stream


def _font_key(stream: pikepdf.Stream) -> tuple:
    """What makes two font files the same: their compressed bytes, filter and lengths."""
    extra = stream.stream_dict
    return (stream.read_raw_bytes(), repr(extra.get("/Filter")), repr(extra.get("/DecodeParms")),
            repr(extra.get("/Length1")))


def _share_font_files(pdf: pikepdf.Pdf) -> int:
    """Point every font descriptor at one copy of each distinct embedded font file.

    Each unit PDF embeds its own subsets of the four faces, and nearly all of them are the
    same bytes (ASCII plus the same few signs): a book of 500 units would carry 2,000 copies
    (30 MB) of a handful of files. Only exact duplicates (same compressed bytes, filter and
    length) are shared, so every page still draws with the very glyphs it was made with.
    Returns how many copies were dropped (they are no longer written)."""
    first: dict[tuple, pikepdf.Object] = {}
    dropped = 0
    for descriptor, stream in _font_files(pdf):
        kept = first.setdefault(_font_key(stream), stream)
        if kept.objgen != stream.objgen:
            descriptor.FontFile2 = kept
            dropped += 1
    return dropped


class Book:
    """The book, gathered while the units are rendered: each unit PDF's pages are copied in
    as it arrives (:meth:`add`), and :meth:`save` puts the front matter before them, with a
    bookmark per unit. The unit pages are copied as they are: their streams are written
    without being decoded and compressed again (ReportLab compressed them already), and the
    font files they have in common are written once (:func:`_share_font_files`).

    pikepdf copies a page's objects, stream data included, when it is added (qpdf's
    "immediate copy"), so each unit PDF is closed right away. A font file the book already
    holds is not copied again: the unit's descriptor is pointed at the book's copy. Adding the
    500 unit PDFs of a run (40 MiB) took 209 MiB while they were kept open and every font file
    copied, 73 MiB now.

    The page tree is made once, in :meth:`save`: adding pages one by one (``pages.extend``)
    costs more with every page already in the book (1,8 s for the last 500 of 2.000 units,
    0,5 s for the first 500). Used as a context manager, it releases the book on the way
    out, saved or not."""

    def __init__(self):
        self._pdf = pikepdf.Pdf.new()
        self._pages: list[pikepdf.Object] = []  # the unit pages, copied into the book
        self._starts: list[tuple[str, int]] = []  # (bookmark, first page among the unit pages)
        self._fonts: dict[tuple, pikepdf.Object] = {}  # font file key -> the book's copy

    def add(self, path: str, label: str) -> None:
        with open(path, "rb") as fh:
            source = pikepdf.open(io.BytesIO(fh.read()))
        with source:
            # each font file: (its descriptor, its key, the book's copy if it has one already);
            # a file the book has is left out of the copy and pointed at afterwards
            fonts = []
            for descriptor, stream in list(_font_files(source)) if SHARE_WHILE_ADDING else []:
                key = _font_key(stream)
                kept = self._fonts.get(key)
                if kept is not None:
                    del descriptor["/FontFile2"]
                fonts.append((descriptor, key, kept))
            self._starts.append((label, len(self._pages)))
            self._pages.extend(self._pdf.copy_foreign(page.obj) for page in source.pages)
            for descriptor, key, kept in fonts:
                copied = self._pdf.copy_foreign(descriptor)  # the copy just made, not a new one
                if kept is None:
                    self._fonts.setdefault(key, copied.FontFile2)
                else:
                    copied.FontFile2 = kept

    def save(self, front: str, out_path: str, title: str) -> int:
        """Front matter first, then the units; returns the book's page count."""
        book = self._pdf
        with pikepdf.open(front) as front_pdf:
            pages = [book.copy_foreign(page.obj) for page in front_pdf.pages] + self._pages
            tree = book.Root.Pages
            for page in pages:
                page.Parent = tree
            tree.Kids = pikepdf.Array(pages)
            tree.Count = len(pages)
            offset = len(front_pdf.pages)
            with book.open_outline() as outline:
                for label, start in self._starts:
                    outline.root.append(pikepdf.OutlineItem(label, start + offset))
            _share_font_files(book)
            book.docinfo["/Title"] = title
            book.docinfo["/Creator"] = "kinerja_xlsx"
            book.save(out_path, deterministic_id=True, compress_streams=False,
                      stream_decode_level=pikepdf.StreamDecodeLevel.none)
            return len(book.pages)

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pages.clear()
        self._fonts.clear()
        self._pdf.close()


__all__ = ["Entry", "Book", "cover_story", "contents_story", "render_front"]
