"""Auditor decisions survive a re-run.

Finding IDs are stable across runs of the same workbook, so when a corrected workbook is
written over an earlier one, the earlier ``Keputusan Auditor`` and ``Catatan Auditor`` are
read back by ID and written again beside the same findings. A finding that no longer
exists takes its decision with it; an unreadable earlier file is simply not used.
"""

from __future__ import annotations

import os
import warnings

from . import labels, safety

ID, DECISION, NOTE = "ID", "Keputusan Auditor", "Catatan Auditor"


def read_decisions(path: str) -> dict[str, tuple[str, str]]:
    """ID -> (keputusan, catatan) from an earlier corrected workbook, {} when there is none."""
    if not os.path.isfile(path):
        return {}
    safety.verify_xml_defences()
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            if labels.FINDINGS_SHEET not in book.sheetnames:
                return {}
            rows = book[labels.FINDINGS_SHEET].iter_rows(values_only=True)
            header = [str(h or "").strip() for h in next(rows, ())]
            if not {ID, DECISION, NOTE} <= set(header):
                return {}
            i, d, n = header.index(ID), header.index(DECISION), header.index(NOTE)
            found = {}
            for row in rows:
                if len(row) <= max(i, d, n) or not row[i]:
                    continue
                decision = str(row[d] or "").strip()
                note = str(row[n] or "").strip()
                if decision or note:
                    found[str(row[i])] = (decision, note)
            return found
        finally:
            book.close()
    except Exception:  # an earlier output we cannot read is not a reason to stop this run
        return {}
