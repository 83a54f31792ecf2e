"""Mutation tests: generated consistent workbooks have nothing to find; each kind of typing
slip injected into one random cell is found at exactly that cell (and, for a rupiah
figure, at the roll-ups it belongs to), with the right suggestion, and nothing else is
called a Galat or Peringatan.

The workbooks come from :mod:`kinerja_xlsx.synth` as the reader's model, not as files
(``test_the_model_reads_like_the_written_file`` checks that shortcut), so that
``KINERJA_MUTASI_CONTOH`` examples per slip kind (200 by default) run in about a minute.
"""

from __future__ import annotations

import copy
import os

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import in_ci
from kinerja_xlsx import fmt
from kinerja_xlsx.authoring import Num, write_workbook
from kinerja_xlsx.compute import compute
from kinerja_xlsx.frame import FIGURES, build_frame
from kinerja_xlsx.pipeline import analyse
from kinerja_xlsx.reader import read_workbook
from kinerja_xlsx.rounding import agrees, round_half_up
from kinerja_xlsx.rules import Context
from kinerja_xlsx.rules.rollup import children_of
from kinerja_xlsx.synth import consistent_workbook, percent_text, rupiah_text, to_model

EXAMPLES = int(os.environ.get("KINERJA_MUTASI_CONTOH", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=in_ci(), database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])

WORKBOOKS = st.tuples(st.integers(1, 7), st.integers(1, 4), st.integers(0, 2**32 - 1))
WITH_BUDGET = st.tuples(st.integers(2, 7), st.integers(1, 4), st.integers(0, 2**32 - 1))  # one unit has no roll-up
PERCENT_FIELDS = ("capaian_dilaporkan", "serapan_dilaporkan")
RUPIAH_FIELDS = ("anggaran", "realisasi_anggaran")
RUPIAH_LABEL = {"anggaran": "Anggaran", "realisasi_anggaran": "Realisasi Anggaran"}
ROLLUP_CODE = {"anggaran": "K301", "realisasi_anggaran": "K302"}
# the words each slip kind is suggested with (kinerja_xlsx.suggest)
WORDS = {"digit": "satu digit salah ketik", "swap": "dua digit bersebelahan tertukar",
         "faktor10": "(faktor 10)", "pecahan": "persen ditulis sebagai pecahan (faktor 100)"}


def serious(result) -> set[tuple[str, str]]:
    return {(f.kode, f.sel) for f in result.findings if f.tingkat.value in ("Galat", "Peringatan")}


# --- the generator --------------------------------------------------------------------

@SETTINGS
@given(WORKBOOKS)
def test_consistent_workbooks_have_nothing_to_find(args):
    info, units = consistent_workbook(*args)
    assert analyse(to_model(info, units)).findings == []


def test_the_generator_is_deterministic_and_covers_the_forms():
    a, b = consistent_workbook(30, 4, 7), consistent_workbook(30, 4, 7)
    assert a == b
    cells = [v for u in a[1] for r in u.rows for v in r.values()]
    assert any(isinstance(v, str) and v.endswith("%") for v in cells)
    assert any(isinstance(v, str) and v.startswith("Rp.") for v in cells)
    assert any(isinstance(v, Num) and "%" in v.number_format for v in cells)
    assert any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells)
    rows = [r for u in a[1] for r in u.rows]
    assert any(r.get("Polaritas") == "Negatif" for r in rows) and any("Pembilang" in r for r in rows)
    assert any("Induk" in r for r in rows) and any(u.header["Atasan"] not in (None, "Camat") for u in a[1])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_model_reads_like_the_written_file(tmp_path, seed):
    info, units = consistent_workbook(5, 3, seed)
    path = str(tmp_path / f"sintetis_{seed}.xlsx")
    write_workbook(path, info, units)
    from_file, in_memory = build_frame(read_workbook(path)), build_frame(to_model(info, units))
    columns = ["unit", "row", "no", "indikator", "satuan", "induk", "negatif", "target_unit", "realisasi_unit"]
    for figure in FIGURES:
        columns += [figure, f"{figure}_kind", f"{figure}_dec", f"{figure}_ref"]
    assert from_file[columns].equals(in_memory[columns])
    assert [(u.sheet, u.nip, u.atasan) for u in read_workbook(path).units] == \
           [(u.sheet, u.nip, u.atasan) for u in to_model(info, units).units]
    assert analyse(read_workbook(path)).findings == []


def test_two_thousand_units_are_generated_fast():
    import time
    start = time.perf_counter()
    info, units = consistent_workbook(2000, 5, 1)
    to_model(info, units)
    assert len(units) == 2000 and time.perf_counter() - start < 10


# --- injecting one slip ---------------------------------------------------------------

def _digits(value: float, decimals: int) -> str:
    return str(abs(int(round(round_half_up(value, decimals) * 10 ** decimals))))


def slipped(kind: str, value: float, decimals: int, data) -> tuple[float, int]:
    """The figure (as a number and its written decimals) after one slip of ``kind``."""
    digits = _digits(value, decimals)
    if kind == "digit":
        i = data.draw(st.integers(0, len(digits) - 1), label="posisi")
        choices = [c for c in "0123456789" if c != digits[i] and not (i == 0 and c == "0" and len(digits) > 1)]
        digits = digits[:i] + data.draw(st.sampled_from(choices), label="digit") + digits[i + 1:]
    elif kind == "swap":
        places = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and (i or digits[1] != "0")]
        assume(places)
        i = data.draw(st.sampled_from(places), label="posisi")
        digits = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
    elif kind == "faktor10":
        if data.draw(st.booleans(), label="dikali 10"):
            if decimals:
                decimals -= 1
            else:
                digits += "0"
        elif decimals == 0 and digits.endswith("0") and len(digits) > 1:
            digits = digits[:-1]
        else:
            decimals += 1
    else:  # a percent typed as a fraction
        return value / 100, decimals + 2
    return int(digits) / 10 ** decimals, decimals


def rendered(original, percent: bool, value: float, decimals: int, fraction: bool):
    """``value`` written in the same form as the original cell."""
    if isinstance(original, str):
        if percent:
            return percent_text(value, decimals, sign=not fraction)
        return ("Rp. " if original.startswith("Rp") else "") + rupiah_text(value, decimals)
    number = round(value, decimals) if decimals else int(round(value))
    if isinstance(original, Num):
        if "%" in original.number_format:  # Excel stores a percent cell as a fraction of 1
            return Num(round(value / 100, decimals + 2), original.number_format)
        return Num(number, original.number_format)
    return number


def inject(kind: str, fields: tuple[str, ...], data, workbooks=WORKBOOKS):
    """A consistent workbook, one cell slipped: (model, clean frame, index, field, typed, decimals)."""
    info, units = consistent_workbook(*data.draw(workbooks, label="workbook"))
    clean = compute(build_frame(to_model(info, units)))
    cells = [(i, f) for i in clean.index for f in fields
             if clean.at[i, f"{f}_val"].has_number and clean.at[i, f] > 0]
    assume(cells)
    i, field = data.draw(st.sampled_from(cells), label="sel")
    value, decimals = clean.at[i, field], int(clean.at[i, f"{field}_dec"])
    typed, typed_decimals = slipped(kind, value, decimals, data)
    assume(typed > 0 and abs(typed - value) > 1e-9)
    units = copy.deepcopy(units)
    sheet = next(u for u in units if u.sheet == clean.at[i, "unit"])
    table_row = sheet.rows[int(clean.at[i, "row"]) - int(clean[clean["unit"] == sheet.sheet]["row"].min())]
    column = FIGURES[field][0]
    table_row[column] = rendered(table_row[column], field in PERCENT_FIELDS, typed, typed_decimals,
                                 kind == "pecahan")
    model = to_model(info, units)
    return model, clean, i, field, typed, typed_decimals


def more_frequent_slip(typed: float, computed: float, decimals: int) -> str | None:
    """``"digit"`` or ``"swap"`` when ``typed`` is also one digit or one swap away from the
    computed figure written at ``decimals``: suggestions name the more frequent slip first
    (``0,1%`` for 0,545% is ``1`` with its decimal moved, or ``0,5`` with one digit wrong)."""
    a, b = _digits(typed, decimals), _digits(computed, decimals)
    if len(a) != len(b) or a == b or (b == "0" and computed != 0):
        return None
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return "digit"
    i = diff[0]
    if len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]:
        return "swap"
    return None


def check_percent_slip(kind: str, data):
    model, clean, i, field, typed, decimals = inject(kind, PERCENT_FIELDS, data)
    result = analyse(model)
    read = result.frame.loc[i]
    # a plain or percent-formatted number carries no written precision: 31,50 reads as 31,5
    assume(int(read[f"{field}_dec"]) == decimals)
    computed = clean.at[i, "capaian" if field == "capaian_dilaporkan" else "serapan"]
    assume(not agrees(typed, decimals, computed))  # a slip inside rounding is not a slip
    code = "K101" if field == "capaian_dilaporkan" else "K201"
    ref = clean.at[i, f"{field}_ref"]
    assert serious(result) == {(code, ref)}
    (finding,) = [f for f in result.findings if (f.kode, f.sel) == (code, ref)]
    named = more_frequent_slip(typed, computed, decimals) or kind
    assert WORDS[named] in finding.saran, finding.saran
    if code == "K201":  # every budget line is in a roll-up: a rupiah slip would break it, so no rival
        first = finding.saran.split(";")[0].split(". ")[0]
        assert first.startswith("Kemungkinan ") and WORDS[named] in first and f"pada Serapan {ref}:" in first, \
            finding.saran


def check_rupiah_slip(kind: str, data):
    model, clean, i, field, typed, decimals = inject(kind, RUPIAH_FIELDS, data, WITH_BUDGET)
    result = analyse(model)
    assume(int(result.frame.at[i, f"{field}_dec"]) == max(decimals, 0))
    a = typed if field == "anggaran" else clean.at[i, "anggaran"]
    ra = typed if field == "realisasi_anggaran" else clean.at[i, "realisasi_anggaran"]
    assume(not agrees(clean.at[i, "serapan_dilaporkan"], int(clean.at[i, "serapan_dilaporkan_dec"]), ra / a * 100))
    links = children_of(Context(model, clean))
    parents = set(links.loc[links["child"] == i, "parent"])
    code = ROLLUP_CODE[field]
    expected = {("K201", clean.at[i, "serapan_dilaporkan_ref"])}
    expected |= {(code, clean.at[p, f"{field}_ref"]) for p in parents}
    if (links["parent"] == i).any():
        expected.add((code, clean.at[i, f"{field}_ref"]))
    if ra > a + 0.5:
        expected.add(("K203", clean.at[i, "realisasi_anggaran_ref"]))
    assert parents or (links["parent"] == i).any(), "every budget line of the generator is in a roll-up"
    assert serious(result) == expected
    fix = (f"pada {RUPIAH_LABEL[field]} {clean.at[i, f'{field}_ref']}: {fmt.rupiah(typed)} seharusnya "
           f"{fmt.rupiah(clean.at[i, field])}")
    for f in result.findings:
        if (f.kode, f.sel) in expected:  # each names the corroborated correction first
            assert f.saran.startswith("Kemungkinan ") and WORDS[kind] in f.saran.split(";")[0], f.saran
            assert fix in f.saran.split(";")[0] and "terkuatkan oleh" in f.saran, f.saran


@pytest.mark.parametrize("kind", ["digit", "swap", "faktor10", "pecahan"])
@SETTINGS
@given(data=st.data())
def test_slip_in_a_reported_percentage(kind, data):
    """digit: one mistyped digit; swap: two neighbours swapped; faktor10: a misplaced
    decimal; pecahan: a percent typed as a fraction."""
    check_percent_slip(kind, data)


@pytest.mark.parametrize("kind", ["digit", "swap", "faktor10"])
@SETTINGS
@given(data=st.data())
def test_slip_in_a_rupiah_figure(kind, data):
    """digit, swap, and faktor10: a misplaced thousands separator (a zero too many or too few)."""
    check_rupiah_slip(kind, data)
