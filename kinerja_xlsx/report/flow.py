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
        return None  # the parser makes no fragment at all: let it
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


__all__ = ["Para"]
