"""Findings are data: code, level, unit, cell, what was reported, what it should be."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


class Level(enum.Enum):
    GALAT = "Galat"
    PERINGATAN = "Peringatan"
    INFO = "Info"

    @property
    def rank(self) -> int:
        return {"Galat": 0, "Peringatan": 1, "Info": 2}[self.value]


LEVELS = tuple(Level)


@dataclass(frozen=True)
class Finding:
    kode: str
    tingkat: Level
    unit: str  # sheet name; "" for the workbook as a whole
    sel: str  # "'Kasi Pemerintahan'!G14"
    indikator: str = ""
    dilaporkan: str = ""
    seharusnya: str = ""
    pesan: str = ""
    saran: str = ""
    row: int = 0  # for sorting
    col: int = 0
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        """Stable across re-runs of the same workbook: same code, cell and indicator."""
        key = "|".join((self.kode, self.unit, self.sel, self.indikator, self.extra.get("id_key", "")))
        return f"{self.kode}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kode": self.kode,
            "tingkat": self.tingkat.value,
            "unit": self.unit,
            "sel": self.sel,
            "indikator": self.indikator,
            "dilaporkan": self.dilaporkan,
            "seharusnya": self.seharusnya,
            "pesan": self.pesan,
            "saran": self.saran,
        }


def sort_findings(findings, unit_order: list[str]) -> list[Finding]:
    """By level, then unit (workbook order), then row, column and code."""
    position = {name: i for i, name in enumerate(unit_order)}
    return sorted(findings, key=lambda f: (f.tingkat.rank, position.get(f.unit, -1), f.row, f.col, f.kode))


def totals(findings) -> dict[str, int]:
    counts = {level.value: 0 for level in LEVELS}
    for f in findings:
        counts[f.tingkat.value] += 1
    return counts
