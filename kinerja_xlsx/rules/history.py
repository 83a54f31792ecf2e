"""Rules against the previous quarter's workbook (K501-K503), run with ``--sebelumnya``.

The previous workbook may be the office's input of last quarter or the corrected workbook
the processor wrote for it: both read the same way (the Ringkasan and Inkonsistensi
sheets are skipped, added columns are ignored). Units are matched by sheet name and
indicator rows by their text (case, spaces and punctuation ignored); a row whose text
matches nothing is matched by its ``No``, so a renamed indicator is still compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .. import fmt, labels
from ..findings import Level
from ..model import quote_sheet
from ..values import Kind, unit_key
from . import Context, make, rule
from .capaian import _pos
from .entry import indicator_key
from .rollup import no_key

RUPIAH = ("anggaran", "realisasi_anggaran")
# a change explained in Keterangan is not silent
EXPLAINED = re.compile(r"perubahan|p-?apbd|apbd-?p\b|\bpak\b|pergeseran|refocus|revisi", re.IGNORECASE)


@dataclass
class Matching:
    """Current and previous rows side by side (frame indexes)."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    appeared: list[int] = field(default_factory=list)  # rows of units present in both
    vanished: list[int] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    gone_units: list[str] = field(default_factory=list)  # sheet names in the previous workbook


def match(frame: pd.DataFrame, previous: pd.DataFrame, units: list[str], previous_units: list[str]) -> Matching:
    out = Matching()
    prev_by_name = {labels.norm(u): u for u in previous_units}
    current_names = {labels.norm(u) for u in units}
    out.new_units = [u for u in units if labels.norm(u) not in prev_by_name]
    out.gone_units = [u for u in previous_units if labels.norm(u) not in current_names]
    for name in units:
        old = prev_by_name.get(labels.norm(name))
        if old is None:
            continue
        cur = frame.index[frame["unit"] == name].tolist()
        prev = previous.index[previous["unit"] == old].tolist() if len(previous) else []
        for key in (lambda f, i: indicator_key(f.at[i, "indikator"]), lambda f, i: no_key(f.at[i, "no"])):
            waiting: dict[str, list[int]] = {}
            for j in prev:
                waiting.setdefault(key(previous, j), []).append(j)
            unmatched = []
            for i in cur:
                k = key(frame, i)
                if k and waiting.get(k):
                    j = waiting[k].pop(0)
                    out.pairs.append((i, j))
                    prev.remove(j)
                else:
                    unmatched.append(i)
            cur = unmatched
        out.appeared.extend(cur)
        out.vanished.extend(prev)
    return out


def _matching(ctx: Context) -> Matching | None:
    """Computed once per run; None without a previous workbook."""
    if ctx.previous is None or ctx.previous_frame is None:
        return None
    return ctx.once("pencocokan", lambda: match(ctx.frame, ctx.previous_frame, [u.sheet for u in ctx.workbook.units],
                                                 [u.sheet for u in ctx.previous.units]))


def _quarter(ctx: Context, previous: bool = False) -> str:
    info = (ctx.previous if previous else ctx.workbook).info
    return f"triwulan {info.triwulan_roman} {info.tahun}"


def _previous_where(ctx: Context, sheet: str, row: int) -> str:
    """A place in the previous workbook, written so that it is not taken for a link."""
    return f"{quote_sheet(sheet)} baris {row} (workbook {_quarter(ctx, previous=True)})"


def _shown(value, figure: str) -> str:
    if figure in RUPIAH and value.has_number:
        return fmt.rupiah(value.number)
    return value.text or "(kosong)"


@rule("K501", Level.GALAT, "realisasi kumulatif turun dari triwulan sebelumnya")
def k501(ctx: Context):
    """Realisasi atau realisasi anggaran kumulatif lebih kecil dari triwulan sebelumnya.

    Memeriksa: dengan workbook triwulan sebelumnya (--sebelumnya), untuk setiap indikator
    yang ada di keduanya: Realisasi (angka bersatuan sama) dan Realisasi Anggaran triwulan
    ini tidak lebih kecil dari triwulan sebelumnya. Realisasi persen yang dihitung dari
    Pembilang / Penyebut adalah rasio dan boleh turun, jadi tidak diperiksa; realisasi persen
    tanpa keduanya dianggap kumulatif. Tidak diperiksa bila Tahun berbeda (tahun anggaran
    baru, kumulasi mulai dari nol) atau workbook sebelumnya justru triwulan yang lebih akhir.
    Mengapa: realisasi dilaporkan kumulatif sampai akhir triwulan; bila turun, yang ditulis
    biasanya realisasi triwulan ini saja, atau ada salah ketik di salah satu triwulan.
    Contoh: Sekcam menjumlahkan triwulan: 38% di triwulan I, 34,92% di triwulan II, jadi
    73,02% sampai triwulan II. Bila triwulan II ditulis 34,92% saja, realisasi turun dari 38%.
    Tindakan: tulis realisasi kumulatif sampai triwulan ini; bila angka triwulan lalu yang
    salah, catat koreksinya di Keterangan.
    """
    m = _matching(ctx)
    if m is None:
        return
    cur_info, prev_info = ctx.workbook.info, ctx.previous.info
    if cur_info.tahun != prev_info.tahun or prev_info.triwulan > cur_info.triwulan:
        return
    frame, prev = ctx.frame, ctx.previous_frame
    for i, j in m.pairs:
        for figure, label in (("realisasi", "Realisasi"), ("realisasi_anggaran", "Realisasi anggaran")):
            now, before = frame.at[i, f"{figure}_val"], prev.at[j, f"{figure}_val"]
            tolerance = 0.5 if figure in RUPIAH else 1e-9
            if not (now.has_number and before.has_number) or now.number >= before.number - tolerance:
                continue
            if figure == "realisasi":
                ratio = pd.notna(frame.at[i, "pembilang"]) and pd.notna(frame.at[i, "penyebut"])
                if (ratio and (now.percent or before.percent)) or (
                        unit_key(frame.at[i, "realisasi_unit"]) != unit_key(prev.at[j, "realisasi_unit"])):
                    continue
            shown_before, shown_now = _shown(before, figure), _shown(now, figure)
            cell = frame.at[i, f"{figure}_cell"]
            row, col = _pos(cell)
            yield make("K501", frame.at[i, "unit"], frame.at[i, f"{figure}_ref"], row=row, col=col,
                       indikator=frame.at[i, "indikator"], dilaporkan=shown_now,
                       seharusnya=f"paling sedikit {shown_before}",
                       pesan=f"{label} kumulatif turun dari {shown_before} ({_quarter(ctx, True)}, baris "
                             f"{int(prev.at[j, 'row'])}) menjadi {shown_now} ({_quarter(ctx)}).",
                       saran="Tulis realisasi kumulatif sampai triwulan ini (bukan realisasi triwulan ini saja); "
                             "bila angka triwulan lalu yang salah, catat koreksinya di Keterangan.",
                       extra={"id_key": figure})


def _same(now, before, now_unit: str = "", before_unit: str = "") -> bool:
    """The same figure: equal numbers in the same unit, or the same words."""
    if now.has_number and before.has_number:
        return (abs(now.number - before.number) < 0.5e-6 * max(1.0, abs(before.number))
                and unit_key(now_unit) == unit_key(before_unit))
    return now.kind is before.kind and labels.norm(now.text) == labels.norm(before.text)


@rule("K502", Level.PERINGATAN, "target atau anggaran berubah dari triwulan sebelumnya")
def k502(ctx: Context):
    """Target atau anggaran berubah dari triwulan sebelumnya tanpa keterangan.

    Memeriksa: dengan workbook triwulan sebelumnya (--sebelumnya), untuk setiap indikator
    yang ada di keduanya: Target dan Anggaran sama dengan triwulan sebelumnya (angkanya,
    atau teksnya bila bukan angka; "85%" dan sel persen 0,85 sama). Perubahan yang
    dijelaskan di Keterangan (perubahan, APBD-P, PAK, pergeseran, refocusing, revisi) tidak
    ditandai; tahun baru (Tahun berbeda) juga tidak.
    Mengapa: target dan pagu ditetapkan dalam Perjanjian Kinerja dan DPA untuk setahun;
    perubahan tanpa dasar membuat capaian dan serapan tidak sebanding antartriwulan, dan
    target yang diturunkan diam-diam menaikkan capaian.
    Contoh: Kasi PMD: Perjanjian Kinerja menetapkan 15 Keluarga untuk "Jumlah Keluarga yang
    Mengikuti Pelatihan Keluarga Tanggap Bencana Alam", tabel capaian triwulan II memakai
    105 Keluarga; bila triwulan I masih 15, perubahan itu ditandai.
    Tindakan: bila ada perubahan Perjanjian Kinerja atau APBD-P, sebutkan di Keterangan;
    bila tidak, kembalikan angka semula.
    """
    m = _matching(ctx)
    if m is None or ctx.workbook.info.tahun != ctx.previous.info.tahun:
        return
    frame, prev = ctx.frame, ctx.previous_frame
    for i, j in m.pairs:
        if EXPLAINED.search(frame.at[i, "keterangan"] or ""):
            continue
        for figure, label in (("target", "Target"), ("anggaran", "Anggaran")):
            now, before = frame.at[i, f"{figure}_val"], prev.at[j, f"{figure}_val"]
            if figure == "anggaran" and now.kind in (Kind.EMPTY, Kind.DASH) and before.kind in (Kind.EMPTY, Kind.DASH):
                continue
            units = (frame.at[i, "target_unit"], prev.at[j, "target_unit"]) if figure == "target" else ("", "")
            if _same(now, before, *units):
                continue
            shown_before, shown_now = _shown(before, figure), _shown(now, figure)
            cell = frame.at[i, f"{figure}_cell"]
            row, col = _pos(cell)
            yield make("K502", frame.at[i, "unit"], frame.at[i, f"{figure}_ref"] or frame.at[i, "indikator_ref"],
                       row=row or int(frame.at[i, "row"]), col=col, indikator=frame.at[i, "indikator"],
                       dilaporkan=shown_now, seharusnya=shown_before,
                       pesan=f"{label} berubah dari {shown_before} ({_quarter(ctx, True)}, baris "
                             f"{int(prev.at[j, 'row'])}) menjadi {shown_now} ({_quarter(ctx)}), "
                             "tanpa keterangan.",
                       saran="Bila ada perubahan Perjanjian Kinerja atau APBD-P, sebutkan di Keterangan; "
                             "bila tidak, kembalikan angka semula.",
                       extra={"id_key": figure})


@rule("K503", Level.INFO, "indikator atau unit baru atau hilang dibanding triwulan sebelumnya")
def k503(ctx: Context):
    """Indikator (atau seluruh unit) muncul atau hilang dibanding triwulan sebelumnya.

    Memeriksa: dengan workbook triwulan sebelumnya (--sebelumnya): setiap indikator
    triwulan ini ada di triwulan sebelumnya dan sebaliknya (dicocokkan menurut teks
    indikator, lalu menurut No); unit (lembar) yang baru atau hilang disebut sekali, tidak
    per indikator.
    Mengapa: indikator Perjanjian Kinerja berlaku setahun; indikator yang hilang tidak
    lagi dilaporkan capaiannya, yang baru tidak punya riwayat. Keduanya perlu diketahui
    auditor, meski bisa sah.
    Contoh: Kasi PMD: Perjanjian Kinerja memuat 3 indikator, tabel capaian triwulan II
    memuat 4 ("Jumlah Laporan Peningkatan Efektivitas ..." tidak ada di Perjanjian Kinerja).
    Tindakan: pastikan indikator yang baru atau hilang memang berubah dalam Perjanjian
    Kinerja; bila hanya namanya yang berubah, samakan penulisannya.
    """
    m = _matching(ctx)
    if m is None:
        return
    frame, prev, wb = ctx.frame, ctx.previous_frame, ctx.workbook
    for sheet in m.new_units:
        anchor = wb.unit(sheet).header.get("Jabatan")
        yield make("K503", sheet, anchor.ref if anchor is not None else f"{quote_sheet(sheet)}!A1",
                   dilaporkan=sheet, seharusnya="-",
                   pesan=f"Unit '{sheet}' tidak ada di workbook {_quarter(ctx, True)}.",
                   saran="Pastikan unit ini memang baru.", extra={"id_key": "unit-baru"})
    for sheet in m.gone_units:
        yield make("K503", "", f"{quote_sheet(sheet)} (workbook {_quarter(ctx, True)})",
                   dilaporkan="-", seharusnya=sheet,
                   pesan=f"Unit '{sheet}' ada di workbook {_quarter(ctx, True)} tetapi tidak ada di "
                         f"{_quarter(ctx)}.",
                   saran="Pastikan unit ini memang dihapus, atau tambahkan kembali lembarnya.",
                   extra={"id_key": "unit-hilang"})
    for i in m.appeared:
        yield make("K503", frame.at[i, "unit"], frame.at[i, "indikator_ref"], row=int(frame.at[i, "row"]), col=0,
                   indikator=frame.at[i, "indikator"], dilaporkan=frame.at[i, "indikator"], seharusnya="-",
                   pesan=f"Indikator ini tidak ada di unit yang sama pada {_quarter(ctx, True)}.",
                   saran="Pastikan indikator ini memang ditambahkan dalam Perjanjian Kinerja; bila hanya namanya "
                         "yang berubah, samakan penulisannya.", extra={"id_key": "baru"})
    for j in m.vanished:
        unit = prev.at[j, "unit"]
        current = wb.unit(unit)
        yield make("K503", current.sheet if current else unit, _previous_where(ctx, unit, int(prev.at[j, "row"])),
                   row=0, indikator=prev.at[j, "indikator"], dilaporkan="-", seharusnya=prev.at[j, "indikator"],
                   pesan=f"Indikator ini ada pada {_quarter(ctx, True)} tetapi tidak ada di {_quarter(ctx)}.",
                   saran="Pastikan indikator ini memang dihapus dari Perjanjian Kinerja; bila terlewat, "
                         "tambahkan kembali barisnya.", extra={"id_key": "hilang"})
