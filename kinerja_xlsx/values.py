"""Reading the figures an office types: pure functions, no I/O.

Every form in WORKBOOK.md section 1 is read here: Indonesian thousands dots and
decimal commas (``2.017.461.467``, ``58,60%``), ``Rp.``, a percent with or without
its space or sign, dot decimals (``83.3 %``), ``-``, numbers with unit text
(``12 dok``, ``13 Orang / Bulan``), compound quantities (``4 gedung dan 1 halaman``),
numeric cells and percent-formatted cells (stored 0.586, shown 58.60%).

A value that cannot be read is never guessed: it comes back as ``Kind.TEXT`` (words
where a number is needed) or ``Kind.ERROR`` (a formula error), and the rules turn
that into a finding with the cell address.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import math
import re
from typing import NamedTuple


class Kind(enum.Enum):
    NUMBER = "angka"
    EMPTY = "kosong"
    DASH = "strip"  # "-": no value, on purpose
    COMPOUND = "majemuk"  # "4 gedung dan 1 halaman"
    TEXT = "teks"  # words, no leading number
    ERROR = "galat"  # "#DIV/0!" and friends, or a formula without a stored value


class Value(NamedTuple):
    """A typed figure, read. ``text`` is what the office typed (or the cell showed).

    Immutable. A named tuple rather than a frozen dataclass, as :class:`~kinerja_xlsx.model.Cell`:
    a check makes one per distinct figure (16.000 at 500 units), and a frozen dataclass is
    eight times slower to make (1,9 against 0,23 µs)."""

    kind: Kind
    text: str = ""
    number: float | None = None
    unit: str = ""
    decimals: int | None = None
    percent: bool = False
    parts: tuple[tuple[float, str], ...] = ()
    note: str | None = None  # why the writing is non-standard or ambiguous (rule K401)

    @property
    def has_number(self) -> bool:
        return self.kind is Kind.NUMBER and self.number is not None


EXCEL_ERRORS = ("#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")


def is_excel_error(text: str) -> bool:
    """``text`` is one of Excel's error values, case and surrounding spaces aside. Each starts
    with ``#``: most text (indicator names, long notes) is not copied twice to learn that."""
    return "#" in text and text.strip().upper() in EXCEL_ERRORS

_DASHES = {"-", "–", "—", "--", "---"}
_RP = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_NUM = re.compile(r"^[+-]?\d[\d.,]*")
_NUM_ANYWHERE = re.compile(r"(?<![\w.,])\d[\d.,]*(?:\s*%)?")
_MAX_DECIMALS = 10
_SPACES = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
_QUOTED = re.compile(r'"[^"]*"|\\.')


def noise_free_decimals(value: float) -> int:
    """The fewest decimals that give back a stored float (0.3333 -> 4, not 16)."""
    if not math.isfinite(value):
        return 0
    tolerance = 1e-9 * max(1.0, abs(value))
    for d in range(_MAX_DECIMALS + 1):
        if abs(value - round(value, d)) <= tolerance:
            return d
    return _MAX_DECIMALS


@functools.lru_cache(maxsize=256)  # a workbook uses a handful of formats, on thousands of cells
def _format_is_percent(number_format: str | None) -> bool:
    if not number_format:
        return False
    # ignore quoted literals and escaped characters: '0.00"%"' is not a percent format
    stripped = _QUOTED.sub("", number_format)
    return "%" in stripped


def _clean_unit(text: str) -> str:
    text = " ".join(text.split())  # str.split() and the pattern \s know the same whitespace
    if "/" in text:
        text = _SLASH.sub(" / ", text)
    return text.strip(" .,;:")


def unit_key(unit: str) -> str:
    """Units compare case-insensitively and ignore spaces around ``/``."""
    return _SPACES.sub("", unit).casefold()


def _read_number(token: str, percent: bool) -> tuple[float, int, str | None]:
    """Read ``2.017.461.467``, ``58,60``, ``83.3`` -> (value, decimals, note)."""
    sign = -1.0 if token.startswith("-") else 1.0
    token = token.lstrip("+-")
    token = token.rstrip(".,")  # "10.000.000,-" and "5." leave a trailing mark
    dots, commas = token.count("."), token.count(",")
    note = None
    if dots and commas:
        if token.rfind(",") > token.rfind("."):  # 1.234,56 (Indonesian)
            int_part, frac = token.rsplit(",", 1)
            int_part = int_part.replace(".", "")
        else:  # 1,234.56 (English)
            int_part, frac = token.rsplit(".", 1)
            int_part = int_part.replace(",", "")
            note = "pemisah ribuan koma dan desimal titik (format Inggris)"
    elif commas > 1:
        int_part, frac = token.replace(",", ""), ""
        note = "koma sebagai pemisah ribuan (format Inggris)"
    elif commas == 1:
        int_part, frac = token.split(",")
    elif dots > 1:
        groups = token.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            int_part, frac = "".join(groups), ""
        else:
            raise ValueError(token)
    elif dots == 1:
        int_part, frac = token.split(".")
        if len(frac) == 3 and not percent and int_part != "0":
            int_part, frac = int_part + frac, ""  # 10.350 = sepuluh ribu tiga ratus lima puluh
        elif len(frac) == 3:
            note = f"titik pada '{token}' bisa pemisah ribuan atau desimal; dibaca sebagai desimal"
        else:
            note = "titik sebagai pemisah desimal (baku: koma)"
    else:
        int_part, frac = token, ""
    if not int_part.isdigit() or (frac and not frac.isdigit()):
        raise ValueError(token)
    value = float(f"{int_part}.{frac}") if frac else float(int_part)
    return sign * value, len(frac), note


def parse_text(raw: str) -> Value:
    """Read a figure typed as text."""
    text = " ".join(str(raw).split())  # spaces collapsed: str.split() and the pattern \s know the same whitespace
    if not text:
        return Value(Kind.EMPTY)
    if text in _DASHES:
        return Value(Kind.DASH, text)
    if is_excel_error(text):
        return Value(Kind.ERROR, text)
    body = _RP.sub("", text)
    if body.endswith((".-", ",-")):  # "Rp 10.000.000,-"
        body = body[:-2]
    body = body.strip()
    numbers = _NUM_ANYWHERE.findall(body)
    match = _NUM.match(body)
    if not match:
        return Value(Kind.TEXT, text)
    token = match.group(0)
    rest = body[match.end():]
    percent = False
    if rest.lstrip().startswith("%"):
        percent = True
        rest = rest.lstrip()[1:]
    if len(numbers) > 1:
        return _compound(text, body)
    try:
        number, decimals, note = _read_number(token, percent)
    except ValueError:
        return Value(Kind.TEXT, text)
    unit = "%" if percent else _clean_unit(rest)
    return Value(Kind.NUMBER, text, number, unit, decimals, percent, note=note)


def _compound(text: str, body: str) -> Value:
    """``4 gedung dan 1 halaman`` -> parts ((4, 'gedung'), (1, 'halaman'))."""
    pieces = re.split(r"\s*(?:\bdan\b|\+|&|,\s(?=\d)|;)\s*", body, flags=re.IGNORECASE)
    parts = []
    for piece in pieces:
        m = _NUM.match(piece.strip())
        if not m:
            return Value(Kind.TEXT, text)
        try:
            number, _, _ = _read_number(m.group(0), False)
        except ValueError:
            return Value(Kind.TEXT, text)
        parts.append((number, _clean_unit(piece.strip()[m.end():])))
    if len(parts) < 2:
        return Value(Kind.TEXT, text)
    return Value(Kind.COMPOUND, text, parts=tuple(parts))


def parse_cell(value: object, number_format: str | None = None, *, expect_percent: bool = False) -> Value:
    """Read a cell as stored (memoised: typed figures repeat, and a Value is immutable)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return _parse_cached(value, type(value), number_format, expect_percent)
    return _parse_cell(value, number_format, expect_percent=expect_percent)


@functools.lru_cache(maxsize=65536)
def _parse_cached(value, _type, number_format, expect_percent) -> Value:
    return _parse_cell(value, number_format, expect_percent=expect_percent)


def _parse_cell(value: object, number_format: str | None = None, *, expect_percent: bool = False) -> Value:
    """Read a cell as stored: text, number (through its number format), date, bool, None.

    ``expect_percent`` marks a column whose figures are percentages (capaian, serapan):
    there a text number without ``%`` is read as a percent and noted (rule K401).
    """
    if value is None:
        return Value(Kind.EMPTY)
    if isinstance(value, bool):
        return Value(Kind.TEXT, str(value))
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return Value(Kind.TEXT, str(value))
    if isinstance(value, (int, float)):
        number = float(value)
        if not math.isfinite(number):
            return Value(Kind.TEXT, str(value))
        if _format_is_percent(number_format):
            number = number * 100
            decimals = noise_free_decimals(number)
            number = round(number, decimals)
            return Value(Kind.NUMBER, _shown(number, decimals) + "%", number, "%", decimals, True)
        decimals = noise_free_decimals(number)
        number = round(number, decimals)
        return Value(Kind.NUMBER, _shown(number, decimals), number, "", decimals, False)
    parsed = parse_text(str(value))
    if expect_percent and parsed.kind is Kind.NUMBER and not parsed.percent and not parsed.unit:
        note = "persen ditulis tanpa tanda %"
        if parsed.note:
            note = f"{parsed.note}; {note}"
        parsed = Value(Kind.NUMBER, parsed.text, parsed.number, "%", parsed.decimals, True, note=note)
    return parsed


def _shown(number: float, decimals: int) -> str:
    return f"{number:.{decimals}f}".replace(".", ",")


def compound_ratio(target: Value, realisasi: Value) -> tuple[float, float] | None:
    """A compound target and realisasi whose parts match one to one with the same ratio.

    ``4 gedung dan 1 halaman`` of ``4 gedung dan 1 halaman`` is 100% whatever the
    weighting, so it is verifiable; returns (sum of target parts, sum of realisasi
    parts), whose ratio is that common ratio. None when parts or ratios differ.
    """
    if target.kind is not Kind.COMPOUND or realisasi.kind is not Kind.COMPOUND:
        return None
    if len(target.parts) != len(realisasi.parts):
        return None
    ratios = set()
    for (t, tu), (r, ru) in zip(target.parts, realisasi.parts):
        if unit_key(tu) != unit_key(ru) or t == 0:
            return None
        ratios.add(round(r / t, 12))
    if len(ratios) != 1:
        return None
    return sum(t for t, _ in target.parts), sum(r for r, _ in realisasi.parts)
