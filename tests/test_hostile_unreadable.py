"""Issue 5, part 1: unreadable input ends cleanly.

Exit 2, one line in Indonesian naming the file (and sheet and cell where there is one) and
what to do; no traceback unless -v; nothing written for that input; the other inputs of
the same run still processed.
"""

import os
import re
import resource
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import SAMPLE
from hostile_cases import MiB, UNREADABLE, dirty_stray, zip_bomb
from kinerja_xlsx import process, safety
from kinerja_xlsx.decisions import read_decisions
from kinerja_xlsx.errors import InputError
from kinerja_xlsx.reader import read_workbook

CMD = [sys.executable, "-m", "kinerja_xlsx"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Every unreadable case, built once: name -> (path, expected words)."""
    folder = tmp_path_factory.mktemp("rusak")
    return {name: (build(folder), words) for name, (build, words) in UNREADABLE.items()}


@pytest.mark.parametrize("name", list(UNREADABLE))
def test_unreadable_is_one_clear_line(files, name, tmp_path):
    path, words = files[name]
    started = time.perf_counter()
    with pytest.raises(InputError) as err:
        process(path, str(tmp_path / "keluaran"), pdf=False)
    elapsed = time.perf_counter() - started
    line = err.value.line()
    assert "\n" not in line and "\r" not in line
    assert line.startswith(os.path.basename(path)), line
    for word in words:
        assert word in line, (word, line)
    assert err.value.action, "the line says what to do"
    assert not (tmp_path / "keluaran").exists(), "nothing is written for an unreadable input"
    assert elapsed < 5, f"{name} took {elapsed:.1f}s"


def test_sheet_and_cell_are_named_where_there_is_one(files):
    path, _ = files["triwulan-asing"]
    with pytest.raises(InputError) as err:
        read_workbook(path)
    assert (err.value.sheet, err.value.cell) == ("Info", "B4")


def test_cli_exit_2_one_line_each_and_other_inputs_processed(files, tmp_path):
    """All the broken files and the sample in one run."""
    paths = [path for path, _ in files.values()]
    out = tmp_path / "o"
    r = subprocess.run([*CMD, "proses", "--tanpa-pdf", "-k", str(out), *paths, str(SAMPLE)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == len(paths), r.stderr
    for path, line in zip(paths, lines):
        assert line.startswith(f"Galat: {os.path.basename(path)}"), line
    written = sorted(n for n in os.listdir(out) if not n.startswith("rekap_gabungan"))  # the batch recap
    assert written == ["contoh_kedungjajang_tw2_2023_inkonsistensi.json",
                       "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"]
    assert "contoh_kedungjajang_tw2_2023.xlsx: 7 unit, 29 indikator" in r.stdout


def test_cli_traceback_only_with_verbose(files):
    path, _ = files["terenkripsi"]
    quiet = subprocess.run([*CMD, "periksa", path], capture_output=True, text=True, timeout=120)
    loud = subprocess.run([*CMD, "-v", "periksa", path], capture_output=True, text=True, timeout=120)
    assert quiet.returncode == loud.returncode == 2
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr
    assert quiet.stderr.count("\n") == 1 and "kata sandi" in quiet.stderr


def test_xml_bomb_is_refused_by_defusedxml_even_without_the_prescan(files, monkeypatch):
    """The DOCTYPE scan is the first line; defusedxml inside openpyxl is the second."""
    monkeypatch.setattr(safety, "_DTD", re.compile(r"(?!x)x"))
    for name in ("bom-xml", "xxe"):
        path, _ = files[name]
        with pytest.raises(InputError, match="entitas XML"):
            read_workbook(path)


def test_defusedxml_is_verified_before_openpyxl_parses_anything(tmp_path):
    """openpyxl parses only the workbooks the fast loader declines; with OPENPYXL_DEFUSEDXML
    switched off such a run is refused before openpyxl reads a byte. The fast loader
    (calamine), which also reads an earlier corrected workbook's auditor decisions, never
    expands entities: those runs go on."""
    env = dict(os.environ, OPENPYXL_DEFUSEDXML="False")
    far = dirty_stray(tmp_path)  # a value at XFD1048576: the fast loader declines it
    r = subprocess.run([*CMD, "periksa", far], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 3 and "defusedxml" in r.stderr and "Traceback" not in r.stderr
    out = tmp_path / "keluaran"
    process(str(SAMPLE), str(out), pdf=False)  # now a corrected workbook with decisions exists
    r = subprocess.run([*CMD, "proses", str(SAMPLE), "-k", str(out), "--tanpa-pdf"], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 0 and "defusedxml" not in r.stderr, r.stderr
    safety.verify_xml_defences()  # and in this process it is on


def test_an_earlier_output_with_an_entity_gives_no_decisions(tmp_path):
    """An earlier corrected workbook that declares an XML entity is not read for decisions
    (the same DOCTYPE scan as any input); the run goes on without them."""
    import openpyxl

    out = tmp_path / "o"
    process(str(SAMPLE), str(out), pdf=False)
    path = out / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Inkonsistensi"]
    ws.cell(row=2, column=12).value = "Diterima"
    book.save(path)
    assert list(read_decisions(str(path)).values()) == [("Diterima", "")]
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    declaration, _, body = parts["xl/workbook.xml"].rpartition(b"?>")
    parts["xl/workbook.xml"] = declaration + _ + b'<!DOCTYPE x [<!ENTITY e "Diterima">]>' + body
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert read_decisions(str(path)) == {}
    result = process(str(SAMPLE), str(out), pdf=False)
    assert result.findings and not any(d for d in read_decisions(str(path)).values())


def test_zip_bomb_time_and_memory(tmp_path):
    """A 1 GiB bomb (about 1 MB on disk): refused before parsing, in well under a second,
    with a peak memory far below 500 MiB (measured in a fresh process)."""
    bomb = zip_bomb(tmp_path, 1024 * MiB)
    assert os.path.getsize(bomb) < 2 * MiB
    code = ("import resource, time; from kinerja_xlsx import check, InputError\n"
            "t = time.perf_counter()\n"
            "try:\n    check(%r)\nexcept InputError as e:\n    print('DITOLAK', e.line())\n"
            "print('DETIK', time.perf_counter() - t)\n"
            "print('MIB', peak_mib())\n") % bomb
    # ru_maxrss survives fork+exec on Linux: a child of a large pytest process reports the
    # parent's peak. VmHWM is the high-water mark of this process's own memory.
    code = ("def peak_mib():\n"
            "    try:\n"
            "        status = open('/proc/self/status').read()\n"
            "        return int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
            "    except OSError:\n"
            "        import resource\n"
            "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n") + code
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    values = dict(line.split(" ", 1) for line in r.stdout.splitlines())
    assert "zip bomb" in values["DITOLAK"], r.stdout + r.stderr
    assert float(values["DETIK"]) < 2
    assert float(values["MIB"]) < 500


def test_limits_are_far_above_an_ordinary_workbook():
    import zipfile

    with zipfile.ZipFile(SAMPLE) as z:
        infos = z.infolist()
    assert len(infos) * 100 < safety.LIMITS.entries
    assert sum(i.file_size for i in infos) * 100 < safety.LIMITS.xml
    assert max(i.file_size / max(i.compress_size, 1) for i in infos) * 5 < safety.LIMITS.ratio


def test_an_ordinary_part_with_a_high_ratio_below_the_threshold_is_accepted(build, tmp_path):
    """The ratio rule applies to big parts only: a small, very compressible styles part is fine."""
    from conftest import row, unit
    from hostile_cases import rewrite

    path = build([unit("Camat", [row(target=1, realisasi=1, capaian="100%")])])
    rewrite(path, {"docProps/app.xml": lambda b: b.replace(b"</Properties>", b"<!-- " + b" " * (2 * MiB) + b" -->"
                                                                              b"</Properties>")})
    safety.check_file(path)


def test_no_resource_leak_on_refusal(files):
    """A refused file leaves no open handle behind (Windows would keep it locked)."""
    before = len(os.listdir(f"/proc/{os.getpid()}/fd")) if os.path.isdir("/proc") else 0
    for path, _ in files.values():
        with pytest.raises(InputError):
            read_workbook(path)
    after = len(os.listdir(f"/proc/{os.getpid()}/fd")) if os.path.isdir("/proc") else 0
    assert after <= before + 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < 1024


@pytest.mark.libreoffice
def test_a_real_xls_saved_by_libreoffice(tmp_path):
    """Not only the synthetic compound file: an .xls as an office program writes it."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profil", "--convert-to", "xls",
                    "--outdir", str(tmp_path), str(SAMPLE)], capture_output=True, timeout=180, check=True)
    xls = tmp_path / (SAMPLE.stem + ".xls")
    with pytest.raises(InputError, match=r"format Excel lama \(\.xls"):
        read_workbook(str(xls))


def test_too_many_indicator_rows_is_refused(build, monkeypatch):
    """A readable workbook beyond any office's size (10.000 indicator rows) is refused
    before the checks and outputs scale with it."""
    from conftest import row, unit

    monkeypatch.setattr(safety, "LIMITS", safety.Limits(rows=5))
    path = build([unit("Camat", [row(target=1, realisasi=1, capaian="100%")] * 6)])
    with pytest.raises(InputError, match="6 baris indikator, di atas batas 5"):
        read_workbook(path)
