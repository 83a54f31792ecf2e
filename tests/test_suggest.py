"""Suggested corrections with their evidence: the slip arithmetic (kinerja_xlsx.suggest),
the budget-line search (kinerja_xlsx.evidence) and the suggestions the rules write."""

import pytest

from conftest import SAMPLE, row, unit
from kinerja_xlsx import check
from kinerja_xlsx.suggest import SlipKind, classify_slip, describe_slip, single_slips


@pytest.mark.parametrize("typed, should, decimals, kind, words", [
    (58.60, 36 / 62 * 100, 2, SlipKind.SWAP, "tertulis 60, seharusnya 06"),
    (69.94, 68.941, 2, SlipKind.DIGIT, "tertulis 9, seharusnya 8"),
    (3262500, 3862500, 0, SlipKind.DIGIT, "tertulis 2, seharusnya 8"),
    (315.2, 31.52, 1, SlipKind.FACTOR_10, "10 kali"),
    (3.152, 31.52, 3, SlipKind.FACTOR_10, "1/10"),
    (0.3152, 31.52, 4, SlipKind.FACTOR_100, "persen ditulis sebagai pecahan"),
    (32625000, 3262500, 0, SlipKind.FACTOR_10, "10 kali"),
])
def test_classify_slip(typed, should, decimals, kind, words):
    slip = classify_slip(typed, should, decimals)
    assert slip is not None and slip.kind is kind and words in slip.text


@pytest.mark.parametrize("typed, should, decimals", [
    (58.06, 58.06, 2),  # no slip
    (47.0, 51.03, 0),  # two digits differ, not neighbours swapped
    (12.0, 1.25, 2),  # different lengths, no factor
])
def test_no_slip(typed, should, decimals):
    assert describe_slip(typed, should, decimals) is None


def test_single_slips_cover_every_kind_once():
    found = dict(single_slips(3262500))
    assert found[3862500].kind is SlipKind.DIGIT
    assert found[2362500].kind is SlipKind.SWAP
    assert found[326250].kind is SlipKind.FACTOR_10 and found[32625000].kind is SlipKind.FACTOR_10
    assert 3262500 not in found and 362500 not in found  # itself; a leading zero would drop a digit


def test_single_slips_keep_the_written_decimals():
    found = {round(value, 6) for value, _ in single_slips(31.52, 2)}
    assert {31.25, 81.52, 3.152, 315.2} <= found


# --- the sample ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    return {(f.kode, f.sel): f for f in check(str(SAMPLE)).findings}


def test_sample_kasi_pelayanan_umum_corroborated_by_the_rollup(sample):
    f = sample[("K201", "'Kasi Pelayanan Umum'!J12")]
    assert "3.262.500 seharusnya 3.862.500" in f.saran
    assert "terkuatkan oleh penjumlahan ke atasan" in f.saran and "600.000" in f.saran
    assert "ambigu" not in f.saran


def test_sample_camat_rollup_gap_names_the_child_line(sample):
    f = sample[("K302", "'Camat'!I12")]
    first = f.saran.split(".")[0]
    assert "'Kasi Pelayanan Umum'!I12" in f.saran.split("Kandidat lain")[0]
    assert "3.862.500" in f.saran and "terkuatkan oleh serapan" in f.saran
    assert "Kandidat lain" in f.saran and "ambigu" not in f.saran, first


def test_sample_camat_k107_swapped_digits(sample):
    f = sample[("K107", "'Camat'!F12")]
    assert "58,06" in f.saran and "tertukar" in f.saran
    assert "mustahil dengan penyebut 62" in f.pesan  # no whole numerator gives 58,60% of 62


def test_sample_sekcam_gaps_no_single_slip_says_nothing(sample):
    for code, sel in (("K301", "'Sekcam'!H12"), ("K302", "'Sekcam'!I12")):
        saran = sample[(code, sel)].saran
        assert "kemungkinan" not in saran.lower() and "tidak ada satu salah ketik" in saran


def test_sample_sekcam_serapan_is_ambiguous(sample):
    saran = sample[("K201", "'Sekcam'!J12")].saran
    assert saran.startswith("Saran ambigu") and "51,03%" in saran


def test_sample_camat_k101_names_the_slip(sample):
    f = sample[("K101", "'Camat'!G12")]
    assert "satu digit salah ketik (tertulis 9, seharusnya 8)" in f.saran


# --- small workbooks ----------------------------------------------------------------

def family(parent, children, parent_serapan=None):
    """A parent budget line with child lines; figures as (anggaran, realisasi, serapan)."""
    a, ra = parent
    units = [unit("Induk", [row(target=1, realisasi=1, capaian=100, anggaran=a, ra=ra, serapan=parent_serapan)])]
    for i, (a, ra, s) in enumerate(children, start=1):
        units.append(unit(f"Anak {i}", [row(target=1, realisasi=1, capaian=100, anggaran=a, ra=ra, serapan=s,
                                             induk=1)], atasan="Induk"))
    return units


def _by_code(result):
    return {f.kode: f for f in result.findings}


def test_child_realisasi_slip_corroborated_by_the_parent(build):
    # Anak 2 spent 1.250.000 (50%) but typed 1.520.000: serapan and the roll-up both disagree
    result = check(build(family(("4.500.000", "2.250.000"),
                                [("2.000.000", "1.000.000", "50%"), ("2.500.000", "1.520.000", "50%")])))
    found = _by_code(result)
    assert set(found) == {"K201", "K302"}
    assert "1.520.000 seharusnya 1.250.000" in found["K201"].saran
    assert "dua digit bersebelahan tertukar" in found["K201"].saran
    assert "terkuatkan oleh penjumlahan ke atasan" in found["K201"].saran
    assert "'Anak 2'!I12" in found["K302"].saran and "terkuatkan oleh serapan" in found["K302"].saran


def test_parent_own_figure_when_the_children_agree(build):
    # the parent's 2.250.000 typed as 2.350.000; its serapan 50% backs the children's sum
    result = check(build(family(("4.500.000", "2.350.000"),
                                [("2.000.000", "1.000.000", "50%"), ("2.500.000", "1.250.000", "50%")],
                                parent_serapan="50%")))
    found = _by_code(result)
    assert set(found) == {"K201", "K302"}
    saran = found["K302"].saran
    assert saran.startswith("Kemungkinan satu digit salah ketik") and "'Induk'!I12" in saran.split(";")[0]
    assert "2.350.000 seharusnya 2.250.000" in saran and "terkuatkan oleh serapan" in saran


def test_anggaran_slip_explains_the_serapan(build):
    result = check(build([unit("A", [row(target=1, realisasi=1, capaian=100, anggaran="10.530.000",
                                         ra="3.262.500", serapan="31,52%")])]))
    (f,) = result.findings
    assert f.kode == "K201" and "Anggaran 'A'!H12: 10.530.000 seharusnya 10.350.000" in f.saran
    assert "terkuatkan" not in f.saran


def test_several_equal_candidates_are_called_ambiguous(build):
    result = check(build([unit("A", [row(target=1, realisasi=1, capaian=100, anggaran=1_836_648_667,
                                         ra=937_158_093, serapan="53%")])]))
    (f,) = result.findings
    assert f.saran.startswith("Saran ambigu") and "(1)" in f.saran and "(2)" in f.saran


def test_no_single_slip_no_guess(build):
    result = check(build(family(("4.500.000", "2.250.000"),
                                [("2.000.000", "1.000.000", "50%"), ("2.500.000", "1.237.000", "49,48%")])))
    found = _by_code(result)
    assert set(found) == {"K302"}
    assert "kemungkinan" not in found["K302"].saran.lower()


def test_a_correction_that_breaks_a_passing_check_is_not_offered(build):
    # Anak 1's 1.000.000 -> 1.600.000 would close the gap, but its serapan 50% would break
    result = check(build(family(("4.500.000", "2.850.000"),
                                [("2.000.000", "1.000.000", "50%"), ("2.500.000", "1.250.000", "50%")])))
    f = _by_code(result)["K302"]
    assert "'Anak 1'" not in f.saran


def test_k203_names_the_corroborated_slip(build):
    # 2.000.000 typed as 20.000.000: above the budget, serapan and roll-up all disagree
    result = check(build(family(("6.000.000", "3.000.000"),
                                [("4.000.000", "20.000.000", "50%"), ("2.000.000", "1.000.000", "50%")])))
    found = _by_code(result)
    assert set(found) == {"K201", "K203", "K302"}
    assert "20.000.000 seharusnya 2.000.000" in found["K203"].saran
    assert "faktor 10" in found["K203"].saran


def test_serapan_typed_wrong_itself(build):
    result = check(build([unit("A", [row(target=1, realisasi=1, capaian=100, anggaran="10.350.000",
                                         ra="3.262.500", serapan="31,25%")])]))
    (f,) = result.findings
    assert "Serapan 'A'!J12" in f.saran and "tertukar (tertulis 25, seharusnya 52)" in f.saran


def test_serapan_reported_as_the_unspent_share(build):
    result = check(build([unit("A", [row(target=1, realisasi=1, capaian=100, anggaran=1000, ra=250,
                                         serapan="75%")])]))
    (f,) = result.findings
    assert "sisanya" in f.pesan


def test_capaian_slip_in_a_count_row_is_named(build):
    result = check(build([unit("A", [row(target="12 dok", realisasi="6 dok", capaian="5%")])]))
    (f,) = result.findings
    assert f.kode == "K101" and "faktor 10" in f.saran


def test_a_computed_value_that_shows_as_zero_has_no_digits_to_compare():
    # 0,49% written as 0,5%, then typed 5%: a moved decimal, not a digit typed for "0"
    assert classify_slip(5, 0.49, 0).kind is SlipKind.FACTOR_10
    assert classify_slip(5, 0, 0).kind is SlipKind.DIGIT  # a real 0% typed as 5%
