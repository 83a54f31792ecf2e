"""A cheaper Paragraph: same layout, same drawing, less repeated work.

ReportLab's :class:`Paragraph` parses its markup with an HTML parser when it is made, and
breaks its lines again on every ``wrap``; a table wraps each cell two or three times at one
width (height, split, draw). :class:`Para`

* remembers its last wrap: a second ``wrap`` at the same width (give or take float noise)
  returns the same size without breaking the lines again (they depend on the width only);
* skips the parser for plain text (no ``<`` and no ``&``: nothing the parser would read as
  markup) and builds the one fragment the parser would build, from the style.

Everything else, line breaking, splitting and drawing, is ReportLab's own, so a report
looks and reads exactly as with :class:`Paragraph`.
"""

from __future__ import annotations

import copy
from typing import NamedTuple

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

_FUZZ = 1e-6  # ReportLab's: narrower than this, a paragraph does not fit at all
_templates: dict[int, tuple[object, object]] = {}


def _template(style):
    """The fragment the parser makes for plain text in ``style`` (parsed once per style)."""
    held = _templates.get(id(style))
    if held is None or held[0] is not style:
        _, frags, _ = ParaParser().parse("x", style)
        held = _templates[id(style)] = (style, frags[0] if len(frags) == 1 else None)
    return held[1]


def _plain_frags(text: str, style):
    """``[frag]`` for plain text, as the parser would give it; None where the parser must run."""
    if "<" in text or "&" in text:
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return cleaned, []  # as from the parser: no fragment at all
    template = _template(style)
    if template is None:
        return None
    frag = copy.copy(template)
    frag.link = []
    frag.us_lines = []
    frag.text = cleaned
    return cleaned, [frag]


class Para(Paragraph):
    """A :class:`Paragraph` that parses plain text without the parser and wraps once per width."""

    _wrapped_at: float | None = None

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw):
        if frags is None and style is not None and isinstance(text, str):
            plain = _plain_frags(text, style)
            if plain is not None:
                text, frags = plain
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)

    def wrap(self, availWidth, availHeight):
        last = self._wrapped_at
        # a table asks again at its column's width give or take float noise (1e-14)
        if last is not None and abs(availWidth - last) < 1e-6 and "blPara" in self.__dict__:  # split() drops it
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if availWidth >= _FUZZ else None
        return size

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




# --- plain table cells ----------------------------------------------------------------

class Plain(NamedTuple):
    """A table cell that a :class:`Para` would set on one line: the table draws it as a
    string instead (no flowable to wrap or draw), in the style's font, size, leading,
    colour and alignment, at the position the paragraph's line would have."""

    text: str
    style: object


_ALIGN = {TA_LEFT: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT", TA_JUSTIFY: "LEFT"}  # one line: not justified


def one_line(text: str, style, room: float):
    """``text`` (plain, not markup) as a :class:`Plain` cell when it sets on one line within
    ``room`` points; None where it needs a paragraph (it wraps, is empty or has an indent)."""
    if "\n" in text or "\r" in text or style.leftIndent or style.firstLineIndent or style.rightIndent:
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned or stringWidth(cleaned, style.fontName, style.fontSize) > room:
        return None
    return Plain(cleaned, style)


def plain_cells(rows: list[list]) -> tuple[list[list], list[tuple]]:
    """``rows`` with every :class:`Plain` as its string, and the table style commands that
    give those cells their paragraph style: one set per run of cells down a column."""
    out = [list(r) for r in rows]
    cmds: list[tuple] = []
    width = max((len(r) for r in out), default=0)
    for j in range(width):
        i = 0
        while i < len(out):
            cell = out[i][j] if j < len(out[i]) else None
            if not isinstance(cell, Plain):
                i += 1
                continue
            style = cell.style
            end = i
            while end + 1 < len(out) and j < len(out[end + 1]) and isinstance(out[end + 1][j], Plain) \
                    and out[end + 1][j].style is style:
                end += 1
            for k in range(i, end + 1):
                out[k][j] = out[k][j].text
            cmds += [("FONT", (j, i), (j, end), style.fontName, style.fontSize, style.leading),
                     ("TEXTCOLOR", (j, i), (j, end), style.textColor),
                     ("ALIGN", (j, i), (j, end), _ALIGN[style.alignment])]
            i = end + 1
    return out, cmds


__all__ = ["Para", "Plain", "one_line", "plain_cells"]
