"""The PDF reports of the sample, read back: files and order, every part of each unit report,
the corrected figures and their Catatan Koreksi, Indonesian number formats, embedded fonts,
the book and its contents, the recap, repeatability, and golden page text.

Golden files (tests/golden/laporan_*.txt) change only with ``KINERJA_UPDATE_GOLDEN=1 pytest``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import SAMPLE
from kinerja_xlsx import process
from kinerja_xlsx.report import render_unit, unit_reports

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KINERJA_UPDATE_GOLDEN") == "1"

UNIT_FILES = ["01_Camat.pdf", "02_Sekcam.pdf", "03_Kasubag_Umum.pdf", "04_Kasubag_Keuangan.pdf",
              "05_Kasi_PMD.pdf", "06_Kasi_Pemerintahan.pdf", "07_Kasi_Pelayanan_Umum.pdf"]
BOOK, RECAP = "00_Buku_Laporan_Kinerja.pdf", "99_Rekapitulasi.pdf"

PARTS = ["LAPORAN KINERJA INDIVIDU", "TRIWULAN II TAHUN 2023", "BAB I", "PENDAHULUAN", "BAB II",
         "AKUNTABILITAS KINERJA", "2.1. Perjanjian Kinerja", "2.2. Capaian Kinerja", "Tabel Capaian Kinerja",
         "5 = 4/3", "Tabel Cost per outcome", "9 = 8/7", "C (%)", "Catatan Koreksi",
         "2.3. Evaluasi dan Analisis Kinerja", "2.4. Faktor", "2.5. Rencana Tindak Lanjut",
         "2.6. Tanggapan Atasan Langsung", "RUANG DISPOSISI / TANGGAPAN ATASAN LANGSUNG", "BAB III", "PENUTUP",
         "Kedungjajang, 14 Juli 2023"]


def page_texts(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    """Text with every run of whitespace as one space (table cells wrap)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """The sample processed once; returns (result, folder of its PDFs, text of every PDF)."""
    base = tmp_path_factory.mktemp("laporan")
    source = base / SAMPLE.name
    shutil.copy(SAMPLE, source)
    result = process(str(source), str(base / "output"))
    folder = base / "output" / "pdf" / SAMPLE.stem
    texts = {name: page_texts(folder / name) for name in [*UNIT_FILES, RECAP]}
    return result, folder, texts


def test_files_sort_in_hierarchy_order(out):
    result, folder, _ = out
    assert sorted(os.listdir(folder)) == [BOOK, *UNIT_FILES, RECAP]
    assert [p for p in result.outputs if p.endswith(".pdf")] == sorted(
        str(Path(p)) for p in result.outputs if p.endswith(".pdf"))
    assert len([p for p in result.outputs if p.endswith(".pdf")]) == 9


@pytest.mark.parametrize("name", UNIT_FILES)
def test_unit_report_has_every_part(out, name):
    result, _, texts = out
    pages = texts[name]
    whole = squash("\n".join(pages))
    for part in PARTS:
        assert part in whole, f"{name}: '{part}' missing"
    # page numbers: the unit's own, "Halaman X dari Y" on every page
    for i, text in enumerate(pages, start=1):
        assert f"Halaman {i} dari {len(pages)}" in text
    # the parts come in the seed's order
    order = [whole.index(p) for p in ("BAB I", "2.1. Perjanjian", "2.2. Capaian", "Tabel Cost per outcome",
                                      "Catatan Koreksi", "2.3. Evaluasi", "2.4. Faktor", "2.5. Rencana",
                                      "2.6. Tanggapan", "BAB III", "Kedungjajang, 14 Juli 2023")]
    assert order == sorted(order)


@pytest.mark.parametrize("name", UNIT_FILES)
def test_unit_report_is_signed_by_its_own_person_and_superior(out, name):
    result, _, texts = out
    report = next(r for r in unit_reports(result) if r.file_name == name)
    unit = result.workbook.unit(report.sheet)
    whole = squash("\n".join(texts[name]))
    title = squash(texts[name][0])
    assert f"LAPORAN KINERJA INDIVIDU {unit.jabatan.upper()} TRIWULAN II TAHUN 2023" in title
    signature = whole[whole.index("Kedungjajang, 14 Juli 2023") - 200:]
    assert unit.nama in signature and f"NIP. {unit.nip}" in signature
    assert f"{unit.jabatan.upper()}" in signature
    if unit.atasan:
        boss = result.workbook.unit(unit.atasan)
        assert "Mengetahui," in signature
        assert boss.nama in signature and f"NIP. {boss.nip}" in signature
        assert signature.count("NIP. ") == 2
    else:  # the top unit signs alone, as in the seed's Camat report
        assert "Mengetahui," not in signature
        assert signature.count("NIP. ") == 1


@pytest.mark.parametrize("name", UNIT_FILES)
def test_bab1_tugas_and_lettered_fungsi(out, name):
    result, _, texts = out
    report = next(r for r in unit_reports(result) if r.file_name == name)
    whole = squash("\n".join(texts[name]))
    assert squash(f"{report.person.jabatan} mempunyai tugas {report.tugas}") in whole
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i, fungsi in enumerate(report.fungsi):
        assert squash(f"{letters[i]}. {fungsi}") in whole
    assert len(report.fungsi) >= 9


def test_tanggapan_ticks_the_chosen_option(out):
    _, _, texts = out
    for name in UNIT_FILES:
        lines = [squash(line) for line in "\n".join(texts[name]).splitlines()]
        ticked = [line for line in lines if line.startswith("\u2611")]
        empty = [line for line in lines if line.startswith("\u2610")]
        assert ticked == ["\u2611 Laporan sudah baik"], name
        assert len(empty) == 4, name


def test_camat_shows_the_corrected_figures_and_names_the_changes(out):
    _, _, texts = out
    pages = texts["01_Camat.pdf"]
    whole = squash("\n".join(pages))
    assert "2.017.461.467" in whole and "971.800.593" in whole
    tables = whole[whole.index("Tabel Capaian Kinerja"):whole.index("Catatan Koreksi")]
    assert "68,94%1" in tables  # computed capaian, with its correction mark
    assert "48,17%2" in tables  # computed serapan
    assert "69,94%" not in tables and "49,89%" not in tables  # the office's figures are not in the tables
    note = whole[whole.index("Catatan Koreksi"):whole.index("2.3. Evaluasi")]
    assert re.search(r"1 Persentase hasil fasilitasi .*? Capaian 69,94% 68,94% K101 G12 salah hitung; "
                     r"hasil hitung 58,60 / 85 × 100 = 68,94%", note)
    assert re.search(r"2 Persentase hasil fasilitasi .*? Serapan 49,89% 48,17% K201 J12", note)
    assert "contoh_kedungjajang_tw2_2023_inkonsistensi.json" in note
    # noted, not changed: the realisasi that disagrees with Pembilang / Penyebut, and the roll-up
    assert re.search(r"Realisasi 58,60% tetap K107 F12 .*?36 / 62 × 100 = 58,06%", note)
    assert "K302" in note
    # 2.3 shows the formula and the sentence
    evaluasi = whole[whole.index("2.3. Evaluasi"):whole.index("2.4. Faktor")]
    assert "mencapai 58,60% dengan capaian kinerja sebesar 68,94% (predikat Sedang)" in evaluasi
    assert "× 100% = 58,06%" in evaluasi and "(K107)" in evaluasi


def test_catatan_koreksi_agrees_with_the_findings(out):
    """Every changed capaian/serapan in the audit trail is in its unit's signed report, and back."""
    result, _, texts = out
    reports = {r.sheet: r for r in unit_reports(result)}
    changed = [f for f in result.findings if f.kode in ("K101", "K102", "K201", "K202")]
    assert len(changed) == 10  # K101 x3, K201 x3, K102 x2, K202 x2
    for f in changed:
        report = reports[f.unit]
        match = [c for c in report.corrections if c.kode == f.kode and c.diubah and f.sel.endswith("!" + c.sel)]
        assert len(match) == 1, f
        whole = squash("\n".join(texts[report.file_name]))
        note = whole[whole.index("Catatan Koreksi"):whole.index("2.3. Evaluasi")]
        assert f"{f.kode} {match[0].sel}" in note
        assert f"{match[0].dilaporkan} {match[0].menjadi}" in note
    # and nothing else is called a change
    assert sum(1 for r in reports.values() for c in r.corrections if c.diubah) == len(changed)


def test_numbers_are_in_indonesian_format(out):
    result, _, texts = out
    rupiah = re.compile(r"^(-|\d{1,3}(\.\d{3})*)$")
    persen = re.compile(r"^(-|\d+(,\d{1,2})?%)$")
    for report in unit_reports(result):
        for line in report.lines:
            assert rupiah.match(line.anggaran) and rupiah.match(line.realisasi_anggaran), line
            assert persen.match(line.capaian) and persen.match(line.serapan), line
        assert rupiah.match(report.jumlah_anggaran) and persen.match(report.jumlah_serapan)
    sekcam = squash("\n".join(texts["02_Sekcam.pdf"]))
    # typed as a plain number in the workbook, shown the Indonesian way
    assert "1.836.648.667" in sekcam and "1836648667" not in sekcam
    assert "51,03%" in sekcam and "73,02%" in sekcam
    for name in UNIT_FILES:
        whole = "\n".join(texts[name])
        assert not re.search(r"\d,\d{3},\d{3}", whole), name  # no English thousands
    keuangan = squash("\n".join(texts["04_Kasubag_Keuangan.pdf"]))
    assert "47,62%1" in keuangan  # 10 / 21 rounded half-up, the office's truncated 47,61% in the note
    assert "Capaian 47,61% 47,62% K102 G14 beda pembulatan" in keuangan


def test_every_font_is_embedded(out):
    _, folder, _ = out

    def fonts(resources, seen):
        if resources is None:
            return
        for font in (resources.get("/Font") or {}).values():
            yield font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from fonts(xobject.get("/Resources"), seen)

    for name in os.listdir(folder):
        with pikepdf.open(folder / name) as pdf:
            found = 0
            for page in pdf.pages:
                for font in fonts(page.obj.get("/Resources"), set()):
                    found += 1
                    descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).get("/FontDescriptor")
                    assert descriptor is not None, f"{name}: {font.get('/BaseFont')} is a non-embedded base font"
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                        f"{name}: {font.get('/BaseFont')} not embedded"
                    assert "DejaVu" in str(font.BaseFont)
            assert found, name


def test_book_is_cover_contents_then_every_unit_in_order(out):
    result, folder, texts = out
    unit_pages = [len(texts[name]) for name in UNIT_FILES]
    book = PdfReader(str(folder / BOOK))
    assert len(book.pages) == 2 + sum(unit_pages)
    cover = squash(book.pages[0].extract_text())
    for part in ("2023", "TRIWULAN II", "LAPORAN KINERJA INDIVIDU", "PEMERINTAH KABUPATEN LUMAJANG",
                 "KECAMATAN KEDUNGJAJANG", "TAHUN 2023"):
        assert part in cover
    contents = squash(book.pages[1].extract_text())
    assert "DAFTAR ISI" in contents
    start = 3
    for i, (report, count) in enumerate(zip(unit_reports(result), unit_pages), start=1):
        assert f"{i}. {report.person.jabatan} {report.person.nama} {start}" in contents
        first = squash(book.pages[start - 1].extract_text())
        assert f"LAPORAN KINERJA INDIVIDU {report.person.jabatan.upper()}" in first
        assert f"Halaman 1 dari {count}" in first
        start += count
    assert [item.title for item in book.outline] == [
        f"{r.order}. {r.person.jabatan}" for r in unit_reports(result)]


def _font_files(pdf: pikepdf.Pdf) -> dict[tuple[int, int], bytes]:
    """Every embedded TrueType font file the pages use: its object -> its raw bytes."""
    files = {}
    for page in pdf.pages:
        for _, font in (page.obj.Resources.get("/Font") or {}).items():
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor:
                files[descriptor.FontFile2.objgen] = descriptor.FontFile2.read_raw_bytes()
    return files


def test_the_book_holds_each_unit_page_as_rendered_and_each_font_file_once(out):
    """The unit pages in the book show what the unit PDFs show, page for page; a font file
    the reports share is in the book once (the units embed the same subsets)."""
    _, folder, texts = out
    book = page_texts(folder / BOOK)
    assert book[2:] == [page for name in UNIT_FILES for page in texts[name]]
    distinct = set()
    for name in [BOOK, *UNIT_FILES]:
        with pikepdf.open(folder / name) as pdf:
            assert pdf.check_pdf_syntax() == [], name
            if name != BOOK:
                distinct.update(_font_files(pdf).values())
    with pikepdf.open(folder / BOOK) as pdf:
        in_book = _font_files(pdf)
    assert len(set(in_book.values())) == len(in_book)  # no file twice
    assert distinct <= set(in_book.values())  # the units' files, the cover's own besides


def test_recap_table_and_charts(out):
    result, folder, texts = out
    pages = texts[RECAP]
    whole = squash("\n".join(pages))
    for sheet in ("Camat", "Sekcam", "Kasubag Umum", "Kasubag Keuangan", "Kasi PMD", "Kasi Pemerintahan",
                  "Kasi Pelayanan Umum"):
        assert sheet in whole
    # the Total row: 29 indicators, mean capaian, predikat, totals, serapan total/total, findings by level
    assert "Total 29 57,29% Rendah 6.410.631.601 3.148.025.279 49,11% 10 1 7" in whole
    assert "Camat Camat 2 54,35% Rendah 2.321.761.467 1.114.750.593 48,01% 4 0 1" in whole
    for title in ("Grafik 1. Rata-rata Capaian dan Serapan", "Grafik 2. Sebaran Predikat",
                  "Grafik 3. Efisiensi"):
        assert title in whole
    charts = squash(pages[-1])
    assert "Sangat Tinggi" in charts and "Efisien (18)" in charts and "Tidak Efisien (3)" in charts
    assert "83,33%" in charts and "31,52%" in charts  # bar labels of Kasi Pelayanan Umum
    with pikepdf.open(folder / RECAP) as pdf:
        assert pdf.pages[0].mediabox[2] > pdf.pages[0].mediabox[3]  # landscape


def test_unit_rendering_is_byte_repeatable(out, tmp_path):
    result, folder, _ = out
    report = unit_reports(result, berkas=f"{SAMPLE.stem}_inkonsistensi.json")[0]
    pages = render_unit(report, str(tmp_path / "a.pdf"))
    assert pages == len(PdfReader(str(folder / UNIT_FILES[0])).pages)
    assert (tmp_path / "a.pdf").read_bytes() == (folder / UNIT_FILES[0]).read_bytes()


def _golden_text(pages: list[str]) -> str:
    out = []
    for i, text in enumerate(pages, start=1):
        out.append(f"=== halaman {i} ===")
        out.extend(line.strip() for line in text.splitlines() if line.strip())
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", [*UNIT_FILES, RECAP])
def test_golden_page_text(out, name):
    _, _, texts = out
    actual = _golden_text(texts[name])
    golden = GOLDEN / f"laporan_{Path(name).stem}.txt"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden.name} missing: run KINERJA_UPDATE_GOLDEN=1 pytest tests/test_report.py"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"page text of {name} changed; review, then KINERJA_UPDATE_GOLDEN=1"
