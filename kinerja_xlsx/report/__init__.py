"""The PDF reports: one per unit, the book of all units, the recapitulation with charts.

    data.py    Result -> plain picklable report data (hierarchy order, file names, figures)
    texts.py   the standard texts, from kinerja_xlsx/texts/laporan.toml
    layout.py  layout as data: page, fonts, styles, page templates; the one builder
    flow.py    a cheaper Paragraph, plain table cells and the data tables
    memo.py    the rule of the process-wide caches (bounded, emptied when full)
    preformat.py  PDF objects every report writes alike (the fonts), formatted once per process
    story.py   a unit's report as flowables (pure)
    recap.py   the recapitulation and its charts (pure)
    book.py    cover + contents, and the book joined from the unit PDFs (join.py)
    join.py    joining ReportLab PDFs by their bytes, shared objects once
    render.py  the files: render_job (a unit or the recap, poolable) and write_reports
"""

from .data import UnitReport, hierarchy, unit_reports
from .render import render_unit, write_reports
from .texts import load_texts

# not data.recap: once recap.py is loaded (lazily, see render.py) its module takes that name here
__all__ = ["write_reports", "render_unit", "unit_reports", "hierarchy", "UnitReport", "load_texts"]
