"""The combined recap of a batch: one row per workbook (failed ones included), xlsx and PDF."""

from __future__ import annotations

import os
from collections import Counter

import xlsxwriter

from .batch import total
from .compute import predikat_of
from .findings import LEVELS
from .staging import replace_whole

HEADERS = ["Berkas", "Status", "Pemerintah", "Instansi", "Tahun", "Triwulan", "Unit", "Indikator",
           "Rata-rata Capaian (%)", "Predikat", "Anggaran", "Realisasi Anggaran", "Serapan (%)",
           *[lv.value for lv in LEVELS]]


def _mean(s) -> float | None:
    return s.capaian_sum / s.capaian_count if s.capaian_count else None


def _serapan(anggaran: float, realisasi: float) -> float | None:
    return realisasi / anggaran * 100 if anggaran else None


def _write_figures(ws, row: int, s, pct, rp) -> None:
    """Units, indicators, mean capaian and predikat, rupiah, serapan, findings by level."""
    ws.write_number(row, 6, s.units)
    ws.write_number(row, 7, s.indicators)
    mean = _mean(s)
    if mean is not None:
        ws.write_number(row, 8, mean, pct)
        ws.write_string(row, 9, predikat_of(mean))
    ws.write_number(row, 10, s.anggaran, rp)
    ws.write_number(row, 11, s.realisasi, rp)
    serapan = _serapan(s.anggaran, s.realisasi)
    if serapan is not None:
        ws.write_number(row, 12, serapan, pct)
    for col, level in enumerate(LEVELS, start=13):
        ws.write_number(row, col, s.levels.get(level.value, 0))


def write_xlsx(summaries, path: str) -> None:
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    ws = book.add_worksheet("Rekap Gabungan")
    bold = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True, "valign": "top"})
    pct = book.add_format({"num_format": "#,##0.00"})
    rp = book.add_format({"num_format": "#,##0"})
    for col, name in enumerate(HEADERS):
        ws.write_string(0, col, name, bold)
    row = 1
    for s in summaries:
        ws.write_string(row, 0, os.path.basename(s.path))
        ws.write_string(row, 1, "Diproses" if s.ok else f"Gagal: {s.error}")
        if s.ok:
            for col, text in ((2, s.pemerintah), (3, s.instansi), (5, s.triwulan)):
                ws.write_string(row, col, text)
            ws.write_number(row, 4, s.tahun)
            _write_figures(ws, row, s, pct, rp)
        row += 1
    ws.write_string(row, 0, "Total", book.add_format({"bold": True}))
    _write_figures(ws, row, total(summaries), pct, rp)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, row, len(HEADERS) - 1)
    for col, width in enumerate((30, 24, 28, 28, 7, 9, 7, 10, 12, 14, 18, 18, 11, 8, 11, 8)):
        ws.set_column(col, col, width)
    book.close()


def combined_recap(summaries):
    """The batch as a report.data.Recap: each workbook is one row, so the recap's table and
    charts serve the batch unchanged."""
    from .report.data import Header, Recap, RecapRow, num

    def recap_row(order: int, sheet: str, jabatan: str, s) -> RecapRow:
        mean = _mean(s) if s.ok else None
        return RecapRow(order=order, sheet=sheet, jabatan=jabatan, indikator=s.indicators, rata_capaian=mean,
                        predikat=predikat_of(mean) if mean is not None else "",
                        anggaran=num(s.anggaran) if s.ok else None, realisasi=num(s.realisasi) if s.ok else None,
                        serapan=_serapan(s.anggaran, s.realisasi) if s.ok else None,
                        galat=s.levels.get("Galat", 0), peringatan=s.levels.get("Peringatan", 0),
                        info=s.levels.get("Info", 0))

    ok = [s for s in summaries if s.ok]
    rows = [recap_row(order, s.instansi or os.path.basename(s.path),
                      os.path.basename(s.path) if s.ok else f"gagal: {s.error}", s)
            for order, s in enumerate(summaries, start=1)]
    t = total(summaries)
    total_row = recap_row(0, "Total", "", t)
    pemerintah = {s.pemerintah for s in ok}
    tahun = {s.tahun for s in ok}
    triwulan = {s.triwulan for s in ok}
    header = Header(pemerintah=pemerintah.pop() if len(pemerintah) == 1 else "Gabungan",
                    instansi=f"Rekap gabungan {len(summaries)} workbook",
                    tahun=str(tahun.pop()) if len(tahun) == 1 else "-",
                    triwulan=triwulan.pop() if len(triwulan) == 1 else "-", tempat="", tanggal="", berkas="")
    points = tuple(t.points)
    bands = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
    kinds = Counter(k for _, _, k in points)
    return Recap(header=header, rows=tuple(rows), total=total_row,
                 predikat_counts=tuple((b, int(t.predikat.get(b, 0))) for b in bands), points=points,
                 efisiensi_counts=tuple((k, kinds.get(k, 0)) for k in ("Efisien", "Cukup", "Tidak Efisien")),
                 file_name=f"{COMBINED_NAME}.pdf")


COMBINED_NAME = "rekap_gabungan"


def write_pdf(summaries, path: str) -> None:
    from .report import layout
    from .report.recap import recap_story
    from .report.story import page_label
    from .report.texts import fill, load_texts

    texts = load_texts()
    recap = combined_recap(summaries)
    values = recap.header.values()
    layout.build(path, recap_story(recap, texts), page=layout.LANDSCAPE,
                 footer_text=fill(texts["rekap"]["kaki"], values), page_label=page_label(texts, values),
                 title=f"{texts['rekap']['judul']} - gabungan", author=recap.header.pemerintah)


def write_combined(summaries, out_dir: str, *, pdf: bool = True, submit=None) -> list[str]:
    """The combined xlsx and (unless ``pdf=False``) PDF; returns their paths. With ``submit``
    (a process pool's) the PDF is drawn there, while the xlsx is written here."""
    pdf_path = os.path.join(out_dir, f"{COMBINED_NAME}.pdf")
    drawing = submit(write_pdf_whole, summaries, pdf_path) if pdf and submit is not None else None
    written = [replace_whole(os.path.join(out_dir, f"{COMBINED_NAME}.xlsx"), lambda p: write_xlsx(summaries, p))]
    if pdf:
        written.append(drawing.result() if drawing is not None else write_pdf_whole(summaries, pdf_path))
    return written


def write_pdf_whole(summaries, path: str) -> str:
    """:func:`write_pdf` to ``path`` whole or not at all; returns ``path``."""
    return replace_whole(path, lambda p: write_pdf(summaries, p))
