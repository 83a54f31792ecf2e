"""Each rule's pass and fail cases, on small workbooks built from Python data with text,
numeric and percent-formatted cells. Every case asserts the exact set of codes found."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Num, pct, row, unit
from kinerja_xlsx import check
from kinerja_xlsx.rules import all_rules

B = dict(anggaran=None)
CASES = [
    # K101 / K102 capaian
    ("k101-pass-text", [row(target="12 dok", realisasi="6 dok", capaian="50%")], set()),
    ("k101-fail-text", [row(target="12 dok", realisasi="6 dok", capaian="60%")], {"K101"}),
    ("k101-pass-numeric", [row(target=12, realisasi=6, capaian=50)], set()),
    ("k101-fail-numeric", [row(target=12, realisasi=6, capaian=56)], {"K101"}),
    ("k101-pass-percent-format",
     [row(target=pct(0.85, "0%"), realisasi=pct(0.586, "0.00%"), capaian=pct(0.6894, "0.00%"))], set()),
    ("k101-fail-percent-format",
     [row(target=pct(0.85, "0%"), realisasi=pct(0.586, "0.00%"), capaian=pct(0.6994, "0.00%"))], {"K101"}),
    ("k101-float-noise-is-silent", [row(target=3, realisasi=1, capaian=pct(0.3333, "0.00%"))], set()),
    ("k101-mixed-text-and-percent-cells", [row(target="85%", realisasi=pct(0.586, "0.00%"), capaian="68,94%")],
     set()),
    ("k101-negative-pass", [row(target=10, realisasi=5, capaian="150%", polaritas="Negatif")], set()),
    ("k101-negative-reported-as-positive", [row(target=10, realisasi=5, capaian="50%", polaritas="Negatif")],
     {"K101"}),
    ("k102-truncated", [row(target="21 unit", realisasi="10 unit", capaian="47,61%")], {"K102"}),
    ("k102-rounded-half-up-is-silent", [row(target="21 unit", realisasi="10 unit", capaian="47,62%")], set()),
    # K103 - K106
    ("k103-dash", [row(target="-", realisasi="5 dok", capaian="50%")], {"K103"}),
    ("k103-zero", [row(target=0, realisasi=5, capaian="50%")], {"K103"}),
    ("k103-negative-zero-target-is-defined", [row(target=0, realisasi=0, capaian="100%", polaritas="Negatif")],
     set()),
    ("k104-compound-different-ratios",
     [row(target="4 gedung dan 1 halaman", realisasi="3 gedung dan 1 halaman", capaian="80%")], {"K104"}),
    ("k104-compound-verified", [row(target="4 gedung dan 1 halaman", realisasi="4 gedung dan 1 halaman",
                                    capaian="100%")], set()),
    ("k104-words", [row(target="WTP", realisasi="WTP", capaian="100%")], {"K104"}),
    ("k105-units-differ", [row(target="12 dok", realisasi="6 laporan", capaian="50%")], {"K105"}),
    ("k105-case-and-spaces-ignored", [row(target="13 Orang / Bulan", realisasi="13 orang/bulan", capaian="100%")],
     set()),
    ("k106-over-150", [row(target=10, realisasi=20, capaian="200%")], {"K106"}),
    ("k106-150-is-fine", [row(target=10, realisasi=15, capaian="150%")], set()),
    # K107
    ("k107-fail", [row(target="85%", realisasi="58,60%", capaian="68,94%", pembilang=36, penyebut=62)],
     {"K107"}),
    ("k107-pass", [row(target="85%", realisasi="58,06%", capaian="68,31%", pembilang=36, penyebut=62)], set()),
    ("k107-pass-rounded", [row(target="83%", realisasi="33%", capaian="39,76%", pembilang=12, penyebut=36)],
     set()),
    # K201 - K205 budget
    ("k201-fail-text", [row(target=1, realisasi=1, capaian="100%", anggaran="10.350.000", ra="3.262.500",
                            serapan="37,3%")], {"K201"}),
    ("k201-pass-numeric", [row(target=1, realisasi=1, capaian=100, anggaran=10350000, ra=3262500,
                               serapan=31.52)], set()),
    ("k201-pass-percent-format", [row(target=1, realisasi=1, capaian=100, anggaran=Num(10350000, "#,##0"),
                                      ra=Num(3262500, "#,##0"), serapan=pct(0.3152, "0.00%"))], set()),
    ("k201-pass-rp-prefix", [row(target=1, realisasi=1, capaian=100, anggaran="Rp. 10.350.000",
                                 ra="Rp 3.262.500,-", serapan="31,52%")], set()),
    ("k202-truncated", [row(target=1, realisasi=1, capaian=100, anggaran=291900000, ra=142950000,
                            serapan="48%")], {"K202"}),
    ("k203", [row(target=1, realisasi=1, capaian=100, anggaran=1000, ra=2000, serapan="200%")], {"K203"}),
    ("k204", [row(target=1, realisasi=1, capaian=100, anggaran="-", ra="1.500.000")], {"K204"}),
    ("k204-no-budget-line-is-fine", [row(target=1, realisasi=1, capaian=100, anggaran="-", ra="-", serapan="-")],
     set()),
    ("k205", [row(target="1 dok", realisasi="0 dok", capaian="0%", anggaran=1000, ra=100, serapan="10%")],
     {"K205"}),
    ("k205-nothing-spent-is-fine", [row(target="1 dok", realisasi="0 dok", capaian="0%", anggaran=1000, ra=0,
                                        serapan="0%")], set()),
    # K401
    ("k401-percent-without-sign", [row(target=12, realisasi=6, capaian="50")], {"K401"}),
    ("k401-dot-decimal", [row(target=6, realisasi=5, capaian="83.3 %")], {"K401"}),
]


@pytest.mark.parametrize("name, rows, expected", CASES, ids=[c[0] for c in CASES])
def test_rule_case(build, name, rows, expected):
    result = check(build([unit("Unit A", rows)]))
    assert {f.kode for f in result.findings} == expected


def test_k101_names_the_other_polarity(build):
    result = check(build([unit("A", [row(target=10, realisasi=5, capaian="50%", polaritas="Negatif")])]))
    (f,) = result.findings
    assert "polaritas positif" in f.pesan


def test_k101_names_a_quarterly_target(build):
    # 6 of an annual 12, reported against the target to Triwulan II (6): 100%
    result = check(build([unit("A", [row(target="12 dok", realisasi="6 dok", capaian="100%")])]))
    (f,) = result.findings
    assert "triwulan 2" in f.pesan and "mustahil" not in f.pesan


def test_k101_impossible_with_target_one(build):
    result = check(build([unit("A", [row(target="1 dok", realisasi="0 dok", capaian="25%")])]))
    (f,) = result.findings
    assert f.kode == "K101" and "mustahil" in f.pesan


def family(parent_budget, parent_spent, children):
    """A parent unit with one budget row and child units rolling up into it."""
    units = [unit("Induk", [row(target=1, realisasi=1, capaian=100, anggaran=parent_budget, ra=parent_spent)])]
    for i, (budget, spent) in enumerate(children, start=1):
        units.append(unit(f"Anak {i}", [row(target=1, realisasi=1, capaian=100, anggaran=budget, ra=spent,
                                             induk=1)], atasan="Induk"))
    return units


@pytest.mark.parametrize("parent, children, expected", [
    ((300, 100), [(100, 50), (200, 50)], set()),
    ((300, 100), [("100", "50"), (Num(200, "#,##0"), "50")], set()),
    ((301, 100), [(100, 50), (200, 50)], {"K301"}),
    ((300, 160), [(100, 50), (200, 50)], {"K302"}),
    ((300, 100), [(100, 50), (200, 50), ("-", "-")], set()),
])
def test_rollup(build, parent, children, expected):
    result = check(build(family(*parent, children)))
    assert {f.kode for f in result.findings} == expected
    for f in result.findings:
        assert f.unit == "Induk"


def test_k303_unknown_atasan_and_induk(build):
    units = [unit("Induk", [row(target=1, realisasi=1, capaian=100)]),
             unit("Anak", [row(target=1, realisasi=1, capaian=100, induk=9)], atasan="Induk"),
             unit("Yatim", [row(target=1, realisasi=1, capaian=100)], atasan="Tidak Ada")]
    result = check(build(units))
    assert {(f.kode, f.unit) for f in result.findings} == {("K303", "Anak"), ("K303", "Yatim")}


def test_every_rule_is_documented_in_the_fixed_shape():
    for r in all_rules():
        doc = r.doc
        assert doc["Judul"], r.code
        for section in ("Memeriksa", "Mengapa", "Contoh", "Tindakan"):
            assert doc.get(section), (r.code, section)


@pytest.mark.parametrize("second, expected", [
    ("Jumlah dokumen yang difasilitasi", {"K403"}),
    ("  JUMLAH Dokumen yang difasilitasi.  ", {"K403"}),  # case, spaces and punctuation ignored
    ("Jumlah dokumen yang dievaluasi", set()),
])
def test_k403_same_indicator_twice_in_one_unit(build, second, expected):
    rows = [row(indikator="Jumlah dokumen yang difasilitasi", target=1, realisasi=1, capaian="100%"),
            row(indikator=second, target=1, realisasi=1, capaian="100%")]
    result = check(build([unit("A", rows)]))
    assert {(f.kode, f.sel) for f in result.findings} == {(k, "'A'!C13") for k in expected}


def test_k403_the_same_indicator_in_two_units_is_fine(build):
    rows = [row(indikator="Jumlah dokumen", target=1, realisasi=1, capaian="100%")]
    assert check(build([unit("A", rows), unit("B", rows, atasan="A")])).findings == []


def test_k303_atasan_cycle_is_named_once(build):
    units = [unit("Camat", [row(target=1, realisasi=1, capaian=100)], atasan="Kasi"),
             unit("Sekcam", [row(target=1, realisasi=1, capaian=100)], atasan="Camat"),
             unit("Kasi", [row(target=1, realisasi=1, capaian=100)], atasan="Sekcam"),
             unit("Kasubag", [row(target=1, realisasi=1, capaian=100)], atasan="Sekcam")]
    (f,) = check(build(units)).findings
    assert (f.kode, f.tingkat.value, f.unit, f.sel) == ("K303", "Galat", "Camat", "'Camat'!B4")
    assert "Camat → Kasi → Sekcam → Camat" in f.pesan


def test_k303_unit_that_is_its_own_atasan(build):
    (f,) = check(build([unit("A", [row(target=1, realisasi=1, capaian=100)], atasan="A")])).findings
    assert f.kode == "K303" and "A → A" in f.pesan


def test_k303_suggests_the_closest_sheet_name(build):
    units = [unit("Sekcam", [row(target=1, realisasi=1, capaian=100)]),
             unit("Kasubag Umum", [row(target=1, realisasi=1, capaian=100)], atasan="Sekcamm")]
    (f,) = [f for f in check(build(units)).findings if f.kode == "K303"]
    assert "Mungkin maksudnya: 'Sekcam'" in f.saran


def test_findings_quote_typed_text_at_a_readable_length(build):
    long_target = "12 dok " + "x" * 5000
    result = check(build([unit("A", [row(target=long_target, realisasi="6 dok", capaian="50%")])]))
    quoted = [f for f in result.findings if f.kode in ("K104", "K105")]
    assert quoted and all(len(f.dilaporkan) <= 200 and len(f.pesan) <= 2000 for f in quoted)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=" \t\n\xa0:_-.,ßİIiΣσς0123456789aZ"), st.integers(), st.floats()))
def test_indicator_key_is_the_words_of_the_normalised_text(text):
    """K403 and the history rules compare indicators by their words: the key equals the words
    of ``labels.norm`` (spaces collapsed, colons stripped, casefolded), one space apart."""
    import re

    from kinerja_xlsx import labels
    from kinerja_xlsx.rules.entry import indicator_key

    assert indicator_key(text) == re.sub(r"[\W_]+", " ", labels.norm(text)).strip()
