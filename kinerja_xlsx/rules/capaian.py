"""Rules on performance: capaian, target and realisasi (K101-K107)."""

from __future__ import annotations

from .. import fmt, infer
from ..findings import Level
from ..rounding import round_half_up, rounding_slip, within_rounding
from ..suggest import describe_slip
from ..values import Kind, unit_key
from . import Context, make, rule, rows

NOT_ONE_NUMBER = (Kind.COMPOUND.value, Kind.TEXT.value)
NO_VALUE = (Kind.EMPTY.value, Kind.DASH.value)


def _has(x) -> bool:
    return x is not None and x == x  # NaN is the one number not equal to itself


def _pos(ref_cell):
    return (ref_cell.row, ref_cell.col) if ref_cell is not None else (0, 0)


def formula_text(r) -> str:
    """``58,60 / 85 × 100 = 68,94%`` for the row's polarity, each figure at the decimals typed."""
    def typed(x, decimals) -> str:
        return fmt.angka(x, int(decimals)) if decimals is not None and decimals >= 0 else fmt.angka(x)

    t, re_ = typed(r.target, r.target_dec), typed(r.realisasi, r.realisasi_dec)
    if r.negatif:
        if r.target == 0:
            return f"target 0, realisasi {re_}: {fmt.persen(r.capaian)}"
        return f"(2 × {t} − {re_}) / {t} × 100 = {fmt.persen(r.capaian)}"
    return f"{re_} / {t} × 100 = {fmt.persen(r.capaian)}"


def _shown(x: float, decimals: int) -> str:
    return fmt.persen(round_half_up(x, max(decimals, 0)), max(decimals, 0))


def capaian_explanation(r, reported: float, decimals: int, triwulan: int) -> tuple[str, str]:
    """The message tail and suggestion: which other reading matches, or that none can, and
    the typing slip that turns the computed capaian into the reported one."""
    alternatives = infer.readings(r.target, r.realisasi, negatif=r.negatif, triwulan=triwulan,
                                  pembilang=r.pembilang if _has(r.pembilang) else None,
                                  penyebut=r.penyebut if _has(r.penyebut) else None,
                                  realisasi_persen=r.realisasi_val.percent)
    matches = infer.matching(reported, decimals, alternatives)
    shown = _shown(reported, decimals)
    saran = f"Ganti capaian menjadi {fmt.persen(r.capaian)} (hasil hitung)."
    slip = describe_slip(reported, r.capaian, decimals)
    typed = f" Kemungkinan {slip}: {shown} seharusnya {_shown(r.capaian, decimals)}." if slip else ""
    if matches:
        names = "; ".join(m.name for m in matches)
        return (f" Angka {shown} cocok dengan rumus lain: {names}.",
                saran + " Bila rumus itu yang dimaksud, perbaiki Polaritas/Target agar sesuai kontrak." + typed)
    counted = (infer.is_count(r.target_val) and infer.is_count(r.realisasi_val)
               and 0 < r.target <= infer.WHOLE_LIMIT)
    if counted:
        wholes = infer.whole_realisasi_for(reported, decimals, r.target, negatif=r.negatif)
        unit = r.realisasi_unit or r.target_unit
        if not wholes:
            return (f" Angka {shown} mustahil: dengan target {fmt.angka(r.target)} {r.target_unit}".rstrip()
                    + " tidak ada realisasi bulat yang menghasilkannya, dan tidak cocok dengan rumus lain"
                      " (polaritas lain, T/R, target triwulan).", saran + typed)
        wanted = ", ".join(f"{w} {unit}".strip() for w in wholes[:3])
        return (f" Angka {shown} tidak cocok dengan rumus lain; angka itu hanya keluar bila realisasi {wanted}.",
                saran + f" Atau, bila realisasi sebenarnya {wanted}, perbaiki Realisasi." + typed)
    return f" Angka {shown} tidak cocok dengan rumus lain.", saran + typed


@rule("K101", Level.GALAT, "capaian berbeda dari hasil hitung")
def k101(ctx: Context):
    """Capaian yang dilaporkan berbeda dari hasil hitung di luar pembulatan.

    Memeriksa: capaian di kolom Capaian (%) dibandingkan dengan Realisasi / Target x 100
    (polaritas positif) atau (2 x Target - Realisasi) / Target x 100 (polaritas negatif),
    pada jumlah desimal yang ditulis kantor. Rumus lain yang mungkin dipakai kantor diuji
    (polaritas lain, T/R terbalik, target dipotong per triwulan atau target satu triwulan,
    Pembilang / Penyebut, realisasi persen disalin sebagai capaian) dan yang cocok disebut;
    bila tidak ada yang cocok dan tidak ada realisasi bulat yang menghasilkannya, angka
    disebut mustahil. Saran menyebut salah ketik yang mengubah hasil hitung menjadi angka
    yang dilaporkan: satu digit, dua digit bersebelahan tertukar, desimal bergeser (faktor
    10), persen ditulis sebagai pecahan (faktor 100).
    Mengapa: capaian adalah dasar penilaian kinerja; angka yang salah hitung membuat predikat
    dan evaluasi keliru.
    Contoh: Kasi Pemerintahan baris 3: realisasi 0 dok dari target 1 dok dilaporkan 25%;
    dengan target 1 hanya 0% atau 100% yang mungkin (mustahil). Camat baris 1: 58,6 / 85 =
    68,94%, dilaporkan 69,94% (satu digit salah ketik).
    Tindakan: pakai capaian hasil hitung; bila angka yang dilaporkan yang benar, periksa
    target dan realisasinya.
    """
    for r in rows(ctx):
        if not (_has(r.capaian) and _has(r.capaian_dilaporkan)):
            continue
        d = max(int(r.capaian_dilaporkan_dec), 0)
        if within_rounding(r.capaian_dilaporkan, d, r.capaian) or rounding_slip(r.capaian_dilaporkan, d, r.capaian):
            continue
        tail, saran = capaian_explanation(r, r.capaian_dilaporkan, d, ctx.workbook.info.triwulan)
        row, col = _pos(r.capaian_dilaporkan_cell)
        yield make("K101", r.unit, r.capaian_dilaporkan_ref, row=row, col=col, indikator=r.indikator,
                   dilaporkan=r.capaian_dilaporkan_val.text, seharusnya=fmt.persen(r.capaian),
                   pesan=f"Capaian dilaporkan {r.capaian_dilaporkan_val.text} berbeda dari hasil hitung "
                         f"{formula_text(r)}.{tail}",
                   saran=saran)


@rule("K102", Level.INFO, "capaian berbeda hanya karena pembulatan")
def k102(ctx: Context):
    """Capaian yang dilaporkan berbeda hanya karena dipotong atau dibulatkan lain.

    Memeriksa: capaian yang dilaporkan tidak sama dengan hasil hitung yang dibulatkan
    setengah ke atas, tetapi selisihnya kurang dari satu satuan digit terakhir yang ditulis.
    Mengapa: tidak mengubah penilaian, tetapi laporan resmi sebaiknya memakai pembulatan
    yang baku agar angka di semua dokumen sama.
    Contoh: Kasubag Keuangan baris 3: 10 / 21 unit = 47,619%, dilaporkan 47,61% (dipotong);
    dibulatkan menjadi 47,62%.
    Tindakan: tidak wajib diubah; pakai angka hasil hitung pada laporan berikutnya.
    """
    for r in rows(ctx):
        if not (_has(r.capaian) and _has(r.capaian_dilaporkan)):
            continue
        d = max(int(r.capaian_dilaporkan_dec), 0)
        if rounding_slip(r.capaian_dilaporkan, d, r.capaian):
            row, col = _pos(r.capaian_dilaporkan_cell)
            yield make("K102", r.unit, r.capaian_dilaporkan_ref, row=row, col=col, indikator=r.indikator,
                       dilaporkan=r.capaian_dilaporkan_val.text, seharusnya=_shown(r.capaian, d),
                       pesan=f"Capaian {r.capaian_dilaporkan_val.text} hanya berbeda pembulatan dari "
                             f"{formula_text(r)}.",
                       saran=f"Bulatkan setengah ke atas: {_shown(r.capaian, d)}.")


@rule("K103", Level.GALAT, "target kosong atau nol")
def k103(ctx: Context):
    """Target kosong atau nol, sehingga capaian tidak dapat dihitung.

    Memeriksa: kolom Target berisi angka bukan nol (untuk polaritas negatif target 0 boleh:
    realisasi 0 berarti 100%).
    Mengapa: tanpa target, capaian yang dilaporkan tidak dapat diperiksa dan tidak bermakna.
    Contoh: baris dengan Target "-" tetapi Capaian 80%.
    Tindakan: isi target tahunan dari Perjanjian Kinerja.
    """
    for r in rows(ctx):
        kind = r.target_kind
        empty = kind in NO_VALUE
        zero = kind == Kind.NUMBER.value and r.target == 0 and not r.negatif
        if not (empty or zero):
            continue
        cell = r.target_cell
        row, col = _pos(cell)
        sel = r.target_ref or r.indikator_ref
        yield make("K103", r.unit, sel, row=row or r.row, col=col, indikator=r.indikator,
                   dilaporkan=r.target_val.text or "(kosong)", seharusnya="angka target",
                   pesan="Target " + ("nol" if zero else "kosong") + "; capaian tidak dapat dihitung.",
                   saran="Isi target dari Perjanjian Kinerja.")


@rule("K104", Level.PERINGATAN, "target atau realisasi bukan satu angka")
def k104(ctx: Context):
    """Target atau realisasi bukan satu angka, sehingga capaian tidak dapat diverifikasi.

    Memeriksa: Target dan Realisasi masing-masing satu angka (boleh dengan satuan). Besaran
    majemuk yang bagian-bagiannya cocok satu per satu dengan rasio sama (4 gedung dan 1
    halaman dari 4 gedung dan 1 halaman) tetap dapat dihitung dan tidak ditandai.
    Mengapa: capaian dari teks atau besaran majemuk tidak dapat dihitung ulang; angkanya
    harus diperiksa manusia.
    Contoh: Target "4 gedung dan 1 halaman" dengan realisasi "3 gedung dan 1 halaman".
    Tindakan: pecah menjadi indikator terpisah atau tulis satu angka dengan satuannya.
    """
    for r in rows(ctx):
        if r.majemuk_terverifikasi:
            continue
        for field in ("target", "realisasi"):
            if getattr(r, f"{field}_kind") in NOT_ONE_NUMBER:
                value = getattr(r, f"{field}_val")
                cell = getattr(r, f"{field}_cell")
                row, col = _pos(cell)
                label = "Target" if field == "target" else "Realisasi"
                yield make("K104", r.unit, getattr(r, f"{field}_ref"), row=row, col=col, indikator=r.indikator,
                           dilaporkan=value.text, seharusnya="satu angka",
                           pesan=f"{label} '{value.text}' bukan satu angka; capaian tidak dapat diverifikasi.",
                           saran="Tulis satu angka dengan satuannya, atau pecah menjadi beberapa indikator.")
                break


@rule("K105", Level.PERINGATAN, "satuan target dan realisasi berbeda")
def k105(ctx: Context):
    """Satuan target dan realisasi berbeda.

    Memeriksa: bila Target dan Realisasi sama-sama bersatuan, satuannya sama (huruf besar
    dan spasi diabaikan).
    Mengapa: 6 laporan dari 12 dokumen bukan 50% bila yang dihitung berbeda barangnya.
    Contoh: Target "12 dok" dengan Realisasi "6 laporan".
    Tindakan: samakan satuan, atau perbaiki yang salah tulis.
    """
    for r in rows(ctx):
        if r.target_kind != Kind.NUMBER.value or r.realisasi_kind != Kind.NUMBER.value:
            continue
        tu, ru = r.target_unit, r.realisasi_unit
        if tu and ru and unit_key(tu) != unit_key(ru):
            row, col = _pos(r.realisasi_cell)
            yield make("K105", r.unit, r.realisasi_ref, row=row, col=col, indikator=r.indikator,
                       dilaporkan=f"{r.target_val.text} / {r.realisasi_val.text}", seharusnya=f"satuan {tu}",
                       pesan=f"Satuan target ({tu}) dan realisasi ({ru}) berbeda.",
                       saran="Samakan satuan target dan realisasi.")


@rule("K106", Level.PERINGATAN, "capaian tidak wajar")
def k106(ctx: Context):
    """Capaian tidak wajar: di atas 150% atau negatif.

    Memeriksa: capaian hasil hitung (atau yang dilaporkan bila tidak dapat dihitung) tidak
    lebih dari 150% dan tidak negatif.
    Mengapa: capaian setinggi itu biasanya berarti target terlalu rendah, realisasi salah
    ketik, atau target triwulan dipakai sebagai target tahunan.
    Contoh: target 12 dokumen, realisasi 120 dokumen (1.000%).
    Tindakan: periksa target dan realisasi; bila benar, jelaskan di Keterangan.
    """
    for r in rows(ctx):
        value = r.capaian if _has(r.capaian) else r.capaian_dilaporkan
        if not _has(value) or 0 <= value <= 150:
            continue
        use_computed = _has(r.capaian)
        cell = r.realisasi_cell if use_computed else r.capaian_dilaporkan_cell
        row, col = _pos(cell)
        yield make("K106", r.unit, r.realisasi_ref if use_computed else r.capaian_dilaporkan_ref, row=row, col=col,
                   indikator=r.indikator, dilaporkan=fmt.persen(value), seharusnya="0% sampai 150%",
                   pesan=f"Capaian {fmt.persen(value)} tidak wajar ("
                         + ("negatif" if value < 0 else "di atas 150%") + ").",
                   saran="Periksa target dan realisasi; bila benar, jelaskan di Keterangan.")


@rule("K107", Level.GALAT, "realisasi persen tidak sama dengan Pembilang / Penyebut")
def k107(ctx: Context):
    """Realisasi berbentuk persen tidak sama dengan Pembilang / Penyebut x 100.

    Memeriksa: bila Pembilang dan Penyebut diisi, Realisasi sama dengan
    Pembilang / Penyebut x 100 pada jumlah desimal yang ditulis. Bacaan lain (terbalik,
    sisanya) diuji; bila tidak ada pembilang bulat yang menghasilkan angka itu dengan
    penyebut tersebut, angka disebut mustahil. Saran menyebut salah ketiknya.
    Mengapa: realisasi persen adalah hasil hitung dari data dasar; salah hitung di sini
    menjalar ke capaian.
    Contoh: Camat baris 1: 36 / 62 faskor = 58,06%, dilaporkan 58,60%: mustahil dengan
    penyebut 62 (35/62 = 56,45%, 37/62 = 59,68%), dua digit bersebelahan tertukar.
    Tindakan: ganti realisasi dengan hasil Pembilang / Penyebut.
    """
    for r in rows(ctx):
        if not (_has(r.pembilang) and _has(r.penyebut) and r.penyebut and _has(r.realisasi)):
            continue
        if r.realisasi_kind != Kind.NUMBER.value:
            continue
        computed = r.pembilang / r.penyebut * 100
        d = max(int(r.realisasi_dec), 0)
        if within_rounding(r.realisasi, d, computed) or rounding_slip(r.realisasi, d, computed):
            continue
        should = _shown(computed, max(d, 2))
        slip = describe_slip(r.realisasi, computed, d)
        row, col = _pos(r.realisasi_cell)
        yield make("K107", r.unit, r.realisasi_ref, row=row, col=col, indikator=r.indikator,
                   dilaporkan=r.realisasi_val.text, seharusnya=should,
                   pesan=f"Realisasi {r.realisasi_val.text} tidak sama dengan Pembilang / Penyebut: "
                         f"{fmt.angka(r.pembilang)} / {fmt.angka(r.penyebut)} × 100 = {should}."
                         + ratio_explanation(r.realisasi, d, r.pembilang, r.penyebut, what="Pembilang / Penyebut",
                                             whole="pembilang"),
                   saran=f"Ganti realisasi menjadi {should} ({fmt.angka(r.pembilang)} / {fmt.angka(r.penyebut)})"
                         + (f"; kemungkinan {slip}." if slip else "."))


def ratio_explanation(reported: float, decimals: int, numerator: float, denominator: float, *, what: str,
                      whole: str | None = None) -> str:
    """A reported ratio that does not match: the other reading it matches (inverted,
    complement) or, for a whole numerator (``whole`` names it), that no whole one gives it."""
    shown = _shown(reported, decimals)
    matches = infer.matching(reported, decimals, infer.ratio_readings(numerator, denominator, what=what))
    if matches:
        return f" Angka {shown} cocok dengan rumus lain: {'; '.join(m.name for m in matches)}."
    if not (whole and float(numerator).is_integer() and float(denominator).is_integer()
            and 0 < denominator <= infer.WHOLE_LIMIT):
        return ""
    wholes = infer.whole_realisasi_for(reported, decimals, denominator, negatif=False)
    if not wholes:
        return (f" Angka {shown} mustahil dengan {what.split(' / ')[1].lower()} {fmt.angka(denominator)}: "
                f"tidak ada {whole} bulat yang menghasilkannya.")
    return f" Angka {shown} hanya keluar bila {whole} {', '.join(str(w) for w in wholes[:3])}."
