"""Issue 5, part 3: hostile text stays inert.

Any cell text beginning with ``=``, ``+``, ``-``, ``@``, tab or CR is written to every
output as text (xlsx, JSON, PDF); the corrected workbook contains no formula the processor
did not write itself.
"""

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from hostile_cases import HOSTILE_TEXTS, READABLE, cached_input_formulas, hostile_text
from kinerja_xlsx import process
from kinerja_xlsx.reader import read_workbook

try:
    from kinerja_xlsx.report import write_reports  # noqa: F401
    HAVE_PDF = True
except ImportError:  # the PDF module is being written
    HAVE_PDF = False

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
PROCESSOR_COLUMNS = {"Capaian (%)", "Serapan (%)", "Predikat", "Efisiensi", "Kategori Efisiensi"}
# What the processor's own formulas are made of: cell references, numbers, arithmetic,
# IF/MAX/MIN and the predikat / kategori words.
SAFE_FORMULA = re.compile(r'^=(?:[A-Z]{1,3}\d+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[-+*/(),<>=. ]|IF|MAX|MIN|'
                          r'"(?:Sangat Tinggi|Tinggi|Sedang|Rendah|Sangat Rendah|Efisien|Tidak Efisien|Cukup)")+$')


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jahat")
    path = hostile_text(folder)
    result = process(path, str(folder / "o"), pdf=HAVE_PDF)
    stem = Path(path).stem
    return path, result, folder / "o" / f"{stem}_terkoreksi.xlsx", folder / "o" / f"{stem}_inkonsistensi.json"


def texts_read(path):
    """Every text cell the reader read: (sheet, row, col) -> text."""
    workbook = read_workbook(path)
    cells = list(workbook.info_cells)
    for u in workbook.units:
        cells += list(u.header.values()) + list(u.other_cells)
        for r in u.rows:
            cells += list(r.cells.values())
    return {(c.sheet, c.row, c.col): c.value for c in cells if isinstance(c.value, str)}


def test_fixture_really_holds_dangerous_text(run):
    path, *_ = run
    starts = {text[0] for text in texts_read(path).values() if text}
    assert set(DANGEROUS_START) <= starts


def test_every_input_text_is_text_in_the_corrected_workbook(run):
    path, result, xlsx, _ = run
    book = openpyxl.load_workbook(xlsx)
    replaced = {(u.sheet, c.col) for u in result.workbook.units for c in u.columns
                if c.canonical in ("Capaian (%)", "Serapan (%)")}
    checked = 0
    for (sheet, r, c), text in texts_read(path).items():
        if (sheet, c) in replaced and r > result.workbook.unit(sheet).header_row:
            continue  # the office's capaian/serapan move to the "Dilaporkan" columns
        cell = book[sheet].cell(row=r, column=c)
        # openpyxl leaves OOXML's _xHHHH_ escapes (a CR is _x000D_); Excel decodes them
        assert cell.data_type == "s" and unescape(cell.value) == text, (sheet, cell.coordinate, cell.value, text)
        checked += 1
    assert checked > 30


def test_reported_figures_moved_aside_stay_text(run):
    _, _, xlsx, _ = run
    ws = openpyxl.load_workbook(xlsx)["Camat"]
    header = {c.value: c.column for c in ws[11] if c.value}
    column = header["Capaian Dilaporkan"]
    assert ws.cell(row=13, column=column).value == "-"
    assert ws.cell(row=13, column=column).data_type == "s"


def formulas_of(xlsx):
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        header_row = None
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")
                                             and cell.data_type != "s"):
                    yield ws, cell, header_row
            if header_row is None and any(c.value == "Indikator Kinerja" for c in row):
                header_row = row[0].row


@pytest.mark.parametrize("name", ["teks-jahat", "rumus-kantor", "rumus", "contoh", "sel-digabung"])
def test_no_formula_the_processor_did_not_write(name, tmp_path):
    path = READABLE[name](tmp_path)
    result = process(path, str(tmp_path / "o"), pdf=False)
    xlsx = next(p for p in result.outputs if p.endswith("_terkoreksi.xlsx"))
    found = 0
    for ws, cell, header_row in formulas_of(xlsx):
        assert ws.title not in ("Ringkasan", "Inkonsistensi", "Info"), (ws.title, cell.coordinate)
        assert header_row is not None and cell.row > header_row, (ws.title, cell.coordinate)
        column = ws.cell(row=header_row, column=cell.column).value
        assert column in PROCESSOR_COLUMNS, (ws.title, cell.coordinate, column, cell.value)
        assert SAFE_FORMULA.match(cell.value), (ws.title, cell.coordinate, cell.value)
        found += 1
    assert found > 0
    with zipfile.ZipFile(xlsx) as z:
        names = z.namelist()
        book = z.read("xl/workbook.xml").decode()
    assert not [n for n in names if "externalLink" in n or "vbaProject" in n or "embeddings" in n]
    assert all('name="_xlnm._FilterDatabase"' in d for d in re.findall(r"<definedName\s[^>]*>", book))  # autofilter


def test_input_formulas_become_their_stored_values(tmp_path):
    path = cached_input_formulas(tmp_path)
    result = process(path, str(tmp_path / "o"), pdf=False)
    ws = openpyxl.load_workbook(next(p for p in result.outputs if p.endswith(".xlsx")))["Camat"]
    assert ws["K12"].value == "klik" and ws["K12"].data_type == "s" and ws["K12"].hyperlink is None


def test_hyperlinks_only_point_inside_the_workbook(run):
    _, _, xlsx, _ = run
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        for link in ws._hyperlinks:
            assert not link.target and link.location, (ws.title, link.ref)
    with zipfile.ZipFile(xlsx) as z:
        rels = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
    assert 'TargetMode="External"' not in rels


def test_json_keeps_the_text_exactly(run):
    path, result, _, json_path = run
    doc = json.loads(json_path.read_text("utf-8"))
    k104 = [f for f in doc["findings"] if f["kode"] == "K104"]
    assert [f["dilaporkan"] for f in k104] == ["=1+1"]
    assert k104[0]["indikator"] == "=1+1"  # the indicator's name, stripped of its surrounding spaces
    assert doc["instansi"] == "=HYPERLINK(\"http://contoh.invalid\",\"Kecamatan\")"


@pytest.mark.skipif(not HAVE_PDF, reason="modul PDF (kinerja_xlsx.report) belum ada")
def test_pdfs_print_the_text_literally_and_carry_no_active_content(run):
    import pypdf

    _, result, _, _ = run
    pdfs = [p for p in result.outputs if p.endswith(".pdf")]
    assert pdfs
    squash = re.compile(r"\s+")
    unit_pdf = next(p for p in pdfs if "Camat" in Path(p).name)
    text = squash.sub("", "".join(page.extract_text() for page in pypdf.PdfReader(unit_pdf).pages))
    printed = [t for i, t in enumerate(HOSTILE_TEXTS) if i not in (2, 6)]  # Satuan and Keterangan are not printed
    for hostile in printed:
        assert squash.sub("", hostile) in text, hostile
    for path in pdfs:
        assert not active_content(path), Path(path).name


ACTIVE_KEYS = {"/JS", "/JavaScript", "/URI", "/Launch", "/SubmitForm", "/ImportData", "/EmbeddedFile",
               "/EmbeddedFiles", "/OpenAction", "/AA", "/RichMedia"}


def active_content(path) -> list[str]:
    """Keys of every PDF object that could act on its own (scripts, links out, launches, files)."""
    import pikepdf

    found = []

    def walk(obj, depth=0):
        if depth > 50:
            return
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            keys = set(obj.keys())
            found.extend(sorted(keys & ACTIVE_KEYS))
            if str(obj.get("/S", "")) in ("/JavaScript", "/Launch", "/URI", "/SubmitForm"):
                found.append(str(obj.get("/S")))
            for key in keys - {"/Parent", "/P"}:
                value = obj.get(key)
                if not getattr(value, "is_indirect", False):  # indirect ones are visited on their own
                    walk(value, depth + 1)
        elif isinstance(obj, pikepdf.Array):
            for item in obj:
                if not getattr(item, "is_indirect", False):
                    walk(item, depth + 1)

    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            walk(obj)
    return found
