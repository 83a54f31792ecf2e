"""The PDF reports on small workbooks built from Python data: hostile text stays inert, long
text wraps or is cut visibly, tables split with their header repeated, the hierarchy orders the
files, the tick follows Tanggapan Atasan, the standard texts come from the TOML file, and the
report data is plain picklable data (for a process pool)."""

from __future__ import annotations

import os
import pickle
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import row, unit
from kinerja_xlsx import check, process
from kinerja_xlsx.report import hierarchy, render_unit, unit_reports, write_reports
from kinerja_xlsx.report.data import atasan_links, number_width, recap_file_name, safe_name, unit_file_name
from kinerja_xlsx.report.story import letters, markup, sentence, unit_story
from kinerja_xlsx.report.texts import fill, load_texts


def texts_of(path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_dir(result) -> str:
    pdfs = [p for p in result.outputs if p.endswith(".pdf")]
    return os.path.dirname(pdfs[0])


def base_rows(n=2):
    return [row(target="12 dok", realisasi="6 dok", capaian="50%", anggaran=1_000_000, ra=400_000, serapan="40%")
            for _ in range(n)]


# --- pure parts -----------------------------------------------------------------------------

def test_hierarchy_is_depth_first_by_atasan_keeping_workbook_order():
    u = lambda sheet, atasan="": types.SimpleNamespace(sheet=sheet, atasan=atasan)  # noqa: E731
    units = [u("Kasi B", "Camat"), u("Camat"), u("Sekcam", "Camat"), u("Subbag", "Sekcam"), u("Kasi A", "Camat"),
             u("Yatim", "Tidak Ada"), u("X", "Y"), u("Y", "X")]
    ordered = [(x.sheet, depth) for x, depth in hierarchy(units)]
    assert ordered == [("Camat", 0), ("Kasi B", 1), ("Sekcam", 1), ("Subbag", 2), ("Kasi A", 1),
                       ("Yatim", 0),  # its Atasan names no sheet: a top unit
                       ("X", 0), ("Y", 1)]  # an Atasan cycle cannot loop


def _recursive_hierarchy(units):
    """The order the hierarchy had as a recursive walk (the reference for the iterative one)."""
    roots, children = atasan_links(units)
    ordered, seen = [], set()

    def visit(x, depth):
        if x.sheet.casefold() not in seen:
            seen.add(x.sheet.casefold())
            ordered.append((x.sheet, depth))
            for child in children.get(x.sheet.casefold(), []):
                visit(child, depth + 1)

    for x in roots + units:
        visit(x, 0)
    return ordered


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 11), min_size=1, max_size=12))
def test_hierarchy_walks_as_the_recursive_walk_did(parents):
    """Any Atasan links (none, unknown, self, cycles, chains), in any workbook order."""
    u = lambda sheet, atasan="": types.SimpleNamespace(sheet=sheet, atasan=atasan)  # noqa: E731
    units = [u(f"U{i}", "" if p < 0 else f"u{p}" if p % 3 else f"U{p} ") for i, p in enumerate(parents)]
    assert [(x.sheet, d) for x, d in hierarchy(units)] == _recursive_hierarchy(units)


def test_a_chain_of_atasan_thousands_deep_is_ordered():
    u = lambda sheet, atasan="": types.SimpleNamespace(sheet=sheet, atasan=atasan)  # noqa: E731
    chain = [u(f"U{i}", f"U{i - 1}" if i else "") for i in range(3000)]
    ordered = hierarchy(list(reversed(chain)))
    assert [(x.sheet, d) for x, d in ordered] == [(f"U{i}", i) for i in range(3000)]


def test_file_names_sort_and_are_safe():
    assert safe_name("Kasi PMD") == "Kasi_PMD"
    assert safe_name("Seksi Ekonomi & Pembangunan (Ekbang)") == "Seksi_Ekonomi_Pembangunan_Ekbang"
    assert safe_name("Kasi Ümum/..\\") == "Kasi_Umum"
    assert safe_name("<>:|?*") == "Unit"
    assert unit_file_name(1, "Camat", 2) == "01_Camat.pdf"
    assert number_width(7) == 2 and number_width(98) == 2 and number_width(99) == 3 and number_width(500) == 3
    assert recap_file_name(number_width(500)) == "999_Rekapitulasi.pdf"
    names = [unit_file_name(i, "U", number_width(150)) for i in range(1, 151)]
    assert names == sorted(names) and "000_Buku_Laporan_Kinerja.pdf" < names[0] < names[-1] < "999_Rekapitulasi.pdf"


def test_markup_makes_any_text_inert():
    assert markup("=1+1") == "=1+1"
    assert markup("<b>tebal</b> & co") == "&lt;b&gt;tebal&lt;/b&gt; &amp; co"
    assert markup("baris\nkedua\x00\x07") == "baris<br/>kedua"
    assert letters(0) == "a" and letters(25) == "z" and letters(26) == "aa" and letters(27) == "ab"


def test_fill_leaves_unknown_placeholders_and_braces_alone():
    assert fill("Triwulan {triwulan} {tidak_ada} {x", {"triwulan": "II"}) == "Triwulan II {tidak_ada} {x"
    assert fill("{a}", {"a": "{b}", "b": "X"}) == "{b}"  # values are not re-read as templates


def test_sentence_variants(build):
    path = build([unit("A", [row(target="12 dok", realisasi="6 dok", capaian="50%", ket="lanjut TW III"),
                             row(target="-", realisasi="3 dok", capaian="30%"),
                             row(target="12 dok", realisasi="-", capaian="0%")])])
    result = check(path)
    report = unit_reports(result)[0]
    texts = load_texts()
    first, no_target, no_realisasi = (sentence(line, texts, report.values()) for line in report.lines)
    assert "mencapai 6 dok dengan capaian kinerja sebesar 50% (predikat Sangat Rendah). " \
           "Keterangan: lanjut TW III." in first
    assert "capaian kinerja tidak dapat dihitung" in no_target
    assert "belum dilaporkan" in no_realisasi
    assert report.lines[1].capaian == "-"


def test_report_data_is_picklable_and_the_story_pure(sample_copy):
    result = check(sample_copy)
    reports = unit_reports(result)
    again = pickle.loads(pickle.dumps(reports))
    assert again == reports
    texts = load_texts()
    assert len(unit_story(reports[0], texts)) == len(unit_story(reports[0], texts)) > 20


# --- rendered ----------------------------------------------------------------------------------

def test_hostile_and_long_text_renders_literally(build, tmp_path):
    long_word = "X" * 700
    long_text = "kata " * 900
    rows = [row(sasaran="=SUM(A1:A9)", indikator="<b>tebal</b> & <i>miring", target="12 dok", realisasi="6 dok"),
            row(sasaran="+62 812", indikator="-1 minus", target="4 dok", realisasi="1 dok", ket="@user"),
            row(sasaran=long_word, indikator="Indikator panjang", target="10 dok", realisasi="5 dok",
                ket=long_text)]
    path = build([unit("Uji <&>", rows, jabatan="Kepala <Uji> & Co", Tugas="=HYPERLINK(\"x\")",
                       Fungsi="=1+1\n<script>\n&amp;")])
    result = process(path, str(tmp_path / "out"))
    folder = pdf_dir(result)
    name = next(n for n in os.listdir(folder) if n.startswith("01_"))
    assert name == "01_Uji.pdf"
    whole = squash("\n".join(texts_of(os.path.join(folder, name))))
    for literal in ("=SUM(A1:A9)", "<b>tebal</b> & <i>miring", "+62 812", "-1 minus", "@user",
                    "KEPALA <UJI> & CO", "=HYPERLINK(\"x\")", "a. =1+1", "b. <script>", "c. &amp;"):
        assert literal in whole, literal
    assert "[dipotong]" in whole  # the 4.500-character Keterangan is cut, visibly
    assert whole.count("X") >= 700  # the unbroken word wraps, whole, in the tables


def test_long_tables_repeat_their_header_on_every_page(build, tmp_path):
    rows = [row(sasaran=f"Sasaran kegiatan nomor {i} " * 3, indikator=f"Indikator nomor {i}", target="12 dok",
                realisasi="6 dok", capaian="50%", anggaran=2_000_000, ra=500_000, serapan="25%") for i in range(60)]
    path = build([unit("Besar", rows)])
    result = process(path, str(tmp_path / "out"))
    pages = texts_of(os.path.join(pdf_dir(result), "01_Besar.pdf"))
    pk = [i for i, p in enumerate(pages) if "Indikator nomor 59" in p or "Indikator nomor 30" in p]
    assert len(pages) >= 8 and pk
    capaian_pages = [i for i, p in enumerate(pages) if "5 = 4/3" in p]
    cost_pages = [i for i, p in enumerate(pages) if "9 = 8/7" in p]
    header_pages = [i for i, p in enumerate(pages) if "Sasaran Kegiatan Indikator Kinerja Target" in squash(p)]
    assert len(capaian_pages) >= 2 and len(cost_pages) >= 2 and len(header_pages) >= 2
    # every page that carries table rows of a split table starts them under the header
    for i in capaian_pages + cost_pages:
        assert "Indikator Kinerja" in pages[i]
    for i, text in enumerate(pages, start=1):
        assert f"Halaman {i} dari {len(pages)}" in text


@pytest.mark.parametrize("typed, ticked", [
    ("Capaian diteliti ulang", "Capaian diteliti ulang"),
    ("Lain - lain", "Lain - lain"),
    ("target dan realisasi  diteliti ulang", "Target dan realisasi diteliti ulang"),
])
def test_the_typed_tanggapan_is_ticked(build, tmp_path, typed, ticked):
    path = build([unit("A", base_rows(), **{"Tanggapan Atasan": typed})])
    result = process(path, str(tmp_path / "out"))
    lines = [squash(x) for x in "\n".join(texts_of(os.path.join(pdf_dir(result), "01_A.pdf"))).splitlines()]
    assert [x for x in lines if x.startswith("\u2611")] == [f"\u2611 {ticked}"]
    assert len([x for x in lines if x.startswith("\u2610")]) == 4


def test_other_tanggapan_ticks_lain_lain_and_shows_the_text(build, tmp_path):
    path = build([unit("A", base_rows(), **{"Tanggapan Atasan": "Mohon dilengkapi bukti dukung"})])
    result = process(path, str(tmp_path / "out"))
    whole = squash("\n".join(texts_of(os.path.join(pdf_dir(result), "01_A.pdf"))))
    assert "\u2611 Lain - lain" in whole and "Tanggapan: Mohon dilengkapi bukti dukung" in whole


def test_superiors_sign_and_a_missing_atasan_sheet_does_not_break(build, tmp_path):
    units = [unit("Sub", base_rows(1), atasan="Kepala", nama="NAMA SUB", nip="19800101 200501 1 002"),
             unit("Kepala", base_rows(1), nama="NAMA KEPALA", nip="19700101 199501 1 001", jabatan="Kepala Dinas"),
             unit("Lepas", base_rows(1), atasan="Tidak Ada", nama="NAMA LEPAS")]
    result = process(build(units), str(tmp_path / "out"))
    folder = pdf_dir(result)
    assert sorted(n for n in os.listdir(folder)) == [
        "00_Buku_Laporan_Kinerja.pdf", "01_Kepala.pdf", "02_Sub.pdf", "03_Lepas.pdf", "99_Rekapitulasi.pdf"]
    sub = squash("\n".join(texts_of(os.path.join(folder, "02_Sub.pdf"))))
    tail = sub[sub.index("Uji, 10 Juli 2024") - 120:]
    assert "Mengetahui, Uji, 10 Juli 2024 KEPALA DINAS KEPALA SUB" in tail
    assert "NAMA KEPALA NAMA SUB NIP. 19700101 199501 1 001 NIP. 19800101 200501 1 002" in tail
    lepas = squash("\n".join(texts_of(os.path.join(folder, "03_Lepas.pdf"))))
    assert "TIDAK ADA" in lepas and "NIP. -" in lepas  # the named superior, with room to sign
    kepala = squash("\n".join(texts_of(os.path.join(folder, "01_Kepala.pdf"))))
    assert "Mengetahui," not in kepala and kepala.count("NIP. ") == 1


def test_no_corrections_says_so(build, tmp_path):
    path = build([unit("A", base_rows())])
    result = process(path, str(tmp_path / "out"))
    whole = squash("\n".join(texts_of(os.path.join(pdf_dir(result), "01_A.pdf"))))
    assert "Tidak ada angka capaian atau serapan yang diubah dari yang dilaporkan." in whole


def test_standard_texts_come_from_the_toml_file(build, tmp_path):
    source = load_texts.__wrapped__()  # the packaged file, uncached
    import kinerja_xlsx
    packaged = os.path.join(os.path.dirname(kinerja_xlsx.__file__), "texts", "laporan.toml")
    with open(packaged, encoding="utf-8") as fh:
        toml = fh.read()
    assert source["bab1"]["pembuka"].startswith("Laporan Kinerja adalah Ikhtisar")
    custom = tmp_path / "teks.toml"
    custom.write_text(toml.replace("Laporan Kinerja adalah Ikhtisar", "TEKS PEMBUKA KANTOR & <UJI>")
                      .replace('judul = "BAB III"', 'judul = "BAB 3"'), encoding="utf-8")
    result = check(build([unit("A", base_rows())]))
    written = write_reports(result, str(tmp_path / "pdf"), texts=load_texts(str(custom)))
    whole = squash("\n".join(texts_of(written[1])))
    assert "TEKS PEMBUKA KANTOR & <UJI>" in whole and "BAB 3" in whole and "BAB III" not in whole


def test_render_unit_returns_its_page_count(build, tmp_path):
    result = check(build([unit("A", base_rows(3))]))
    report = unit_reports(result)[0]
    pages = render_unit(report, str(tmp_path / "a.pdf"))
    assert pages == len(PdfReader(str(tmp_path / "a.pdf")).pages) >= 2


def test_a_pdf_job_leaves_no_cyclic_garbage_for_the_collector(build, tmp_path):
    """ReportLab's objects refer to each other, so a report leaves cyclic garbage; a job
    collects it right after its PDF, and the collector (here switched off to count) finds
    nothing left. Without that collection the report leaves hundreds of objects."""
    import gc

    from kinerja_xlsx.report.render import render_job

    result = check(build([unit("A", base_rows(3))]))
    report = unit_reports(result)[0]
    texts = load_texts()
    render_job((report, str(tmp_path / "warm.pdf"), texts))  # caches filled
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        pages = render_job((report, str(tmp_path / "a.pdf"), texts))
        left = gc.collect()
        render_unit(report, str(tmp_path / "b.pdf"), texts)
        left_by_render_unit = gc.collect()
    finally:
        if was:
            gc.enable()
    assert pages >= 2 and left == 0 and left_by_render_unit > 100


def test_contents_numbers_stay_on_one_line_up_to_five_digits():
    """A book of thousands of units: "1207." once broke after the digits, doubling every
    row of the contents. Every entry's row is as tall as the first one's."""
    from reportlab.platypus import Table

    from kinerja_xlsx.report import layout
    from kinerja_xlsx.report.book import Entry, contents_story

    layout.register_fonts()
    entries = [Entry(order, 1, "Kepala Unit", "PEJABAT", order * 4) for order in (1, 99, 1207, 12345, 25000)]
    table = next(f for f in contents_story(entries, load_texts()) if isinstance(f, Table))
    table.wrap(layout.PORTRAIT.width, layout.PORTRAIT.height)
    body = table._rowHeights[1:]
    assert len(body) == len(entries) and len(set(body)) == 1, body
