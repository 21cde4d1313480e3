"""Character-level rules of the normaliser, and the offset-keeping map that applies them.

Each character of the input is replaced by a string (often itself, sometimes empty or several characters):

- NFKC, applied per character (presentation forms such as ``ﻻ`` become ``لا``, full-width ``＠`` -> ``@``);
- Arabic-script combining marks and modifier letters are deleted: harakat, shadda, sukun, tanwin, superscript
  alef, Quranic annotation marks, tatweel;
- format and control characters are deleted: zero-width space/joiners, LRM/RLM/ALM, LRE..PDF, LRI..PDI, BOM,
  soft hyphen; so are emoji variation selectors and skin-tone modifiers (same emoji, same feature) and Latin
  combining accents (U+0300-U+036F: a decomposed "é" becomes "e", a precomposed one stays "é");
- every whitespace character becomes one ASCII space;
- alef forms ``أ إ آ ٱ ٲ ٳ`` -> ``ا``; ``ى`` -> ``ي``; ``ة`` -> ``ه``;
- Persian/Urdu look-alikes: ``ک ڪ`` -> ``ك``; ``ی ې ۍ ے`` -> ``ي``; ``ۀ ہ ۂ ۃ ە ھ`` -> ``ه``.
  ``گ``, ``ڭ``, ``ڤ``, ``پ``, ``چ``, ``ژ`` are KEPT: they are distinct sounds in Maghrebi/Gulf/Persian
  spelling (``گ`` usually stands for a dialectal ``ق``), and folding them into ``ك``/``ف``/``ب``/``ج`` would
  create false matches; ``ؤ`` and ``ئ`` are kept;
- Arabic punctuation ``، ؛ ؟ ٪ ٫ ٬ ۔`` and ``。`` -> ``, ; ? % . , . .``;
- any decimal digit (Arabic-Indic, Persian, ...) -> ASCII digit;
- everything else is lower-cased.

The rules are iterated to a fixed point per character, so mapping twice equals mapping once.
"""

from __future__ import annotations

import re
import unicodedata

_LETTER_MAP: dict[str, str] = {
    **dict.fromkeys("أإآٱٲٳ", "ا"),
    **dict.fromkeys("ىیېۍے", "ي"),
    **dict.fromkeys("ةۀہۂۃەھ", "ه"),
    **dict.fromkeys("کڪ", "ك"),
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "۔": ".",
    "。": ".",
}

# Blocks where a combining mark or modifier letter is Arabic decoration (tashkeel, Quranic marks, tatweel).
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Emoji variation selectors and skin tones, and Latin combining accents (NFKC is applied per character, so a
# decomposed "é" would otherwise keep a loose accent that splits the word).
_DELETED = frozenset(chr(c) for c in [*range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), *range(0x300, 0x370)])

# Characters that map to themselves: ASCII except upper case, and the Arabic letters no rule touches. Only the
# others go through the (cached) per-character rules, which keeps the hot path mostly in C.
_MAYBE_CHANGED = re.compile(r"[^ !-@\[-~\u0621\u0624\u0626-\u0628\u062a-\u063a\u0641-\u0648\u064a]")

# A single Arabic letter after normalisation (used to undo spaced-out words).
ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc\u06ff]")


def _is_arabic_decoration(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) in ("Mn", "Lm") and any(lo <= code <= hi for lo, hi in _ARABIC_BLOCKS)


def _rule(ch: str) -> str:
    """One pass of the rules over one character (already NFKC)."""
    if ch.isspace():
        return " "
    if unicodedata.category(ch) in ("Cf", "Cc") or ch in _DELETED or _is_arabic_decoration(ch):
        return ""
    mapped = _LETTER_MAP.get(ch)
    if mapped is not None:
        return mapped
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    return ch.lower()


def _char_norm(ch: str) -> str:
    result = ch
    for _ in range(8):
        nxt = "".join(_rule(x) for c in result for x in unicodedata.normalize("NFKC", c))
        if nxt == result:
            break
        result = nxt
    return result


# char -> (replacement, whether a deletion belongs to the previous character's span)
_CACHE: dict[str, tuple[str, bool]] = {}


def _lookup(ch: str) -> tuple[str, bool]:
    hit = _CACHE.get(ch)
    if hit is None:
        repl = _char_norm(ch)
        # Deleted marks and tatweel sit on the letter before them, so its span grows to cover them; deleted
        # format characters (bidi, zero-width) are left outside every span.
        hit = (repl, repl == "" and unicodedata.category(ch) not in ("Cf", "Cc"))
        if len(_CACHE) < 50_000:
            _CACHE[ch] = hit
    return hit


class _OneToOne(dict[int, str]):
    """str.translate table filled on demand: characters whose rule gives exactly one character (most changes:
    alef forms, teh marbuta, upper case, digits, spaces). The rest are left for the offset-keeping loop."""

    def __missing__(self, code: int) -> str:
        repl = _lookup(chr(code))[0]
        value = repl if len(repl) == 1 else chr(code)
        if len(self) < 50_000:
            self[code] = value
        return value


_ONE_TO_ONE = _OneToOne()


def normalize_chars(text: str) -> str:
    """Apply the character rules to ``text`` (no offsets)."""
    return _MAYBE_CHANGED.sub(lambda m: _lookup(m.group())[0], text.translate(_ONE_TO_ONE))


def map_chars(text: str) -> tuple[str, list[int], list[int]]:
    """Apply the character rules, returning the new text and, per new character, its span ``[start, end)`` in
    ``text``. A deleted mark or tatweel extends the span of the character before it."""
    text = text.translate(_ONE_TO_ONE)  # same length: offsets unchanged
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _MAYBE_CHANGED.finditer(text):
        i = m.start()
        if i > pos:
            parts.append(text[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        repl, attach = _lookup(text[i])
        if repl:
            parts.append(repl)
            starts.extend([i] * len(repl))
            ends.extend([i + 1] * len(repl))
        elif attach and ends and ends[-1] == i:
            ends[-1] = i + 1
        pos = i + 1
    if pos == 0:
        n = len(text)
        return text, list(range(n)), list(range(1, n + 1))
    if pos < len(text):
        parts.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return "".join(parts), starts, ends
