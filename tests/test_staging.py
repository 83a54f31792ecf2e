"""Files written whole or not at all keep the permissions of any new file: a workbook written
for a shared folder must stay readable by the colleagues who read the last one."""

import os
import stat
from contextlib import contextmanager

import pytest

from conftest import SAMPLE
from kinerja_xlsx.batch import process_many
from kinerja_xlsx import staging
from kinerja_xlsx.staging import replace_whole
from kinerja_xlsx.template import write_template


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield 0o666 & ~mask
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_a_replaced_file_gets_the_permissions_of_a_new_file(tmp_path, mask):
    target = tmp_path / "berkas.xlsx"
    with umask(mask) as expected:
        replace_whole(str(target), lambda p: open(p, "wb").write(b"isi"))
    assert target.read_bytes() == b"isi" and mode(target) == expected
    assert os.listdir(tmp_path) == ["berkas.xlsx"]  # no temporary file left


def test_a_replaced_file_is_flushed_to_disk_before_the_rename(monkeypatch, tmp_path):
    target = tmp_path / "berkas.xlsx"
    flushed = []
    monkeypatch.setattr(staging, "_fsync", lambda p: flushed.append((p, os.path.exists(target))))
    replace_whole(str(target), lambda p: open(p, "wb").write(b"isi"))
    (path, renamed_yet), = flushed
    assert path != str(target) and os.path.dirname(path) == str(tmp_path) and not renamed_yet


def test_a_failed_write_changes_nothing(tmp_path):
    target = tmp_path / "berkas.xlsx"
    target.write_bytes(b"lama")

    def failing(path):
        open(path, "wb").write(b"setengah")
        raise OSError("disk penuh")

    with pytest.raises(OSError):
        replace_whole(str(target), failing)
    assert target.read_bytes() == b"lama" and os.listdir(tmp_path) == ["berkas.xlsx"]


def test_template_and_combined_recap_are_readable_like_the_other_outputs(tmp_path):
    with umask(0o022) as expected:
        template = tmp_path / "templat.xlsx"
        write_template(str(template))
        out = tmp_path / "o"
        process_many([str(SAMPLE), str(SAMPLE)], str(out), workers=1)
    written = [template, out / "rekap_gabungan.xlsx", out / "rekap_gabungan.pdf",
               out / "contoh_kedungjajang_tw2_2023_terkoreksi.xlsx"]
    assert {str(p): mode(p) for p in written} == {str(p): expected for p in written}


def test_every_staged_file_is_flushed_to_disk_before_any_is_moved(monkeypatch, tmp_path):
    out = tmp_path / "keluaran"
    names = [f"pdf/{i:03d}.pdf" for i in range(40)] + ["buku.xlsx"]
    flushed = []

    def fsync(path):
        moved = [n for n in names if (out / n).exists()]
        flushed.append((os.path.relpath(path, staged_root[0]), moved))

    monkeypatch.setattr(staging, "_fsync", fsync)
    staged_root = []
    with staging.staged(str(out)) as tmp:
        staged_root.append(tmp)
        for name in names:
            os.makedirs(os.path.dirname(os.path.join(tmp, name)), exist_ok=True)
            open(os.path.join(tmp, name), "wb").write(name.encode())
    assert sorted(p for p, _ in flushed) == sorted(names)  # each one, once
    assert all(moved == [] for _, moved in flushed)  # none moved before all are on disk
    assert all((out / n).read_bytes() == n.encode() for n in names)


def test_files_flushed_early_are_flushed_once_and_before_any_is_moved(monkeypatch, tmp_path):
    """A file finished while the run goes on is flushed then (in the background); at the end
    only the others are, and nothing is moved before every one is on disk."""
    out = tmp_path / "keluaran"
    names = [f"pdf/{i:03d}.pdf" for i in range(30)] + ["buku.xlsx"]
    flushed = []

    def fsync(path):
        flushed.append((os.path.relpath(path, os.path.abspath(staged_root[0])),
                        [n for n in names if (out / n).exists()], exiting[0]))

    monkeypatch.setattr(staging, "_fsync", fsync)
    staged_root, exiting = [], [False]
    with staging.staged(str(out)) as tmp:
        staged_root.append(tmp)
        for i, name in enumerate(names):
            os.makedirs(os.path.dirname(os.path.join(tmp, name)), exist_ok=True)
            open(os.path.join(tmp, name), "wb").write(name.encode())
            if i % 3 == 0:
                staging.flush_early(os.path.join(tmp, name))
                staging.flush_early(os.path.join(tmp, name))  # asked twice: flushed once
        staging.flush_early(str(tmp_path / "elsewhere.pdf"))  # outside the staged folder: nothing
        staging._early[os.path.abspath(tmp)].close()  # the early ones are done before the block ends
        exiting[0] = True
    assert sorted(p for p, _, _ in flushed) == sorted(names)  # each one, once
    assert all(moved == [] for _, moved, _ in flushed)  # none moved before all are on disk
    early = {p for p, _, at_exit in flushed if not at_exit}
    assert early == {n for i, n in enumerate(names) if i % 3 == 0}
    assert staging._early == {}  # the folder's early flushes are forgotten with it
    assert all((out / n).read_bytes() == n.encode() for n in names)


def test_a_failure_with_early_flushes_pending_leaves_nothing(monkeypatch, tmp_path):
    out = tmp_path / "keluaran"
    monkeypatch.setattr(staging, "_fsync", lambda path: None)
    with pytest.raises(RuntimeError):
        with staging.staged(str(out)) as tmp:
            open(os.path.join(tmp, "a.pdf"), "wb").write(b"a")
            staging.flush_early(os.path.join(tmp, "a.pdf"))
            raise RuntimeError("gagal")
    assert staging._early == {} and os.listdir(out) == []


def test_a_pooled_run_flushes_its_pdfs_early_and_each_output_once(monkeypatch, tmp_path):
    """The unit PDFs, the recap, the workbook and the JSON are flushed as they are finished;
    the book (made last) at the end. Every output once."""
    from kinerja_xlsx import batch
    from kinerja_xlsx.authoring import write_workbook
    from kinerja_xlsx.synth import consistent_workbook

    path = tmp_path / "k.xlsx"
    write_workbook(str(path), *consistent_workbook(batch.POOL_MIN_UNITS + 2, 2, 4))
    calls, at_end = [], []
    monkeypatch.setattr(staging, "_fsync", lambda p: calls.append(os.path.basename(p)))
    flush_all = staging._fsync_all
    monkeypatch.setattr(staging, "_fsync_all", lambda paths: at_end.extend(paths) or flush_all(paths))
    result = process_many([str(path)], str(tmp_path / "keluaran"), workers=2)
    outputs = sorted(os.path.basename(p) for p in result.outputs)
    assert len(outputs) == batch.POOL_MIN_UNITS + 2 + 4  # units, book, recap, workbook, JSON
    assert sorted(calls) == outputs  # each output once
    assert [os.path.basename(p) for p in at_end] == [o for o in outputs if "Buku" in o]  # only the book at the end
