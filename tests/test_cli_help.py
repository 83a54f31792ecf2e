"""Every command's --help is Indonesian and shows an example; usage errors are Indonesian;
``kinerja --version``; ``kinerja templat`` end to end."""

import pytest
import typer
from typer.testing import CliRunner

from conftest import SAMPLE
from kinerja_xlsx import __version__, check
from kinerja_xlsx.cli import app

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)
ENGLISH = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "[OPTIONS]", "[required]",
           "[default:")


def invoke(*args, **kwargs):
    return runner.invoke(app, list(args), prog_name="kinerja", **kwargs)


def test_the_commands_are_there():
    assert {"proses", "periksa", "templat"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]], ids=lambda c: " ".join(c) or "kinerja")
def test_help_is_indonesian_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Penggunaan: kinerja" in text and "Contoh:" in text and "Opsi:" in text
    assert "Tampilkan bantuan ini lalu keluar." in text
    for word in ENGLISH:
        assert word not in text, word
    example = text.split("Contoh:", 1)[1]
    assert "kinerja " + (command[0] if command else "") in example


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"kinerja_xlsx {__version__}"


@pytest.mark.parametrize("args, message", [
    (["periksa"], "Argumen 'MASUKAN' belum diisi."),
    (["periksa", "a.xlsx", "b.xlsx"], "Argumen tambahan tidak dikenal: b.xlsx."),
    (["proses", "--tidak-ada"], "Tidak ada opsi --tidak-ada."),
    (["proses", "--batas-capaian", "seratus"], "Nilai tidak sah untuk '--batas-capaian': harus berupa angka."),
    (["perintah-lain"], "Tidak ada perintah 'perintah-lain'."),
])
def test_usage_errors_are_indonesian(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert f"Galat: {message}" in result.output
    assert "Coba 'kinerja" in result.output and "untuk bantuan" in result.output
    assert "Error" not in result.output and "Usage" not in result.output


def test_templat_writes_refuses_to_overwrite_and_carries_forward(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = invoke("templat")
    assert first.exit_code == 0 and "templat_kinerja.xlsx" in first.output
    assert check("templat_kinerja.xlsx").findings == []
    again = invoke("templat")
    assert again.exit_code == 2 and "--timpa" in again.output
    assert invoke("templat", "--timpa").exit_code == 0
    carried = invoke("templat", "--dari", str(SAMPLE))
    assert carried.exit_code == 0, carried.output
    assert "Triwulan III Tahun 2023" in carried.output and "7 unit, 29 indikator" in carried.output
    assert (tmp_path / "contoh_kedungjajang_tw3_2023.xlsx").exists()


def test_abort_and_exit_codes_pass_through_the_indonesian_group():
    from kinerja_xlsx.bahasa import pasang

    mini = typer.Typer(add_completion=False)

    @mini.command("batal")
    def batal():
        """Contoh: mini batal"""
        raise typer.Abort()

    @mini.command("keluar")
    def keluar():
        """Contoh: mini keluar"""
        raise typer.Exit(3)

    pasang(mini)
    aborted = runner.invoke(mini, ["batal"])
    assert aborted.exit_code == 1 and "Dibatalkan." in aborted.output
    assert runner.invoke(mini, ["keluar"]).exit_code == 3


def test_help_does_not_load_pandas():
    """``kinerja --help`` (and an argument error) answers without loading pandas and numpy,
    a quarter of a second on the office computer; the public names still load on use."""
    import subprocess
    import sys

    code = ("import sys, kinerja_xlsx.cli\n"
            "loaded = 'pandas' in sys.modules\n"
            "from kinerja_xlsx import process, Settings, InputError\n"
            "print(loaded, 'pandas' in sys.modules, callable(process))\n"
            "try:\n    kinerja_xlsx.tidak_ada\n"
            "except AttributeError as exc:\n    print('AttributeError', exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False True True"
    assert out[1].startswith("AttributeError") and "tidak_ada" in out[1]
    help_run = subprocess.run([sys.executable, "-X", "importtime", "-m", "kinerja_xlsx", "--help"],
                              capture_output=True, text=True)
    assert help_run.returncode == 0 and "proses" in help_run.stdout
    assert "| pandas" not in help_run.stderr and "| numpy" not in help_run.stderr
