"""The story of one unit's report: a pure function from :class:`UnitReport` to flowables.

Every piece of workbook text goes through :func:`markup` (control characters dropped, XML
escaped, newlines kept), so a cell holding ``=1+1``, ``<b>`` or ``&`` prints literally; table
cells longer than :data:`layout.CELL_LIMIT` are cut with a visible mark so no row can
outgrow a page; long unbroken words wrap (``splitLongWords``).
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

from .. import labels
from . import layout
from .data import Correction, Line, UnitReport
from .flow import BLANK, Blank, Para, Plain, clean_text, data_table, one_line
from .layout import STYLES
from .texts import Texts, fill

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
EMPTY_MARKS = ("", "-")
CHECKED, UNCHECKED = "\u2611", "\u2610"  # ☑ ☐ (DejaVu Sans has both)


# --- text to markup ---------------------------------------------------------------------

def markup(text: object) -> str:
    """Plain text -> safe Paragraph markup: ``<`` and ``&`` escaped, newlines as breaks."""
    s = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return escape(s).replace("\n", "<br/>")


def para(text: object, style="teks", **kw) -> Para:
    """A paragraph of plain text; ``style`` is a name in :data:`layout.STYLES` or a style."""
    return Para(markup(text), STYLES[style] if isinstance(style, str) else style, **kw)


def clip(text: str, limit: int, suffix: str) -> str:
    text = str(text).strip()
    return text if len(text) <= limit else text[:limit].rstrip() + suffix


def _sentence_part(text: str) -> str:
    """A name used inside a sentence: no trailing period or colon."""
    return re.sub(r"[\s.;:,]+$", "", " ".join(str(text).split()))


def letters(i: int) -> str:
    """0 -> ``a``, 25 -> ``z``, 26 -> ``aa``: the lettered list of fungsi."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out


@functools.lru_cache(maxsize=256)
def _sized(style: str, size: float):
    base = STYLES[style]
    return base.clone(f"{base.name}-{size}", fontSize=size, leading=size * 1.2)


# Table cells sit between 2.5 pt paddings; 0.5 pt more keeps a fitting line clear of the edge.
CELL_ROOM = 5.5


def plain(text: object) -> str:
    """The text a paragraph of ``markup(text)`` shows, before its whitespace is folded."""
    return _CONTROL.sub("", str(text))


def number_cell(text: str, width: float, style: str = "sel_angka", marks: tuple[int, ...] = ()) -> Para | Plain:
    """A figure on one line: the font shrinks (down to 5 pt) rather than breaking ``2.017.461.467``."""
    base = STYLES[style]
    room = width - CELL_ROOM - (6 * len(marks))
    if not marks:
        cell = one_line(plain(text), base, room)
        if cell is not None:
            return cell
    size = base.fontSize
    while size > 5 and stringWidth(text, base.fontName, size) > room:
        size -= 0.5
    chosen = base if size == base.fontSize else _sized(style, size)
    if stringWidth(text, base.fontName, size) > room:  # hopeless: let it wrap anywhere
        chosen = _sized(style, 5).clone(f"{style}-wrap", splitLongWords=1)
    body = markup(text)
    if marks:
        body = f"<b>{body}</b>" + "".join(
            f'<super><font color="{layout.MARK_HEX}">{n}</font></super>'
            for n in marks) + "\u00a0"  # a no-break space keeps the mark off the cell's edge
    return Para(body, chosen)


MIN_SIZE = 5.5  # smallest font a cell shrinks to before a word is broken


def text_cell(text: str, width: float, style: str = "sel") -> Para | Plain | Blank:
    """Wrapping text in a table cell; where one word is wider than the column
    (``Kemasyarakatan`` in a narrow Target column) the font shrinks a little first, and only a
    word too long even then (a 700-letter string) is broken. Plain text is a :class:`Plain`
    cell, already broken into the lines the paragraph would have."""
    base = STYLES[style]
    room = width - CELL_ROOM
    shown = plain(text)
    cell = one_line(shown, base, room)
    if cell is not None:
        return cell
    if not clean_text(shown):
        return BLANK
    words = str(text).split()
    widest = max(words, key=len, default="")
    size = base.fontSize
    if widest and stringWidth(widest, base.fontName, size) > room:
        # the longest word by letters is nearly always the widest; check a few to be sure
        longest = sorted(words, key=len, reverse=True)[:3]
        need = max(stringWidth(w, base.fontName, size) for w in longest)
        size = max(MIN_SIZE, min(size, size * room / need))
        size = int(size * 2) / 2  # half-point steps keep the style cache small
    chosen = base if size == base.fontSize else _sized(style, size)
    return _as_plain(Para(markup(text), chosen), width)


def _as_plain(paragraph: Para, width: float) -> Para | Plain:
    """``paragraph`` in a cell ``width`` wide as a :class:`Plain` cell of the lines it sets,
    where it sets them as plain strings; else the paragraph itself."""
    lines = paragraph.plain_lines(width - 2 * layout.CELL_PADDING)
    return paragraph if lines is None else Plain("\n".join(lines), paragraph.style)


def grid(rows: list[list], widths: list[float], repeat: int, style: list[tuple]) -> Table:
    """A data table: its :class:`Plain` cells drawn as strings in their paragraph style."""
    return data_table(rows, widths, style, repeatRows=repeat)


def short_cell(text: str, width: float, style: str) -> Para | Plain:
    """A label (column head, column number, "Jumlah"): a :class:`Plain` cell when it fits
    on one line, else a paragraph, which wraps it."""
    cell = one_line(plain(text), STYLES[style], width - CELL_ROOM)
    return cell if cell is not None else _as_plain(para(text, style), width)


# --- building blocks ----------------------------------------------------------------------

class Story:
    """Collects the flowables of one report; ``t`` are the standard texts, ``v`` the values."""

    def __init__(self, report: UnitReport, texts: Texts):
        self.r = report
        self.t = texts
        self.v = report.values()
        self.v["tugas"] = report.tugas or texts["judul"]["kosong"]
        self.flow: list = []
        self.cut = texts["tabel"]["dipotong"]

    def text(self, section: str, key: str, **extra) -> str:
        values = dict(self.v, **extra)
        return fill(self.t[section][key], values)

    def add(self, *flowables):
        self.flow.extend(flowables)

    def cell(self, text: str, width: float, style: str = "sel") -> Para | Plain:
        return text_cell(clip(text, layout.CELL_LIMIT, self.cut), width, style)

    def heads(self, texts: list[str], widths: list[float]) -> list[Para | Plain]:
        return [short_cell(x, w, "sel_kepala") for x, w in zip(texts, widths)]

    def numbers(self, labels_: list[str], widths: list[float]) -> list[Para | Plain]:
        return [short_cell(x, w, "sel_nomor") for x, w in zip(labels_, widths)]

    def items(self, items: tuple[str, ...], label) -> None:
        if not items:
            self.add(para(self.t["judul"]["kosong"], "daftar", bulletText="-"))
            return
        for i, item in enumerate(items):
            self.add(para(item, "daftar", bulletText=label(i)))


def _sasaran_column(lines: tuple[Line, ...]) -> list[str]:
    """The sasaran of each row, blank where it repeats the row above (as the office writes it)."""
    out, previous = [], None
    for line in lines:
        key = " ".join(line.sasaran.split()).casefold()
        out.append("" if key and key == previous else line.sasaran)
        previous = key
    return out


# --- sections -------------------------------------------------------------------------------

def _title(s: Story) -> None:
    s.add(para(s.t["judul"]["laporan"], "judul"),
          para(s.r.person.jabatan.upper() or s.r.sheet.upper(), "judul"),
          para(s.text("judul", "triwulan"), "judul"),
          Spacer(1, 6 * mm))


def _bab(s: Story, section: str) -> None:
    s.add(CondPageBreak(40 * mm),
          Para(markup(s.t[section]["judul"]) + "<br/>" + markup(s.t[section]["subjudul"]), STYLES["bab"]),
          Spacer(1, 3 * mm))


def _bab1(s: Story) -> None:
    _bab(s, "bab1")
    s.add(para(s.text("bab1", "pembuka")), para(s.text("bab1", "dasar")))
    s.items(s.r.fungsi, lambda i: letters(i) + ".")


def _pk_table(s: Story) -> Table:
    w = layout.widths("pk")
    rows = [s.heads(s.t["tabel"]["pk"], w)]
    for line, sasaran in zip(s.r.lines, _sasaran_column(s.r.lines)):
        rows.append([s.cell(line.no, w[0], "sel_tengah"), s.cell(sasaran, w[1]), s.cell(line.indikator, w[2]),
                     s.cell(line.target, w[3])])
    return grid(rows, w, 1, layout.table_style(1, numbered=False))


def _capaian_table(s: Story) -> Table:
    w = layout.widths("capaian")
    rows = [s.heads(s.t["tabel"]["capaian"], w), s.numbers(s.t["tabel"]["capaian_nomor"], w)]
    for line, sasaran in zip(s.r.lines, _sasaran_column(s.r.lines)):
        rows.append([s.cell(sasaran, w[0]), s.cell(line.indikator, w[1]), s.cell(line.target, w[2]),
                     s.cell(line.realisasi, w[3]), number_cell(line.capaian, w[4], marks=line.mark("capaian")),
                     s.cell(line.keterangan, w[5])])
    return grid(rows, w, 2, layout.table_style(2))


def _cost_table(s: Story) -> Table:
    w = layout.widths("cost")
    top, sub = s.t["tabel"]["cost_atas"], s.t["tabel"]["cost_bawah"]
    a, b, c, d, e = s.heads(top, [w[0], w[1], w[2], sum(w[3:6]), sum(w[6:9])])  # d, e span three columns
    row0 = [a, b, c, d, "", "", e, "", ""]
    row1 = ["", "", "", *s.heads(sub, w[3:])]
    rows = [row0, row1, s.numbers(s.t["tabel"]["cost_nomor"], w)]
    for line, sasaran in zip(s.r.lines, _sasaran_column(s.r.lines)):
        rows.append([
            s.cell(line.no, w[0], "sel_tengah"), s.cell(sasaran, w[1]), s.cell(line.indikator, w[2]),
            number_cell(line.anggaran, w[3]), number_cell(line.realisasi_anggaran, w[4]),
            number_cell(line.serapan, w[5], marks=line.mark("serapan")),
            s.cell(line.target, w[6]), s.cell(line.realisasi, w[7]),
            number_cell(line.capaian, w[8], marks=line.mark("capaian"))])
    rows.append(["", short_cell(s.t["bab2"]["jumlah"], w[1] + w[2], "sel_tebal"), "",
                 number_cell(s.r.jumlah_anggaran, w[3], "sel_tebal_angka"),
                 number_cell(s.r.jumlah_realisasi, w[4], "sel_tebal_angka"),
                 number_cell(s.r.jumlah_serapan, w[5], "sel_tebal_angka"), "", "", ""])
    style = layout.table_style(3, total=True) + [
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)),
        ("SPAN", (3, 0), (5, 0)), ("SPAN", (6, 0), (8, 0)),
        ("SPAN", (1, -1), (2, -1)),
    ]
    return grid(rows, w, 3, style)


def _correction_table(s: Story, items: list[Correction]) -> Table:
    w = layout.widths("koreksi")
    rows = [s.heads(s.t["koreksi"]["kolom"], w)]
    for c in items:
        rows.append([s.cell(str(c.nomor), w[0], "sel_tengah"), s.cell(c.indikator, w[1]), s.cell(c.kolom, w[2]),
                     number_cell(c.dilaporkan, w[3], "sel"),
                     number_cell(c.menjadi, w[4], "sel_tebal" if c.diubah else "sel"),
                     s.cell(f"{c.kode}\n{c.sel}", w[5]), s.cell(c.alasan, w[6])])
    return grid(rows, w, 1, layout.table_style(1, numbered=False))


def _corrections(s: Story) -> None:
    """The Catatan Koreksi: its title, the changed figures and the noted ones, each part kept
    whole on one page when it fits (they are short: a few rows)."""
    k = s.t["koreksi"]
    first = [para(k["judul"], "catatan_judul")]
    changed = [c for c in s.r.corrections if c.diubah]
    noted = [c for c in s.r.corrections if not c.diubah]
    if s.r.corrections:
        first.append(para(fill(k["pengantar"], {"berkas": s.r.header.berkas or "-"}), "catatan"))
    if not changed:
        first.append(para(k["kosong"], "catatan"))
    else:
        first += [para(k["diubah"], "catatan_subjudul"), _correction_table(s, changed)]
    s.add(KeepTogether(first))
    if noted:
        s.add(KeepTogether([para(k["dicatat"], "catatan_subjudul"), _correction_table(s, noted)]))


# Cells with ReportLab's default side padding (6 pt each): the fraction's, the book's contents.
DEFAULT_ROOM = 12.5


def roomy_cell(text: str, style: str, width: float) -> Para | Plain:
    """A cell with the default padding: a :class:`Plain` string where it fits on one line, as
    it nearly always does; else a paragraph, which wraps it."""
    cell = one_line(plain(text), STYLES[style], width - DEFAULT_ROOM)
    return cell if cell is not None else para(text, style)


def _rumus(s: Story, line: Line) -> list:
    """``Realisasi = 36 / 62 × 100% = 58,06%`` as a stacked fraction."""
    top = clip(line.pembilang, 60, "…")
    bottom = clip(line.penyebut, 60, "…")
    font = STYLES["rumus"]
    middle = min(max(stringWidth(top, font.fontName, font.fontSize),
                     stringWidth(bottom, font.fontName, font.fontSize)) + 8 * mm, 70 * mm)
    widths = [30 * mm, middle, 45 * mm]
    left = roomy_cell(s.t["bab2"]["rumus_kiri"] + " =", "rumus_kiri", widths[0])
    right = roomy_cell(fill(s.t["bab2"]["rumus_kanan"], {"hasil": line.rumus_hasil}), "rumus_kanan", widths[2])
    rows = [[left, roomy_cell(top, "rumus", middle), right], ["", roomy_cell(bottom, "rumus", middle), ""]]
    style = [layout.CELL_FONT, ("SPAN", (0, 0), (0, 1)), ("SPAN", (2, 0), (2, 1)),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (1, 0), (1, 0), 0.7, layout.colors.black),
             ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    table = data_table(rows, widths, style, hAlign="CENTER")
    out = [para(s.text("bab2", "rumus_pengantar", indikator=_sentence_part(line.indikator)), "butir"),
           table, Spacer(1, 2 * mm)]
    if line.rumus_hasil and line.realisasi != line.rumus_hasil:
        k107 = next((c for c in s.r.corrections if c.kode == "K107" and c.indikator == line.indikator), None)
        if k107 is not None:
            out.append(para(s.text("bab2", "rumus_beda", dilaporkan=line.realisasi, hasil=line.rumus_hasil,
                                   kode=k107.kode), "butir_catatan"))
    return out


def sentence(line: Line, texts: Texts, values: dict) -> str:
    """The seed's evaluation sentence for one indicator, from the standard texts."""
    v = dict(values, sasaran=_sentence_part(line.sasaran) or "-", indikator=_sentence_part(line.indikator) or "-",
             target=line.target, realisasi=line.realisasi, capaian=line.capaian,
             predikat=line.predikat or "-")
    if line.realisasi_kosong:
        key = "kalimat_tanpa_realisasi"
    elif line.capaian in EMPTY_MARKS:
        key = "kalimat_tanpa_capaian"
    else:
        key = "kalimat"
    text = fill(texts["bab2"][key], v)
    ket = _sentence_part(line.keterangan)
    if ket and ket not in EMPTY_MARKS:
        text += " " + fill(texts["bab2"]["kalimat_keterangan"], {"keterangan": ket}) + "."
    return text


def _evaluasi(s: Story) -> None:
    s.add(para(s.t["bab2"]["evaluasi_judul"], "subbab"))
    if not s.r.lines:
        s.add(para(s.t["judul"]["kosong"], "teks"))
    for line in s.r.lines:
        block = [para(sentence(line, s.t, s.v), "butir", bulletText="\u2713")]
        if line.pembilang and line.penyebut and line.rumus_hasil:
            block += _rumus(s, line)
        s.add(KeepTogether(block) if len(block) > 1 else block[0])


def _tanggapan(s: Story) -> Table:
    options = s.t["bab2"]["tanggapan_pilihan"]
    chosen = s.r.tanggapan
    typed = s.r.tanggapan_teks
    index = labels.TANGGAPAN_OPTIONS.index(chosen) if chosen in labels.TANGGAPAN_OPTIONS else None
    other = bool(typed) and index is None
    if other:
        index = len(options) - 1
    rows = [[para(s.t["bab2"]["tanggapan_kotak"], "kotak_judul")]]
    for i, option in enumerate(options):
        box = CHECKED if i == index else UNCHECKED
        # glyph and words in one paragraph share a baseline
        rows.append([Para(f'<font size="12">{box}</font>\u00a0\u00a0{markup(option)}', STYLES["pilihan"])])
    if other:
        rows.append([para(fill(s.t["bab2"]["tanggapan_lain"], {"tanggapan": clip(typed, 400, "…")}), "pilihan")])
    style = [layout.CELL_FONT, ("BOX", (0, 0), (-1, -1), 0.8, layout.colors.black),
             ("LINEBELOW", (0, 0), (-1, 0), 0.5, layout.colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), layout.HEAD_FILL),
             ("TOPPADDING", (0, 1), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
             ("LEFTPADDING", (0, 1), (-1, -1), 8)]
    return Table(rows, colWidths=[120 * mm], style=TableStyle(style), hAlign="CENTER")


def _signature_block(s: Story, person, heading: str, width: float) -> list:
    """One signature column ``width`` wide: lines that fit are drawn as strings, like table cells."""
    ttd = s.t["tanda_tangan"]
    name = person.nama or ttd["tanpa_nama"]
    return [roomy_cell(heading, "ttd", width), roomy_cell(person.jabatan.upper(), "ttd", width), Spacer(1, 20 * mm),
            Para(f"<u>{markup(name)}</u>", STYLES["ttd_nama"]),
            roomy_cell(fill(ttd["nip"], {"nip": person.nip or "-"}), "ttd", width)]


def _signatures(s: Story) -> list:
    ttd = s.t["tanda_tangan"]
    half = layout.PORTRAIT.width / 2
    right = _signature_block(s, s.r.person, s.text("tanda_tangan", "tempat_tanggal"), half)
    left = _signature_block(s, s.r.atasan, ttd["mengetahui"], half) if s.r.atasan else [""] * len(right)
    table = data_table(list(map(list, zip(left, right))), [half, half],
                       [layout.CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    # a plain list: a KeepTogether nested in another reports an infinite height and breaks the page
    return [Spacer(1, 8 * mm), table]


def unit_story(report: UnitReport, texts: Texts) -> list:
    """The whole report of one unit, title to signatures, as flowables. Pure."""
    layout.register_fonts()
    s = Story(report, texts)
    _title(s)
    _bab1(s)

    _bab(s, "bab2")
    room = layout.TABLE_ROOM
    s.add(para(s.t["bab2"]["pk_judul"], "subbab"), para(s.text("bab2", "pk_paragraf")),
          CondPageBreak(room), para(s.text("bab2", "pk_pengantar"), "pengantar_tabel"), _pk_table(s))

    s.add(para(s.t["bab2"]["capaian_judul"], "subbab"), para(s.text("bab2", "capaian_paragraf")),
          CondPageBreak(room), para(s.text("bab2", "capaian_pengantar"), "pengantar_tabel"),
          para(s.t["bab2"]["tabel_capaian"], "keterangan_tabel"), _capaian_table(s),
          CondPageBreak(room), para(s.t["bab2"]["tabel_cost"], "keterangan_tabel"), _cost_table(s))
    _corrections(s)

    _evaluasi(s)

    s.add(para(s.t["bab2"]["faktor_judul"], "subbab"), para(s.text("bab2", "faktor_pengantar"), "pengantar"))
    s.items(report.faktor, lambda i: f"{i + 1}.")
    s.add(para(s.t["bab2"]["rtl_judul"], "subbab"), para(s.text("bab2", "rtl_pengantar"), "pengantar"))
    s.items(report.rencana, lambda i: f"{i + 1}.")
    s.add(KeepTogether([para(s.t["bab2"]["tanggapan_judul"], "subbab"), _tanggapan(s)]))

    # the closing chapter and the signatures stay together: no page with only signatures on it
    s.add(CondPageBreak(40 * mm), KeepTogether([
        Para(markup(s.t["bab3"]["judul"]) + "<br/>" + markup(s.t["bab3"]["subjudul"]), STYLES["bab"]),
        Spacer(1, 3 * mm), para(s.text("bab3", "paragraf")), *_signatures(s)]))
    return s.flow


def footer_text(report: UnitReport, texts: Texts) -> str:
    return fill(texts["judul"]["kaki"], report.values())


def page_label(texts: Texts, values: dict) -> str:
    """"Halaman {halaman} dari {jumlah}" with every other placeholder filled."""
    return fill(texts["judul"]["halaman"], values)


__all__ = ["unit_story", "sentence", "markup", "para", "letters", "number_cell", "footer_text", "page_label",
           "clip"]
