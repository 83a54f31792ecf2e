"""What the reports show, as plain picklable data, computed from a :class:`Result`.

Pure: no ReportLab here. :func:`unit_reports` gives one :class:`UnitReport` per unit in
hierarchy order, every figure already formatted the Indonesian way; :func:`recap` the
recapitulation. Rendering (and a process pool, later) needs nothing else.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .. import fmt, labels
from ..findings import Finding
from ..values import Kind
from .texts import Texts, fill, load_texts

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")


@dataclass(frozen=True)
class Person:
    jabatan: str
    nama: str
    nip: str


@dataclass(frozen=True)
class Header:
    """The workbook's Info, formatted."""

    pemerintah: str
    instansi: str
    tahun: str
    triwulan: str  # roman: "II"
    tempat: str
    tanggal: str  # "14 Juli 2023"
    berkas: str  # the findings file the Catatan Koreksi refers to

    def values(self) -> dict[str, str]:
        return {"pemerintah": self.pemerintah, "instansi": self.instansi, "tahun": self.tahun,
                "triwulan": self.triwulan, "tempat": self.tempat, "tanggal": self.tanggal}


@dataclass(frozen=True)
class Correction:
    """One line of the Catatan Koreksi; ``nomor`` is the mark in the tables."""

    nomor: int
    kode: str
    sel: str  # "G12"
    indikator: str
    kolom: str  # "Capaian", "Serapan", "Realisasi", ...
    dilaporkan: str
    menjadi: str  # the figure now shown, or the "tetap" word for noted findings
    alasan: str
    diubah: bool  # True: the figure in the table changed; False: noted only
    field: str = ""  # the table figure it changes: "capaian" or "serapan" (marks the cell)


@dataclass(frozen=True)
class Line:
    """One indicator, every figure a display string."""

    no: str
    sasaran: str
    indikator: str
    target: str
    realisasi: str
    capaian: str  # computed, "-" where not computable
    predikat: str
    anggaran: str
    realisasi_anggaran: str
    serapan: str  # computed
    keterangan: str
    pembilang: str = ""
    penyebut: str = ""
    rumus_hasil: str = ""  # Pembilang / Penyebut x 100, formatted
    marks: tuple[tuple[str, int], ...] = ()  # (field, correction number): ("capaian", 1)
    realisasi_kosong: bool = False

    def mark(self, field: str) -> tuple[int, ...]:
        return tuple(n for k, n in self.marks if k == field)


@dataclass(frozen=True)
class UnitReport:
    order: int  # 1-based hierarchy order
    depth: int
    sheet: str
    file_name: str
    header: Header
    person: Person
    atasan: Person | None
    tugas: str
    fungsi: tuple[str, ...]
    faktor: tuple[str, ...]
    rencana: tuple[str, ...]
    tanggapan: str  # the standard option chosen, "" when none
    tanggapan_teks: str  # as typed
    lines: tuple[Line, ...]
    corrections: tuple[Correction, ...]
    jumlah_anggaran: str
    jumlah_realisasi: str
    jumlah_serapan: str

    def values(self) -> dict[str, str]:
        values = self.header.values()
        values.update(jabatan=self.person.jabatan, nama=self.person.nama, nip=self.person.nip,
                      tugas=self.tugas)
        return values


@dataclass(frozen=True)
class RecapRow:
    order: int
    sheet: str
    jabatan: str
    indikator: int
    rata_capaian: float | None
    predikat: str
    anggaran: float | None
    realisasi: float | None
    serapan: float | None
    galat: int
    peringatan: int
    info: int


@dataclass(frozen=True)
class Recap:
    header: Header
    rows: tuple[RecapRow, ...]
    total: RecapRow
    predikat_counts: tuple[tuple[str, int], ...]  # over indicators, best first
    points: tuple[tuple[float, float, str], ...]  # (serapan, capaian, efisiensi kategori) per indicator
    efisiensi_counts: tuple[tuple[str, int], ...]
    file_name: str = ""


# --- small pure helpers -------------------------------------------------------------

def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x) -> float | None:
    return None if _missing(x) else float(x)


def tanggal(date) -> str:
    """``2023-07-14`` -> ``14 Juli 2023``."""
    return f"{date.day} {BULAN[date.month - 1]} {date.year}"


def safe_name(sheet: str, limit: int = 60) -> str:
    """A sheet name made safe for every file system: ``Kasi PMD`` -> ``Kasi_PMD``."""
    ascii_ = unicodedata.normalize("NFKD", sheet).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", ascii_).strip("._-")
    return name[:limit].rstrip("._-") or "Unit"


def number_width(count: int) -> int:
    """Digits of the order prefix: 2 at least, and room for the recap's all-nines prefix."""
    return max(2, len(str(count + 1)))


def unit_file_name(order: int, sheet: str, width: int) -> str:
    return f"{order:0{width}d}_{safe_name(sheet)}.pdf"


def book_file_name(width: int) -> str:
    return f"{'0' * width}_Buku_Laporan_Kinerja.pdf"


def recap_file_name(width: int) -> str:
    return f"{'9' * width}_Rekapitulasi.pdf"


def atasan_links(units) -> tuple[list, dict[str, list]]:
    """The top units (no Atasan, or one that names no other sheet) and each unit's
    subordinates by its casefolded sheet name, both in workbook order."""
    names = {u.sheet.casefold() for u in units}
    children: dict[str, list] = {}
    roots = []
    for unit in units:
        parent = unit.atasan.strip().casefold()
        if parent and parent in names and parent != unit.sheet.casefold():
            children.setdefault(parent, []).append(unit)
        else:
            roots.append(unit)
    return roots, children


def hierarchy(units) -> list[tuple[object, int]]:
    """Top units (no Atasan, or an Atasan that names no sheet) first, then depth-first by
    Atasan, siblings in workbook order. Returns (unit, depth). Cycles cannot loop: a unit
    caught in one is appended, in workbook order, as a top unit. Walked with a stack: a
    chain of Atasan may be thousands deep, past Python's recursion limit."""
    roots, children = atasan_links(units)
    ordered: list[tuple[object, int]] = []
    seen: set[str] = set()
    for top in [*roots, *units]:  # then the units of an Atasan cycle
        stack = [(top, 0)]
        while stack:
            unit, depth = stack.pop()
            key = unit.sheet.casefold()
            if key in seen:
                continue
            seen.add(key)
            ordered.append((unit, depth))
            stack.extend((child, depth + 1) for child in reversed(children.get(key, [])))
    return ordered


def _cell_text(value, cell, text: str) -> str:
    """A figure as the office typed it; a number stored as a number in Indonesian format."""
    raw = getattr(cell, "value", None)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and value.kind is Kind.NUMBER:
        if value.percent:
            return fmt.persen(value.number, value.decimals)
        return fmt.angka(value.number)
    return text.strip()


def _shown_figure(record, field: str) -> str:
    value = record[f"{field}_val"]
    if value.kind in (Kind.EMPTY, Kind.DASH):
        return "-"
    return _cell_text(value, record[f"{field}_cell"], value.text)


def _rupiah_figure(record, field: str) -> str:
    value = record[f"{field}_val"]
    if value.kind is Kind.NUMBER:
        return fmt.rupiah(value.number)
    if value.kind in (Kind.EMPTY, Kind.DASH):
        return "-"
    return value.text.strip()  # unreadable: shown as typed, a finding says why


# The computed figure each correcting finding replaces in the tables.
CHANGED_FIELD = {"K101": "capaian", "K102": "capaian", "K201": "serapan", "K202": "serapan"}


def _column_of(address: str) -> str:
    return address.rsplit("!", 1)[-1]


def _decimals(record, field: str) -> int | None:
    """The decimals the office wrote (``58,60`` keeps its zero); None for a compound sum."""
    d = record.get(f"{field}_dec", -1)
    return None if d is None or d < 0 or record.get("majemuk_terverifikasi") else int(d)


def _rumus(kode: str, record) -> str:
    """The formula behind a finding, from the row's own numbers."""
    if kode in ("K101", "K102"):
        t = fmt.angka(record["target"], _decimals(record, "target"))
        r = fmt.angka(record["realisasi"], _decimals(record, "realisasi"))
        if record["negatif"]:
            return f"(2 × {t} − {r}) / {t} × 100 = {fmt.persen(record['capaian'])}"
        return f"{r} / {t} × 100 = {fmt.persen(record['capaian'])}"
    if kode in ("K201", "K202"):
        return (f"{fmt.rupiah(record['realisasi_anggaran'])} / {fmt.rupiah(record['anggaran'])} × 100 = "
                f"{fmt.persen(record['serapan'])}")
    if kode == "K107" and not (_missing(record["pembilang"]) or _missing(record["penyebut"])) and record["penyebut"]:
        p, q = record["pembilang"], record["penyebut"]
        return f"{fmt.angka(p)} / {fmt.angka(q)} × 100 = {fmt.persen(p / q * 100)}"
    return ""


def corrections_for(findings: list[Finding], records_by_row: dict[int, dict],
                    texts: Texts) -> list[tuple[Correction, int]]:
    """The Catatan Koreksi of one unit, each with its sheet row: changed figures first
    (numbered in table order), then noted ones."""
    section = texts["koreksi"]
    changed_codes, noted_codes = section["kode_diubah"], section["kode_dicatat"]
    reasons, columns = section["alasan"], section["kolom_temuan"]
    chosen = [f for f in findings if f.kode in changed_codes or f.kode in noted_codes]
    chosen.sort(key=lambda f: (f.kode not in changed_codes, f.row, f.col, f.kode))
    out = []
    for nomor, f in enumerate(chosen, start=1):
        record = records_by_row.get(f.row)
        changed = f.kode in changed_codes
        rumus = _rumus(f.kode, record) if record is not None else ""
        field = CHANGED_FIELD.get(f.kode, "") if changed else ""
        menjadi = f.seharusnya if changed else section["tetap"]
        if field and record is not None:  # the figure exactly as the table now shows it
            menjadi = fmt.persen(record[field])
        template = reasons.get(f.kode, reasons["lain"])
        out.append((Correction(
            nomor=nomor, kode=f.kode, sel=_column_of(f.sel), indikator=f.indikator,
            kolom=columns.get(f.kode, ""), dilaporkan=f.dilaporkan, menjadi=menjadi,
            alasan=fill(template, {"rumus": rumus, "dilaporkan": f.dilaporkan, "seharusnya": f.seharusnya}),
            diubah=changed, field=field), f.row))
    return out


def _line(record, marks) -> Line:
    capaian = num(record["capaian"])
    p, q = num(record["pembilang"]), num(record["penyebut"])
    rumus_hasil = fmt.persen(p / q * 100) if p is not None and q else ""
    return Line(
        no=record["no"], sasaran=record["sasaran"], indikator=record["indikator"],
        target=_shown_figure(record, "target"), realisasi=_shown_figure(record, "realisasi"),
        capaian=fmt.persen(capaian), predikat=record["predikat"] or "",
        anggaran=_rupiah_figure(record, "anggaran"),
        realisasi_anggaran=_rupiah_figure(record, "realisasi_anggaran"),
        serapan=fmt.persen(num(record["serapan"])), keterangan=record["keterangan"],
        pembilang=_shown_figure(record, "pembilang") if p is not None else "",
        penyebut=_shown_figure(record, "penyebut") if q is not None else "",
        rumus_hasil=rumus_hasil, marks=tuple(marks),
        realisasi_kosong=record["realisasi_kind"] in (Kind.EMPTY.value, Kind.DASH.value))


def header_of(result, berkas: str = "") -> Header:
    info = result.workbook.info
    return Header(pemerintah=info.pemerintah, instansi=info.instansi, tahun=str(info.tahun),
                  triwulan=info.triwulan_roman, tempat=info.tempat, tanggal=tanggal(info.tanggal),
                  berkas=berkas)


def unit_reports(result, texts: Texts | None = None, berkas: str = "") -> list[UnitReport]:
    """One report per unit, in hierarchy order, with its file name."""
    return list(iter_unit_reports(result, texts, berkas))


def iter_unit_reports(result, texts: Texts | None = None, berkas: str = ""):
    """:func:`unit_reports` one at a time, each made when it is asked for: a pool draws the
    first units while the others are made."""
    from ..frame import records  # pandas: not loaded by a worker that only draws the reports

    texts = texts or load_texts()
    workbook = result.workbook
    header = header_of(result, berkas)
    ordered = hierarchy(workbook.units)
    width = number_width(len(ordered))
    by_unit: dict[str, list[dict]] = {}
    for record in records(result.frame):
        by_unit.setdefault(record["unit"], []).append(record)
    findings_by_unit: dict[str, list[Finding]] = {}
    for f in result.findings:
        findings_by_unit.setdefault(f.unit, []).append(f)

    for order, (unit, depth) in enumerate(ordered, start=1):
        records = by_unit.get(unit.sheet, [])
        records_by_row = {r["row"]: r for r in records}
        numbered = corrections_for(findings_by_unit.get(unit.sheet, []), records_by_row, texts)
        corrections = [c for c, _ in numbered]
        marks: dict[int, list[tuple[str, int]]] = {}
        for c, row in numbered:
            if c.field:
                marks.setdefault(row, []).append((c.field, c.nomor))
        lines = tuple(_line(r, marks.get(r["row"], ())) for r in records)

        superior = None
        if unit.atasan:
            boss = workbook.unit(unit.atasan)
            if boss is not None and boss.sheet.casefold() != unit.sheet.casefold():
                superior = Person(boss.jabatan, boss.nama, boss.nip)
            else:
                superior = Person(unit.atasan, "", "")
        typed = unit.key("Tanggapan Atasan")
        anggaran = sum(r["anggaran"] for r in records if not _missing(r["anggaran"]))
        realisasi = sum(r["realisasi_anggaran"] for r in records if not _missing(r["realisasi_anggaran"]))
        has_budget = any(not _missing(r["anggaran"]) for r in records)
        yield UnitReport(
            order=order, depth=depth, sheet=unit.sheet, file_name=unit_file_name(order, unit.sheet, width),
            header=header, person=Person(unit.jabatan, unit.nama, unit.nip), atasan=superior,
            tugas=unit.key("Tugas"), fungsi=tuple(unit.lines("Fungsi")), faktor=tuple(unit.lines("Faktor")),
            rencana=tuple(unit.lines("Rencana Tindak Lanjut")),
            tanggapan=(labels.tanggapan_option(typed) or "") if typed else "", tanggapan_teks=typed,
            lines=lines, corrections=tuple(corrections),
            jumlah_anggaran=fmt.rupiah(anggaran) if has_budget else "-",
            jumlah_realisasi=fmt.rupiah(realisasi) if has_budget else "-",
            jumlah_serapan=fmt.persen(realisasi / anggaran * 100) if has_budget and anggaran > 0 else "-",
        )


def recap(result, berkas: str = "") -> Recap:
    """The recapitulation, in the reports' (hierarchy) order, from ``result.summary``. It needs
    no unit report: the recap is drawn while they are made."""
    summary = result.summary
    counts: dict[str, Counter] = {}
    for f in result.findings:
        counts.setdefault(f.unit, Counter())[f.tingkat.value] += 1
    everything = Counter(f.tingkat.value for f in result.findings)

    def row_of(order: int, sheet: str, jabatan: str, s, c: Counter) -> RecapRow:
        return RecapRow(order=order, sheet=sheet, jabatan=jabatan, indikator=int(s["indikator"]),
                        rata_capaian=num(s["rata_capaian"]), predikat=s["predikat"] or "",
                        anggaran=num(s["anggaran"]), realisasi=num(s["realisasi_anggaran"]),
                        serapan=num(s["serapan"]), galat=c["Galat"], peringatan=c["Peringatan"],
                        info=c["Info"])

    ordered = [unit for unit, _ in hierarchy(result.workbook.units)]
    # the summary's rows by name, read at once (a row at a time, 500 units took 0,025 s)
    by_name = dict(zip(summary.index, summary.to_dict("records")))
    rows = tuple(row_of(order, u.sheet, u.jabatan, by_name[u.sheet], counts.get(u.sheet, Counter()))
                 for order, u in enumerate(ordered, start=1))
    total = row_of(0, "Total", "", by_name["Total"], everything)
    frame = result.frame
    bands = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
    predikat_counts = Counter(frame["predikat"]) if len(frame) else Counter()
    points = []
    if len(frame):
        both = frame[["serapan", "capaian_dinilai", "efisiensi_kategori"]].dropna(subset=["capaian_dinilai", "serapan"])
        points = [(float(s), float(c), k) for s, c, k in
                  zip(both["serapan"], both["capaian_dinilai"], both["efisiensi_kategori"])]
    kategori = ("Efisien", "Cukup", "Tidak Efisien")
    efisiensi = Counter(k for _, _, k in points)
    width = number_width(len(ordered))
    return Recap(header=header_of(result, berkas), rows=rows, total=total,
                 predikat_counts=tuple((b, int(predikat_counts.get(b, 0))) for b in bands),
                 points=tuple(points), efisiensi_counts=tuple((k, efisiensi.get(k, 0)) for k in kategori),
                 file_name=recap_file_name(width))


__all__ = ["Person", "Header", "Correction", "Line", "UnitReport", "Recap", "RecapRow", "unit_reports",
           "iter_unit_reports", "recap", "hierarchy", "safe_name", "unit_file_name", "book_file_name",
           "recap_file_name", "number_width", "tanggal"]
