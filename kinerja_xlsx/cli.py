"""The ``kinerja`` command: parses options, calls the library, turns errors into one line.

No logic lives here: everything is in :mod:`kinerja_xlsx.pipeline` and friends.
"""

from __future__ import annotations

import gc
import glob
import json
import os
import sys
import traceback
from typing import List, Optional

import typer

from . import __version__
from .bahasa import pasang as _bahasa_indonesia
from .errors import InputError

# numpy's OpenBLAS starts a thread per core as it loads (0,01 s of every run, before the
# workbook is read); nothing here multiplies matrices, and the PDFs are drawn by processes.
# Set before pandas is loaded (each command loads it when it runs); a value given is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

app = typer.Typer(
    help="Memeriksa dan mengoreksi workbook laporan kinerja individu (capaian, serapan, penjumlahan "
         "anggaran), lalu menulis workbook terkoreksi, daftar inkonsistensi dan laporan PDF.\n\n"
         "\b\nContoh:\n"
         "  kinerja templat                      workbook kosong siap diisi\n"
         "  kinerja periksa laporan_tw2.xlsx     periksa saja, tampilkan temuan\n"
         "  kinerja proses laporan_tw2.xlsx      tulis workbook terkoreksi, JSON dan PDF ke ./output\n"
         "  kinerja templat --dari laporan_tw2.xlsx   workbook triwulan berikutnya\n\n"
         "Bantuan tiap perintah: kinerja PERINTAH --help",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_GALAT, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
_state = {"verbose": False}


def _version(value: bool):
    if value:
        typer.echo(f"kinerja_xlsx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Tampilkan rincian teknis (traceback) bila gagal."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Tampilkan versi lalu keluar."),
):
    _state["verbose"] = verbose


def _fail(exc: BaseException) -> int:
    """One clear line on stderr; a traceback only with -v."""
    if _state["verbose"]:
        traceback.print_exception(exc)
    if isinstance(exc, InputError):
        typer.echo(f"Galat: {exc.line()}", err=True)
        return EXIT_UNREADABLE
    typer.echo(f"Galat tak terduga ({type(exc).__name__}): {exc}. Jalankan dengan -v untuk rinciannya "
               "dan laporkan ke pengembang.", err=True)
    return EXIT_INTERNAL


def _inputs(paths: Optional[List[str]]) -> list[str]:
    if not paths:
        return sorted(glob.glob(os.path.join("input", "*.xlsx")))
    found = []
    for p in paths:
        if os.path.isdir(p):
            found.extend(sorted(glob.glob(os.path.join(p, "*.xlsx"))))
        else:
            found.append(p)
    return [p for p in found if not os.path.basename(p).startswith("~$")]


@app.command("proses")
def proses(
    masukan: Optional[List[str]] = typer.Argument(None, metavar="[MASUKAN]...",
                                                  help="Workbook .xlsx atau folder; bawaan: semua .xlsx di ./input."),
    keluaran: str = typer.Option("output", "--keluaran", "-k", help="Folder keluaran."),
    sebelumnya: Optional[str] = typer.Option(None, "--sebelumnya", "-s",
                                             help="Workbook triwulan sebelumnya, untuk aturan K501-K503."),
    tanpa_pdf: bool = typer.Option(False, "--tanpa-pdf", help="Jangan membuat PDF."),
    batas_capaian: Optional[float] = typer.Option(None, "--batas-capaian",
                                                  help="Batas atas capaian untuk predikat dan rata-rata (mis. 100); "
                                                       "nilai asli tetap disimpan."),
    pekerja: Optional[int] = typer.Option(None, "--pekerja", "-j", min=1,
                                          help="Jumlah proses paralel; bawaan: semua inti prosesor."),
):
    """Memproses workbook: hitung ulang, tandai inkonsistensi, tulis workbook terkoreksi, JSON dan PDF.

    \b
    Contoh:
      kinerja proses input/contoh_kedungjajang_tw2_2023.xlsx --keluaran output
      kinerja proses laporan_tw3_2023.xlsx --sebelumnya laporan_tw2_2023.xlsx
      kinerja proses                       (semua .xlsx di ./input)
    """
    from .collector import paused

    with paused():  # see kinerja_xlsx.__getattr__: pandas is loaded here
        from .batch import process_many
        from .compute import Settings

        # What was loaded lives as long as the process: frozen before the collector is on
        # again, it is not walked (0,02-0,03 s as soon as the collector resumed, and again in
        # older generations later); the run thaws it with the checked workbook once that is
        # written (see pipeline.process).
        gc.freeze()

    paths = _inputs(masukan)
    if not paths:
        typer.echo("Galat: tidak ada berkas .xlsx untuk diproses (folder ./input kosong?). "
                   "Sebutkan berkasnya: kinerja proses BERKAS.xlsx", err=True)
        raise typer.Exit(EXIT_UNREADABLE)
    settings = Settings(batas_capaian=batas_capaian)
    with _progress_bar() as progress:
        batch = process_many(paths, keluaran, previous=sebelumnya, pdf=not tanpa_pdf, settings=settings,
                             workers=pekerja, progress=progress, detail=_state["verbose"])
    for w in batch.workbooks:
        if w.ok:
            lv = w.levels
            typer.echo(f"{os.path.basename(w.path)}: {w.units} unit, {w.indicators} indikator; temuan "
                       f"{lv.get('Galat', 0)} Galat, {lv.get('Peringatan', 0)} Peringatan, {lv.get('Info', 0)} Info; "
                       f"{len(w.outputs)} berkas ditulis ke {keluaran}/")
        else:
            typer.echo(f"Galat: {w.error}", err=True)
    if len(batch.workbooks) > 1:
        typer.echo(batch.line())
    raise typer.Exit(EXIT_UNREADABLE if batch.failed else EXIT_OK)


def _progress_bar():
    """A rich progress bar on an interactive terminal; silent in CI and pipes."""
    import contextlib

    if not sys.stderr.isatty() or os.environ.get("CI"):
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    @contextlib.contextmanager
    def bar():
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, console=Console(stderr=True)) as p:
            tasks = {}

            def tick(label, done, total):
                kind = "PDF" if label == "PDF" else "Workbook"
                if kind not in tasks:
                    tasks[kind] = p.add_task(kind, total=total)
                p.update(tasks[kind], completed=done, total=total,
                         description=kind if kind == "PDF" else f"Workbook: {label}")
            yield tick
    return bar()


@app.command("periksa")
def periksa(
    masukan: str = typer.Argument(..., metavar="MASUKAN", help="Workbook .xlsx yang diperiksa."),
    as_json: bool = typer.Option(False, "--json", help="Cetak temuan sebagai JSON."),
    sebelumnya: Optional[str] = typer.Option(None, "--sebelumnya", "-s", help="Workbook triwulan sebelumnya."),
):
    """Memeriksa saja (tidak menulis berkas): temuan per unit, dengan sel dan saran. Kode keluar 0 bila
    tanpa Galat, 1 bila ada Galat, 2 bila berkas tidak dapat dibaca.

    \b
    Contoh:
      kinerja periksa input/contoh_kedungjajang_tw2_2023.xlsx
      kinerja periksa laporan_tw3_2023.xlsx --sebelumnya laporan_tw2_2023.xlsx
      kinerja periksa input/contoh_kedungjajang_tw2_2023.xlsx --json
    """
    # A short run that ends in os._exit: the cycle collector is off from before pandas is
    # loaded (it walked the 44.000 objects of that import once more, 20 ms) to the end (after
    # the check it would only walk the checked workbook once more, 35-70 ms at 500 units, and
    # free nothing).
    gc.disable()
    from .pipeline import check

    try:
        result = check(masukan, previous=sebelumnya)
    except Exception as exc:
        raise typer.Exit(_fail(exc))
    if as_json:
        from .json_out import findings_document

        sys.stdout.write(json.dumps(findings_document(result), ensure_ascii=False, indent=2) + "\n")
    else:
        from .terminal import print_findings

        print_findings(result)
    raise typer.Exit(EXIT_GALAT if result.has_galat else EXIT_OK)


@app.command("templat")
def templat(
    keluaran: Optional[str] = typer.Argument(
        None, metavar="[KELUARAN]",
        help="Berkas yang ditulis. Bawaan: templat_kinerja.xlsx; dengan --dari: nama sumber dengan triwulan "
             "berikutnya (contoh_kedungjajang_tw3_2023.xlsx) di folder ini."),
    dari: Optional[str] = typer.Option(
        None, "--dari",
        help="Buat workbook triwulan berikutnya dari workbook ini (masukan atau _terkoreksi.xlsx): unit, "
             "indikator, target, anggaran dan Induk sama; realisasi kumulatif terisi dan disorot kuning."),
    timpa: bool = typer.Option(False, "--timpa", help="Timpa berkas keluaran bila sudah ada."),
):
    """Menulis workbook standar siap diisi, atau workbook triwulan berikutnya (--dari).

    Templat berisi lembar Petunjuk, Info dan satu contoh lembar unit, dengan daftar pilihan,
    pemeriksaan isian dan petunjuk di setiap kolom. Berkas yang sudah ada tidak ditimpa tanpa --timpa.

    \b
    Contoh:
      kinerja templat
      kinerja templat laporan_tw1_2024.xlsx
      kinerja templat --dari input/contoh_kedungjajang_tw2_2023.xlsx
    """
    from .template import write_template

    try:
        path, plan = write_template(keluaran, previous=dari, overwrite=timpa)
    except Exception as exc:
        raise typer.Exit(_fail(exc))
    info = plan.info
    units = len(plan.sheets)
    rows = sum(len(s.unit.rows) for s in plan.sheets)
    if dari:
        typer.echo(f"Workbook Triwulan {info['Triwulan']} Tahun {info['Tahun']} ditulis: {path} ({units} unit, "
                   f"{rows} indikator). Perbarui sel kuning: realisasi dan realisasi anggaran kumulatif, "
                   f"Tanggal Laporan.")
    else:
        typer.echo(f"Templat ditulis: {path}. Baca lembar Petunjuk, lalu salin lembar contoh untuk setiap unit.")


_bahasa_indonesia(app)  # the framework's own words (usage, --help, usage errors) in Indonesian


def main():
    """The ``kinerja`` command. Once it has finished (every output closed and published,
    every worker joined) the process ends without Python's teardown, which freed a checked
    workbook's objects one by one: 0,1-0,2 s of a 1,5 s ``periksa`` of 500 units, for no one."""
    try:
        app(prog_name="kinerja")
        code = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # sys.exit("message"): shown, as Python would
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader of a pipe left early; a closed stream
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
