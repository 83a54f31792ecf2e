"""A1 addresses without openpyxl: the same answers as openpyxl's helpers, which they replace
on the check path (importing openpyxl cost a tenth of a second on every run)."""

import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS as OPENPYXL_FORMATS
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import range_boundaries

from kinerja_xlsx.a1 import column_index, column_letter, range_bounds
from kinerja_xlsx.grid import BUILTIN_FORMATS


def test_every_column_letter_and_index_matches_openpyxl():
    for i in range(1, 16_385):
        assert column_letter(i) == get_column_letter(i)
        assert column_index(get_column_letter(i)) == column_index_from_string(get_column_letter(i)) == i


@pytest.mark.parametrize("ref", ["A1", "B2:D9", "$A$1:$B$9", "a1:b2", "A:C", "3:7", "XFD1048576", " C3:A1 "])
def test_range_bounds_match_openpyxl(ref):
    assert range_bounds(ref) == range_boundaries(ref.strip())


@pytest.mark.parametrize("bad", ["", "A1:", ":B2", "AAAA1", "XFE1", "A1:B", "foo", "1A"])
def test_unreadable_references_raise(bad):
    with pytest.raises(ValueError):
        range_bounds(bad)


@pytest.mark.parametrize("bad", [0, 16_385, -1])
def test_columns_outside_excel_raise(bad):
    with pytest.raises(ValueError):
        column_letter(bad)


def test_builtin_number_formats_are_the_standard_table():
    assert BUILTIN_FORMATS == OPENPYXL_FORMATS


def test_the_check_path_does_not_load_openpyxl_or_xlsxwriter():
    import subprocess
    import sys

    from conftest import SAMPLE

    code = ("import sys; from kinerja_xlsx import check; check(sys.argv[1]); "
            "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
