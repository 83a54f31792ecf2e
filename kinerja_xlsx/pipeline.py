"""read -> check -> recompute -> write: the one module that wires the core to the files."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from . import collector
from .compute import Settings, compute, summary
from .decisions import read_decisions
from .findings import Finding, sort_findings
from .frame import build_frame
from .json_out import write_json
from .model import Workbook
from .reader import read_workbook
from .rules import Context, run_rules
from .staging import flush_early, staged


@dataclass
class Result:
    workbook: Workbook
    frame: pd.DataFrame
    findings: list[Finding]
    summary: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    outputs: list[str] = field(default_factory=list)

    @property
    def has_galat(self) -> bool:
        return any(f.tingkat.value == "Galat" for f in self.findings)


def analyse(workbook: Workbook, *, previous: Workbook | None = None, settings: Settings = Settings()) -> Result:
    """The pure part: recompute and check a workbook already read."""
    frame = compute(build_frame(workbook), settings)
    previous_frame = compute(build_frame(previous), settings) if previous is not None else None
    ctx = Context(workbook, frame, settings, previous, previous_frame)
    order = [u.sheet for u in workbook.units]
    findings = sort_findings(run_rules(ctx), order)
    return Result(workbook, frame, findings, summary(frame, order), settings)


def check(path: str, *, previous: str | None = None, settings: Settings = Settings(),
          on_read: Callable[[Workbook], None] | None = None) -> Result:
    """Read and check a workbook without writing anything. ``on_read`` is called with the
    workbook as soon as it is read, before it is checked."""
    # reading and checking build a large, long-lived and acyclic web of objects (cells, values,
    # rows, findings): the collector scanned it again and again for nothing, a third of a
    # 2.000-unit check (5,8 -> 3,9 s), with 214 cyclic objects to find at the end
    with collector.paused():
        workbook = read_workbook(path)
        prev = read_workbook(previous) if previous else None
        if on_read is not None:
            on_read(workbook)
        return analyse(workbook, previous=prev, settings=settings)


def output_names(path: str) -> dict[str, str]:
    stem = os.path.splitext(os.path.basename(path))[0]
    return {"xlsx": f"{stem}_terkoreksi.xlsx", "json": f"{stem}_inkonsistensi.json", "pdf": os.path.join("pdf", stem)}


def process(path: str, out_dir: str = "output", *, previous: str | None = None, pdf: bool = True,
            settings: Settings = Settings(), map_fn=map,
            on_read: Callable[[Workbook], None] | None = None) -> Result:
    """Check a workbook and write its corrected workbook, JSON and (unless ``pdf=False``) PDFs.

    ``map_fn`` renders the unit PDFs: ``map`` here, a process pool's ``map`` for many units.
    ``on_read`` is passed to :func:`check` (a pool can start its workers then)."""
    try:
        with collector.paused():
            result = check(path, previous=previous, settings=settings, on_read=on_read)
            # The checked workbook lives as long as this run. Frozen, the collector never walks
            # it again: it did three times before the PDFs were started (0,19 s at 500 units:
            # when re-enabled, while ReportLab was imported, while its fonts were registered).
            gc.freeze()
        return _write(result, path, out_dir, pdf, map_fn)
    finally:
        gc.unfreeze()


def _write(result: Result, path: str, out_dir: str, pdf: bool, map_fn) -> Result:
    """The corrected workbook, the JSON and (unless ``pdf=False``) the PDFs of a checked workbook."""
    names = output_names(path)
    decisions = read_decisions(os.path.join(out_dir, names["xlsx"]))  # the auditor's work survives a re-run
    with staged(out_dir) as tmp:
        def workbook_and_json():
            # xlsxwriter is loaded only when writing, and then while a pool draws (its workers,
            # forked before, do not need it)
            from .xlsx_out import write_corrected

            workbook, findings = os.path.join(tmp, names["xlsx"]), os.path.join(tmp, names["json"])
            with collector.paused():  # the writer holds every cell until it saves: acyclic too
                write_corrected(result, workbook, decisions)
                write_json(result, findings)
            flush_early(workbook)
            flush_early(findings)

        if pdf:
            from .report import write_reports  # ReportLab is loaded only when PDFs are wanted

            # the units are handed to the renderer first: a pool renders them while this
            # process writes the workbook and the JSON
            write_reports(result, os.path.join(tmp, names["pdf"]), map_fn=map_fn, meanwhile=workbook_and_json)
        else:
            workbook_and_json()
        produced = [os.path.relpath(os.path.join(root, f), tmp) for root, _, files in os.walk(tmp) for f in files]
    result.outputs = sorted(os.path.join(out_dir, p) for p in produced)
    return result
