"""Rules on cells as stored (K404-K411): a figure that cannot be read, and input that is read
but must not pass unseen: hidden sheets, hidden rows and columns, merged cells, huge texts,
content outside the indicator table.

Nothing here changes what is computed: the reader has already processed every hidden
sheet and row (never skipped) and copied a merged Sasaran, Satuan, Polaritas or Induk down
to each row it covers; these rules only make that visible, each with its cell.
"""

from __future__ import annotations

import datetime as _dt

from ..a1 import column_letter, range_bounds
from ..findings import Level
from ..frame import FIGURES, TEXTS
from ..labels import GUIDE_SHEET, TABLE_MARKER, norm
from ..model import Cell, Unit, quote_sheet
from ..reader import MERGED_FILL_COLUMNS
from ..values import Kind, is_excel_error
from . import Context, make, rule, rows

# Figure fields where words are not a number (for Target and Realisasi words are K104).
NEEDS_NUMBER = ("capaian_dilaporkan", "anggaran", "realisasi_anggaran", "serapan_dilaporkan", "pembilang",
                "penyebut")
FIGURE_COLUMNS = tuple(column for column, _ in FIGURES.values())
LONG_TEXT_TABLE = 1_000  # characters in an indicator-table cell
LONG_TEXT_OTHER = 5_000  # characters in a header-block or other cell (Tugas, Fungsi, ...)
EXCEL_TEXT_LIMIT = 32_767  # what one Excel cell can hold


def _ref(sheet: str, row: int, col: int) -> str:
    return f"{quote_sheet(sheet)}!{column_letter(max(col, 1))}{max(row, 1)}"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _date_text(value) -> str:
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0, 0):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _is_date(value) -> bool:
    return isinstance(value, (_dt.datetime, _dt.date, _dt.time))


def _unreadable(cell: Cell, column: str) -> str | None:
    """Why a cell holds no readable value, or None."""
    if cell.uncached:
        return (f"{column} berisi rumus {cell.formula} tanpa nilai tersimpan (berkas disimpan oleh program yang "
                "tidak menghitung rumus); nilainya tidak dibaca, juga tidak sebagai 0.")
    value = cell.value
    if isinstance(value, str) and is_excel_error(value):
        if cell.formula:
            return f"{column}: rumus {cell.formula} menghasilkan galat {cell.value.strip()}."
        return f"{column} berisi galat {cell.value.strip()}."
    return None


_FIGURE_KEYS = tuple((field, column, f"{field}_cell", f"{field}_val") for field, (column, _) in FIGURES.items())


@rule("K404", Level.GALAT, "sel tidak terbaca")
def k404(ctx: Context):
    """Sel tidak terbaca: galat rumus, rumus tanpa nilai tersimpan, atau teks/tanggal di tempat angka.

    Memeriksa: setiap sel angka (Target, Realisasi, Capaian, Anggaran, Realisasi Anggaran,
    Serapan, Pembilang, Penyebut) berisi nilai yang terbaca: bukan galat rumus (#DIV/0!,
    #REF!, ...), bukan rumus yang tidak punya nilai tersimpan, bukan tanggal, dan (selain
    Target dan Realisasi, yang diperiksa K104) bukan kata-kata. Sel teks di kepala lembar
    dan di tabel (Nama, NIP, Indikator, ...) yang berisi galat atau rumus tanpa nilai juga
    ditandai.
    Mengapa: nilai yang tidak terbaca tidak pernah ditebak, juga tidak dianggap 0; tanpa
    tanda, baris itu diam-diam tidak dihitung. Rumus tanpa nilai tersimpan muncul bila
    berkas disimpan oleh program yang tidak menghitung rumus; tanggal muncul bila Excel
    mengubah ketikan seperti 1/2 atau 3-4 menjadi tanggal.
    Contoh: Serapan "=I12/H12*100" dengan Anggaran 0 tersimpan sebagai #DIV/0!; Realisasi
    "1/2" yang oleh Excel menjadi tanggal 01-02-2023; Anggaran "belum ada".
    Tindakan: perbaiki rumusnya atau ketik angkanya langsung; buka dan simpan ulang berkas
    di Excel agar rumus dihitung; format sel angka sebagai Teks atau Angka, bukan Tanggal.
    """
    for r in rows(ctx):
        for field, column, cell_key, val_key in _FIGURE_KEYS:
            cell: Cell | None = getattr(r, cell_key)
            if cell is None:
                continue
            value = getattr(r, val_key)
            if value.kind is Kind.NUMBER and not cell.uncached:  # read as a number: nothing to say
                continue
            reason = _unreadable(cell, column)
            saran = "Perbaiki rumusnya atau ketik angkanya langsung, lalu simpan di Excel."
            shown = cell.formula if cell.uncached else value.text
            if reason is None and value.kind is Kind.ERROR:
                reason = f"{column} berisi galat {value.text}."
            if reason is None and _is_date(cell.value):
                shown = _date_text(cell.value)
                reason = (f"{column} berisi tanggal {shown}, bukan angka (Excel mengubah ketikan seperti 1/2 atau "
                          "3-4 menjadi tanggal).")
                saran = "Format sel sebagai Teks atau Angka, lalu ketik ulang angkanya."
            if reason is None and field in NEEDS_NUMBER and value.kind in (Kind.TEXT, Kind.COMPOUND):
                reason = f"{column} '{_short(value.text)}' bukan angka; nilainya tidak dapat dihitung."
                saran = f"Tulis {column} sebagai satu angka, atau '-' bila memang tidak ada."
            if reason is None:
                continue
            yield make("K404", r.unit, cell.ref, row=cell.row, col=cell.col, indikator=r.indikator,
                       dilaporkan=_short(shown or "(kosong)", 200), seharusnya="angka", pesan=reason, saran=saran,
                       extra={"id_key": field})
    for unit in ctx.workbook.units:
        for key, cell in unit.header.items():
            reason = _unreadable(cell, key)
            if reason:
                yield make("K404", unit.sheet, cell.ref, row=cell.row, col=cell.col,
                           dilaporkan=_short(cell.formula if cell.uncached else cell.text, 200),
                           seharusnya=f"isi {key}", pesan=reason,
                           saran="Ketik isinya langsung, atau buka dan simpan ulang berkas di Excel.",
                           extra={"id_key": key})
        for row in unit.rows:
            for column in unit.columns:
                if column.canonical in FIGURE_COLUMNS:
                    continue
                cell = row.cells.get(column.col)
                reason = _unreadable(cell, column.name) if cell is not None else None
                if reason:
                    indikator = _indikator(unit, row.cells)
                    yield make("K404", unit.sheet, cell.ref, row=cell.row, col=cell.col, indikator=indikator,
                               dilaporkan=_short(cell.formula if cell.uncached else cell.text, 200),
                               seharusnya=f"isi {column.name}", pesan=reason,
                               saran="Ketik isinya langsung, atau buka dan simpan ulang berkas di Excel.",
                               extra={"id_key": column.name})


def _indikator(unit: Unit, cells: dict[int, Cell]) -> str:
    column = unit.column(TEXTS["indikator"])
    cell = cells.get(column.col) if column else None
    return cell.text.strip() if cell is not None else ""


@rule("K405", Level.PERINGATAN, "lembar tersembunyi")
def k405(ctx: Context):
    """Lembar tersembunyi: tetap diproses dan ditandai.

    Memeriksa: lembar unit dan lembar Info yang disembunyikan (hidden atau veryHidden) di
    workbook masukan.
    Mengapa: isi yang tersembunyi mudah terlewat oleh pemeriksa dan penanda tangan; pengolah
    tidak pernah melewatinya diam-diam. Lembar itu dihitung, diperiksa, dan ditampilkan di
    workbook terkoreksi.
    Contoh: lembar "Kasi Trantib" disembunyikan, tetapi anggarannya tetap masuk penjumlahan
    ke lembar Sekcam.
    Tindakan: tampilkan lembar itu (klik kanan tab > Unhide) bila memang bagian laporan;
    hapus bila tidak.
    """
    units = {u.sheet for u in ctx.workbook.units if u.hidden}
    for name in ctx.workbook.hidden_sheets:
        if norm(name) == norm(GUIDE_SHEET):
            continue
        is_unit = name in units
        if not is_unit and norm(name) != "info":
            continue
        what = "lembar unit" if is_unit else "lembar Info"
        yield make("K405", name, _ref(name, 1, 1), row=0, col=0, dilaporkan="tersembunyi", seharusnya="terlihat",
                   pesan=f"{what.capitalize()} '{name}' disembunyikan di workbook masukan; tetap diproses dan "
                         "ditampilkan di workbook terkoreksi.",
                   saran="Tampilkan lembar itu (klik kanan tab > Unhide) bila memang bagian laporan; hapus bila tidak.")


def _all_cells(unit: Unit):
    yield from unit.header.values()
    yield from unit.other_cells
    for row in unit.rows:
        yield from row.cells.values()


@rule("K406", Level.PERINGATAN, "baris atau kolom tersembunyi")
def k406(ctx: Context):
    """Baris atau kolom tersembunyi yang berisi: tetap diproses dan ditandai.

    Memeriksa: baris dan kolom yang disembunyikan (atau tertutup kelompok/outline) di lembar
    unit dan berisi sesuatu.
    Mengapa: indikator atau angka di baris tersembunyi tetap dihitung (tidak pernah
    dilewati), tetapi tidak terlihat oleh yang membaca laporan di Excel; selisih penjumlahan
    jadi sulit dijelaskan.
    Contoh: baris 14 lembar Camat (indikator kedua) disembunyikan; kolom Pembilang
    disembunyikan.
    Tindakan: tampilkan baris atau kolom itu (pilih sekelilingnya, klik kanan > Unhide) dan
    periksa isinya; hapus bila memang tidak dipakai.
    """
    for unit in ctx.workbook.units:
        if not unit.hidden_rows and not unit.hidden_cols:
            continue
        by_row: dict[int, list[Cell]] = {}
        by_col: dict[int, list[Cell]] = {}
        for cell in _all_cells(unit):
            if cell.value is None and not cell.uncached:
                continue
            by_row.setdefault(cell.row, []).append(cell)
            if cell.row != unit.header_row:  # a hidden column with only its title hides nothing
                by_col.setdefault(cell.col, []).append(cell)
        table_rows = {r.row: r for r in unit.rows}
        for number in sorted(unit.hidden_rows & set(by_row)):
            first = min(by_row[number], key=lambda c: c.col)
            row = table_rows.get(number)
            what = "indikator" if row is not None else "isian"
            yield make("K406", unit.sheet, first.ref, row=number, col=first.col,
                       indikator=_indikator(unit, row.cells) if row is not None else "",
                       dilaporkan=f"baris {number} tersembunyi", seharusnya="terlihat",
                       pesan=f"Baris {number} berisi {what} tetapi disembunyikan; tetap diproses dan ditampilkan di "
                             "workbook terkoreksi.",
                       saran="Tampilkan baris itu (Unhide) dan periksa isinya.", extra={"id_key": f"baris {number}"})
        names = {c.col: c.name for c in unit.columns}
        for col in sorted(unit.hidden_cols & set(by_col)):
            letter = column_letter(col)
            first = min(by_col[col], key=lambda c: c.row)
            label = f"kolom {letter}" + (f" ({names[col]})" if col in names else "")
            yield make("K406", unit.sheet, first.ref, row=first.row, col=col,
                       dilaporkan=f"{label} tersembunyi", seharusnya="terlihat",
                       pesan=f"{label[0].upper() + label[1:]} berisi data tetapi disembunyikan; tetap diproses dan "
                             "ditampilkan di workbook terkoreksi.",
                       saran="Tampilkan kolom itu (Unhide) dan periksa isinya.", extra={"id_key": f"kolom {letter}"})


def _merges_in_table(unit: Unit):
    """(coord, min_col, min_row, max_col, max_row) of each merged range touching the table."""
    last = max((r.row for r in unit.rows), default=unit.header_row)
    for coord in unit.merged:
        try:
            min_col, min_row, max_col, max_row = range_bounds(coord)
        except (ValueError, TypeError):
            continue
        if None in (min_col, min_row, max_col, max_row):
            continue
        if max_row < unit.header_row or min_row > last:
            continue
        yield coord, min_col, min_row, max_col, max_row


def _fills_down(unit: Unit, min_col: int, min_row: int, max_col: int) -> bool:
    """A merge the reader copied down: one text column, starting in an indicator row."""
    columns = {c.col: c.canonical for c in unit.columns}
    return (min_col == max_col and columns.get(min_col) in MERGED_FILL_COLUMNS
            and any(r.row == min_row for r in unit.rows))


@rule("K407", Level.PERINGATAN, "sel digabung di tabel")
def k407(ctx: Context):
    """Sel digabung (merge) di tabel indikator, pada kolom angka, judul kolom atau lintas kolom.

    Memeriksa: rentang sel yang digabung dan menyentuh baris judul atau baris indikator,
    kecuali Sasaran, Satuan, Polaritas atau Induk yang digabung ke bawah (itu K408).
    Mengapa: Excel menyimpan isi sel gabungan hanya di sel kiri atas; sel lain terbaca kosong.
    Anggaran yang digabung untuk tiga indikator dibaca sekali, di baris pertama; judul kolom
    yang digabung membuat kolom berikutnya tak bernama.
    Contoh: Anggaran H12:H14 digabung untuk tiga indikator satu kegiatan.
    Tindakan: pisahkan gabungan (Unmerge) dan isi setiap sel; untuk satu anggaran beberapa
    indikator, tulis anggaran di satu baris dan '-' di baris lain.
    """
    for unit in ctx.workbook.units:
        names = {c.col: c.name for c in unit.columns}
        for coord, min_col, min_row, max_col, max_row in _merges_in_table(unit):
            if _fills_down(unit, min_col, min_row, max_col):
                continue
            named = [names[c] for c in range(min_col, max_col + 1) if c in names]
            where = ", ".join(named[:4]) if named else "di luar kolom tabel"
            if min_row <= unit.header_row:
                pesan = (f"Sel {coord} ({where}) digabung pada baris judul tabel; hanya sel kiri atas yang terbaca, "
                         "kolom lain dalam gabungan tidak bernama.")
            else:
                pesan = (f"Sel {coord} ({where}) digabung; isinya hanya terbaca di sel kiri atas "
                         f"({column_letter(min_col)}{min_row}), sel lain dalam gabungan dibaca kosong.")
            yield make("K407", unit.sheet, _ref(unit.sheet, min_row, min_col), row=min_row, col=min_col,
                       dilaporkan=f"gabungan {coord}", seharusnya="sel tidak digabung", pesan=pesan,
                       saran="Pisahkan gabungan (Unmerge) dan isi setiap sel; untuk satu anggaran beberapa indikator, "
                             "tulis anggarannya di satu baris dan '-' di baris lain.",
                       extra={"id_key": coord})


@rule("K408", Level.INFO, "teks digabung dibaca untuk setiap baris")
def k408(ctx: Context):
    """Sasaran, Satuan, Polaritas atau Induk digabung ke bawah: dibaca untuk setiap baris.

    Memeriksa: sel gabungan satu kolom pada kolom Sasaran, Satuan, Polaritas atau Induk yang
    menutup beberapa baris indikator.
    Mengapa: Excel menyimpan isinya hanya di baris pertama; pengolah menyalinnya ke setiap
    baris yang ditutupnya, sehingga setiap indikator punya sasaran, satuan, polaritas dan
    induknya. Workbook terkoreksi menuliskannya di setiap baris.
    Contoh: Sasaran B12:B14 digabung untuk tiga indikator satu sasaran.
    Tindakan: tidak wajib diubah; pastikan gabungan memang berlaku untuk semua baris itu.
    """
    for unit in ctx.workbook.units:
        names = {c.col: c.name for c in unit.columns}
        for coord, min_col, min_row, max_col, max_row in _merges_in_table(unit):
            if not _fills_down(unit, min_col, min_row, max_col):
                continue
            top = next(r for r in unit.rows if r.row == min_row)
            text = top.cells[min_col].text if min_col in top.cells else ""
            covered = [r.row for r in unit.rows if min_row <= r.row <= max_row]
            yield make("K408", unit.sheet, _ref(unit.sheet, min_row, min_col), row=min_row, col=min_col,
                       indikator=_indikator(unit, top.cells), dilaporkan=f"gabungan {coord}",
                       seharusnya=_short(text),
                       pesan=f"{names[min_col]} '{_short(text)}' digabung ({coord}); dibaca untuk baris "
                             f"{covered[0]}-{covered[-1]} dan ditulis di setiap baris itu di workbook terkoreksi.",
                       saran="Tidak wajib diubah; pastikan isinya memang berlaku untuk semua baris itu.",
                       extra={"id_key": coord})


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _long(cell: Cell, limit: int):
    if not isinstance(cell.value, str) or len(cell.value) <= limit:
        return None
    n = len(cell.value)
    text = f"Teks {_count(n)} karakter"
    if n > EXCEL_TEXT_LIMIT:
        text += (f"; melebihi batas satu sel Excel ({_count(EXCEL_TEXT_LIMIT)} karakter), sehingga workbook "
                 "terkoreksi hanya memuat bagian awalnya (teks lengkap tetap di berkas masukan)")
    else:
        text += "; laporan PDF dan tabel menjadi sulit dibaca"
    return text + "."


@rule("K409", Level.PERINGATAN, "teks sangat panjang")
def k409(ctx: Context):
    """Teks sangat panjang dalam satu sel.

    Memeriksa: sel di tabel indikator lebih dari 1.000 karakter, sel lain (kepala lembar,
    Info, di luar tabel) lebih dari 5.000 karakter; di atas 32.767 karakter (batas satu sel
    Excel) disebutkan bahwa workbook terkoreksi hanya memuat bagian awalnya.
    Mengapa: teks sepanjang itu biasanya hasil tempel yang keliru (satu dokumen masuk ke satu
    sel); tabel dan laporan PDF menjadi tidak terbaca, dan Excel sendiri tidak dapat
    menyimpan lebih dari 32.767 karakter per sel.
    Contoh: Keterangan berisi seluruh isi laporan kegiatan yang ditempel dari Word.
    Tindakan: ringkas teksnya; pindahkan uraian panjang ke dokumen pendukung.
    """
    def long(cells, limit):  # only long text: most of a workbook is short
        return [c for c in cells if isinstance(c.value, str) and len(c.value) > limit]

    found = [(cell.sheet, cell, LONG_TEXT_OTHER, None) for cell in long(ctx.workbook.info_cells, LONG_TEXT_OTHER)]
    for unit in ctx.workbook.units:
        for cell in long([*unit.header.values(), *unit.other_cells], LONG_TEXT_OTHER):
            found.append((unit.sheet, cell, LONG_TEXT_OTHER, None))
        for row in unit.rows:
            for cell in long(row.cells.values(), LONG_TEXT_TABLE):
                found.append((unit.sheet, cell, LONG_TEXT_TABLE, (unit, row.cells)))
    seen = set()
    for sheet, cell, limit, where in found:
        message = _long(cell, limit)
        if message is None or cell.ref in seen:
            continue
        seen.add(cell.ref)
        indikator = _indikator(*where) if where else ""  # named only for the rare long cell
        yield make("K409", sheet, cell.ref, row=cell.row, col=cell.col, indikator=_short(indikator, 200),
                   dilaporkan=f"{_short(cell.value)} ({_count(len(cell.value))} karakter)",
                   seharusnya=f"paling banyak {_count(limit)} karakter", pesan=message,
                   saran="Ringkas teksnya; pindahkan uraian panjang ke dokumen pendukung.")


def _stray(unit: Unit) -> tuple[dict[int, list[Cell]], list[Cell]]:
    """Cells below the table by row, and cells beside it (table rows, columns without a header)."""
    last = max((r.row for r in unit.rows), default=unit.header_row)
    span = {c.col for c in unit.columns}
    below: dict[int, list[Cell]] = {}
    beside = []
    for cell in unit.other_cells:
        if cell.value is None and not cell.uncached:
            continue
        if cell.row > last:
            below.setdefault(cell.row, []).append(cell)
        elif cell.row > unit.header_row and cell.col not in span:
            beside.append(cell)
    return below, beside


def _looks_like_indicator(unit: Unit, cells: list[Cell]) -> Cell | None:
    """The Indikator Kinerja cell of a row that has one and at least one figure."""
    indikator = unit.column(TEXTS["indikator"])
    if indikator is None:
        return None
    by_col = {c.col: c for c in cells}
    name = by_col.get(indikator.col)
    if name is None or not name.text.strip() or norm(name.text) == norm(TABLE_MARKER):
        return None
    figures = {c.col for c in unit.columns if c.canonical in FIGURE_COLUMNS}
    return name if figures & set(by_col) else None


@rule("K410", Level.PERINGATAN, "indikator di luar tabel")
def k410(ctx: Context):
    """Baris yang tampak seperti indikator tetapi terpisah dari tabel.

    Memeriksa: baris di bawah tabel (setelah baris kosong yang mengakhiri tabel) yang berisi
    Indikator Kinerja dan sedikitnya satu angka (Target, Realisasi, Capaian, Anggaran, ...).
    Mengapa: tabel berakhir di baris kosong pertama; indikator sesudahnya tidak dihitung,
    tidak diperiksa, dan tidak masuk ringkasan maupun PDF, walau tetap disalin ke workbook
    terkoreksi.
    Contoh: baris kosong tersisa setelah menghapus satu indikator, sehingga dua indikator
    terakhir Kasubag Umum terpisah dari tabel.
    Tindakan: hapus baris kosong di atasnya agar baris itu masuk tabel, atau hapus baris itu
    bila memang bukan indikator.
    """
    for unit in ctx.workbook.units:
        below, _ = _stray(unit)
        for number in sorted(below):
            name = _looks_like_indicator(unit, below[number])
            if name is None:
                continue
            yield make("K410", unit.sheet, name.ref, row=number, col=name.col, indikator=_short(name.text, 200),
                       dilaporkan=f"baris {number}", seharusnya="di dalam tabel",
                       pesan=f"Baris {number} tampak seperti indikator ('{_short(name.text)}') tetapi terpisah dari "
                             "tabel oleh baris kosong; baris ini tidak dihitung dan tidak diperiksa.",
                       saran="Hapus baris kosong di atasnya agar baris ini masuk tabel, atau hapus baris ini bila "
                             "bukan indikator.")


@rule("K411", Level.INFO, "isi lain di luar tabel")
def k411(ctx: Context):
    """Isi lain di luar tabel indikator: disalin apa adanya, tidak diperiksa.

    Memeriksa: sel berisi di bawah tabel (setelah baris kosong yang mengakhiri tabel, selain
    baris yang ditandai K410) dan sel di samping tabel pada kolom tanpa judul; satu temuan
    per lembar.
    Mengapa: isi itu tidak dibaca sebagai indikator; bila di antaranya ada angka yang
    seharusnya masuk tabel, angka itu tidak dihitung. Blok tanda tangan di bawah tabel
    biasa dan aman.
    Contoh: catatan "angka sementara, menunggu SP2D" di bawah tabel; angka di kolom P yang
    tidak berjudul.
    Tindakan: periksa isinya; pindahkan angka yang seharusnya dihitung ke dalam tabel, beri
    judul kolom bila kolom itu memang dipakai.
    """
    for unit in ctx.workbook.units:
        below, beside = _stray(unit)
        cells = list(beside)
        for number, row_cells in below.items():
            if _looks_like_indicator(unit, row_cells) is None:
                cells.extend(row_cells)
        if not cells:
            continue
        cells.sort(key=lambda c: (c.row, c.col))
        first = cells[0]
        rows_ = sorted({c.row for c in cells})
        span = f"baris {rows_[0]}" if len(rows_) == 1 else f"baris {rows_[0]}-{rows_[-1]}"
        parts = []
        if any(c.row in below for c in cells):
            parts.append("di bawah tabel")
        if beside:
            parts.append("di samping tabel pada kolom tanpa judul")
        yield make("K411", unit.sheet, first.ref, row=first.row, col=first.col,
                   dilaporkan=f"{len(cells)} sel, {span}", seharusnya="",
                   pesan=f"{len(cells)} sel berisi {' dan '.join(parts)} ({span}; pertama: '{_short(first.text, 40)}') "
                         "tidak dibaca sebagai indikator; disalin apa adanya ke workbook terkoreksi.",
                   saran="Periksa isinya; pindahkan angka yang seharusnya dihitung ke dalam tabel.")
