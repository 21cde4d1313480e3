"""The normaliser: comment text -> word tokens with their spans in the original text.

Pipeline (each step keeps, per character, the span of the original text it came from):

1. character rules (:mod:`service.text.arabic`): NFKC, tashkeel/tatweel/zero-width/bidi removed, alef/yeh/
   teh-marbuta/Persian letters unified, digits -> ASCII, lower case, whitespace -> space;
2. repeats: any run of 3 or more identical characters other than digits and spaces becomes ONE character
   ("خلللاص" -> "خلاص", "looool" -> "lol", "!!!!" -> "!", "😂😂😂" -> "😂"); runs of two are kept ("cool",
   "!!", "الله"); digits are never squeezed (1000, phone numbers). This runs before entities are found, so
   "www." becomes "w." (still a URL when its TLD is known) and "a@b...com" is an address;
3. entities (:mod:`service.text.entities`) become one placeholder token each: ``_url_``, ``_email_``,
   ``_phone_``, ``_user_`` (@mention), ``_hashtag_``; an address masked for display (``j***@g***.com``) is an
   ``_email_`` too; placeholders already in the text stay themselves, so normalising twice changes nothing;
4. the rest is split into tokens: a word is a maximal run of letters and digits (``str.isalnum``), so
   Arabizi like "3lach", "7mar", "wa9t" stays one word, and a standalone number is an ASCII-digit word;
   every other visible character forms a token with its run of identical neighbours ("!!", "?", "😂", ".");
5. spaced-out words are joined: a run of THREE or more tokens that are each a single Arabic letter,
   consecutive or separated by exactly one "." / "-" / "_" token, becomes one word ("ك ل ب", "ك.ل.ب",
   "ك - ل - ب", "ك_ل_ب" -> "كلب"), then step 2 is applied to it again. One or two single letters are left
   alone, so the conjunction "و" or the preposition "ب" standing before a normal word is never glued to
   anything; a word of two or more letters ends the run. Latin letters are never joined ("u s a" stays).

``normalize(x)`` is the tokens' texts joined with single spaces; it is idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.text.arabic import ARABIC_LETTER, map_chars
from service.text.entities import NORMALIZE_FALLBACK, NORMALIZE_SCANNER, PLACEHOLDERS, iter_entities

_PIECE = re.compile(r"[^\W_]+|(\S)\1*")
_JOINERS = frozenset(".-_")
_REPEATS = re.compile(r"(\D)\1{2,}")
# Runs of 3+ identical characters other than digits and spaces (the normaliser squeezes them to one).
_SQUEEZER = re.compile(r"(?=(.)\1\1)[^\d\s]\1+", re.DOTALL)

_Piece = tuple[str, int, int]  # (norm, start, end): tokens before they become Token objects


@dataclass(frozen=True)
class Token:
    """A normalised token and the span ``[start, end)`` of the ORIGINAL text it came from."""

    norm: str
    start: int
    end: int


def squeeze(s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """Squeeze runs of 3+ identical non-digit characters to one; the kept character spans the whole run."""
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for m in _SQUEEZER.finditer(s):
        a, b = m.span()
        parts.append(s[pos : a + 1])
        new_starts.extend(starts[pos : a + 1])
        new_ends.extend(ends[pos:a])
        new_ends.append(ends[b - 1])
        pos = b
    if pos == 0:
        return s, starts, ends
    parts.append(s[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(parts), new_starts, new_ends


def _split(s: str, a: int, b: int, starts: list[int], ends: list[int], out: list[_Piece]) -> None:
    """Words and symbol runs of ``s[a:b]`` (a stretch with no entity in it)."""
    segment = s[a:b]
    i = 0
    for chunk in segment.split():
        i = segment.find(chunk, i)
        if chunk.isalnum():  # the common case: a whole word; same test as [^\W_]
            out.append((chunk, starts[a + i], ends[a + i + len(chunk) - 1]))
        else:
            for m in _PIECE.finditer(chunk):
                j, k = a + i + m.start(), a + i + m.end()
                out.append((m.group(), starts[j], ends[k - 1]))
        i += len(chunk)


def _is_letter(piece: _Piece) -> bool:
    return len(piece[0]) == 1 and ARABIC_LETTER.match(piece[0]) is not None


def _join_spaced_letters(pieces: list[_Piece]) -> list[_Piece]:
    out: list[_Piece] = []
    i, n = 0, len(pieces)
    while i < n:
        if not _is_letter(pieces[i]):
            out.append(pieces[i])
            i += 1
            continue
        letters = [i]
        j = i + 1
        while j < n:
            if _is_letter(pieces[j]):
                letters.append(j)
                j += 1
            elif pieces[j][0] in _JOINERS and j + 1 < n and _is_letter(pieces[j + 1]):
                letters.append(j + 1)
                j += 2
            else:
                break
        if len(letters) >= 3:
            word = _REPEATS.sub(r"\1", "".join(pieces[k][0] for k in letters))
            out.append((word, pieces[i][1], pieces[letters[-1]][2]))
            i = letters[-1] + 1
        else:
            out.append(pieces[i])
            i += 1
    return out


def _pieces(text: str) -> list[_Piece]:
    s, starts, ends = squeeze(*map_chars(text))
    pieces: list[_Piece] = []
    pos = 0
    for kind, a, b, m in iter_entities(s, NORMALIZE_SCANNER, NORMALIZE_FALLBACK):
        if a > pos:
            _split(s, pos, a, starts, ends, pieces)
        pieces.append((m.group() if kind == "placeholder" else PLACEHOLDERS[kind], starts[a], ends[b - 1]))
        pos = b
    if pos < len(s):
        _split(s, pos, len(s), starts, ends, pieces)
    if sum(len(p[0]) == 1 for p in pieces) >= 3:
        pieces = _join_spaced_letters(pieces)
    return pieces


def normalize_tokens(text: str) -> list[Token]:
    """Normalised tokens of ``text``, each with the span of the original text it came from."""
    return [Token(norm, start, end) for norm, start, end in _pieces(text)]


def normalize(text: str) -> str:
    """Normalised text for model features and term matching (tokens joined by single spaces)."""
    return " ".join(p[0] for p in _pieces(text))


# Forms for matching terms against a comment (the sites' term lists). The model's features never use them:
# they fold further than the features may (every doubled letter, hamza seats, clitics, Arabizi spellings).

_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": ""})
_DOUBLED = re.compile(r"(.)\1+")
# Prefixes a word may carry and still be the same word: "و", "ف", "ب", "ل", "ك", the article, and both.
PROCLITICS: tuple[str, ...] = (
    "وبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
# Arabizi: Latin letters with the digits that stand for Arabic letters (3 ع, 7 ح, 5 خ, 9 ق/ص, 2 ء, 6 ط, 8 غ).
_ARABIZI = re.compile(r"(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[2356789])[a-z0-9]+")
# Consonant skeletons shared by both scripts: long vowels and their Latin spellings drop out, so "7mar",
# "7mir" and "حمار" are all "hmr". Letters that Arabizi writes two ways give alternatives (9: ق or ص).
_ARABIC_SKELETON = str.maketrans({
    **dict.fromkeys("اويء", ""), "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x",
    "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d", "ط": "t", "ظ": "d",
    "ع": "3", "غ": "g", "ف": "f", "ڤ": "f", "ق": "q", "گ": "g", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "چ": "c",
})  # fmt: skip
_LATIN_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("sh", "c"), ("ch", "c"), ("th", "t"), ("dh", "d"))
_LATIN_SKELETON: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("aeiouwy2", ("",)), "3": ("3",), "5": ("x",), "6": ("t",), "7": ("h",), "8": ("g",),
    "9": ("q", "s"), "g": ("g", "j", "q"), "p": ("b",), "v": ("f",), "c": ("k",),
}  # fmt: skip
_MAX_ALTERNATIVES = 16


def match_key(word: str) -> str:
    """A normalised word as term lists compare it: hamza seats folded, every doubled letter single."""
    return _DOUBLED.sub(r"\1", word.translate(_HAMZA_SEATS))


def word_keys(word: str) -> frozenset[str]:
    """The keys a normalised word of a comment matches: itself, and itself without one leading proclitic
    ("والكلب" is "كلب" too) when at least two letters are left, so that "زبون" is never "زب" + "ون"."""
    key = match_key(word)
    keys = {key}
    for prefix in PROCLITICS:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            keys.add(key[len(prefix) :])
    return frozenset(keys)


def arabic_skeleton(key: str) -> str:
    """The consonant skeleton of an Arabic-script match key ("حمار" -> "hmr")."""
    return _DOUBLED.sub(r"\1", key.translate(_ARABIC_SKELETON))


def arabizi_skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons an Arabizi word may stand for ("7mar" -> {"hmr"}; "l7mar" -> {"lhmr", "hmr"});
    empty for any word that is not Latin letters mixed with Arabizi digits, so English words never match."""
    if not _ARABIZI.fullmatch(word):
        return frozenset()
    for digraph, letter in _LATIN_DIGRAPHS:
        word = word.replace(digraph, letter)
    variants = [""]
    for ch in word:
        options = _LATIN_SKELETON.get(ch, (ch,))
        variants = [v + o for v in variants for o in options][:_MAX_ALTERNATIVES]
    out = {_DOUBLED.sub(r"\1", v) for v in variants}
    # The article and the one-letter proclitics, spelled l/el/wl/b/f/k before the word.
    out |= {v[1:] for v in out if v[:1] in "lbfk" and len(v) > 3}
    return frozenset(v for v in out if len(v) >= 2)
