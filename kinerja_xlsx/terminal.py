"""Findings as a readable table in the terminal (rich), grouped by unit, coloured by level."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .findings import totals

COLOURS = {"Galat": "bold red", "Peringatan": "yellow", "Info": "cyan"}


def print_findings(result, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=False)
    info = result.workbook.info
    console.print(f"[bold]{info.instansi}[/bold] — Triwulan {info.triwulan_roman} Tahun {info.tahun}: "
                  f"{len(result.workbook.units)} unit, {len(result.frame)} indikator")
    if not result.findings:
        console.print("[green]Tidak ada inkonsistensi.[/green]")
        return
    by_unit: dict[str, list] = {}
    for f in result.findings:
        by_unit.setdefault(f.unit, []).append(f)
    order = [u.sheet for u in result.workbook.units]
    for unit in sorted(by_unit, key=lambda u: order.index(u) if u in order else -1):
        table = Table(title=unit or "Workbook", title_justify="left", show_lines=False, expand=True)
        table.add_column("Kode", no_wrap=True)
        table.add_column("Tingkat", no_wrap=True)
        table.add_column("Sel", no_wrap=True)
        table.add_column("Pesan", ratio=3)
        table.add_column("Saran", ratio=2)
        for f in sorted(by_unit[unit], key=lambda f: (f.row, f.col, f.tingkat.rank)):
            colour = COLOURS[f.tingkat.value]
            table.add_row(f"[{colour}]{f.kode}[/{colour}]", f"[{colour}]{f.tingkat.value}[/{colour}]",
                          f.sel.split("!")[-1], f.pesan, f.saran)
        console.print(table)
    t = totals(result.findings)
    console.print(f"Jumlah temuan: [bold red]{t['Galat']} Galat[/bold red], [yellow]{t['Peringatan']} Peringatan"
                  f"[/yellow], [cyan]{t['Info']} Info[/cyan]")
