"""Rules on the hierarchy: roll-up sums over ``Induk`` and the names they use (K301-K303)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import fmt
from ..findings import Level
from . import Context, make, rule
from .capaian import _pos


def no_key(text: str) -> str:
    """``1``, ``1.``, ``1.0`` and `` 1 `` name the same row."""
    s = str(text).strip().rstrip(".")
    if re.fullmatch(r"\d+(\.0+)?", s):
        return str(int(float(s)))
    return s.casefold()


def children_of(ctx: Context) -> pd.DataFrame:
    """Each child row joined to its parent row: columns ``child`` and ``parent`` (frame index)."""
    frame = ctx.frame
    units = {u.sheet: u for u in ctx.workbook.units}
    atasan = {u.sheet: (ctx.workbook.unit(u.atasan).sheet if u.atasan and ctx.workbook.unit(u.atasan) else "")
              for u in ctx.workbook.units}
    parent_key = {(r.unit, no_key(r.no)): i for i, r in zip(frame.index, frame.itertuples(index=False)) if r.no}
    pairs = []
    for i, r in zip(frame.index, frame.itertuples(index=False)):
        if not r.induk or r.unit not in units:
            continue
        parent_unit = atasan.get(r.unit, "")
        j = parent_key.get((parent_unit, no_key(r.induk)))
        if j is not None:
            pairs.append((i, j))
    return pd.DataFrame(pairs, columns=["child", "parent"], dtype=int)


def rollup_gaps(ctx: Context, field: str) -> pd.DataFrame:
    """Per parent row with children: its figure, the children's sum and the gap."""
    links = children_of(ctx)
    if links.empty:
        return pd.DataFrame(columns=["parent", "value", "children_sum", "gap", "children"])
    values = ctx.frame[field].astype(float).fillna(0.0)
    links = links.assign(amount=values.loc[links["child"]].to_numpy())
    grouped = links.groupby("parent")
    table = pd.DataFrame({"children_sum": grouped["amount"].sum(), "children": grouped["child"].apply(list)})
    table["value"] = ctx.frame.loc[table.index, field].astype(float)
    table["gap"] = table["value"].fillna(0.0) - table["children_sum"]
    table.index.name = "parent"
    return table.reset_index()


def _rollup_findings(ctx: Context, code: str, field: str, label: str):
    frame = ctx.frame
    for g in rollup_gaps(ctx, field).itertuples(index=False):
        if abs(g.gap) < 0.5 or (np.isnan(g.value) and g.children_sum == 0):
            continue
        p = frame.loc[g.parent]
        kids = frame.loc[g.children]
        units = ", ".join(dict.fromkeys(kids["unit"]))
        row, col = _pos(p[f"{field}_cell"])
        suggestion = getattr(ctx, "suggestions", {}).get((code, p["unit"], int(p["row"])))
        yield make(code, p["unit"], p[f"{field}_ref"] or p["indikator_ref"], row=row or int(p["row"]), col=col,
                   indikator=p["indikator"], dilaporkan=fmt.rupiah(g.value), seharusnya=fmt.rupiah(g.children_sum),
                   pesan=f"{label} {fmt.rupiah(g.value)} tidak sama dengan jumlah {len(g.children)} baris bawahan "
                         f"({units}) {fmt.rupiah(g.children_sum)}; selisih {fmt.rupiah(g.gap)}.",
                   saran=suggestion or "Periksa rupiah induk dan baris-baris bawahannya.")


@rule("K301", Level.GALAT, "anggaran induk tidak sama dengan jumlah bawahan")
def k301(ctx: Context):
    """Anggaran baris induk tidak sama dengan jumlah anggaran baris bawahannya.

    Memeriksa: untuk setiap baris yang disebut di kolom Induk oleh baris-baris lembar
    bawahan (yang Atasan-nya lembar ini), Anggaran induk sama dengan jumlah Anggaran bawahan.
    Mengapa: pagu kegiatan atasan adalah jumlah pagu sub-kegiatan bawahannya; selisih berarti
    salah ketik atau ada baris yang terlewat.
    Contoh: Sekcam: anggaran 1.836.648.667, tetapi Kasubag Umum dan Kasubag Keuangan
    berjumlah 1.767.108.667.
    Tindakan: cocokkan dengan DPA; perbaiki induk atau baris bawahan yang salah.
    """
    yield from _rollup_findings(ctx, "K301", "anggaran", "Anggaran")


@rule("K302", Level.GALAT, "realisasi anggaran induk tidak sama dengan jumlah bawahan")
def k302(ctx: Context):
    """Realisasi anggaran baris induk tidak sama dengan jumlah realisasi baris bawahannya.

    Memeriksa: seperti K301, untuk Realisasi Anggaran.
    Mengapa: realisasi atasan adalah jumlah realisasi bawahan; selisih biasanya satu digit
    salah ketik di salah satu baris.
    Contoh: Camat baris 1: 971.800.593, bawahan berjumlah 971.200.593 (selisih 600.000,
    tepat satu digit pada realisasi Kasi Pelayanan Umum 3.262.500 yang seharusnya 3.862.500).
    Tindakan: cocokkan dengan SP2D; perbaiki baris yang salah ketik.
    """
    yield from _rollup_findings(ctx, "K302", "realisasi_anggaran", "Realisasi anggaran")


@rule("K303", Level.GALAT, "Induk atau Atasan menunjuk yang tidak ada")
def k303(ctx: Context):
    """Induk atau Atasan menunjuk baris atau lembar yang tidak ada.

    Memeriksa: Atasan setiap unit adalah nama lembar unit di workbook ini, dan setiap Induk
    adalah No sebuah baris di lembar Atasan.
    Mengapa: tanpa rujukan yang benar, penjumlahan ke atasan tidak dapat diperiksa.
    Contoh: Kasubag Umum dengan Atasan "Sekretaris" padahal lembarnya bernama "Sekcam".
    Tindakan: tulis nama lembar atasan persis, dan No baris induk yang ada di lembar itu.
    """
    wb = ctx.workbook
    sheets = ", ".join(u.sheet for u in wb.units)
    for unit in wb.units:
        name = unit.atasan
        if name and wb.unit(name) is None:
            cell = unit.header["Atasan"]
            yield make("K303", unit.sheet, cell.ref, row=cell.row, col=cell.col, dilaporkan=name,
                       seharusnya="nama lembar unit",
                       pesan=f"Atasan '{name}' bukan nama lembar di workbook ini.",
                       saran=f"Tulis salah satu: {sheets}.")
    frame = ctx.frame
    numbers = {u.sheet: {no_key(n) for n in frame.loc[frame["unit"] == u.sheet, "no"] if n} for u in wb.units}
    for r in frame.itertuples(index=False):
        if not r.induk:
            continue
        unit = wb.unit(r.unit)
        parent = wb.unit(unit.atasan) if unit.atasan else None
        if parent is None:
            if not unit.atasan:
                problem = f"Induk {r.induk} diisi, tetapi unit ini tidak punya Atasan."
            else:
                continue  # the missing Atasan sheet is reported once, above
        elif no_key(r.induk) in numbers[parent.sheet]:
            continue
        else:
            problem = f"Induk {r.induk} bukan No baris di lembar '{parent.sheet}'."
        cell = r.induk_ref
        yield make("K303", r.unit, cell, row=r.row, col=0, indikator=r.indikator, dilaporkan=r.induk,
                   seharusnya="No baris di lembar Atasan", pesan=problem,
                   saran="Tulis No baris induk yang ada di lembar Atasan.")
