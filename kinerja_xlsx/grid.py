"""Loading a workbook's cells fast: values from python-calamine, the rest from a light scan.

python-calamine reads values about 25 times faster than openpyxl but keeps no number
formats, no formula text and drops formulas without a stored result. Those facts come
from one regular-expression pass over each sheet's XML: the style of each cell (for its
number format, so a percent-formatted 0.586 reads as 58,6%), formulas and whether they
carry a result, error values, hidden rows and column widths. XML is never expanded here
(no entities, no DTD): the scan only reads attributes and element text.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook

from .a1 import column_index, column_letter
from .model import Cell

# Number formats 0-49 that a workbook uses by id without writing them out (ECMA-376 part 1,
# 18.8.30; the same table as openpyxl's BUILTIN_FORMATS, which the tests compare it with).
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', 42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)', 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mmss.0", 48: "##0.0E+0", 49: "@",
}

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(rb'\b(r|s|t)="([^"]*)"')
_F = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
_V = re.compile(rb"<v>(.*?)</v>", re.S)
_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_ROW_HIDDEN_2 = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_COL = re.compile(rb"<col\b([^>]*)/>")
_COL_ATTR = re.compile(rb'\b(min|max|width|hidden)="([^"]*)"')
_REF = re.compile(r"([A-Z]+)(\d+)")


# ``Cell(sheet, row, col, value)`` without the named tuple's own ``__new__``, a Python
# function that takes two thirds of the time of making a cell (0,36 against 0,12 us; 75.000
# cells at 500 units)
_new = tuple.__new__

MAX_AREA = 2_000_000  # cells per sheet; calamine materialises the whole rectangle


class TooWide(Exception):
    """A sheet whose used rectangle is too large to materialise: read it another way."""


@dataclass
class SheetGrid:
    name: str
    state: str  # visible, hidden, veryHidden
    rows: list[tuple[int, dict[int, Cell]]] = field(default_factory=list)
    merged: tuple[str, ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    widths: dict[int, float] = field(default_factory=dict)
    hidden_cols: frozenset[int] = frozenset()
    worksheet: bool = True  # False for a chart sheet


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(raw))


_BOOK_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")


def wanted(name: str) -> bool:
    """The parts the loader reads: the workbook, its relationships, its styles, the worksheets.
    The safety check keeps them as it decompresses them (see ``load_grid``'s ``parts``)."""
    return name in _BOOK_PARTS or name.startswith("xl/worksheets/")


class _Package:
    """A package's parts by name: from ``parts`` when given there, else from the zip, which
    is then opened once. A missing part reads as ``b""``."""

    def __init__(self, path: str, parts: dict[str, bytes] | None):
        self.path, self.parts, self.archive = path, parts or {}, None

    def __call__(self, name: str) -> bytes:
        if name in self.parts:
            return self.parts[name]
        if self.archive is None:
            self.archive = zipfile.ZipFile(self.path)
        try:
            return self.archive.read(name)
        except KeyError:
            return b""

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()


def _styles(read) -> list[str]:
    """Number format code of each cell style index (cellXfs order)."""
    data = read("xl/styles.xml")
    custom = {int(m.group(1)): html.unescape(m.group(2).decode("utf-8"))
              for m in re.finditer(rb'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"', data)}
    block = re.search(rb"<cellXfs\b.*?</cellXfs>", data, re.S)
    formats = []
    if block:
        for xf in re.finditer(rb"<xf\b([^>]*)", block.group(0)):
            m = re.search(rb'numFmtId="(\d+)"', xf.group(1))
            fid = int(m.group(1)) if m else 0
            formats.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
    return formats


def _sheet_paths(read) -> dict[str, tuple[str, str]]:
    """Sheet name -> (path of its XML in the package, state)."""
    book = read("xl/workbook.xml")
    rels = read("xl/_rels/workbook.xml.rels")
    targets = {}
    for m in re.finditer(rb"<Relationship\b([^>]*)/?>", rels):
        a = dict(re.findall(rb'\b(Id|Target)="([^"]*)"', m.group(1)))
        if b"Id" in a and b"Target" in a:
            target = a[b"Target"].decode("utf-8")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[a[b"Id"].decode("utf-8")] = path
    out = {}
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)/?>", book):
        a = dict(re.findall(rb'\b(name|state|r:id|id)="([^"]*)"', m.group(1)))
        name = html.unescape(a.get(b"name", b"").decode("utf-8"))
        rid = (a.get(b"r:id") or a.get(b"id") or b"").decode("utf-8")
        out[name] = (targets.get(rid, ""), a.get(b"state", b"visible").decode("utf-8"))
    return out


_STYLED = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bs="(\d+)"|<c\b[^>]*?\bs="(\d+)"[^>]*?\br="([A-Z]+)(\d+)"')


_STYLED_FIRST = re.compile(rb'<c r="([A-Z]+)(\d+)" s="(\d+)"')  # as Excel, LibreOffice, xlsxwriter write it
_ROW_STYLE = re.compile(rb'<row\b[^>]*?\ss="')
# XML separates attributes by space, tab, CR or LF: an ``s`` attribute after anything but a
# space is left to the general pattern
_S_AFTER_OTHER_SPACE = (b'\ts="', b'\ns="', b'\rs="')


def _styled_cells(data: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """(column, row, style) of every cell with a style. The quick pattern is used when it
    accounts for every ``s="`` attribute of the sheet (the others belong to rows); otherwise,
    attributes in another order, the general pattern. The attributes are counted with
    ``bytes.count`` and three substring tests, two thirds of the time of a pattern that starts
    with a whitespace class (12 against 18 ms at 500 units)."""
    quick = _STYLED_FIRST.findall(data)
    if (len(quick) == data.count(b' s="') - len(_ROW_STYLE.findall(data))
            and not any(other in data for other in _S_AFTER_OTHER_SPACE)):
        return quick
    return [(m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6), m.group(4))
            for m in _STYLED.finditer(data)]


def _scan(data: bytes, styles: list[str]):
    """Per cell (row, col): (number format, formula text or None, has stored value, error value).

    Only cells with a non-General style, a formula or an error value are listed; the full
    cell pattern runs only on sheets that hold a formula or an error at all."""
    facts = {}
    special = {str(i).encode() for i, code in enumerate(styles) if code != "General"}
    if special:
        for col, row, s in _styled_cells(data):
            if s in special:
                facts[(int(row), column_index(col.decode("ascii")))] = (styles[int(s)], None, True, None)
    if b"<f" not in data and b't="e"' not in data:
        return facts
    for m in _CELL.finditer(data):
        body = m.group(2) or b""
        a = _attrs(m.group(1))
        if b"<f" not in body and a.get(b"t") != b"e":
            continue
        rm = _REF.fullmatch(a.get(b"r", b"").decode("ascii"))
        if not rm:
            continue
        key = (int(rm.group(2)), column_index(rm.group(1)))
        s = a.get(b"s")
        fmt = styles[int(s)] if s is not None and s.isdigit() and int(s) < len(styles) else "General"
        fm = _F.search(body)
        formula = "=" + html.unescape((fm.group(1) or b"").decode("utf-8")) if fm else None
        vm = _V.search(body)
        error = html.unescape(vm.group(1).decode("utf-8")) if vm and a.get(b"t") == b"e" else None
        facts[key] = (fmt, formula, bool(vm and vm.group(1)), error)
    return facts


_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
_CELL_REF_FIRST = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')  # how Excel and most writers put it
_CELL_TAG = re.compile(rb"<c[\s>/]")
# a cell tag that does not open with its address in the usual form (``<c r="A1"``)
_CELL_NOT_ADDRESSED_FIRST = re.compile(rb'<c(?! r="[A-Z]{1,3}\d{1,7}")[\s>/]')
_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([A-Z]{1,3})?(\d{1,7})?:?([A-Z]{1,3})?(\d{1,7})?"')


def _area(data: bytes) -> int:
    """The cells calamine would materialise for this sheet, judged from the XML before it
    sees it: the declared dimension and the farthest cell. A cell without its ``r``
    address makes the extent unknowable here, so it counts as too large."""
    largest = 0
    dim = _DIMENSION.search(data)
    if dim and dim.group(3) and dim.group(4):
        largest = column_index(dim.group(3).decode()) * int(dim.group(4))
    if _CELL_NOT_ADDRESSED_FIRST.search(data) is None:
        refs = _CELL_REF_FIRST.findall(data)  # the quick pattern finds every cell: none is written otherwise
    else:
        refs = _CELL_REF.findall(data)
        if len(refs) != len(_CELL_TAG.findall(data)):
            return MAX_AREA + 1
    if refs:
        letters, numbers = zip(*refs)
        rows = max(map(int, numbers))
        cols = max(column_index(c.decode()) for c in set(letters))
        largest = max(largest, rows * cols)
    return largest


def load_grid(path: str, parts: dict[str, bytes] | None = None) -> list[SheetGrid]:
    """Every sheet's non-empty cells (1-based rows and columns), in workbook order.

    ``parts`` holds parts already decompressed (by name, see :func:`wanted`); the others are
    read from the file. Raises :class:`TooWide` when a sheet's used rectangle exceeds
    ``MAX_AREA`` cells (one stray value far away makes calamine build the whole rectangle)."""
    package = _Package(path, parts)
    try:
        styles = _styles(package)
        paths = _sheet_paths(package)
        raw = {name: package(p) if p else b"" for name, (p, _) in paths.items()}
    finally:
        package.close()
    book = CalamineWorkbook.from_path(path)
    grids = []
    for name in book.sheet_names:
        data = raw.get(name, b"")
        part, state = paths.get(name, ("", "visible"))
        if "worksheets/" not in part:
            grids.append(SheetGrid(name, state, worksheet=False))
            continue
        if _area(data) > MAX_AREA:  # checked before calamine allocates the sheet's rectangle
            raise TooWide(name)
        sheet = book.get_sheet_by_name(name)
        facts = _scan(data, styles)
        facts_by_row: dict[int, dict[int, tuple]] = {}
        for (r, c), fact in facts.items():
            facts_by_row.setdefault(r, {})[c] = fact
        rows = []
        values = sheet.to_python(skip_empty_area=False)
        for r, line in enumerate(values, start=1):
            cells = {c: _new(Cell, (name, r, c, value, "General", None, False))
                     for c, value in enumerate(line, start=1) if value != ""}
            row_facts = facts_by_row.get(r)
            if row_facts:  # a styled, formula or error cell counts even when calamine gives ""
                width, unordered = len(line), False
                for c, (fmt, formula, has_value, error) in row_facts.items():
                    if c > width:
                        continue
                    value = line[c - 1]
                    if error is not None:
                        value = error
                    elif value == "":
                        value = None
                    unordered = unordered or c not in cells
                    cells[c] = _new(Cell, (name, r, c, value, fmt, formula, formula is not None and not has_value))
                if unordered:
                    cells = dict(sorted(cells.items()))
            if cells:
                rows.append((r, cells))
        # cells the scan knows (a formula without a result) but calamine's area did not reach
        extra: dict[int, dict[int, Cell]] = {}
        by_row = dict(rows)
        for (r, c), (fmt, formula, has_value, error) in facts.items():
            if (formula or error) and c not in by_row.get(r, ()):
                extra.setdefault(r, {})[c] = Cell(name, r, c, error, fmt, formula,
                                                   uncached=formula is not None and not has_value)
        if extra:
            for r, cells in extra.items():
                by_row.setdefault(r, {}).update(cells)
            rows = sorted(by_row.items())
        hidden = set()
        if b'hidden="' in data:  # rarely: the patterns are skipped for the other sheets
            hidden = {int(x) for x in _ROW_HIDDEN.findall(data)} | {int(x) for x in _ROW_HIDDEN_2.findall(data)}
        widths, hidden_cols = {}, set()
        last_col = max((max(cells) for _, cells in rows), default=1)  # a row's cells: a non-empty dict
        for m in _COL.finditer(data):
            a = dict(_COL_ATTR.findall(m.group(1)))
            if b"min" not in a:
                continue
            lo, hi = int(a[b"min"]), int(a.get(b"max", a[b"min"]))
            if b"width" in a:
                for col in range(lo, min(hi, lo + 64) + 1):
                    widths[col] = float(a[b"width"])
            if a.get(b"hidden") in (b"1", b"true"):
                hidden_cols.update(range(lo, min(hi, last_col) + 1))
        merged = tuple(_range(rng) for rng in sheet.merged_cell_ranges or ())
        grids.append(SheetGrid(name, state, rows, merged, frozenset(hidden), widths, frozenset(hidden_cols)))
    return grids


def _range(rng) -> str:
    (r1, c1), (r2, c2) = rng
    return f"{column_letter(c1 + 1)}{r1 + 1}:{column_letter(c2 + 1)}{r2 + 1}"
