"""Rules on how figures were typed (K401-K404)."""

from __future__ import annotations

import re

from ..findings import Level
from ..frame import FIGURES
from ..model import quote_sheet
from ..nip import check_nip, digits_of, formatted
from . import Context, make, rule, rows
from .capaian import _pos


@rule("K401", Level.INFO, "angka ditulis tidak baku atau ambigu")
def k401(ctx: Context):
    """Angka ditulis dengan cara tidak baku atau ambigu.

    Memeriksa: setiap angka yang diketik sebagai teks memakai cara tulis baku Indonesia:
    titik pemisah ribuan, koma desimal, tanda % pada persen.
    Mengapa: 83.3 bisa dibaca delapan puluh tiga koma tiga atau delapan ratus tiga puluh tiga
    ribu; persen tanpa tanda % bisa tertukar dengan pecahan. Pembacaan yang dipilih dicatat.
    Contoh: Kasi Pelayanan Umum: capaian "83.3 %" (titik desimal); Camat baris 2: capaian
    "39,76" tanpa tanda %.
    Tindakan: tulis 83,3% dan 39,76%.
    """
    for r in rows(ctx):
        for field, (column, _) in FIGURES.items():
            value = getattr(r, f"{field}_val")
            if not value.note:
                continue
            cell = getattr(r, f"{field}_cell")
            row, col = _pos(cell)
            yield make("K401", r.unit, getattr(r, f"{field}_ref"), row=row, col=col, indikator=r.indikator,
                       dilaporkan=value.text, seharusnya=_standard(value),
                       pesan=f"{column} '{value.text}' ditulis tidak baku: {value.note}.",
                       saran=f"Tulis {_standard(value)}.", extra={"id_key": field})


def _standard(value) -> str:
    from .. import fmt
    text = fmt.angka(value.number, value.decimals) if value.number is not None else value.text
    return text + ("%" if value.percent else (" " + value.unit if value.unit else ""))


@rule("K402", Level.PERINGATAN, "NIP tidak sah, rusak oleh Excel, atau sama di dua unit")
def k402(ctx: Context):
    """NIP bukan NIP 18 digit yang sah, sudah rusak karena disimpan sebagai angka, atau dipakai dua unit.

    Memeriksa: NIP di kepala lembar setiap unit: 18 digit (spasi boleh); digit 1-8 tanggal
    lahir yang ada; digit 9-14 tahun dan bulan TMT CPNS yang ada, sesudah lahir, pada usia
    wajar (18-46 tahun; 17-56 masih diterima karena TMT menyusul ujian dan honorer
    diangkat sampai usia 46) dan tidak sesudah tanggal laporan; digit 15 jenis kelamin 1
    atau 2; digit 16-18 nomor urut bukan 000. Nomor PPPK, yang digit 13-14 berisi kode
    (21, 24, ...) dan bukan bulan, dikenali sebagai PPPK sejak 2019. NIP yang tersimpan
    sebagai angka dilaporkan sudah rusak: Excel hanya menyimpan 15 digit bermakna. Juga
    lintas unit: NIP yang sama di dua lembar unit ditandai di lembar kedua, dengan nama
    kedua unit.
    Mengapa: NIP mengikat laporan kepada pegawai yang menandatanganinya; NIP yang salah
    atau terpotong membuat laporan tidak dapat dicocokkan dengan data kepegawaian. NIP yang
    sama di dua unit biasanya salin-tempel, kecuali pejabat yang sama merangkap (Plt.).
    Contoh: Camat: 19671005 199003 1 009 sah (lahir 5 Oktober 1967, TMT Maret 1990 pada usia
    22 tahun, laki-laki, nomor urut 009); semua NIP contoh sah. Diketik sebagai angka,
    Excel menyimpannya 196710051990031000.
    Tindakan: ketik ulang NIP dari SK sebagai teks (sel berformat Teks, atau diawali
    tanda petik); untuk NIP ganda, pastikan setiap unit memakai NIP pejabatnya sendiri atau
    tulis Plt. di Jabatan.
    """
    wb = ctx.workbook
    first_by_nip: dict[str, object] = {}
    for unit in wb.units:
        cell = unit.header.get("NIP")
        anchor = cell if cell is not None else unit.header.get("Nama")
        sel = anchor.ref if anchor is not None else f"{quote_sheet(unit.sheet)}!A1"
        row, col = _pos(anchor)
        value = cell.value if cell is not None else None
        result = check_nip(value, report_date=wb.info.tanggal)
        if cell is None:
            problems = ("kunci NIP tidak ada di kepala lembar",)
        else:
            problems = result.problems
        if problems:
            yield make("K402", unit.sheet, sel, row=row, col=col, dilaporkan=result.text or "(kosong)",
                       seharusnya="NIP 18 digit sebagai teks",
                       pesan=f"NIP {unit.nama or unit.sheet} tidak sah: " + "; ".join(problems) + ".",
                       saran="Ketik ulang NIP dari SK sebagai teks (format sel Teks, atau awali dengan tanda petik).")
        digits = digits_of(value) if isinstance(value, str) else ""
        if not digits:
            continue
        first = first_by_nip.setdefault(digits, unit)
        if first is not unit:
            yield make("K402", unit.sheet, sel, row=row, col=col, dilaporkan=formatted(digits),
                       seharusnya="NIP pejabat unit ini",
                       pesan=f"NIP {formatted(digits)} dipakai dua unit: '{first.sheet}' ({first.nama}) dan "
                             f"'{unit.sheet}' ({unit.nama}).",
                       saran="Pastikan setiap unit memakai NIP pejabatnya sendiri; bila pejabat yang sama "
                             "merangkap, tulis Plt. di Jabatan.",
                       extra={"id_key": "ganda"})


def indicator_key(text: str) -> str:
    """Indicators compare case-, space- and punctuation-insensitively: the casefolded words,
    one space apart. (What ``labels.norm`` would do first, collapse spaces and strip colons,
    the pattern does anyway: they are not word characters.)"""
    return _NOT_WORD.sub(" ", str(text).casefold()).strip()


_NOT_WORD = re.compile(r"[\W_]+")


@rule("K403", Level.PERINGATAN, "indikator yang sama muncul dua kali dalam satu unit")
def k403(ctx: Context):
    """Indikator yang sama muncul dua kali dalam satu unit.

    Memeriksa: teks Indikator Kinerja setiap baris unik dalam satu lembar unit (huruf
    besar, spasi dan tanda baca diabaikan). Baris kedua ditandai, dengan rujukan ke baris
    pertama.
    Mengapa: indikator ganda biasanya baris yang tersalin dua kali; capaian, anggaran dan
    rata-rata unit ikut terhitung dua kali.
    Contoh: di laporan Camat, rumus indikator kedua ditulis di bawah nama indikator pertama
    ("Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti" dua kali): salin-tempel
    seperti itu di tabel ditandai pada baris kedua. Tabel contoh tidak memuat indikator ganda.
    Tindakan: hapus baris yang tersalin, atau bedakan nama indikatornya bila memang dua
    kegiatan.
    """
    seen: dict[tuple[str, str], object] = {}
    for r in rows(ctx):
        key = indicator_key(r.indikator)
        if not key:
            continue
        first = seen.setdefault((r.unit, key), r)
        if first is r:
            continue
        yield make("K403", r.unit, r.indikator_ref, row=r.row, col=0, indikator=r.indikator,
                   dilaporkan=r.indikator, seharusnya="indikator unik",
                   pesan=f"Indikator sama dengan baris No {first.no or '?'} ({first.indikator_ref}).",
                   saran="Hapus baris yang tersalin, atau bedakan nama indikatornya bila memang dua kegiatan.")
