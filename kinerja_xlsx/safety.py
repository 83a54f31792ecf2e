"""Checks made before any parser sees a file: what it is, and whether it is safe to open.

An ``.xlsx`` is a zip of XML parts. Before openpyxl parses anything, :func:`check_file`

- sniffs the first bytes: a zip (OOXML), an OLE2 container (an old ``.xls`` or a
  password-encrypted workbook: told apart by the stream names in the OLE directory), or
  something else (PDF, HTML, text);
- reads the zip directory and checks the declared sizes against :data:`LIMITS` (number of
  parts, total uncompressed size, size of the XML a parser will read, compression ratio of
  large parts);
- decompresses every part as a stream, counting the bytes actually produced (declared
  sizes can lie) and checking each part's CRC, so a truncated or damaged package is caught
  here and not halfway through parsing;
- scans the XML parts for a ``<!DOCTYPE``/``<!ENTITY`` (no OOXML part has one; it is how
  entity bombs and external-entity tricks start) and adds up the area of merged ranges
  (openpyxl creates one object per merged cell, so ``A1:XFD1048576`` in a 1 KB file
  would exhaust memory).

The limits are far above anything a performance workbook reaches (the bundled sample is
about 40 KB of XML in 20 parts; fifty units of a hundred indicators are about 4 MB) and low
enough that whatever passes them stays under 500 MiB: openpyxl needs about 13 MiB per MiB
of sheet XML (20 MiB of XML, about 600.000 cells, peaks near 350 MiB in all).
openpyxl itself parses with defusedxml; :func:`verify_xml_defences` proves that at start-up.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable

from .a1 import range_bounds
from .errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a package may hold. Ordinary workbooks stay orders of magnitude below."""

    entries: int = 10_000  # parts in the zip (the sample has 20)
    total: int = 100 * MiB  # uncompressed size of all parts, images included (openpyxl holds them in memory)
    xml: int = 20 * MiB  # uncompressed size of the parts a parser reads (openpyxl: ~13x in memory)
    ratio: float = 200.0  # compression ratio allowed for a part of at least ``ratio_from`` bytes
    ratio_from: int = 4 * MiB
    merged_cells: int = 200_000  # cells covered by merged ranges, all sheets together
    rows: int = 25_000  # indicator rows in one workbook: a kabupaten (2.000 units x 10) fits; bounds the checks and outputs


LIMITS = Limits()

# Parts never parsed as XML by openpyxl (images, embedded files, binary blobs).
_BINARY_PREFIXES = ("xl/media/", "xl/embeddings/", "xl/activeX/", "customXml/item")
_BINARY_SUFFIXES = (".bin", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg",
                    ".ico", ".xlsx", ".xlsm", ".docx", ".pptx", ".pdf", ".jfif", ".webp")

_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_MERGE = re.compile(r"<(?:[\w.-]{1,64}:)?mergeCell\b[^>]{0,400}?\bref\s*=\s*[\"']([^\"']{0,64})[\"']")
_TAIL = 512  # longer than any match of the patterns above
_CHUNK = 1 * MiB


def _human(size: float) -> str:
    if size >= MiB:
        return f"{size / MiB:,.0f} MiB".replace(",", ".")
    return f"{size / 1024:,.0f} KiB".replace(",", ".")


def check_file(path: str, limits: Limits = LIMITS,
               keep: Callable[[str], bool] = lambda name: False) -> dict[str, bytes]:
    """Raise :class:`InputError` for a file that is missing, is not an .xlsx package, is
    damaged, or is too large or too strange to parse safely.

    Every part is decompressed here anyway: those ``keep`` names come back, checked, so that
    the reader does not decompress them a second time."""
    if not os.path.exists(path):
        raise InputError(path, "berkas tidak ditemukan.", action="Periksa nama dan folder berkas.")
    if not os.path.isfile(path):
        raise InputError(path, "ini folder atau perangkat, bukan berkas.", action="Sebutkan berkas .xlsx-nya.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise InputError(path, f"berkas tidak dapat dibuka ({exc.strerror or type(exc).__name__}).",
                         action="Periksa izin baca berkas, lalu proses lagi.") from exc
    if not head:
        raise InputError(path, "berkas kosong (0 bita).",
                         action="Salin ulang berkas dari sumbernya; berkas mungkin gagal diunduh atau disimpan.")
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith(EMPTY_ZIP_MAGIC):
        raise InputError(path, "berkas zip ini kosong, bukan workbook Excel.",
                         action="Simpan berkas dari Excel sebagai 'Excel Workbook (.xlsx)'.")
    if not head.startswith(ZIP_MAGIC):
        raise _not_excel_error(path, head)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(path, "berkas .xlsx rusak atau terpotong (daftar isi zip tidak terbaca).",
                         action="Salin ulang berkas dari sumbernya, atau buka dan simpan ulang di Excel.") from exc
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        _check_kind(path, names)
        _check_declared(path, infos, limits)
        return _scan_parts(path, archive, infos, limits, keep)


def _check_kind(path: str, names: list[str]) -> None:
    if "xl/workbook.bin" in names:
        raise InputError(path, "berkas ini format Excel biner (.xlsb), bukan .xlsx.",
                         action="Buka di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)'.")
    if "mimetype" in names and "content.xml" in names:
        raise InputError(path, "berkas ini lembar kerja OpenDocument (.ods), bukan .xlsx.",
                         action="Buka di LibreOffice atau Excel lalu simpan sebagai 'Excel 2007-365 (.xlsx)'.")
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise InputError(path, "berkas ini dokumen Word/PowerPoint, bukan workbook Excel.",
                         action="Pilih berkas workbook .xlsx yang benar.")
    if "xl/workbook.xml" not in names:
        raise InputError(path, "berkas zip ini bukan workbook Excel (tidak ada xl/workbook.xml).",
                         action="Simpan berkas dari Excel sebagai 'Excel Workbook (.xlsx)'.")
    if len(set(names)) != len(names):
        raise InputError(path, "berkas .xlsx rusak: ada bagian zip yang bernama ganda.",
                         action="Buka dan simpan ulang berkas di Excel, atau minta berkas asli dari pengirimnya.")


def _too_big(path: str, what: str) -> InputError:
    return InputError(path, f"berkas ditolak: {what}. Kemungkinan 'zip bomb' atau workbook yang tidak wajar besar.",
                      action="Periksa asal berkas. Bila memang workbook laporan biasa, buka di Excel, hapus baris, "
                             "kolom, gambar atau format berlebih, simpan ulang, lalu proses lagi.")


def _is_binary_part(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(tuple(p.lower() for p in _BINARY_PREFIXES)) or lowered.endswith(_BINARY_SUFFIXES)


def _check_declared(path: str, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The sizes the zip directory declares, before anything is decompressed."""
    if len(infos) > limits.entries:
        raise _too_big(path, f"berisi {len(infos):,} bagian zip (batas {limits.entries:,})".replace(",", "."))
    for info in infos:
        if info.file_size >= limits.ratio_from and info.file_size > limits.ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise _too_big(path, f"bagian '{info.filename}' mengembang {ratio:,.0f} kali menjadi "
                                 f"{_human(info.file_size)} (batas {limits.ratio:,.0f} kali)".replace(",", "."))
    total = sum(i.file_size for i in infos)
    if total > limits.total:
        raise _too_big(path, f"isinya mengembang menjadi {_human(total)} (batas {_human(limits.total)})")
    xml = sum(i.file_size for i in infos if not _is_binary_part(i.filename))
    if xml > limits.xml:
        raise _too_big(path, f"bagian XML-nya berukuran {_human(xml)} bila dibuka (batas {_human(limits.xml)})")


def _decoder(first: bytes):
    """An incremental decoder for an XML part, from its first bytes. ASCII-compatible
    encodings (UTF-8 and the like) are read byte for byte: the markup is ASCII."""
    for prefix, encoding in ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
                             (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                             (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16"),
                             (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le")):
        if first.startswith(prefix):
            return codecs.getincrementaldecoder(encoding)(errors="replace")
    return codecs.getincrementaldecoder("latin-1")()


def _scan_parts(path: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits,
                keep: Callable[[str], bool]) -> dict[str, bytes]:
    """Decompress every part as a stream: count real sizes, check CRCs, scan the XML. Returns
    the parts ``keep`` names, whole."""
    total = xml_total = merged = 0
    kept: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        binary = _is_binary_part(info.filename)
        pieces = [] if keep(info.filename) else None
        size = 0
        decoder = None
        carry = ""
        dtd_allowed = binary  # images (an SVG may carry a DOCTYPE) are never parsed as XML
        try:
            with archive.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    final = not chunk
                    size += len(chunk)
                    total += len(chunk)
                    if not binary:
                        xml_total += len(chunk)
                    if total > limits.total or xml_total > limits.xml or size > max(info.file_size, 0) + _CHUNK:
                        raise _too_big(path, f"bagian '{info.filename}' mengembang melebihi ukuran yang dinyatakan "
                                             f"atau batas ({_human(limits.total)})")
                    if pieces is not None:
                        pieces.append(chunk)
                    if decoder is None:
                        if final:
                            break
                        decoder = _decoder(chunk)
                    text = carry + decoder.decode(chunk, final)
                    if not dtd_allowed and _DTD.search(text):
                        raise InputError(
                            path, f"bagian '{info.filename}' memuat deklarasi DOCTYPE/ENTITY XML, yang tidak pernah "
                                  "ada di workbook Excel asli (pola 'XML bomb' atau pencurian berkas).",
                            action="Jangan proses berkas ini; minta berkas asli yang disimpan langsung dari Excel.")
                    end = len(text) if final else max(0, len(text) - _TAIL)
                    pos = 0
                    # every match holds the word itself: most parts have no merged cells
                    for match in (_MERGE.finditer(text) if "mergeCell" in text else ()):
                        if match.end() > end:
                            break
                        merged += _area(match.group(1))
                        pos = match.end()
                    if merged > limits.merged_cells:
                        raise _too_big(path, f"sel yang digabung (merge) mencakup lebih dari "
                                             f"{limits.merged_cells:,} sel".replace(",", "."))
                    if final:
                        break
                    carry = text[max(pos, len(text) - 2 * _TAIL):]
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise InputError(path, f"berkas .xlsx rusak atau terpotong (bagian '{info.filename}' tidak dapat "
                                   "dibuka).",
                             action="Salin ulang berkas dari sumbernya, atau buka dan simpan ulang di Excel.") from exc
        except (NotImplementedError, RuntimeError) as exc:  # unsupported compression, encrypted zip member
            raise InputError(path, f"bagian '{info.filename}' memakai kompresi atau enkripsi zip yang tidak dikenal "
                                   "Excel.",
                             action="Buka dan simpan ulang berkas di Excel sebagai .xlsx, lalu proses lagi.") from exc
        if size != info.file_size:
            raise InputError(path, f"berkas .xlsx rusak: ukuran bagian '{info.filename}' tidak sesuai daftar isinya.",
                             action="Salin ulang berkas dari sumbernya, atau buka dan simpan ulang di Excel.")
        if pieces is not None:
            kept[info.filename] = b"".join(pieces)
    return kept


def _area(ref: str) -> int:
    """Cells in a range reference (``A1:C3`` -> 9); 0 for anything unreadable."""
    try:
        min_col, min_row, max_col, max_row = range_bounds(ref)
    except (ValueError, TypeError):
        return 0
    if None in (min_col, min_row, max_col, max_row):
        return 0
    return (abs(max_col - min_col) + 1) * (abs(max_row - min_row) + 1)


# --- OLE2 (compound file): an old .xls, or an encrypted .xlsx -------------------------------

def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


_OLE_STREAMS = (
    ("encrypted", (_utf16("EncryptedPackage"), _utf16("EncryptionInfo"))),
    ("xls", (_utf16("Workbook"), _utf16("Book"))),
    ("word", (_utf16("WordDocument"),)),
    ("powerpoint", (_utf16("PowerPoint Document"),)),
)
_OLE_SCAN_LIMIT = 512 * MiB


def ole_kind(path: str) -> str:
    """``encrypted``, ``xls``, ``word``, ``powerpoint`` or ``other``: which streams the OLE
    directory names (a byte search for the UTF-16LE names; the directory may sit anywhere)."""
    found = set()
    overlap = 64
    with open(path, "rb") as handle:
        tail = b""
        read = 0
        while read < _OLE_SCAN_LIMIT:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            read += len(chunk)
            data = tail + chunk
            for kind, needles in _OLE_STREAMS:
                if any(n in data for n in needles):
                    found.add(kind)
            if "encrypted" in found:
                break
            tail = data[-overlap:]
    for kind, _ in _OLE_STREAMS:
        if kind in found:
            return kind
    return "other"


def _ole_error(path: str) -> InputError:
    kind = ole_kind(path)
    if kind == "encrypted":
        return InputError(path, "workbook ini dilindungi kata sandi (terenkripsi), sehingga isinya tidak dapat dibaca.",
                          action="Buka di Excel dengan kata sandinya, hapus kata sandi (File > Info > Protect Workbook "
                                 "> Encrypt with Password, kosongkan), simpan, lalu proses lagi.")
    if kind == "xls":
        return InputError(path, "berkas ini format Excel lama (.xls, Excel 97-2003), bukan .xlsx.",
                          action="Buka di Excel atau LibreOffice (masukkan kata sandi bila diminta) lalu simpan "
                                 "sebagai 'Excel Workbook (.xlsx)', kemudian proses berkas .xlsx itu.")
    if kind in ("word", "powerpoint"):
        return InputError(path, "berkas ini dokumen Word/PowerPoint format lama, bukan workbook Excel.",
                          action="Pilih berkas workbook .xlsx yang benar.")
    return InputError(path, "berkas ini dokumen Office format lama yang bukan workbook Excel.",
                      action="Buka di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)'.")


def _not_excel_error(path: str, head: bytes) -> InputError:
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith(b"%pdf"):
        what = "berkas ini PDF, bukan workbook Excel."
    elif sample.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in sample:
        what = "berkas ini halaman web (HTML) yang diberi nama Excel, bukan workbook .xlsx."
    elif sample.startswith(b"<?xml") or sample.startswith(b"<"):
        what = "berkas ini XML (mungkin 'XML Spreadsheet 2003'), bukan workbook .xlsx."
    elif head.startswith((b"\x09\x08", b"\x09\x04", b"\x09\x02")):
        what = "berkas ini format Excel sangat lama (BIFF), bukan .xlsx."
    else:
        what = "berkas ini bukan workbook Excel (.xlsx)."
    return InputError(path, what, action="Buka berkas di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)'.")


# --- XML parsing is defused -----------------------------------------------------------------

_PROBE = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "kinerja-entitas">]>'
          b"<r>&a;</r>")


def verify_xml_defences() -> None:
    """openpyxl parses with defusedxml only when it is installed and not switched off
    (``OPENPYXL_DEFUSEDXML``). Checked by parsing a tiny entity document through the very
    functions openpyxl uses: it must be refused or left unexpanded."""
    import io

    import openpyxl.xml
    from openpyxl.xml import functions

    message = ("defusedxml tidak aktif untuk openpyxl; pasang ulang kinerja_xlsx (pip install defusedxml) "
               "dan jangan set OPENPYXL_DEFUSEDXML selain True.")
    if not getattr(openpyxl.xml, "DEFUSEDXML", False):
        raise RuntimeError(message)
    try:
        for _, element in functions.iterparse(io.BytesIO(_PROBE)):
            if "kinerja-entitas" in (element.text or ""):
                raise RuntimeError(message)
    except RuntimeError:
        raise
    except Exception:  # defusedxml's EntitiesForbidden: the defence works
        pass
    try:
        root = functions.fromstring(_PROBE)
    except Exception:
        return
    if "kinerja-entitas" in "".join(root.itertext()):
        raise RuntimeError(message)
