"""The corrected workbook (WORKBOOK.md section 4), read back with openpyxl."""

import json
import os

import openpyxl
import pytest
import xlsxwriter

from conftest import SAMPLE, row, unit
from kinerja_xlsx import process
from kinerja_xlsx.xlsx_out import HEADERS, _Book


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    result = process(str(SAMPLE), str(folder), pdf=False)
    path = folder / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"
    return result, path, openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


def test_sheets_and_order(out):
    _, _, book, _ = out
    assert book.sheetnames[:3] == ["Ringkasan", "Inkonsistensi", "Info"]
    assert book.sheetnames[3:] == ["Camat", "Sekcam", "Kasi PMD", "Kasi Pemerintahan", "Kasi Pelayanan Umum",
                                   "Kasubag Umum", "Kasubag Keuangan"]


def test_inkonsistensi_sheet(out):
    result, _, book, _ = out
    ws = book["Inkonsistensi"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None
    assert ws.max_row == len(result.findings) + 1
    first = ws[2]
    assert first[4].hyperlink is not None and first[4].hyperlink.location == first[4].value
    validations = ws.data_validations.dataValidation
    assert any(v.type == "list" and "Diterima" in v.formula1 and "Perlu Klarifikasi" in v.formula1
               and "L2" in str(v.sqref) for v in validations)
    levels = [ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)]
    rank = {"Galat": 0, "Peringatan": 1, "Info": 2}
    assert levels == sorted(levels, key=rank.get)
    ids = [ws.cell(row=r, column=11).value for r in range(2, ws.max_row + 1)]
    assert ids == [f.id for f in result.findings]
    assert all(ws.cell(row=r, column=12).value is None for r in range(2, ws.max_row + 1))


def test_unit_sheet_has_formulas_with_stored_results(out):
    _, _, book, values = out
    ws, wv = book["Camat"], values["Camat"]
    assert ws["G12"].value.startswith("=")  # Capaian (%) is a live formula
    assert wv["G12"].value == pytest.approx(58.6 / 85 * 100)
    assert ws["J12"].value.startswith("=")
    assert wv["J12"].value == pytest.approx(971800593 / 2017461467 * 100)
    header = {c.value: c.column_letter for c in ws[11] if c.value}
    assert wv[f"{header['Capaian Dilaporkan']}12"].value == "69,94%"
    assert wv[f"{header['Serapan Dilaporkan']}12"].value == "49,89%"
    assert wv[f"{header['Predikat']}12"].value == "Sedang"
    assert wv[f"{header['Efisiensi']}12"].value == pytest.approx(58.6 / 85 * 100 - 971800593 / 2017461467 * 100)
    assert ws["G12"].comment is not None and "69,94%" in ws["G12"].comment.text
    assert ws["G12"].fill.fgColor.rgb.endswith("FFF2CC")


def test_raw_inputs_are_never_altered(out):
    _, _, _, values = out
    original = openpyxl.load_workbook(SAMPLE, data_only=True)
    for name in original.sheetnames:
        src, dst = original[name], values[name]
        for r in src.iter_rows():
            for c in r:
                if c.value is None:
                    continue
                header = src.cell(row=11, column=c.column).value if name != "Info" else None
                if header in ("Capaian (%)", "Serapan (%)") and c.row > 11:
                    continue
                assert dst.cell(row=c.row, column=c.column).value == c.value, (name, c.coordinate)


def test_changed_rows_only_where_findings_say(out):
    result, _, book, _ = out
    changed = {(ws.title, c.coordinate) for ws in book.worksheets[3:] for r in ws.iter_rows() for c in r
               if c.fill is not None and c.fill.fgColor is not None and str(c.fill.fgColor.rgb).endswith("FFF2CC")}
    expected = {(f.unit, f.sel.split("!")[1]) for f in result.findings if f.kode in ("K101", "K102", "K201", "K202")}
    assert changed == expected


def test_ringkasan_rows_read_equal_rows_written(out):
    _, _, _, values = out
    ws = values["Ringkasan"]
    header = [c.value for c in ws[3]]
    read, written = header.index("Baris Dibaca"), header.index("Baris Ditulis")
    body = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert [r[0] for r in body][-1] == "Total"
    for r in body:
        assert r[read] == r[written] and r[read] > 0
    total = body[-1]
    assert total[header.index("Indikator")] == 29
    assert total[header.index("Serapan (%)")] == pytest.approx(
        total[header.index("Realisasi Anggaran")] / total[header.index("Anggaran")] * 100)


def test_json(out):
    result, path, _, _ = out
    doc = json.loads((path.parent / "contoh_kedungjajang_tw2_2023_inkonsistensi.json").read_text("utf-8"))
    assert doc["totals"] == {"Galat": 10, "Peringatan": 1, "Info": len(result.findings) - 11}
    keys = {"kode", "tingkat", "unit", "sel", "indikator", "dilaporkan", "seharusnya", "pesan", "saran"}
    assert all(keys <= set(f) for f in doc["findings"])
    assert len(doc["findings"]) == len(result.findings)


def test_text_that_looks_like_a_formula_stays_text(build, tmp_path):
    path = build([unit("A", [row(target=1, realisasi=1, capaian=100, ket="=HYPERLINK(\"x\")",
                                 indikator="+62 @jumlah")], Tugas="=1+1")])
    process(path, str(tmp_path / "o"), pdf=False)
    out = openpyxl.load_workbook(tmp_path / "o" / (os.path.basename(path)[:-5] + "_terkoreksi.xlsx"))
    ws = out["A"]
    texts = {c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)}
    assert "=HYPERLINK(\"x\")" in texts and "=1+1" in texts
    formulas = [c for r in ws.iter_rows() for c in r if c.data_type == "f"]
    assert all(c.value.startswith(("=", )) and "HYPERLINK" not in c.value and c.value != "=1+1" for c in formulas)


def test_input_is_never_written(sample_copy, tmp_path):
    before = (os.stat(sample_copy).st_mtime_ns, open(sample_copy, "rb").read())
    process(sample_copy, str(tmp_path / "o"), pdf=False)
    assert (os.stat(sample_copy).st_mtime_ns, open(sample_copy, "rb").read()) == before


def test_auditor_decisions_survive_a_rerun(sample_copy, tmp_path):
    out = tmp_path / "o"
    result = process(sample_copy, str(out), pdf=False)
    path = out / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Inkonsistensi"]
    decided = {ws.cell(row=2, column=11).value: ("Diterima", "sudah dicek SP2D"),
               ws.cell(row=3, column=11).value: ("Perlu Klarifikasi", ""),
               ws.cell(row=4, column=11).value: ("Ditolak", 12)}  # a number typed as the note
    for r in (2, 3, 4):
        ws.cell(row=r, column=12).value, ws.cell(row=r, column=13).value = decided[ws.cell(row=r, column=11).value]
    book.save(path)
    again = process(sample_copy, str(out), pdf=False)
    assert [f.id for f in again.findings] == [f.id for f in result.findings]
    ws = openpyxl.load_workbook(path)["Inkonsistensi"]
    carried = {ws.cell(row=r, column=11).value: (ws.cell(row=r, column=12).value, ws.cell(row=r, column=13).value)
               for r in range(2, ws.max_row + 1)}
    for fid, (decision, note) in decided.items():
        assert carried[fid] == (decision, str(note) if note else None)  # 12, not 12.0
    assert sum(1 for d, _ in carried.values() if d) == 3  # nobody else got a decision


def test_sheet_names_are_checked_as_xlsxwriter_checks_them(tmp_path):
    """The set lookup (linear in the number of units) accepts and refuses what xlsxwriter's
    own comparison with every sheet does."""
    names = ["Ringkasan", "Camat", "camat", "CAMAT ", "Kasi PMD", "kasi pmd", "x" * 31, "x" * 32, "a/b", "'a",
             "Sekcam", "SEKCAM", "Ünit", "ünit", "Info", ""]
    outcomes = []
    for cls in (xlsxwriter.Workbook, _Book):
        book = cls(str(tmp_path / f"{cls.__name__}.xlsx"), {"in_memory": True})
        got = []
        for name in names:
            try:
                got.append(book.add_worksheet(name).name)
            except Exception as exc:
                got.append(type(exc).__name__)
        outcomes.append(got)
    assert outcomes[0] == outcomes[1]
    assert outcomes[1].count("DuplicateWorksheetName") == 4


def test_plain_cells_are_written_as_xlsxwriter_writes_them(monkeypatch, tmp_path):
    """Numbers, shared strings, blanks and formulas (number and text results, ``<`` and
    ``>`` to escape) of every style a unit sheet uses (fills, number formats, none), on the
    sample and on a workbook with typed slips: every part of the file is the same bytes as
    with xlsxwriter's own cell writer and its public write methods (creation time aside)."""
    import zipfile

    from xlsxwriter.worksheet import Worksheet

    from kinerja_xlsx import xlsx_out
    from kinerja_xlsx.authoring import write_workbook
    from kinerja_xlsx.pipeline import check
    from kinerja_xlsx.synth import consistent_workbook

    slips = tmp_path / "slips.xlsx"
    info, units = consistent_workbook(8, 6, 3)
    units[0].rows[1]["Capaian (%)"] = "12,5%"  # a reported figure that disagrees
    write_workbook(str(slips), info, units)

    def parts(path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}

    copied = []
    original = xlsx_out._copied_format
    monkeypatch.setattr(xlsx_out, "_copied_format", lambda *a: copied.append(a) or original(*a))
    written = {}
    for own in (True, False):
        if not own:
            monkeypatch.setattr(xlsx_out._PlainFormulas, "_write_cell", Worksheet._write_cell)
            monkeypatch.setattr(xlsx_out, "FAST_VALUES", False)
        for name, source in (("contoh", SAMPLE), ("slips", slips)):
            path = tmp_path / f"{name}_{own}.xlsx"
            xlsx_out.write_corrected(check(str(source)), str(path))
            written[name, own] = parts(path)
    for name in ("contoh", "slips"):
        assert written[name, True] == written[name, False]
        sheets = b"".join(data for part, data in written[name, True].items() if part.startswith("xl/worksheets/"))
        assert b' t="s"><v>' in sheets and b' t="str"><f>IF(' in sheets and b"&gt;=" in sheets
    assert {text for _, text, _, _ in copied} == {True, False}  # the short way was taken, texts and numbers


def test_plain_cells_take_their_row_or_column_style_as_xlsxwriter_gives_it(monkeypatch, tmp_path):
    """A cell without a format of its own takes its row's, else its column's (xlsxwriter's
    order), the same bytes as xlsxwriter's own cell writer."""
    import zipfile

    from xlsxwriter.worksheet import Worksheet

    from kinerja_xlsx import xlsx_out

    def sheet(own: bool) -> bytes:
        if not own:
            monkeypatch.setattr(xlsx_out._PlainFormulas, "_write_cell", Worksheet._write_cell)
        path = tmp_path / f"{own}.xlsx"
        book = xlsx_out._Book(str(path), {"in_memory": True})
        ws = book.add_worksheet("Uji", worksheet_class=xlsx_out._PlainFormulas)
        ws.set_column(1, 1, 12, book.add_format({"num_format": "0.00"}))
        ws.set_column(2, 2, 12)
        ws.set_row(3, None, book.add_format({"bold": True}))
        for row in range(5):
            ws.write_number(row, 0, 1.5 + row)
            ws.write_string(row, 1, f"teks {row} & <b>")
            ws.write_blank(row, 2, None, book.add_format({"bg_color": "#FCE4D6"}) if row == 2 else None)
            ws.write_number(row, 3, -0.1 ** row, book.add_format({"num_format": "#,##0"}) if row else None)
            ws.write_formula(row, 4, f"=A{row + 1}*2", None, 3.0 + 2 * row)
        book.close()
        with zipfile.ZipFile(path) as z:
            return z.read("xl/worksheets/sheet1.xml")

    own = sheet(True)
    assert own == sheet(False)
    assert b' t="s"><v>' in own and b'<c r="A1"><v>' in own


def test_the_written_workbook_is_freed_without_the_cycle_collector(tmp_path):
    """xlsxwriter's sheets and workbook refer to each other; once the file is written the
    workbook lets go of its sheets, so every cell object is freed at once rather than left
    for a later walk of the cycle collector (switched off here to count what is left)."""
    import gc

    from kinerja_xlsx import check
    from kinerja_xlsx.xlsx_out import write_corrected

    result = check(str(SAMPLE))
    cells = sum(len(r.cells) for u in result.workbook.units for r in u.rows)
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        write_corrected(result, str(tmp_path / "a.xlsx"))
        left = gc.collect()
    finally:
        if was:
            gc.enable()
    assert cells > 100 and left < cells / 2, (left, cells)
