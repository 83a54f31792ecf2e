"""kinerja_xlsx: memeriksa dan mengoreksi workbook laporan kinerja individu.

Reads the standard performance workbook of a kecamatan or dinas, recomputes capaian,
serapan and roll-ups, flags every inconsistency with its cell and evidence, and writes
a corrected workbook, a JSON of findings and the PDF reports.

    >>> from kinerja_xlsx import process
    >>> result = process("input/contoh_kedungjajang_tw2_2023.xlsx", "output")
"""

__version__ = "0.1.0"

from .collector import paused as _paused  # noqa: E402

# Importing pandas and numpy makes some 44.000 objects the cycle collector tracks, nearly all
# of them living as long as the process. The collector ran some 140 times over them while being
# imported (36 of 305 ms) and found 676 objects of garbage in all: it is paused for these
# imports and left as it was afterwards (it frees that garbage when it next runs).
with _paused():
    from .compute import Settings  # noqa: E402
    from .errors import InputError  # noqa: E402
    from .pipeline import Result, analyse, check, process  # noqa: E402
del _paused

__all__ = ["process", "check", "analyse", "Result", "Settings", "InputError", "__version__"]
