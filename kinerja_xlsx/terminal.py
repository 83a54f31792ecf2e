"""Findings as a readable table in the terminal (rich), grouped by unit, coloured by level.

Text from the workbook (indicator names, messages quoting typed values) is passed to rich
as :class:`~rich.text.Text`, never as markup, so a ``[`` in a cell cannot change the
output.
"""

from __future__ import annotations

import os

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .findings import LEVELS, totals

STYLES = {"Galat": "bold red", "Peringatan": "yellow", "Info": "cyan"}
INDICATOR_WIDTH = 60  # characters of the indicator name shown above a message


def level_style(level: str) -> str:
    return STYLES[level]


def _counts(findings) -> Text:
    t = totals(findings)
    text = Text()
    parts = [(lv.value, t[lv.value]) for lv in LEVELS if t[lv.value]]
    for i, (level, n) in enumerate(parts):
        if i:
            text.append(", ")
        text.append(f"{n} {level}", style=level_style(level))
    return text or Text("tanpa temuan", style="green")


def _short(text: str, width: int = INDICATOR_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def unit_table(title: Text, findings) -> Table:
    """One unit's findings: Galat first, then by row and column."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True, show_lines=False,
                  pad_edge=False)
    table.add_column("Sel", no_wrap=True, style="bold")
    table.add_column("Tingkat", no_wrap=True)
    table.add_column("Kode", no_wrap=True)
    table.add_column("Temuan", ratio=3)
    table.add_column("Saran", ratio=2)
    for f in sorted(findings, key=lambda f: (f.tingkat.rank, f.row, f.col, f.kode)):
        style = level_style(f.tingkat.value)
        temuan = Text()
        if f.indikator:
            temuan.append(_short(f.indikator) + "\n", style="dim")
        temuan.append(f.pesan)
        cell = f.sel.split("!")[-1] if f.sel else "-"
        table.add_row(Text(cell), Text(f.tingkat.value, style=style), Text(f.kode, style=style), temuan,
                      Text(f.saran or "-"))
    return table


def print_findings(result, console: Console | None = None) -> None:
    """Print a checked workbook's findings: a heading, one table per unit, the totals."""
    console = console or Console(soft_wrap=False)
    workbook = result.workbook
    info = workbook.info
    heading = Text()
    heading.append(info.instansi, style="bold")
    heading.append(f" — Triwulan {info.triwulan_roman} Tahun {info.tahun}: {len(workbook.units)} unit, "
                   f"{len(result.frame)} indikator")
    console.print(heading)
    if not result.findings:
        console.print(Text("Tidak ada inkonsistensi.", style="bold green"))
        return
    by_unit: dict[str, list] = {}
    for f in result.findings:
        by_unit.setdefault(f.unit, []).append(f)
    order = {u.sheet: i for i, u in enumerate(workbook.units)}  # as sort_findings places units
    for name in sorted(by_unit, key=lambda u: order.get(u, -1)):
        unit = workbook.unit(name) if name else None
        title = Text()
        title.append(name or "Seluruh workbook", style="bold underline")
        if unit is not None and (unit.jabatan or unit.nama):
            title.append(" — " + ", ".join(x for x in (unit.jabatan, unit.nama) if x), style="dim")
        title.append("  ")
        title.append_text(_counts(by_unit[name]))
        console.print(unit_table(title, by_unit[name]))
    total = Text("Jumlah temuan: ", style="bold")
    total.append_text(_counts(result.findings))
    console.print(total)
    stem = os.path.basename(workbook.path)
    console.print(Text("Sel merujuk ke lembar unitnya. Workbook terkoreksi (lembar Inkonsistensi untuk Keputusan "
                       "Auditor) dan PDF:", style="dim"))
    console.print(Text(f"  kinerja proses {stem}", style="dim"), no_wrap=True, overflow="ignore")


__all__ = ["print_findings", "unit_table", "level_style", "STYLES"]
