"""The pipeline's own mechanics: the cycle collector is paused while a workbook is read and
checked (it only rescanned long-lived, acyclic data) and restored afterwards, whatever happens."""

import gc

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


def test_the_collector_is_restored_when_reading_fails(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan workbook")
    assert gc.isenabled()
    with pytest.raises(InputError):
        pipeline.check(str(bad))
    assert gc.isenabled()
