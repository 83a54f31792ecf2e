"""``kinerja periksa`` in the terminal: grouped by unit, coloured by level, cell and suggestion."""

import dataclasses
import re

import pytest
from rich.console import Console

from conftest import SAMPLE, row, unit
from kinerja_xlsx import check
from kinerja_xlsx.findings import Finding, Level
from kinerja_xlsx.terminal import STYLES, print_findings

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def render(result, width=140):
    console = Console(record=True, width=width, force_terminal=True, color_system="standard")
    print_findings(result, console=console)
    return console.export_text(styles=True)


@pytest.fixture(scope="module")
def sample():
    return check(str(SAMPLE))


@pytest.fixture(scope="module")
def shown(sample):
    return render(sample)


def plain(text):
    return ANSI.sub("", text)


def test_heading_and_totals(shown, sample):
    text = plain(shown)
    assert text.startswith("Kecamatan Kedungjajang — Triwulan II Tahun 2023: 7 unit, 29 indikator")
    counts = {lv: sum(f.tingkat.value == lv for f in sample.findings) for lv in STYLES}
    assert f"Jumlah temuan: {counts['Galat']} Galat, {counts['Peringatan']} Peringatan, {counts['Info']} Info" in text
    assert "kinerja proses contoh_kedungjajang_tw2_2023.xlsx" in text


def test_grouped_by_unit_in_workbook_order(shown, sample):
    text = plain(shown)
    with_findings = [u.sheet for u in sample.workbook.units if any(f.unit == u.sheet for f in sample.findings)]
    titles = [re.escape(u) + " — " for u in with_findings]
    positions = [re.search(r"^" + t, text, re.MULTILINE).start() for t in titles]
    assert positions == sorted(positions) and len(positions) == len(with_findings)


def test_each_finding_shows_its_cell_code_and_suggestion(shown, sample):
    text = plain(shown)
    camat = text.split("Camat — ", 1)[1].split("Sekcam — ", 1)[0]
    assert re.search(r"F12\s+Galat\s+K107", camat)  # the seed's 36 / 62 = 58,60%
    assert "58,06%" in camat and "tertukar" in camat  # the suggestion: two digits swapped
    for f in sample.findings:
        assert f.kode in text and f.sel.split("!")[-1] in text


def test_galat_before_info_within_a_unit(shown):
    camat = plain(shown).split("Camat — ", 1)[1].split("Sekcam — ", 1)[0]
    assert camat.index("Galat     K") < camat.index("Info      K401")


def test_coloured_by_level(shown):
    # rich writes the level in its colour: bold red Galat, yellow Peringatan, cyan Info
    assert re.search(r"\x1b\[1;31mGalat\s*\x1b\[0m", shown)
    assert re.search(r"\x1b\[33mPeringatan\s*\x1b\[0m", shown)
    assert re.search(r"\x1b\[36mInfo\s*\x1b\[0m", shown)
    assert re.search(r"\x1b\[1;31mK107\x1b\[0m", shown)


def test_no_findings(build):
    result = check(build([unit("A", [row(target="12 dok", realisasi="6 dok", capaian="50%")])]))
    assert "Tidak ada inkonsistensi." in plain(render(result))


def test_workbook_text_is_not_markup(build):
    # an indicator written with square brackets must print as written, not as rich markup
    result = check(build([unit("A", [row(indikator="Jumlah [bold]dokumen[/bold]", target="12 dok",
                                         realisasi="6 dok", capaian="60%")])]))
    assert "Jumlah [bold]dokumen[/bold]" in plain(render(result))


def test_workbook_level_findings_have_their_own_group(sample):
    extra = Finding("K999", Level.PERINGATAN, "", "", pesan="Temuan untuk seluruh workbook.")
    result = dataclasses.replace(sample, findings=[extra, *sample.findings[:1]])
    text = plain(render(result))
    assert "Seluruh workbook" in text and "Temuan untuk seluruh workbook." in text


def test_narrow_terminal_still_shows_cell_and_code(sample):
    text = plain(render(sample, width=80))
    assert re.search(r"F12\s+Galat\s+K107", text)
