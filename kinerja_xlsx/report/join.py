"""Joining the PDFs that ReportLab wrote, at the level of their bytes: how the book is made.

ReportLab writes every PDF the same plain way: a cross-reference table of offsets, each
object whole in the file (no object streams), stream lengths written out, one flat page
tree. So a report's pages are joined into another PDF by copying the bytes of the objects
they use, with the object numbers in their dictionaries changed; no stream is decoded,
nothing else is parsed. An object that is, after renumbering, byte for byte one already
joined is written once and shared: the font subsets every report embeds (their files,
widths, descriptors and Unicode maps are the same in nearly every report), so every page
still draws with the very bytes it was made with.

A PDF not written this way (another producer, or a ReportLab feature the reports do not
use) is refused with :class:`NotJoinable` rather than joined wrong.
"""

from __future__ import annotations

import hashlib
import re

from .memo import remember

# A reference "12 0 R", or a literal string (skipped whole: its text is not a reference).
# ReportLab escapes the parentheses and backslashes inside its strings.
_REF_OR_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)|(?<![\d.])(\d+) 0 R\b", re.S)
_OBJ = re.compile(rb"(\d+) 0 obj\s")
_LENGTH = re.compile(rb"/Length (\d+)\b")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_PAGES_KEYS = re.compile(rb"/(\w+)")


class NotJoinable(ValueError):
    """The PDF is not in the plain form this module joins."""


class Source:
    """One PDF's objects, as ``number -> (dictionary bytes, stream bytes)``; the stream part
    (``stream`` keyword, data, ``endstream``) is empty for an object without one."""

    def __init__(self, data: bytes):
        self.objects: dict[int, tuple[bytes, bytes]] = {}
        try:
            self._read(data)
        except NotJoinable:
            raise
        except (ValueError, IndexError) as exc:  # a number or a keyword missing: cut short, garbled
            raise NotJoinable(f"PDF rusak ({exc})") from exc

    def _read(self, data: bytes) -> None:
        offsets, trailer = _xref(data)
        ends = sorted(offsets.values()) + [data.rindex(b"startxref")]
        following = dict(zip(ends, ends[1:]))
        for number, offset in offsets.items():
            m = _OBJ.match(data, offset)
            if m is None or int(m.group(1)) != number:
                raise NotJoinable(f"objek {number} tidak berada di tempat yang disebut tabel xref")
            end = data.rindex(b"endobj", m.end(), following[offset])
            self.objects[number] = _split(data[m.end():end], number)
        root = _ref_after(b"/Root", trailer)
        self.root_pages = _ref_after(b"/Pages", self.head(root))
        self.pages = self._kids(self.root_pages)

    def object(self, number: int) -> tuple[bytes, bytes]:
        """Object ``number``'s (dictionary, stream part); refused when the file lacks it."""
        try:
            return self.objects[number]
        except KeyError:
            raise NotJoinable(f"objek {number} tidak ada") from None

    def head(self, number: int) -> bytes:
        return self.object(number)[0]

    def _kids(self, number: int) -> list[int]:
        """The page objects of the page tree ``number``: one level, as ReportLab writes it."""
        head = self.head(number)
        if set(_PAGES_KEYS.findall(_strip_arrays(head))) - {b"Type", b"Pages", b"Count", b"Kids"}:
            raise NotJoinable("pohon halaman mewariskan atribut atau bertingkat")  # the pages would lose them
        m = _KIDS.search(head)
        if m is None:
            raise NotJoinable("pohon halaman tanpa /Kids")
        pages = [int(k) for k in re.findall(rb"(\d+) 0 R", m.group(1))]
        if any(not re.search(rb"/Type\s*/Page\b", self.head(p)) for p in pages):
            raise NotJoinable("pohon halaman bertingkat")
        return pages


def _xref(data: bytes) -> tuple[dict[int, int], bytes]:
    """The offsets of the objects in use, and the trailer dictionary's bytes."""
    start = data.rfind(b"startxref")
    if start < 0:
        raise NotJoinable("tanpa startxref")
    at = int(data[start + 9:start + 40].split()[0])
    if not data.startswith(b"xref", at):
        raise NotJoinable("tabel xref tidak biasa (aliran xref)")
    end = data.index(b"trailer", at)
    rows = data[at + 4:end].split()
    offsets: dict[int, int] = {}
    i = 0
    while i < len(rows):
        first, count = int(rows[i]), int(rows[i + 1])
        i += 2
        for n in range(first, first + count):
            offset, _, kind = rows[i:i + 3]
            i += 3
            if kind == b"n":
                offsets[n] = int(offset)
    if b"/Prev" in data[end:start]:
        raise NotJoinable("berkas dengan pembaruan bertahap")
    return offsets, data[end:start]


def _split(body: bytes, number: int) -> tuple[bytes, bytes]:
    """An object's bytes (between ``obj`` and ``endobj``) as (dictionary, stream part)."""
    tail = body.rstrip()
    if not tail.endswith(b"endstream"):
        return body, b""
    m = _LENGTH.search(body)
    if m is None:
        raise NotJoinable(f"aliran objek {number} tanpa /Length langsung")
    data_end = len(tail) - len(b"endstream")
    for eol in (b"", b"\n", b"\r\n"):
        data_start = data_end - len(eol) - int(m.group(1))
        for keyword in (b"stream\n", b"stream\r\n"):
            at = data_start - len(keyword)
            if at >= 0 and body[at:data_start] == keyword and body[data_start + int(m.group(1)):data_end] == eol:
                return body[:at], body[at:]
    raise NotJoinable(f"aliran objek {number} tidak sesuai /Length-nya")


def _ref_after(key: bytes, head: bytes) -> int:
    m = re.search(re.escape(key) + rb"\s+(\d+) 0 R", head)
    if m is None:
        raise NotJoinable(f"{key.decode()} tidak ditemukan")
    return int(m.group(1))


def _template(head: bytes) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
    """A dictionary's bytes split at its references: the bytes around them and the numbers
    referred to, in order (strings skipped whole, as :data:`_REF_OR_STRING` reads them)."""
    literals, refs, at = [], [], 0
    for m in _REF_OR_STRING.finditer(head):
        if m.group(1) is not None:
            literals.append(head[at:m.start()])
            refs.append(int(m.group(1)))
            at = m.end()
    literals.append(head[at:])
    return tuple(literals), tuple(refs)


def _strip_arrays(head: bytes) -> bytes:
    return re.sub(rb"\[[^\]]*\]", b"", head)


def _references(head: bytes) -> list[int]:
    return [int(m.group(1)) for m in _REF_OR_STRING.finditer(head) if m.group(1) is not None]


def pdf_string(text: str) -> bytes:
    """``text`` as a PDF text string: literal when printable ASCII, else UTF-16 with its mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode("ascii") + b">"


class Joiner:
    """A PDF being put together from the pages of others (:meth:`add`), written by
    :meth:`write`. Objects 1 and 2 are its catalogue and page tree."""

    CATALOG, PAGES = 1, 2

    TEMPLATES = 4096  # split dictionaries remembered (see _split_at_references)

    def __init__(self):
        self._objects: list[tuple[bytes, bytes] | None] = [None, None, None]  # index = number
        self._shared: dict[tuple[bytes, bytes], int] = {}  # renumbered bytes -> number
        self._templates: dict[bytes, tuple] = {}  # dictionary bytes -> _template

    def _split_at_references(self, head: bytes) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
        """:func:`_template`, remembered: the reports repeat the same dictionaries (font,
        widths, descriptor, resources, pages), and finding their references was most of
        joining a unit (0,21 s for 500 units)."""
        template = self._templates.get(head)
        if template is None:
            template = remember(self._templates, self.TEMPLATES, head, _template(head))
        return template

    @property
    def shared(self) -> int:
        """How many distinct objects other than pages are in the PDF so far."""
        return len(self._shared)

    def _new(self) -> int:
        self._objects.append(None)
        return len(self._objects) - 1

    def add(self, data: bytes) -> list[int]:
        """Copy in every page of the PDF ``data`` and what it uses; returns the pages' new
        object numbers, in order (they are not in the page tree until :meth:`write`)."""
        source = Source(data)
        numbers: dict[int, int] = {}
        pages = set(source.pages)
        for page in source.pages:  # numbered first: a page may be referred to from below it
            numbers[page] = self._new()
        busy: set[int] = set()

        def place(old: int) -> int:
            if old in numbers and old not in pages:
                return numbers[old]
            if old in busy:  # a cycle not through a page: this one keeps a number of its own
                numbers[old] = self._new()
                return numbers[old]
            busy.add(old)
            head, stream = source.object(old)
            if b" R" in head:
                literals, refs = self._split_at_references(head)
                if refs:  # each reference renumbered left to right, objects placed in that order
                    new = [self.PAGES if ref == source.root_pages else numbers[ref] if ref in pages else place(ref)
                           for ref in refs]
                    head = literals[0] + b"".join(b"%d 0 R%s" % pair for pair in zip(new, literals[1:]))
            busy.discard(old)
            if old in pages or old in numbers:  # a page, or part of a cycle: never shared
                number = numbers[old]
            else:
                number = self._shared.get((head, stream))
                if number is None:
                    number = self._shared[(head, stream)] = self._new()
                numbers[old] = number
            if self._objects[number] is None:
                self._objects[number] = (head, stream)
            return number

        for page in source.pages:
            place(page)
        return [numbers[p] for p in source.pages]

    def write(self, path: str, pages: list[int], *, title: str = "", creator: str = "",
              outline: list[tuple[str, int]] = ()) -> None:
        """Write the PDF with ``pages`` (numbers :meth:`add` gave) in that order, an
        information dictionary, and a bookmark ``(label, index into pages)`` per entry of
        ``outline``, each showing its whole page. Once: the page tree, bookmarks and
        information are added to the objects joined."""
        objects = self._objects
        kids = b" ".join(b"%d 0 R" % p for p in pages)
        objects[self.PAGES] = (b"<< /Count %d /Kids [ %s ] /Type /Pages >>\n" % (len(pages), kids), b"")
        catalog = [b"/Pages %d 0 R /Type /Catalog" % self.PAGES]
        if outline:
            top = self._new()
            items = [self._new() for _ in outline]
            for i, ((label, index), item) in enumerate(zip(outline, items)):
                links = b"".join([b" /Prev %d 0 R" % items[i - 1] if i else b"",
                                  b" /Next %d 0 R" % items[i + 1] if i + 1 < len(items) else b""])
                objects[item] = (b"<< /Dest [ %d 0 R /Fit ] /Parent %d 0 R /Title %s%s >>\n"
                                 % (pages[index], top, pdf_string(label), links), b"")
            objects[top] = (b"<< /Count %d /First %d 0 R /Last %d 0 R /Type /Outlines >>\n"
                            % (len(items), items[0], items[-1]), b"")
            catalog.insert(0, b"/Outlines %d 0 R /PageMode /UseOutlines" % top)
        objects[self.CATALOG] = (b"<< " + b" ".join(catalog) + b" >>\n", b"")
        info = self._new()
        objects[info] = (b"<< /Creator %s /Title %s >>\n" % (pdf_string(creator), pdf_string(title)), b"")

        chunks = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        offsets = [0] * len(objects)
        at = len(chunks[0])
        digest = hashlib.md5()
        for number in range(1, len(objects)):
            entry = objects[number]
            if entry is None:
                raise RuntimeError(f"objek {number} tidak pernah diisi")  # pragma: no cover
            head, stream = entry
            chunk = b"%d 0 obj\n%s%sendobj\n" % (number, head, stream)
            offsets[number] = at
            at += len(chunk)
            chunks.append(chunk)
            digest.update(chunk)
        ident = digest.hexdigest().encode("ascii")  # the same pages give the same file
        chunks.append(b"xref\n0 %d\n0000000000 65535 f \n" % len(objects))
        chunks.append(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, len(objects))))
        chunks.append(b"trailer\n<< /ID [ <%s> <%s> ] /Info %d 0 R /Root %d 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n"
                      % (ident, ident, info, self.CATALOG, len(objects), at))
        with open(path, "wb") as fh:
            fh.write(b"".join(chunks))


__all__ = ["Joiner", "Source", "NotJoinable", "pdf_string"]
