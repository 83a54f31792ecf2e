"""A cheaper Paragraph: same layout, same drawing, less repeated work.

ReportLab's :class:`Paragraph` parses its markup with an HTML parser when it is made, and
breaks its lines again on every ``wrap``; a table wraps each cell two or three times at one
width (height, split, draw). :class:`Para`

* remembers its last wrap: a second ``wrap`` at the same width (give or take float noise)
  returns the same size without breaking the lines again (they depend on the width only);
* skips the parser for plain text (no ``<`` and no ``&``: nothing the parser would read as
  markup) and builds the one fragment the parser would build, from the style;
* parses the same markup in the same style once per process (the chapter titles, the
  Tanggapan boxes and the signature lines are the same in every report), and gives each
  paragraph copies of the fragments;
* draws a plain paragraph it has drawn before, at the same size and with the fonts under the
  same names, by appending the operators ReportLab wrote for it then;
* breaks one run of text into lines by ReportLab's own rule in a lean loop, and takes the
  lines of markup broken before at the same widths again.

Everything else, splitting and drawing, is ReportLab's own, so a report looks and reads
exactly as with :class:`Paragraph`; the tests compare each shortcut with ReportLab.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import (ParaLines, _handleBulletWidth, _processed_frags, cleanBlockQuotedText,
                                          textTransformFrags)
from reportlab.platypus.paragraph import strip as rl_strip
from reportlab.platypus.paraparser import ParaFrag, ParaParser
from reportlab.platypus.tables import CellStyle, _setCellStyle

from . import layout
from .memo import remember

_FUZZ = 1e-6  # ReportLab's: narrower than this, a paragraph does not fit at all
KNOWN_HEIGHTS = True  # a Grid sizes its rows when made (tests turn it off to compare)
_templates: dict[int, tuple[object, object]] = {}


def clean_text(text: str) -> str:
    """ReportLab's ``cleanBlockQuotedText``: the words, one space apart. For ASCII text that is
    ``" ".join(text.split())`` (ReportLab's whitespace and Python's are the same characters
    there), without its Python loop over lines and words."""
    if text.isascii():
        return " ".join(text.split())
    return cleanBlockQuotedText(text)


def _template(style):
    """The fragment the parser makes for plain text in ``style`` (parsed once per style)."""
    held = _templates.get(id(style))
    if held is None or held[0] is not style:
        _, frags, _ = ParaParser().parse("x", style)
        held = _templates[id(style)] = (style, frags[0] if len(frags) == 1 else None)
    return held[1]


def _copied(frag):
    """``copy.copy(frag)`` for a fragment (a plain object: no ``__copy__``, no slots, state
    in ``__dict__``), without the generic copy protocol, a tenth of its cost."""
    twin = frag.__class__.__new__(frag.__class__)
    twin.__dict__.update(frag.__dict__)
    return twin


def _plain_frags(text: str, style):
    """``[frag]`` for plain text, as the parser would give it; None where the parser must run."""
    if "<" in text or "&" in text:
        return None
    cleaned = clean_text(text)
    if not cleaned:
        return cleaned, []  # as from the parser: no fragment at all
    template = _template(style)
    if template is None:
        return None
    frag = _copied(template)
    frag.link = []
    frag.us_lines = []
    frag.text = cleaned
    return cleaned, [frag]


# Parsed markup, shared between paragraphs (and reports) with the same text and style: a
# report's markup is mostly standard text (chapter titles, the Tanggapan boxes, the signature
# lines). (text, style, case-sensitive) -> (style, frags, bullet frags) as the parser left them.
_PARSED: dict[tuple, tuple] = {}
_PARSED_LIMIT = 1024


def _parsed_frags(text: str, style, case_sensitive):
    """``(cleaned text, style, frags, bullet frags)`` as ReportLab's ``Paragraph`` makes them from
    markup, with fragments of their own (copies of the parser's); None if it cannot parse."""
    cleaned = clean_text(text)
    key = (cleaned, style, case_sensitive)
    held = _PARSED.get(key)
    if held is None:
        parser = ParaParser()
        parser.caseSensitive = case_sensitive
        parsed_style, frags, bullet = parser.parse(cleaned, style)
        if frags is None:
            return None  # ReportLab's own path raises its error
        textTransformFrags(frags, parsed_style)
        held = remember(_PARSED, _PARSED_LIMIT, key, (parsed_style, frags, bullet))
    parsed_style, frags, bullet = held
    own = []
    for frag in frags:
        frag = _copied(frag)
        for name in ("link", "us_lines"):  # lists: a copy of its own, same content
            if isinstance(getattr(frag, name, None), list):
                setattr(frag, name, list(getattr(frag, name)))
        own.append(frag)
    return cleaned, parsed_style, own, bullet


# Line breaks of plain paragraphs, shared between paragraphs (and reports) with the same
# text, style, bullet and width: the standard texts are a third of every report's words.
# (text, style, bullet, width) -> (blPara, wrap widths, widest line, height). ReportLab only
# reads a broken paragraph (drawing, splitting); breaks with a broken or hyphenated word,
# whose pieces splitting may change, are not shared.
_BROKEN: dict[tuple, tuple] = {}
_BROKEN_LIMIT = 4096


class Para(Paragraph):
    """A :class:`Paragraph` that parses plain text without the parser and wraps once per width."""

    _wrapped_at: float | None = None
    _plain = False
    _parsed = False  # its fragments are the parser's for its text and style (see _markup_key)

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, **kw):
        if frags is None and style is not None and isinstance(text, str):
            plain = _plain_frags(text, style)
            if plain is not None:
                text, frags = plain
                self._plain = len(frags) == 1
            else:
                parsed = _parsed_frags(text, style, caseSensitive)
                if parsed is not None:  # the bullet as ReportLab picks it: given, the style's, parsed
                    bulletText = bulletText or getattr(style, "bulletText", None)
                    text, style, frags, bullet = parsed
                    bulletText = bullet or bulletText
                    self._parsed = True
        super().__init__(text, style, bulletText=bulletText, frags=frags, caseSensitive=caseSensitive, **kw)

    def wrap(self, availWidth, availHeight):
        last = self._wrapped_at
        # a table asks again at its column's width give or take float noise (1e-14)
        if last is not None and abs(availWidth - last) < 1e-6 and "blPara" in self.__dict__:  # split() drops it
            return self.width, self.height
        key = None
        if self._plain and availWidth >= _FUZZ and len(self.frags) == 1:
            key = (self.frags[0].text, self.style, self.bulletText, availWidth)
            known = _BROKEN.get(key)
            if known is not None:
                self.blPara, widths, self._width_max, self.height = known
                self._wrapWidths = list(widths)
                self._splitLongWordCount = self._hyphenations = 0
                self.width = availWidth
                self._wrapped_at = availWidth
                return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if availWidth >= _FUZZ else None
        if (key is not None and self.blPara.kind == 0 and not self._splitLongWordCount
                and not self._hyphenations):
            remember(_BROKEN, _BROKEN_LIMIT, key, (self.blPara, tuple(self._wrapWidths), self._width_max, self.height))
        return size

    def breakLines(self, width):
        """ReportLab's line breaking; for one run of text that needs no word split or
        hyphenated, ReportLab's own rule in a lean loop (:func:`_break_plain`); for markup
        broken before at the same widths, those lines again (:data:`_MARKUP_LINES`)."""
        if not FAST_BREAKS:
            return super().breakLines(width)
        broken = _break_plain(self, width)
        if broken is not None:
            return broken
        key = _markup_key(self, width)
        if key is None:
            return super().breakLines(width)
        held = _MARKUP_LINES.get(key)
        if held is not None:
            return _lines_again(self, width, held)
        broken = super().breakLines(width)
        if (broken.kind == 1 and not self._splitLongWordCount and not self._hyphenations
                and not any(hasattr(f, "cbDefn") for line in broken.lines for f in line.words)):
            remember(_MARKUP_LINES, _MARKUP_LINES_LIMIT, key,
                     (_copied_lines(broken.lines), list(self.frags), self._width_max, list(width)))
        return broken

    def plain_lines(self, availWidth: float) -> list[str] | None:
        """The lines ReportLab sets this paragraph in at ``availWidth``, as strings, when each
        is one run of text in the paragraph's own style, aligned left, centred or right (so a
        table can draw them as strings, in the same places); None otherwise (markup, a word
        broken or hyphenated, a line set with narrowed spaces, justified text, indents, a
        bullet)."""
        style = self.style
        if (style.alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT) or style.leftIndent or style.rightIndent
                or style.firstLineIndent or self.bulletText or len(self.frags) != 1
                or "\xad" in getattr(self.frags[0], "text", "\xad")):
            return None
        self.wrap(availWidth, 1e9)
        blPara = self.blPara
        if blPara.kind != 0 or self._splitLongWordCount or self._hyphenations or not blPara.lines:
            return None
        if any(extra < 0 for extra, _ in blPara.lines):  # a line a hair too long: its spaces shrink
            return None
        return [" ".join(words) for _, words in blPara.lines]

    def draw(self):
        """ReportLab's drawing, or the operators it wrote for the same lines before (see
        :data:`_DRAWN`)."""
        plan = _replay_fonts(self) if REPLAY_DRAWN else None
        if plan is None:
            return super().draw()
        used, beyond_ascii = plan
        canv = self.canv
        doc = canv._doc
        # the fonts' names in this document, asked for in the order the drawing asks (bullet,
        # then text): for a font new to the document that is the moment it gets its name
        names = tuple(font.getSubsetInternalName(0, doc) for font, _ in used)
        # the codes of the characters beyond ASCII, in the order the drawing meets them: this
        # gives them their places in the document's subset (in a new document they may differ)
        font = used[-1][0]
        codes = tuple(tuple(font.splitString(text, doc)) for text in beyond_ascii)
        if any(subset for pieces in codes for subset, _ in pieces):
            return super().draw()  # a second subset: its name is not in the key
        key = (self.frags[0].text if self._plain else self.text, self.style, self.bulletText, self.width,
               self.height, codes, names)
        code = _DRAWN.get(key)
        if code is not None:
            canv._code.extend(code)
            if any(getattr(color, "alpha", None) is not None for _, color in used):
                doc.ensureMinPdfVersion("transparency")  # what setting an opaque alpha does
            return
        start = len(canv._code)
        super().draw()
        code = tuple(canv._code[start:])
        if code and code[0] == "q" and code[-1] == "Q" and not any(" gs" in c for c in code):
            remember(_DRAWN, _DRAWN_LIMIT, key, code)


# Widths of the words broken into lines, by font, size and encoding: ReportLab's
# ``stringWidth`` through three calls a word was most of its line breaking.
_WORD_WIDTHS: dict[tuple, dict[str, float]] = {}
_WORD_WIDTHS_LIMIT = 1 << 15  # words per font and size
_WORD_WIDTHS_FONTS = 64  # fonts and sizes
FAST_BREAKS = True  # tests turn it off to compare with ReportLab's own breaking


def _break_plain(para: Paragraph, width):
    """``Paragraph.breakLines(para, width)`` for the common case, by the same steps in the same
    floating-point order: one fragment of text (no image, background, dots, bidi, shaping),
    no hyphenation asked and no soft hyphen or no-break space in it. None where ReportLab's
    own must run, including when a word is wider than its line (it is split there); nothing
    is changed then."""
    frags = para.frags
    if len(frags) != 1 or isinstance(width, tuple):
        return None
    f = frags[0]
    style = para.style
    if (type(f) is not ParaFrag or not isinstance(getattr(f, "text", None), str) or hasattr(f, "cbDefn")
            or hasattr(f, "backColor") or style.endDots or style.shaping or getattr(style, "hyphenationLang", "")
            or style.uriWasteReduce or style.embeddedHyphenation
            or (style.wordWrap and style.wordWrap.upper() in ("RTL", "LTR", "CJK"))):
        return None
    text = f.text
    if "\xad" in text or "\xa0" in text:
        return None
    maxWidths = list(width) if isinstance(width, list) else [width]
    _handleBulletWidth(para.bulletText, style, maxWidths)  # the bullet narrows the first line
    fontName, fontSize, encoding = f.fontName, f.fontSize, para.encoding
    key = (fontName, fontSize, encoding)
    known = _WORD_WIDTHS.get(key)
    if known is None or len(known) >= _WORD_WIDTHS_LIMIT:
        known = remember(_WORD_WIDTHS, _WORD_WIDTHS_FONTS, key, {})
    spaceWidth = stringWidth(" ", fontName, fontSize, encoding)
    dSpaceShrink = style.spaceShrinkage * spaceWidth
    splitLongWords = style.splitLongWords
    maxlineno = len(maxWidths) - 1
    maxWidth = maxWidths[0]
    lines = []
    cLine: list[str] = []
    currentWidth = -spaceWidth
    widest = lineno = 0
    for word in rl_strip(text).split():  # ReportLab's split() of text without a no-break space
        wordWidth = known.get(word)
        if wordWidth is None:
            wordWidth = known[word] = stringWidth(word, fontName, fontSize, encoding)
        newWidth = currentWidth + spaceWidth + wordWidth
        limWidth = maxWidth + dSpaceShrink * len(cLine)
        if newWidth > limWidth and splitLongWords and wordWidth > maxWidths[min(lineno, maxlineno)]:
            return None  # a long word: ReportLab splits it
        if newWidth <= limWidth or not cLine:
            cLine.append(word)
            currentWidth = newWidth
        else:
            if currentWidth > widest:
                widest = currentWidth
            lines.append((maxWidth - currentWidth, cLine))
            cLine = [word]
            currentWidth = wordWidth
            lineno += 1
            maxWidth = maxWidths[min(maxlineno, lineno)]
    if cLine:
        if currentWidth > widest:
            widest = currentWidth
        lines.append((maxWidth - currentWidth, cLine))
    # what ReportLab's breakLines leaves behind: its counters, and the bullet's narrowing in
    # the list of widths it was given
    para._width_max = widest
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    if isinstance(width, list):
        width[:] = maxWidths
    ascent, descent = getAscentDescent(fontName, fontSize)
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=fontSize)


# Lines of markup paragraphs (chapter titles, the Tanggapan box's options, figures with a
# correction mark), shared between paragraphs (and reports) with the same markup, style,
# bullet and widths: ReportLab breaks such a paragraph by fragments, 70 µs each, and the
# same few come in every report. (markup, style, bullet, auto leading, widths) ->
# (lines, frag words, widest line, widths after the bullet). Only lines without a split or
# hyphenated word and without callbacks are kept; each paragraph gets lines and word lists
# of its own (drawing and splitting read the fragments in them, and change none).
_MARKUP_LINES: dict[tuple, tuple] = {}
_MARKUP_LINES_LIMIT = 1024


def _markup_key(para: Paragraph, width) -> tuple | None:
    """What a markup paragraph's lines depend on, or None when they are not shared: text
    that is not this paragraph's parsed markup (a split part), fragments already broken,
    a bullet of fragments."""
    if (not para._parsed or not isinstance(width, list) or len(para.frags) < 2 or _processed_frags(para.frags)
            or not (para.bulletText is None or isinstance(para.bulletText, str))):
        return None
    return (para.text, para.style, para.bulletText, getattr(para, "autoLeading", None), tuple(width))


def _copied_lines(lines: list) -> list:
    return [line.clone(words=list(line.words)) for line in lines]


def _lines_again(para: Paragraph, width: list, held: tuple) -> ParaLines:
    """The remembered lines, as ReportLab's ``breakLines`` leaves a paragraph after breaking
    them: its fragments become the word list, its counters are reset, the bullet narrows the
    widths it was given."""
    lines, words, widest, widths = held
    para.frags = list(words)
    para._width_max = widest
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    width[:] = widths
    return ParaLines(kind=1, lines=_copied_lines(lines))


# Operators of drawn paragraphs, shared between paragraphs (and reports) with the same text,
# style, bullet and size: the standard texts are drawn in every report. A plain paragraph of
# printable ASCII in a shipped font draws the same operators in any document, but for the
# fonts' names there (``/F1+0``), which are part of the key; so does markup in one shipped
# font (the chapter titles, the Tanggapan box's options), but for the codes its characters
# beyond ASCII (a tick box, a no-break space) get in the document's subset, which are part of
# the key too. Nothing else of the document is read or changed (no transparency state, links,
# underlines or images: those paragraphs are drawn by ReportLab every time). Plain ones: 3 %
# of a unit report's instructions (callgrind: 87,4 -> 84,5 M a unit); markup ones: 65 and
# 45 µs each, eight a unit report.
# (text or markup, style, bullet, width, height, codes beyond ASCII, font names) -> operators.
_DRAWN: dict[tuple, tuple] = {}
_DRAWN_LIMIT = 4096
REPLAY_DRAWN = True
# what the parser gives a word of plain text, a font change or a line break
_WORD_ATTRIBUTES = frozenset({"__tag__", "_fkind", "bold", "fontName", "fontSize", "greek", "italic", "link", "rise",
                              "text", "textColor", "us_lines", "lineBreak"})


def _replay_fonts(para) -> tuple | None:
    """((font, colour) of what a paragraph draws, in the order its drawing asks for the fonts
    (bullet, then text); its words with characters beyond ASCII, in drawing order) when its
    operators can be replayed: a plain paragraph of printable ASCII, or the parser's words of
    markup in one font without links or underlines. None when ReportLab must draw it."""
    blPara = para.__dict__.get("blPara")
    if (blPara is None or not blPara.lines or not layout._PLAIN_TEXT
            or "_offsets" in para.__dict__ or para.__dict__.get("_JustifyLast")):
        return None
    beyond_ascii: tuple = ()
    if para._plain and blPara.kind == 0:
        frag = para.frags[0]
        text = frag.text
        if not (text and text.isascii() and text.isprintable()) or frag.us_lines or frag.link:
            return None
        used = [(blPara.fontName, blPara.textColor)]
    elif para._parsed and blPara.kind == 1:
        words = [word for line in blPara.lines for word in line.words]
        if not words:
            return None
        name = words[0].fontName
        if any(word.fontName != name or word.link or word.us_lines or word.greek
               or not _WORD_ATTRIBUTES.issuperset(word.__dict__) for word in words):
            return None
        used = []
        for word in words:  # each colour once (colours are compared, not hashed)
            if all(word.textColor != color for _, color in used):
                used.append((name, word.textColor))
        beyond_ascii = tuple(word.text for word in words if not (word.text.isascii() and word.text.isprintable()))
    else:
        return None
    canv = para.canv
    if not canv.bottomup or canv._extgstate.getValue("ca") != 1 or getattr(canv, "_enforceColorSpace", None):
        return None
    bullet = para.bulletText
    if bullet is not None:
        if not (type(bullet) is str and bullet and bullet.isascii() and bullet.isprintable()):
            return None
        style = para.style
        used.insert(0, (style.bulletFontName, getattr(style, "bulletColor", style.textColor)))
    doc = canv._doc
    fonts = tuple((_replayable(name, color, doc), color) for name, color in used)
    return None if any(font is None for font, _ in fonts) else (fonts, beyond_ascii)


def _replayable(name: str, color, doc):
    """The font ``name`` when text in it, in ``color``, draws the same operators in any
    document (a shipped font already used in this one, an opaque RGB colour); else None."""
    font = pdfmetrics.getFont(name)
    if (type(font) is layout._Font and font._ascii_identity and doc in font.state and type(color) is Color
            and getattr(color, "alpha", None) in (None, 1)):
        return font
    return None


# --- plain table cells ----------------------------------------------------------------

class Plain(NamedTuple):
    """A table cell that a :class:`Para` would set on one line: the table draws it as a
    string instead (no flowable to wrap or draw), in the style's font, size, leading,
    colour and alignment, at the position the paragraph's line would have."""

    text: str
    style: object


_ALIGN = {TA_LEFT: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT", TA_JUSTIFY: "LEFT"}  # one line: not justified


class Blank(Flowable):
    """An empty table cell where a paragraph of no words would be: no height, nothing drawn
    (such a paragraph wraps to height 0 and draws no line), without wrapping or drawing it."""

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, 0

    def drawOn(self, canvas, x, y, _sW=0):
        pass


BLANK = Blank()


def one_line(text: str, style, room: float):
    """``text`` (plain, not markup) as a :class:`Plain` cell when it sets on one line within
    ``room`` points; None where it needs a paragraph (it wraps, is empty or has an indent)."""
    if "\n" in text or "\r" in text or style.leftIndent or style.firstLineIndent or style.rightIndent:
        return None
    cleaned = clean_text(text)
    if not cleaned or stringWidth(cleaned, style.fontName, style.fontSize) > room:
        return None
    return Plain(cleaned, style)


# Table style commands that set a cell's own style (the rest draw lines, fill, span).
_CELL_OPS = frozenset({"FONT", "FONTNAME", "FACE", "SIZE", "FONTSIZE", "LEADING", "TEXTCOLOR", "ALIGN",
                       "ALIGNMENT", "VALIGN", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"})


def _whole_table_class(cmds: list[tuple]) -> tuple[type, list[tuple]]:
    """A CellStyle class whose defaults are the leading cell commands that cover the whole
    table, and the commands left for ReportLab to apply cell by cell.

    ReportLab applies every command to every cell it covers, one call per cell and command;
    the grid, font and paddings of a data table cover all its cells. As class defaults they
    cost nothing per cell. Only the leading ones move: a whole-table command after one on
    part of the table must still override it, so it stays a command."""
    proto = [[CellStyle("proto")]]
    rest: list[tuple] = []
    leading = True
    for cmd in cmds:
        if cmd[0] in _CELL_OPS:
            if leading and tuple(cmd[1]) == (0, 0) and tuple(cmd[2]) == (-1, -1):
                _setCellStyle(proto, 0, 0, cmd[0], cmd[3:])
                continue
            leading = False
        rest.append(cmd)
    defaults = {k: v for k, v in vars(proto[0][0]).items() if k != "name"}
    defaults["name"] = "cell"  # one name for all: made without __init__ (see data_table)
    return type("DataCellStyle", (CellStyle,), defaults), rest


def _spanned_rows(table) -> set[int]:
    """The rows a SPAN command touches (ReportLab sizes them together)."""
    rows: set[int] = set()
    n = table._nrows
    for cmd in table._spanCmds:  # ("SPAN", (first column, first row), (last column, last row))
        r0, r1 = cmd[1][1], cmd[2][1]
        r0, r1 = r0 + n if r0 < 0 else r0, r1 + n if r1 < 0 else r1
        rows.update(range(min(r0, r1), max(r0, r1) + 1))
    return rows


def row_heights(table) -> list[float | None]:
    """Each row's height as ReportLab's ``_calc_height`` finds it, for rows of strings and
    of :class:`Para` and :class:`Blank` cells: the tallest cell, lines times leading (a
    string) or wrapped height (a paragraph), plus its top and bottom padding. None for a
    row ReportLab must size itself (one a span touches, or with another kind of cell)."""
    spanned = _spanned_rows(table) if table._spanCmds else ()
    heights: list[float | None] = []
    for i, (values, styles) in enumerate(zip(table._cellvalues, table._cellStyles)):
        h = 0
        if i in spanned:
            h = None
        else:
            for value, s, w in zip(values, styles, table._colWidths):
                if type(value) is str:
                    t = (s.leading or 1.2 * s.fontsize) * (value.count("\n") + 1)
                elif type(value) in (Para, Blank):
                    _, vh = value.wrap(w - s.leftPadding - s.rightPadding, 72000 - s.topPadding - s.bottomPadding)
                    sb, sa = value.getSpaceBefore(), value.getSpaceAfter()
                    t = (vh + sa + sb) - sb - sa  # as ReportLab adds them up for a cell of one flowable
                else:
                    h = None
                    break
                t += s.bottomPadding + s.topPadding
                if t > h:
                    h = t
        heights.append(h)
    return heights


class Grid(Table):
    """A Table that measures its rows once, and not twice for the same room.

    ReportLab sizes every row, cell by cell, in each measure (``_calc``) of a table and of
    each part it splits into, as long as its row heights are unknown (``None``). A Grid
    knows them when it is made (:func:`row_heights`, the same sums), so a measure only
    places the rows; the parts of a split inherit the heights. And a KeepTogether, the
    frame and a split often ask again with the very same width and height, and the answer
    depends on nothing else (the cells and widths are fixed once the table is made)."""

    _calculated_for: tuple | None = None

    def know_heights(self) -> None:
        """Size the rows now (the cells and their styles are final)."""
        if KNOWN_HEIGHTS and self._nrows and None in self._argH:
            self._rowHeights = self._argH = row_heights(self)

    def _calc(self, availWidth, availHeight):
        room = (availWidth, availHeight)
        if room != self._calculated_for:
            self._calculated_for = None  # a failed measure is not remembered
            super()._calc(availWidth, availHeight)
            self._calculated_for = room

    def _drawCell(self, cellval, cellstyle, pos, size):
        """ReportLab's ``_drawCell``, with a string cell's lines handed straight to the canvas's
        plain-string writer (:class:`layout.NumberedCanvas`): the same places, the same
        operators, without the generic checks per cell (a data table's cells each have a style
        object of their own, so ReportLab compared their colours, in Python, cell by cell).
        Anything else (a flowable, a link, another alignment or canvas) is ReportLab's."""
        canv = self.canv
        share = _SHARE.get(cellstyle.alignment)
        valign = cellstyle.valign
        if (type(cellval) is not str or share is None or valign not in _VALIGNS or not FAST_CELLS
                or not hasattr(canv, "_drew_plain") or cellstyle.href or cellstyle.destination
                or cellstyle.direction or cellstyle.shaping):
            return super()._drawCell(cellval, cellstyle, pos, size)
        current = self._curcellstyle
        if current is not cellstyle:  # as ReportLab sets them, comparing the objects first
            color = cellstyle.color
            if current is None or (color is not current.color and color != current.color):
                canv.setFillColor(color)
            if (current is None or cellstyle.leading != current.leading or cellstyle.fontname != current.fontname
                    or cellstyle.fontsize != current.fontsize):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        colpos, rowpos = pos
        colwidth, rowheight = size
        if share == 0:
            x = colpos + cellstyle.leftPadding
        elif share == 1:
            x = colpos + colwidth - cellstyle.rightPadding
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
        lines = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + len(lines) * leading) / 2.0 \
                - fontsize
        drew_plain = canv._drew_plain
        for line in lines:
            if not drew_plain(x, y, line, share, None, ()):
                getattr(canv, _DRAW[share])(x, y, line)
            y -= leading


# Where a string cell's alignment puts its lines: the share of a line's width left of x, and
# the canvas method ReportLab draws it with.
_SHARE = {"LEFT": 0, "CENTRE": 0.5, "CENTER": 0.5, "RIGHT": 1}
_DRAW = {0: "drawString", 0.5: "drawCentredString", 1: "drawRightString"}
_VALIGNS = frozenset({"TOP", "MIDDLE", "BOTTOM"})
FAST_CELLS = True  # tests turn it off to compare with ReportLab's own drawing


def data_table(rows: list[list], colWidths: list[float], style: list[tuple], **kw) -> Table:
    """A Table of ``rows`` styled by ``style``, with every :class:`Plain` drawn as its string in
    its paragraph style (font, size, leading, colour, alignment), as if by style commands
    appended after ``style``."""
    cell_class, rest = _whole_table_class(style)
    data = [list(r) for r in rows]
    plain: list[tuple[int, int, object]] = []
    for i, row in enumerate(data):
        for j, cell in enumerate(row):
            if isinstance(cell, Plain):
                row[j] = cell.text
                plain.append((i, j, cell.style))
    ncols = max((len(r) for r in data), default=0)
    new = cell_class.__new__  # a style of its own per cell (ReportLab sets them in place), no name to format
    cells = [[new(cell_class) for _ in range(ncols)] for _ in data]
    table = Grid(data, colWidths=colWidths, style=TableStyle(rest), cellStyles=cells, **kw)
    for i, j, pstyle in plain:  # last, as commands after ``style`` would
        cell = cells[i][j]
        cell.fontname, cell.fontsize, cell.leading = pstyle.fontName, pstyle.fontSize, pstyle.leading
        cell.color = pstyle.textColor
        cell.alignment = _ALIGN[pstyle.alignment]
    table.know_heights()
    return table


__all__ = ["Para", "Plain", "Blank", "BLANK", "Grid", "one_line", "data_table"]
