"""kinerja_xlsx: memeriksa dan mengoreksi workbook laporan kinerja individu.

Reads the standard performance workbook of a kecamatan or dinas, recomputes capaian,
serapan and roll-ups, flags every inconsistency with its cell and evidence, and writes
a corrected workbook, a JSON of findings and the PDF reports.

    >>> from kinerja_xlsx import process
    >>> result = process("input/contoh_kedungjajang_tw2_2023.xlsx", "output")
"""

__version__ = "0.1.0"

from .compute import Settings  # noqa: E402
from .errors import InputError  # noqa: E402
from .pipeline import Result, analyse, check, process  # noqa: E402

__all__ = ["process", "check", "analyse", "Result", "Settings", "InputError", "__version__"]
