"""kinerja_xlsx: memeriksa dan mengoreksi workbook laporan kinerja individu.

Reads the standard performance workbook of a kecamatan or dinas, recomputes capaian,
serapan and roll-ups, flags every inconsistency with its cell and evidence, and writes
a corrected workbook, a JSON of findings and the PDF reports.

    >>> from kinerja_xlsx import process
    >>> result = process("input/contoh_kedungjajang_tw2_2023.xlsx", "output")
"""

__version__ = "0.1.0"

# The public names, loaded on first use: ``import kinerja_xlsx`` alone (what the ``kinerja``
# command does before it reads its arguments) does not load pandas, so ``kinerja --help``
# answers at once and ``kinerja periksa`` can switch the cycle collector off first.
_PUBLIC = {"process": "pipeline", "check": "pipeline", "analyse": "pipeline", "Result": "pipeline",
           "Settings": "compute", "InputError": "errors"}


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    from .collector import paused

    # Importing pandas and numpy makes some 44.000 objects the cycle collector tracks, nearly
    # all of them living as long as the process. The collector ran some 140 times over them
    # while being imported (36 of 305 ms) and found 676 objects of garbage in all: it is paused
    # for these imports and left as it was afterwards (it frees that garbage when it next runs).
    with paused():
        value = globals()[name] = getattr(import_module(f".{module}", __name__), name)
    return value


__all__ = ["process", "check", "analyse", "Result", "Settings", "InputError", "__version__"]
