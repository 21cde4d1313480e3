"""Spelling variations Arabic commenters produce without changing meaning, for the invariance tests.

Each function is pure and deterministic: text in, perturbed text out.
"""

from __future__ import annotations

import re

TATWEEL = "\u0640"
FATHA, DAMMA, KASRA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0652"
_HARAKAT = (FATHA, KASRA, DAMMA, SUKUN)
# Letters that never join the letter after them: a tatweel after them would float unattached.
_NON_JOINING = set("اأإآدذرزوؤةءى")
_LONG_VOWELS = set("اوي")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")


def _map_words(text: str, fn) -> str:
    counter = iter(range(10_000))
    return _ARABIC_WORD.sub(lambda m: fn(m.group(0), next(counter)), text)


def add_tatweel(text: str) -> str:
    """Stretch every word of 4+ letters with two tatweels after a joining letter near its middle."""

    def stretch(word: str, _: int) -> str:
        if len(word) < 4:
            return word
        for i in range(len(word) // 2 - 1, len(word) - 1):
            lam_alef = word[i] == "ل" and word[i + 1] in "اأإآ"  # keep the لا ligature whole
            if word[i] not in _NON_JOINING and not lam_alef:
                return word[: i + 1] + TATWEEL * 2 + word[i + 1 :]
        return word

    return _map_words(text, stretch)


def add_diacritics(text: str) -> str:
    """Partly vocalise: a short vowel or sukun on every consonant but the last of each word of 3+ letters."""

    def vocalise(word: str, _: int) -> str:
        if len(word) < 3:
            return word
        out = []
        for i, ch in enumerate(word):
            out.append(ch)
            if i < len(word) - 1 and ch not in _LONG_VOWELS and ch not in "ءأإآىة":
                out.append(_HARAKAT[i % len(_HARAKAT)])
        return "".join(out)

    return _map_words(text, vocalise)


def repeat_letters(text: str, target: str, times: int = 5, extra_words: int = 2) -> str:
    """Elongate the target word and the next longest words for emphasis (حماااار): a long vowel, else the
    last letter, written ``times`` times."""
    words = sorted(set(_ARABIC_WORD.findall(text)) - {target}, key=lambda w: (-len(w), w))
    chosen = {target, *words[:extra_words]}

    def elongate(word: str, _: int) -> str:
        if word not in chosen or len(word) < 2:
            return word
        for i in range(len(word) - 1, 0, -1):
            if word[i] in _LONG_VOWELS:
                return word[:i] + word[i] * times + word[i + 1 :]
        if word[-1] == "ة":  # a stretched taa marbuta is not a thing; stretch the letter before it
            return word[:-2] + word[-2] * times + word[-1]
        return word + word[-1] * (times - 1)

    return _map_words(text, elongate)


def swap_alef(text: str) -> str:
    """Alternate hamza spellings at word start: bare alef gains a hamza (أ/إ), hamzated alefs lose it."""

    def swap(word: str, n: int) -> str:
        first = word[0]
        if first in "أإآ":
            return "ا" + word[1:]
        if first == "ا" and not word.startswith("ال"):
            return ("أ" if n % 2 == 0 else "إ") + word[1:]
        return word

    return _map_words(text, swap)


def space_out(text: str, target: str) -> str:
    """Write the target word letter by letter with spaces (ح م ا ر), as users do to dodge word filters."""
    if target not in text:
        raise ValueError(f"{target!r} is not in {text!r}")
    letters = re.findall(r".[\u064B-\u0652]*", target)  # a diacritic stays on its letter
    return text.replace(target, " ".join(letters), 1)
