"""Checks made before any parser sees a file: what it is, and whether it is safe to open."""

from __future__ import annotations

import os
import zipfile

from .errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def check_file(path: str) -> None:
    """Raise :class:`InputError` for a file that is missing or is not an .xlsx package."""
    if not os.path.isfile(path):
        raise InputError(path, "berkas tidak ditemukan.", action="Periksa nama dan folder berkas.")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise InputError(path, "berkas ini format lama .xls atau workbook berkata sandi.",
                         action="Buka di Excel, hapus kata sandi bila ada, lalu simpan sebagai .xlsx.")
    if not head.startswith(ZIP_MAGIC):
        raise InputError(path, "berkas ini bukan workbook Excel (.xlsx).",
                         action="Simpan berkas dari Excel sebagai 'Excel Workbook (.xlsx)'.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise InputError(path, "berkas .xlsx rusak atau terpotong.",
                         action="Salin ulang berkas dari sumbernya, atau buka dan simpan ulang di Excel.") from exc
    if "xl/workbook.xml" not in names:
        raise InputError(path, "berkas zip ini bukan workbook Excel (tidak ada xl/workbook.xml).",
                         action="Simpan berkas dari Excel sebagai 'Excel Workbook (.xlsx)'.")


def verify_xml_defences() -> None:
    """openpyxl parses with defusedxml only when it is installed and not switched off."""
    import openpyxl.xml

    if not getattr(openpyxl.xml, "DEFUSEDXML", False):
        raise RuntimeError("defusedxml tidak aktif untuk openpyxl; pasang ulang kinerja_xlsx "
                           "(pip install defusedxml) dan jangan set OPENPYXL_DEFUSEDXML=False.")
