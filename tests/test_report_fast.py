"""The report's shortcuts around ReportLab write exactly what ReportLab itself writes.

``report/flow.py`` and ``report/layout.py`` skip work ReportLab repeats (parsing the same
markup, cleaning ASCII text in a Python loop, a text object per table cell, measuring the
same word again, measuring a table again for the same room). Each test here
turns a shortcut off and compares: the same strings, the same PDF operators, and whole
reports equal byte for byte.
"""

from __future__ import annotations

import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import cleanBlockQuotedText

from conftest import SAMPLE, row, unit
from kinerja_xlsx import check
from kinerja_xlsx.report import layout, render_unit, unit_reports
from kinerja_xlsx.report import flow, preformat
from kinerja_xlsx.report.texts import load_texts

# ASCII and the whitespace ReportLab and Python disagree on (no-break, zero-width, NEL).
TEXT = st.text(st.sampled_from(list("ab (\\)<>&;.,-\t\n\r\x0b\x0c\x1c") + ["\xa0", "\u200b", "\x85", "\u2009", "é"]),
               max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_clean_text_is_reportlabs_cleaning(text):
    assert flow.clean_text(text) == cleanBlockQuotedText(text)


STRINGS = ["Sasaran 1", "1.234.567", "", " ", "(kurung) \\ garis", "Rp 3.262.500,00", "Ümum", "✓ centang",
           "tab\there", "100%"]


@pytest.mark.parametrize("font", [layout.SEL, layout.TEKS_TEBAL])
@pytest.mark.parametrize("method", ["drawString", "drawRightString", "drawCentredString"])
def test_a_plain_string_is_drawn_with_reportlabs_own_operators(monkeypatch, font, method):
    layout.register_fonts()

    def drawn(plain_text: bool) -> list[str]:
        monkeypatch.setattr(layout, "_PLAIN_TEXT", plain_text)
        canvas = layout.NumberedCanvas(io.BytesIO())
        canvas.setFont(font, 7.5, 9)
        for i, text in enumerate(STRINGS):
            getattr(canvas, method)(100.25 + i, 700.5 - 9 * i, text)
        return list(canvas._code)

    made = []
    monkeypatch.setattr(layout.NumberedCanvas, "beginText", lambda self, *a, **k: made.append(1) or
                        layout.textobject.PDFTextObject(self, *a, **k))
    fast = drawn(True)
    shortcut_objects = len(made)
    assert fast == drawn(False)
    assert shortcut_objects < len(made) - shortcut_objects  # the shortcut did skip text objects


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from([5, 7.5, 9.5, 10, 12.25]), st.sampled_from(list(layout.FONT_FILES)))
def test_remembered_widths_are_reportlabs_widths(text, size, name):
    layout.register_fonts()
    font = layout.pdfmetrics.getFont(name)
    measured = layout.TTFont.stringWidth(font, text, size)
    assert font.stringWidth(text, size) == measured  # measured, or remembered from before
    assert layout._WIDTHS[(name, text, size, "utf8")] == measured
    assert font.stringWidth(text, size) == measured  # remembered
    assert layout.pdfmetrics.stringWidth(text, name, size) == layout.TTFont.stringWidth(font, text, size, None)


def test_a_frame_is_deep_copied_as_deepcopy_copies_reportlabs_frame():
    import copy

    from reportlab.platypus import Frame

    ours, theirs = layout._Frame(10, 20, 300, 400, id="isi"), Frame(10, 20, 300, 400, id="isi")
    for frame in (ours, theirs):
        frame._generated_content = [["isi"], {"a": 1}]
        frame._atTop, frame._y = 0, 123.25
    twin, reference = copy.deepcopy(ours), copy.deepcopy(theirs)
    assert type(twin) is layout._Frame and vars(twin) == vars(reference) == vars(ours)
    assert twin._generated_content is not ours._generated_content
    assert twin._generated_content[0] is not ours._generated_content[0]


def test_a_grid_is_measured_once_per_room(monkeypatch):
    calls = []
    real = flow.Table._calc
    monkeypatch.setattr(flow.Table, "_calc", lambda self, w, h: calls.append((w, h)) or real(self, w, h))
    style = layout.STYLES["sel"]
    grid = flow.data_table([["a", flow.Para("kata " * 30, style)], ["b", "c"]], [50, 80], layout.TABLE_BASE)
    first = grid.wrap(130, 500)
    assert grid.wrap(130, 500) == first and calls == [(130, 500)]  # the same room: measured once
    grid.wrap(130, 20)
    grid.split(130, 500)
    assert calls == [(130, 500), (130, 20), (130, 500)]  # another room, then back: measured again
    assert grid.wrap(130, 500) == first and len(calls) == 3


MARKUP = ["BAB I<br/>PENDAHULUAN", "<u>PEJABAT SATU</u>", '<font size="12">☑</font>\xa0\xa0Laporan sudah baik',
          "<b>1.234</b><super><font color=\"#B00020\">1</font></super>\xa0", "a &amp; b &lt; c"]


def test_parsed_markup_gives_reportlabs_fragments_and_owns_them():
    layout.register_fonts()
    style = layout.STYLES["teks"]
    for text in MARKUP:
        first, second = flow.Para(text, style), flow.Para(text, style)
        plain = flow.Paragraph(text, style)
        for para in (first, second):
            assert para.text == plain.text and para.style is plain.style or para.style == plain.style
            assert [vars(f) for f in para.frags] == [vars(f) for f in plain.frags]
        assert all(a is not b for a, b in zip(first.frags, second.frags))  # copies, not shared


def _units(result, folder, texts) -> list[bytes]:
    folder.mkdir()
    out = []
    for report in unit_reports(result, texts, "x.json"):
        path = folder / report.file_name
        render_unit(report, str(path), texts)
        out.append(path.read_bytes())
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from kinerja_xlsx.authoring import write_workbook

    from conftest import INFO
    rows = [row(sasaran="(kurung) \\ & <b>", indikator="Ümum ✓ <i>miring", target="12 dok", realisasi="6 dok",
                capaian="60%"),
            row(sasaran="X" * 300, indikator="kata " * 80, target="4 dok", realisasi="1 dok", ket="@user\tx")]
    path = tmp_path_factory.mktemp("fast") / "uji.xlsx"
    write_workbook(str(path), INFO, [unit("Uji <&>", rows, jabatan="Kepala <Uji> & Co"),
                                     unit("Kasi", rows[:1], atasan="Uji <&>")])
    return str(path)


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_whole_unit_reports_are_byte_identical_without_the_shortcuts(monkeypatch, tmp_path, hostile, which):
    result = check(str(SAMPLE) if which == "sample" else hostile)
    texts = load_texts()
    fast = _units(result, tmp_path / "fast", texts)
    monkeypatch.setattr(layout, "_PLAIN_TEXT", False)
    monkeypatch.setattr(flow, "clean_text", cleanBlockQuotedText)
    monkeypatch.setattr(flow, "_parsed_frags", lambda *a: None)
    monkeypatch.setattr(flow, "_plain_frags", lambda *a: None)
    monkeypatch.setattr(flow, "_BROKEN", {})
    monkeypatch.setattr(layout, "REMEMBER_WIDTHS", False)
    monkeypatch.setattr(flow.Grid, "_calc", flow.Table._calc)
    monkeypatch.setattr(flow, "KNOWN_HEIGHTS", False)
    monkeypatch.setattr(flow, "FAST_CELLS", False)
    monkeypatch.setattr(flow, "FAST_BREAKS", False)
    monkeypatch.setattr(layout, "FAST_TEXT", False)
    monkeypatch.setattr(layout, "_NUMBERS_LIMIT", 0)
    monkeypatch.setattr(preformat, "ENABLED", False)
    slow = _units(result, tmp_path / "slow", texts)
    assert len(fast) == len(slow) > 1
    assert fast == slow


def _drawn_table(cell) -> tuple[list[float], list[str]]:
    """Row heights and PDF operators of a two-row data table whose second cell is ``cell``."""
    layout.register_fonts()
    grid = flow.data_table([["a", cell], ["b", "c"]], [50, 80], layout.TABLE_BASE)
    canvas = layout.NumberedCanvas(io.BytesIO())
    grid.wrapOn(canvas, 130, 500)
    grid.drawOn(canvas, 10, 10)
    return list(grid._rowHeights), list(canvas._code)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_a_blank_cell_measures_and_draws_as_an_empty_paragraph(text):
    from reportlab.platypus import Paragraph

    layout.register_fonts()
    paragraph = Paragraph(text, layout.STYLES["sel"])
    heights, code = _drawn_table(paragraph)
    blank_heights, blank_code = _drawn_table(flow.BLANK)
    assert blank_heights == heights
    # the empty paragraph only moves the origin and back ("q", "1 0 0 1 x y cm", "Q"): no marks
    at = next(i for i in range(len(code) - 2) if code[i] == "q" and code[i + 1].endswith(" cm")
              and code[i + 2] == "Q")
    assert code[:at] + code[at + 3:] == blank_code


def test_story_cells_are_blank_only_where_there_is_no_word():
    from kinerja_xlsx.report import story

    assert story.text_cell("", 80) is flow.BLANK and story.text_cell(" \t\n", 80) is flow.BLANK
    assert story.text_cell("\x01", 80) is flow.BLANK  # a control character prints nothing
    assert story.text_cell("-", 80) is not flow.BLANK


@pytest.mark.parametrize("text, width", [("Capaian (%)", 40), ("Indikator Kinerja Utama yang Ditetapkan", 60)])
def test_a_wrapping_head_is_drawn_as_the_lines_its_paragraph_sets(text, width):
    from kinerja_xlsx.report import story

    layout.register_fonts()
    cell = story.short_cell(text, width, "sel_kepala")
    paragraph = story.para(text, "sel_kepala")
    paragraph.wrap(width - 2 * layout.CELL_PADDING, 1e9)
    assert isinstance(cell, flow.Plain) and cell.style.name == "sel_kepala"
    assert cell.text.split("\n") == [" ".join(words) for _, words in paragraph.blPara.lines]
    assert len(paragraph.blPara.lines) > 1


def test_page_streams_hold_reportlabs_operators_at_a_faster_flate_level(monkeypatch, tmp_path):
    import zlib

    import pikepdf

    result = check(str(SAMPLE))
    report = unit_reports(result, load_texts(), "x.json")[0]

    def pages(name: str) -> list[tuple[bytes, bytes]]:
        path = tmp_path / name
        render_unit(report, str(path))
        with pikepdf.open(path) as pdf:
            return [(p.Contents.read_bytes(), p.Contents.read_raw_bytes()) for p in pdf.pages]

    fast = pages("fast.pdf")
    monkeypatch.setattr(layout, "_PAGE_FLATE", layout.PDFStreamFilterZCompress())  # ReportLab's level 6
    slow = pages("slow.pdf")
    assert [plain for plain, _ in fast] == [plain for plain, _ in slow]
    assert all(raw == zlib.compress(plain, 3) for plain, raw in fast)
    assert all(raw == zlib.compress(plain) for plain, raw in slow)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=256))
def test_a_remembered_unicode_map_is_reportlabs(subset):
    made = layout._reportlab_unicode_map("AAAAAA+Sel", subset)
    assert layout.ttfonts.makeToUnicodeCMap("AAAAAA+Sel", subset) == made
    assert layout.ttfonts.makeToUnicodeCMap("AAAAAA+Sel", list(subset)) is layout._unicode_map("AAAAAA+Sel",
                                                                                               tuple(subset))


CELL_STYLES = ["sel", "sel_angka", "sel_kepala", "sel_tebal", "teks"]
CELL = st.one_of(
    st.builds(lambda t, s: flow.Plain(t, layout.STYLES[s]), st.sampled_from(["a", "a\nb", "1.234\n5\n6", ""]),
              st.sampled_from(CELL_STYLES)),
    st.builds(lambda t, s: flow.Para(t, layout.STYLES[s]), st.sampled_from(["kata " * 9, "x", "", "<b>1</b> dan 2"]),
              st.sampled_from(CELL_STYLES)),
    st.just(flow.BLANK), st.sampled_from(["", "teks", "dua\nbaris"]))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda ncols: st.lists(st.lists(CELL, min_size=ncols, max_size=ncols),
                                                         min_size=1, max_size=6)),
       st.integers(0, 2), st.booleans())
def test_known_row_heights_are_the_ones_reportlab_measures(rows, header_rows, span):
    layout.register_fonts()
    ncols = len(rows[0])
    style = layout.table_style(min(header_rows, len(rows)))
    if span and ncols > 1:
        style = style + [("SPAN", (0, 0), (1, 0))]
    grid = flow.data_table(rows, [70.0] * ncols, style)
    known = list(grid._argH)
    grid._argH = grid._rowHeights = [None] * len(rows)  # as ReportLab would start: every row unknown
    flow.Table._calc(grid, 70.0 * ncols, 1e6)
    assert all(k is None or k == measured for k, measured in zip(known, grid._rowHeights))
    assert sum(k is None for k in known) <= 1  # only a row a span touches is left to ReportLab
    assert not span or ncols == 1 or known[0] is None  # a row a span touches is left to ReportLab


WORDS = st.sampled_from(["Jumlah", "dokumen", "yang", "disusun", "100,00%", "(unit", "19,", "1)", "a", "-",
                         "Penyelenggaraan" * 3, "Ümum", "kata\xa0kata", "ber\xadlanjut", "\u200b", "\t", "\n"])
BREAK_STYLES = ["sel", "sel_angka", "teks", "daftar", "butir", "catatan", "judul", "rumus"]


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=30).map(" ".join), st.sampled_from(BREAK_STYLES),
       st.one_of(st.floats(20, 450), st.lists(st.floats(20, 450), min_size=1, max_size=3)),
       st.sampled_from([None, "-", "1.", "\u2713"]), st.booleans())
def test_lines_are_broken_as_reportlab_breaks_them(text, style, width, bullet, split_long):
    """The lean loop gives ReportLab's lines, widths and counters, and narrows the list of
    widths as ReportLab does; where it cannot (a long word, a soft hyphen, a no-break
    space), ReportLab's own runs and finds the paragraph as it was."""
    from reportlab.platypus.paragraph import Paragraph

    layout.register_fonts()
    chosen = layout.STYLES[style].clone("uji", splitLongWords=int(split_long))

    def broken(fast: bool):
        paragraph = flow.Para(text, chosen, bulletText=bullet)
        given_width = list(width) if isinstance(width, list) else width
        flow.FAST_BREAKS = fast
        try:
            lines = paragraph.breakLines(given_width)
        finally:
            flow.FAST_BREAKS = True
        state = {k: getattr(paragraph, k, None) for k in ("_width_max", "height", "_splitLongWordCount",
                                                          "_hyphenations")}
        return lines.__dict__, state, given_width

    assert broken(True) == broken(False)
    assert Paragraph.breakLines is not flow.Para.breakLines


@pytest.mark.parametrize("less", [0.0, 0.01, 0.2, 1.0])
@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_lines_that_just_fit_break_as_reportlab_breaks_them(count, less):
    """The edges: a line exactly as wide as its words (a tie), and a hair too narrow, where
    ReportLab lets the spaces shrink a little rather than break."""
    layout.register_fonts()
    style = layout.STYLES["sel"]
    words = "Jumlah dokumen yang disusun tepat waktu".split()
    space = stringWidth(" ", style.fontName, style.fontSize)
    line = -space
    for word in words[:count]:  # summed as a line is measured
        line = line + space + stringWidth(word, style.fontName, style.fontSize)
    # the room with which the line exactly fills its limit (its spaces may shrink a little)
    shrink = style.spaceShrinkage * space * (count - 1)
    width = line - shrink
    while width + shrink < line:
        width = math.nextafter(width, math.inf)
    while width + shrink > line:
        width = math.nextafter(width, -math.inf)
    assert less or width + shrink == line
    width -= less

    def broken(fast: bool):
        paragraph = flow.Para(" ".join(words), style)
        flow.FAST_BREAKS = fast
        try:
            return paragraph.breakLines([width, width]).__dict__, paragraph._width_max
        finally:
            flow.FAST_BREAKS = True

    assert broken(True) == broken(False)


def test_the_lean_line_breaking_is_what_breaks_plain_paragraphs():
    """Not vacuous: a plain paragraph is broken by the lean loop, a long word by ReportLab."""
    layout.register_fonts()
    style = layout.STYLES["sel"]
    assert flow._break_plain(flow.Para("dua kata " * 5, style), [60.0, 60.0]) is not None
    assert flow._break_plain(flow.Para("Penyelenggaraan" * 4, style), [60.0, 60.0]) is None
    assert flow._break_plain(flow.Para("<b>tebal</b> dan biasa", style), [60.0, 60.0]) is None


PARAGRAPHS = st.sampled_from(["Sasaran meningkatnya kualitas pelayanan dengan indikator jumlah peserta (unit 19, 1).",
                               "<b>tebal</b> dan biasa <font color='#B00020'>merah</font>", "Ümum ✓ kata", "",
                               "a (b) \\ c", "satu<br/>dua", "kata " * 40, "x"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(PARAGRAPHS, st.sampled_from(BREAK_STYLES + ["sel_kepala", "ttd", "rumus_kiri"]),
                          st.sampled_from([None, "-", "1.", "\u2713"]), st.floats(40, 450)), min_size=1, max_size=6))
def test_paragraph_lines_are_written_as_reportlabs_text_objects_write_them(paragraphs):
    """Lines of every alignment, justified or not, with bullets, markup, non-ASCII text and
    empty paragraphs, several on one canvas: the same operators as ReportLab's text objects."""
    layout.register_fonts()

    def drawn(fast: bool) -> list[str]:
        layout.FAST_TEXT = fast
        try:
            canvas = layout.NumberedCanvas(io.BytesIO())
            y = 800.0
            for text, style, bullet, width in paragraphs:
                paragraph = flow.Para(text, layout.STYLES[style], bulletText=bullet)
                _, height = paragraph.wrap(width, 1e6)
                paragraph.drawOn(canvas, 30.5, y - height)
                y -= height + 3
            return list(canvas._code)
        finally:
            layout.FAST_TEXT = True

    fast = drawn(True)
    assert fast == drawn(False)


def test_the_text_objects_write_plain_lines_themselves(monkeypatch):
    """Not vacuous: a paragraph's ASCII lines do not reach ReportLab's text formatting."""
    from reportlab.pdfgen.textobject import PDFTextObject

    layout.register_fonts()
    seen = []
    original = PDFTextObject._formatText
    monkeypatch.setattr(PDFTextObject, "_formatText", lambda self, text: seen.append(text) or original(self, text))
    canvas = layout.NumberedCanvas(io.BytesIO())
    for text in ("Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 3, "Dua"):
        paragraph = flow.Para(text, layout.STYLES["teks"])
        paragraph.wrap(200, 1e6)
        paragraph.drawOn(canvas, 10, 10)
    assert len(seen) == 1  # only the font's first use in the document


ALIGNS = ["LEFT", "CENTRE", "CENTER", "RIGHT"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4).flatmap(lambda ncols: st.lists(st.lists(CELL, min_size=ncols, max_size=ncols),
                                                         min_size=1, max_size=6)),
       st.integers(0, 3), st.booleans(),
       st.lists(st.tuples(st.sampled_from(["ALIGN", "VALIGN", "TEXTCOLOR", "FONT", "LEADING"]),
                          st.integers(0, 3), st.integers(0, 5)), max_size=4))
def test_string_cells_are_drawn_with_reportlabs_operators(rows, header_rows, span, extra):
    """Alignments, vertical alignments, colours, fonts and spans, cell by cell: the grid's own
    string drawing writes what ReportLab's ``_drawCell`` writes."""
    layout.register_fonts()
    ncols = len(rows[0])
    style = layout.table_style(min(header_rows, len(rows)), total=header_rows == 3)
    if span and ncols > 1:
        style = style + [("SPAN", (0, 0), (1, 0))]
    values = {"ALIGN": ALIGNS, "VALIGN": ["TOP", "MIDDLE", "BOTTOM"],
              "TEXTCOLOR": [layout.GREY, layout.colors.black, layout.colors.Color(0, 0, 0), layout.MARK_COLOR],
              "FONT": [layout.SEL, layout.TEKS_TEBAL, layout.SEL_TEBAL], "LEADING": [9, 12.5, 14]}
    for op, col, row in extra:
        choices = values[op]
        style.append((op, (col % ncols, row % len(rows)), (col % ncols, row % len(rows)),
                      choices[(col + row) % len(choices)]))

    def drawn(fast: bool) -> list[str]:
        flow.FAST_CELLS = fast
        try:
            grid = flow.data_table(rows, [70.0] * ncols, style)
            canvas = layout.NumberedCanvas(io.BytesIO())
            grid.wrapOn(canvas, 70.0 * ncols, 1e6)
            grid.drawOn(canvas, 10, 10)
            return list(canvas._code)
        finally:
            flow.FAST_CELLS = True

    assert drawn(True) == drawn(False)


def test_fast_string_cells_are_used_for_a_data_tables_strings(monkeypatch):
    """The comparison above is not vacuous: the grid's string drawing is what draws them."""
    layout.register_fonts()
    seen = []
    original = flow.Table._drawCell
    monkeypatch.setattr(flow.Table, "_drawCell", lambda self, *a: seen.append(a[0]) or original(self, *a))
    grid = flow.data_table([["a", "b\nc"], ["d", flow.BLANK]], [70.0, 70.0], layout.table_style(1))
    canvas = layout.NumberedCanvas(io.BytesIO())
    grid.wrapOn(canvas, 140, 1e6)
    grid.drawOn(canvas, 10, 10)
    assert seen == [flow.BLANK]  # only the flowable went to ReportLab


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7),
                 st.integers(-10 ** 6, 10 ** 6), st.sampled_from([0.0, -0.0, 0.005, -0.005, 1e-9, 0.125, True])),
       st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7))
def test_remembered_numbers_are_reportlabs_numbers(x, y):
    from reportlab.lib.rl_accel import fp_str

    layout.number(x)  # remembered first, then asked again
    assert layout.number(x) == fp_str(x)
    assert f"{layout.number(x)} {layout.number(y)}" == fp_str(x, y)
    canvas = layout.NumberedCanvas(io.BytesIO())
    for draw in (lambda c: c.line(x, y, y, x), lambda c: c.rect(x, y, 3.5, -y, stroke=0, fill=1),
                 lambda c: c.rect(y, x, x, 0.25), lambda c: c.rect(x, x, y, y, stroke=0, fill=0)):
        draw(canvas)
        draw(super(layout.NumberedCanvas, canvas))  # ReportLab's own
        assert canvas._code[-1] == canvas._code[-2]
    for before in ("q", "2 0 0 2 5.5 7 cm"):  # a move on its own, and one joined to the transform before it
        matrices, codes = [], []
        for own in (True, False):
            canvas = layout.NumberedCanvas(io.BytesIO())
            canvas.transform(1.5, 0, 0, 1.5, y, x)
            canvas._code.append(before)
            (canvas if own else super(layout.NumberedCanvas, canvas)).translate(x, y)
            matrices.append(canvas._currentMatrix)
            codes.append(list(canvas._code))
        assert matrices[0] == matrices[1] and codes[0] == codes[1]


def _one_more_save(new: list[bytes], old: list[bytes]) -> bool:
    """``new`` is ``old`` with one more ``q`` and, further on, one more ``Q`` line."""
    if len(new) != len(old) + 2:
        return False
    same_head = next((k for k, (a, b) in enumerate(zip(new, old)) if a != b), len(old))
    same_tail = next((k for k, (a, b) in enumerate(zip(reversed(new), reversed(old))) if a != b), len(old))
    return any(new[a] == b"q" and new[z] == b"Q" and new[:a] + new[a + 1:z] + new[z + 1:] == old
               for a in range(max(0, same_head - 2), same_head + 1)
               for z in range(len(new) - same_tail - 3, len(new) - same_tail))


def test_the_scatters_dots_are_drawn_with_reportlabs_operators(monkeypatch, tmp_path):
    import pikepdf

    from kinerja_xlsx.authoring import write_workbook
    from kinerja_xlsx.report import recap as charts
    from kinerja_xlsx.report.data import recap
    from kinerja_xlsx.report.render import render_recap
    from kinerja_xlsx.synth import consistent_workbook

    path = tmp_path / "k.xlsx"
    write_workbook(str(path), *consistent_workbook(12, 8, 3))
    texts = load_texts()
    result = check(str(path))
    reports = unit_reports(result, texts, "x.json")
    summary = recap(result, "x.json")
    assert len({k for _, _, k in summary.points}) >= 2 and len(summary.points) > 50

    def pages(name: str) -> list[list[bytes]]:
        render_recap(summary, {r.sheet: r.depth for r in reports}, str(tmp_path / name), texts)
        with pikepdf.open(tmp_path / name) as pdf:
            return [p.Contents.read_bytes().split(b"\n") for p in pdf.pages]

    direct = pages("direct.pdf")
    monkeypatch.setattr(charts, "DIRECT_DOTS", False)
    shapes = pages("shapes.pdf")
    differ = [i for i, (a, b) in enumerate(zip(direct, shapes)) if a != b]
    assert len(direct) == len(shapes) and len(differ) == 1  # the scatter's page
    assert _one_more_save(direct[differ[0]], shapes[differ[0]])
    assert shapes[differ[0]].count(b"B*") >= len(summary.points)


class _CountingCache(dict):
    """A cache that counts the lookups it answers."""

    hits = 0

    def get(self, key, default=None):
        value = super().get(key, default)
        self.hits += value is not None
        return value


def test_replayed_paragraphs_are_the_operators_reportlab_draws(monkeypatch, tmp_path, hostile):
    from kinerja_xlsx.authoring import write_workbook
    from kinerja_xlsx.synth import consistent_workbook

    path = tmp_path / "k.xlsx"
    write_workbook(str(path), *consistent_workbook(6, 5, 7))
    texts = load_texts()
    results = [check(str(SAMPLE)), check(hostile), check(str(path))]
    cache = _CountingCache()
    monkeypatch.setattr(flow, "_DRAWN", cache)
    replayed = [_units(result, tmp_path / f"replayed{i}", texts) for i, result in enumerate(results)]
    assert cache.hits > 100 and len(cache) > 50  # the standard texts are drawn again and again
    markup = [key for key in cache if "<" in key[0]]
    assert any("<br/>" in key[0] for key in markup)  # chapter titles
    assert any(key[5] for key in markup)  # the Tanggapan box's options: a tick box beyond ASCII
    monkeypatch.setattr(flow, "REPLAY_DRAWN", False)
    drawn = [_units(result, tmp_path / f"drawn{i}", texts) for i, result in enumerate(results)]
    assert replayed == drawn


def test_markup_beyond_ascii_is_replayed_only_with_this_documents_codes(monkeypatch, tmp_path):
    """The same option of the Tanggapan box in documents where its tick box got other codes
    (another character beyond ASCII came first in one of them): each document shows it with its
    own codes and embeds it, byte for byte as ReportLab draws it."""
    from kinerja_xlsx.report.story import para

    layout.register_fonts()
    option = '<font size="12">\u2611</font>\u00a0\u00a0Laporan sudah baik'

    def stories():
        return [[para("Satu", "teks"), flow.Para(option, layout.STYLES["pilihan"])],
                [para("Dua \u2713 \u00e9", "teks"), flow.Para(option, layout.STYLES["pilihan"]),
                 flow.Para(option, layout.STYLES["pilihan"])],
                [para("Tiga", "teks"), flow.Para(option, layout.STYLES["pilihan"])]]

    cache = _CountingCache()
    monkeypatch.setattr(flow, "_DRAWN", cache)
    replayed = _documents(tmp_path, "r", stories())
    codes = {key[5] for key in cache if key[0].endswith("Laporan sudah baik")}
    assert len(codes) == 2 and cache.hits >= 2  # two sets of codes; the same option again in two documents
    monkeypatch.setattr(flow, "REPLAY_DRAWN", False)
    assert replayed == _documents(tmp_path, "d", stories())


def _documents(folder, tag: str, stories: list[list]) -> list[bytes]:
    """Each story built as a PDF of its own; their bytes."""
    out = []
    for i, story in enumerate(stories):
        path = folder / f"{tag}{i}.pdf"
        layout.build(str(path), story, footer_text="kaki", page_label="Halaman {halaman} dari {jumlah}")
        out.append(path.read_bytes())
    return out


def test_a_paragraph_is_replayed_only_with_this_documents_font_names(monkeypatch, tmp_path):
    """The same paragraph in two documents whose fonts got their names in another order
    (``/F2`` for the text font in one, ``/F3`` in the other)."""
    from kinerja_xlsx.report.story import para

    layout.register_fonts()

    def stories():
        return [[para("Satu", "teks"), para("Paragraf yang sama di dua dokumen.", "teks")],
                [para("Judul tebal", "judul"), para("Dua", "teks"), para("Paragraf yang sama di dua dokumen.", "teks")]]

    cache = _CountingCache()
    monkeypatch.setattr(flow, "_DRAWN", cache)
    replayed = _documents(tmp_path, "r", stories())
    names = {key[-1] for key in cache if key[0] == "Paragraf yang sama di dua dokumen."}
    assert len(names) == 2  # remembered under each document's names
    monkeypatch.setattr(flow, "REPLAY_DRAWN", False)
    assert replayed == _documents(tmp_path, "d", stories())


def _placed_text(path) -> list[list[tuple[str, float, float]]]:
    """Every string each page shows, with where it starts (x, y in points)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(str(path)).pages:
        shown = []

        def visit(text, cm, tm, font, size, shown=shown):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                shown.append((text.strip(), round(x, 2), round(y, 2)))

        page.extract_text(visitor_text=visit)
        pages.append(shown)
    return pages


def test_the_contents_cells_are_drawn_where_their_paragraphs_drew_them(monkeypatch, tmp_path):
    """The book's contents draw a cell that sets on one line as a string: each piece of text
    lands where the paragraph put it (numbers, names, page numbers; short, long, wrapping)."""
    from kinerja_xlsx.report import book, story
    from kinerja_xlsx.report.data import Header, Person

    layout.register_fonts()
    header = Header("Pemerintah Kabupaten Uji", "Kecamatan Uji", "2024", "II", "Uji", "1 Juli 2024", "")

    class Report:  # what render_front reads of a unit report
        def __init__(self, order, depth, jabatan, nama):
            self.order, self.depth, self.person = order, depth, Person(jabatan, nama, "")

    # a name just too wide for the room between the paddings, though not for the column
    column, snug = layout.widths("isi")[2], "NAMA"
    while stringWidth(snug, layout.TEKS, 9.5) <= column - 10:
        snug += " A"
    names = ["PEJABAT SATU", "Dr. Nama Panjang Sekali Yang Tidak Muat Dalam Satu Baris Kolom Nama, S.Sos., M.Si.", "",
             "<b>&amp;", "Ümit ✓", snug]
    reports = [Report(i, i % 4, f"Kepala Seksi {i} " * (1 + i % 3), names[i % len(names)]) for i in range(1, 80)]
    pages = [4 + i % 3 for i in range(len(reports))]
    fast = tmp_path / "cepat.pdf"
    book.render_front(str(fast), header, reports, pages, load_texts())
    monkeypatch.setattr(book, "roomy_cell", lambda text, style, width: story.para(text, style))
    slow = tmp_path / "paragraf.pdf"
    book.render_front(str(slow), header, reports, pages, load_texts())
    placed = _placed_text(fast)
    assert sum(len(p) for p in placed) > 4 * len(reports)
    assert placed == _placed_text(slow)


def test_the_signature_lines_are_drawn_where_their_paragraphs_drew_them(monkeypatch, tmp_path, hostile):
    """The signature block draws a line that fits as a string: each lands where the paragraph
    put it (with and without a superior, short and wrapping jabatan, hostile text)."""
    from kinerja_xlsx.report import story

    texts = load_texts()
    results = [check(str(SAMPLE)), check(hostile)]
    fast = [_units(result, tmp_path / f"cepat{i}", texts) for i, result in enumerate(results)]
    monkeypatch.setattr(story, "roomy_cell", lambda text, style, width: story.para(text, style))
    slow = [_units(result, tmp_path / f"paragraf{i}", texts) for i, result in enumerate(results)]
    assert fast != slow  # the strings are drawn otherwise
    for i, (a, b) in enumerate(zip(fast, slow)):
        for j, (x, y) in enumerate(zip(a, b)):
            (tmp_path / f"a{i}{j}.pdf").write_bytes(x)
            (tmp_path / f"b{i}{j}.pdf").write_bytes(y)
            assert _placed_text(tmp_path / f"a{i}{j}.pdf") == _placed_text(tmp_path / f"b{i}{j}.pdf")


SHARED_MARKUP = ["BAB I<br/>PENDAHULUAN", '<font size="12">\u2610</font>\u00a0\u00a0Setuju dengan laporan',
          "<u>NAMA PEJABAT</u>", "<b>58,06%</b><super><font color=\"#B00020\">1</font></super>\u00a0",
          "kata <b>tebal</b> " * 30 + "<br/>baris baru", "<b>Ümum</b> ✓ <i>miring</i> &amp; (kurung)"]


@pytest.mark.parametrize("style", ["teks", "catatan"])
@pytest.mark.parametrize("bullet", [None, "-", "\u2713"])
@pytest.mark.parametrize("text", SHARED_MARKUP)
def test_markup_lines_shared_between_paragraphs_are_reportlabs_lines(text, bullet, style):
    """Paragraphs of the same markup take the first one's lines; they are the lines ReportLab
    breaks, with the same fragments, counters and widths (narrowed by the bullet), and lines
    of their own. The same markup without a bullet, broken before, is not taken."""
    layout.register_fonts()

    def broken(fast: bool, bullet=bullet):
        paragraph = flow.Para(text, layout.STYLES[style], bulletText=bullet)
        widths = [150.0, 180.0]
        flow.FAST_BREAKS = fast
        try:
            lines = paragraph.breakLines(widths)
        finally:
            flow.FAST_BREAKS = True
        shown = ([(line.__dict__ | {"words": [w.__dict__ for w in line.words]}) for line in lines.lines]
                 if lines.kind == 1 else lines.__dict__)
        return paragraph, lines, (lines.kind, shown, paragraph._width_max, paragraph.height,
                                  paragraph._splitLongWordCount, widths, len(paragraph.frags))

    flow._MARKUP_LINES.clear()
    if bullet:
        broken(True, bullet=None)
    first, first_lines, first_state = broken(True)
    second, second_lines, second_state = broken(True)
    third, third_lines, third_state = broken(True)
    _, _, reportlab_state = broken(False)
    assert first_state == second_state == third_state == reportlab_state
    if first_lines.kind == 1:
        assert len(flow._MARKUP_LINES) == 1 + bool(bullet)  # remembered once per bullet, then taken
        assert third_lines.lines is not second_lines.lines
        assert all(a is not b and a.words is not b.words for a, b in zip(second_lines.lines, third_lines.lines))
        assert third.frags is not second.frags


def test_markup_paragraphs_split_across_pages_are_reportlabs(tmp_path):
    """Long markup paragraphs broken once and taken again in later documents, split over
    pages: the same bytes as ReportLab breaking each one itself."""
    from kinerja_xlsx.report.story import para

    layout.register_fonts()
    text = "Kalimat <b>tebal</b> dan <font color='#B00020'>merah</font> yang panjang sekali. " * 60

    def documents(fast: bool) -> list[bytes]:
        flow.FAST_BREAKS = fast
        try:
            out = []
            for i in range(3):
                path = tmp_path / f"{fast}{i}.pdf"
                story = [para("Judul", "judul"), flow.Para(text, layout.STYLES["teks"]),
                         flow.Para(text, layout.STYLES["daftar"], bulletText="1.")]
                layout.build(str(path), story, footer_text="kaki", page_label="Halaman {halaman} dari {jumlah}")
                out.append(path.read_bytes())
            return out
        finally:
            flow.FAST_BREAKS = True

    flow._MARKUP_LINES.clear()
    fast = documents(True)
    assert flow._MARKUP_LINES  # the long paragraphs were remembered and taken again
    assert fast == documents(False)


@settings(max_examples=300, deadline=None)
@given(st.floats(-2000, 2000), st.floats(-2000, 2000), st.floats(-60, 60))
def test_a_dots_path_is_reportlabs_ellipse(x, y, r):
    from reportlab.pdfgen.pathobject import PDFPathObject

    from kinerja_xlsx.report.recap import ellipse_path

    x1, y1 = x - r, y - r
    width, height = (x + r) - x1, (y + r) - y1
    code: list[str] = []
    PDFPathObject(code=code).ellipse(x1, y1, width, height)
    assert ellipse_path(x1, y1, width, height) == code


def _chart_rows(count: int):
    from kinerja_xlsx.report.data import RecapRow

    names = ["Camat", "Sekretaris Kecamatan (Sekcam)", "Kasi Pelayanan Umum dan Ketenteraman", "Kasubag \\ Umum",
             "Seksi Pemberdayaan Masyarakat Desa Ümum", "Kasi PMD"]
    values = [0, None, 12.5, 99.99, 100, 137.25, 250, 0.01, 66.6667]
    return [RecapRow(i + 1, f"{names[i % len(names)]} {i}", "", 3, values[i % len(values)], "Sedang", 1.0, 1.0,
                     values[(i * 5 + 2) % len(values)], 0, 0, 0) for i in range(count)]


def test_the_bar_charts_bars_and_labels_are_reportlabs_operators(monkeypatch, tmp_path):
    """Each capaian and serapan chart: the same operators with its bars and labels repeated
    as with each drawn by ReportLab; and only the first of each series goes through it."""
    import pikepdf

    from kinerja_xlsx.report import recap as charts

    texts = load_texts()
    drawn = []
    original = charts._ReplayedBars._draw
    monkeypatch.setattr(charts._ReplayedBars, "_draw",
                        staticmethod(lambda renderer, add: drawn.append(1) or original(renderer, add)))

    def pages(name: str, count: int) -> list[bytes]:
        path = str(tmp_path / name)
        layout.build(path, [charts.capaian_serapan_chart(_chart_rows(count), texts)], page=layout.LANDSCAPE)
        with pikepdf.open(path) as pdf:
            return [p.Contents.read_bytes() for p in pdf.pages]

    for count in (1, 9, charts.UNITS_PER_CHART):
        drawn.clear()
        direct = pages(f"direct{count}.pdf", count)
        assert 0 < len(drawn) <= 6  # a bar and up to two labels (by sign) of each of the two series
        monkeypatch.setattr(charts, "DIRECT_BARS", False)
        shapes = pages(f"shapes{count}.pdf", count)
        monkeypatch.setattr(charts, "DIRECT_BARS", True)
        assert direct == shapes
        assert shapes[0].count(b" re B*") >= count  # the bars are there (zero ones are not drawn)


def test_a_bar_label_styled_on_its_own_is_drawn_by_reportlab(monkeypatch, tmp_path):
    """A label given a style of its own (one bar's, not its series'): the chart is ReportLab's
    own, not repeated from the first label of its series."""
    import pikepdf
    from reportlab.lib import colors

    from kinerja_xlsx.report import recap as charts

    def pages(name: str) -> list[bytes]:
        drawing = charts.capaian_serapan_chart(_chart_rows(9), load_texts())
        chart = next(c for c in drawing.contents if isinstance(c, charts._Bars))
        chart.barLabels[(0, 4)].dx = 11
        chart.barLabels[(1, 6)].fillColor = colors.red
        path = str(tmp_path / name)
        layout.build(path, [drawing], page=layout.LANDSCAPE)
        with pikepdf.open(path) as pdf:
            return [p.Contents.read_bytes() for p in pdf.pages]

    direct = pages("direct.pdf")
    monkeypatch.setattr(charts, "DIRECT_BARS", False)
    assert direct == pages("shapes.pdf")
