"""The fast cell loader gives exactly what openpyxl gives: values, number formats,
formulas and whether they carry a result."""

import datetime

import openpyxl
import pytest

from conftest import SAMPLE, INFO, row, unit
from kinerja_xlsx.authoring import Formula, Num, pct, write_workbook
from kinerja_xlsx.grid import load_grid


def via_openpyxl(path):
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path)
    out = {}
    for ws in values.worksheets:
        for r in ws.iter_rows():
            for c in r:
                f = formulas[ws.title][c.coordinate]
                if c.value is None and f.data_type != "f":
                    continue
                v = c.value
                if isinstance(v, datetime.datetime) and v.time() == datetime.time(0):
                    v = v.date()
                out[(ws.title, c.row, c.column)] = (v, c.number_format, f.value if f.data_type == "f" else None)
    return out


def via_grid(path):
    return {(g.name, r, c): (cell.value, cell.number_format, cell.formula)
            for g in load_grid(path) for r, cells in g.rows for c, cell in cells.items()}


def test_sample_identical():
    assert via_grid(str(SAMPLE)) == via_openpyxl(str(SAMPLE))


def test_edge_cells_identical(tmp_path):
    path = tmp_path / "tepi.xlsx"
    write_workbook(str(path), INFO, [unit("A", [
        row(target=Num(12, "0"), realisasi=pct(0.586, "0.00%"), capaian=Formula("=B2/0"),
            anggaran=Num(1234567, "#,##0"), ra=Formula("=SUM(1,2)"), serapan=pct(0.5, "0%"),
            ket="teks <dengan> & tanda \"kutip\"", pembilang=datetime.date(2023, 7, 14)),
    ])])
    book = openpyxl.load_workbook(path)
    book["A"]["Z40"] = "jauh di bawah"
    book["A"].merge_cells("K20:L21")
    book.save(path)
    grid = via_grid(str(path))
    assert grid == via_openpyxl(str(path))
    formulas = {k: v for k, v in grid.items() if v[2]}
    assert len(formulas) == 2 and all(v[0] is None for v in formulas.values())  # no stored result


def test_formulas_beyond_the_values_are_read(tmp_path):
    """A formula without a stored result right of or below every value lies outside the area
    calamine materialises; the scan adds it, to its row or as a row of its own, in order."""
    path = tmp_path / "tepi_rumus.xlsx"
    write_workbook(str(path), INFO, [unit("A", [row(target=1, realisasi=1)])])
    book = openpyxl.load_workbook(path)
    book["A"]["P3"] = "=2+2"
    book["A"]["Z50"] = "=1+1"
    book.save(path)
    assert via_grid(str(path)) == via_openpyxl(str(path))
    sheet = next(g for g in load_grid(str(path)) if g.name == "A")
    assert [r for r, _ in sheet.rows] == sorted(r for r, _ in sheet.rows) and sheet.rows[-1][0] == 50
    assert dict(sheet.rows)[50][26].uncached and dict(sheet.rows)[3][16].formula == "=2+2"


def test_uncached_formula_is_marked(tmp_path):
    path = tmp_path / "f.xlsx"
    write_workbook(str(path), INFO, [unit("A", [row(target=1, realisasi=1, capaian=Formula("=1/0"))])])
    cells = [c for g in load_grid(str(path)) for _, cs in g.rows for c in cs.values() if c.formula]
    assert len(cells) == 1 and cells[0].uncached and cells[0].formula == "=1/0"


def test_hidden_rows_merged_and_states(tmp_path):
    path = tmp_path / "h.xlsx"
    write_workbook(str(path), INFO, [unit("A", [row(target=1, realisasi=1), row(target=2, realisasi=1)]),
                                     unit("B", [row(target=1, realisasi=1)])])
    book = openpyxl.load_workbook(path)
    book["A"].row_dimensions[13].hidden = True
    book["A"].merge_cells("B13:B14")
    book["B"].sheet_state = "hidden"
    book.save(path)
    grids = {g.name: g for g in load_grid(str(path))}
    assert 13 in grids["A"].hidden_rows and "B13:B14" in grids["A"].merged
    assert grids["B"].state == "hidden" and grids["A"].state == "visible"


@pytest.mark.parametrize("fmt", ["0%", "0.00%", "0.0%"])
def test_percent_formats_survive(tmp_path, fmt):
    path = tmp_path / "p.xlsx"
    write_workbook(str(path), INFO, [unit("A", [row(target=1, realisasi=1, serapan=pct(0.25, fmt))])])
    cells = [c for g in load_grid(str(path)) for _, cs in g.rows for c in cs.values() if c.value == 0.25]
    assert [c.number_format for c in cells] == [fmt]


def test_cell_attributes_in_any_order_read_the_same(tmp_path):
    """Writers put a cell's attributes in different orders (s before r, t between them, line
    breaks): the loader's quick pattern for the usual order must not miss a style."""
    import re
    import zipfile

    path = tmp_path / "urut.xlsx"
    write_workbook(str(path), INFO, [unit("A", [
        row(target=Num(12, "0"), realisasi=pct(0.586, "0.00%"), anggaran=Num(1234567, "#,##0"),
            serapan=pct(0.5, "0%")),
    ])])
    usual = via_grid(str(path))
    for name, swap in (("s_dulu.xlsx", rb'<c s="\3" r="\1\2"'), ("t_di_tengah.xlsx", rb'<c r="\1\2" t="n" s="\3"'),
                       ("baris_baru.xlsx", b'<c r="\\1\\2"\n s="\\3"')):
        other = tmp_path / name
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(other, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    data, n = re.subn(rb'<c r="([A-Z]+)(\d+)" s="(\d+)"', swap, data)
                    assert n > 0
                dst.writestr(info, data)
        assert via_grid(str(other)) == usual, name
    assert any(fmt.endswith("%") for _, fmt, _ in usual.values())


def test_parts_decompressed_by_the_safety_check_are_not_read_again(monkeypatch):
    """check_file hands over the parts the loader reads, byte for byte, and the reader opens
    the zip only for that check (calamine reads the file on its own)."""
    import zipfile

    from kinerja_xlsx import reader, safety
    from kinerja_xlsx.grid import wanted

    path = str(SAMPLE)
    parts = safety.check_file(path, keep=wanted)
    with zipfile.ZipFile(path) as archive:
        expected = {n: archive.read(n) for n in archive.namelist() if wanted(n)}
    assert parts == expected and "xl/styles.xml" in parts and any(n.startswith("xl/worksheets/") for n in parts)
    assert via_grid(path) == {(g.name, r, c): (cell.value, cell.number_format, cell.formula)
                              for g in load_grid(path, parts) for r, cells in g.rows for c, cell in cells.items()}

    opened = []
    real = zipfile.ZipFile

    class Counting(real):
        def __init__(self, *args, **kwargs):
            opened.append(args[0])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", Counting)
    workbook = reader.read_workbook(path)
    assert workbook.units and len(opened) == 1


def _cells_xml(*cells: bytes) -> bytes:
    return (b'<worksheet><dimension ref="A1:B2"/><sheetData><row r="1" spans="1:2" s="4" customFormat="1">'
            + b"".join(cells) + b"</row></sheetData><cols><col min=\"1\" max=\"2\" style=\"3\"/></cols></worksheet>")


@pytest.mark.parametrize("cells", [
    (b'<c r="A1" s="2"><v>1</v></c>', b'<c r="B1" t="s"><v>0</v></c>', b'<c r="Z700" s="1"/>'),
    (b'<c r="A1" t="n" s="2"><v>1</v></c>', b'<c r="C9" s="1"/>'),  # s after another attribute
    (b'<c s="2" r="A1"><v>1</v></c>', b'<c r="B1" s="1"/>'),  # s before r
    (b'<c r="A1"\ts="2"><v>1</v></c>',), (b'<c r="A1"\n s="2"><v>1</v></c>',), (b'<c r="A1"\rs="2"/>',),
    (b'<c  r="A1" s="2"/>', b'<c r="D4" s="1"/>'),  # two spaces
    (b'<c r="A1" s="2"/>', b"<c><v>1</v></c>"),  # a cell without its address: extent unknowable
    (b'<c r="A1" s="2"/>', b'<c r="a7"/>'), (b'<c r="A12345678"/>',),  # addresses not in the usual form
    (b'<c t="s" r="XFD1048576"><v>0</v></c>',),
])
def test_quick_scans_agree_with_the_general_patterns(cells):
    """The loader's quick scans (addresses, styles) give what the general patterns give, for
    cells written in any attribute order or spacing."""
    import re

    from kinerja_xlsx import grid
    from kinerja_xlsx.a1 import column_index

    data = _cells_xml(*cells)
    tags = re.findall(rb"<c[\s>/]", data)
    refs = re.findall(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"', data)
    expected_area = (grid.MAX_AREA + 1 if len(refs) != len(tags) else
                     max(2 * 2, max(int(r) for _, r in refs) * max(column_index(c.decode()) for c, _ in refs)))
    assert grid._area(data) == expected_area
    general = [(m[0], m[1], m[2]) if m[0] else (m[4], m[5], m[3]) for m in re.findall(
        rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bs="(\d+)"|<c\b[^>]*?\bs="(\d+)"[^>]*?\br="([A-Z]+)(\d+)"', data)]
    assert sorted(grid._styled_cells(data)) == sorted(general)
