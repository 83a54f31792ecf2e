"""The recapitulation: one table of all units and three charts drawn with ReportLab graphics.

Pure: :func:`recap_story` turns a :class:`Recap` into flowables (landscape A4).
"""

from __future__ import annotations

import functools
from math import cos, pi, sin

from reportlab import rl_config

# ReportLab checks every attribute set on a chart shape against its declared type ("for
# faster graphics, but less error checking" set this to 0, says rl_config). Our charts are
# fixed code under test, and the checks were two thirds of the recap's time. Read when
# reportlab.graphics is first imported, so set before it.
rl_config.shapeChecking = 0

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart  # noqa: E402
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Circle, DirectDraw, Drawing, Group, Line, Rect, String
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib import colors
from reportlab.lib.units import mm
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


DIRECT_BARS = True  # False: ReportLab draws every bar and bar label as a shape (the tests compare the two)


def _plain_ascii(text: str) -> bool:
    """Printable ASCII, so one line (a line break is not printable)."""
    return text.isascii() and text.isprintable()


def _styled_per_bar(labels) -> bool:
    """Whether a property is set for one bar's label (``barLabels[(row, column)]``). Reading a
    label makes its entry too, and drawing it sets its place (``x``, ``y``) and private
    measures (``_text``, ``_width``, ...) there: none of those is a style."""
    return any(len(index) > 1 and any(name[0] != "_" and name not in ("x", "y") for name in child.__dict__)
               for index, child in labels._children.items())


class _Bars(HorizontalBarChart):
    """ReportLab's horizontal bar chart whose bars and bar labels are written into the page
    as its renderer writes them, without a shape for each (see :class:`_ReplayedBars`).

    For a chart styled by series (``bars[i]``, ``barLabels``), as the recap's are: with a style
    set for one bar or one bar's label, a symbol, a line series or a callout it is ReportLab's
    own."""

    def makeBars(self):
        bars, series = self.bars, len(self.bars)
        if (not DIRECT_BARS or any(len(index) > 1 for index in bars._children) or _styled_per_bar(self.barLabels)
                or getattr(self, "barRecord", None) or getattr(self, "barLabelCallOut", None)):
            return super().makeBars()
        # (row, column, x, y, width, height, its style or None when no bar is drawn there,
        # label text, its origin, its sign)
        places: list[tuple] = []
        for row_no, row in enumerate(self._barPositions):
            style, label = bars[row_no % series], self.barLabels[(row_no, 0)]
            symbol = style.symbol if hasattr(style, "symbol") else getattr(bars, "symbol", None)
            if (bars.checkAttr(row_no, "isLine", False) or symbol or getattr(style, "minDimen", None)
                    or (label.lineStrokeColor and label.lineStrokeWidth)):
                return super().makeBars()
            painted = style.fillColor is not None or style.strokeColor is not None
            for col_no, (x, y, width, height) in enumerate(row):
                if None in (width, height):
                    return super().makeBars()
                shown = painted and abs(width) > 1e-7 and abs(height) >= 1e-7  # as ReportLab's _makeBars
                text = self._getLabelText(row_no, col_no)
                origin = (self._addLabel(text, label, None, row_no, col_no, x, y, width, height, calcOnly=True)
                          if text and label.visible else None)
                places.append((row_no, col_no, x, y, width, height, style if shown else None, text, origin,
                               label._pmv if origin else 0))
        return _ReplayedBars(self, places)


def _place(label, origin: tuple[float, float]) -> str:
    """The transform a bar label's group writes: to its origin, moved by its dx and dy."""
    return f"1 0 0 1 {layout.number(origin[0] + label.dx)} {layout.number(origin[1] + label.dy)} cm"


class _ReplayedBars(DirectDraw):
    """The bars and their labels of a :class:`_Bars` chart, in the place of the group
    ReportLab's ``makeBars`` makes (its bars, then a group of their labels).

    As shapes, each bar and label went through the renderer (a label is a widget that makes
    a group and a string each time): 34 charts of 30 bars at 500 units. The first bar of each
    series and the first label of each series and sign are drawn by the renderer; the next
    ones repeat their operators with their own rectangle, or their own place and text. The
    page has the very same operators (the tests compare them with ReportLab's)."""

    def __init__(self, chart: _Bars, places: list[tuple]):
        self.chart, self.places = chart, places

    def drawDirectly(self, renderer) -> None:
        canvas = renderer._canvas
        canvas.transform(1, 0, 0, 1, 0, 0)
        chart = self.chart
        known: dict[int, tuple | bool] = {}  # series -> (state operators, paint operator); False: not repeatable
        for row_no, _, x, y, width, height, style, *_ in self.places:
            if style is None:
                continue
            rect = f"n {layout.number(x)} {layout.number(y)} {layout.number(width)} {layout.number(height)} re "
            ops = known.get(row_no)
            if not ops:  # the first bar of its series, or each bar of a series that cannot be repeated
                drawn = self._draw(renderer, lambda g: chart._makeBar(g, x, y, width, height, row_no, style))
                if ops is None:
                    repeatable = len(drawn) > 3 and drawn[0] == "q" and drawn[-1] == "Q" and drawn[-2].startswith(rect)
                    known[row_no] = (drawn[1:-2], drawn[-2][len(rect):]) if repeatable else False
                continue
            code = canvas._code
            code.append("q")
            code.extend(ops[0])
            code.append(rect + ops[1])
            code.append("Q")
        canvas.saveState()
        canvas.transform(1, 0, 0, 1, 0, 0)
        self._labels(renderer)
        canvas.restoreState()

    def _labels(self, renderer) -> None:
        chart, code = self.chart, renderer._canvas._code
        known: dict[tuple, tuple | bool] = {}  # (series, sign) -> (operators before, between, text prefix)
        for row_no, col_no, x, y, width, height, _, text, origin, sign in self.places:
            if origin is None:
                continue
            key = (row_no, sign < 0)
            template = known.get(key)
            if template and _plain_ascii(text):
                code.append("q")
                code.append(_place(template[0], origin))
                code.extend(template[1])
                code.append(f"{template[2]}({escapePDF(text.encode('ascii'))}) Tj T* ET")
                code.extend(("Q", "Q"))
                continue
            label = chart.barLabels[(row_no, col_no)]
            drawn = self._draw(renderer, lambda g: chart._addLabel(text, label, g, row_no, col_no, x, y, width,
                                                                  height))
            if key not in known:
                known[key] = self._label_template(label, text, origin, drawn)

    @staticmethod
    def _label_template(label, text: str, origin, drawn: list[str]):
        """What a label of this series repeats: its state operators between its place and its
        text, and its text's operators up to the string; False if they cannot be repeated.

        A label of one line, without padding or a width of its own, whose box is anchored
        at its left and whose text starts there or is centred in that box, draws its text
        at x = 0 whatever the text (centred: half its width forward, then half back), at a
        height set by the font alone."""
        if not (_plain_ascii(text) and not label.leftPadding and not label.rightPadding
                and not label.width and not label.maxWidth and not label.strokeColor
                and not getattr(label, "ddfKlass", None) and label._getBoxAnchor() in ("w", "nw", "sw")
                and label._getTextAnchor() in ("start", "middle")):
            return False
        tail = f"({escapePDF(text.encode('ascii'))}) Tj T* ET"
        if (len(drawn) < 6 or drawn[:2] != ["q", _place(label, origin)] or drawn[2] != "q" or drawn[-2:] != ["Q", "Q"]
                or not drawn[-3].startswith("BT 1 0 0 1 0 ") or not drawn[-3].endswith(tail)):
            return False
        return label, drawn[2:-3], drawn[-3][:-len(tail)]

    @staticmethod
    def _draw(renderer, add) -> list[str]:
        """Draw what ``add`` puts in a group as the renderer draws a group's contents; returns
        the operators written."""
        code = renderer._canvas._code
        start = len(code)
        group = Group()
        add(group)
        renderer.drawGroup(group)
        return code[start:]


def capaian_serapan_chart(rows: list[RecapRow], texts: Texts) -> Drawing:
    """Horizontal bars: mean capaian and serapan of each unit (up to UNITS_PER_CHART units)."""
    band = 22
    height = 45 + band * max(len(rows), 1)
    drawing = _drawing(CHART_WIDTH, height)
    chart = _Bars()
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


def _quarter_arcs() -> list[tuple[float, ...]]:
    """The cosines and sines ReportLab's ``bezierArc`` multiplies by for a whole ellipse (four
    quarters from 0 degrees): the same expressions, so the same numbers."""
    extent, quarters = 360, 4
    frag = float(extent) / quarters
    half = frag * pi / 360.
    kappa = abs(4. / 3. * (1. - cos(half)) / sin(half))
    arcs = []
    for i in range(quarters):
        t0 = (0 + i * frag) * pi / 180.
        t1 = (0 + (i + 1) * frag) * pi / 180.
        arcs.append((cos(t0), sin(t0), cos(t0) - kappa * sin(t0), sin(t0) + kappa * cos(t0),
                     cos(t1) + kappa * sin(t1), sin(t1) - kappa * cos(t1), cos(t1), sin(t1)))
    return arcs


_QUARTER_ARCS = _quarter_arcs()


def ellipse_path(x: float, y: float, width: float, height: float) -> list[str]:
    """The operators a new path with ``ellipse(x, y, width, height)`` writes (``n``, a move, four
    curves), computed as ReportLab's ``bezierArc`` computes them, without its loop of sines
    and cosines for every dot."""
    xa, ya, xb, yb = x, y, x + width, y + height
    x1, y1, x2, y2 = min(xa, xb), max(ya, yb), max(xa, xb), min(ya, yb)
    xc, yc, rx, ry = (x1 + x2) / 2., (y1 + y2) / 2., (x2 - x1) / 2., (y2 - y1) / 2.
    ops = ["n", f"{fp_str(xc + rx * _QUARTER_ARCS[0][0], yc - ry * _QUARTER_ARCS[0][1])} m"]
    for c0, s0, a, b, c, d, c1, s1 in _QUARTER_ARCS:
        ops.append(f"{fp_str(xc + rx * a, yc - ry * b, xc + rx * c, yc - ry * d, xc + rx * c1, yc - ry * s1)} c")
    return ops


class _Dots(DirectDraw):
    """The scatter's dots, written into the page as ReportLab writes a :class:`Circle` each.

    As shapes, every dot went through the renderer's dispatch and state bookkeeping: about
    60 µs a dot, 0,26 s for the 4.360 dots of 500 units (0,07 s repeated, 0,05 s since their
    path is :func:`ellipse_path`). The first dot of each colour is drawn by the renderer as a
    Circle; the next ones repeat its operators (``q``, its state, the path, fill and stroke,
    ``Q``) with their own path, computed as ReportLab's ellipse computes it from the numbers
    ``Canvas.circle`` gives it. The page has the same operators in the same order, inside
    one more ``q … Q``."""

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
            code.extend(ellipse_path(x1, y1, (x + r) - x1, (y + r) - y1))
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
