"""The findings, machine-readable (``<input>_inkonsistensi.json``)."""

from __future__ import annotations

import json
import os

from .findings import totals


def findings_document(result) -> dict:
    info = result.workbook.info
    return {
        "berkas": os.path.basename(result.workbook.path),
        "pemerintah": info.pemerintah,
        "instansi": info.instansi,
        "tahun": info.tahun,
        "triwulan": info.triwulan,
        "jumlah": len(result.findings),
        "totals": totals(result.findings),
        "findings": [f.as_json() for f in result.findings],
    }


def write_json(result, path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(findings_document(result), handle, ensure_ascii=False, indent=2)
        handle.write("\n")
