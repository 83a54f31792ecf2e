"""Consistent standard workbooks, generated: for mutation tests and benchmarks.

:func:`consistent_workbook` makes random units and indicators that are right in every
respect the rules check: capaian and serapan reported rounded half-up at 0-2 decimals,
both polarities, counts and percentages (some with Pembilang/Penyebut), every budget line
in a roll-up whose sums are exact (children with ``Induk`` under parents that are the sum
of them), valid and distinct NIPs, distinct indicators. Figures come in every form the
contract reads: text (``12 dok``, ``58,06%``, ``Rp. 3.262.500``), plain numbers (with the
unit in ``Satuan``) and percent-formatted cells (stored 0.5806, shown 58,06%).

:func:`to_model` turns the same data into the :class:`~kinerja_xlsx.model.Workbook` the
reader would return for the written file, without the file, so that a test can check
thousands of workbooks a minute (a test compares both ways on written files).

Pure and deterministic: the same arguments give the same workbook.
"""

from __future__ import annotations

import datetime as _dt
import random
from typing import Any

from . import labels
from .authoring import Num, UnitSheet
from .model import Cell, Column, Info, Row, Unit, Workbook
from .reader import parse_triwulan
from .rounding import round_half_up

SATUAN = ("dok", "laporan", "keluarga", "orang", "paket", "kegiatan", "desa", "unit")
BENDA = ("Dokumen Perencanaan", "Laporan Keuangan", "Keluarga Binaan", "Peserta Pelatihan", "Paket Logistik",
         "Kegiatan Koordinasi", "Desa Tertib Administrasi", "Sarana Kantor")
KASUS = ("Aduan Masyarakat yang Tertunda", "Kasus Keterlambatan Laporan", "Temuan Pemeriksaan")
TEXT, NUMBER, PERCENT_CELL = "teks", "angka", "sel persen"


def percent_text(value: float, decimals: int, sign: bool = True) -> str:
    """``58.06`` -> ``58,06%`` (no thousands separator: ``1.000%`` would read as 1%)."""
    text = f"{round_half_up(value, decimals):.{decimals}f}".replace(".", ",")
    return text + ("%" if sign else "")


def rupiah_text(value: float, decimals: int = 0) -> str:
    """``3262500`` -> ``3.262.500``; with decimals ``326.250,5``."""
    whole, _, frac = f"{round_half_up(value, decimals):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ".".join(groups) + ("," + frac if frac else "")


def percent_cell(value: float, decimals: int, style: str) -> Any:
    """A percentage written in ``style``: text, plain number or percent-formatted cell."""
    shown = round_half_up(value, decimals)
    if style == TEXT:
        return percent_text(shown, decimals)
    if style == NUMBER:
        return shown
    return Num(round(shown / 100, decimals + 2), "0" + ("." + "0" * decimals if decimals else "") + "%")


def rupiah_cell(value: float, style: str, decimals: int = 0) -> Any:
    if style == TEXT:
        return rupiah_text(value, decimals)
    if style == "rp":
        return "Rp. " + rupiah_text(value, decimals)
    return Num(round(value, decimals) if decimals else int(value), "#,##0" + ("." + "0" * decimals if decimals else ""))


def _nip(rng: random.Random, taken: set[str]) -> str:
    while True:
        birth = _dt.date(rng.randint(1962, 1998), rng.randint(1, 12), rng.randint(1, 28))
        tmt_year = min(birth.year + rng.randint(20, 34), 2023)
        nip = f"{birth:%Y%m%d} {tmt_year}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 999):03d}"
        if nip not in taken:
            taken.add(nip)
            return nip


def _hierarchy(rng: random.Random, n_units: int) -> list[int | None]:
    """The Atasan of each unit, as an index: unit 0 is the top, depth at most three."""
    parents: list[int | None] = [None]
    depth = [0]
    for k in range(1, n_units):
        middle = [j for j in range(1, k) if depth[j] == 1]
        parent = rng.choice(middle) if middle and rng.random() < 0.3 else 0
        parents.append(parent)
        depth.append(depth[parent] + 1)
    return parents


def _performance(rng: random.Random, unit: int, i: int, style: str) -> dict[str, Any]:
    """Target, realisasi and capaian of one indicator (reported rounded half-up)."""
    row: dict[str, Any] = {}
    negatif = rng.random() < 0.25
    d = rng.randint(0, 2)
    if not negatif and rng.random() < 0.35:  # a percentage indicator
        target = float(rng.choice((75, 80, 85, 90, 95, 100)))
        q = rng.randint(8, 200)
        p = rng.randint(max(1, q // 3), q)
        dr = rng.randint(0, 2)
        realisasi = round_half_up(p / q * 100, dr)
        row["Indikator Kinerja"] = f"Persentase {rng.choice(BENDA)} yang Ditindaklanjuti (unit {unit}, {i})"
        row["Target"] = percent_cell(target, 0, style)
        row["Realisasi"] = percent_cell(realisasi, dr, style)
        if style == NUMBER:
            row["Satuan"] = "%"
        if rng.random() < 0.5:
            row["Pembilang"], row["Penyebut"] = p, q
        capaian = realisasi / target * 100
    else:
        satuan = rng.choice(SATUAN)
        if negatif:
            target = rng.randint(2, 60)
            realisasi = rng.randint(-(-target // 2), target * 3 // 2)
            capaian = max(0.0, (2 * target - realisasi) / target * 100)
            row["Indikator Kinerja"] = f"Jumlah {rng.choice(KASUS)} (unit {unit}, {i})"
            row["Polaritas"] = "Negatif"
        else:
            target = rng.randint(1, 240)
            realisasi = rng.randint(1, target * 3 // 2)
            capaian = realisasi / target * 100
            row["Indikator Kinerja"] = f"Jumlah {rng.choice(BENDA)} (unit {unit}, {i})"
            if rng.random() < 0.5:
                row["Polaritas"] = "Positif"
        if style == TEXT:
            row["Target"], row["Realisasi"] = f"{target} {satuan}", f"{realisasi} {satuan}"
        else:
            row["Target"], row["Realisasi"], row["Satuan"] = target, realisasi, satuan
    row["Capaian (%)"] = percent_cell(capaian, d, style)
    return row


def _budget(rng: random.Random) -> tuple[int, int]:
    if rng.random() < 0.7:
        anggaran = rng.randint(10, 30_000) * 1000
    else:
        anggaran = rng.randint(1_000_000, 3_000_000_000)
    spent = round(anggaran * rng.uniform(0.05, 1.0))
    if rng.random() < 0.5:
        spent = min(anggaran, round(spent, -2))
    return anggaran, max(spent, 1)


def consistent_workbook(n_units: int, n_indicators: int, seed: int) -> tuple[dict[str, Any], list[UnitSheet]]:
    """A standard workbook with nothing to find: ``(info, units)`` for
    :func:`~kinerja_xlsx.authoring.write_workbook` or :func:`to_model`."""
    rng = random.Random(seed)
    triwulan = rng.choice(("I", "II", "III", "IV"))
    info = {"Pemerintah": "Pemerintah Kabupaten Sintetis", "Instansi": f"Kecamatan Uji {seed}", "Tahun": 2024,
            "Triwulan": triwulan, "Tempat": "Uji",
            "Tanggal Laporan": _dt.date(2024, 3 * parse_triwulan(triwulan), 10)}
    parents = _hierarchy(rng, n_units)
    names = ["Camat"] + [f"Unit {k:04d}" for k in range(1, n_units)]
    styles = [[rng.choice((TEXT, NUMBER, PERCENT_CELL)) for _ in range(n_indicators)] for _ in range(n_units)]
    rupiah_styles = [[rng.choice((TEXT, "rp", NUMBER)) for _ in range(n_indicators)] for _ in range(n_units)]
    rows = [[_performance(rng, k, i + 1, styles[k][i]) for i in range(n_indicators)] for k in range(n_units)]

    # budget lines: every line of a lower unit rolls up into a line of its Atasan; a line
    # with children is exactly their sum; a top line without children has no budget
    budget: list[list[tuple[int, int] | None]] = [[None] * n_indicators for _ in range(n_units)]
    induk: list[list[int | None]] = [[None] * n_indicators for _ in range(n_units)]
    children: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in range(1, n_units):
        for i in range(n_indicators):
            if rng.random() < 0.85:
                induk[k][i] = rng.randrange(n_indicators)
                children.setdefault((parents[k], induk[k][i]), []).append((k, i))
    for k in reversed(range(n_units)):
        for i in range(n_indicators):
            kids = [budget[c][j] for c, j in children.get((k, i), []) if budget[c][j] is not None]
            if kids:
                budget[k][i] = (sum(a for a, _ in kids), sum(r for _, r in kids))
            elif k > 0 and induk[k][i] is not None and not children.get((k, i)):
                budget[k][i] = _budget(rng)

    taken: set[str] = set()
    units = []
    for k in range(n_units):
        table = []
        for i in range(n_indicators):
            row = {"No": str(i + 1) if rng.random() < 0.7 else i + 1, "Sasaran": f"Sasaran {i + 1}", **rows[k][i]}
            if induk[k][i] is not None:
                row["Induk"] = induk[k][i] + 1
            if budget[k][i] is None:
                row["Anggaran"] = row["Realisasi Anggaran"] = row["Serapan (%)"] = "-"
            else:
                anggaran, spent = budget[k][i]
                style = rupiah_styles[k][i]
                row["Anggaran"], row["Realisasi Anggaran"] = rupiah_cell(anggaran, style), rupiah_cell(spent, style)
                row["Serapan (%)"] = percent_cell(spent / anggaran * 100, rng.randint(0, 2), styles[k][i])
            table.append(row)
        header = {"Jabatan": f"Kepala {names[k]}", "Nama": f"PEJABAT {k}", "NIP": _nip(rng, taken),
                  "Atasan": names[parents[k]] if parents[k] is not None else None,
                  "Tugas": "membantu atasan", "Fungsi": "Fungsi satu\nFungsi dua", "Faktor": "Faktor satu",
                  "Rencana Tindak Lanjut": "Tindak lanjut satu", "Tanggapan Atasan": "Laporan sudah baik"}
        units.append(UnitSheet(sheet=names[k], header=header, rows=table))
    return info, units


# --- the workbook as the reader returns it, without writing the file ------------------

def _cell(sheet: str, row: int, col: int, value: Any) -> Cell:
    if isinstance(value, Num):
        return Cell(sheet, row, col, value.value, value.number_format)
    if isinstance(value, (_dt.date, _dt.datetime)):
        value = value if isinstance(value, _dt.datetime) else _dt.datetime(value.year, value.month, value.day)
        return Cell(sheet, row, col, value, "d mmmm yyyy")
    return Cell(sheet, row, col, value)


def to_model(info: dict[str, Any], units: list[UnitSheet], path: str = "<sintetis>") -> Workbook:
    """The :class:`Workbook` that reading ``write_workbook(path, info, units)`` gives
    (the layout of :func:`~kinerja_xlsx.authoring.write_unit`)."""
    info_cells = {key: _cell(labels.INFO_SHEET, r, 2, value) for r, (key, value) in enumerate(info.items(), 1)}
    all_info = [c for r, (key, value) in enumerate(info.items(), 1)
                for c in (_cell(labels.INFO_SHEET, r, 1, key), info_cells[key])]
    tanggal = info["Tanggal Laporan"]
    model_info = Info(pemerintah=info["Pemerintah"], instansi=info["Instansi"], tahun=int(info["Tahun"]),
                      triwulan=parse_triwulan(info["Triwulan"]), tempat=info["Tempat"],
                      tanggal=tanggal if not isinstance(tanggal, _dt.datetime) else tanggal.date(), cells=info_cells)
    model_units = []
    for unit in units:
        header: dict[str, Cell] = {}
        other: list[Cell] = []
        r = 0
        for r, (key, value) in enumerate(unit.header.items(), 1):
            other.append(_cell(unit.sheet, r, 1, key))
            value_cell = _cell(unit.sheet, r, 2, value)
            if value is not None:
                other.append(value_cell)
            if labels.unit_key(key):
                header.setdefault(labels.unit_key(key), value_cell)
        header_row = r + 2
        columns = []
        taken = set()
        for col, name in enumerate(unit.columns, 1):
            canonical = labels.column_for(name)
            if canonical in taken:
                canonical = None
            taken.add(canonical)
            columns.append(Column(name, canonical, col))
            other.append(_cell(unit.sheet, header_row, col, name))
        table = []
        for offset, data in enumerate(unit.rows, 1):
            cells = {col: _cell(unit.sheet, header_row + offset, col, data[name])
                     for col, name in enumerate(unit.columns, 1) if data.get(name) is not None}
            table.append(Row(header_row + offset, cells))
        model_units.append(Unit(sheet=unit.sheet, header=header, columns=columns, header_row=header_row,
                                rows=table, other_cells=other))
    return Workbook(path=path, info=model_info, info_cells=all_info, units=model_units,
                    sheet_order=[labels.INFO_SHEET, *(u.sheet for u in units)])


__all__ = ["consistent_workbook", "to_model", "percent_cell", "rupiah_cell", "percent_text", "rupiah_text",
           "TEXT", "NUMBER", "PERCENT_CELL"]
