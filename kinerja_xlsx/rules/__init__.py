"""The rule registry: one small function per code, each documented in a fixed shape.

Every rule is registered with :func:`rule`; its docstring has a one-line title and the
sections ``Memeriksa``, ``Mengapa``, ``Contoh`` and ``Tindakan``, from which
``docs/rules.md`` is generated. Rules yield :class:`Finding` objects and never raise.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pandas as pd

from ..compute import Settings
from ..findings import Finding, Level
from ..frame import tuples
from ..model import Workbook

SECTIONS = ("Memeriksa", "Mengapa", "Contoh", "Tindakan")


@dataclass
class Context:
    workbook: Workbook
    frame: pd.DataFrame  # computed (compute.compute)
    settings: Settings = field(default_factory=Settings)
    previous: Workbook | None = None
    previous_frame: pd.DataFrame | None = None
    # what several rules derive from the same data, computed once per run (see ``once``)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: str, compute: Callable[[], object]):
        """``compute()``, the first time ``key`` is asked for in this run."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


@dataclass(frozen=True)
class Rule:
    code: str
    level: Level
    name: str
    check: Callable[[Context], Iterable[Finding]]

    @property
    def doc(self) -> dict[str, str]:
        """The docstring's title and sections."""
        text = inspect.cleandoc(self.check.__doc__ or "")
        title, _, body = text.partition("\n")
        parts = {"Judul": title.strip()}
        pattern = r"^(%s):\s*" % "|".join(SECTIONS)
        chunks = re.split(pattern, body, flags=re.MULTILINE)
        for name, content in zip(chunks[1::2], chunks[2::2]):
            parts[name] = " ".join(content.split())
        return parts


REGISTRY: dict[str, Rule] = {}


def rule(code: str, level: Level, name: str):
    def register(check: Callable[[Context], Iterable[Finding]]):
        REGISTRY[code] = Rule(code, level, name, check)
        return check
    return register


def all_rules() -> list[Rule]:
    _load()
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def _load() -> None:
    """Import every module of this package: a rule registers itself on import."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def run_rules(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for r in all_rules():
        findings.extend(r.check(ctx))
    return findings


QUOTE_LIMIT = 200  # characters of a typed value quoted in a finding
TEXT_LIMIT = 2000  # characters of a message or suggestion (Excel keeps 32.767 per cell)


def clip(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make(code: str, unit: str, sel: str, **fields) -> Finding:
    """A finding of a registered rule, its level taken from the registry. Quoted values and
    texts are cut to a readable length: a 40.000-character cell must not become a message
    that Excel truncates (and that drops the cell comment with it)."""
    for key in ("indikator", "dilaporkan", "seharusnya"):
        if key in fields:
            fields[key] = clip(fields[key], QUOTE_LIMIT)
    for key in ("pesan", "saran"):
        if key in fields:
            fields[key] = clip(fields[key], TEXT_LIMIT)
    return Finding(kode=code, tingkat=REGISTRY[code].level, unit=unit, sel=sel, **fields)


def rows(ctx: Context) -> Iterator:
    """The computed rows, as named tuples (built once per run: the frame is wide)."""
    return iter(ctx.once("rows", lambda: tuples(ctx.frame)))


def cell_position(cell) -> tuple[int, int]:
    return (cell.row, cell.col) if cell is not None else (0, 0)
