"""Rules on the hierarchy: roll-up sums over ``Induk`` and the names they use (K301-K303)."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from .. import fmt
from ..evidence import BudgetEvidence, Check, Fix
from ..findings import Level
from . import Context, make, rule, rows
from .capaian import _pos

LABELS = {"anggaran": "Anggaran", "realisasi_anggaran": "Realisasi Anggaran"}
SHOWN_CANDIDATES = 5


_WHOLE = re.compile(r"\d+(\.0+)?")


@functools.lru_cache(maxsize=4096)  # a workbook's numbers repeat: 1, 2, 3 in every unit
def no_key(text: str) -> str:
    """``1``, ``1.``, ``1.0`` and `` 1 `` name the same row."""
    s = str(text).strip().rstrip(".")
    if _WHOLE.fullmatch(s):
        return str(int(float(s)))
    return s.casefold()


def atasan_sheets(workbook) -> dict[str, str]:
    """Each unit's Atasan as the sheet it names ("" for none or an unknown name), found by
    :meth:`Workbook.unit` (one dictionary lookup)."""
    found = {u.sheet: workbook.unit(u.atasan) if u.atasan else None for u in workbook.units}
    return {sheet: boss.sheet if boss is not None else "" for sheet, boss in found.items()}


def atasan_cycles(workbook) -> list[list[str]]:
    """Each loop in the Atasan chains, as sheet names starting with its first unit in workbook order."""
    order = {u.sheet: i for i, u in enumerate(workbook.units)}
    parent = {sheet: up for sheet, up in atasan_sheets(workbook).items() if up}
    cycles, done = [], set()
    for start in order:
        path: list[str] = []
        node = start
        while node in parent and node not in done and node not in path:
            path.append(node)
            node = parent[node]
        if node in path:
            cycle = path[path.index(node):]
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            cycles.append(cycle[first:] + cycle[:first])
        done.update(path)
    return cycles


def children_of(ctx: Context) -> pd.DataFrame:
    """Each child row joined to its parent row: columns ``child`` and ``parent`` (frame index)."""
    return ctx.once("anak", lambda: _children_of(ctx))


def _children_of(ctx: Context) -> pd.DataFrame:
    frame = ctx.frame
    atasan = atasan_sheets(ctx.workbook)
    parent_key = {(r.unit, no_key(r.no)): i for i, r in zip(frame.index, rows(ctx)) if r.no}
    pairs = []
    for i, r in zip(frame.index, rows(ctx)):
        if not r.induk or r.unit not in atasan:
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


def budget_evidence(ctx: Context) -> BudgetEvidence:
    """The single-slip corrections of the budget lines, searched once per run (K201, K203,
    K301 and K302 all read them)."""
    return ctx.once("bukti_anggaran", lambda: BudgetEvidence(ctx.frame, children_of(ctx)))


def _figure(ctx: Context, fix: Fix) -> str:
    return f"{LABELS[fix.field]} {ctx.frame.at[fix.row, f'{fix.field}_ref']}"


def _repair(ctx: Context, ev: BudgetEvidence, fix: Fix, check: Check) -> tuple[str, str]:
    """What backs a correction when it repairs ``check`` (the kind of evidence, in words)
    and what exactly the corrected figure makes right."""
    frame = ctx.frame
    if check.kind == "serapan":
        a = fix.value if fix.field == "anggaran" else ev.values["anggaran"][check.row]
        ra = fix.value if fix.field == "realisasi_anggaran" else ev.values["realisasi_anggaran"][check.row]
        reported = frame.at[check.row, "serapan_dilaporkan_val"].text
        return "serapan", (f"{fmt.rupiah(ra)} / {fmt.rupiah(a)} × 100 = {fmt.persen(ra / a * 100)}, cocok dengan "
                           f"serapan {reported} yang dilaporkan")
    if check.kind == "batas":
        return "batas anggaran", "realisasi anggaran tidak lagi melebihi anggaran"
    if check.row == fix.row:
        return "penjumlahan bawahan", (f"{fmt.rupiah(fix.value)} sama dengan jumlah {len(ev.children[check.row])} "
                                       "baris bawahan")
    return "penjumlahan ke atasan", (f"selisih {fmt.rupiah(ev.gap(check.kind, check.row))} di "
                                     f"{frame.at[check.row, f'{check.kind}_ref']} menjadi nol")


def describe_fix(ctx: Context, ev: BudgetEvidence, fix: Fix, check: Check) -> str:
    """One correction in full: the slip, the figure, what it repairs and what backs it."""
    text = (f"kemungkinan {fix.slip.text} pada {_figure(ctx, fix)}: {fmt.rupiah(fix.typed)} seharusnya "
            f"{fmt.rupiah(fix.value)}; dengan angka itu {_repair(ctx, ev, fix, check)[1]}")
    others = ["{}: {}".format(*_repair(ctx, ev, fix, c)) for c in fix.repairs if c != check]
    return text + ("; terkuatkan oleh " + "; dan oleh ".join(others) if others else "")


def short_fix(ctx: Context, fix: Fix) -> str:
    return f"{_figure(ctx, fix)}: {fmt.rupiah(fix.typed)} → {fmt.rupiah(fix.value)}, {fix.slip.text}"


def fix_suggestion(ctx: Context, check: Check, extra: list[tuple] = ()) -> str | None:
    """The suggestion for a failing check, or None when no single slip explains it.

    ``extra``: other explanations as (checks repaired, slip kind, full text, short text),
    e.g. the reported serapan itself mistyped; they are ranked with the rupiah corrections.
    """
    ev = budget_evidence(ctx)
    options = [(len(f.repairs), f.slip.kind, lambda f=f: describe_fix(ctx, ev, f, check), short_fix(ctx, f))
               for f in ev.fixes.get(check, [])]
    options += [(n, kind, lambda full=full: full, short) for n, kind, full, short in extra]
    if not options:
        return None
    options.sort(key=lambda o: (-o[0], o[1]))
    top = [o for o in options if o[0] == options[0][0]]
    if len(top) == 1:
        full = top[0][2]()
        text = full[0].upper() + full[1:] + "."
        weaker = options[1:]
        if weaker:
            text += " Kandidat lain, tanpa bukti pendukung sekuat itu: " + "; ".join(
                o[3] for o in weaker[:SHOWN_CANDIDATES]) + _more(len(weaker)) + "."
        return text
    return (f"Saran ambigu: {len(top)} kandidat sama kuat, urut dari salah ketik yang paling sering: "
            + "; ".join(f"({i}) {o[3]}" for i, o in enumerate(top[:SHOWN_CANDIDATES], start=1))
            + _more(len(top)) + ". Cocokkan dengan DPA/SP2D.")


def _more(n: int) -> str:
    return f"; dan {n - SHOWN_CANDIDATES} lainnya" if n > SHOWN_CANDIDATES else ""


def _rollup_findings(ctx: Context, code: str, field: str, label: str):
    frame = ctx.frame
    unit_of = dict(zip(frame.index, frame["unit"]))
    for g in rollup_gaps(ctx, field).itertuples(index=False):
        if abs(g.gap) < 0.5 or (np.isnan(g.value) and g.children_sum == 0):
            continue
        # the parent's few fields by .at, the children's units by label: .loc copied every
        # column of those rows, 1,2 ms a finding (2,3 s for 1.866 findings)
        p = {c: frame.at[g.parent, c] for c in ("unit", f"{field}_cell", f"{field}_ref", "indikator_ref", "row",
                                                  "indikator")}
        units = ", ".join(dict.fromkeys(unit_of[c] for c in g.children))
        row, col = _pos(p[f"{field}_cell"])
        suggestion = fix_suggestion(ctx, Check(field, int(g.parent)))
        yield make(code, p["unit"], p[f"{field}_ref"] or p["indikator_ref"], row=row or int(p["row"]), col=col,
                   indikator=p["indikator"], dilaporkan=fmt.rupiah(g.value), seharusnya=fmt.rupiah(g.children_sum),
                   pesan=f"{label} {fmt.rupiah(g.value)} tidak sama dengan jumlah {len(g.children)} baris bawahan "
                         f"({units}) {fmt.rupiah(g.children_sum)}; selisih {fmt.rupiah(g.gap)}.",
                   saran=suggestion or "Periksa rupiah induk dan baris-baris bawahannya; tidak ada satu salah "
                                       "ketik yang menjelaskan selisih ini.")


@rule("K301", Level.GALAT, "anggaran induk tidak sama dengan jumlah bawahan")
def k301(ctx: Context):
    """Anggaran baris induk tidak sama dengan jumlah anggaran baris bawahannya.

    Memeriksa: untuk setiap baris yang disebut di kolom Induk oleh baris-baris lembar
    bawahan (yang Atasan-nya lembar ini), Anggaran induk sama dengan jumlah Anggaran bawahan.
    Saran: baris bawahan, atau angka induk sendiri, yang satu salah ketiknya menutup selisih
    tepat tanpa merusak pemeriksaan yang sudah benar; yang juga membuat serapan yang
    dilaporkan cocok disebut terkuatkan dan didahulukan, lalu menurut seringnya salah ketik
    (satu digit, dua digit tertukar, pemisah bergeser); bila beberapa sama kuat, saran
    disebut ambigu; bila tidak ada, tidak ada tebakan.
    Mengapa: pagu kegiatan atasan adalah jumlah pagu sub-kegiatan bawahannya; selisih berarti
    salah ketik atau ada baris yang terlewat.
    Contoh: Sekcam: anggaran 1.836.648.667, tetapi Kasubag Umum dan Kasubag Keuangan
    berjumlah 1.767.108.667; tidak ada satu salah ketik yang menjelaskan selisih 69.540.000,
    jadi tidak ada saran angka.
    Tindakan: cocokkan dengan DPA; perbaiki induk atau baris bawahan yang salah.
    """
    yield from _rollup_findings(ctx, "K301", "anggaran", "Anggaran")


@rule("K302", Level.GALAT, "realisasi anggaran induk tidak sama dengan jumlah bawahan")
def k302(ctx: Context):
    """Realisasi anggaran baris induk tidak sama dengan jumlah realisasi baris bawahannya.

    Memeriksa: seperti K301 (termasuk sarannya), untuk Realisasi Anggaran.
    Mengapa: realisasi atasan adalah jumlah realisasi bawahan; selisih biasanya satu digit
    salah ketik di salah satu baris.
    Contoh: Camat baris 1: 971.800.593, bawahan berjumlah 971.200.593 (selisih 600.000,
    tepat satu digit pada realisasi Kasi Pelayanan Umum 3.262.500 yang seharusnya 3.862.500).
    Tindakan: cocokkan dengan SP2D; perbaiki baris yang salah ketik.
    """
    yield from _rollup_findings(ctx, "K302", "realisasi_anggaran", "Realisasi anggaran")


def _sheet_hint(name: str, sheets: list[str]) -> str:
    """The closest sheet names (a typo such as 'Sekretaris' for 'Sekcam' is common); the
    whole list only when it is short."""
    import difflib

    close = difflib.get_close_matches(name, sheets, n=3, cutoff=0.5)
    if close:
        return "Mungkin maksudnya: " + ", ".join(f"'{s}'" for s in close) + "."
    if len(sheets) <= 12:
        return "Tulis salah satu nama lembar unit: " + ", ".join(sheets) + "."
    return "Tulis nama lembar unit atasannya persis seperti nama lembarnya."


@rule("K303", Level.GALAT, "Induk atau Atasan menunjuk yang tidak ada, atau Atasan berputar")
def k303(ctx: Context):
    """Induk atau Atasan menunjuk baris atau lembar yang tidak ada, atau Atasan berputar.

    Memeriksa: Atasan setiap unit adalah nama lembar unit di workbook ini, dan setiap Induk
    adalah No sebuah baris di lembar Atasan. Juga lintas unit: rantai Atasan tidak boleh
    kembali ke dirinya sendiri (A beratasan B, B beratasan A), karena lalu tidak ada unit
    puncak; Induk selalu menunjuk baris di lembar Atasan, jadi lingkaran Induk selalu juga
    lingkaran Atasan. Lingkaran ditandai sekali, di sel Atasan unit pertamanya, dengan
    seluruh lingkarannya.
    Mengapa: tanpa rujukan yang benar, penjumlahan ke atasan tidak dapat diperiksa.
    Contoh: Kasubag Umum dengan Atasan "Sekretaris" padahal lembarnya bernama "Sekcam";
    atau Camat diberi Atasan "Sekcam" sementara Sekcam beratasan Camat.
    Tindakan: tulis nama lembar atasan persis, dan No baris induk yang ada di lembar itu;
    unit puncak (Camat) tidak punya Atasan.
    """
    wb = ctx.workbook
    for cycle in atasan_cycles(wb):
        first = wb.unit(cycle[0])
        cell = first.header["Atasan"]
        loop = " → ".join([*cycle, cycle[0]])
        yield make("K303", cycle[0], cell.ref, row=cell.row, col=cell.col, dilaporkan=first.atasan,
                   seharusnya="rantai Atasan yang berakhir di unit puncak",
                   pesan=f"Atasan membentuk lingkaran: {loop}; tidak ada unit puncak, sehingga penjumlahan "
                         "ke atasan tidak bermakna.",
                   saran="Perbaiki Atasan salah satu unit di lingkaran ini; unit puncak dikosongkan Atasan-nya.",
                   extra={"id_key": "lingkaran"})
    atasan = atasan_sheets(wb)
    sheets = [u.sheet for u in wb.units]
    for unit in wb.units:
        name = unit.atasan
        if name and not atasan[unit.sheet]:
            cell = unit.header["Atasan"]
            yield make("K303", unit.sheet, cell.ref, row=cell.row, col=cell.col, dilaporkan=name,
                       seharusnya="nama lembar unit",
                       pesan=f"Atasan '{name}' bukan nama lembar di workbook ini.",
                       saran=_sheet_hint(name, sheets))
    numbers: dict[str, set[str]] = {}
    for r in rows(ctx):
        if r.no:
            numbers.setdefault(r.unit, set()).add(no_key(r.no))
    has_atasan = {u.sheet: bool(u.atasan) for u in wb.units}
    for r in rows(ctx):
        if not r.induk:
            continue
        parent = atasan.get(r.unit, "")
        if not parent:
            if not has_atasan.get(r.unit):
                problem = f"Induk {r.induk} diisi, tetapi unit ini tidak punya Atasan."
            else:
                continue  # the missing Atasan sheet is reported once, above
        elif no_key(r.induk) in numbers.get(parent, ()):
            continue
        else:
            problem = f"Induk {r.induk} bukan No baris di lembar '{parent}'."
        cell = r.induk_ref
        yield make("K303", r.unit, cell, row=r.row, col=0, indikator=r.indikator, dilaporkan=r.induk,
                   seharusnya="No baris di lembar Atasan", pesan=problem,
                   saran="Tulis No baris induk yang ada di lembar Atasan.")
