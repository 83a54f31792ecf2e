"""Issue 5, part 4: nothing lost.

Every indicator row read appears in the corrected workbook (and in the PDFs); the
Ringkasan shows rows read = rows written per unit, on every fixture. The input file is never
opened for writing. Outputs are written under a temporary name and renamed into place, so an
interrupted run leaves no half file; a re-run produces the same findings with the same IDs.
"""

import builtins
import io
import json
import os
import stat
from pathlib import Path

import openpyxl
import pytest

from hostile_cases import READABLE
from kinerja_xlsx import pipeline, process, staging, xlsx_out

try:
    from kinerja_xlsx.report import write_reports  # noqa: F401
    HAVE_PDF = True
except ImportError:
    HAVE_PDF = False


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("utuh")
    return {name: build(folder) for name, build in READABLE.items()}


def ringkasan(xlsx) -> dict[str, tuple[int, int, int]]:
    """Unit -> (indikator, baris dibaca, baris ditulis) from the Ringkasan sheet."""
    ws = openpyxl.load_workbook(xlsx, data_only=True)["Ringkasan"]
    header = [c.value for c in ws[3]]
    at = {name: header.index(name) for name in ("Unit", "Indikator", "Baris Dibaca", "Baris Ditulis")}
    return {r[at["Unit"]]: (r[at["Indikator"]], r[at["Baris Dibaca"]], r[at["Baris Ditulis"]])
            for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}


@pytest.mark.parametrize("name", list(READABLE))
def test_rows_read_equal_rows_written_and_every_row_is_in_the_output(fixtures, name, tmp_path):
    result = process(fixtures[name], str(tmp_path), pdf=False)
    xlsx = next(p for p in result.outputs if p.endswith("_terkoreksi.xlsx"))
    table = ringkasan(xlsx)
    units = result.workbook.units
    assert list(table) == [u.sheet for u in units] + ["Total"]
    for u in units:
        indikator, read, written = table[u.sheet]
        assert read == written == indikator == len(u.rows), (u.sheet, table[u.sheet])
    assert table["Total"][1] == table["Total"][2] == len(result.frame)
    book = openpyxl.load_workbook(xlsx)
    for u in units:
        ws = book[u.sheet]
        for r in u.rows:
            for col, cell in r.cells.items():
                column = next((c for c in u.columns if c.col == col), None)
                if column is not None and column.canonical in ("Capaian (%)", "Serapan (%)"):
                    continue
                out = ws.cell(row=cell.row, column=col).value
                assert out is not None or cell.value is None, (u.sheet, cell.address)


@pytest.mark.skipif(not HAVE_PDF, reason="modul PDF (kinerja_xlsx.report) belum ada")
@pytest.mark.parametrize("name", ["contoh", "sel-digabung", "tersembunyi", "teks-jahat"])
def test_every_indicator_is_in_the_pdfs(fixtures, name, tmp_path):
    import re

    import pypdf

    result = process(fixtures[name], str(tmp_path), pdf=True)
    pdfs = {Path(p).name: p for p in result.outputs if p.endswith(".pdf")}
    squash = re.compile(r"\s+")
    for u in result.workbook.units:
        pdf = next(p for n, p in pdfs.items() if squash.sub("_", u.sheet) in n)
        text = squash.sub("", "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))
        for r in result.frame[result.frame["unit"] == u.sheet].itertuples():
            assert squash.sub("", r.indikator)[:40] in text, (u.sheet, r.row, r.indikator)


def test_input_is_never_opened_for_writing(fixtures, tmp_path, monkeypatch):
    source = Path(fixtures["sel-digabung"])
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444 (root ignores it: hence the guard below)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    target = str(path.resolve())
    opened = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.abspath(os.fspath(file)) == target:
            opened.append(mode)
            if any(flag in mode for flag in "wax+"):
                raise AssertionError(f"masukan dibuka untuk menulis ({mode})")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(file, flags, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.abspath(os.fspath(file)) == target:
            opened.append(flags)
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC):
                raise AssertionError("masukan dibuka untuk menulis (os.open)")
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    process(str(path), str(tmp_path / "o"), pdf=HAVE_PDF)
    monkeypatch.undo()
    assert opened, "the guard saw the input being read"
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_read_only_input_is_processed(fixtures, tmp_path):
    source = Path(fixtures["rumus"])
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    os.chmod(path, 0o444)
    result = process(str(path), str(tmp_path / "o"), pdf=False)
    assert len(result.outputs) == 2


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("failure", [RuntimeError("disk penuh"), KeyboardInterrupt()])
def test_interrupted_run_leaves_no_half_file(fixtures, tmp_path, monkeypatch, failure):
    out = tmp_path / "o"
    path = fixtures["contoh"]

    def broken_json(result, target, *args, **kwargs):
        Path(target).write_text('{"findings": [', encoding="utf-8")  # half written
        raise failure

    monkeypatch.setattr(pipeline, "write_json", broken_json)
    with pytest.raises(type(failure)):
        process(path, str(out), pdf=False)
    assert listing(out) == {} and os.listdir(out) == []


def test_interrupted_rerun_keeps_the_previous_outputs_whole(fixtures, tmp_path, monkeypatch):
    out = tmp_path / "o"
    path = fixtures["contoh"]
    process(path, str(out), pdf=False)
    before = listing(out)

    def broken_xlsx(result, target, *args, **kwargs):
        Path(target).write_bytes(b"PK\x03\x04 setengah")
        raise OSError("listrik padam")

    monkeypatch.setattr(xlsx_out, "write_corrected", broken_xlsx)
    with pytest.raises(OSError):
        process(path, str(out), pdf=False)
    assert listing(out) == before


def test_a_failure_while_renaming_puts_everything_back(fixtures, tmp_path, monkeypatch):
    """The renames themselves: if the second fails, the first output is restored too."""
    out = tmp_path / "o"
    path = fixtures["contoh"]
    process(path, str(out), pdf=False)
    (out / "lama.txt").write_text("milik orang lain")
    before = listing(out)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):
        if ".kinerja-" in os.fspath(src) and "keluaran" in os.fspath(src):
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError("gagal memindahkan")
        return real_replace(src, dst)

    monkeypatch.setattr(pipeline, "write_json", lambda result, target, *a, **k: Path(target).write_text("{}\n"))
    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(OSError):
        process(path, str(out), pdf=False)
    monkeypatch.undo()
    assert calls["n"] == 2
    assert listing(out) == before
    assert not [n for n in os.listdir(out) if n.startswith(".kinerja-")]


def test_stale_private_folder_of_a_killed_run_is_swept(tmp_path):
    out = tmp_path / "o"
    stale = out / ".kinerja-mati"
    stale.mkdir(parents=True)
    (stale / "separuh.xlsx").write_bytes(b"PK")
    old = 1_000_000_000
    os.utime(stale, (old, old))
    fresh = out / ".kinerja-hidup"
    fresh.mkdir()
    with staging.staged(str(out)) as tmp:
        Path(tmp, "a.txt").write_text("a")
    assert sorted(os.listdir(out)) == [".kinerja-hidup", "a.txt"]


@pytest.mark.parametrize("name", list(READABLE))
def test_rerun_gives_the_same_findings_and_ids(fixtures, name, tmp_path):
    first = process(fixtures[name], str(tmp_path / "1"), pdf=False)
    second = process(fixtures[name], str(tmp_path / "2"), pdf=False)
    assert [f.as_json() for f in first.findings] == [f.as_json() for f in second.findings]
    ids = [f.id for f in first.findings]
    assert len(set(ids)) == len(ids), "every finding has its own ID"
    stem = Path(fixtures[name]).stem
    a = json.loads((tmp_path / "1" / f"{stem}_inkonsistensi.json").read_text("utf-8"))
    b = json.loads((tmp_path / "2" / f"{stem}_inkonsistensi.json").read_text("utf-8"))
    assert a == b
