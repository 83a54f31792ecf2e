"""PDF objects formatted once (report/preformat.py) write ReportLab's own bytes, with each
document's object numbers in their references."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfdoc

from kinerja_xlsx.report import preformat


def _document(skip: int):
    """A document whose next objects get numbers ``skip`` further on."""
    doc = pdfdoc.PDFDocument()
    for i in range(skip):
        doc.Reference(pdfdoc.PDFDictionary({"Nomor": i}), f"pengisi{i}")
    return doc


def _dictionaries(doc) -> tuple:
    """Two equal dictionaries with references (one of them twice) into ``doc``."""
    target = doc.Reference(pdfdoc.PDFDictionary({"Isi": 1}), "tujuan")
    other = doc.Reference(pdfdoc.PDFStream(content=b"abc"), "aliran")
    return tuple(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("FontDescriptor"), "Ke": target, "Juga": other,
                                       "Lagi": target, "Kotak": pdfdoc.PDFArray([1, 2.5, -3]),
                                       "Nama": pdfdoc.PDFName("AAAAAA+Uji"), "Judul": pdfdoc.PDFString("Laporan")})
                 for _ in range(2))


@pytest.mark.parametrize("skips", [(0, 7), (3, 0), (12, 250)])
def test_a_dictionary_formats_as_reportlab_does_in_each_document(skips):
    key = ("uji-dict", skips)
    for skip in skips:
        doc = _document(skip)
        ours, theirs = _dictionaries(doc)
        preformat.format_once(ours, key)
        assert ours.format(doc) == theirs.format(doc)
        assert ours.format(doc).count(b"%d 0 R" % doc.idToObjectNumberAndVersion["tujuan"][0]) == 2
    assert isinstance(preformat._FORMATS[key], tuple)


def test_a_stream_of_binary_bytes_is_written_whole():
    content = bytes(range(256)) * 4 + b"\x00\x01ref0\x01\x00 0 R"  # even a marker's bytes
    doc = _document(2)
    ours, theirs = pdfdoc.PDFStream(content=content), pdfdoc.PDFStream(content=content)
    for stream in (ours, theirs):
        stream.dictionary["Length1"] = len(content)
    preformat.format_once(ours, ("uji-stream",))
    assert ours.format(doc) == theirs.format(doc) and ours.format(_document(9)) == theirs.format(doc)


def test_a_stream_whose_bytes_hold_a_marker_keeps_reportlabs_formatting():
    doc = _document(1)
    ref = doc.Reference(pdfdoc.PDFDictionary({}), "x")
    made = []
    for _ in range(2):
        stream = pdfdoc.PDFStream(content=b"\x00\x01ref0\x01\x00 0 R")  # looks like a reference
        stream.dictionary["Rujukan"] = ref
        made.append(stream)
    preformat.format_once(made[0], ("uji-hidden",))
    assert made[0].format(doc) == made[1].format(doc)
    assert preformat._FORMATS[("uji-hidden",)] is False  # two markers for one reference: not a template


def test_an_encrypted_document_is_formatted_by_reportlab():
    from reportlab.lib import pdfencrypt

    doc = _document(0)
    ours, theirs = _dictionaries(doc)
    preformat.format_once(ours, ("uji-enc",))
    doc.encrypt = pdfencrypt.StandardEncryption("rahasia")
    doc.encrypt.prepare(doc)
    doc.encrypt.register(5, 0)
    assert ours.format(doc) == theirs.format(doc)


def test_whole_pdfs_are_equal_with_and_without(monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    from kinerja_xlsx.report import layout

    layout.register_fonts()

    def pdf() -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        for font in layout.FONT_FILES:
            canvas.setFont(font, 10)
            canvas.drawString(72, 700, f"{font}: Capaian 58,06% ✓ ☑")
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    monkeypatch.setattr(preformat, "ENABLED", False)
    plain = pdf()
    monkeypatch.setattr(preformat, "ENABLED", True)
    assert pdf() == plain and pdf() == plain  # the first time makes the templates, then they are used
