"""Render the pictures of ``docs/panduan.md`` from real outputs, so that they stay true.

Each picture is made by the program itself, then printed by LibreOffice and rasterised
by ``pdftoppm``:

- ``templat_petunjuk.png``  the template's ``Petunjuk`` sheet (``kinerja templat``);
- ``templat_unit.png``      the template's example unit sheet;
- ``lanjutan_perbarui.png`` a unit sheet of next quarter's workbook made from the sample
  (``kinerja templat --dari``), with the cells to update highlighted;
- ``inkonsistensi.png``     the ``Inkonsistensi`` sheet of the sample's corrected workbook;
- ``laporan_pdf.png``       the page of the Camat's PDF report with 2.2 Capaian Kinerja
  (skipped, with a message, when the PDF reports cannot be built).

To print one sheet, a copy of the workbook is saved with the other sheets hidden; in the
Inkonsistensi copy the first rows are printed and three wide columns (Indikator, ID,
Catatan Auditor) are hidden so the picture stays legible. Nothing else is changed.

Usage (from the repository root; needs LibreOffice ``soffice`` and ``pdftoppm``)::

    python3 scripts/buat_gambar_panduan.py [FOLDER]

Without an argument the pictures are written to ``docs/img``.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

import openpyxl  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402

from kinerja_xlsx import labels, process  # noqa: E402
from kinerja_xlsx.template import fit_row, write_template  # noqa: E402

SAMPLE = os.path.join(REPO_ROOT, "input", "contoh_kedungjajang_tw2_2023.xlsx")
DEFAULT_FOLDER = os.path.join(REPO_ROOT, "docs", "img")
TODAY = datetime.date(2023, 7, 14)  # the template then shows Triwulan II 2023, like the sample
RESOLUTION = 80  # dots per inch for portrait pages: small files, still legible
WIDE = 120  # landscape sheets fitted to one page width need more to stay legible
FINDING_ROWS = 8  # rows of the Inkonsistensi sheet in its picture


def tool(name: str) -> str:
    found = shutil.which(name) or (shutil.which("libreoffice") if name == "soffice" else None)
    if not found:
        sys.exit(f"Galat: '{name}' tidak ditemukan. Pasang LibreOffice dan poppler-utils lalu ulangi.")
    return found


def one_sheet(src: str, sheet: str, dst: str, *, adjust=None) -> str:
    """A copy of ``src`` that prints only ``sheet``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(src)
    target = book[sheet]
    for ws in list(book.worksheets):  # removed, not hidden: LibreOffice prints hidden sheets' print areas
        if ws is not target:
            book.remove(ws)
    for name in list(book.defined_names):  # a name over a removed sheet would point nowhere
        if any(dest_sheet != sheet for dest_sheet, _ in book.defined_names[name].destinations):
            del book.defined_names[name]
    book.active = 0
    target.sheet_view.tabSelected = True
    if adjust:
        adjust(target)
    book.save(dst)
    return dst


def to_pdf(xlsx: str, workdir: str) -> str:
    out = os.path.join(workdir, "pdf")
    subprocess.run([tool("soffice"), "--headless", "--norestore", f"-env:UserInstallation=file://{workdir}/profil",
                    "--convert-to", "pdf", "--outdir", out, xlsx], check=True, capture_output=True, timeout=300)
    pdf = os.path.join(out, os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")
    if not os.path.exists(pdf):
        sys.exit(f"Galat: LibreOffice tidak menghasilkan {pdf}.")
    return pdf


def page_png(pdf: str, page: int, dst: str, *, max_height: int | None = None, resolution: int = RESOLUTION) -> str:
    """One page, cropped to its content (plus a margin) and saved with a small palette."""
    stem = dst[:-4] + "_mentah"
    subprocess.run([tool("pdftoppm"), "-r", str(resolution), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", pdf, stem], check=True, capture_output=True, timeout=120)
    image = Image.open(stem + ".png").convert("RGB")
    body = image.crop((0, 0, image.width, int(image.height * 0.93)))  # leave out the page footer
    box = ImageChops.difference(body, Image.new("RGB", body.size, (255, 255, 255))).getbbox()
    if box:
        margin = 12
        box = (max(box[0] - margin, 0), max(box[1] - margin, 0), min(box[2] + margin, image.width),
               min(box[3] + margin, image.height))
        image = image.crop(box)
    if max_height and image.height > max_height:
        image = image.crop((0, 0, image.width, max_height))
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(dst, optimize=True)
    os.remove(stem + ".png")
    return dst


def findings_view(ws) -> None:
    """The first findings, landscape, without the widest columns, rows as tall as their text
    (a spreadsheet program sizes them on screen; a file converter does not)."""
    for letter in ("F", "K", "M"):  # Indikator, ID, Catatan Auditor
        ws.column_dimensions[letter].hidden = True
    widths = {col: ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width or 10
              for col in range(1, ws.max_column + 1)
              if not ws.column_dimensions[openpyxl.utils.get_column_letter(col)].hidden}
    for row in range(1, FINDING_ROWS + 2):
        fit_row(ws, row, widths)
    ws.print_area = f"A1:L{FINDING_ROWS + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def pdf_page_with(pdf: str, words: str) -> int:
    """The first page of ``pdf`` whose text contains ``words`` (1 if none)."""
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        if words in text:
            return page
    return 1


def main(folder: str = DEFAULT_FOLDER) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    made: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kinerja-gambar-") as work:
        # the template
        template, _ = write_template(os.path.join(work, "templat_kinerja.xlsx"), today=TODAY)
        guide = to_pdf(one_sheet(template, labels.GUIDE_SHEET, os.path.join(work, "petunjuk.xlsx")), work)
        made.append(page_png(guide, 1, os.path.join(folder, "templat_petunjuk.png"), max_height=760))
        example = to_pdf(one_sheet(template, "Camat", os.path.join(work, "unit.xlsx")), work)
        made.append(page_png(example, 1, os.path.join(folder, "templat_unit.png"), resolution=WIDE))

        # next quarter's workbook from the sample
        carried, _ = write_template(os.path.join(work, "contoh_kedungjajang_tw3_2023.xlsx"), previous=SAMPLE)
        sheet = to_pdf(one_sheet(carried, "Kasi PMD", os.path.join(work, "lanjutan.xlsx")), work)
        made.append(page_png(sheet, 1, os.path.join(folder, "lanjutan_perbarui.png"), resolution=WIDE))

        # the sample, processed
        out = os.path.join(work, "output")
        try:
            result = process(SAMPLE, out)
        except ImportError as exc:  # the PDF reports are not available in this version
            print(f"Catatan: PDF tidak dibuat ({exc}); gambar laporan_pdf.png dilewati.")
            result = process(SAMPLE, out, pdf=False)
        corrected = next(p for p in result.outputs if p.endswith("_terkoreksi.xlsx"))
        findings = to_pdf(one_sheet(corrected, labels.FINDINGS_SHEET, os.path.join(work, "inkonsistensi.xlsx"),
                                    adjust=findings_view), work)
        made.append(page_png(findings, 1, os.path.join(folder, "inkonsistensi.png"), resolution=WIDE))
        reports = [p for p in result.outputs if p.endswith(".pdf") and os.path.basename(p).startswith("01_")]
        if reports:
            page = pdf_page_with(reports[0], "Cost per outcome")
            made.append(page_png(reports[0], page, os.path.join(folder, "laporan_pdf.png"), max_height=900))
        else:
            print("Catatan: laporan PDF unit tidak ditemukan; gambar laporan_pdf.png dilewati.")
    for path in made:
        print(f"{os.path.relpath(path, REPO_ROOT)}: {os.path.getsize(path) // 1024} KB")
    return made


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FOLDER)
