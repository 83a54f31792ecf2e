"""Joining PDFs at the byte level (kinerja_xlsx.report.join): pages and their text as they
were, shared objects once, pages never merged, strings left alone, bookmarks, refusals."""

from __future__ import annotations

import io

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from kinerja_xlsx.report import layout
from kinerja_xlsx.report.join import Joiner, NotJoinable, Source, pdf_string


def rendered(*pages: str, link: str | None = None) -> bytes:
    """A ReportLab PDF with one page per text, in the shipped fonts, as the reports are made."""
    layout.register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    for text in pages:
        canvas.setFont(layout.SEL, 9)
        canvas.drawString(72, 720, text)
        if link:
            canvas.linkURL(link, (72, 700, 200, 712))
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def joined(tmp_path, *sources: bytes, outline=()) -> tuple[str, list[int], Joiner]:
    joiner = Joiner()
    pages = [p for data in sources for p in joiner.add(data)]
    path = str(tmp_path / "gabung.pdf")
    joiner.write(path, pages, title="Buku", creator="kinerja_xlsx", outline=list(outline))
    return path, pages, joiner


def texts(path) -> list[str]:
    return [page.extract_text().strip() for page in PdfReader(path).pages]


def test_pages_keep_their_order_and_text_and_the_result_is_a_sound_pdf(tmp_path):
    a, b = rendered("satu", "dua"), rendered("tiga")
    path, pages, _ = joined(tmp_path, a, b)
    assert texts(path) == ["satu", "dua", "tiga"]
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert [p.obj.objgen[0] for p in pdf.pages] == pages
        assert str(pdf.docinfo.Title) == "Buku" and str(pdf.docinfo.Creator) == "kinerja_xlsx"


def test_what_the_pdfs_have_in_common_is_written_once_but_pages_never_merge(tmp_path):
    same = rendered("halaman yang sama")
    path, pages, joiner = joined(tmp_path, same, same, same)
    assert len(set(pages)) == 3  # the same page three times: three page objects
    assert texts(path) == ["halaman yang sama"] * 3
    alone = Joiner()
    alone.add(same)
    assert joiner.shared == alone.shared  # its font, contents and resources: once
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len({p.obj.Contents.objgen for p in pdf.pages}) == 1
        assert len({p.obj.Resources.Font.objgen for p in pdf.pages}) == 1


def test_a_string_that_looks_like_a_reference_is_copied_as_it_is(tmp_path):
    url = "https://contoh.invalid/3 0 R/(x)"
    path, _, _ = joined(tmp_path, rendered("teks", "lagi"), rendered("tautan", link=url))
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.pages[2].obj.Annots[0].A.URI) == url


def test_bookmarks_point_at_their_pages_and_keep_any_text(tmp_path):
    labels = [("1. Camat (Kepala)", 0), ("2. Sekretaris \\ Umum", 1), ("3. Kasi Pelayanan — Café", 2)]
    path, _, _ = joined(tmp_path, rendered("a", "b"), rendered("c"), outline=labels)
    reader = PdfReader(path)
    assert [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] == labels
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []


def test_pdf_strings():
    assert pdf_string("a (b) \\ c") == b"(a \\(b\\) \\\\ c)"
    assert pdf_string("é") == b"<FEFF00E9>"


def test_the_same_pages_give_the_same_bytes(tmp_path):
    a, b = rendered("satu"), rendered("dua", "tiga")
    first, _, _ = joined(tmp_path, a, b)
    once = open(first, "rb").read()
    second, _, _ = joined(tmp_path, a, b)
    assert open(second, "rb").read() == once


# --- hand-written PDFs: what ReportLab does not write, but a join must not get wrong ----

def handmade(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A classic PDF of ``objects`` (number -> the bytes between ``obj`` and ``endobj``)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%sendobj\n" % (number, objects[number])
    at = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Root %d 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n" % (root, size, at)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n%sendstream\n" % (len(data), extra, data)


PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (halo) Tj ET"


def one_page(page_extra: bytes = b"", more: dict | None = None, pages_extra: bytes = b"") -> bytes:
    objects = {
        1: b"<< /Pages 2 0 R /Type /Catalog >>\n",
        2: b"<< /Count 1 /Kids [ 3 0 R ]%s /Type /Pages >>\n" % pages_extra,
        3: b"<< /Contents 4 0 R /MediaBox [ 0 0 595 842 ] /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >>"
           b"%s /Type /Page >>\n" % page_extra,
        4: stream(PAGE_TEXT),
        5: b"<< /BaseFont /Helvetica /Subtype /Type1 /Type /Font >>\n",
    }
    objects.update(more or {})
    return handmade(objects)


def test_a_stream_holding_the_word_endobj_or_endstream_is_copied_whole(tmp_path):
    data = b"endobj endstream stream\n1 0 obj"
    source = one_page(page_extra=b" /Thumb 6 0 R", more={6: stream(data)})
    path, _, _ = joined(tmp_path, source)
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.pages[0].obj.Thumb.read_raw_bytes() == data


def test_objects_referring_to_each_other_are_joined_with_their_own_numbers(tmp_path):
    # 6 and 7 refer to each other (not through a page); each PDF keeps its own pair
    cycle = {6: b"<< /Next 7 0 R /Name (seksi 7 0 R) >>\n", 7: b"<< /Back 6 0 R >>\n"}
    source = one_page(page_extra=b" /Extra 6 0 R", more=cycle)
    path, pages, _ = joined(tmp_path, source, source)
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        extras = [p.obj.Extra for p in pdf.pages]
        assert extras[0].objgen != extras[1].objgen
        for extra in extras:
            assert extra.Next.Back.objgen == extra.objgen
            assert str(extra.Name) == "seksi 7 0 R"


def test_a_page_referred_to_from_below_it_gets_its_new_number(tmp_path):
    source = one_page(page_extra=b" /Annots [ 6 0 R ]",
                      more={6: b"<< /P 3 0 R /Rect [ 0 0 10 10 ] /Subtype /Text /Type /Annot >>\n"})
    path, pages, _ = joined(tmp_path, rendered("lebih dulu"), source)
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.pages[1].obj.Annots[0].P.objgen == pdf.pages[1].obj.objgen == (pages[1], 0)


@pytest.mark.parametrize("source, why", [
    (one_page(pages_extra=b" /MediaBox [ 0 0 10 10 ]"), "mewariskan"),
    (one_page(more={2: b"<< /Count 1 /Kids [ 6 0 R ] /Type /Pages >>\n",
                    6: b"<< /Count 1 /Kids [ 3 0 R ] /Parent 2 0 R /Type /Pages >>\n"}), "bertingkat"),
    (one_page(more={4: b"<< /Length 5 0 R >>\nstream\n%sendstream\n" % PAGE_TEXT}), "/Length"),
    (one_page(more={4: b"<< /Length 3 >>\nstream\n%sendstream\n" % PAGE_TEXT}), "/Length"),
    (one_page(page_extra=b" /Thumb 9 0 R"), "objek 9"),
])
def test_a_pdf_in_another_form_is_refused_not_joined_wrong(source, why):
    with pytest.raises(NotJoinable, match=why):
        Joiner().add(source)


def _damaged(how: str) -> bytes:
    data = rendered("satu", "dua")
    xref, trailer = data.rindex(b"\nxref\n") + 1, data.rindex(b"trailer")
    if how == "dipotong":  # the end of the file lost
        return data[:len(data) // 2]
    if how == "xref-pendek":  # the table announces more rows than it has
        return data[:xref + 40] + data[trailer:]
    first = data.index(b"0000000000 65535 f", xref) + 20  # object 1's offset, one byte off
    offset = int(data[first:first + 10])
    return data[:first] + b"%010d" % (offset + 1) + data[first + 10:]


@pytest.mark.parametrize("how", ["dipotong", "xref-pendek", "offset-salah"])
def test_a_damaged_pdf_is_refused(how):
    with pytest.raises(NotJoinable):
        Joiner().add(_damaged(how))


def test_a_pdf_with_a_cross_reference_stream_is_refused(tmp_path):
    with pikepdf.open(io.BytesIO(rendered("satu"))) as pdf:
        buf = io.BytesIO()
        pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    with pytest.raises(NotJoinable, match="aliran xref"):
        Source(buf.getvalue())


@given(st.lists(st.one_of(
    st.integers(0, 99999).map(lambda n: b"%d 0 R" % n),
    st.sampled_from([b" ", b"/Font ", b"[ ", b" ]", b"<< ", b" >>", b"12.5 0 R", b"/F1+0 ", b"7 0 obj"]),
    st.text(st.sampled_from("ab 12 0 R()\\"), max_size=12).map(
        lambda t: b"(" + t.encode().replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")")),
    max_size=12))
def test_a_dictionary_split_at_its_references_is_renumbered_as_the_pattern_renumbers_it(pieces):
    """The remembered split (literals and references, in order) rebuilds the dictionary, and
    with new numbers gives what substituting them with the pattern gives."""
    from kinerja_xlsx.report.join import _REF_OR_STRING, _template

    head = b"".join(pieces)
    literals, refs = _template(head)
    mapped = {ref: 3 * ref + 1 for ref in refs}
    rebuilt = literals[0] + b"".join(b"%d 0 R%s" % (mapped[r], lit) for r, lit in zip(refs, literals[1:]))
    expected = _REF_OR_STRING.sub(
        lambda m: m.group(0) if m.group(1) is None else b"%d 0 R" % mapped[int(m.group(1))], head)
    assert rebuilt == expected
    assert len(literals) == len(refs) + 1
