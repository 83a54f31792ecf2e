"""Reading a NIP (Nomor Induk Pegawai): pure functions, no I/O.

PNS (Perka BKN 22/2007): 18 digits, ``YYYYMMDD`` birth date, ``YYYYMM`` TMT of the first
CPNS appointment, a gender digit (1 = laki-laki, 2 = perempuan) and a sequence ``NNN``
that is never ``000``. There is no check digit, so the checks are on meaning: a real
birth date, a real TMT month after birth at a plausible age, not after the report.

PPPK (NI PPPK) uses the same shape, but digits 13-14 hold a code (``21``, ``24``...)
instead of a month; such a number is recognised as PPPK, not rejected.

A NIP stored as a number is already corrupted: Excel keeps 15 significant digits, so
the last three digits of an 18-digit NIP are lost (``196708131987031000``).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

# Age at the first appointment. CPNS applicants are 18 to 35 (40 for some posts) and
# honorary staff appointed under PP 48/2005 were up to 46; TMT comes months after the
# test. The accepted band is wider at both edges so that only impossible ages are flagged.
USIA_WAJAR = (18, 46)
USIA_DITERIMA_PNS = (17, 56)
USIA_DITERIMA_PPPK = (17, 60)  # PPPK may be appointed up to one year before retirement age
PPPK_SEJAK = 2019  # first PPPK intake (PP 49/2018)


@dataclass(frozen=True)
class NipCheck:
    text: str  # as written
    digits: str = ""  # spaces and dots removed
    jenis: str = ""  # "PNS", "PPPK" or "" when unreadable
    problems: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return not self.problems


def digits_of(value: object) -> str:
    """``19670813 198703 1 008`` -> ``196708131987031008``; '' for an empty cell."""
    if value is None:
        return ""
    return re.sub(r"[\s.\-]", "", str(value))


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def check_nip(value: object, *, report_date: _dt.date | None = None) -> NipCheck:
    """Every problem of a NIP cell's value; an empty tuple means a valid PNS or PPPK number."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        shown = _number_text(value)
        return NipCheck(shown, digits_of(shown), problems=(
            f"NIP disimpan sebagai angka ({shown}), sehingga sudah rusak oleh Excel (15 digit): "
            "Excel menyimpan angka dengan paling banyak 15 digit bermakna, jadi NIP 18 digit tidak utuh lagi",))
    text = "" if value is None else re.sub(r"\s+", " ", str(value)).strip()
    if not text:
        return NipCheck(text, problems=("NIP kosong",))
    digits = digits_of(text)
    if not digits.isdigit():
        return NipCheck(text, digits, problems=(f"NIP '{text}' memuat karakter selain angka",))
    if len(digits) != 18:
        return NipCheck(text, digits, problems=(f"NIP '{text}' terdiri dari {len(digits)} digit, bukan 18",))

    problems: list[str] = []
    birth = _date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    if birth is None or birth.year < 1900:
        problems.append(f"tanggal lahir {digits[:8]} (digit 1-8) bukan tanggal yang ada")
    year, month = int(digits[8:12]), int(digits[12:14])
    jenis, age_band = "PNS", USIA_DITERIMA_PNS
    if month > 12 and year >= PPPK_SEJAK:
        jenis, age_band = "PPPK", USIA_DITERIMA_PPPK
    elif not 1 <= month <= 12:
        age_band = None
        problems.append(f"bulan TMT {digits[12:14]} (digit 13-14) bukan bulan"
                        + (f", dan kode PPPK baru ada sejak {PPPK_SEJAK}" if month > 12 else ""))
    if age_band is not None and birth is not None:
        # a PPPK number holds the year only: the age is counted at the end of that year
        age = year - birth.year - (1 if jenis == "PNS" and month < birth.month else 0)
        what = "tahun pengangkatan PPPK" if jenis == "PPPK" else f"TMT CPNS {digits[8:14]}"
        if age < 0:
            problems.append(f"{what} (digit 9-14) sebelum tanggal lahir")
        elif not age_band[0] <= age <= age_band[1]:
            problems.append(f"{what} (digit 9-14) pada usia {age} tahun; usia wajar {USIA_WAJAR[0]}-"
                            f"{USIA_WAJAR[1]} tahun (diterima {age_band[0]}-{age_band[1]})")
        if report_date is not None and (year, month if jenis == "PNS" else 1) > (report_date.year,
                                                                                 report_date.month):
            problems.append(f"{what} (digit 9-14) sesudah tanggal laporan")
    if digits[14] not in "12":
        problems.append(f"digit jenis kelamin (digit 15) {digits[14]}; seharusnya 1 (laki-laki) atau 2 (perempuan)")
    if digits[15:] == "000":
        problems.append("nomor urut (digit 16-18) 000")
    return NipCheck(text, digits, jenis, tuple(problems))


def formatted(digits: str) -> str:
    """``196708131987031008`` -> ``19670813 198703 1 008``."""
    if len(digits) != 18:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _number_text(value: float) -> str:
    """The number as Excel keeps it: 15 significant digits (``196708131987031000``)."""
    if not math.isfinite(value):
        return str(value)
    kept = Decimal(format(value, ".15g"))
    return str(int(kept)) if kept == kept.to_integral_value() else format(kept, "f")
