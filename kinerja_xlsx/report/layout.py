"""Layout as data: page, fonts, paragraph and table styles, page templates. Defined once.

Every report (unit, book front matter, recap) is built by :func:`build` from a list of
flowables; nothing else in the package touches page geometry or font names. Fonts are
DejaVu TrueType files shipped in ``kinerja_xlsx/fonts`` (embedded, subset, covering
Indonesian text and the tick marks), registered once per process.
"""

from __future__ import annotations

import copy
import functools
import os
import zlib
from dataclasses import dataclass
from importlib import resources

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFStream, PDFStreamFilterZCompress, PDFTrueTypeFont
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen import textobject
from reportlab.pdfgen import canvas as canvas_module
from reportlab.pdfgen.canvas import PATH_OPS, Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from .memo import remember
from .preformat import format_once

# Page streams are written Flate-compressed, as binary. ReportLab's default wraps them in
# ASCII85 as well (``useA85``, for 7-bit channels no PDF goes through today), which makes
# every page stream a quarter larger and costs encoding it twice more.
rl_config.useA85 = 0

# --- fonts --------------------------------------------------------------------------

FONT_FILES = {
    "Teks": "DejaVuSans.ttf",
    "Teks-Tebal": "DejaVuSans-Bold.ttf",
    "Sel": "DejaVuSansCondensed.ttf",
    "Sel-Tebal": "DejaVuSansCondensed-Bold.ttf",
}
TEKS, TEKS_TEBAL, SEL, SEL_TEBAL = FONT_FILES


class _PageFlate(PDFStreamFilterZCompress):
    """Flate at level 3 for page streams: a third of the time of zlib's default level 6,
    for page streams 13 % larger (10,9 KB instead of 9,6 KB a unit report; fonts stay at level 6)."""

    def encode(self, text):
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 3)


_PAGE_FLATE = _PageFlate()


def _filters(stream) -> tuple:
    """A stream's filters by their PDF names: what a template of its bytes depends on."""
    return tuple(f.pdfname for f in stream.filters or ())


@functools.lru_cache(maxsize=256)
def _unicode_map(fontname: str, subset: tuple) -> str:
    return _reportlab_unicode_map(fontname, subset)


def _remembered_unicode_map(fontname, subset):
    """ReportLab's ToUnicode map of a font subset, made once per process for the same
    subset (every report asks for the same few)."""
    return _unicode_map(fontname, tuple(subset))


_reportlab_unicode_map = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _remembered_unicode_map


class _Face(TTFontFace):
    """A font face that builds each glyph subset once per process.

    Every report embeds a subset of each face it uses: ASCII plus the few other characters it
    meets (✓ ☑ ☐ ×), so nearly every report of a batch asks for the very same subset. Building
    it (``makeSubset``) and compressing it took about a fifth of a unit's rendering: the
    subset is remembered here, its compressed bytes with the font's other objects (see
    :mod:`.preformat`), and the PDF gets the same bytes as before."""

    LIMIT = 32

    def makeSubset(self, subset):
        done = self.__dict__.setdefault("_subsets", {})
        key = tuple(subset)
        data = done.get(key)
        if data is None:
            data = remember(done, self.LIMIT, key, super().makeSubset(subset))
        return data


# Widths of the strings measured, by font, string, size and encoding (see _Font.stringWidth).
_WIDTHS: dict[tuple, float] = {}
_WIDTHS_LIMIT = 1 << 16
REMEMBER_WIDTHS = True


class _Font(TTFont):
    """A TrueType font whose printable-ASCII text skips the per-character subset lookup, and
    that remembers the widths it measured.

    ReportLab maps every string it shows to subset codes in a Python loop over its
    characters. With ``asciiReadable`` (ReportLab's default) every document's first subset
    holds printable ASCII at its own codes, so such text is its own code string: the result
    is the one ReportLab's loop would give, computed in C. Anything else takes ReportLab's
    path."""

    def stringWidth(self, text, size, encoding="utf8"):
        """ReportLab's width, remembered. Line breaking measures every word of every paragraph
        and cell, and a report's words repeat ("yang", "dan", "100,00%"): 8 % of a unit
        report's instructions (callgrind, 15 units). The same function computes a missing one."""
        if not REMEMBER_WIDTHS:
            return super().stringWidth(text, size, encoding)
        key = (self.fontName, text, size, encoding)
        width = _WIDTHS.get(key)
        if width is None:
            width = remember(_WIDTHS, _WIDTHS_LIMIT, key, super().stringWidth(text, size, encoding))
        return width

    def splitString(self, text, doc, encoding="utf-8"):
        if (isinstance(text, str) and text.isascii() and text.isprintable() and self._ascii_identity
                and doc in self.state):
            return [(0, text.encode("ascii"))] if text else []
        return super().splitString(text, doc, encoding)

    def addObjects(self, doc):
        """ReportLab's font objects. Each subset's objects (the font's dictionary with its
        glyph widths, its descriptor, the font file and the ToUnicode map) are the same in
        every report: they are formatted, and their streams compressed, once per process
        (:mod:`.preformat`)."""
        state = self.state.get(doc)
        subsets = [] if state is None or state.internalName is None else [
            (f"{state.internalName}+{n}", tuple(subset)) for n, subset in enumerate(state.subsets)]
        super().addObjects(doc)
        for name, subset in subsets:
            self._format_once(doc, doc.idToObject.get(name), subset)

    def _format_once(self, doc, font, subset: tuple) -> None:
        """The subset's four objects, each keyed by all its bytes depend on: the face, the
        subset, the names ReportLab gave them in this document, and compression."""
        if type(font) is not PDFTrueTypeFont:
            return
        key = (self.fontName, self.face.filename, font.Name, font.BaseFont, subset, bool(doc.compression))
        format_once(font, ("font", *key))
        descriptor_ref = getattr(font, "FontDescriptor", None)
        descriptor = doc.idToObject.get(getattr(descriptor_ref, "name", None))
        if type(descriptor) is PDFDictionary:
            format_once(descriptor, ("descriptor", *key))
            file_ref = descriptor.dict.get("FontFile2")
            font_file = doc.idToObject.get(getattr(file_ref, "name", None))
            if type(font_file) is PDFStream:
                format_once(font_file, ("file", _filters(font_file), *key))
        cmap = doc.idToObject.get(getattr(getattr(font, "ToUnicode", None), "name", None))
        if type(cmap) is PDFStream:
            format_once(cmap, ("cmap", _filters(cmap), *key))

    @functools.cached_property
    def _ascii_identity(self) -> bool:
        """Printable ASCII sits at its own codes in subset 0 of every document's state."""
        if not self._asciiReadable:
            return False
        state = TTFont.State(self._asciiReadable, self)
        return all(state.assignments.get(c) == c for c in range(32, 127)) and bool(state.subsets) \
            and state.subsets[0][32:127] == list(range(32, 127))


@functools.lru_cache(maxsize=None)
def register_fonts() -> None:
    """Register the shipped TrueType fonts once per process (parsing them is the slow part)."""
    folder = resources.files("kinerja_xlsx").joinpath("fonts")
    for name, file in FONT_FILES.items():
        font = _Font(name, os.fspath(folder.joinpath(file)))
        if type(font.face) is TTFontFace:  # only add the memory: the face stays ReportLab's
            font.face.__class__ = _Face
        pdfmetrics.registerFont(font)
    # <b> inside a paragraph picks the bold face; there is no italic face: it stays upright
    pdfmetrics.registerFontFamily(TEKS, normal=TEKS, bold=TEKS_TEBAL, italic=TEKS, boldItalic=TEKS_TEBAL)
    pdfmetrics.registerFontFamily(SEL, normal=SEL, bold=SEL_TEBAL, italic=SEL, boldItalic=SEL_TEBAL)


# --- page -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def height(self) -> float:
        return self.size[1] - self.top - self.bottom


PORTRAIT = Page(A4, left=22 * mm, right=18 * mm, top=18 * mm, bottom=20 * mm)
LANDSCAPE = Page(landscape(A4), left=15 * mm, right=15 * mm, top=15 * mm, bottom=18 * mm)
FOOTER_Y = 10 * mm
GREY = colors.HexColor("#555555")
HEAD_FILL = colors.HexColor("#E6E6E6")
NUMBER_FILL = colors.HexColor("#F2F2F2")
TOTAL_FILL = colors.HexColor("#F2F2F2")
MARK_HEX = "#B00020"  # the small correction numbers in the tables
MARK_COLOR = colors.HexColor(MARK_HEX)

# --- paragraph styles -----------------------------------------------------------------

_BASE = ParagraphStyle("base", fontName=TEKS, fontSize=10, leading=14, splitLongWords=1,
                       allowWidows=0, allowOrphans=0, bulletFontName=TEKS, bulletFontSize=10)


def _style(name: str, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, parent=_BASE, **kw)


STYLES: dict[str, ParagraphStyle] = {
    "judul": _style("judul", fontName=TEKS_TEBAL, fontSize=12, leading=17, alignment=TA_CENTER),
    "bab": _style("bab", fontName=TEKS_TEBAL, fontSize=11, leading=15, alignment=TA_CENTER,
                  spaceBefore=12, keepWithNext=1),
    "subbab": _style("subbab", fontName=TEKS_TEBAL, fontSize=10, leading=14, spaceBefore=10,
                     spaceAfter=4, keepWithNext=1),
    "teks": _style("teks", alignment=TA_JUSTIFY, spaceAfter=6, firstLineIndent=10 * mm),
    "pengantar": _style("pengantar", alignment=TA_JUSTIFY, spaceAfter=4, keepWithNext=1),
    "daftar": _style("daftar", alignment=TA_JUSTIFY, leftIndent=8 * mm, bulletIndent=1 * mm,
                     spaceAfter=2),
    "butir": _style("butir", alignment=TA_JUSTIFY, leftIndent=6 * mm, bulletIndent=0, spaceAfter=4,
                    bulletFontName=TEKS),
    # Text right before a table is not keepWithNext (that would push a long, splittable table
    # whole to the next page); the story puts a CondPageBreak(TABLE_ROOM) in front instead.
    "pengantar_tabel": _style("pengantar_tabel", alignment=TA_JUSTIFY, spaceAfter=4),
    "keterangan_tabel": _style("keterangan_tabel", fontName=TEKS_TEBAL, fontSize=9, leading=12,
                               alignment=TA_CENTER, spaceBefore=6, spaceAfter=3),
    "catatan_subjudul": _style("catatan_subjudul", fontName=TEKS_TEBAL, fontSize=9, leading=12, spaceBefore=6,
                               spaceAfter=2),
    "catatan": _style("catatan", fontSize=8.5, leading=11, alignment=TA_JUSTIFY, spaceAfter=3),
    "butir_catatan": _style("butir_catatan", fontSize=8.5, leading=11, alignment=TA_JUSTIFY, leftIndent=6 * mm,
                            spaceAfter=4),
    "catatan_judul": _style("catatan_judul", fontName=TEKS_TEBAL, fontSize=9, leading=12, spaceBefore=8,
                            spaceAfter=2, keepWithNext=1),
    "ttd": _style("ttd", alignment=TA_CENTER, leading=13),
    "ttd_nama": _style("ttd_nama", fontName=TEKS_TEBAL, alignment=TA_CENTER, leading=13),
    "pilihan": _style("pilihan", fontSize=10, leading=14),
    "kotak_judul": _style("kotak_judul", fontName=TEKS_TEBAL, fontSize=9.5, leading=13, alignment=TA_CENTER),
    # table cells: condensed, small
    "sel": _style("sel", fontName=SEL, fontSize=7.5, leading=9),
    "sel_tengah": _style("sel_tengah", fontName=SEL, fontSize=7.5, leading=9, alignment=TA_CENTER),
    "sel_angka": _style("sel_angka", fontName=SEL, fontSize=7.5, leading=9, alignment=TA_RIGHT,
                        splitLongWords=0),
    "sel_kepala": _style("sel_kepala", fontName=SEL_TEBAL, fontSize=7.5, leading=9, alignment=TA_CENTER),
    "sel_nomor": _style("sel_nomor", fontName=SEL, fontSize=6.5, leading=8, alignment=TA_CENTER,
                        textColor=GREY),
    "sel_tebal": _style("sel_tebal", fontName=SEL_TEBAL, fontSize=7.5, leading=9),
    "sel_tebal_angka": _style("sel_tebal_angka", fontName=SEL_TEBAL, fontSize=7.5, leading=9,
                              alignment=TA_RIGHT, splitLongWords=0),
    "rumus": _style("rumus", fontName=TEKS, fontSize=9.5, leading=12, alignment=TA_CENTER),
    "rumus_kiri": _style("rumus_kiri", fontName=TEKS, fontSize=9.5, leading=12, alignment=TA_RIGHT),
    "rumus_kanan": _style("rumus_kanan", fontName=TEKS, fontSize=9.5, leading=12, alignment=TA_LEFT),
    # book and recap
    "sampul_tahun": _style("sampul_tahun", fontName=TEKS_TEBAL, fontSize=40, leading=48, alignment=TA_CENTER),
    "sampul_besar": _style("sampul_besar", fontName=TEKS_TEBAL, fontSize=22, leading=30, alignment=TA_CENTER),
    "sampul": _style("sampul", fontName=TEKS_TEBAL, fontSize=14, leading=20, alignment=TA_CENTER),
    "isi": _style("isi", fontSize=9.5, leading=12),
    "isi_angka": _style("isi_angka", fontSize=9.5, leading=12, alignment=TA_RIGHT),
    "isi_kepala": _style("isi_kepala", fontName=TEKS_TEBAL, fontSize=9.5, leading=12),
    "grafik_judul": _style("grafik_judul", fontName=TEKS_TEBAL, fontSize=9.5, leading=13, spaceBefore=10,
                           spaceAfter=4, keepWithNext=1),
}

# Room a table's caption, header and first rows need at the foot of a page.
TABLE_ROOM = 45 * mm

# Cells longer than this are cut, visibly, so one row can never outgrow a page.
CELL_LIMIT = 450

# --- table styles ---------------------------------------------------------------------

# Plain-text cells (rare: empty ones) use the embedded font too, never the built-in Helvetica.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), SEL)

# Left and right padding of the data tables' cells (story.py breaks cell text to fit between).
CELL_PADDING = 2.5

TABLE_BASE = [
    CELL_FONT,
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]


# The contents page: rules between rows, no grid.
CONTENTS_STYLE = [
    CELL_FONT,
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
    ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
    ("TOPPADDING", (0, 0), (-1, -1), 4),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]


def table_style(header_rows: int, numbered: bool = True, total: bool = False) -> list[tuple]:
    """Grid, shaded header rows, a grey numbered-column row last in the header, an optional
    shaded total row at the bottom."""
    cmds = list(TABLE_BASE)
    if header_rows:
        cmds += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
                 ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE")]
    if numbered and header_rows:
        cmds += [("BACKGROUND", (0, header_rows - 1), (-1, header_rows - 1), NUMBER_FILL),
                 ("TOPPADDING", (0, header_rows - 1), (-1, header_rows - 1), 1),
                 ("BOTTOMPADDING", (0, header_rows - 1), (-1, header_rows - 1), 1.5)]
    if total:
        cmds += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL)]
    return cmds


# Column widths as fractions of the frame width, per table.
COLUMNS = {
    "pk": (0.06, 0.37, 0.37, 0.20),
    "capaian": (0.22, 0.25, 0.12, 0.12, 0.10, 0.19),
    "cost": (0.035, 0.16, 0.175, 0.12, 0.12, 0.08, 0.115, 0.115, 0.08),
    "koreksi": (0.04, 0.20, 0.09, 0.11, 0.11, 0.10, 0.35),
    "isi": (0.10, 0.49, 0.28, 0.13),  # No fits five digits and its period (25.000 units)
    "rekap": (0.04, 0.21, 0.07, 0.08, 0.09, 0.12, 0.12, 0.07, 0.06, 0.08, 0.06),
    "efisiensi": (0.5, 0.5),
}


def widths(table: str, page: Page = PORTRAIT) -> list[float]:
    return [f * page.width for f in COLUMNS[table]]


# --- page templates -------------------------------------------------------------------

# Coordinates as ReportLab writes them (``fp_str``), by value. ReportLab's C formatting takes
# 0,7-0,9 µs a number, and a page's strings share their columns' x and their rows' y.
# fp_str(x, y) is fp_str(x) + " " + fp_str(y); equal numbers (1 and 1.0, 0.0 and -0.0) are
# written alike, so the value is the key.
_NUMBERS: dict[float, str] = {}
_NUMBERS_LIMIT = 1 << 14


def number(x: float) -> str:
    """``fp_str(x)``, remembered."""
    text = _NUMBERS.get(x)
    if text is None:
        text = remember(_NUMBERS, _NUMBERS_LIMIT, x, fp_str(x))
    return text


# Without bidi support ReportLab draws a string as it is given (no reordering, no shaping).
_PLAIN_TEXT = not textobject.rtlSupport


def _subset_font(font, doc, size: float, leading: float) -> str:
    """The operators that select subset 0 of ``font`` in ``doc``, as ReportLab writes them
    before a string in it: ``/F1+0 7.5 Tf 9 TL``."""
    return f"{font.getSubsetInternalName(0, doc)} {fp_str(size)} Tf {fp_str(leading)} TL"


class _TextObject(textobject.PDFTextObject):
    """ReportLab's text object (paragraph lines, bullets), writing printable ASCII in a
    shipped font itself: what ``_formatText`` writes for it is one run in subset 0, where
    such text is its own code string (see :class:`_Font`), after the subset's font operator
    when the object is not in it yet, instead of ReportLab's generic path (font lookup,
    subset split, state saved and restored). Anything else is ReportLab's."""

    def setTextOrigin(self, x, y):
        if not self._canvas.bottomup:
            return super().setTextOrigin(x, y)
        self._code.append(f"1 0 0 1 {number(x)} {number(y)} Tm")
        self._x0 = self._x = x
        self._y0 = self._y = y

    def _formatText(self, text):
        if not (_PLAIN_TEXT and type(text) is str and text and text.isascii() and text.isprintable()):
            return super()._formatText(text)
        font = pdfmetrics.getFont(self._fontname)
        doc = self._canvas._doc
        if type(font) is not _Font or not font._ascii_identity or doc not in font.state:
            return super()._formatText(text)
        code = f"({escapePDF(text.encode('ascii'))}) Tj"
        if self._curSubset == 0:
            return code
        self._curSubset = 0
        return f"{_subset_font(font, doc, self._fontsize, self._leading)} {code}"


FAST_TEXT = True  # tests turn it off to compare with ReportLab's own text objects


class NumberedCanvas(Canvas):
    """Defers "Halaman X dari Y" to save time, when Y is known: the document renders once.

    It also draws a plain string (a table cell, a footer) without a text object: ReportLab
    builds a :class:`PDFTextObject` for each one, and a unit report draws some 360. For
    printable ASCII in one of the shipped fonts, :meth:`_string_code` writes the very
    operators that object would write; anything else takes ReportLab's path."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self.page_label: str | None = None  # set per page by the page template
        self._right_margin = 0.0
        self._font_parts: dict[tuple, str] = {}  # (font, size, leading) -> "/F1+0 7.5 Tf 9 TL"

    def _string_code(self, x, y, text) -> str | None:
        """``BT … ET`` as ``drawString(x, y, text)`` writes it, or None where ReportLab must."""
        if not (_PLAIN_TEXT and type(text) is str and text and text.isascii() and text.isprintable()
                and self.bottomup):
            return None
        key = (self._fontname, self._fontsize, self._leading)
        font_part = self._font_parts.get(key)
        if font_part is not None:  # printable ASCII is its own code string in subset 0 (see _Font)
            return f"BT 1 0 0 1 {number(x)} {number(y)} Tm {font_part} ({escapePDF(text.encode('ascii'))}) Tj T* ET"
        font = pdfmetrics.getFont(self._fontname)
        if not isinstance(font, _Font):
            return None
        doc = self._doc
        chunks = font.splitString(text, doc)  # the first use in this document sets up its subsets
        if len(chunks) != 1 or chunks[0][0] != 0:
            return None
        font_part = _subset_font(font, doc, self._fontsize, self._leading)
        if font._ascii_identity:
            self._font_parts[key] = font_part
        return f"BT 1 0 0 1 {number(x)} {number(y)} Tm {font_part} ({escapePDF(chunks[0][1])}) Tj T* ET"

    def _drew_plain(self, x, y, text, share: float, mode, extras) -> bool:
        """Draw ``text`` with ``share`` of its width left of ``x`` (0 for drawString, 0,5 for
        drawCentredString, 1 for drawRightString), as :meth:`_string_code` writes it; False
        where ReportLab must draw it (a render mode, spacing, direction or shaping asked)."""
        if mode is not None or any(extras):
            return False
        if share:
            x -= share * pdfmetrics.stringWidth(text, self._fontname, self._fontsize)
        code = self._string_code(x, y, text)
        if code is None:
            return False
        self._code.append(code)
        return True

    def drawString(self, x, y, text, mode=None, charSpace=0, direction=None, wordSpace=None, shaping=False):
        if not self._drew_plain(x, y, text, 0, mode, (charSpace, direction, wordSpace, shaping)):
            super().drawString(x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def drawRightString(self, x, y, text, mode=None, charSpace=0, direction=None, wordSpace=None, shaping=False):
        if not self._drew_plain(x, y, text, 1, mode, (charSpace, direction, wordSpace, shaping)):
            super().drawRightString(x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def drawCentredString(self, x, y, text, mode=None, charSpace=0, direction=None, wordSpace=None,
                          shaping=False):
        if not self._drew_plain(x, y, text, 0.5, mode, (charSpace, direction, wordSpace, shaping)):
            super().drawCentredString(x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def translate(self, dx, dy):
        """ReportLab's ``transform(1, 0, 0, 1, dx, dy)`` (every flowable is drawn after one),
        its numbers written once per value; a move ReportLab joins to the transform written
        right before it is left to ReportLab."""
        code = self._code
        if code and code[-1][-3:] == " cm":
            return super().translate(dx, dy)
        if canvas_module.ENABLE_TRACKING:
            a, b, c, d, e, f = 1, 0, 0, 1, dx, dy
            a0, b0, c0, d0, e0, f0 = self._currentMatrix
            self._currentMatrix = (a0 * a + c0 * b, b0 * a + d0 * b, a0 * c + c0 * d, b0 * c + d0 * d,
                                   a0 * e + c0 * f + e0, b0 * e + d0 * f + f0)
        code.append(f"1 0 0 1 {number(dx)} {number(dy)} cm")

    def line(self, x1, y1, x2, y2):
        """ReportLab's line, its numbers written once per value (:func:`number`): a table's
        rules share their columns' x and rows' y."""
        self._code.append(f"n {number(x1)} {number(y1)} m {number(x2)} {number(y2)} l S")

    def rect(self, x, y, width, height, stroke=1, fill=0):
        self._code.append(f"n {number(x)} {number(y)} {number(width)} {number(height)} re "
                          + PATH_OPS[stroke, fill, self._fillMode])

    def beginText(self, x=0, y=0, direction=None):
        if not FAST_TEXT:
            return super().beginText(x, y, direction)
        return _TextObject(self, x, y, direction=direction)

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self.page_label:
                self.saveState()
                self.setFont(SEL, 7.5)
                self.setFillColor(GREY)
                text = self.page_label.replace("{halaman}", str(self._pageNumber)).replace("{jumlah}", str(total))
                self.drawRightString(self._pagesize[0] - self._right_margin, FOOTER_Y, text)
                self.restoreState()
            Canvas.showPage(self)
            page = self._doc.Pages.pages[-1]
            if page.compression and page.stream and not page.Contents:  # as ReportLab would, at level 3
                page.Contents = PDFStream(content=page.stream, filters=[_PAGE_FLATE])
                page.Contents.__Comment__ = "page stream"
        Canvas.save(self)


def _footer(canvas, doc):
    """Left: what the document is; right (at save): the page number."""
    canvas.page_label = doc.page_label
    canvas._right_margin = doc.rightMargin
    canvas.saveState()
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    canvas.line(doc.leftMargin, FOOTER_Y + 9, doc.pagesize[0] - doc.rightMargin, FOOTER_Y + 9)
    canvas.setFont(SEL, 7.5)
    canvas.setFillColor(GREY)
    text = doc.footer_text
    limit = doc.pagesize[0] - doc.leftMargin - doc.rightMargin - 30 * mm
    while text and pdfmetrics.stringWidth(text, SEL, 7.5) > limit:
        text = text[:-2] + "…"
    canvas.drawString(doc.leftMargin, FOOTER_Y, text)
    canvas.restoreState()


def _plain(canvas, doc):
    canvas.page_label = None
    canvas._right_margin = doc.rightMargin


_ATOMS = frozenset({int, float, str, bool, type(None)})


class _Frame(Frame):
    """A frame that ``deepcopy`` copies quickly. ReportLab's ``KeepTogether`` deep-copies the
    current frame on every wrap (a dozen times a unit report: the evaluation blocks); the
    generic protocol took 1,7 % of a report. This makes the same copy: numbers and strings
    shared, as ``deepcopy`` shares them, anything else deep-copied."""

    def __deepcopy__(self, memo):
        twin = self.__class__.__new__(self.__class__)
        memo[id(self)] = twin
        twin.__dict__.update({k: v if type(v) in _ATOMS else copy.deepcopy(v, memo)
                              for k, v in self.__dict__.items()})
        return twin


class Document(BaseDocTemplate):
    """One PDF: A4, one frame, a footer with the document's name and "Halaman X dari Y"."""

    def __init__(self, path, *, page: Page = PORTRAIT, footer_text: str = "", page_label: str | None = None,
                 cover: bool = False, **meta):
        register_fonts()
        super().__init__(path, pagesize=page.size, leftMargin=page.left, rightMargin=page.right,
                         topMargin=page.top, bottomMargin=page.bottom, invariant=1,
                         initialFontName=TEKS, initialFontSize=10, **meta)
        self.footer_text = footer_text
        self.page_label = page_label
        frame = _Frame(page.left, page.bottom, page.width, page.height, id="isi",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate(id="isi", frames=[frame], onPage=_footer)]
        if cover:
            templates.insert(0, PageTemplate(id="sampul", frames=[frame], onPage=_plain))
        self.addPageTemplates(templates)


def build(path: str, story: list, *, page: Page = PORTRAIT, footer_text: str = "", page_label: str | None = None,
          cover: bool = False, title: str = "", author: str = "", subject: str = "") -> int:
    """Write one PDF from a story; returns its page count."""
    doc = Document(path, page=page, footer_text=footer_text, page_label=page_label, cover=cover,
                   title=title, author=author, subject=subject, creator="kinerja_xlsx", producer="kinerja_xlsx")
    if cover:
        story = [NextPageTemplate("isi"), *story]
    doc.build(story, canvasmaker=NumberedCanvas)
    return doc.page


__all__ = ["register_fonts", "STYLES", "PORTRAIT", "LANDSCAPE", "Page", "table_style", "widths", "build",
           "CELL_LIMIT", "CELL_PADDING", "TABLE_ROOM", "CELL_FONT", "CONTENTS_STYLE", "MARK_COLOR", "MARK_HEX", "TEKS",
           "TEKS_TEBAL", "SEL", "SEL_TEBAL", "GREY", "HEAD_FILL", "TOTAL_FILL", "NumberedCanvas", "Document"]
