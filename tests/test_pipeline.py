"""The pipeline's own mechanics: the cycle collector is paused while a workbook is read and
checked (it only rescanned long-lived, acyclic data), the checked workbook is frozen while the
outputs are written, and the collector is restored afterwards, whatever happens."""

import gc
import subprocess
import sys

import pytest

from conftest import SAMPLE
from kinerja_xlsx import pipeline
from kinerja_xlsx.errors import InputError


@pytest.mark.parametrize("enabled", [True, False])
def test_check_pauses_the_collector_and_restores_it(monkeypatch, enabled):
    seen = []
    real = pipeline.read_workbook

    def reading(path):
        seen.append(gc.isenabled())
        return real(path)

    monkeypatch.setattr(pipeline, "read_workbook", reading)
    (gc.enable if enabled else gc.disable)()
    try:
        result = pipeline.check(str(SAMPLE))
        assert seen == [False] and gc.isenabled() is enabled
        assert len(result.findings) > 0
    finally:
        gc.enable()


# Counts the cycle collector's runs while the package's public names load pandas and the rest,
# in a fresh interpreter: from the moment pandas starts loading until the package has the name
# (the import system may collect before that, and the resumed collector at once after it).
# ``vars``, not ``hasattr``: the package loads a missing public name on access.
_IMPORT_PROBE = """
import gc, sys
runs = []

def seen(phase, info):
    package = sys.modules.get("kinerja_xlsx")
    if phase == "start" and "pandas" in sys.modules and "process" not in vars(package or sys):
        runs.append(info)

gc.callbacks.append(seen)
if sys.argv[1] == "off":
    gc.disable()
import kinerja_xlsx
before = "pandas" in sys.modules
from kinerja_xlsx import process
print(len(runs), gc.isenabled(), before, "pandas" in sys.modules)
"""


@pytest.mark.parametrize("collector", ["on", "off"])
def test_loading_the_public_names_pauses_the_collector_and_leaves_it_as_it_was(collector):
    """pandas and numpy make some 44.000 lasting objects on import; without the pause the
    collector ran over them about 130 times. ``import kinerja_xlsx`` alone loads neither."""
    out = subprocess.run([sys.executable, "-c", _IMPORT_PROBE, collector], capture_output=True, text=True,
                         check=True).stdout.split()
    runs, enabled = int(out[0]), out[1] == "True"
    assert out[2:] == ["False", "True"]  # pandas loaded by the name, not by the import
    assert runs == 0
    assert enabled is (collector == "on")


def test_the_collector_is_restored_when_reading_fails(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan workbook")
    assert gc.isenabled()
    with pytest.raises(InputError):
        pipeline.check(str(bad))
    assert gc.isenabled()


def test_process_freezes_the_checked_workbook_while_writing_and_thaws_it(monkeypatch, tmp_path):
    """The checked workbook lives as long as the run: frozen (gc.freeze) once it is checked, so
    the collector never walks it again, and thawed when the run ends, as it succeeds or fails."""
    seen = []
    real = pipeline.write_json

    def writing(result, path):
        seen.append((gc.isenabled(), gc.get_freeze_count(), gc.is_tracked(result.findings)))
        real(result, path)

    monkeypatch.setattr(pipeline, "write_json", writing)
    assert gc.get_freeze_count() == 0
    pipeline.process(str(SAMPLE), str(tmp_path / "o"), pdf=False)
    (enabled, frozen, tracked), = seen
    assert not enabled and tracked and frozen > 1000  # paused while writing; the workbook, frame, findings frozen
    assert gc.get_freeze_count() == 0 and gc.isenabled()

    def failing(result, path):
        raise OSError("disk penuh")

    monkeypatch.setattr(pipeline, "write_json", failing)
    with pytest.raises(OSError):
        pipeline.process(str(SAMPLE), str(tmp_path / "o2"), pdf=False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_each_frame_row_holds_its_own_cells_values_and_references(tmp_path):
    """The indicator table is built row by row as plain lists: every figure's number, value,
    kind, decimals, reference and cell stay together under their own column names."""
    import math

    from kinerja_xlsx.authoring import write_workbook
    from kinerja_xlsx.frame import COLUMNS, FIGURES, build_frame, records
    from kinerja_xlsx.reader import read_workbook
    from kinerja_xlsx.synth import consistent_workbook
    from kinerja_xlsx.values import Kind

    path = tmp_path / "k.xlsx"
    write_workbook(str(path), *consistent_workbook(4, 3, 11))
    checked = 0
    for workbook in (str(SAMPLE), str(path)):
        frame = build_frame(read_workbook(workbook))
        assert list(frame.columns) == COLUMNS
        for r in records(frame):
            for field in FIGURES:
                cell, value = r[f"{field}_cell"], r[f"{field}_val"]
                assert r[f"{field}_ref"].endswith(str(r["row"]))
                assert r[f"{field}_kind"] == value.kind.value
                assert r[f"{field}_dec"] == (value.decimals if value.decimals is not None else -1)
                if cell is not None:
                    checked += 1
                    assert cell.row == r["row"] and r[f"{field}_ref"].endswith(cell.ref.split("!")[-1])
                if value.kind is Kind.NUMBER and not (r["majemuk_terverifikasi"] and field in ("target", "realisasi")):
                    assert r[field] == value.number
                elif value.kind is not Kind.NUMBER and field not in ("target", "realisasi"):
                    assert math.isnan(r[field])
            assert r["negatif"] == r["polaritas_teks"].strip().lower().startswith("neg")
    assert checked > 100
