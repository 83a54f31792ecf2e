"""A real client recalculates the corrected workbook: every formula's result must equal
the value the processor stored.

The stored results are stripped from a copy before LibreOffice opens it, so LibreOffice
has to compute every formula itself; its results are then compared with the originals.
"""

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from conftest import SAMPLE, in_ci
from kinerja_xlsx import process

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.libreoffice
if SOFFICE is None and not in_ci():
    pytest.skip("LibreOffice (soffice) tidak terpasang", allow_module_level=True)


def strip_cached_values(src, dst):
    """Copy an xlsx, removing the <v> result of every formula cell."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r'(<c [^>]*?)( t="(?:str|n|e|b)")?(>\s*<f>[^<]*</f>)\s*<v>[^<]*</v>', r"\1\3", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def test_libreoffice_recalculates_to_the_stored_values(tmp_path):
    assert SOFFICE, "LibreOffice harus terpasang di CI (.ci/run memasangnya)"
    process(str(SAMPLE), str(tmp_path / "o"), pdf=False)
    corrected = tmp_path / "o" / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"
    blank = tmp_path / "tanpa_nilai.xlsx"
    strip_cached_values(corrected, blank)
    stripped = openpyxl.load_workbook(blank, data_only=True)
    source = openpyxl.load_workbook(corrected)
    formula_cells = [(ws.title, c.coordinate) for ws in source.worksheets for r in ws.iter_rows() for c in r
                     if c.data_type == "f"]
    assert formula_cells and all(stripped[s][a].value is None for s, a in formula_cells)
    outdir = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profil",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(blank)],
                   check=True, capture_output=True, timeout=180)
    recalculated = openpyxl.load_workbook(outdir / "tanpa_nilai.xlsx", data_only=True)
    formulas = openpyxl.load_workbook(corrected)
    stored = openpyxl.load_workbook(corrected, data_only=True)
    checked = 0
    for ws in formulas.worksheets:
        for r in ws.iter_rows():
            for c in r:
                if c.data_type != "f":
                    continue
                mine = stored[ws.title][c.coordinate].value
                theirs = recalculated[ws.title][c.coordinate].value
                if isinstance(mine, float):
                    assert theirs == pytest.approx(mine, rel=1e-9, abs=1e-9), (ws.title, c.coordinate, c.value)
                else:
                    assert theirs == mine, (ws.title, c.coordinate, c.value)
                checked += 1
    assert checked >= 29 * 2  # at least capaian and serapan of every row with figures
