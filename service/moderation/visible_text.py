"""Showing moderators what a text hides: bidi controls and invisible characters become small visible tokens.

A right-to-left override (U+202E) can make ``moc.elgoog`` read as ``google.com``; a zero-width space can
split a banned word. In the moderator views each such character is replaced by a token such as ``⟨RLO⟩``
with its Unicode name as the title; the stored text is never changed. A zero-width joiner between two
pictographs (a family emoji) is left alone: there it is part of the picture.
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

SHORT_NAMES: dict[str, str] = {
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u2060": "WJ",
    "\ufeff": "BOM",
    "\u00ad": "SHY",
}
# Invisible although not format characters (category Cf): fillers and the combining grapheme joiner.
_OTHER_INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0")
_TITLE = "محرف غير مرئي — invisible character: {name} (U+{code:04X})"


def is_hidden(char: str) -> bool:
    """True for a bidi control or a character that shows nothing (format characters and fillers)."""
    return unicodedata.category(char) == "Cf" or char in _OTHER_INVISIBLE


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So" or char == "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _in_emoji(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and _pictograph(text[i - 1]) and _pictograph(text[i + 1])


def _token(char: str) -> str:
    code = ord(char)
    short = SHORT_NAMES.get(char, f"U+{code:04X}")
    title = _TITLE.format(name=unicodedata.name(char, "UNNAMED"), code=code)
    return f'<span class="hidden-char" dir="ltr" title="{escape(title)}">⟨{short}⟩</span>'


def show_hidden(text: str | None) -> Markup:
    """``text`` escaped for HTML, each hidden character replaced by a visible token (see the module doc)."""
    if not text:
        return Markup("")
    pieces: list[str] = []
    for i, char in enumerate(text):
        if not is_hidden(char):
            pieces.append(str(escape(char)))
        elif char == "\u200d" and _in_emoji(text, i):
            pieces.append(char)  # part of an emoji sequence
        else:
            pieces.append(_token(char))
    return Markup("".join(pieces))
