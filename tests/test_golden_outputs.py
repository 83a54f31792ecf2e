"""The sample's outputs, frozen: the findings JSON and every cell of the corrected workbook
(value, formula, number format, comment). Speed work must not change them; the PDFs' page
text is frozen by tests/test_report.py.

Golden files change only with ``KINERJA_UPDATE_GOLDEN=1 pytest tests/test_golden_outputs.py``
and a reviewed diff.
"""

import json
import os
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLE
from kinerja_xlsx import process

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KINERJA_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("emas")
    process(str(SAMPLE), str(out), pdf=False)
    return out


def cells_text(path) -> str:
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    lines = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.comment is None:
                    continue
                stored = values[ws.title][c.coordinate].value
                if isinstance(stored, float):
                    stored = round(stored, 9)
                comment = c.comment.text.replace("\n", " / ") if c.comment else ""
                lines.append(f"{ws.title}!{c.coordinate}\t{c.value!r}\t{stored!r}\t{c.number_format}\t{comment}")
    return "\n".join(lines) + "\n"


def compare(name: str, actual: str):
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{name} belum ada: jalankan KINERJA_UPDATE_GOLDEN=1 pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{name} berubah; tinjau selisihnya, lalu KINERJA_UPDATE_GOLDEN=1"


def test_findings_json_unchanged(outputs):
    doc = json.loads((outputs / "contoh_kedungjajang_tw2_2023_inkonsistensi.json").read_text("utf-8"))
    compare("contoh_inkonsistensi.json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def test_corrected_workbook_cells_unchanged(outputs):
    compare("contoh_terkoreksi_sel.tsv", cells_text(outputs / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"))
