"""PDF objects that every report writes alike, formatted once per process.

Each unit report embeds the same few font subsets, and ReportLab writes each one's objects
(the font dictionary, its descriptor, the font file and the ToUnicode map) again for every
report: a generic formatter walks every key and number each time. The bytes differ from
report to report only in the object numbers of the references in them.

:func:`format_once` gives an object a ``format`` that writes the bytes ReportLab wrote the
first time, with this document's object numbers in the references: the first time it is
formatted against a stand-in document that writes each reference as a marker, and the
markers are filled in for each document after that.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfdoc import NoEncryption

from .memo import remember

_MARK = re.compile(rb"\x00\x01ref(\d+)\x01\x00 0 R")
_FORMATS: dict[tuple, tuple[list[bytes], list[str]] | bytes | bool] = {}
_FORMATS_LIMIT = 512
ENABLED = True  # tests turn it off to compare with ReportLab's own formatting


class _MarkedRefs(dict):
    """Object numbers by reference name, as ``"%s %s R"`` reads them: a marker for each
    name; counts how many references were written."""

    written = 0

    def __getitem__(self, name):
        self.written += 1
        if name not in self:
            self[name] = (f"\x00\x01ref{len(self)}\x01\x00", 0)
        return dict.__getitem__(self, name)


class _MarkingDocument:
    """What formatting one of these objects reads of a document: its references' numbers,
    its encryption (none) and its default stream filters."""

    def __init__(self, document):
        self.idToObjectNumberAndVersion = _MarkedRefs()
        self.encrypt = NoEncryption()
        self.defaultStreamFilters = document.defaultStreamFilters


def _template(obj, document) -> tuple[list[bytes], list[str]] | bytes | None:
    """The object's bytes as pieces between its references, and the reference written
    between each two (or plain bytes when it has none); None where its bytes hold more
    markers than it wrote references (a font file can hold any bytes)."""
    marking = _MarkingDocument(document)
    text = type(obj).format(obj, marking)
    refs = marking.idToObjectNumberAndVersion
    if not refs.written:
        return text
    parts = _MARK.split(text)  # piece, index, piece, index, ..., piece
    if len(parts) // 2 != refs.written:
        return None
    names = list(refs)
    return parts[0::2], [names[int(i)] for i in parts[1::2]]


def format_once(obj, key: tuple) -> None:
    """Have ``obj`` (a PDF object of a report) format as the first object with the same
    ``key`` did, in each document with its own reference numbers. ``key`` must name
    everything its bytes depend on."""
    if not ENABLED:
        return

    def format(document):
        if not isinstance(document.encrypt, NoEncryption):
            return type(obj).format(obj, document)  # encryption depends on the object's number
        held = _FORMATS.get(key)
        if held is None:
            held = remember(_FORMATS, _FORMATS_LIMIT, key, _template(obj, document) or False)
        if held is False:  # not one to write from a template
            return type(obj).format(obj, document)
        if isinstance(held, bytes):
            return held
        pieces, names = held
        refs = document.idToObjectNumberAndVersion
        out = [pieces[0]]
        for name, piece in zip(names, pieces[1:]):
            out.append(b"%d %d R" % refs[name])
            out.append(piece)
        return b"".join(out)

    obj.format = format


__all__ = ["format_once"]
