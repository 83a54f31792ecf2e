"""Rules on the budget line: serapan, anggaran and realisasi anggaran (K201-K205)."""

from __future__ import annotations

from .. import fmt
from ..evidence import Check
from ..findings import Level
from ..rounding import round_half_up, rounding_slip, within_rounding
from ..suggest import classify_slip
from ..values import Kind
from . import Context, make, rule, rows
from .capaian import NO_VALUE, _has, _pos, ratio_explanation
from .rollup import fix_suggestion


def serapan_text(r) -> str:
    return f"{fmt.rupiah(r.realisasi_anggaran)} / {fmt.rupiah(r.anggaran)} × 100 = {fmt.persen(r.serapan)}"


def _shown(x: float, d: int) -> str:
    return fmt.persen(round_half_up(x, d), d)


@rule("K201", Level.GALAT, "serapan berbeda dari hasil hitung")
def k201(ctx: Context):
    """Serapan anggaran yang dilaporkan berbeda dari hasil hitung di luar pembulatan.

    Memeriksa: Serapan (%) dibandingkan dengan Realisasi Anggaran / Anggaran x 100 pada
    jumlah desimal yang ditulis kantor; bacaan lain (terbalik, sisa anggaran) diuji. Saran:
    setiap salah ketik tunggal pada Anggaran atau Realisasi Anggaran (satu digit, dua digit
    bersebelahan tertukar, pemisah bergeser) yang membuat serapan yang dilaporkan cocok tanpa
    merusak pemeriksaan lain yang sudah benar, dan salah ketik pada serapan itu sendiri.
    Yang juga menutup selisih penjumlahan ke atasan (K301/K302) disebut terkuatkan dan
    didahulukan; bila beberapa sama kuat, saran disebut ambigu; bila tidak ada, tidak ada
    tebakan.
    Mengapa: serapan dipakai untuk menilai penyerapan anggaran dan efisiensi; salah hitung
    atau salah ketik rupiah membuatnya menyesatkan.
    Contoh: Kasi Pelayanan Umum: 3.262.500 / 10.350.000 = 31,52%, dilaporkan 37,3%;
    3.862.500 (satu digit) memberi 37,32% dan sekaligus menutup selisih 600.000 pada
    realisasi anggaran Camat: terkuatkan oleh penjumlahan ke atasan.
    Tindakan: pakai serapan hasil hitung; bila angka yang dilaporkan benar, periksa rupiahnya.
    """
    for index, r in zip(ctx.frame.index, rows(ctx)):
        if not (_has(r.serapan) and _has(r.serapan_dilaporkan)):
            continue
        d = max(int(r.serapan_dilaporkan_dec), 0)
        if within_rounding(r.serapan_dilaporkan, d, r.serapan) or rounding_slip(r.serapan_dilaporkan, d, r.serapan):
            continue
        row, col = _pos(r.serapan_dilaporkan_cell)
        computed = f"Ganti serapan menjadi {fmt.persen(r.serapan)} (hasil hitung)."
        own = classify_slip(r.serapan_dilaporkan, r.serapan, d)
        typed_here = []
        if own:
            typed_here.append((1, own.kind,
                               f"kemungkinan {own.text} pada Serapan {r.serapan_dilaporkan_ref}: "
                               f"{r.serapan_dilaporkan_val.text} seharusnya {_shown(r.serapan, d)}",
                               f"Serapan {r.serapan_dilaporkan_ref}: {r.serapan_dilaporkan_val.text} → "
                               f"{_shown(r.serapan, d)}, {own.text}"))
        suggestion = fix_suggestion(ctx, Check("serapan", int(index)), typed_here)
        yield make("K201", r.unit, r.serapan_dilaporkan_ref, row=row, col=col, indikator=r.indikator,
                   dilaporkan=r.serapan_dilaporkan_val.text, seharusnya=fmt.persen(r.serapan),
                   pesan=f"Serapan dilaporkan {r.serapan_dilaporkan_val.text} berbeda dari hasil hitung "
                         f"{serapan_text(r)}."
                         + ratio_explanation(r.serapan_dilaporkan, d, r.realisasi_anggaran, r.anggaran,
                                             what="Realisasi Anggaran / Anggaran"),
                   saran=f"{suggestion} Bila rupiah yang tertulis benar: {computed[0].lower()}{computed[1:]}"
                         if suggestion else computed)


@rule("K202", Level.INFO, "serapan berbeda hanya karena pembulatan")
def k202(ctx: Context):
    """Serapan yang dilaporkan berbeda hanya karena dipotong atau dibulatkan lain.

    Memeriksa: serapan yang dilaporkan tidak sama dengan hasil hitung yang dibulatkan
    setengah ke atas, tetapi selisihnya kurang dari satu satuan digit terakhir yang ditulis.
    Mengapa: tidak mengubah penilaian, tetapi angka di semua dokumen sebaiknya sama.
    Contoh: Kasi Pemerintahan baris 2: 142.950.000 / 291.900.000 = 48,97%, dilaporkan 48%.
    Tindakan: tidak wajib diubah; pakai angka hasil hitung pada laporan berikutnya.
    """
    for r in rows(ctx):
        if not (_has(r.serapan) and _has(r.serapan_dilaporkan)):
            continue
        d = max(int(r.serapan_dilaporkan_dec), 0)
        if rounding_slip(r.serapan_dilaporkan, d, r.serapan):
            row, col = _pos(r.serapan_dilaporkan_cell)
            yield make("K202", r.unit, r.serapan_dilaporkan_ref, row=row, col=col, indikator=r.indikator,
                       dilaporkan=r.serapan_dilaporkan_val.text, seharusnya=_shown(r.serapan, d),
                       pesan=f"Serapan {r.serapan_dilaporkan_val.text} hanya berbeda pembulatan dari "
                             f"{serapan_text(r)}.",
                       saran=f"Bulatkan setengah ke atas: {_shown(r.serapan, d)}.")


@rule("K203", Level.GALAT, "realisasi anggaran melebihi anggaran")
def k203(ctx: Context):
    """Realisasi anggaran melebihi anggaran.

    Memeriksa: Realisasi Anggaran tidak lebih besar dari Anggaran.
    Mengapa: belanja melebihi pagu tidak sah; biasanya salah ketik salah satu angka.
    Contoh: Anggaran 2.000.000 dengan realisasi 20.000.000.
    Tindakan: periksa kedua angka rupiah dengan DPA dan SP2D.
    """
    for index, r in zip(ctx.frame.index, rows(ctx)):
        if _has(r.anggaran) and _has(r.realisasi_anggaran) and r.realisasi_anggaran > r.anggaran + 0.5:
            row, col = _pos(r.realisasi_anggaran_cell)
            suggestion = fix_suggestion(ctx, Check("batas", int(index)))
            yield make("K203", r.unit, r.realisasi_anggaran_ref, row=row, col=col, indikator=r.indikator,
                       dilaporkan=r.realisasi_anggaran_val.text, seharusnya=f"paling banyak {fmt.rupiah(r.anggaran)}",
                       pesan=f"Realisasi anggaran {fmt.rupiah(r.realisasi_anggaran)} melebihi anggaran "
                             f"{fmt.rupiah(r.anggaran)}.",
                       saran=suggestion or "Periksa kedua angka rupiah dengan DPA dan SP2D.")


@rule("K204", Level.GALAT, "realisasi anggaran tanpa anggaran")
def k204(ctx: Context):
    """Ada realisasi anggaran tetapi anggarannya kosong.

    Memeriksa: bila Realisasi Anggaran lebih dari 0, Anggaran diisi dan bukan nol.
    Mengapa: belanja tanpa pagu tidak dapat dinilai serapannya dan tidak masuk penjumlahan
    ke atasan dengan benar.
    Contoh: Anggaran "-" dengan Realisasi Anggaran 1.500.000.
    Tindakan: isi anggaran dari DPA.
    """
    for r in rows(ctx):
        if not (_has(r.realisasi_anggaran) and r.realisasi_anggaran > 0):
            continue
        if r.anggaran_kind in NO_VALUE or (r.anggaran_kind == Kind.NUMBER.value and r.anggaran == 0):
            row, col = _pos(r.anggaran_cell)
            yield make("K204", r.unit, r.anggaran_ref or r.realisasi_anggaran_ref, row=row or r.row, col=col,
                       indikator=r.indikator, dilaporkan=r.anggaran_val.text or "(kosong)", seharusnya="anggaran",
                       pesan=f"Realisasi anggaran {fmt.rupiah(r.realisasi_anggaran)} ada, tetapi anggarannya kosong.",
                       saran="Isi anggaran dari DPA.")


@rule("K205", Level.PERINGATAN, "anggaran terserap tetapi capaian nol")
def k205(ctx: Context):
    """Anggaran sudah terserap tetapi capaian kinerjanya nol.

    Memeriksa: bila Realisasi Anggaran lebih dari 0, capaian hasil hitung lebih dari 0.
    Mengapa: belanja tanpa hasil perlu penjelasan; sering pula realisasinya lupa diisi.
    Contoh: Kasubag Keuangan baris 1: 150.000 dibelanjakan, realisasi 0 dari 1 dokumen.
    Tindakan: jelaskan di Keterangan (mis. kegiatan berlanjut di triwulan berikut) atau
    perbaiki realisasinya.
    """
    for r in rows(ctx):
        if _has(r.realisasi_anggaran) and r.realisasi_anggaran > 0 and _has(r.capaian) and r.capaian == 0:
            row, col = _pos(r.realisasi_anggaran_cell)
            yield make("K205", r.unit, r.realisasi_anggaran_ref, row=row, col=col, indikator=r.indikator,
                       dilaporkan=f"{fmt.rupiah(r.realisasi_anggaran)} terserap, capaian 0%", seharusnya="capaian > 0",
                       pesan=f"Anggaran terserap {fmt.rupiah(r.realisasi_anggaran)} "
                             f"({fmt.persen(r.serapan)}) tetapi capaian 0%.",
                       saran="Jelaskan di Keterangan, atau periksa realisasinya.")
