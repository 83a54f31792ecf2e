"""Every value form of WORKBOOK.md section 1 is read right."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_xlsx.values import Kind, compound_ratio, noise_free_decimals, parse_cell, parse_text


@pytest.mark.parametrize("text, number, decimals, unit, percent", [
    ("2.017.461.467", 2017461467, 0, "", False),
    ("Rp. 10.350.000", 10350000, 0, "", False),
    ("Rp 10.000.000,-", 10000000, 0, "", False),
    ("58,60%", 58.60, 2, "%", True),
    ("16,11 %", 16.11, 2, "%", True),
    ("83.3 %", 83.3, 1, "%", True),
    ("37.3%", 37.3, 1, "%", True),
    ("12 dok", 12, 0, "dok", False),
    ("13 Orang / Bulan", 13, 0, "Orang / Bulan", False),
    ("7 unit/tahun", 7, 0, "unit / tahun", False),
    ("10 Lembaga Kemasyarakatan", 10, 0, "Lembaga Kemasyarakatan", False),
    ("0", 0, 0, "", False),
    ("1.234,5", 1234.5, 1, "", False),
    ("10.350", 10350, 0, "", False),
])
def test_text_forms(text, number, decimals, unit, percent):
    v = parse_text(text)
    assert v.kind is Kind.NUMBER
    assert v.number == pytest.approx(number)
    assert v.decimals == decimals
    assert v.unit == unit
    assert v.percent is percent


@pytest.mark.parametrize("text, noted", [
    ("83.3 %", True), ("37.3%", True), ("1,234,567", True), ("1,234.50", True),
    ("58,60%", False), ("2.017.461.467", False), ("16,11 %", False), ("12 dok", False),
])
def test_non_standard_writing_is_noted(text, noted):
    assert bool(parse_text(text).note) is noted


def test_percent_without_sign_in_a_percent_column():
    v = parse_cell("39,76", expect_percent=True)
    assert v.number == pytest.approx(39.76) and v.percent and "tanpa tanda %" in v.note
    assert parse_cell("39,76").note is None  # elsewhere a bare number is just a number


@pytest.mark.parametrize("text, kind", [
    ("", Kind.EMPTY), ("   ", Kind.EMPTY), ("-", Kind.DASH), ("—", Kind.DASH),
    ("#DIV/0!", Kind.ERROR), ("#REF!", Kind.ERROR), ("WTP", Kind.TEXT), ("Tersedia", Kind.TEXT),
    ("4 gedung dan 1 halaman", Kind.COMPOUND), ("12 desa + 0 desa + 0 desa", Kind.COMPOUND),
])
def test_kinds(text, kind):
    assert parse_text(text).kind is kind


def test_compound_parts():
    v = parse_text("4 gedung dan 1 halaman")
    assert v.parts == ((4.0, "gedung"), (1.0, "halaman"))


def test_compound_ratio_only_when_parts_match_with_one_ratio():
    same = parse_text("4 gedung dan 1 halaman")
    assert compound_ratio(same, same) == (5.0, 5.0)
    assert compound_ratio(parse_text("4 gedung dan 2 halaman"), parse_text("2 gedung dan 1 halaman")) == (6.0, 3.0)
    assert compound_ratio(same, parse_text("3 gedung dan 1 halaman")) is None  # 75% and 100%: ambiguous
    assert compound_ratio(same, parse_text("4 ruang dan 1 halaman")) is None


def test_numeric_cells():
    v = parse_cell(2017461467, "#,##0")
    assert v.number == 2017461467 and v.decimals == 0 and not v.percent
    v = parse_cell(39.76)
    assert v.number == pytest.approx(39.76) and v.decimals == 2


@pytest.mark.parametrize("stored, fmt, number, decimals", [
    (0.586, "0.00%", 58.6, 1),
    (0.5860, "0.00%", 58.6, 1),
    (0.3333, "0.00%", 33.33, 2),
    (1.0, "0%", 100, 0),
    (0.7302, "0.00%", 73.02, 2),
])
def test_percent_formatted_cells_read_through_their_format(stored, fmt, number, decimals):
    v = parse_cell(stored, fmt)
    assert v.percent and v.number == pytest.approx(number) and v.decimals == decimals


def test_quoted_percent_in_format_is_not_a_percent_format():
    assert not parse_cell(58.6, '0.00"%"').percent


def test_floating_noise_is_not_precision():
    assert noise_free_decimals(33.330000000000005) == 2
    assert noise_free_decimals(0.1 + 0.2) == 1


def test_unreadable_cells_are_not_guessed():
    assert parse_cell(True).kind is Kind.TEXT
    assert parse_cell(float("nan")).kind is Kind.TEXT


_TYPED = st.text(alphabet=" \t\n\r\xa0\u2009\u3000\x1c\x85Rrpi.,-%#/0123456789dokOrangBulan", max_size=30)


@settings(max_examples=3000, deadline=None)
@given(_TYPED)
def test_whitespace_is_collapsed_as_the_pattern_would(text):
    """Typed figures are read with their whitespace collapsed by ``str.split``; it must know
    exactly the whitespace of the pattern ``\\s`` (NBSP, thin and ideographic spaces, ...)."""
    import re

    assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("text, number", [
    ("Rp 10.000.000,-", 10000000), ("Rp. 3.862.500.-", 3862500), ("12.500,- ", 12500), ("1.500 ,-", 1500),
    ("-", None), ("7,-", 7),
])
def test_trailing_dash_of_a_rupiah_amount_is_dropped(text, number):
    value = parse_text(text)
    assert (value.number if value.kind is Kind.NUMBER else None) == number
    assert value.unit == "" and value.note is None


@pytest.mark.parametrize("text", ["#div/0!", " #N/a ", "#ref!", "\t#VALUE!\u00a0"])
def test_excel_error_values_are_read_whatever_their_case_and_spaces(text):
    from kinerja_xlsx.model import Cell
    from kinerja_xlsx.rules.cells import _unreadable

    assert parse_text(text).kind is Kind.ERROR
    assert "galat" in _unreadable(Cell("Camat", 5, 4, text), "Target")
    assert _unreadable(Cell("Camat", 5, 4, "Nomor #1 dari 3"), "Target") is None
