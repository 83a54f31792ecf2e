"""The recapitulation: one table of all units and three charts drawn with ReportLab graphics.

Pure: :func:`recap_story` turns a :class:`Recap` into flowables (landscape A4).
"""

from __future__ import annotations

import functools

from reportlab import rl_config

# ReportLab checks every attribute set on a chart shape against its declared type ("for
# faster graphics, but less error checking" set this to 0, says rl_config). Our charts are
# fixed code under test, and the checks were two thirds of the recap's time. Read when
# reportlab.graphics is first imported, so set before it.
rl_config.shapeChecking = 0

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart  # noqa: E402
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Circle, DirectDraw, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from .. import fmt
from . import layout
from .data import Recap, RecapRow
from .flow import Para
from .layout import LANDSCAPE, SEL, SEL_TEBAL, STYLES
from .story import clip, grid, markup, number_cell, para, short_cell
from .texts import Texts, fill

CAPAIAN_COLOR = colors.HexColor("#1F5F99")
SERAPAN_COLOR = colors.HexColor("#E0A030")
PREDIKAT_COLORS = {
    "Sangat Tinggi": colors.HexColor("#1B7A3A"),
    "Tinggi": colors.HexColor("#6AAE3A"),
    "Sedang": colors.HexColor("#E0C030"),
    "Rendah": colors.HexColor("#E08030"),
    "Sangat Rendah": colors.HexColor("#C03030"),
}
EFISIENSI_COLORS = {
    "Efisien": colors.HexColor("#1B7A3A"),
    "Cukup": colors.HexColor("#E0A030"),
    "Tidak Efisien": colors.HexColor("#C03030"),
}
UNITS_PER_CHART = 15  # a chart of 15 units (22 pt each) fits a landscape page with its title
CHART_WIDTH = LANDSCAPE.width


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is the embedded one (ReportLab's own default is Helvetica)."""
    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = SEL, 7.5
    return drawing


def _nice_max(values, floor: float = 100.0, step: float = 25.0) -> float:
    top = max([floor, *[v for v in values if v is not None]])
    return step * -(-top // step)


# --- table ----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=32)
def _indented(depth: int):
    """The unit cell, indented by the unit's depth in the hierarchy."""
    return STYLES["sel"].clone(f"sel-{depth}", leftIndent=min(depth, 6) * 7)


def _row_cells(row: RecapRow, w: list[float], bold: bool, depth: int = 0) -> list:
    angka = "sel_tebal_angka" if bold else "sel_angka"
    if bold:
        unit = short_cell(row.sheet, w[1], "sel_tebal")
    else:
        unit = Para(f"<b>{markup(clip(row.sheet, 80, '…'))}</b><br/>"
                         f'<font color="#555555">{markup(clip(row.jabatan, 120, "…"))}</font>', _indented(depth))
    return [short_cell(str(row.order) if row.order else "", w[0], "sel_tengah"), unit,
            number_cell(str(row.indikator), w[2], angka),
            number_cell(fmt.persen(row.rata_capaian), w[3], angka),
            short_cell(row.predikat or "-", w[4], "sel_tebal" if bold else "sel"),
            number_cell(fmt.rupiah(row.anggaran), w[5], angka),
            number_cell(fmt.rupiah(row.realisasi), w[6], angka),
            number_cell(fmt.persen(row.serapan), w[7], angka),
            number_cell(str(row.galat), w[8], angka), number_cell(str(row.peringatan), w[9], angka),
            number_cell(str(row.info), w[10], angka)]


def recap_table(recap: Recap, texts: Texts, depths: dict[str, int] | None = None) -> Table:
    w = layout.widths("rekap", LANDSCAPE)
    rows = [[short_cell(h, x, "sel_kepala") for h, x in zip(texts["rekap"]["kolom"], w)]]
    for row in recap.rows:
        rows.append(_row_cells(row, w, False, (depths or {}).get(row.sheet, 0)))
    total = RecapRow(**{**recap.total.__dict__, "sheet": texts["rekap"]["total"]})
    rows.append(_row_cells(total, w, True))
    return grid(rows, w, 1, layout.table_style(1, numbered=False, total=True))


# --- charts ------------------------------------------------------------------------------------

def _legend(x: float, y: float, pairs) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = SEL, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.boxAnchor = "nw"
    legend.dx = legend.dy = 7
    legend.colorNamePairs = pairs
    return legend


def capaian_serapan_chart(rows: list[RecapRow], texts: Texts) -> Drawing:
    """Horizontal bars: mean capaian and serapan of each unit (up to UNITS_PER_CHART units)."""
    band = 22
    height = 45 + band * max(len(rows), 1)
    drawing = _drawing(CHART_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 25
    chart.width, chart.height = CHART_WIDTH - 190, height - 45
    names = [clip(r.sheet, 28, "…") for r in rows]
    capaian = [r.rata_capaian or 0 for r in rows]
    serapan = [r.serapan or 0 for r in rows]
    # the chart draws the first category, and in each the first series, at the bottom:
    # reverse both so that units read downwards and capaian sits above serapan
    chart.data = [list(reversed(serapan)), list(reversed(capaian))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = SEL
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(capaian + serapan)
    chart.valueAxis.valueStep = 25
    chart.valueAxis.labels.fontName = SEL
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: fmt.angka(v) + "%"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = SERAPAN_COLOR
    chart.bars[1].fillColor = CAPAIAN_COLOR
    chart.bars.strokeWidth = 0
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.barLabelFormat = lambda v: fmt.persen(v)
    chart.barLabels.fontName = SEL
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(_legend(150, height - 2, [(CAPAIAN_COLOR, texts["rekap"]["legenda_capaian"]),
                                          (SERAPAN_COLOR, texts["rekap"]["legenda_serapan"])]))
    return drawing


def predikat_chart(recap: Recap, texts: Texts) -> Drawing:
    """Vertical bars: how many indicators fall in each predikat band."""
    width, height = 330, 200
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 55, height - 45
    names = [name for name, _ in recap.predikat_counts]
    values = [count for _, count in recap.predikat_counts]
    chart.data = [values]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = SEL
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    top = max(values + [1])
    chart.valueAxis.valueMax = top + max(1, round(top * 0.15))
    chart.valueAxis.valueStep = max(1, -(-top // 5))
    chart.valueAxis.labels.fontName = SEL
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: fmt.angka(v)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars.strokeWidth = 0
    for i, name in enumerate(names):
        chart.bars[(0, i)].fillColor = PREDIKAT_COLORS.get(name, colors.grey)
    chart.barLabelFormat = lambda v: fmt.angka(v)
    chart.barLabels.fontName = SEL_TEBAL
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(4, height - 10, texts["rekap"]["sumbu_jumlah"], fontName=SEL, fontSize=7.5))
    return drawing


DIRECT_DOTS = True  # False: one Circle shape per dot (the tests compare the two)


class _Dots(DirectDraw):
    """The scatter's dots, written into the page as ReportLab writes a :class:`Circle` each.

    As shapes, every dot went through the renderer's dispatch and state bookkeeping: about
    60 µs a dot, 0,26 s for the 4.360 dots of 500 units (now 0,08 s). The first dot of each colour
    is drawn by the renderer as a Circle; the next ones repeat its operators (``q``, its
    state, the path, fill and stroke, ``Q``) with their own path, made by ReportLab's
    ellipse from the same numbers ``Canvas.circle`` gives it. The page has the same
    operators in the same order, inside one more ``q … Q``."""

    def __init__(self, dots: list[tuple[float, float, object]], r: float, **style):
        self.dots, self.r, self.style = dots, r, style

    def circle(self, x: float, y: float, color) -> Circle:
        return Circle(x, y, self.r, fillColor=color, **self.style)

    def drawDirectly(self, renderer) -> None:
        code = renderer._canvas._code
        known: dict[object, tuple[list[str], str]] = {}  # colour -> (state operators, paint operator)
        r = self.r
        for x, y, color in self.dots:
            ops = known.get(color)
            if ops is None:
                start = len(code)
                renderer.drawNode(self.circle(x, y, color))
                drawn = code[start:]  # q, state..., n, x y m, 4 curves, paint, Q
                if drawn[:1] == ["q"] and drawn[-1:] == ["Q"] and "n" in drawn:  # else: each by the renderer
                    known[color] = (drawn[1:drawn.index("n")], drawn[-2])
                continue
            state, paint = ops
            code.append("q")
            code.extend(state)
            x1, y1 = x - r, y - r
            PDFPathObject(code=code).ellipse(x1, y1, (x + r) - x1, (y + r) - y1)
            code.append(paint)
            code.append("Q")


def efisiensi_chart(recap: Recap, texts: Texts) -> Drawing:
    """Scatter: serapan (x) against capaian (y) per indicator, with the diagonal and the
    +/-5 point band; colour by efisiensi category."""
    width, height = 330, 215
    x0, y0, pw, ph = 42, 32, width - 60, height - 50
    drawing = _drawing(width, height)
    top = _nice_max([max(s, c) for s, c, _ in recap.points] or [100])
    sx, sy = pw / top, ph / top
    drawing.add(Rect(x0, y0, pw, ph, fillColor=None, strokeColor=colors.black, strokeWidth=0.5))
    step = 25
    v = 0
    while v <= top:
        drawing.add(Line(x0 + v * sx, y0, x0 + v * sx, y0 + ph, strokeColor=colors.HexColor("#DDDDDD"),
                         strokeWidth=0.4))
        drawing.add(Line(x0, y0 + v * sy, x0 + pw, y0 + v * sy, strokeColor=colors.HexColor("#DDDDDD"),
                         strokeWidth=0.4))
        drawing.add(String(x0 + v * sx, y0 - 10, fmt.angka(v), fontName=SEL, fontSize=7, textAnchor="middle"))
        drawing.add(String(x0 - 4, y0 + v * sy - 2.5, fmt.angka(v), fontName=SEL, fontSize=7, textAnchor="end"))
        v += step
    # the diagonal (capaian = serapan) and the "Cukup" band around it
    drawing.add(Line(x0, y0, x0 + pw, y0 + ph, strokeColor=colors.black, strokeWidth=0.7))
    for off in (5, -5):
        a, b = max(0, -off), min(top, top - off)
        drawing.add(Line(x0 + a * sx, y0 + (a + off) * sy, x0 + b * sx, y0 + (b + off) * sy,
                         strokeColor=colors.grey, strokeWidth=0.4, strokeDashArray=[2, 2]))
    dots = _Dots([(x0 + min(serapan, top) * sx, y0 + min(capaian, top) * sy,
                   EFISIENSI_COLORS.get(kategori, colors.grey)) for serapan, capaian, kategori in recap.points],
                 2.6, strokeColor=colors.white, strokeWidth=0.4)
    if DIRECT_DOTS:
        drawing.add(dots)
    else:
        for x, y, color in dots.dots:
            drawing.add(dots.circle(x, y, color))
    drawing.add(String(x0 + pw / 2, 6, texts["rekap"]["sumbu_serapan"], fontName=SEL, fontSize=7.5,
                       textAnchor="middle"))
    drawing.add(String(4, height - 10, texts["rekap"]["sumbu_capaian"], fontName=SEL, fontSize=7.5))
    counts = dict(recap.efisiensi_counts)
    legend = _legend(x0 + 60, height - 2, [(EFISIENSI_COLORS[k], f"{k} ({fmt.angka(counts.get(k, 0))})")
                                           for k in EFISIENSI_COLORS])
    legend.deltax = 75
    drawing.add(legend)
    return drawing


def recap_story(recap: Recap, texts: Texts, depths: dict[str, int] | None = None) -> list:
    """Title, the table of all units, then the three charts. Pure."""
    layout.register_fonts()
    t = texts["rekap"]
    values = recap.header.values()
    story = [para(t["judul"], "judul"), para(recap.header.instansi.upper(), "judul"),
             para(fill(texts["judul"]["triwulan"], values), "judul"), Spacer(1, 5 * mm),
             para(t["tabel"], "keterangan_tabel"), recap_table(recap, texts, depths),
             Spacer(1, 2 * mm), para(t["catatan"], "catatan")]
    rows = list(recap.rows)
    chunks = [rows[i:i + UNITS_PER_CHART] for i in range(0, len(rows), UNITS_PER_CHART)] or [[]]
    for i, chunk in enumerate(chunks):
        title = t["grafik_capaian"] + (f" ({i + 1}/{len(chunks)})" if len(chunks) > 1 else "")
        story.append(KeepTogether([para(title, "grafik_judul"), capaian_serapan_chart(chunk, texts)]))
    pair = Table([[[para(t["grafik_predikat"], "grafik_judul"), predikat_chart(recap, texts)],
                   [para(t["grafik_efisiensi"], "grafik_judul"), efisiensi_chart(recap, texts),
                    para(t["efisiensi_catatan"], "catatan")]]],
                 colWidths=[LANDSCAPE.width / 2] * 2,
                 style=TableStyle([layout.CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(pair)
    return story


__all__ = ["recap_story", "recap_table", "capaian_serapan_chart", "predikat_chart", "efisiensi_chart"]
